package eval

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/attune-desk/attune/analysis"
)

// CoachFigures measures the empathy coach on the human-labelled sets in dataDir (the
// folder of ../shared/data/eval): EPITOME's three mechanisms as macro-F1 over levels
// 0/1/2, with the seeker's post as the customer and the response as the reply, and
// politeness as the accuracy of "politeness > 0" on the polite and impolite quartiles of
// the Stanford requests. With an engine, each seeker's post carries the engine's reading,
// as it does in the product; with nil, the coach reads the text alone.
func CoachFigures(dataDir string, c *analysis.Coach, e *analysis.Engine) ([]Figure, error) {
	figs, err := coachEpitome(dataDir, c, e)
	if err != nil {
		return nil, err
	}
	for _, p := range []struct {
		file, name, peer string
		goal             float64
	}{
		{"politeness_wikipedia.tsv", "politeness, Wikipedia requests (quartile accuracy)", "strategy features 0.84; VADER 0.69", 0.84},
		{"politeness_stackexchange.tsv", "politeness, Stack Exchange requests (quartile accuracy)", "strategy features 0.78; VADER 0.56", 0.78},
	} {
		f, err := coachPoliteness(dataDir, p.file, c)
		if err != nil {
			return nil, err
		}
		f.Name, f.Peer, f.Goal = p.name, p.peer, p.goal
		figs = append(figs, f)
	}
	return figs, nil
}

func coachEpitome(dataDir string, c *analysis.Coach, e *analysis.Engine) ([]Figure, error) {
	const file = "epitome.tsv"
	var gold, pred [3][]int
	err := coachReadTSV(filepath.Join(dataDir, file), []string{"er_level", "ip_level", "ex_level", "seeker_post", "response_post"}, func(row []string) error {
		var g [3]int
		for k := 0; k < 3; k++ {
			lvl, err := strconv.Atoi(row[k])
			if err != nil || lvl < 0 || lvl > 2 {
				return fmt.Errorf("level %q is not 0, 1 or 2", row[k])
			}
			g[k] = lvl
		}
		turn := analysis.CoachTurn{Text: row[3]}
		if e != nil {
			r := e.Analyze(row[3])
			turn = analysis.CoachTurnFrom(row[3], &r)
		}
		rep := c.Review(analysis.CoachInput{Customer: []analysis.CoachTurn{turn}, Draft: row[4]})
		p := [3]int{rep.Mechanisms.EmotionalReaction, rep.Mechanisms.Interpretation, rep.Mechanisms.Exploration}
		for k := 0; k < 3; k++ {
			gold[k] = append(gold[k], g[k])
			pred[k] = append(pred[k], p[k])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	names := [3]string{"EPITOME emotional reaction, macro-F1 (0/1/2)", "EPITOME interpretation, macro-F1 (0/1/2)", "EPITOME exploration, macro-F1 (0/1/2)"}
	peers := [3]string{"RoBERTa 0.75; majority 0.27", "RoBERTa 0.70; majority 0.23", `RoBERTa 0.64; "?" rule 0.53`}
	goals := [3]float64{0.72, 0.65, 0.65}
	var figs []Figure
	for k := 0; k < 3; k++ {
		figs = append(figs, Figure{Section: "coach", Name: names[k], Set: file, N: len(gold[k]),
			Value: coachMacroF1(gold[k], pred[k], 3), Peer: peers[k], Goal: goals[k]})
	}
	return figs, nil
}

func coachPoliteness(dataDir, file string, c *analysis.Coach) (Figure, error) {
	right, n := 0, 0
	err := coachReadTSV(filepath.Join(dataDir, file), []string{"quartile_label", "request"}, func(row []string) error {
		label := row[0]
		if label != "polite" && label != "impolite" {
			return nil
		}
		rep := c.Review(analysis.CoachInput{Draft: row[1]})
		if (rep.Politeness > 0) == (label == "polite") {
			right++
		}
		n++
		return nil
	})
	if err != nil {
		return Figure{}, err
	}
	f := Figure{Section: "coach", Set: file, N: n}
	if n > 0 {
		f.Value = float64(right) / float64(n)
	}
	return f, nil
}

// coachReadTSV calls fn with the named columns of every row of a TSV file with a header
// row, read with quoting off as the data README asks.
func coachReadTSV(path string, cols []string, fn func(row []string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var idx []int
	line := 0
	row := make([]string, len(cols))
	for sc.Scan() {
		line++
		fields := strings.Split(sc.Text(), "\t")
		if idx == nil {
			for _, c := range cols {
				k := -1
				for i, h := range fields {
					if h == c {
						k = i
					}
				}
				if k < 0 {
					return fmt.Errorf("%s: no column %q in the header", path, c)
				}
				idx = append(idx, k)
			}
			continue
		}
		for i, k := range idx {
			if k >= len(fields) {
				return fmt.Errorf("%s:%d: %d columns, want at least %d", path, line, len(fields), k+1)
			}
			row[i] = fields[k]
		}
		if err := fn(row); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if idx == nil {
		return fmt.Errorf("%s: empty file", path)
	}
	return nil
}

// coachMacroF1 is the mean over classes 0…k−1 of each class's F1; a class never predicted
// and never present counts as 0, as scikit-learn does with zero_division=0.
func coachMacroF1(gold, pred []int, k int) float64 {
	if len(gold) == 0 || len(gold) != len(pred) {
		return 0
	}
	sum := 0.0
	for c := 0; c < k; c++ {
		tp, fp, fn := 0, 0, 0
		for i := range gold {
			switch {
			case gold[i] == c && pred[i] == c:
				tp++
			case pred[i] == c:
				fp++
			case gold[i] == c:
				fn++
			}
		}
		if tp > 0 {
			sum += 2 * float64(tp) / float64(2*tp+fp+fn)
		}
	}
	return sum / float64(k)
}

// CoachItem is one judged item of an evaluation set: its position among the set's data
// rows, the gold label, the coach's and, for politeness, the score and the strategies that
// fired (analysis.CoachReport.Extra["politeness"]).
type CoachItem struct {
	Row        int
	Gold, Pred int
	Score      float64
	Strategies string
}

// CoachSplit is one coach figure on the whole development half and on its odd and even
// data rows apart (rows counted from 0 after the header), with the items behind it: a
// change that helps one half only is fitting the rows, not the judgement.
type CoachSplit struct {
	Name            string
	Full, Odd, Even float64
	Items           []CoachItem
}

// CoachSplits measures the five coach figures as CoachFigures does and splits each into
// odd and even rows. For politeness, Gold and Pred are 1 for polite and 0 for impolite.
func CoachSplits(dataDir string, c *analysis.Coach, e *analysis.Engine) ([]CoachSplit, error) {
	var ep [3][]CoachItem
	row := 0
	err := coachReadTSV(filepath.Join(dataDir, "epitome.tsv"), []string{"er_level", "ip_level", "ex_level", "seeker_post", "response_post"}, func(r []string) error {
		turn := analysis.CoachTurn{Text: r[3]}
		if e != nil {
			a := e.Analyze(r[3])
			turn = analysis.CoachTurnFrom(r[3], &a)
		}
		rep := c.Review(analysis.CoachInput{Customer: []analysis.CoachTurn{turn}, Draft: r[4]})
		p := [3]int{rep.Mechanisms.EmotionalReaction, rep.Mechanisms.Interpretation, rep.Mechanisms.Exploration}
		for k := 0; k < 3; k++ {
			g, err := strconv.Atoi(r[k])
			if err != nil || g < 0 || g > 2 {
				return fmt.Errorf("level %q is not 0, 1 or 2", r[k])
			}
			ep[k] = append(ep[k], CoachItem{Row: row, Gold: g, Pred: p[k]})
		}
		row++
		return nil
	})
	if err != nil {
		return nil, err
	}
	f1 := func(items []CoachItem, keep func(int) bool) float64 {
		var g, p []int
		for _, it := range items {
			if keep(it.Row) {
				g, p = append(g, it.Gold), append(p, it.Pred)
			}
		}
		return coachMacroF1(g, p, 3)
	}
	acc := func(items []CoachItem, keep func(int) bool) float64 {
		right, n := 0, 0
		for _, it := range items {
			if keep(it.Row) {
				n++
				if it.Gold == it.Pred {
					right++
				}
			}
		}
		if n == 0 {
			return 0
		}
		return float64(right) / float64(n)
	}
	all := func(int) bool { return true }
	odd := func(r int) bool { return r%2 == 1 }
	even := func(r int) bool { return r%2 == 0 }
	var out []CoachSplit
	for k, name := range [3]string{"emotional reaction", "interpretation", "exploration"} {
		out = append(out, CoachSplit{Name: name, Full: f1(ep[k], all), Odd: f1(ep[k], odd), Even: f1(ep[k], even), Items: ep[k]})
	}
	for _, p := range [2][2]string{{"politeness_wikipedia.tsv", "Wikipedia"}, {"politeness_stackexchange.tsv", "Stack Exchange"}} {
		var items []CoachItem
		row := 0
		err := coachReadTSV(filepath.Join(dataDir, p[0]), []string{"quartile_label", "request"}, func(r []string) error {
			defer func() { row++ }()
			if r[0] != "polite" && r[0] != "impolite" {
				return nil
			}
			rep := c.Review(analysis.CoachInput{Draft: r[1]})
			it := CoachItem{Row: row, Score: rep.Politeness, Strategies: rep.Extra["politeness"]}
			if r[0] == "polite" {
				it.Gold = 1
			}
			if rep.Politeness > 0 {
				it.Pred = 1
			}
			items = append(items, it)
			return nil
		})
		if err != nil {
			return nil, err
		}
		out = append(out, CoachSplit{Name: p[1], Full: acc(items, all), Odd: acc(items, odd), Even: acc(items, even), Items: items})
	}
	return out, nil
}
