// Package eval measures Attune's analysis against people's judgements: the human-labelled
// sets in ../shared/data/eval, beside the peer figures from that folder's README.
package eval

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"
)

// Figure is one measured number beside its peer and its goal.
type Figure struct {
	Section string  `json:"section"` // e.g. "sentiment", "emotions", "coach"
	Name    string  `json:"name"`    // e.g. "Pearson r, VADER tweets"
	Set     string  `json:"set"`     // the file it was measured on
	N       int     `json:"n"`       // items measured
	Value   float64 `json:"value"`
	Peer    string  `json:"peer"` // e.g. "VADER 0.872"
	Goal    float64 `json:"goal"` // the value to reach; the figure passes when Value ≥ Goal
}

// Met reports whether the figure reaches its goal.
func (f Figure) Met() bool { return !math.IsNaN(f.Value) && f.Value >= f.Goal }

// WriteTable prints figures as an aligned table, grouped by section. The name and peer
// columns are as wide as their longest entry, so long peer notes never push the verdict out
// of line; a figure below its goal says by how much.
func WriteTable(w io.Writer, figs []Figure) error {
	nameW, peerW := len("figure"), len("peer")
	for _, f := range figs {
		nameW = max(nameW, utf8.RuneCountInString(f.Name))
		peerW = max(peerW, utf8.RuneCountInString(f.Peer))
	}
	pad := func(s string, n int) string {
		return s + strings.Repeat(" ", max(n-utf8.RuneCountInString(s), 0))
	}
	var b strings.Builder
	section := ""
	for _, f := range figs {
		if f.Section != section {
			section = f.Section
			fmt.Fprintf(&b, "\n%s\n", strings.ToUpper(section))
			fmt.Fprintf(&b, "  %s %7s %8s %7s  %s  %s\n", pad("figure", nameW), "n", "attune", "goal", pad("peer", peerW), "")
		}
		mark := "meets goal"
		switch {
		case math.IsNaN(f.Value):
			mark = "not measured"
		case !f.Met():
			mark = fmt.Sprintf("below goal by %.3f", f.Goal-f.Value)
		}
		fmt.Fprintf(&b, "  %s %7d %8.3f %7.2f  %s  %s\n", pad(f.Name, nameW), f.N, f.Value, f.Goal, pad(f.Peer, peerW), mark)
	}
	_, err := io.WriteString(w, strings.TrimPrefix(b.String(), "\n"))
	return err
}
