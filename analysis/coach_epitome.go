package analysis

import "strings"

// The EPITOME mechanisms (Sharma et al. 2020), read from what each level means:
//
//   - emotional reaction: warmth, compassion or concern. Strong when the reply names what
//     its writer feels for the customer ("I'm so sorry", "my heart goes out"); weak when it
//     only alludes to it ("hang in there", "I hope it gets better").
//   - interpretation: understanding of the customer's feelings and situation. Strong when
//     it is specific ("that must have been frightening") or shared ("the same happened to
//     me"); weak when it is generic ("I understand").
//   - exploration: questions that invite the customer to say more about their experience.
//     Strong when the question is about something specific to them; weak when it is a
//     generic "what happened?".
//
// The rules are hand-written from those definitions; the only numbers tuned on the EPITOME
// development data are the thresholds named below.

// coachDiscloseMin is how many signs of the writer telling their own story make a strong
// interpretation: one "I was" is anecdote, several are a shared experience.
const coachDiscloseMin = 2

// coachSpecificMin is how many words of substance make a question specific ("have you
// told your doctor about the nightmares?") rather than generic ("what's going on?").
const coachSpecificMin = 1

// coachMechanisms holds the levels and the evidence for each.
type coachMechanisms struct {
	er, ip, ex          int
	erEv, ipEv, exEv    []coachMatch
	questions           []coachSentence // questions to the customer
	openQuestions       []coachSentence // of which open ones
	generalQuestionOnly bool
}

func (c *Coach) mechanisms(t *coachText, r *coachReading) coachMechanisms {
	var m coachMechanisms
	d := c.d

	// Emotional reaction.
	if ev := d.lists["er_strong"].match(t, nil); len(ev) > 0 {
		m.er, m.erEv = 2, ev
	} else if ev := d.lists["er_weak"].match(t, nil); len(ev) > 0 {
		m.er, m.erEv = 1, ev
	} else if coachHasWarmSymbol(t.s) {
		m.er = 1
	}

	// Interpretation.
	spec := c.coachUnderstood(t, d.lists["ip_specific"].match(t, nil))
	spec = append(spec, c.coachUnderstood(t, d.lists["ip_share"].match(t, nil))...)
	situation := false
	if len(spec) == 0 {
		var fbuf [8]coachMatch
		c.feelingFrames(t, fbuf[:0], &situation)
	}
	switch {
	case len(spec) > 0:
		m.ip, m.ipEv = 2, spec
	case situation:
		// "Being stuck in an airport at night is frightening": the feeling inferred
		// from their situation.
		m.ip = 2
	case c.coachRestates(t, r, &m):
		m.ip = 2
	default:
		disc := d.lists["ip_disclose"].match(t, nil)
		if c.coachSelfCount(t) >= coachDiscloseMin {
			m.ip, m.ipEv = 2, disc
		} else if gen := c.coachNotUnderstanding(t, d.lists["ip_generic"].match(t, nil)); len(gen) > 0 {
			m.ip, m.ipEv = 1, gen
		}
	}

	// Exploration.
	for si := range t.sents {
		s := t.sents[si]
		lvl := c.questionLevel(t, s, r)
		if lvl == 0 {
			continue
		}
		m.questions = append(m.questions, s)
		if lvl > m.ex {
			m.ex = lvl
		}
		m.exEv = append(m.exEv, coachMatch{id: lvl, t0: s.tok0, t1: s.tok1})
	}
	return m
}

// questionLevel reads one sentence as an exploration: 0 none, 1 generic, 2 specific.
func (c *Coach) questionLevel(t *coachText, s coachSentence, r *coachReading) int {
	n := s.tok1 - s.tok0
	if n <= 0 {
		return 0
	}
	toks := t.toks[s.tok0:s.tok1]
	sub := t.sub(s.tok0, s.tok1)
	d := c.d
	isQ := s.question
	if !isQ && !coachEndsWithStop(t.s, s) {
		// Unpunctuated questions: "do you have anyone to talk to", "what happened"
		isQ = coachQuestionStart(toks)
	}
	if !isQ {
		if d.lists["ex_invite"].any(&sub) {
			return 1
		}
		return 0
	}
	if n <= 4 && d.lists["ex_rhetorical"].any(&sub) || coachNotExploring(toks) {
		return 0
	}
	gen := d.lists["ex_generic"].match(&sub, nil)
	inGen := 0
	for _, g := range gen {
		inGen += g.t1 - g.t0
	}
	content := 0
	you := false
	for _, tk := range toks {
		switch tk.w {
		case "you", "your", "yours", "yourself":
			you = true
		}
		if !d.is(&tk, d.bStop|d.bExPlain) && len(tk.w) > 2 {
			content++
		}
	}
	if len(gen) > 0 && n-inGen <= 2 {
		return 1
	}
	if you || coachQuestionStart(toks) {
		if content < coachSpecificMin {
			return 1
		}
		return 2
	}
	return 1
}

// coachQuestionStart reports whether a sentence opens like a question.
func coachQuestionStart(toks []coachToken) bool {
	if len(toks) == 0 {
		return false
	}
	switch toks[0].w {
	case "what", "why", "how", "where", "when", "who", "which":
		return len(toks) > 1
	case "do", "did", "does", "are", "have", "has", "is", "was", "were", "can", "could", "would", "will", "should", "any":
		return len(toks) > 2 && (toks[1].w == "you" || toks[1].w == "your" || toks[1].w == "there" || toks[1].w == "anyone" || toks[1].w == "it" || toks[0].w == "any")
	}
	return false
}

// coachEndsWithStop reports whether the sentence ends with a full stop or exclamation.
func coachEndsWithStop(s string, sent coachSentence) bool {
	for i := sent.end - 1; i >= sent.start && i < len(s); i-- {
		switch s[i] {
		case '.', '!':
			return true
		case ' ', '\n', '\r', '\t':
			continue
		}
		return false
	}
	return false
}

// coachHasWarmSymbol finds hearts, hugs and sad faces written as symbols.
func coachHasWarmSymbol(s string) bool {
	for _, sym := range [...]string{"<3", "❤", "♥", "💕", "💙", "💜", "🤗", "🫂", "💛", "💚", ":(", ":'(", ":-(", "😢", "😔", "😞", "🙁"} {
		if strings.Contains(s, sym) {
			return true
		}
	}
	// ":/" but not "https://"
	for i := strings.Index(s, ":/"); i >= 0; {
		if i+2 >= len(s) || s[i+2] != '/' {
			return true
		}
		j := strings.Index(s[i+2:], ":/")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return false
}

// coachUnderstood keeps the interpretation phrases that state an understanding: not those
// asked as a question ("why do you feel like that?" explores, it does not interpret), nor
// those inside a phrase of [ip_not_understanding] ("sorry you feel that way" is sympathy,
// "you must be able to" is advice).
func (c *Coach) coachUnderstood(t *coachText, ms []coachMatch) []coachMatch {
	return c.coachFilterUnderstood(t, ms, true)
}

// coachNotUnderstanding drops the phrases inside a phrase of [ip_not_understanding] ("it never
// makes sense" is no "that makes sense"). Generic understanding is read this way: "I know the
// feeling" stays a statement even in a sentence that runs on into a question.
func (c *Coach) coachNotUnderstanding(t *coachText, ms []coachMatch) []coachMatch {
	return c.coachFilterUnderstood(t, ms, false)
}

func (c *Coach) coachFilterUnderstood(t *coachText, ms []coachMatch, noQuestions bool) []coachMatch {
	if len(ms) == 0 {
		return ms
	}
	var buf [8]coachMatch
	not := c.d.lists["ip_not_understanding"].match(t, buf[:0])
	out := ms[:0]
	for _, m := range ms {
		if noQuestions && t.sentenceOf(m.t0).question {
			continue
		}
		keep := true
		for _, n := range not {
			if n.t0 < m.t1 && m.t0 < n.t1 {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, m)
		}
	}
	return out
}

// coachSelfCount counts the writer speaking of their own experience: "I", "me", "my",
// "myself" and "mine", leaving out the self-references that speak to the reader instead
// (the frames of [ip_not_experience]: offers such as "message me" and "I'm here", opinion
// and advice such as "I think" and "my advice", kindness such as "I hope" and "my friend",
// and generic understanding such as "I feel you").
func (c *Coach) coachSelfCount(t *coachText) int {
	var buf [16]coachMatch
	frames := c.d.lists["ip_not_experience"].match(t, buf[:0])
	var sbuf [8]coachMatch
	service := c.d.lists["ip_service"].match(t, sbuf[:0])
	n, k := 0, 0
	for i := range t.toks {
		switch t.toks[i].w {
		case "i":
			if len(service) > 0 && coachServiceAfter(t.toks, i, service) {
				continue
			}
		case "me", "my", "myself", "mine":
		default:
			continue
		}
		// Frames come in text order; skip those that end before this word.
		for k < len(frames) && frames[k].t1 <= i {
			k++
		}
		inFrame := false
		for f := k; f < len(frames) && frames[f].t0 <= i; f++ {
			if i < frames[f].t1 {
				inFrame = true
				break
			}
		}
		if !inFrame {
			n++
		}
	}
	return n
}

// coachRestateMin is how many of the customer's own content words a second-person
// statement must name to restate their situation ("you've written three times and your
// parcel still hasn't arrived").
const coachRestateMin = 2

// coachRestates finds a sentence that tells the customer what happened to them or how they
// felt, in the second person and in their own words: a specific understanding of their
// situation, as a paraphrase gives. Only a past or perfect verb after "you" states ("you paid",
// "you were", "you've waited"); "you should", "you can", "you are" advise, offer or generalise
// as often as they restate. Questions explore rather than state, "if you…", "when you…" set a
// condition, and "you had to" obliges; none of them counts.
func (c *Coach) coachRestates(t *coachText, r *coachReading, m *coachMechanisms) bool {
	if r == nil || len(r.content) == 0 {
		return false
	}
	d := c.d
	for _, s := range t.sents {
		if s.question {
			continue
		}
		toks := t.toks[s.tok0:s.tok1]
		states := false
	scan:
		for k := 0; k+1 < len(toks); k++ {
			switch toks[k].w {
			case "if", "when", "whenever", "once", "unless", "because":
				// "if you had…", "when you were…": a condition or a generality
				break scan
			case "you":
			default:
				continue
			}
			switch w := toks[k+1].w; w {
			case "had", "got":
				// "you had to", "you got to" oblige; "you had the…" states
				states = k+2 < len(toks) && toks[k+2].w != "to"
			case "were", "was", "did", "felt", "ordered", "paid", "bought", "tried", "received", "lost", "mentioned", "said", "wrote", "told", "noticed", "saw", "expected", "waited", "called", "asked":
				states = true
			case "have":
				states = k+2 < len(toks) && coachPastAction(toks[k+2].w)
			}
			if states {
				break
			}
		}
		if !states {
			continue
		}
		named := 0
		for i := range toks {
			if d.is(&toks[i], d.bStop) || len(toks[i].w) < 3 {
				continue
			}
			if r.content[coachStem(toks[i].w)] {
				named++
			}
		}
		if named >= coachRestateMin {
			m.ipEv = append(m.ipEv, coachMatch{t0: s.tok0, t1: s.tok1})
			return true
		}
	}
	return false
}

// coachServiceAfter reports whether the "I" at toks[i] is the subject of an action taken for
// the customer: a verb of [ip_service] follows in the same sentence, with at most three
// auxiliaries and adverbs between ("I've already issued", "I will also send", "I checked").
func coachServiceAfter(toks []coachToken, i int, service []coachMatch) bool {
	for j := i + 1; j < len(toks) && j <= i+4 && toks[j].sent == toks[i].sent; j++ {
		for _, m := range service {
			if m.t0 == j {
				return true
			}
		}
		switch toks[j].w {
		case "have", "had", "will", "am", "been", "be", "just", "already", "also", "now", "personally", "gone", "go", "ahead", "and", "then", "going", "to", "quickly", "immediately":
		default:
			return false
		}
	}
	return false
}

// coachNotExploring reports questions that ask nothing of the customer: advice put as a
// question ("maybe you could try that?"), the writer asking themselves ("why am I so
// tired?") and tags ("…, right?").
func coachNotExploring(toks []coachToken) bool {
	switch toks[0].w {
	case "maybe", "perhaps", "or":
		return true
	}
	switch toks[len(toks)-1].w {
	case "right", "ok", "okay", "yeah", "huh", "eh", "lol":
		return true
	}
	for i := 0; i+1 < len(toks) && i < 3; i++ {
		if toks[i+1].w == "i" || toks[i+1].w == "we" {
			switch toks[i].w {
			case "do", "did", "am", "can", "could", "should", "would", "will", "was", "have", "are", "were":
				// "can I ask …", "may I ask …" lead into a real question
				if i+2 < len(toks) && (toks[i+2].w == "ask" || toks[i+2].w == "help") {
					return false
				}
				return true
			}
		}
	}
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].w == "you" && (toks[i+1].w == "could" || toks[i+1].w == "should" || toks[i+1].w == "might") {
			return true
		}
		if toks[i].w == "you" && toks[i+1].w == "can" && toks[i+2].w == "try" {
			return true
		}
	}
	return false
}
