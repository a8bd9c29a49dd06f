package analysis

import (
	"bufio"
	"embed"
	"fmt"
	"strconv"
	"strings"
)

// coachFiles holds the coach's word lists and wording, and the AFINN lexicon it reads
// positive and negative words from (Apache-2.0, © Finn Årup Nielsen; see
// data/coach/AFINN-LICENSE).
//
//go:embed data/coach/cues.txt data/coach/polite.txt data/coach/flags.txt data/coach/templates.txt data/coach/AFINN-en-165.txt
var coachFiles embed.FS

// coachData is everything the coach loads once. It is never written after loading.
type coachData struct {
	lists map[string]*coachPhrases
	sets  map[string]map[string]bool // sections whose patterns are single words

	flagRules []coachFlagRule
	flags     *coachPhrases

	polite []coachPoliteRule

	tmpl map[string]string

	afinn       map[string]int
	afinnPhrase *coachPhrases
	afinnValues []int

	moods [len(coachMoods)]*coachPhrases // mood_<name> for each of coachMoods
}

type coachFlagRule struct {
	kind, pattern, reason, rewrite string
}

type coachPoliteRule struct {
	name     string
	weight   float64
	question bool
	ph       *coachPhrases
}

// coachSection is a [header] and its lines.
type coachSection struct {
	header []string
	lines  []string
}

func coachReadSections(name string) ([]coachSection, error) {
	b, err := coachFiles.ReadFile("data/coach/" + name)
	if err != nil {
		return nil, err
	}
	var out []coachSection
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			out = append(out, coachSection{header: strings.Fields(line[1 : len(line)-1])})
			continue
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("%s: %q stands before any [section]", name, line)
		}
		out[len(out)-1].lines = append(out[len(out)-1].lines, line)
	}
	return out, sc.Err()
}

func coachLoad() (*coachData, error) {
	d := &coachData{lists: map[string]*coachPhrases{}, sets: map[string]map[string]bool{}, tmpl: map[string]string{}}

	secs, err := coachReadSections("cues.txt")
	if err != nil {
		return nil, err
	}
	for _, s := range secs {
		name := s.header[0]
		if _, dup := d.lists[name]; dup {
			return nil, fmt.Errorf("cues.txt: section [%s] twice", name)
		}
		ph, err := coachCompilePhrases(s.lines)
		if err != nil {
			return nil, fmt.Errorf("cues.txt [%s]: %w", name, err)
		}
		d.lists[name] = ph
		set := map[string]bool{}
		for _, l := range s.lines {
			if !strings.ContainsAny(l, " |?*^") {
				set[strings.ToLower(l)] = true
			}
		}
		d.sets[name] = set
	}

	secs, err = coachReadSections("polite.txt")
	if err != nil {
		return nil, err
	}
	for _, s := range secs {
		if len(s.header) != 3 {
			return nil, fmt.Errorf("polite.txt: [%s] needs a name, a weight and where", strings.Join(s.header, " "))
		}
		w, err := strconv.ParseFloat(s.header[1], 64)
		if err != nil {
			return nil, fmt.Errorf("polite.txt [%s]: %w", s.header[0], err)
		}
		ph, err := coachCompilePhrases(s.lines)
		if err != nil {
			return nil, fmt.Errorf("polite.txt [%s]: %w", s.header[0], err)
		}
		d.polite = append(d.polite, coachPoliteRule{name: strings.TrimPrefix(s.header[0], "pol_"), weight: w, question: s.header[2] == "question", ph: ph})
	}

	b, err := coachFiles.ReadFile("data/coach/flags.txt")
	if err != nil {
		return nil, err
	}
	var pats []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, " | ")
		if len(f) != 4 {
			return nil, fmt.Errorf("flags.txt: %q needs kind | pattern | reason | rewrite", line)
		}
		d.flagRules = append(d.flagRules, coachFlagRule{kind: f[0], pattern: f[1], reason: f[2], rewrite: f[3]})
		pats = append(pats, f[1])
	}
	if d.flags, err = coachCompilePhrases(pats); err != nil {
		return nil, fmt.Errorf("flags.txt: %w", err)
	}

	b, err = coachFiles.ReadFile("data/coach/templates.txt")
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, " = ")
		if !ok {
			return nil, fmt.Errorf("templates.txt: %q needs key = text", line)
		}
		d.tmpl[k] = v
	}

	b, err = coachFiles.ReadFile("data/coach/AFINN-en-165.txt")
	if err != nil {
		return nil, err
	}
	d.afinn = map[string]int{}
	var phr []string
	for _, line := range strings.Split(string(b), "\n") {
		w, v, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("AFINN: %q: %w", line, err)
		}
		if strings.ContainsAny(w, " -'") {
			// Multi-word entries are matched as phrases. Characters the pattern syntax
			// uses are not in AFINN's words.
			phr = append(phr, strings.ReplaceAll(w, "-", " "))
			d.afinnValues = append(d.afinnValues, n)
			continue
		}
		d.afinn[w] = n
	}
	if d.afinnPhrase, err = coachCompilePhrases(phr); err != nil {
		return nil, fmt.Errorf("AFINN: %w", err)
	}

	for _, need := range []string{"mood_angry", "fault", "reflect", "validate", "er_strong", "er_weak", "ip_generic",
		"ip_specific", "ip_share", "ex_generic", "ex_rhetorical", "own_aux", "own_strong", "not_action", "stopwords",
		"topics", "family", "lexicon_neutral", "jargon", "known_acronyms", "boilerplate", "cheerful", "apology", "followup", "pending", "timeline"} {
		if d.lists[need] == nil {
			return nil, fmt.Errorf("cues.txt has no [%s]", need)
		}
	}
	for i, m := range coachMoods {
		if d.moods[i] = d.lists["mood_"+m]; d.moods[i] == nil {
			return nil, fmt.Errorf("cues.txt has no [mood_%s]", m)
		}
	}
	return d, nil
}

// t returns the template for key, or "" when there is none.
func (d *coachData) t(key string) string { return d.tmpl[key] }
