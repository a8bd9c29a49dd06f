package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/attune-desk/attune/analysis"
)

// ErrNoData means the evaluation folder is missing or lacks a file the figures need.
var ErrNoData = errors.New("evaluation data not found")

// table is a TSV file with a header row, read with quoting off.
type table struct {
	cols map[string]int
	rows [][]string
}

func readTable(path string) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s is missing", ErrNoData, path)
		}
		return nil, err
	}
	defer f.Close()
	t := &table{cols: map[string]int{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	first := true
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if first {
			for i, c := range fields {
				t.cols[c] = i
			}
			first = false
			continue
		}
		t.rows = append(t.rows, fields)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

func (t *table) get(row []string, col string) string {
	i, ok := t.cols[col]
	if !ok || i >= len(row) {
		return ""
	}
	return row[i]
}

// EngineFigures measures the emotion engine on the sets in dataDir (the folder that holds
// vader_tweets.tsv and goemotions/): every figure of the emotion engine's goals table.
func EngineFigures(dataDir string, e *analysis.Engine) ([]Figure, error) {
	if st, err := os.Stat(dataDir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w: no folder at %s", ErrNoData, dataDir)
	}
	var out []Figure
	for _, s := range []struct {
		file, name, peer string
		goal             float64
	}{
		{"vader_amazonReviewSnippets.tsv", "Pearson r, VADER Amazon review snippets", "VADER 0.581", 0.70},
		{"vader_tweets.tsv", "Pearson r, VADER tweets", "VADER 0.872; humans 0.888", 0.88},
		{"vader_movieReviewSnippets.tsv", "Pearson r, VADER movie review snippets", "VADER 0.428", 0.55},
	} {
		f, err := sentimentFigure(filepath.Join(dataDir, s.file), e)
		if err != nil {
			return nil, err
		}
		f.Name, f.Peer, f.Goal = s.name, s.peer, s.goal
		out = append(out, f)
	}
	gf, err := GoEmotionsFigures(filepath.Join(dataDir, "goemotions"), e)
	if err != nil {
		return nil, err
	}
	out = append(out, gf...)
	ff, err := FrustrationFigure(filepath.Join(dataDir, "twcs_frustration.tsv"), e)
	if err != nil {
		return nil, err
	}
	uf, err := UrgencyFigure(filepath.Join(dataDir, "urgency_mooc.tsv"), e)
	if err != nil {
		return nil, err
	}
	return append(out, ff, uf), nil
}

func sentimentFigure(path string, e *analysis.Engine) (Figure, error) {
	t, err := readTable(path)
	if err != nil {
		return Figure{}, err
	}
	var x, y []float64
	for _, row := range t.rows {
		gold, err := strconv.ParseFloat(t.get(row, "mean"), 64)
		if err != nil {
			continue
		}
		x = append(x, e.Analyze(t.get(row, "text")).Sentiment)
		y = append(y, gold)
	}
	return Figure{Section: "sentiment", Set: filepath.Base(path), N: len(x), Value: Pearson(x, y)}, nil
}

// GoEmotionsFigures scores the predicted label sets on GoEmotions dev.tsv: macro-F1 over
// the 28 labels, and over Ekman-7 and sentiment-4 both from the engine's group heads and
// from the 28-label set mapped with ekman_mapping.json and sentiment_dict.json.
func GoEmotionsFigures(dir string, e *analysis.Engine) ([]Figure, error) {
	path := filepath.Join(dir, "original", "dev.tsv")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %s is missing", ErrNoData, path)
	}
	defer f.Close()
	ekman, err := ReadGroupMapping(filepath.Join(dir, "ekman_mapping.json"), analysis.EkmanLabels())
	if err != nil {
		return nil, err
	}
	senti, err := ReadGroupMapping(filepath.Join(dir, "sentiment_dict.json"), analysis.PolarityLabels())
	if err != nil {
		return nil, err
	}
	var pred, gold, pe, ge, pem, ps, gs, psm []uint32
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) < 2 {
			continue
		}
		var g uint32
		for _, l := range strings.Split(parts[1], ",") {
			n, err := strconv.Atoi(strings.TrimSpace(l))
			if err != nil || n < 0 || n >= analysis.NumLabels {
				return nil, fmt.Errorf("%s: bad label %q", path, l)
			}
			g |= 1 << n
		}
		r := e.Analyze(parts[0])
		p := uint32(r.Labels)
		pred, gold = append(pred, p), append(gold, g)
		pe, ge, pem = append(pe, uint32(r.EkmanSet)), append(ge, MapLabels(g, ekman)), append(pem, MapLabels(p, ekman))
		ps, gs, psm = append(ps, uint32(r.PolaritySet)), append(gs, MapLabels(g, senti)), append(psm, MapLabels(p, senti))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	set := "goemotions/original/dev.tsv"
	n := len(pred)
	fig := func(name, peer string, goal, v float64) Figure {
		return Figure{Section: "emotions", Name: name, Set: set, N: n, Value: v, Peer: peer, Goal: goal}
	}
	return []Figure{
		fig("macro-F1, 28 labels (dev)", "BERT 0.46 (test, paper)", 0.46, MacroF1(pred, gold, analysis.NumLabels)),
		fig("macro-F1, Ekman-7 (dev, group head)", "BERT 0.62 (test)", 0.62, MacroF1(pe, ge, analysis.NumEkman)),
		fig("macro-F1, sentiment-4 (dev, group head)", "BERT 0.70 (test)", 0.68, MacroF1(ps, gs, analysis.NumPolarity)),
		fig("macro-F1, Ekman-7 (dev, 28-label set mapped)", "BERT 0.62 (test)", 0.62, MacroF1(pem, ge, analysis.NumEkman)),
		fig("macro-F1, sentiment-4 (dev, 28-label set mapped)", "BERT 0.70 (test)", 0.68, MacroF1(psm, gs, analysis.NumPolarity)),
	}, nil
}

// ReadGroupMapping reads a GoEmotions mapping file (group → labels, such as
// ekman_mapping.json) into label → group bits, in the order of groups; neutral maps to the
// group named "neutral". The trainer reads the same files the same way.
func ReadGroupMapping(path string, groups []string) ([analysis.NumLabels]uint32, error) {
	var out [analysis.NumLabels]uint32
	b, err := os.ReadFile(path)
	if err != nil {
		return out, fmt.Errorf("%w: %s is missing", ErrNoData, path)
	}
	var m map[string][]string
	if err := json.Unmarshal(b, &m); err != nil {
		return out, fmt.Errorf("%s: %w", path, err)
	}
	labels := analysis.EmotionLabels()
	for gi, g := range groups {
		if g == "neutral" {
			out[analysis.Neutral] |= 1 << gi
			continue
		}
		for _, l := range m[g] {
			i := slices.Index(labels, l)
			if i < 0 {
				return out, fmt.Errorf("%s: unknown label %q", path, l)
			}
			out[i] |= 1 << gi
		}
	}
	return out, nil
}

// MapLabels turns a set of the 28 labels (bit i for label i) into the set of groups m maps
// them to.
func MapLabels(s uint32, m [analysis.NumLabels]uint32) uint32 {
	var out uint32
	for l := 0; l < analysis.NumLabels; l++ {
		if s&(1<<l) != 0 {
			out |= m[l]
		}
	}
	return out
}

// FrustrationFigure is the Spearman correlation of the engine's frustration with
// median_frustration on the customer turns of twcs_frustration.tsv.
func FrustrationFigure(path string, e *analysis.Engine) (Figure, error) {
	t, err := readTable(path)
	if err != nil {
		return Figure{}, err
	}
	var x, y []float64
	for _, row := range t.rows {
		if t.get(row, "speaker") != "customer" {
			continue
		}
		gold, err := strconv.ParseFloat(t.get(row, "median_frustration"), 64)
		if err != nil {
			continue
		}
		x = append(x, e.Analyze(t.get(row, "text")).Frustration)
		y = append(y, gold)
	}
	return Figure{Section: "frustration", Name: "Spearman, support tweets (customer turns)", Set: filepath.Base(path),
		N: len(x), Value: Spearman(x, y), Peer: "-VADER compound 0.390", Goal: 0.55}, nil
}

// UrgencyFigure is the Spearman correlation of the engine's urgency with the coders'
// urgency on urgency_mooc.tsv.
func UrgencyFigure(path string, e *analysis.Engine) (Figure, error) {
	t, err := readTable(path)
	if err != nil {
		return Figure{}, err
	}
	var x, y []float64
	for _, row := range t.rows {
		gold, err := strconv.ParseFloat(t.get(row, "urgency"), 64)
		if err != nil {
			continue
		}
		x = append(x, e.Analyze(t.get(row, "text")).Urgency)
		y = append(y, gold)
	}
	return Figure{Section: "urgency", Name: "Spearman, MOOC forum posts", Set: filepath.Base(path),
		N: len(x), Value: Spearman(x, y), Peer: `count of "?" 0.341`, Goal: 0.45}, nil
}
