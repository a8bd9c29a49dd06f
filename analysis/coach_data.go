package analysis

import (
	"bufio"
	"embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// coachFiles holds the coach's word lists and wording, and the AFINN lexicon it reads
// positive and negative words from (Apache-2.0, © Finn Årup Nielsen; see
// data/afinn/LICENSE).
//
//go:embed data/coach/cues.txt data/coach/polite.txt data/coach/flags.txt data/coach/templates.txt data/afinn/AFINN-en-165.txt
var coachFiles embed.FS

// coachSetOnly names the sections of cues.txt that are word sets, not phrase lists.
var coachSetOnly = map[string]bool{
	"stopwords": true, "topics": true, "not_action": true, "known_acronyms": true,
	"ex_plain": true, "lexicon_neutral": true, "family": true, "concrete": true,
	"time_units": true, "time_counts": true, "months": true, "ask_vague": true,
}

// coachData is everything the coach loads once. It is never written after loading.
type coachData struct {
	vocab coachVocab
	lex   coachLex // every spelling the tokenizer meets → word id or contraction
	index coachIndex
	lists map[string]*coachPhrases
	bits  []uint64 // word id → the word sets it belongs to

	// Word sets: one bit each in bits.
	bStop, bTopics, bNotAction, bAcronym, bJargon, bExPlain, bNeutral, bFamily, bConcrete uint64
	bTimeUnit, bTimeCount, bMonth, bAskVague                                              uint64

	afinnVal []int8 // word id → AFINN valence

	flagRules []coachFlagRule
	flags     *coachPhrases

	polite []coachPoliteRule

	tmpl map[string]string

	moods [len(coachMoods)]*coachPhrases // mood_<name> for each of coachMoods
	steps [len(coachSteps)]coachStep     // the troubleshooting steps a customer may have taken

	// answerSame: a word of a customer's question → the stems of the words that take it up
	// in a reply ([answer_same]: "replacement" is answered by "a new one is on its way")
	answerSame map[string][]string

	pool sync.Pool // of *coachBuf
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
	d := &coachData{lists: map[string]*coachPhrases{}, tmpl: map[string]string{}, vocab: coachVocab{ids: map[string]int32{}}}
	sets := map[string][]string{}

	secs, err := coachReadSections("cues.txt")
	if err != nil {
		return nil, err
	}
	for _, s := range secs {
		name := s.header[0]
		if _, dup := d.lists[name]; dup {
			return nil, fmt.Errorf("cues.txt: section [%s] twice", name)
		}
		for _, l := range s.lines {
			if !strings.ContainsAny(l, " |?*^") {
				sets[name] = append(sets[name], strings.ToLower(l))
			}
		}
		if name == "answer_same" {
			d.answerSame = map[string][]string{}
			for _, l := range s.lines {
				var group []string
				for _, w := range strings.Split(strings.ToLower(l), "|") {
					if w = strings.TrimSpace(w); w == "" || strings.Contains(w, " ") {
						return nil, fmt.Errorf("cues.txt [answer_same]: %q needs single words between |", l)
					}
					group = append(group, coachStem(w))
				}
				for _, w := range group {
					d.answerSame[w] = append(d.answerSame[w], group...)
				}
			}
			continue
		}
		if coachSetOnly[name] {
			continue // looked up word by word, never matched as phrases
		}
		ph, err := d.index.compile(s.lines, &d.vocab)
		if err != nil {
			return nil, fmt.Errorf("cues.txt [%s]: %w", name, err)
		}
		d.lists[name] = ph
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
		ph, err := d.index.compile(s.lines, &d.vocab)
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
		if f[3] == "-" {
			f[3] = "" // no rewrite: the reason says what to do
		}
		d.flagRules = append(d.flagRules, coachFlagRule{kind: f[0], pattern: f[1], reason: f[2], rewrite: f[3]})
		pats = append(pats, f[1])
	}
	if d.flags, err = d.index.compile(pats, &d.vocab); err != nil {
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

	b, err = coachFiles.ReadFile("data/afinn/AFINN-en-165.txt")
	if err != nil {
		return nil, err
	}
	afinn := map[int32]int8{}
	for _, line := range strings.Split(string(b), "\n") {
		w, v, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < -5 || n > 5 {
			return nil, fmt.Errorf("AFINN: %q is not a word and a valence", line)
		}
		if strings.ContainsAny(w, " -'") {
			continue // the coach reads single words only
		}
		afinn[d.vocab.id(w)] = int8(n)
	}

	// Word sets, from the single-word lines of these sections.
	bit := uint64(1)
	for _, s := range []struct {
		name string
		b    *uint64
	}{{"stopwords", &d.bStop}, {"topics", &d.bTopics}, {"not_action", &d.bNotAction}, {"known_acronyms", &d.bAcronym},
		{"jargon", &d.bJargon}, {"ex_plain", &d.bExPlain}, {"lexicon_neutral", &d.bNeutral}, {"family", &d.bFamily}, {"concrete", &d.bConcrete},
		{"time_units", &d.bTimeUnit}, {"time_counts", &d.bTimeCount}, {"months", &d.bMonth}, {"ask_vague", &d.bAskVague}} {
		if len(sets[s.name]) == 0 {
			return nil, fmt.Errorf("cues.txt has no single words in [%s]", s.name)
		}
		*s.b = bit
		for _, w := range sets[s.name] {
			d.vocab.id(w)
		}
		bit <<= 1
	}
	n := len(d.vocab.words)
	d.bits = make([]uint64, n)
	for _, s := range []struct {
		name string
		b    uint64
	}{{"stopwords", d.bStop}, {"topics", d.bTopics}, {"not_action", d.bNotAction}, {"known_acronyms", d.bAcronym},
		{"jargon", d.bJargon}, {"ex_plain", d.bExPlain}, {"lexicon_neutral", d.bNeutral}, {"family", d.bFamily}, {"concrete", d.bConcrete},
		{"time_units", d.bTimeUnit}, {"time_counts", d.bTimeCount}, {"months", d.bMonth}, {"ask_vague", d.bAskVague}} {
		for _, w := range sets[s.name] {
			d.bits[d.vocab.ids[w]] |= s.b
		}
	}
	d.afinnVal = make([]int8, n)
	for id, v := range afinn {
		d.afinnVal[id] = v
	}
	d.index.freeze(n)
	d.lex = newCoachLex(n + len(coachExpansions))
	d.lex.words = d.vocab.words
	for id, w := range d.vocab.words {
		d.lex.put(w, int32(id))
	}
	exps := make([]string, 0, len(coachExpansions))
	for w := range coachExpansions {
		exps = append(exps, w)
	}
	slices.Sort(exps) // the same numbering on every load
	for k, w := range exps {
		ex := coachExpansions[w]
		e := coachExp{w0: ex[0], w1: ex[1], id0: coachUnknown, id1: coachUnknown}
		if id, ok := d.vocab.ids[ex[0]]; ok {
			e.id0 = id
		}
		if id, ok := d.vocab.ids[ex[1]]; ok {
			e.id1 = id
		}
		d.lex.put(w, coachExpFirst-int32(k))
		d.lex.exps = append(d.lex.exps, e)
	}

	for _, need := range []string{"mood_angry", "fault", "reflect", "validate", "er_strong", "er_weak", "ip_generic",
		"ip_specific", "ip_share", "ex_generic", "ex_rhetorical", "own_aux", "own_strong", "jargon", "boilerplate", "cheerful", "apology", "followup", "pending", "timeline",
		"mood_not", "fault_not", "ask", "ask_thing"} {
		if d.lists[need] == nil {
			return nil, fmt.Errorf("cues.txt has no [%s]", need)
		}
	}
	for i, m := range coachMoods {
		if d.moods[i] = d.lists["mood_"+m]; d.moods[i] == nil {
			return nil, fmt.Errorf("cues.txt has no [mood_%s]", m)
		}
	}
	if err := d.loadSteps(); err != nil {
		return nil, err
	}
	return d, nil
}

// coachBuf is a tokenizer's working memory. Reviews borrow it from a pool and give it back
// when they finish, so a live review allocates little.
type coachBuf struct {
	toks      []coachToken
	sents     []coachSentence
	flat, all []coachHit
	counts    []int32
	hits      coachHits
}

// coachBufs are the buffers one review has borrowed.
type coachBufs []*coachBuf

// tokenize reads s and numbers its words in the coach's vocabulary. The text's memory is
// borrowed into bufs and must not be used after release.
func (d *coachData) tokenize(s string, bufs *coachBufs) coachText {
	b, _ := d.pool.Get().(*coachBuf)
	if b == nil {
		b = &coachBuf{}
	}
	t := coachTokenizeInto(s, &d.lex, b.toks, b.sents)
	b.toks, b.sents = t.toks[:0], t.sents[:0]
	*bufs = append(*bufs, b)
	b.hits = coachHits{}
	t.x, t.hits, t.buf = &d.index, &b.hits, b
	return t
}

// release gives a review's buffers back; none of its texts may be used afterwards.
func (d *coachData) release(bufs *coachBufs) {
	for _, b := range *bufs {
		if cap(b.toks) <= 8192 {
			d.pool.Put(b)
		}
	}
	*bufs = (*bufs)[:0]
}

// is reports whether the token's word is in the word set b.
func (d *coachData) is(tk *coachToken, b uint64) bool {
	return tk.id >= 0 && int(tk.id) < len(d.bits) && d.bits[tk.id]&b != 0
}

// afinn returns the token's AFINN valence, 0 when it has none.
func (d *coachData) afinn(tk *coachToken) int {
	if tk.id < 0 || int(tk.id) >= len(d.afinnVal) {
		return 0
	}
	return int(d.afinnVal[tk.id])
}

// t returns the template for key, or "" when there is none.
func (d *coachData) t(key string) string { return d.tmpl[key] }
