package analysis

import (
	"fmt"
	"sort"
	"strings"
)

// coachWeight is how many points a dimension counts for in the score when it is needed;
// the eight add up to 100.
func coachWeight(code string) float64 {
	switch code {
	case "solution":
		return 20
	case "acknowledge", "validate", "language":
		return 15
	case "explore", "personalise", "tone":
		return 10
	case "generic":
		return 5
	}
	return 0
}

// coachDeadlineSolution is what the solution counts for when the customer is up against a
// time: a reply that leaves them guessing whether it will be in time fails them more.
const coachDeadlineSolution = 30

// coachPenalties is what one flag of each kind takes off the score, and the most all flags
// of that kind can take, in the order the score's explanation names them. Every flag kind
// the coach raises is here.
var coachPenalties = []struct {
	kind       string
	each, most int
}{
	{"blame", 15, 30},
	{"dismissal", 12, 24},
	{"tone", 8, 16},
	{"listening", 10, 20},
	{"negative", 4, 12},
	{"jargon", 3, 9},
}

// Review scores a draft reply against the customer's recent messages. It never panics,
// and the same input always gives the same report. It reads the last five customer
// messages and the first 16 KiB of each text; every span is a byte range of in.Draft.
// Suggestions are given for what is not yet met: a reflection unless the draft already
// reflects, a validation unless it validates, an open question when the need is unclear,
// and a rewrite for each flagged phrase. Extra["mood"] is the mood the coach read,
// Extra["need"] is "unclear" when the customer's need is not clear from what they wrote, and
// Extra["politeness"] names the politeness strategies the draft uses.
func (c *Coach) Review(in CoachInput) CoachReport {
	rep := CoachReport{Model: CoachVersion, Flags: []CoachFlag{}}
	var bufs coachBufs
	defer c.d.release(&bufs)
	r := c.read(in.Customer, &bufs)
	draft := in.Draft
	t := c.d.tokenize(coachClip(draft), &bufs)
	// Spans are byte offsets into the draft as given; a clipped draft is a prefix of it, so
	// every span stays inside.
	rep.Extra = map[string]string{"mood": r.mood}
	if r.unclear {
		rep.Extra["need"] = "unclear"
	}
	if len(t.toks) == 0 {
		rep.Explanation = "The draft is empty, so there is nothing to score yet."
		rep.Dimensions = c.emptyDimensions()
		rep.Suggestions = c.suggestions(&r, nil, nil, false)
		return rep
	}

	mech := c.mechanisms(&t, &r)
	rep.Mechanisms = CoachMechanisms{EmotionalReaction: mech.er, Interpretation: mech.ip, Exploration: mech.ex}
	pol, strategies := c.politeness(&t)
	rep.Politeness = coachRound(pol, 3)
	if len(strategies) > 0 {
		rep.Extra["politeness"] = strings.Join(strategies, ", ")
	}

	rev := coachReview{c: c, in: &in, r: &r, t: &t, mech: &mech}
	rev.flag()
	rev.repeatsTried = rev.flagRepeatedSteps()
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
	rep.Score, rep.Explanation = c.score(dims, rev.flags, r.deadline)
	rep.Suggestions = c.suggestions(&r, dims, rev.flags, mech.er == 2)
	// A glad customer's reply that is already warm needs no line of thanks, and a request
	// signed off "Thanks!" was not thanks for anything.
	if r.mood == "happy" || r.mood == "grateful" {
		if mech.er > 0 || c.d.lists["mood_grateful"].any(&t) || !r.glad && !r.closing {
			rep.Suggestions.Validation = ""
		}
	}
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
	stepDone                     bool // work reported done in no one's name: "It's on its way"
	promise                      bool // an unconditional promise of something still to do
	ownEv                        []coachMatch
	apologyEv                    []coachMatch
	echoDone                     bool
	echoed                       []coachMatch
	nameDone                     bool
	nameIdx, formalIdx           int
	names                        []string
	repeatsTried                 bool // the draft asks for a step the customer has already taken
	unansweredDone, isUnanswered bool // unanswered's result, worked out once
	unansweredQ                  string
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
	var vbuf [8]coachMatch
	val := d.lists["validate"].match(t, vbuf[:0])
	var rbuf [4]coachMatch
	reflects := d.lists["reflect_open"].match(t, rbuf[:0])
	for _, m := range d.flags.match(t, nil) {
		rule := d.flagRules[m.id]
		if !coachFlagApplies(t, m, rule.kind, val) || rule.kind == "negative" && coachSaidBack(t, m, reflects) {
			continue
		}
		v.addFlag(rule.kind, v.span(m), rule.reason, rule.rewrite)
	}
	// Jargon: listed terms and unexplained acronyms the customer did not use themselves.
	for _, m := range d.lists["jargon"].match(t, nil) {
		if v.customerUsedAll(m.t0, m.t1) || v.explained(m.t1) {
			continue
		}
		v.addJargon(v.span(m))
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
			if coachReference(t.s, int(tk.start), int(tk.end)) {
				continue // "WF-945787", "INV-2231": a reference, not a word
			}
			v.addJargon(v.spanTok(i, i+1))
		}
	}
	// Cheer for a customer who is angry or grieving, and breeziness for one who is worried.
	if v.r.negativeMood() || v.r.mood == "anxious" {
		reason := strings.ReplaceAll(d.t("flag.cheerful.reason"), "{mood}", d.t("mood."+v.r.mood))
		rewrite, list := d.t("flag.cheerful.rewrite"), "cheerful"
		switch v.r.mood {
		case "sad":
			rewrite = d.t("flag.cheerful.rewrite.sad")
		case "anxious":
			rewrite, list = d.t("flag.cheerful.rewrite.anxious"), "breezy"
		}
		for _, m := range d.lists[list].match(t, nil) {
			v.addFlag("tone", v.span(m), reason, rewrite)
		}
	}
	// A run of questions.
	if first, last, ok := v.barrage(); ok {
		v.addFlag("tone", CoachSpan{Start: first.start, End: last.end, Text: t.s[first.start:last.end]}, d.t("flag.barrage.reason"), d.t("flag.barrage.rewrite"))
	}
	// Shouting.
	if t.words >= 3 && t.caps*2 >= t.words && t.caps >= 3 {
		v.addFlag("tone", CoachSpan{Start: 0, End: len(t.s), Text: t.s}, d.t("flag.caps.reason"), coachSentenceCase(t.s))
	}
	// An apology with nothing done about it is judged in tone(), once ownership is known.
}

// coachFlagApplies reports whether a phrase of flags.txt means what its flag says where it
// stands. Inside a phrase that validates the customer it does not: "you shouldn't have had
// to send it twice" takes their side, it does not blame them. A "you must / need to / have
// to" under a condition or in a question gives no order: "if you need to show your bank…",
// "do you need to change the date?". Nor does a "you should have" after "if": "if you
// should have any questions".
func coachFlagApplies(t *coachText, m coachMatch, kind string, validate []coachMatch) bool {
	for _, v := range validate {
		if v.t0 < m.t1 && m.t0 < v.t1 {
			return false
		}
	}
	if (kind == "negative" || kind == "blame") && t.toks[m.t0].w == "you" {
		if m.t0 > 0 && t.toks[m.t0-1].sent == t.toks[m.t0].sent {
			switch t.toks[m.t0-1].w {
			case "if", "when", "whenever", "unless", "case", "once", "whether":
				return false
			}
		}
		if kind == "negative" && t.sentenceOf(m.t0).question {
			return false
		}
	}
	if kind == "blame" && t.toks[m.t1-1].w == "have" && !coachBlamesDeed(t, m.t1) {
		return false
	}
	return true
}

// coachSaidBack reports whether m stands in a sentence that says back what the customer
// told us ("To make sure I have this right: you need to print your boarding pass
// tonight…"): their "I need to" turned into "you need to" is their need, not our order.
func coachSaidBack(t *coachText, m coachMatch, reflects []coachMatch) bool {
	sent := t.toks[m.t0].sent
	for _, r := range reflects {
		if r.t0 < m.t0 && t.toks[r.t0].sent == sent {
			return true
		}
	}
	return false
}

// coachBlamesDeed reports whether the words from token i on, after "you should (not) have",
// name something the customer did or failed to do ("…checked", "…just called us", "…read
// the terms"). "You should have it by Friday" tells them when it comes, "you should have
// received an email" what to expect, and "you should have been told" takes their side.
func coachBlamesDeed(t *coachText, i int) bool {
	for ; i < len(t.toks) && t.toks[i].sent == t.toks[i-1].sent; i++ {
		w := t.toks[i].w
		switch w {
		case "just", "really", "already", "simply", "first", "probably", "definitely", "also":
			continue
		case "received", "got", "gotten", "seen", "heard", "been", "had", "noticed", "spotted":
			return false
		case "known", "read", "thought", "gone", "kept", "left", "chosen", "bought", "told", "asked":
			return true
		}
		return coachPastAction(w) || len(w) == 4 && strings.HasSuffix(w, "ed") // "used"
	}
	return true // "You really should have."
}

// coachBarrage is how many questions in one reply read as a form to fill in; a reply made
// of nothing but questions reads so from coachBarrageAlone.
const (
	coachBarrage      = 4
	coachBarrageAlone = 3
)

// barrage returns the first and last question of a reply that is a run of questions: four
// or more, or three or more with nothing else said.
func (v *coachReview) barrage() (first, last coachSentence, ok bool) {
	n := 0
	for _, s := range v.t.sents {
		if !s.question {
			continue
		}
		if n == 0 {
			first = s
		}
		last = s
		n++
	}
	return first, last, n >= coachBarrage || n >= coachBarrageAlone && n == len(v.t.sents)
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
// explaining ("my eSIM", "the GB left on my plan").
func (v *coachReview) customerUsed(w string) bool {
	if v.r.content[coachStem(w)] {
		return true
	}
	for i := range v.r.all {
		for k := range v.r.all[i].toks {
			if v.r.all[i].toks[k].w == w {
				return true
			}
		}
	}
	return false
}

// customerUsedAll reports whether the customer wrote every word of the draft's tokens
// [t0, t1) themselves ("the VAT invoice", "a hard refresh").
func (v *coachReview) customerUsedAll(t0, t1 int) bool {
	for i := t0; i < t1; i++ {
		if !v.customerUsed(v.t.toks[i].w) {
			return false
		}
	}
	return t1 > t0
}

// addJargon flags a term the customer may not know. When the coach knows plainer words
// for it (templates.txt, plain.<term>), they are the rewrite; when it does not, the reason
// says so and there is no rewrite: a sentence with a gap in it is no help.
func (v *coachReview) addJargon(sp CoachSpan) {
	d := v.c.d
	if plain := d.t("plain." + coachLowerASCII(strings.ReplaceAll(sp.Text, "’", "'"))); plain != "" {
		if sp.Start == 0 || coachSentenceStart(v.t.s, sp.Start) {
			plain = strings.ToUpper(plain[:1]) + plain[1:]
		}
		v.addFlag("jargon", sp, strings.ReplaceAll(strings.ReplaceAll(d.t("flag.jargon.reason"), "{term}", sp.Text), "{plain}", plain), plain)
		return
	}
	v.addFlag("jargon", sp, strings.ReplaceAll(d.t("flag.jargon.reason.none"), "{term}", sp.Text), "")
}

// coachSentenceStart reports whether byte i of s starts a sentence: nothing but spaces
// since the start or since a full stop, question or exclamation mark.
func coachSentenceStart(s string, i int) bool {
	for k := i - 1; k >= 0; k-- {
		switch s[k] {
		case ' ', '\t', '\n', '\r':
			continue
		case '.', '!', '?':
			return true
		}
		return false
	}
	return true
}

// coachReference reports whether the word s[i:j] in capitals is the head of a reference
// joined to digits by a hyphen or a hash ("WF-945787", "INV#2231"), or follows one.
func coachReference(s string, i, j int) bool {
	if j+1 < len(s) && (s[j] == '-' || s[j] == '#') && s[j+1] >= '0' && s[j+1] <= '9' {
		return true
	}
	return i >= 2 && s[i-1] == '-' && s[i-2] >= '0' && s[i-2] <= '9'
}

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

// emptyDimensions is the checklist for an empty draft: everything is still to do.
func (c *Coach) emptyDimensions() []CoachDimension {
	var out []CoachDimension
	for _, code := range CoachDimensionCodes() {
		out = append(out, CoachDimension{Code: code, Label: c.d.t("label." + code), Status: CoachMissing, Spans: []CoachSpan{}, Suggestion: c.d.t("suggest." + code)})
	}
	return out
}

// score adds up the checklist, takes off the flags, and says how. deadline is the time the
// customer is up against, if any: the solution then counts for more.
func (c *Coach) score(dims []CoachDimension, flags []CoachFlag, deadline string) (int, string) {
	var got, total float64
	var met, partial, missing []string
	urgent := false
	for _, d := range dims {
		w := coachWeight(d.Code)
		if d.Code == "solution" && deadline != "" && d.Status != CoachNotNeeded {
			w, urgent = coachDeadlineSolution, true
		}
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
	for _, cp := range coachPenalties {
		kind := cp.kind
		n := counts[kind]
		if n == 0 {
			continue
		}
		p := min(cp.each*n, cp.most)
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
	if urgent {
		fmt.Fprintf(&b, " The solution counts %d points, not %.0f, because they are up against a time (%s).", coachDeadlineSolution, coachWeight("solution"), deadline)
	}
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
func (c *Coach) suggestions(r *coachReading, dims []CoachDimension, flags []CoachFlag, consoled bool) CoachSuggestions {
	var s CoachSuggestions
	status := func(code string) string {
		for _, d := range dims {
			if d.Code == code {
				return d.Status
			}
		}
		// An empty draft: everything this customer needs is still to do.
		switch {
		case code == "acknowledge" && r.simple, code == "validate" && r.mood == "neutral":
			return CoachNotNeeded
		}
		return CoachMissing
	}
	// A suggestion is for what the reply still needs: none for what it does already, and
	// none for what this customer does not need (a reflection of "What time do you
	// close?", a validation for a calm request).
	clause := ""
	if ack := status("acknowledge"); len(r.all) > 0 && ack != CoachMet && ack != CoachNotNeeded && !r.closing {
		clause = c.reflectClause(r, consoled)
	}
	if clause != "" {
		key := "reflect.one"
		feeling := c.d.t("feeling." + r.mood)
		switch {
		case r.loss:
			key = "reflect.loss"
		case feeling != "" && r.strength >= 0.3 && !r.feels:
			key = "reflect.feeling"
		}
		s.Reflection = strings.ReplaceAll(strings.ReplaceAll(c.d.t(key), "{clause}", clause), "{feeling}", feeling)
	}
	val := status("validate")
	if len(r.all) > 0 && (val == CoachMissing || val == CoachPartial || val == CoachNotNeeded && (r.mood == "happy" || r.mood == "grateful")) {
		key := "validate." + r.mood
		if r.deadline != "" && c.d.t(key+".deadline") != "" {
			key += ".deadline" // said against the time they are up against
		}
		if r.grief {
			key = "validate.grief"
		}
		s.Validation = c.d.t(key)
	}
	if r.unclear && status("explore") != CoachMet {
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
