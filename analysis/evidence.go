package analysis

import (
	"slices"
	"sync"
	"sync/atomic"
)

// evidence gathers the words, phrases and rules behind the figures, in text order.
// butAt is the index in vw of the first "but", or −1; moodWords says the text holds a
// plain word of the dominant mood.
func (e *Engine) evidence(sc *scratch, r *Result, kindM [NumKinds]int32, sarcasm bool, butAt int, moodWords bool, dst []Evidence) []Evidence {
	toks, vw, val, why := sc.toks, sc.vw, sc.val[:len(sc.vw)], sc.why[:len(sc.vw)]
	b := &sc.evb
	b.toks, b.n = toks, 0

	// sentiment: the strongest scored words; frustration: the most negative one
	var top, neg topList
	top.init(maxPerFigure, 0.3)
	neg.init(1, 1)
	for _, i := range sc.scored { // an idiom's first word may hold a val, but its phrase is its evidence
		if v := val[i]; v != 0 && why[i]&whyIdiom == 0 {
			top.offer(i, max(v, -v))
			if v <= -1 {
				neg.offer(i, -v)
			}
		}
	}
	whyOf := func(i int) Rule { return whyRules[e.whyOf(sc, i, butAt)] }
	for _, i := range top.idx[:top.n] {
		b.add(figSentimentEv, vw[i], vw[i], whyOf(int(i)), float64(val[i]))
	}

	// urgency: every phrase, up to three per kind
	var perKind [numFigs]int
	for _, m := range sc.ms {
		p := &e.phrases[m.phrase]
		if perKind[p.figure] >= 3 || p.weight == 0 && (p.figure < NumKinds || p.figure == figComplaint) {
			// (a kind's or complaint's phrase of weight 0 only keeps its shorter phrases
			// from matching: "thanks again" is no repeat contact, "locked out of my
			// account" no hardship, "I picked the wrong size" no complaint)
			continue
		}
		perKind[p.figure]++
		switch {
		case p.figure < NumKinds:
			b.add(kindFigIDs[p.figure], m.start, m.end-1, p.ruleID, float64(p.weight))
			if p.figure == figRepeat || p.figure == figThreat {
				b.add(figFrustrationEv, m.start, m.end-1, p.ruleID, float64(p.weight))
			}
		case p.figure == figCalm:
			b.add(figUrgencyEv, m.start, m.end-1, p.ruleID, float64(p.weight))
		case p.figure == figComplaint:
			b.add(figSentimentEv, m.start, m.end-1, p.ruleID, float64(p.weight))
		case p.figure == figTone:
			w := float64(p.weight)
			if m.negated {
				w *= vNegate
			}
			if w != 0 {
				b.add(figSentimentEv, m.start, m.end-1, p.ruleID, w)
			}
		case sarcasm && (p.figure == figSarcasm || p.figure == figSarcasmMaybe):
			b.add(figSentimentEv, m.start, m.end-1, p.ruleID, float64(p.weight))
			b.add(figFrustrationEv, m.start, m.end-1, p.ruleID, 0.5)
		}
	}

	// the dominant mood: the words the model leaned on most
	if r.Mood != MoodNeutral && len(e.model.keys) > 0 {
		mood := moodLabels[r.Mood]
		lead := mood[0].label
		for _, ml := range mood {
			if r.Emotions[ml.label] > r.Emotions[lead] {
				lead = ml.label
			}
		}
		mw := e.moodW
		mo := int(r.Mood)
		var best topList
		best.init(3, moodFloor)
		for _, ti := range sc.moodCand {
			// the plain (not negated) words the model knows, longer than a letter, that
			// lean toward some mood (readTokens lists them)
			if c := mw[int(toks[ti].lex)*moodStride+mo]; c >= moodFloor {
				best.offer(ti, c)
			}
		}
		for k, ti := range best.idx[:best.n] {
			b.add(moodFigIDs[r.Mood], ti, ti, labelRules[lead], float64(best.score[k]))
		}
		e.moodRuleEvidence(sc, r, sarcasm, moodWords, best.idx[:best.n])
	}

	// frustration and cues
	var firstCue [NumCues]bool
	cueAt := func(c Cue, ti int32, rule Rule, w float64) {
		if !firstCue[c] {
			firstCue[c] = true
			b.add(cueFigIDs[c], ti, ti, rule, w)
		}
	}
	frus := 0
	const cueTokens = 1<<CuePunctuation | 1<<CueEmoji | 1<<CueCaps | 1<<CueProfanity
	for i := range toks {
		if r.Cues&cueTokens == 0 {
			break // no token can give a cue or frustration evidence
		}
		t := &toks[i]
		switch {
		case t.kind == tokPunct && t.n >= 2 && (t.punct == '!' || t.punct == '?'):
			if r.Cues.Has(CuePunctuation) {
				cueAt(CuePunctuation, int32(i), ruleRepeatedPunct, 1)
			}
			if frus < 3 {
				frus++
				b.add(figFrustrationEv, int32(i), int32(i), ruleRepeatedPunct, 0.25)
			}
		case t.kind == tokEmoji || t.kind == tokEmoticon:
			cueAt(CueEmoji, int32(i), ruleEmoji, 1)
		case t.kind == tokWord && t.flags&flagCaps != 0 && r.Cues.Has(CueCaps) && t.end-t.start >= 3:
			cueAt(CueCaps, int32(i), ruleCapitals, 1)
			if frus < 3 {
				frus++
				b.add(figFrustrationEv, int32(i), int32(i), ruleCapitals, 0.3)
			}
		}
		if t.kind == tokWord && t.lex >= 0 && e.lex[t.lex].class&classProfanity != 0 && r.Cues.Has(CueProfanity) {
			cueAt(CueProfanity, int32(i), ruleProfanity, 1)
			if frus < 4 {
				frus++
				b.add(figFrustrationEv, int32(i), int32(i), ruleProfanity, 0.35)
			}
		}
	}
	if len(vw) > 0 && r.Cues.Has(CueVeryShort) {
		b.add(cueFigIDs[CueVeryShort], vw[0], vw[len(vw)-1], ruleVeryShort, 1)
	}
	if r.Cues.Has(CueVeryLong) && b.n < maxEvidence {
		b.key[b.n], b.rule[b.n], b.w[b.n] = evKey(0, 0, cueFigIDs[CueVeryLong], b.n), ruleVeryLong, 1
		b.n++
	}
	if r.Frustration >= 1 {
		// the most negative word, when one drove the frustration
		if neg.n == 1 {
			i := neg.idx[0]
			b.add(figFrustrationEv, vw[i], vw[i], whyOf(int(i)), float64(val[i]))
		}
	}

	n := b.n
	if n == 0 {
		if dst != nil {
			return dst[:0]
		}
		return nil
	}
	// text order, spanless rules last, then by figure, then as added: the keys hold all
	// of that and the item's index, so a plain insertion sort of the keys is the order
	k := b.key[:n]
	for i := 1; i < len(k); i++ {
		x := k[i]
		j := i
		for ; j > 0 && k[j-1] > x; j-- {
			k[j] = k[j-1]
		}
		k[j] = x
	}
	out := dst[:0]
	if cap(out) < n {
		out = make([]Evidence, n)
	}
	out = out[:n]
	for i := range out {
		// the key holds the span and the figure; the item's index finds its rule and weight
		x := k[i]
		s, en, fig, j := int(x>>evStartShift), int(x>>evEndShift&(1<<25-1)), x>>evIndexBits&(1<<evFigBits-1), x&(1<<evIndexBits-1)
		if en == 0 {
			s = 0 // a spanless item
		}
		// field by field: an Evidence built on the stack and copied with wide moves stalls
		// on store-to-load forwarding
		it := &out[i]
		it.Start, it.End, it.Weight, it.Rule, it.Figure = s, en, b.w[j], b.rule[j], Figure(fig)
	}
	return out
}

// moodRuleEvidence adds the rules behind the dominant mood beside the shown words the
// model leaned on: the phrases that raised it (a repeat contact raises frustrated, a
// hardship anxious or sad, a threat angry, a complaint frustrated, a mood phrase its
// mood), up to three, with what each added; for angry or frustrated, the first raised
// voice; and up to two of its plain mood words ("pleased", "theft", 😢) outside the
// polite formulas that the model's words do not already show. Mood words have a
// valence (rules.txt gives one to those the lexicons lack), so only the scored tokens
// are read. A mood a rule raised is then never shown bare.
func (e *Engine) moodRuleEvidence(sc *scratch, r *Result, sarcasm, moodWords bool, shown []int32) {
	b := &sc.evb
	fig := moodFigIDs[r.Mood]
	n := 0
	for _, m := range sc.ms {
		if n == 3 {
			break
		}
		p := &e.phrases[m.phrase]
		w, mo := float64(p.weight), MoodNeutral
		switch p.figure {
		case figRepeat:
			w, mo = 0.6*w, MoodFrustrated
		case figHardship:
			switch {
			case p.sad:
				w, mo = 0.6*w, MoodSad
			case possessive(r.Text, sc.toks, m) && e.complaintIn(sc.ms):
				w, mo = 0.65*w, MoodFrustrated // (the hardship owns the broken thing, see analyze)
			default:
				w, mo = 0.65*w, MoodAnxious
			}
		case figDeadline:
			w, mo = 0.3*w, MoodAnxious
		case figThreat:
			if w >= 0.5 {
				w, mo = 0.4*w, MoodAngry
				if e.politeIn(sc.ms) {
					mo = MoodFrustrated // (a threat wrapped in courtesy, see analyze)
				}
			}
		case figComplaint:
			w, mo = -0.2*w, MoodFrustrated
		case figTone:
			if w < 0 && !m.negated {
				w, mo = -0.2*idiomComplaint*w, MoodFrustrated
			}
		case figSarcasm, figSarcasmMaybe:
			if sarcasm {
				w, mo = 0.5, MoodFrustrated
			}
		case figMood:
			mo = p.mood
		}
		if mo == r.Mood && w > 0 {
			b.add(fig, m.start, m.end-1, p.ruleID, w)
			n++
		}
	}
	toks, vw := sc.toks, sc.vw
	// a raised voice: capitals and profanity raise angry, "!!" and "??" frustrated
	const voice = 1<<CueCaps | 1<<CueProfanity | 1<<CuePunctuation
	if n < 3 && r.Cues&voice != 0 && (r.Mood == MoodAngry || r.Mood == MoodFrustrated) {
		for i := range toks {
			t := &toks[i]
			switch {
			case r.Mood == MoodFrustrated && t.kind == tokPunct && t.n >= 2 && (t.punct == '!' || t.punct == '?'):
				b.add(fig, int32(i), int32(i), ruleRepeatedPunct, 0.2)
			case r.Mood == MoodAngry && t.kind == tokWord && r.Cues.Has(CueCaps) && t.flags&flagCaps != 0 && t.end-t.start >= 3 &&
				(t.lex < 0 || e.lex[t.lex].class&classFunction == 0):
				b.add(fig, int32(i), int32(i), ruleCapitals, 0.1)
			case r.Mood == MoodAngry && t.kind == tokWord && t.lex >= 0 && e.lex[t.lex].class&classProfanity != 0:
				b.add(fig, int32(i), int32(i), ruleProfanity, 0.15)
			default:
				continue
			}
			n++
			break // the first one is enough
		}
	}
	if !moodWords {
		return
	}
	words := 0
	for _, i := range sc.scored {
		ti := vw[i]
		t := &toks[ti]
		if words == 2 {
			break
		}
		if e.lex[t.lex].mood != uint8(r.Mood)+1 || i > 0 && e.isNegation(toks, vw[i-1]) || slices.Contains(shown, ti) {
			continue
		}
		inPolite := false
		for _, m := range sc.ms {
			if e.phrases[m.phrase].figure == figPolite && ti >= m.start && ti < m.end {
				inPolite = true
			}
		}
		if !inPolite {
			b.add(fig, ti, ti, ruleMoodWord, 0.5)
			words++
		}
	}
}

// politeIn reports whether a polite formula is among the matches.
func (e *Engine) politeIn(ms []match) bool {
	for _, m := range ms {
		if e.phrases[m.phrase].figure == figPolite {
			return true
		}
	}
	return false
}

// evBuilder collects evidence items: each item's sort key (which holds its span and
// figure, see evKey), rule and weight. It lives in the scratch, so it is not zeroed per
// message.
type evBuilder struct {
	toks []token
	n    int
	key  [maxEvidence]uint64
	rule [1 << evIndexBits]Rule // (as long as an index can say: no bounds check)
	w    [1 << evIndexBits]float64
}

// add records an item for tokens t0…t1. It is not inlined: evidence calls it from a dozen
// places, and copies of it made evidence's code outgrow the instruction cache.
//
//go:noinline
func (b *evBuilder) add(fig uint8, t0, t1 int32, rule Rule, w float64) {
	i := b.n
	if i >= maxEvidence {
		return
	}
	b.key[i] = evKey(int(b.toks[t0].start), int(b.toks[t1].end), fig, i)
	b.rule[i], b.w[i] = rule, round3(w)
	b.n = i + 1
}

// evKey packs an evidence item's sort key: start (spanless items, end 0, after every
// span: texts are cut at 2^24 bytes), end, the figure's rank by name, and its index.
func evKey(start, end int, fig uint8, i int) uint64 {
	st := uint64(start)
	if end == 0 {
		st = 1 << 25
	}
	return st<<evStartShift | uint64(end)<<evEndShift | uint64(fig)<<evIndexBits | uint64(i)
}

// moodFloor is the least leaning of a word shown as a mood's evidence.
const moodFloor = 0.4

const (
	evIndexBits  = 6 // maxEvidence ≤ 64
	evFigBits    = 5 // len(evFigures) ≤ 32
	evEndShift   = evFigBits + evIndexBits
	evStartShift = 25 + evEndShift
)

// evFigures are the evidence figure names in sorted order, so an index ranks as its name
// does; the ids below name them.
var (
	evFigures                                      [1 << evFigBits]string // (an array: no bounds check)
	figSentimentEv, figFrustrationEv, figUrgencyEv uint8
	moodFigIDs                                     [NumMoods]uint8
	kindFigIDs                                     [NumKinds]uint8
	cueFigIDs                                      [NumCues]uint8
)

func init() {
	names := []string{"sentiment", "frustration", "urgency"}
	names = append(names, moodFigures[:]...)
	names = append(names, kindFigures[:]...)
	names = append(names, cueFigures[:]...)
	slices.Sort(names)
	if len(names) > len(evFigures) {
		panic("analysis: more evidence figures than evFigBits holds")
	}
	copy(evFigures[:], names)
	id := func(s string) uint8 {
		i, _ := slices.BinarySearch(names, s)
		return uint8(i)
	}
	figSentimentEv, figFrustrationEv, figUrgencyEv = id("sentiment"), id("frustration"), id("urgency")
	for i, s := range moodFigures {
		moodFigIDs[i] = id(s)
	}
	for i, s := range kindFigures {
		kindFigIDs[i] = id(s)
	}
	for i, s := range cueFigures {
		cueFigIDs[i] = id(s)
	}

	// the rules every engine names (a phrase's rule is added by New)
	for m := range whyRules {
		whyRules[m] = internRules(whyRuleName(m))[0]
	}
	for i, l := range labelNames {
		labelRules[i] = internRules("emotion model: " + l)[0]
	}
	r := internRules("repeated punctuation", "capitals", "profanity", "emoji", "three words or fewer", "more than 150 words", "mood word")
	ruleRepeatedPunct, ruleCapitals, ruleProfanity, ruleEmoji, ruleVeryShort, ruleVeryLong, ruleMoodWord = r[0], r[1], r[2], r[3], r[4], r[5], r[6]
}

// The cues' and frustration's rules.
var ruleRepeatedPunct, ruleCapitals, ruleProfanity, ruleEmoji, ruleVeryShort, ruleVeryLong, ruleMoodWord Rule

// The table of rule names: a Rule is an index into it. Names are only ever added (by
// init and New, under ruleMu), each once; a new table is published whole, so Rule.String
// reads it without a lock.
var (
	ruleMu    sync.Mutex
	ruleIDs   = map[string]Rule{}
	ruleNames atomic.Pointer[[]string]
)

// internRules returns the Rule of each name, adding the names not yet in the table.
func internRules(names ...string) []Rule {
	ruleMu.Lock()
	defer ruleMu.Unlock()
	out := make([]Rule, len(names))
	var t []string
	if p := ruleNames.Load(); p != nil {
		t = *p
	}
	grown := false
	for i, s := range names {
		id, ok := ruleIDs[s]
		if !ok {
			if !grown {
				t = append(t[:len(t):len(t)], s) // a new array: readers keep the old one
				grown = true
			} else {
				t = append(t, s)
			}
			id = Rule(len(t) - 1)
			ruleIDs[s] = id
		}
		out[i] = id
	}
	if grown {
		ruleNames.Store(&t)
	}
	return out
}

func round3(x float64) float64 {
	if x < 0 {
		return -float64(int64(-x*1000+0.5)) / 1000
	}
	return float64(int64(x*1000+0.5)) / 1000
}

// topList keeps the indexes of the up to cap best scores at or above a floor, best
// first; on equal scores the earlier index ranks first.
type topList struct {
	idx   [maxPerFigure]int32
	score [maxPerFigure]float32
	n, k  int
	floor float32
}

func (t *topList) init(k int, floor float32) { t.k, t.floor, t.n = min(k, maxPerFigure), floor, 0 }

// offer considers index i with score s; indexes must come in increasing order.
func (t *topList) offer(i int32, s float32) {
	if s < t.floor || t.n == t.k && s <= t.score[t.n-1] {
		return
	}
	j := t.n
	if j == t.k {
		j--
	} else {
		t.n++
	}
	for ; j > 0 && s > t.score[j-1]; j-- {
		t.idx[j], t.score[j] = t.idx[j-1], t.score[j-1]
	}
	t.idx[j], t.score[j] = i, s
}

// complaintIn reports a complaint phrase among ms, as analyze's complaint sum below 0 does.
func (e *Engine) complaintIn(ms []match) bool {
	sum := 0.0
	for _, m := range ms {
		if p := &e.phrases[m.phrase]; p.figure == figComplaint {
			sum += float64(p.weight)
		}
	}
	return sum < 0
}
