package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The checklist: one method of coachReview per dimension.

// acknowledge checks that the reply says back what the customer told us.
func (v *coachReview) acknowledge() CoachDimension {
	dim := CoachDimension{Code: "acknowledge"}
	if len(v.r.all) == 0 {
		dim.Status = CoachNotNeeded
		return dim
	}
	if v.r.closing {
		return v.acknowledgeClosing(dim)
	}
	refl := v.list("reflect").match(v.t, nil)
	plain := v.list("acknowledge_plain").match(v.t, nil)
	// "Thanks for letting us know" says nothing back: the "thanks for letting" of a
	// reflection inside it does not count.
	kept := refl[:0]
	for _, m := range refl {
		inside := false
		for _, p := range plain {
			if p.t0 <= m.t0 && m.t1 <= p.t1 {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, m)
		}
	}
	refl = kept
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
	case v.r.simple:
		// A short, calm question wants its answer; saying it back adds nothing.
		dim.Status = CoachNotNeeded
		dim.Spans = nil
	case len(refl) > 0 || len(echo) > 0 || len(plain) > 0 || v.mech.ip > 0:
		dim.Status = CoachPartial
		dim.Spans = append(dim.Spans, v.spans(append(echo, plain...), 4)...)
		dim.Suggestion = v.c.d.t("suggest.acknowledge.partial")
	default:
		dim.Status = CoachMissing
		dim.Suggestion = v.c.d.t("suggest.acknowledge")
	}
	if v.repeatsTried && dim.Status != CoachMissing {
		// Saying back their words while asking them to redo what they did is not listening.
		dim.Status = CoachPartial
		dim.Suggestion = v.c.d.t("suggest.acknowledge.tried")
	}
	return dim
}

// acknowledgeClosing judges the answer to a closing message ("Thanks, I'll see how tonight
// goes"): there is nothing to say back, but what they said deserves an answer: thanks or
// gladness in return ("Glad it's working", "You're welcome", "Thank you for letting me
// know"), outside the stock phrases, or their own words from it. The specifics of their
// earlier messages go part of the way.
func (v *coachReview) acknowledgeClosing(dim CoachDimension) CoachDimension {
	d := v.c.d
	var warm []coachMatch
	for _, m := range v.list("warm_back").match(v.t, nil) {
		if sub := v.t.sub(v.t.sentenceOf(m.t0).tok0, v.t.sentenceOf(m.t0).tok1); !d.lists["boilerplate"].any(&sub) {
			warm = append(warm, m)
		}
	}
	var latest []coachMatch // the draft's words that repeat the closing message's own
	last := &v.r.text
	for i := range v.t.toks {
		tk := &v.t.toks[i]
		if d.is(tk, d.bStop) || len(tk.w) < 3 {
			continue
		}
		w := coachStem(tk.w)
		for k := range last.toks {
			if !d.is(&last.toks[k], d.bStop) && coachStem(last.toks[k].w) == w {
				latest = append(latest, coachMatch{t0: i, t1: i + 1})
				break
			}
		}
	}
	switch {
	case len(warm) > 0 || len(latest) > 0 || v.mech.er > 0:
		dim.Status = CoachMet
		dim.Spans = v.spans(append(warm, latest...), 4)
	case len(v.echo()) > 0:
		dim.Status = CoachPartial
		dim.Spans = v.spans(v.echo(), 4)
		dim.Suggestion = d.t("suggest.acknowledge.closing")
	default:
		dim.Status = CoachMissing
		dim.Suggestion = d.t("suggest.acknowledge.closing")
	}
	return dim
}

// restatements returns the sentences that say what happened to the customer in the second
// person ("your parcel is still at the depot", "you were charged twice"), as a paraphrase does.
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
	// Words inside a stock phrase say nothing about this customer: the "order" of "in
	// order of receipt".
	var bbuf [8]coachMatch
	stock := v.list("boilerplate").match(v.t, bbuf[:0])
	for i := range v.t.toks {
		if v.c.d.is(&v.t.toks[i], v.c.d.bStop) {
			continue
		}
		inStock := false
		for _, m := range stock {
			if m.t0 <= i && i < m.t1 {
				inStock = true
				break
			}
		}
		if inStock {
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
	val = v.c.feelingFrames(v.t, val, nil)
	plain := v.list("acknowledge_plain").match(v.t, nil)
	plain = append(plain, v.list("reassure").match(v.t, nil)...)
	sympathy := d.lists["er_strong"].match(v.t, nil)
	if v.r.grief && len(val) == 0 {
		// For a loss, heartfelt condolence is the validation: there is nothing to judge.
		val = sympathy
	}
	plain = append(plain, sympathy...)
	needed := len(v.r.all) > 0 && v.r.mood != "neutral" && v.r.mood != "happy" && v.r.mood != "grateful" && !v.r.closing
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

// feelingFrames appends to out the feeling words of [feeling] said in the frame of a
// judgement: "that sounds frustrating", "how stressful", "must be hard", "being stuck there
// with two children is exhausting", "such a worrying week", "what a nightmare". A negation
// between them undoes it ("it isn't hard, just click…" makes light of the trouble), and a
// question asks rather than judges. When situation is not nil, it is set for a frame whose
// subject tells of the customer's situation ("being stuck in an airport at night is
// frightening"): a feeling inferred from what they are going through.
func (c *Coach) feelingFrames(t *coachText, out []coachMatch, situation *bool) []coachMatch {
	for _, m := range c.d.lists["feeling"].match(t, nil) {
		if t.sentenceOf(m.t0).question {
			continue
		}
		for k := m.t0 - 1; k >= 0 && k >= m.t0-4; k-- {
			w := t.toks[k].w
			if t.toks[k].sent != t.toks[m.t0].sent || coachOneOf(w, "not", "never", "no", "nothing", "hardly") {
				break
			}
			framed := coachOneOf(w, "sounds", "sound", "must", "how", "incredibly", "understandably", "feel", "feeling", "such") ||
				w == "so" && k == m.t0-1 || w == "what" && k+1 < m.t0 && coachOneOf(t.toks[k+1].w, "a", "an")
			judged := false
			if coachOneOf(w, "is", "was", "are", "were", "be", "been") {
				// "this is frustrating", "that would be stressful", "it's hard to lose a
				// parent"; with another subject the feeling word must judge the situation,
				// not how hard a task is ("the process is difficult to change").
				framed = k > 0 && coachOneOf(t.toks[k-1].w, "this", "that", "it", "must", "would", "can", "could", "will", "may", "might") ||
					m.t1 >= len(t.toks) || t.toks[m.t1].w != "to" || t.toks[m.t1].sent != t.toks[m.t0].sent
				judged = framed && (k == 0 || !coachOneOf(t.toks[k-1].w, "this", "that", "it"))
			}
			if framed {
				out = append(out, coachMatch{t0: k, t1: m.t1})
				if situation != nil && judged && c.situationSubject(t, k) {
					*situation = true
				}
				break
			}
		}
	}
	return out
}

// coachSituationWords is the fewest words a clause that tells of someone's situation runs
// to: set from what the clause is, and checked on the odd and even EPITOME rows.
const coachSituationWords = 4

// situationSubject reports whether the clause that ends before token k tells of a
// situation, as a clause led by a word in -ing does ("being stuck in an airport at night",
// "waiting in all day for nothing", "losing the connection during homework time"). The
// clause starts at the sentence's start or after its last comma or colon. A subject led by
// a noun is not enough: on its own it is as often a thing ("the process") as a situation.
func (c *Coach) situationSubject(t *coachText, k int) bool {
	start := k
	for start > 0 && t.toks[start-1].sent == t.toks[k].sent {
		// Tokens of one contraction share its span ("I'm" → "i" "am").
		if a, b := t.toks[start-1].end, t.toks[start].start; a < b && strings.ContainsAny(t.s[a:b], ",;:—") {
			break
		}
		start--
	}
	// A situation is told in some detail; "being alone is hard", "loving yourself is
	// difficult" are said of life in general.
	if k-start < coachSituationWords {
		return false
	}
	w := t.toks[start].w
	switch w {
	case "being", "getting", "going":
		return true
	case "thing", "something", "anything", "nothing", "everything", "morning", "evening", "wedding", "ceiling", "spring", "string", "king", "ring":
		return false // nouns, not a doing
	}
	return len(w) > 4 && strings.HasSuffix(w, "ing")
}

func (v *coachReview) explore() CoachDimension {
	dim := CoachDimension{Code: "explore"}
	var open []CoachSpan
	for _, s := range v.mech.questions {
		sub := v.t.sub(s.tok0, s.tok1)
		if v.list("open_start").any(&sub) || v.openAfterIntro(s) {
			open = append(open, v.spanSent(s))
		}
	}
	_, _, barrage := v.barrage()
	switch {
	case len(open) > 0 && barrage:
		// Open questions, but so many that they read as a form.
		dim.Status = CoachPartial
		dim.Spans = open
		dim.Suggestion = v.c.d.t("suggest.explore.barrage")
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

// openAfterIntro reports an open question that follows a few words of introduction: "So
// I can point you the right way, what were you doing when it stopped?", "Before I change
// it: which address should it go to?".
func (v *coachReview) openAfterIntro(s coachSentence) bool {
	t := v.t
	for i := s.tok0 + 1; i+1 < s.tok1; i++ {
		if !coachOneOf(t.toks[i].w, "what", "how", "which", "who", "where") {
			continue
		}
		before := strings.TrimRight(t.s[s.start:t.toks[i].start], " ")
		if strings.HasSuffix(before, ",") || strings.HasSuffix(before, ":") || strings.HasSuffix(before, "—") {
			return true
		}
	}
	return false
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
	v.steps = len(steps) > 0 || v.own || v.stepDone
	timeline := v.promisedTimes(d.times(t, v.list("timeline").match(t, nil)))
	vagueTime := v.list("timeline_vague").match(t, nil)
	followup := v.list("followup").match(t, nil)
	pending := v.list("pending").any(t)
	v.apologyEv = v.list("apology").match(t, nil)

	if v.r.closing {
		// The thread is closing: what it asked for was answered before.
		dim.Status = CoachNotNeeded
		return dim
	}
	needed := len(v.r.all) == 0 || v.r.fault || v.r.asked || v.r.negativeMood() || v.r.mood == "anxious" || v.r.mood == "confused"
	// When the need is unclear, asking comes before solving.
	asking := v.r.unclear && len(v.mech.questions) > 0
	if (!needed || asking) && !v.own && len(steps) == 0 {
		dim.Status = CoachNotNeeded
		return dim
	}
	// A question with nothing gone wrong is solved by its answer: a statement that names
	// what they asked about and says something new (a time, a number, a yes or no, a next
	// step), as "We're open until 4pm on Saturdays" does, or steps to follow for a "how do
	// I…?" ("Press and hold both volume buttons on each speaker for three seconds"). The
	// customer may be calm, or unsure or worried about a question they put; an angry or
	// grieving one needs more, and so does a worried request ("I need it back by Friday").
	if !v.r.fault && v.r.asked && (v.r.calm() || v.r.question && (v.r.mood == "confused" || v.r.mood == "anxious")) && !v.closesDoor() {
		if _, open := v.unanswered(); open {
			// it names their words but not those of what they asked: no answer
		} else if sp, ok := v.answer(); ok {
			dim.Status = CoachMet
			dim.Spans = []CoachSpan{sp}
			return dim
		}
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
	if q, ok := v.unanswered(); ok {
		// what they asked is half of solving it: it counts twice
		want += 2
		missing = append(missing, strings.ReplaceAll(d.t("missing.answer"), "{question}", coachShort(q, 60)))
	}
	if v.r.fault {
		check(len(v.apologyEv) > 0 || !v.r.newFault && v.apologisedEarlier(), "apology")
	}
	// A customer up against a time ("needed by Friday") is told when, set against it.
	whenKey := func(key string) string {
		if v.r.deadline == "" {
			return d.t(key)
		}
		return strings.ReplaceAll(d.t(key+".deadline"), "{deadline}", v.r.deadline)
	}
	if pending && len(followup) == 0 && len(timeline) == 0 && len(vagueTime) == 0 {
		// Neither when it will be done nor when they will hear: two things missing, said
		// as one.
		want += 2
		missing = append(missing, whenKey("missing.followup_timeline"))
	} else if pending || (!v.doneNow && v.promise) || v.r.deadline != "" && !v.doneNow {
		if pending {
			check(len(followup) > 0, "followup")
		}
		// "Soon" and "shortly" are not a time a customer can hold us to: they count as
		// saying when only beside a real time.
		if len(timeline) == 0 && len(vagueTime) > 0 {
			want++
			missing = append(missing, strings.ReplaceAll(d.t("missing.timeline.vague"), "{phrase}", v.spanTok(vagueTime[0].t0, vagueTime[0].t1).Text))
		} else {
			want++
			if len(timeline) > 0 {
				have++
			} else {
				missing = append(missing, whenKey("missing.timeline"))
			}
		}
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

// promisedTimes drops from ms the customer's own deadline said back ("with your new job
// starting on Thursday"): a time in their words, in a sentence that says nothing of what
// will happen by then, tells them nothing new. "It will reach you by Thursday" stays.
func (v *coachReview) promisedTimes(ms []coachMatch) []coachMatch {
	if v.r.deadline == "" {
		return ms
	}
	t := v.t
	out := ms[:0]
	for _, m := range ms {
		if v.customerUsedAll(m.t0, m.t1) {
			s := t.sentenceOf(m.t0)
			future := false
			for k := s.tok0; k < s.tok1 && !future; k++ {
				future = coachOneOf(t.toks[k].w, "will", "by", "before", "until", "within", "expect", "shall", "going")
			}
			if !future {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// closesDoor reports a blame or dismissal flag on the draft: an answer given with "that's our
// policy and there is nothing more I can do" is a refusal, not a solution.
func (v *coachReview) closesDoor() bool {
	for _, f := range v.flags {
		if f.Kind == "blame" || f.Kind == "dismissal" {
			return true
		}
	}
	return false
}

// answer returns the first statement of the draft that answers the customer's question:
// it names one of their own words and carries a time, a number, a date, a "yes" or "no",
// a next step or a "done".
func (v *coachReview) answer() (CoachSpan, bool) {
	t := v.t
	d := v.c.d
	echo := v.echo()
	var buf [8]coachMatch
	times := d.times(t, v.list("timeline").match(t, buf[:0]))
	steps := v.list("next_steps").match(t, nil)
	for _, s := range t.sents {
		if s.question {
			continue
		}
		names := false
		for _, e := range echo {
			if e.t0 >= s.tok0 && e.t0 < s.tok1 {
				names = true
				break
			}
		}
		// Steps to follow answer a "how do I…?" in words of their own: "Press and hold
		// both volume buttons for three seconds" to "Can I play music in two rooms?".
		for _, m := range steps {
			if m.t0 >= s.tok0 && m.t0 < s.tok1 && coachInstruction(t.toks[m.t0].w) {
				names = true
			}
		}
		if !names {
			continue
		}
		news := coachSaysYesNo(t, s)
		for i := s.tok0; i < s.tok1 && !news; i++ {
			news = coachHasDigit(t.toks[i].w) && !d.is(&t.toks[i], d.bStop)
		}
		for _, ms := range [][]coachMatch{times, steps} {
			for _, m := range ms {
				if m.t0 >= s.tok0 && m.t0 < s.tok1 {
					news = true
				}
			}
		}
		if news {
			return v.spanSent(s), true
		}
	}
	return CoachSpan{}, false
}

// coachAndAction returns the token of a done action joined by "and" to the words from
// token i on, in the same sentence and within eight words ("found the duplicate and
// refunded it"), or −1.
func coachAndAction(t *coachText, i int) int {
	for k := i + 1; k+1 < len(t.toks) && k <= i+8 && t.toks[k+1].sent == t.toks[i].sent; k++ {
		if t.toks[k].w == "and" && coachPastAction(t.toks[k+1].w) {
			return k + 1
		}
	}
	return -1
}

// coachInstruction reports a word of [next_steps] that tells the customer what to do with
// their hands: "press", "tap", "open".
func coachInstruction(w string) bool {
	switch w {
	case "click", "tap", "open", "select", "press", "hold", "choose", "drag", "slide", "swipe", "scroll", "unplug", "plug", "switch", "turn", "restart", "enter", "go":
		return true
	}
	return false
}

// ownership finds "I" doing something: "I've issued", "I'll send", "let me check",
// "Done: …". Not "let me know" (that asks the customer), nor "so I can…" (a purpose, not
// an action). It notes whether something is done already and whether a promise stands
// unconditionally: "if you'd like, I'll send them" offers, it does not commit to a time.
func (v *coachReview) ownership() {
	d := v.c.d
	t := v.t
	all := d.lists["own_strong"].match(t, nil)
	strong := all[:0]
	for _, m := range all {
		if t.toks[m.t0].w == "let" && m.t1 < len(t.toks) && t.toks[m.t1].w == "know" {
			continue
		}
		strong = append(strong, m)
		v.notePromise(m)
	}
	for _, m := range d.lists["own_aux"].match(t, nil) {
		if m.t1 < len(t.toks) && t.toks[m.t1].sent == t.toks[m.t0].sent && d.is(&t.toks[m.t1], d.bNotAction) && t.toks[m.t0+1].w == "have" {
			// "I've found the duplicate payment and refunded it": the action comes after
			// the "and".
			if k := coachAndAction(t, m.t1); k > 0 {
				strong = append(strong, coachMatch{t0: m.t0, t1: k + 1})
				v.doneNow = true
			}
			continue
		}
		if m.t1 < len(t.toks) && t.toks[m.t1].sent == t.toks[m.t0].sent && !d.is(&t.toks[m.t1], d.bNotAction) {
			if k := m.t0 - 1; t.toks[m.t0+1].w == "can" && k >= 0 && t.toks[k].sent == t.toks[m.t0].sent && coachOneOf(t.toks[k].w, "so", "that") {
				continue // "so I can point you…", "so that I can check"
			}
			strong = append(strong, coachMatch{t0: m.t0, t1: m.t1 + 1})
			if t.toks[m.t0+1].w == "have" && coachPastAction(t.toks[m.t1].w) {
				v.doneNow = true
			} else {
				v.notePromise(m)
			}
		}
	}
	if len(strong) > 0 {
		v.own = true
		v.ownEv = strong
		return
	}
	team := d.lists["own_team"].match(t, nil)
	if done := d.lists["own_done"].match(t, nil); len(done) > 0 {
		// "A new one is on its way": the step, taken in the team's name.
		team = append(team, done...)
		v.stepDone, v.doneNow = true, true
	}
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

// notePromise records an ownership phrase that promises something still to do, unless its
// sentence makes it conditional ("If you'd like, tell me and I'll send them", "Should it
// not arrive, I'll…") or reports it done ("Done:", "That's sorted").
func (v *coachReview) notePromise(m coachMatch) {
	t := v.t
	switch t.toks[m.t0].w {
	case "done", "all", "that", "it", "this", "sorted":
		v.doneNow = true
		return
	}
	s := t.sentenceOf(m.t0)
	for k := s.tok0; k < m.t0; k++ {
		if coachOneOf(t.toks[k].w, "if", "should", "whenever", "unless") {
			return
		}
	}
	v.promise = true
}

// times adds to ms the times the phrase list cannot spell: a clock time ("9am", "9 am"),
// a number of hours, days or weeks ("24 hours", "two working days", "in an hour") and a
// date ("the 4th", "1 June"). It looks each word up once, in the word sets.
func (d *coachData) times(t *coachText, ms []coachMatch) []coachMatch {
	toks := t.toks
	for i := range toks {
		tk := &toks[i]
		w := tk.w
		if w == "" {
			continue
		}
		if c := w[0]; c >= '0' && c <= '9' {
			switch {
			case coachClock(w), coachOrdinal(w):
				ms = append(ms, coachMatch{t0: i, t1: i + 1})
			case len(w) <= 2 && coachAllDigits(w) && (i+1 < len(toks) && d.is(&toks[i+1], d.bMonth) || i > 0 && d.is(&toks[i-1], d.bMonth)):
				ms = append(ms, coachMatch{t0: i, t1: i + 1})
			}
			continue
		}
		if !d.is(tk, d.bTimeUnit) || i == 0 || toks[i-1].sent != tk.sent {
			continue
		}
		if w == "am" || w == "pm" {
			if coachAllDigits(toks[i-1].w) {
				ms = append(ms, coachMatch{t0: i - 1, t1: i + 1})
			}
			continue
		}
		k := i - 1
		if coachOneOf(toks[k].w, "working", "business", "more", "full") && k > 0 {
			k--
		}
		if toks[k].w == "of" && k > 0 && toks[k-1].w == "couple" {
			k--
		}
		if toks[k].sent != tk.sent {
			continue
		}
		q := &toks[k]
		ok := coachAllDigits(q.w) || d.is(q, d.bTimeCount)
		// "in an hour", "within a day"; not "a day off work"
		if !ok && (q.w == "a" || q.w == "an") && k > 0 {
			ok = coachOneOf(toks[k-1].w, "in", "within", "every", "half")
		}
		if ok {
			ms = append(ms, coachMatch{t0: k, t1: i + 1})
		}
	}
	return ms
}

func coachAllDigits(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// coachClock reports a time written as one word: "9am", "10pm", "7.30pm".
func coachClock(w string) bool {
	n := len(w)
	if n < 3 || !(strings.HasSuffix(w, "am") || strings.HasSuffix(w, "pm")) {
		return false
	}
	d := w[:n-2]
	return coachAllDigits(strings.ReplaceAll(d, ".", "")) && d[0] != '.' && d[len(d)-1] != '.'
}

// coachOrdinal reports a day of the month: "1st", "4th", "22nd".
func coachOrdinal(w string) bool {
	n := len(w)
	if n < 3 || n > 4 {
		return false
	}
	switch w[n-2:] {
	case "st", "nd", "rd", "th":
		return coachAllDigits(w[:n-2])
	}
	return false
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
	if i := v.nameAt(); len(v.names) > 0 {
		want++
		switch {
		case i >= 0:
			have++
			dim.Spans = append(dim.Spans, v.spanTok(i, i+1))
		case v.formalIdx >= 0:
			// "Dear Robert" to a customer who goes by Rob.
			missing = append(missing, strings.ReplaceAll(d.t("missing.name.preferred"), "{name}", coachShort(strings.TrimSpace(v.in.PreferredName), 60)))
		default:
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
		} else if len(v.r.topics) > 0 {
			missing = append(missing, strings.ReplaceAll(d.t("missing.specifics"), "{topic}", v.r.topics[0]))
		} else {
			missing = append(missing, d.t("missing.specifics.plain"))
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

// coachNames returns the lower-case first names to look for, spelt as the tokenizer
// spells words.
func coachNames(names ...string) []string {
	var out []string
	for _, n := range names {
		n = coachShort(n, 200)
		for i := 0; i < len(n); {
			r, size := utf8.DecodeRuneInString(n[i:])
			if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				i += size
				continue
			}
			w := strings.ToLower(strings.ReplaceAll(n[i:coachWordEnd(n, i)], "’", "'"))
			if k := strings.IndexByte(w, '\''); k > 0 {
				w = w[:k]
			}
			if !coachContains(out, w) {
				out = append(out, w)
			}
			break
		}
	}
	return out
}

// nameAt returns the index of the first token of the draft that is the name the customer
// goes by (their preferred name when the workspace has one, else their first name), or
// −1. formalIdx is then the first use of their first name when it is not the one they go
// by ("Robert" for Rob).
func (v *coachReview) nameAt() int {
	if !v.nameDone {
		v.nameDone = true
		v.nameIdx, v.formalIdx = -1, -1
		v.names = coachNames(v.in.PreferredName)
		if len(v.names) == 0 {
			v.names = coachNames(v.in.CustomerName)
		} else if formal := coachNames(v.in.CustomerName); len(formal) > 0 && !coachContains(v.names, formal[0]) {
			v.formalIdx = v.findWord(formal)
		}
		if len(v.names) > 0 {
			v.nameIdx = v.findWord(v.names)
		}
	}
	return v.nameIdx
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
		var tmp coachBufs
		t := v.c.d.tokenize(coachShort(f, 500), &tmp)
		for _, tk := range t.toks {
			if len(tk.w) > 2 && !v.c.d.is(&tk, v.c.d.bStop) {
				out[coachStem(tk.w)] = true
			}
		}
		v.c.d.release(&tmp)
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
	// An apology with no action after it. To someone grieving, "I'm so sorry" is
	// condolence, not an apology; a missing next step is the solution's to say.
	if len(v.apologyEv) > 0 && !v.own && !v.ownTeam && !v.steps && len(v.mech.questions) == 0 && !v.r.grief {
		sp := v.span(v.apologyEv[0])
		dim.Status = CoachPartial
		dim.Spans = []CoachSpan{sp}
		dim.Suggestion = v.c.d.t("suggest.tone.apology")
		v.addFlag("tone", sp, v.c.d.t("flag.apology.reason"), v.c.d.t("flag.apology.rewrite"))
		return dim
	}
	// A reply to someone grieving with no word of sympathy at all reads as cold, however
	// correct it is.
	if v.r.grief && v.mech.er == 0 {
		dim.Status = CoachPartial
		dim.Suggestion = v.c.d.t("suggest.tone.cold")
		return dim
	}
	dim.Status = CoachMet
	return dim
}

func coachOneOf(w string, list ...string) bool {
	for _, x := range list {
		if w == x {
			return true
		}
	}
	return false
}

// coachApologyLookback is how many of the team's latest replies apologisedEarlier reads.
const coachApologyLookback = 5

// apologisedEarlier reports whether one of the team's latest replies in this conversation
// already apologised. Saying sorry again in every reply reads as rote; once the customer
// has had the apology, the next replies owe them the action, unless their latest message
// says something new went wrong.
func (v *coachReview) apologisedEarlier() bool {
	d := v.c.d
	for k, e := range v.in.EarlierReplies {
		if k >= coachApologyLookback {
			break
		}
		var tmp coachBufs
		et := d.tokenize(coachClip(e), &tmp)
		found := v.list("apology").any(&et)
		d.release(&tmp)
		if found {
			return true
		}
	}
	return false
}

// unanswered returns the customer's latest question whose own words the draft never takes
// up ("Can I change the delivery address?" answered with "I've refunded your order"), or
// false. A question with nothing specific in it ("Any news?") and a draft that asks back
// are not judged.
func (v *coachReview) unanswered() (string, bool) {
	if !v.unansweredDone {
		v.unansweredDone = true
		v.unansweredQ, v.isUnanswered = v.findUnanswered()
	}
	return v.unansweredQ, v.isUnanswered
}

func (v *coachReview) findUnanswered() (string, bool) {
	if !v.r.question || v.r.closing || len(v.mech.questions) > 0 {
		return "", false
	}
	d := v.c.d
	last := &v.r.text
	said := make(map[string]bool, len(v.t.toks))
	yesNo := false // the draft opens a sentence with "yes" or "no" (after a greeting and a name)
	for i := range v.t.toks {
		said[coachStem(v.t.toks[i].w)] = true
	}
	for _, s := range v.t.sents {
		yesNo = yesNo || coachSaysYesNo(v.t, s)
	}
	instructs := false // the draft gives them steps to follow ("tap the plus sign")
	for _, m := range v.list("next_steps").match(v.t, nil) {
		instructs = instructs || coachInstruction(v.t.toks[m.t0].w)
	}
	for si := len(last.sents) - 1; si >= 0; si-- {
		s := last.sents[si]
		if !s.question {
			continue
		}
		if s.tok1 <= s.tok0 || !coachAskStart(last.toks[s.tok0].w) || s.tok0+1 < s.tok1 && coachRhetorical(last.toks[s.tok0].w, last.toks[s.tok0+1].w) {
			continue
		}
		if (yesNo || instructs) && !coachOneOf(last.toks[s.tok0].w, "how", "when", "where", "which", "what", "who") {
			// "Can I…?" answered "Yes: press and hold…"; "Is it broken?" answered with the
			// steps that set it right
			return "", false
		}
		named, taken := false, false
		for i := s.tok0; i < s.tok1 && !taken; i++ {
			tk := &last.toks[i]
			if d.is(tk, d.bStop) || len(tk.w) < 3 && !coachHasDigit(tk.w) || d.is(tk, d.bAskVague) {
				continue
			}
			named = true
			w := coachStem(tk.w)
			taken = said[w]
			for _, same := range d.answerSame[w] {
				taken = taken || said[same]
			}
		}
		if named && !taken {
			return strings.TrimSpace(last.s[s.start:s.end]), true
		}
		if named {
			return "", false
		}
	}
	return "", false
}

// coachAskStart reports a word a direct question opens with: "Can I…?", "When will…?".
// A statement said with a question mark ("Three weeks' notice?") asks for no answer.
func coachAskStart(w string) bool {
	switch w {
	case "can", "could", "will", "would", "is", "are", "was", "do", "does", "did", "have", "has",
		"how", "when", "where", "which", "what", "who", "may", "should", "shall":
		return true
	}
	return false
}

// coachRhetorical reports a question that opens as a challenge rather than an ask: "Do you
// understand…?", "Is there any reason I shouldn't…?".
func coachRhetorical(w0, w1 string) bool {
	return w0 == "do" && w1 == "you" || w0 == "is" && w1 == "there" || w0 == "why" || w0 == "are" && w1 == "you"
}

// coachSaysYesNo reports a sentence that opens with "yes", "no", "sure" or "done", also after
// a greeting and a name: "Hi Leo, yes, they'll need twenty minutes inside."
func coachSaysYesNo(t *coachText, s coachSentence) bool {
	for i := s.tok0; i < s.tok1 && i < s.tok0+4; i++ {
		w := t.toks[i].w
		if coachOneOf(w, "yes", "no", "yep", "sure", "done") {
			return true
		}
		if c := t.s[t.toks[i].start]; !coachOneOf(w, "hi", "hello", "hey", "dear") && (c < 'A' || c > 'Z' || i == s.tok0) {
			return false
		}
	}
	return false
}
