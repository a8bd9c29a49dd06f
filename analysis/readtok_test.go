package analysis

import (
	"bufio"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// readTokens (the assembly loop on amd64) must give what readTokensGo gives: the feature
// count, the rows in the same order, every list and count, and the negation marks.
func TestReadTokensMatchesGo(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"", "!", "?!?", "... ;", "I do not like this at all, it's not good", "NOT HAPPY!!! where is my refund???",
		"never again 😡 :( thanks for nothing", "Why? Why not. No, nobody cares... but thanks",
		"unknownwordxyz qwertyuiop asdfgh notaword", "I can't believe how disappointing, frustrating and useless this is",
		"What a wonderful, wonderful surprise! Thank you so much :)", "ÜBER café naïve résumé 東京 مرحبا",
		"than\u212a you, I can\u2019t believe it, DISAPPOINTED and disappointed, wouldn\u2019t",
		"although it was fine, the third time I call, still nothing. I'm worried and angry, damn it",
		"not unknownwordxyz qwertyuiop, never disappointingly frustratingly 12345 abcd1234",
	}
	for _, list := range []string{"testdata/messages.txt", "testdata/support.txt"} {
		f, err := os.Open(list)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			texts = append(texts, sc.Text())
		}
		f.Close()
	}
	var words []string
	for _, s := range texts {
		words = append(words, strings.Fields(s)...)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < 2000; k++ {
		var b strings.Builder
		n := rng.IntN(40)
		if k%100 == 0 {
			n = 700 // more than one chunk of tokens
		}
		for ; n > 0; n-- {
			w := words[rng.IntN(len(words))]
			switch rng.IntN(8) {
			case 0:
				w = strings.ToUpper(w)
			case 1:
				w = "not " + w
			case 2:
				w += "!!"
			}
			b.WriteString(w)
			b.WriteByte(' ')
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		toks := e.tokenize(s, nil)
		toks2 := slices.Clone(toks)
		var st1, st2 tokenStats
		sc1, sc2 := &scratch{toks: toks}, &scratch{toks: toks2}
		n1 := e.readTokens(s, sc1, &st1)
		n2 := e.readTokensGo(s, sc2, &st2)
		if n1 != n2 {
			t.Fatalf("%q: %d features, want %d", s, n1, n2)
		}
		if !slices.Equal(toks, toks2) {
			t.Fatalf("%q: the tokens differ", s)
		}
		for _, l := range []struct {
			name string
			a, b []int32
		}{{"vw", sc1.vw, sc2.vw}, {"rows", sc1.rows, sc2.rows}, {"cand", sc1.cand, sc2.cand},
			{"moodCand", sc1.moodCand, sc2.moodCand}, {"scored", sc1.scored, sc2.scored}} {
			if !slices.Equal(l.a, l.b) {
				t.Fatalf("%q: %s %v, want %v", s, l.name, l.a, l.b)
			}
		}
		st1.cand, st1.moodCand, st1.scored = nil, nil, nil
		st2.cand, st2.moodCand, st2.scored = nil, nil, nil
		if !reflect.DeepEqual(st1, st2) {
			t.Fatalf("%q: counts %+v, want %+v", s, st1, st2)
		}
	}
}
