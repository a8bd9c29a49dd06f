package kb

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"sort"
	"strings"
	"sync"
)

// englishWords is SCOWL's English word list (see english-words.README.md).
//
//go:embed english-words.txt.gz
var englishWords []byte

// dictionary is the sorted word list, unpacked on first use.
var dictionary = sync.OnceValue(func() []string {
	zr, err := gzip.NewReader(bytes.NewReader(englishWords))
	if err != nil {
		panic("kb: the embedded word list is broken: " + err.Error()) // a build defect, caught by tests
	}
	out := make([]string, 0, 66_000)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		out = append(out, strings.Clone(sc.Text()))
	}
	if sc.Err() != nil {
		panic("kb: the embedded word list is broken: " + sc.Err().Error())
	}
	return out
})

// EnglishWord reports whether w (lower case) is a word of English, so a search never
// "corrects" a real word just because no article happens to use it.
func EnglishWord(w string) bool {
	d := dictionary()
	i := sort.SearchStrings(d, w)
	return i < len(d) && d[i] == w
}
