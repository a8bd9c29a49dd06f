package analysis

import (
	"fmt"
	"sort"
	"strings"
)

// coachWeights are the checklist's points: how much each dimension counts in the score
// when it is needed. They add up to 100.
var coachWeights = map[string]float64{
	"acknowledge": 15, "validate": 15, "explore": 10, "language": 15,
	"solution": 20, "personalise": 10, "tone": 10, "generic": 5,
}

// coachPenalty is what one flag of each kind takes off the score, and the most all flags
// of that kind can take.
var coachPenalty = map[string][2]int{
	"blame": {15, 30}, "dismissal": {12, 24}, "tone": {8, 16}, "negative": {4, 12}, "jargon": {3, 9},
}

// Review scores a draft reply against the customer's recent messages. It never panics,
// and the same input always gives the same report.
func (c *Coach) Review(in CoachInput) CoachReport {
	rep := CoachReport{Model: CoachVersion, Flags: []CoachFlag{}}
	r := c.read(in.Customer)
	draft := in.Draft
	t := c.d.tokenize(coachClip(draft))
	// Spans are byte offsets into the draft as given; a clipped draft is a prefix of it, so
	// every span stays inside.
	rep.Extra = map[string]string{"mood": r.mood}
	if r.unclear {
		rep.Extra["need"] = "unclear"
	}
	if len(t.toks) == 0 {
		rep.Explanation = "The draft is empty, so there is nothing to score yet."
		rep.Dimensions = c.emptyDimensions(&r)
		rep.Suggestions = c.suggestions(&r, nil, nil)
		return rep
	}

	mech := c.mechanisms(&t, &r)
	rep.Mechanisms = CoachMechanisms{EmotionalReaction: mech.er, Interpretation: mech.ip, Exploration: mech.ex}
	pol, _ := c.politeness(&t)
	rep.Politeness = coachRound(pol, 3)

	rev := coachReview{c: c, in: &in, r: &r, t: &t, mech: &mech}
	rev.flag()
	dims := []CoachDimension{
		rev.acknowledge(), rev.validate(), rev.explore(), rev.language(),
		rev.solution(), rev.personalise(), rev.tone(), rev.generic(),
	}
	for i := range dims {
		dims[i].Label = c.d.t("label." + dims[i].Code)
		if dims[i].Spans == nil {
			dims[i].Spans = []CoachSpan{}
		}
	}
	rep.Dimensions = dims
	sort.SliceStable(rev.flags, func(i, j int) bool { return rev.flags[i].Span.Start < rev.flags[j].Span.Start })
	if rev.flags != nil {
		rep.Flags = rev.flags
	}
	rep.Score, rep.Explanation = c.score(dims, rev.flags)
	rep.Suggestions = c.suggestions(&r, dims, rev.flags)
	return rep
}

// coachReview is one review in progress.
type coachReview struct {
	c     *Coach
	in    *CoachInput
	r     *coachReading
	t     *coachText
	mech  *coachMechanisms
	flags []CoachFlag

	own, ownTeam, steps, doneNow bool
	ownEv                        []coachMatch
	apologyEv                    []coachMatch
	echoDone                     bool
	echoed                       []coachMatch
}

func (v *coachReview) span(m coachMatch) CoachSpan {
	return v.spanTok(m.t0, m.t1)
}

func (v *coachReview) spanTok(t0, t1 int) CoachSpan {
	toks := v.t.toks
	if t0 < 0 || t1 > len(toks) || t0 >= t1 {
		return CoachSpan{}
	}
	s, e := int(toks[t0].start), int(toks[t1-1].end)
	return CoachSpan{Start: s, End: e, Text: v.t.s[s:e]}
}

func (v *coachReview) spanSent(s coachSentence) CoachSpan {
	return CoachSpan{Start: s.start, End: s.end, Text: v.t.s[s.start:s.end]}
}

func (v *coachReview) spans(ms []coachMatch, max int) []CoachSpan {
	var out []CoachSpan
	for _, m := range ms {
		sp := v.span(m)
		if sp.End == 0 || coachHasSpan(out, sp) {
			continue
		}
		out = append(out, sp)
		if len(out) == max {
			break
		}
	}
	return out
}

func coachHasSpan(list []CoachSpan, s CoachSpan) bool {
	for _, x := range list {
		if x.Start <= s.Start && s.End <= x.End {
			return true
		}
	}
	return false
}

func (v *coachReview) list(name string) *coachPhrases { return v.c.d.lists[name] }

// negativeMood reports whether the customer is upset enough that cheer would jar.
func (r *coachReading) negativeMood() bool {
	switch r.mood {
	case "angry", "frustrated", "sad", "disappointed":
		return r.strength > 0
	}
	return false
}

// flag finds the phrases worth changing.
func (v *coachReview) flag() {
	d := v.c.d
	t := v.t
	for _, m := range d.flags.match(t, nil) {
		rule := d.flagRules[m.id]
		v.addFlag(rule.kind, v.span(m), rule.reason, rule.rewrite)
	}
	// Jargon: listed terms and unexplained acronyms the customer did not use themselves.
	for _, m := range d.lists["jargon"].match(t, nil) {
		if v.customerUsed(t.toks[m.t0].w) || v.explained(m.t1) {
			continue
		}
		sp := v.span(m)
		v.addFlag("jargon", sp, strings.ReplaceAll(d.t("flag.jargon.reason"), "{term}", sp.Text),
			strings.ReplaceAll(d.t("flag.jargon.rewrite"), "{term}", sp.Text))
	}
	if t.caps*2 < t.words { // a reply all in capitals is flagged as a whole below
		for i := range t.toks {
			tk := &t.toks[i]
			if !tk.upper || len(tk.w) < 2 || len(tk.w) > 6 || d.is(tk, d.bAcronym) || v.customerUsed(tk.w) || v.explained(i+1) {
				continue
			}
			if i > 0 && t.toks[i-1].start == tk.start { // second half of an expansion
				continue
			}
			if d.is(tk, d.bJargon) {
				continue // already flagged as a listed term
			}
			sp := v.spanTok(i, i+1)
			v.addFlag("jargon", sp, strings.ReplaceAll(d.t("flag.jargon.reason"), "{term}", sp.Text),
				strings.ReplaceAll(d.t("flag.jargon.rewrite"), "{term}", sp.Text))
		}
	}
	// Cheer for a customer who is angry or grieving.
	if v.r.negativeMood() {
		reason := strings.ReplaceAll(d.t("flag.cheerful.reason"), "{mood}", d.t("mood."+v.r.mood))
		rewrite := d.t("flag.cheerful.rewrite")
		if v.r.mood == "sad" {
			rewrite = d.t("flag.cheerful.rewrite.sad")
		}
		for _, m := range d.lists["cheerful"].match(t, nil) {
			v.addFlag("tone", v.span(m), reason, rewrite)
		}
	}
	// Shouting.
	if t.words >= 3 && t.caps*2 >= t.words && t.caps >= 3 {
		v.addFlag("tone", CoachSpan{Start: 0, End: len(t.s), Text: t.s}, d.t("flag.caps.reason"), coachSentenceCase(t.s))
	}
	// An apology with nothing done about it is judged in tone(), once ownership is known.
}

func (v *coachReview) addFlag(kind string, sp CoachSpan, reason, rewrite string) {
	if sp.End <= sp.Start {
		return
	}
	for _, f := range v.flags {
		if f.Span.Start <= sp.Start && sp.End <= f.Span.End || sp.Start <= f.Span.Start && f.Span.End <= sp.End && f.Kind == kind {
			return // one flag per phrase
		}
	}
	if len(v.flags) >= 50 {
		return
	}
	v.flags = append(v.flags, CoachFlag{Kind: kind, Span: sp, Reason: reason, Rewrite: rewrite})
}

// customerUsed reports whether the customer wrote w themselves: their own words need no
// explaining.
func (v *coachReview) customerUsed(w string) bool { return v.r.content[coachStem(w)] }

// explained reports whether the words from token i on explain the term just before it:
// "(…)", "which means", "that is", "i.e.".
func (v *coachReview) explained(i int) bool {
	t := v.t
	if i <= 0 || i > len(t.toks) {
		return false
	}
	end := t.toks[i-1].end
	rest := strings.TrimLeft(t.s[end:], " ,")
	if strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, ":") {
		return true
	}
	if i < len(t.toks) {
		switch t.toks[i].w {
		case "which", "meaning", "means", "ie", "i":
			return true
		}
	}
	// "(SLA)" after the words it stands for.
	start := t.toks[i-1].start
	if start > 0 && t.s[start-1] == '(' {
		return true
	}
	return false
}

func coachSentenceCase(s string) string {
	b := []byte(strings.ToLower(s))
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
			up = false
		} else if c == '.' || c == '!' || c == '?' {
			up = true
		} else if c >= 'a' && c <= 'z' {
			up = false
		}
	}
	out := string(b)
	out = strings.ReplaceAll(out, " i ", " I ")
	out = strings.ReplaceAll(out, " i'", " I'")
	return out
}

func (v *coachReview) acknowledge() CoachDimension {
	dim := CoachDimension{Code: "acknowledge"}
	if len(v.r.all) == 0 {
		dim.Status = CoachNotNeeded
		return dim
	}
	refl := v.list("reflect").match(v.t, nil)
	plain := v.list("acknowledge_plain").match(v.t, nil)
	echo := v.echo()
	dim.Spans = v.spans(refl, 4)
	restate := v.restatements()
	switch {
	case len(refl) > 0 && (len(echo) > 0 || len(restate) > 0) || len(echo) >= 3:
		dim.Status = CoachMet
		dim.Spans = append(dim.Spans, v.spans(echo, 4)...)
		for _, si := range restate {
			dim.Spans = append(dim.Spans, v.spanSent(v.t.sents[si]))
		}
	case len(refl) > 0 || len(echo) > 0 || len(plain) > 0 || v.mech.ip > 0:
		dim.Status = CoachPartial
		dim.Spans = append(dim.Spans, v.spans(append(echo, plain...), 4)...)
		dim.Suggestion = v.c.d.t("suggest.acknowledge.partial")
	default:
		dim.Status = CoachMissing
		dim.Suggestion = v.c.d.t("suggest.acknowledge")
	}
	return dim
}

// restatements returns the sentences that say what happened to the customer in the second
// person ("you haven't received your order"), as a paraphrase does.
func (v *coachReview) restatements() []int {
	var out []int
	for si, s := range v.t.sents {
		toks := v.t.toks[s.tok0:s.tok1]
		for k := 0; k+1 < len(toks); k++ {
			if toks[k].w != "you" {
				continue
			}
			switch toks[k+1].w {
			case "have", "had", "are", "were", "was", "did", "feel", "felt", "ordered", "paid", "bought", "tried", "received", "got", "lost", "mentioned", "said", "wrote", "told", "noticed", "saw", "expected":
				out = append(out, si)
				k = len(toks)
			}
		}
	}
	return out
}

// echo returns the draft's words that repeat the customer's specifics: the things they
// wrote in about, their numbers, and their other content words.
func (v *coachReview) echo() []coachMatch {
	if v.echoDone {
		return v.echoed
	}
	v.echoDone = true
	var out []coachMatch
	var seen []string
	for i := range v.t.toks {
		if v.c.d.is(&v.t.toks[i], v.c.d.bStop) {
			continue
		}
		w := v.t.toks[i].w
		w = coachStem(w)
		if !v.r.content[w] || coachContains(seen, w) {
			continue
		}
		// Words every reply uses say nothing about this customer.
		switch w {
		case "sorry", "help", "thank", "understand", "know", "please", "hear", "let", "able", "look", "see", "issue", "problem":
			continue
		}
		seen = append(seen, w)
		out = append(out, coachMatch{t0: i, t1: i + 1})
	}
	v.echoed = out
	return out
}

func (v *coachReview) validate() CoachDimension {
	dim := CoachDimension{Code: "validate"}
	d := v.c.d
	val := v.list("validate").match(v.t, nil)
	// "that sounds frustrating", "how stressful", "must be hard": a feeling word in the
	// frame of a judgement.
	for _, m := range v.list("feeling").match(v.t, nil) {
		for k := m.t0 - 1; k >= 0 && k >= m.t0-4; k-- {
			w := v.t.toks[k].w
			if v.t.toks[k].sent != v.t.toks[m.t0].sent {
				break
			}
			if w == "sounds" || w == "sound" || w == "must" || w == "how" || w == "so" && k == m.t0-1 || w == "incredibly" || w == "understandably" || w == "feel" || w == "feeling" {
				val = append(val, coachMatch{t0: k, t1: m.t1})
				break
			}
		}
	}
	plain := v.list("acknowledge_plain").match(v.t, nil)
	sympathy := d.lists["er_strong"].match(v.t, nil)
	if v.r.grief && len(val) == 0 {
		// For a loss, heartfelt condolence is the validation: there is nothing to judge.
		val = sympathy
	}
	plain = append(plain, sympathy...)
	needed := len(v.r.all) > 0 && v.r.mood != "neutral" && v.r.mood != "happy" && v.r.mood != "grateful"
	switch {
	case len(val) > 0:
		dim.Status = CoachMet
		dim.Spans = v.spans(val, 4)
	case !needed:
		dim.Status = CoachNotNeeded
	case len(plain) > 0:
		dim.Status = CoachPartial
		dim.Spans = v.spans(plain, 4)
		dim.Suggestion = d.t("suggest.validate.partial")
	default:
		dim.Status = CoachMissing
		dim.Suggestion = d.t("suggest.validate")
	}
	return dim
}

func (v *coachReview) explore() CoachDimension {
	dim := CoachDimension{Code: "explore"}
	var open []CoachSpan
	for _, s := range v.mech.questions {
		sub := v.t.sub(s.tok0, s.tok1)
		if v.list("open_start").any(&sub) {
			open = append(open, v.spanSent(s))
		}
	}
	switch {
	case len(open) > 0:
		dim.Status = CoachMet
		dim.Spans = open
	case !v.r.unclear:
		dim.Status = CoachNotNeeded
	case len(v.mech.questions) > 0:
		dim.Status = CoachPartial
		for _, s := range v.mech.questions {
			dim.Spans = append(dim.Spans, v.spanSent(s))
		}
		dim.Suggestion = v.c.d.t("suggest.explore")
	default:
		dim.Status = CoachMissing
		dim.Suggestion = v.c.d.t("suggest.explore")
	}
	return dim
}

func (v *coachReview) language() CoachDimension {
	dim := CoachDimension{Code: "language"}
	hard, soft := 0, 0
	for _, f := range v.flags {
		switch f.Kind {
		case "blame", "dismissal":
			hard++
		case "jargon", "negative":
			soft++
		default:
			continue
		}
		dim.Spans = append(dim.Spans, f.Span)
	}
	switch {
	case hard > 0:
		dim.Status = CoachMissing
	case soft > 0:
		dim.Status = CoachPartial
	default:
		dim.Status = CoachMet
		return dim
	}
	dim.Suggestion = v.c.d.t("suggest.language")
	return dim
}

func (v *coachReview) solution() CoachDimension {
	dim := CoachDimension{Code: "solution"}
	d := v.c.d
	t := v.t
	v.ownership()
	steps := v.list("next_steps").match(t, nil)
	v.steps = len(steps) > 0 || v.own
	timeline := v.list("timeline").match(t, nil)
	vagueTime := v.list("timeline_vague").match(t, nil)
	followup := v.list("followup").match(t, nil)
	pending := v.list("pending").any(t)
	v.apologyEv = v.list("apology").match(t, nil)

	needed := len(v.r.all) == 0 || v.r.fault || v.r.asked || v.r.negativeMood() || v.r.mood == "anxious" || v.r.mood == "confused"
	// When the need is unclear, asking comes before solving.
	asking := v.r.unclear && len(v.mech.questions) > 0
	if (!needed || asking) && !v.own && len(steps) == 0 {
		dim.Status = CoachNotNeeded
		return dim
	}
	var missing []string
	have, want := 0, 0
	check := func(ok bool, key string) {
		want++
		if ok {
			have++
		} else {
			missing = append(missing, d.t("missing."+key))
		}
	}
	check(v.own || v.ownTeam, "ownership")
	check(v.steps, "steps")
	if v.r.fault {
		check(len(v.apologyEv) > 0, "apology")
	}
	if pending {
		check(len(followup) > 0, "followup")
	}
	if pending || (!v.doneNow && v.own) {
		check(len(timeline) > 0 || len(vagueTime) > 0 && len(followup) > 0, "timeline")
	}
	dim.Spans = v.spans(v.ownEv, 3)
	dim.Spans = append(dim.Spans, v.spans(steps, 2)...)
	dim.Spans = append(dim.Spans, v.spans(timeline, 2)...)
	dim.Spans = append(dim.Spans, v.spans(followup, 2)...)
	if v.r.fault {
		dim.Spans = append(dim.Spans, v.spans(v.apologyEv, 2)...)
	}
	switch {
	case have == want && v.own:
		dim.Status = CoachMet
	case have == want || have*2 >= want && (v.own || v.ownTeam):
		dim.Status = CoachPartial
		if len(missing) == 0 {
			missing = append(missing, d.t("missing.ownership"))
		}
		dim.Suggestion = strings.ReplaceAll(d.t("suggest.solution.partial"), "{missing}", coachJoin(missing))
	default:
		dim.Status = CoachMissing
		dim.Suggestion = d.t("suggest.solution")
	}
	return dim
}

// ownership finds "I" doing something: "I've issued", "I'll send", "let me check".
func (v *coachReview) ownership() {
	d := v.c.d
	t := v.t
	strong := d.lists["own_strong"].match(t, nil)
	for _, m := range d.lists["own_aux"].match(t, nil) {
		if m.t1 < len(t.toks) && t.toks[m.t1].sent == t.toks[m.t0].sent && !d.is(&t.toks[m.t1], d.bNotAction) {
			strong = append(strong, coachMatch{t0: m.t0, t1: m.t1 + 1})
			if t.toks[m.t0+1].w == "have" && coachPastAction(t.toks[m.t1].w) {
				v.doneNow = true
			}
		}
	}
	if len(strong) > 0 {
		v.own = true
		v.ownEv = strong
		return
	}
	team := d.lists["own_team"].match(t, nil)
	for _, m := range d.lists["own_team_aux"].match(t, nil) {
		if m.t1 < len(t.toks) && t.toks[m.t1].sent == t.toks[m.t0].sent && !d.is(&t.toks[m.t1], d.bNotAction) {
			team = append(team, coachMatch{t0: m.t0, t1: m.t1 + 1})
		}
	}
	if len(team) > 0 {
		v.ownTeam = true
		v.ownEv = team
	}
}

// coachPastAction guesses a past participle: "issued", "sent", "refunded".
func coachPastAction(w string) bool {
	if strings.HasSuffix(w, "ed") && len(w) > 4 {
		return true
	}
	switch w {
	case "sent", "made", "put", "set", "done", "given", "taken", "written", "spoken", "paid", "built", "brought", "got", "gotten", "fixed", "reset", "run":
		return true
	}
	return false
}

func coachJoin(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], "; ") + " and " + parts[len(parts)-1]
}

func (v *coachReview) personalise() CoachDimension {
	dim := CoachDimension{Code: "personalise"}
	d := v.c.d
	var missing []string
	have, want := 0, 0
	// The name.
	names := coachNames(v.in.CustomerName, v.in.PreferredName)
	if len(names) > 0 {
		want++
		if i := v.findWord(names); i >= 0 {
			have++
			dim.Spans = append(dim.Spans, v.spanTok(i, i+1))
		} else {
			missing = append(missing, d.t("missing.name"))
		}
	}
	// Their specifics.
	if len(v.r.all) > 0 && len(v.r.content) > 0 {
		want++
		echo := v.echo()
		if len(echo) > 0 {
			have++
			dim.Spans = append(dim.Spans, v.spans(echo, 3)...)
		} else {
			topic := "what they wrote about"
			if len(v.r.topics) > 0 {
				topic = v.r.topics[0]
			}
			missing = append(missing, strings.ReplaceAll(d.t("missing.specifics"), "{topic}", topic))
		}
	}
	// Their history.
	if fact := v.factWords(); len(fact) > 0 {
		want++
		found := false
		for i := range v.t.toks {
			if fact[coachStem(v.t.toks[i].w)] {
				found = true
				dim.Spans = append(dim.Spans, v.spanTok(i, i+1))
				break
			}
		}
		if found {
			have++
		} else {
			missing = append(missing, strings.ReplaceAll(d.t("missing.history"), "{fact}", coachShort(strings.TrimSpace(v.in.Facts[0]), 60)))
		}
	}
	switch {
	case want == 0:
		dim.Status = CoachNotNeeded
	case have == want:
		dim.Status = CoachMet
	case have > 0:
		dim.Status = CoachPartial
		dim.Suggestion = strings.ReplaceAll(d.t("suggest.personalise.partial"), "{missing}", coachJoin(missing))
	default:
		dim.Status = CoachMissing
		dim.Suggestion = d.t("suggest.personalise")
	}
	return dim
}

// coachNames returns the lower-case first names to look for.
func coachNames(names ...string) []string {
	var out []string
	for _, n := range names {
		t := coachTokenize(coachShort(n, 200))
		if len(t.toks) > 0 && !coachContains(out, t.toks[0].w) {
			out = append(out, t.toks[0].w)
		}
	}
	return out
}

func (v *coachReview) findWord(ws []string) int {
	for i := range v.t.toks {
		if coachContains(ws, v.t.toks[i].w) {
			return i
		}
	}
	return -1
}

// factWords returns the content words of the pinned facts.
func (v *coachReview) factWords() map[string]bool {
	if len(v.in.Facts) == 0 {
		return nil
	}
	out := map[string]bool{}
	for k, f := range v.in.Facts {
		if k >= 20 {
			break
		}
		t := v.c.d.tokenize(coachShort(f, 500))
		for _, tk := range t.toks {
			if len(tk.w) > 2 && !v.c.d.is(&tk, v.c.d.bStop) {
				out[coachStem(tk.w)] = true
			}
		}
	}
	return out
}

func (v *coachReview) tone() CoachDimension {
	dim := CoachDimension{Code: "tone"}
	bad := false
	for _, f := range v.flags {
		if f.Kind == "tone" {
			bad = true
			dim.Spans = append(dim.Spans, f.Span)
		}
	}
	if bad {
		dim.Status = CoachMissing
		dim.Suggestion = v.c.d.t("suggest.tone")
		if v.t.caps*2 >= v.t.words {
			dim.Suggestion = v.c.d.t("suggest.tone.caps")
		}
		return dim
	}
	// An apology with no action after it.
	if len(v.apologyEv) > 0 && !v.own && !v.ownTeam && !v.steps && len(v.mech.questions) == 0 {
		sp := v.span(v.apologyEv[0])
		dim.Status = CoachPartial
		dim.Spans = []CoachSpan{sp}
		dim.Suggestion = v.c.d.t("suggest.tone.apology")
		v.addFlag("tone", sp, v.c.d.t("flag.apology.reason"), v.c.d.t("flag.apology.rewrite"))
		return dim
	}
	dim.Status = CoachMet
	return dim
}

// coachShingles are hashed word pairs, sorted, for near-duplicate checks.
func coachShingles(t *coachText) []uint64 {
	if len(t.toks) < 2 {
		if len(t.toks) == 1 {
			return []uint64{coachHash(t.toks[0].w, "")}
		}
		return nil
	}
	out := make([]uint64, 0, len(t.toks)-1)
	for i := 1; i < len(t.toks); i++ {
		out = append(out, coachHash(t.toks[i-1].w, t.toks[i].w))
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	k := 0
	for i := range out {
		if i == 0 || out[i] != out[i-1] {
			out[k] = out[i]
			k++
		}
	}
	return out[:k]
}

func coachHash(a, b string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * 1099511628211
	}
	h = (h ^ 0xff) * 1099511628211
	for i := 0; i < len(b); i++ {
		h = (h ^ uint64(b[i])) * 1099511628211
	}
	return h
}

// coachJaccard is |a∩b| / |a∪b| of two sorted sets.
func coachJaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	i, j, both := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			both++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// coachNearDuplicate is the Jaccard similarity of word pairs above which two replies are
// the same text with small edits.
const coachNearDuplicate = 0.5

// coachMaxCompare caps the macros and earlier replies one review compares against.
const coachMaxCompare = 200

func (v *coachReview) generic() CoachDimension {
	dim := CoachDimension{Code: "generic"}
	d := v.c.d
	var sh []uint64
	if len(v.in.Macros) > 0 || len(v.in.EarlierReplies) > 0 {
		sh = coachShingles(v.t)
	}
	nearMacro := false
	for k, m := range v.in.Macros {
		if k >= coachMaxCompare {
			break
		}
		mt := d.tokenize(coachClip(m))
		if coachJaccard(sh, coachShingles(&mt)) >= coachNearDuplicate {
			nearMacro = true
			break
		}
	}
	repeats := 0
	for k, e := range v.in.EarlierReplies {
		if k >= coachMaxCompare {
			break
		}
		et := d.tokenize(coachClip(e))
		if coachJaccard(sh, coachShingles(&et)) >= coachNearDuplicate {
			repeats++
		}
	}
	repeated := repeats >= 3
	// Share of the sentences that are stock phrases.
	stock := 0
	var stockSpans []CoachSpan
	for _, s := range v.t.sents {
		sub := v.t.sub(s.tok0, s.tok1)
		if len(sub.toks) > 0 && d.lists["boilerplate"].any(&sub) {
			stock++
			if len(stockSpans) < 4 {
				stockSpans = append(stockSpans, v.spanSent(s))
			}
		}
	}
	mostlyStock := len(v.t.sents) > 0 && stock*2 >= len(v.t.sents) && stock > 0
	personal := len(v.echo()) > 0 || v.findWord(coachNames(v.in.CustomerName, v.in.PreferredName)) >= 0
	dim.Spans = stockSpans
	switch {
	case (nearMacro || repeated || mostlyStock) && !personal:
		dim.Status = CoachMissing
		dim.Suggestion = d.t("suggest.generic")
	case nearMacro || repeated || mostlyStock:
		dim.Status = CoachPartial
		dim.Suggestion = d.t("suggest.generic.partial")
	default:
		dim.Status = CoachMet
		dim.Spans = nil
	}
	return dim
}

func (c *Coach) emptyDimensions(r *coachReading) []CoachDimension {
	var out []CoachDimension
	for _, code := range CoachDimensionCodes() {
		out = append(out, CoachDimension{Code: code, Label: c.d.t("label." + code), Status: CoachMissing, Spans: []CoachSpan{}, Suggestion: c.d.t("suggest." + code)})
	}
	return out
}

// score adds up the checklist, takes off the flags, and says how.
func (c *Coach) score(dims []CoachDimension, flags []CoachFlag) (int, string) {
	var got, total float64
	var met, partial, missing []string
	for _, d := range dims {
		w := coachWeights[d.Code]
		switch d.Status {
		case CoachMet:
			got += w
			met = append(met, c.d.t("label."+d.Code))
		case CoachPartial:
			got += w / 2
			partial = append(partial, c.d.t("label."+d.Code))
		case CoachMissing:
			missing = append(missing, c.d.t("label."+d.Code))
		default:
			continue
		}
		total += w
	}
	base := 0.0
	if total > 0 {
		base = 100 * got / total
	}
	counts := map[string]int{}
	for _, f := range flags {
		counts[f.Kind]++
	}
	penalty := 0
	var pen []string
	for _, kind := range []string{"blame", "dismissal", "tone", "negative", "jargon"} {
		n := counts[kind]
		if n == 0 {
			continue
		}
		p := coachPenalty[kind][0] * n
		if p > coachPenalty[kind][1] {
			p = coachPenalty[kind][1]
		}
		penalty += p
		word := "phrase"
		if n > 1 {
			word = "phrases"
		}
		pen = append(pen, fmt.Sprintf("−%d for %d %s %s", p, n, kind, word))
	}
	score := int(base - float64(penalty) + 0.5)
	if score < 0 {
		score = 0
	}
	if score > 100 {
		score = 100
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d/100: the checklist gives %.0f of 100 points over the %d items this reply needs (met counts in full, partial in half).", score, base, len(met)+len(partial)+len(missing))
	if len(met) > 0 {
		fmt.Fprintf(&b, " Met: %s.", strings.ToLower(strings.Join(met, "; ")))
	}
	if len(partial) > 0 {
		fmt.Fprintf(&b, " Partly: %s.", strings.ToLower(strings.Join(partial, "; ")))
	}
	if len(missing) > 0 {
		fmt.Fprintf(&b, " Missing: %s.", strings.ToLower(strings.Join(missing, "; ")))
	}
	if len(pen) > 0 {
		fmt.Fprintf(&b, " Flagged phrases: %s.", strings.Join(pen, ", "))
	}
	return score, b.String()
}

// suggestions writes the sentences the agent can insert.
func (c *Coach) suggestions(r *coachReading, dims []CoachDimension, flags []CoachFlag) CoachSuggestions {
	var s CoachSuggestions
	status := map[string]string{}
	for _, d := range dims {
		status[d.Code] = d.Status
	}
	if r.clause != "" && status["acknowledge"] != CoachMet {
		key := "reflect.one"
		feeling := c.d.t("feeling." + r.mood)
		if feeling != "" && r.strength >= 0.3 && !r.feels {
			key = "reflect.feeling"
		}
		s.Reflection = strings.NewReplacer("{clause}", r.clause, "{feeling}", feeling).Replace(c.d.t(key))
	}
	if len(r.all) > 0 && status["validate"] != CoachMet {
		s.Validation = c.d.t("validate." + r.mood)
	}
	if r.unclear && status["explore"] != CoachMet {
		switch {
		case r.grief:
			s.OpenQuestion = c.d.t("open.grief")
		case len(r.topics) > 0:
			s.OpenQuestion = strings.ReplaceAll(c.d.t("open.topic"), "{topic}", "your "+r.topics[0])
		default:
			s.OpenQuestion = c.d.t("open.plain")
		}
	}
	for _, f := range flags {
		if f.Rewrite != "" && !coachContains(s.Rewrites, f.Rewrite) {
			s.Rewrites = append(s.Rewrites, f.Rewrite)
		}
	}
	return s
}

func coachShort(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

func coachRound(x float64, places int) float64 {
	p := 1.0
	for i := 0; i < places; i++ {
		p *= 10
	}
	if x < 0 {
		return -float64(int(-x*p+0.5)) / p
	}
	return float64(int(x*p+0.5)) / p
}
