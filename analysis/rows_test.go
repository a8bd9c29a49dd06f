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
	}
	if f, err := os.Open("testdata/messages.txt"); err == nil {
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
		var wantUni []tokRow
		for _, f := range feats {
			row := int32(-1)
			if f.lex >= 0 {
				row = e.lex[f.lex].row
			} else {
				row = e.model.feat.get(f.key)
			}
			if row >= 0 {
				want = append(want, row*stride)
				if f.uni {
					wantUni = append(wantUni, tokRow{f.tok, row})
				}
			}
		}
		got, gotUni, n := e.featureRows(text, toks, nil, nil)
		slices.Sort(want)
		slices.Sort(got)
		if n != len(feats) || !slices.Equal(got, want) || !slices.Equal(gotUni, wantUni) {
			t.Errorf("%q: featureRows gives %d features, rows %v, words %v; featureKeys %d, rows %v, words %v",
				text, n, got, gotUni, len(feats), want, wantUni)
		}
	}
}
