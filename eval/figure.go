// Package eval measures Attune's analysis against people's judgements: the human-labelled
// sets in ../shared/data/eval, beside the peer figures from that folder's README.
package eval

import (
	"fmt"
	"io"
	"math"
	"strings"
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

// WriteTable prints figures as an aligned table, grouped by section.
func WriteTable(w io.Writer, figs []Figure) error {
	var b strings.Builder
	section := ""
	for _, f := range figs {
		if f.Section != section {
			section = f.Section
			fmt.Fprintf(&b, "\n%s\n", strings.ToUpper(section))
			fmt.Fprintf(&b, "  %-52s %7s %8s %7s  %-32s %s\n", "figure", "n", "attune", "goal", "peer", "")
		}
		mark := "below goal"
		if f.Met() {
			mark = "meets goal"
		}
		fmt.Fprintf(&b, "  %-52s %7d %8.3f %7.2f  %-32s %s\n", f.Name, f.N, f.Value, f.Goal, f.Peer, mark)
	}
	_, err := io.WriteString(w, strings.TrimPrefix(b.String(), "\n"))
	return err
}
