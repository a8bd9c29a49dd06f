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
