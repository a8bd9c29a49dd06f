package analysis

import (
	"bufio"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// scanWords (the assembly scanner on amd64) must read what scanWordsGo reads: the same
// stopping offset, count and flag, and the same tokens, from every offset, with the token
// buffer full or not.
func TestScanWordsMatchesGo(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"", " ", "a", "A", "1", "it's", "'tis", "ok'", "a_b", "_x", "http://x.y/z a", "go://", "x:/",
		"NOT HAPPY!!! where is my refund???", "I can\u2019t believe it", "caf\u00e9 ok", "ab\xff cd",
		"The tracking page says delivered but nothing is here", "ABC abc AbC 123 A1 1a 12ab'c",
		// the fast path's ends: a text ending in a capital, a lower-case letter or neither,
		// words before marks, capitals first and after
		"I", "ok I", "Hi", "hi", "Hi there.", "The END", "x Hi!", "so, I did. Thanks? yes! no:", "I'm Ok x",
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
	rng := rand.New(rand.NewPCG(1, 2))
	bits := []string{"a", "z", "Q", "7", "'", "_", " ", "  ", ":", "/", "://", "\n", "\t", "\u00e9", "\u2019", "\xff", ".", "!", "-", "@",
		"?", "?!", "!!!?", ",", ";", "\r", "(", ")", "\"", "*", ":)", ":-(", "..", ". ", ", ", "?\n", "\x7f", strings.Repeat("!", 300), strings.Repeat("?!", 200)}
	for k := 0; k < 3000; k++ {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			if rng.IntN(3) == 0 {
				b.WriteString(bits[rng.IntN(len(bits))])
			} else {
				w := words[rng.IntN(len(words))]
				if rng.IntN(4) == 0 {
					w = strings.ToUpper(w)
				}
				b.WriteString(w)
				if rng.IntN(3) > 0 {
					b.WriteByte(' ')
				}
			}
		}
		texts = append(texts, b.String())
	}
	garbage := func(toks []token) {
		for i := range toks {
			toks[i] = token{start: -7, end: -9, h: 0xdeadbeef, lex: -3, kind: 9, flags: 0xf0, punct: 'x', n: 77}
		}
	}
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			for _, size := range []int{1, 3, 64} {
				for _, nt := range []int{0, size - 1, size} {
					if nt < 0 {
						continue
					}
					a, b := make([]token, size), make([]token, size)
					garbage(a)
					garbage(b)
					i1, n1, o1 := e.scanWords(s, i, a, nt)
					i2, n2, o2 := e.scanWordsGo(s, i, b, nt)
					if i1 != i2 || n1 != n2 || o1 != o2 {
						t.Fatalf("%q from %d (room %d, at %d): scanWords %d %d %v, scanWordsGo %d %d %v", s, i, size, nt, i1, n1, o1, i2, n2, o2)
					}
					for k := range a {
						if a[k] != b[k] {
							t.Fatalf("%q from %d: token %d: %+v, want %+v", s, i, k, a[k], b[k])
						}
					}
				}
			}
		}
	}
}
