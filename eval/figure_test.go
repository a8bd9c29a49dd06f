package eval

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestWriteTableAligns checks that every row's verdict starts in the same column, however
// long a name or a peer note is, and that a figure below its goal says by how much.
func TestWriteTableAligns(t *testing.T) {
	figs := []Figure{
		{Section: "coach", Name: "short", N: 3, Value: 0.9, Goal: 0.8, Peer: "p"},
		{Section: "coach", Name: "a much longer figure name than the others", N: 1650, Value: 0.663, Goal: 0.78,
			Peer: "strategy features 0.78; VADER 0.56; and a long note"},
		{Section: "emotions", Name: "é accented", N: 10, Value: math.NaN(), Goal: 0.5, Peer: "BERT"},
	}
	var b strings.Builder
	if err := WriteTable(&b, figs); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	col := -1
	for _, line := range strings.Split(out, "\n") {
		i := -1
		for _, mark := range []string{"meets goal", "below goal", "not measured"} {
			if j := strings.Index(line, mark); j >= 0 {
				i = utf8.RuneCountInString(line[:j])
			}
		}
		if i < 0 {
			continue
		}
		if col >= 0 && i != col {
			t.Errorf("verdict at column %d, want %d:\n%s", i, col, out)
		}
		col = i
	}
	if col < 0 {
		t.Fatalf("no verdicts in:\n%s", out)
	}
	if !strings.Contains(out, "below goal by 0.117") {
		t.Errorf("the gap is not stated:\n%s", out)
	}
	if !strings.Contains(out, "not measured") {
		t.Errorf("a NaN figure should read as not measured:\n%s", out)
	}
}
