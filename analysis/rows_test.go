package analysis

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
)

// featureRows (Analyze's path) must give the rows and the feature count that featureKeys
// (training's path) gives, looked up one by one.
func TestPrefix4(t *testing.T) {
	for _, p := range []string{"disa", "DiSa", "ab'c", "abc1", "zzzz", "ÄÖÜß"[:4], "a-bc"} {
		h1, ok1 := prefixHash(p)
		h2, ok2 := prefix4(p)
		if h1 != h2 || ok1 != ok2 {
			t.Errorf("%q: prefix4 %x %v, prefixHash %x %v", p, h2, ok2, h1, ok1)
		}
	}
}

func TestFeatureRowsMatchKeys(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"", "!!!", "I do not like this at all, it's not good", "NOT HAPPY!!! where is my refund???",
		"never again 😡 :( thanks for nothing", "Why? Why not. No, nobody cares... but thanks",
		"unknownwordxyz qwertyuiop asdfgh", "I can't believe how disappointing, frustrating and useless this is",
		"What a wonderful, wonderful surprise! Thank you so much :)", "ÜBER café naïve résumé 東京 مرحبا",
		// words the weight file gives a prefix for, written so the hash is the same but the
		// bytes are not plain ASCII (a Kelvin sign, a typographic apostrophe): the prefix
		// comes from the text then
		"than\u212a you, I can\u2019t believe it, DISAPPOINTED and disappointed, wouldn\u2019t",
	}
	for _, list := range []string{"testdata/messages.txt", "testdata/support.txt"} {
		f, err := os.Open(list)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if l := sc.Text(); l != "" && l[0] != '#' {
				texts = append(texts, l[strings.LastIndex(l, "|")+1:])
			}
		}
		f.Close()
	}
	stride := int32(e.model.stride)
	for _, text := range texts {
		toks := e.tokenize(text, nil)
		feats := e.featureKeys(text, toks, nil)
		var want []int32
		for _, f := range feats {
			off := e.rowOf(f.key) // the table holds row offsets
			if f.lex >= 0 {
				off = -1
				if row := e.lex[f.lex].row; row >= 0 {
					off = row * stride
				}
			}
			if off >= 0 {
				want = append(want, off)
			}
		}
		got, n := e.featureRows(text, toks, nil)
		slices.Sort(want)
		slices.Sort(got)
		if n != len(feats) || !slices.Equal(got, want) {
			t.Errorf("%q: featureRows gives %d features, rows %v; featureKeys %d, rows %v", text, n, got, len(feats), want)
		}
		// the negation marks agree with featureKeys' negated words
		for _, f := range feats {
			if f.tok >= 0 && toks[f.tok].kind != tokPunct && (f.lex >= 0 || f.uni) && toks[f.tok].flags&flagNegated != 0 {
				t.Errorf("%q: token %d is marked negated but featureKeys reads it plainly", text, f.tok)
			}
		}
	}
}
