package analysis

import (
	"math"
	"strings"
)

// coachPoliteBias shifts the strategy sum before its sign is read as polite or not: a
// request with no strategy at all reads as slightly impolite. It is the one number tuned on
// the politeness development data.
const coachPoliteBias = 0.0

// coachPoliteness scores t from −1 (rude) to 1 (very polite) by the strategies in
// polite.txt, plus positive and negative words from AFINN. It returns the strategies that
// fired, for evidence.
func (c *Coach) politeness(t *coachText) (float64, []string) {
	if len(t.toks) == 0 {
		return 0, nil
	}
	sum := coachPoliteBias
	var fired []string
	var buf [16]coachMatch
	// A sentence that states an understanding of the customer ("it must be frustrating",
	// "if I understand correctly, the parcel hasn't come") names their feeling or their
	// trouble: its negative words and negations describe, they do not contradict or blame.
	var understood uint64 // bit s%64: sentence s says it understands
	for _, l := range [...]string{"validate", "ip_specific"} {
		for _, m := range c.d.lists[l].match(t, buf[:0]) {
			if s := t.toks[m.t0].sent; !t.sentenceOf(m.t0).question {
				understood |= 1 << (uint(s) % 64)
			}
		}
	}
	for i := range c.d.polite {
		p := &c.d.polite[i]
		ms := p.ph.match(t, buf[:0])
		hit := false
		for _, m := range ms {
			if p.question && !t.sentenceOf(m.t0).question {
				continue
			}
			// A paraphrase opener ("just to check I have this right, …") is not a blunt demand.
			if p.name == "direct_start" {
				s := t.sentenceOf(m.t0)
				if sub := t.sub(s.tok0, s.tok1); c.d.lists["reflect_open"].any(&sub) {
					continue
				}
			}
			// "You could…", "You might want to…": a suggestion softened by its modal, not
			// a finger pointed at the reader.
			if p.name == "negation" && understood&(1<<(uint(t.toks[m.t0].sent)%64)) != 0 {
				continue
			}
			// "really sorry", "really appreciate": the intensifier strengthens an apology or
			// thanks; it insists on nothing.
			if p.name == "factuality" && t.toks[m.t0].w == "really" && m.t0+1 < len(t.toks) {
				switch t.toks[m.t0+1].w {
				case "sorry", "appreciate", "grateful", "glad", "thankful", "thank":
					continue
				}
			}
			if p.name == "second_start" && coachSoftenedYou(t.toks, m.t0) {
				continue
			}
			// "How do you load the file?", "How are you getting the data?": asking how the
			// reader goes about something explores their situation; it is not the bare
			// demand a direct question is. "How do you mean…", "How did this ever…", "How
			// is this not…" still press.
			if p.name == "direct_question" && coachAsksHowYou(t, m.t0) {
				continue
			}
			// "Is there a way to…?", "Are there any errors?": an existential question asks
			// about the world, not of the reader. "Is there a reason…", "is there a
			// problem?" challenge.
			if p.name == "existential" && coachChallengeAfter(t, m.t0) {
				continue
			}
			// "It must be frustrating", "you must have been worried": "must" that infers
			// is not "must" that insists.
			if p.name == "insist" && t.toks[m.t0].w == "must" && m.t0+1 < len(t.toks) {
				if w := t.toks[m.t0+1].w; w == "be" || w == "have" {
					continue
				}
			}
			hit = true
			break
		}
		if hit {
			sum += p.weight
			fired = append(fired, p.name)
		}
	}
	// Blame and dismissal, as the coach flags them, are rude whatever else is said.
	rude := 0
	var vbuf [8]coachMatch
	val := c.d.lists["validate"].match(t, vbuf[:0])
	for _, m := range c.d.flags.match(t, buf[:0]) {
		if k := c.d.flagRules[m.id].kind; (k == "blame" || k == "dismissal") && coachFlagApplies(t, m, k, val) {
			rude++
		}
	}
	if rude > 0 {
		sum -= 0.5 * float64(min(rude, 3))
		fired = append(fired, "blame or dismissal")
	}
	pos, neg := 0, 0
	for i := range t.toks {
		v := c.d.afinn(&t.toks[i])
		if v == 0 || c.d.is(&t.toks[i], c.d.bNeutral) {
			continue
		}
		// "not bad" and "no problem" are not negative.
		if i > 0 && (t.toks[i-1].w == "not" || t.toks[i-1].w == "no") {
			continue
		}
		// "What kind of error?" praises no one; "kind of you" does.
		if t.toks[i].w == "kind" && i+1 < len(t.toks) && t.toks[i+1].w == "of" &&
			(i+2 >= len(t.toks) || t.toks[i+2].w != "you" && t.toks[i+2].w != "them" && t.toks[i+2].w != "him" && t.toks[i+2].w != "her") {
			continue
		}
		if v >= 2 {
			pos++
		} else if v <= -2 && understood&(1<<(uint(t.toks[i].sent)%64)) == 0 {
			neg++
		}
	}
	if pos > 0 {
		sum += 0.12
		fired = append(fired, "positive words")
	}
	if neg > 0 {
		sum -= 0.13 * float64(min(neg, 3))
		fired = append(fired, "negative words")
	}
	// A smile softens a request: friendliness, a positive-politeness marker.
	if coachHasSmile(t.s) {
		sum += coachSmileWeight
		fired = append(fired, "smile")
	}
	// A request of a few words leaves out everything that softens it (a greeting, a reason,
	// a hedge): it is put baldly.
	if t.words < coachTerseWords {
		sum += coachTerseWeight
		fired = append(fired, "terse")
	}
	// A clipped question ("Why?", "Such as?", "The what?") asks without a word of redress;
	// a short question that is whole ("Does it help?") or checks that we understood ("Is
	// that right?") is not one.
	for i := range t.sents {
		s := t.sents[i]
		if !s.question || s.tok1 <= s.tok0 || s.tok1-s.tok0 > coachCurtQuestion {
			continue
		}
		switch t.toks[s.tok0].w {
		case "do", "does", "did", "is", "are", "was", "were", "can", "could", "would", "will", "have", "has", "should", "am":
			continue // "Does it help?" is short but whole
		}
		if sub := t.sub(s.tok0, s.tok1); !c.d.lists["reflect"].any(&sub) {
			sum += coachCurtWeight
			fired = append(fired, "curt question")
			break
		}
	}
	// Two questions or more in one message read as an interrogation; those that name the
	// thing they ask about ("which version of the app?") gather facts and do not count.
	if t.qmarks >= 2 && t.qmarks-c.thingQuestions(t) >= 2 {
		sum -= 0.2
		fired = append(fired, "many questions")
	}
	// Emphasis: *stressed words*, several capitalised words, "???" or "!!".
	if coachEmphatic(t) {
		sum -= 0.3
		fired = append(fired, "emphasis")
	}
	if t.caps >= 3 && t.caps*2 >= t.words {
		sum -= 0.5
		fired = append(fired, "capitals")
	}
	return math.Tanh(sum), fired
}

// coachSmileWeight is what a smiling emoticon adds; coachTerseWeight what a request of
// fewer than coachTerseWords words takes away. Set from what they do to a request, not
// fitted.
const (
	coachSmileWeight = 0.4
	coachTerseWeight = -0.3
	coachTerseWords  = 7

	// coachCurtQuestion is the most words a clipped question has; coachCurtWeight what
	// one takes away.
	coachCurtQuestion = 3
	coachCurtWeight   = -0.25
)

// coachSoftenedYou reports whether the "you" at toks[i] is followed by a softening modal
// ("you could", "you might"), not by a refusal ("you can't").
func coachSoftenedYou(toks []coachToken, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	switch toks[i+1].w {
	case "could", "might", "may", "can", "would":
		return i+2 >= len(toks) || toks[i+2].w != "not"
	}
	return false
}

// namesThing reports whether sentence s names a thing a request can be about ([concrete]
// in cues.txt).
func (c *Coach) namesThing(t *coachText, s coachSentence) bool {
	for i := s.tok0; i < s.tok1 && i < len(t.toks); i++ {
		if c.d.is(&t.toks[i], c.d.bConcrete) {
			return true
		}
	}
	return false
}

// thingQuestions counts the questions that name a thing: asked one after another they
// gather facts, they do not interrogate.
func (c *Coach) thingQuestions(t *coachText) int {
	n := 0
	for i := range t.sents {
		if t.sents[i].question && c.namesThing(t, t.sents[i]) {
			n++
		}
	}
	return n
}

// coachHasSmile finds a smiling or winking face: ":)", ";-)", ":D", "=)", "^_^" or a
// smiling emoji.
func coachHasSmile(s string) bool {
	for _, sym := range [...]string{":)", ":-)", ";)", ";-)", ":D", ":-D", "=)", "^_^", ":]", "🙂", "😊", "😀", "😄", "😃", "😉", "😁"} {
		if strings.Contains(s, sym) {
			return true
		}
	}
	return false
}

// coachEmphatic reports marked emphasis: *stressed* words, two or more words in capitals
// that are not acronyms of three letters or fewer, or repeated ? and !.
func coachEmphatic(t *coachText) bool {
	s := t.s
	if strings.Contains(s, "??") || strings.Contains(s, "!!") || strings.Contains(s, "?!") {
		return true
	}
	caps := 0
	for i := range t.toks {
		if t.toks[i].upper && t.toks[i].end-t.toks[i].start > 3 {
			caps++
		}
	}
	if caps >= 2 && caps*2 < t.words {
		return true
	}
	// *word* but not a bullet or a multiplication
	for i := strings.IndexByte(s, '*'); i >= 0 && i+1 < len(s); {
		j := strings.IndexByte(s[i+1:], '*')
		if j < 0 {
			break
		}
		inner := s[i+1 : i+1+j]
		if len(inner) > 1 && len(inner) < 40 && inner[0] != ' ' && inner[len(inner)-1] != ' ' && !strings.ContainsAny(inner, "=()[]{}") {
			return true
		}
		i = i + 1 + j + 1
		k := strings.IndexByte(s[i:], '*')
		if k < 0 {
			break
		}
		i += k
	}
	return false
}

// coachAsksHowYou reports whether the sentence starting at toks[i] is "How do / did / are /
// is … you / your …?" with nothing in it that presses: a negation, "ever", "even",
// "really", "possibly", "supposed", or "mean" ("how do you mean").
func coachAsksHowYou(t *coachText, i int) bool {
	if i+2 >= len(t.toks) || t.toks[i].w != "how" {
		return false
	}
	switch t.toks[i+1].w {
	case "do", "does", "did", "are", "is", "was", "were":
	default:
		return false
	}
	if w := t.toks[i+2].w; w != "you" && w != "your" {
		return false
	}
	s := t.sentenceOf(i)
	for k := i + 3; k < s.tok1 && k < len(t.toks); k++ {
		switch t.toks[k].w {
		case "not", "never", "ever", "even", "really", "possibly", "supposed", "mean":
			return false
		}
	}
	return true
}

// coachChallengeAfter reports whether the rest of the sentence from toks[i] asks after a
// reason, a point, a problem or a need: "is there a reason you…", "is there any point",
// "is there some problem?".
func coachChallengeAfter(t *coachText, i int) bool {
	s := t.sentenceOf(i)
	for k := i; k < s.tok1 && k < len(t.toks); k++ {
		switch t.toks[k].w {
		case "reason", "reasons", "point", "problem", "problems", "issue", "issues", "need", "excuse", "wrong":
			return true
		}
	}
	return false
}
