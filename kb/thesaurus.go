package kb

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

//go:embed thesaurus.txt
var thesaurusText string

// Thesaurus bridges everyday words and an article's words: a search for one entry also
// finds its equals. It is immutable once built and safe for concurrent use.
type Thesaurus struct {
	// expand maps a key (the stems of a word or phrase, space-separated) to the words and
	// phrases a search for it also looks for.
	expand  map[string][][]string
	longest int      // the most words in one key
	words   []string // every single word in the thesaurus, for typo correction
}

// DefaultThesaurus is the thesaurus that ships with Attune (thesaurus.txt), parsed once.
var DefaultThesaurus = sync.OnceValue(func() *Thesaurus {
	t, err := ParseThesaurus(strings.NewReader(thesaurusText))
	if err != nil {
		panic("kb: the embedded thesaurus is broken: " + err.Error()) // a build defect, caught by tests
	}
	return t
})

// ParseThesaurus reads a thesaurus: one group a line, "a, b, c" for equals or
// "a, b => c, d" for a one-way bridge; # starts a comment.
func ParseThesaurus(r io.Reader) (*Thesaurus, error) {
	t := &Thesaurus{expand: map[string][][]string{}}
	seen := map[string]map[string]bool{}
	words := map[string]bool{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		from, to, oneWay := strings.Cut(text, "=>")
		left := parseList(from)
		right := left
		if oneWay {
			right = append(parseList(to), left...)
		}
		if len(left) == 0 || len(right) < 2 {
			return nil, fmt.Errorf("line %d: a group needs at least two entries", line)
		}
		for _, e := range right {
			for _, w := range e {
				words[w] = true
			}
		}
		for _, l := range left {
			key := stemKey(l)
			if seen[key] == nil {
				seen[key] = map[string]bool{}
			}
			t.longest = max(t.longest, len(l))
			for _, alt := range right {
				if k := strings.Join(alt, " "); !seen[key][k] && stemKey(alt) != key {
					seen[key][k] = true
					t.expand[key] = append(t.expand[key], alt)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for w := range words {
		t.words = append(t.words, w)
	}
	sort.Strings(t.words)
	return t, nil
}

func parseList(s string) [][]string {
	var out [][]string
	for _, item := range strings.Split(s, ",") {
		if w := Words(item); len(w) > 0 {
			out = append(out, w)
		}
	}
	return out
}

// stemKey is how a word or phrase is looked up: its words' stems.
func stemKey(words []string) string {
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = Stem(w)
	}
	return strings.Join(stems, " ")
}

// Lookup returns what a search for the words (one word or a phrase) also looks for.
func (t *Thesaurus) Lookup(words ...string) [][]string {
	if t == nil {
		return nil
	}
	return t.expand[stemKey(words)]
}

// has reports whether a word's stem is a key.
func (t *Thesaurus) has(stem string) bool {
	if t == nil {
		return false
	}
	_, ok := t.expand[stem]
	return ok
}

// Words lists every single word the thesaurus knows, sorted.
func (t *Thesaurus) Words() []string {
	if t == nil {
		return nil
	}
	return t.words
}
