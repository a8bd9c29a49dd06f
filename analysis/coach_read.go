package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// coachMoods lists the moods the coach reads, in the order that breaks ties: the moods
// that most need care come first.
var coachMoods = [...]string{"sad", "angry", "frustrated", "anxious", "disappointed", "confused", "grateful", "happy"}

// coachReading is what the coach needs to know about the customer's messages.
type coachReading struct {
	text     coachText // the latest message with words
	all      []coachText
	mood     string
	strength float64 // 0…1
	grief    bool
	fault    bool // something went wrong on our side
	newFault bool // the latest message itself says something went wrong
	asked    bool // they asked a question or for something
	unclear  bool // what they need is not clear from what they wrote
	content  map[string]bool
	topics   []string // things they wrote in about, in order
	numbers  []string // order numbers, amounts, dates
	feels    bool     // the clause reflectClause chose already names how they feel
	loss     bool     // the clause reflectClause chose tells of a death or grave illness
	words    int
	named    bool   // they asked a question that names what it is about
	simple   bool   // a short, calm question or request with nothing gone wrong
	closing  bool   // the latest message only closes the thread: thanks, "I'll see how it goes"
	tried    uint32 // the troubleshooting steps they say they have taken, a bit per coachSteps entry
	question bool   // they asked with a question mark
	glad     bool   // the latest message thanks or praises, not just signs off a request with "Thanks!"
	deadline string // the time they are up against, in the engine's words, from the latest message that named one
}

// coachSimpleWords is the most words a simple question or request runs to: "What time do
// you close on Saturday?" needs an answer, not a reflection of what the customer said.
const coachSimpleWords = 30

// calm reports a mood that asks for no validation: no upset and no worry.
func (r *coachReading) calm() bool {
	return r.mood == "neutral" || r.mood == "happy" || r.mood == "grateful"
}

// coachMaxTurns is how many of the latest customer messages the coach reads.
const coachMaxTurns = 5

// coachMaxRead caps how much of one message the coach reads: enough for any real message,
// and it keeps a pasted log file from slowing a live review.
const coachMaxRead = 16 << 10

func coachClip(s string) string {
	if len(s) <= coachMaxRead {
		return s
	}
	i := coachMaxRead
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

func (c *Coach) read(turns []CoachTurn, bufs *coachBufs) coachReading {
	r := coachReading{mood: "neutral", content: make(map[string]bool, 64)}
	if len(turns) > coachMaxTurns {
		turns = turns[len(turns)-coachMaxTurns:]
	}
	d := c.d
	var score [len(coachMoods)]float64 // by coachMoods: 0 sad, 1 angry, 2 frustrated, …
	var buf [32]coachMatch
	askThing := false // they named a thing one asks for: a refund, a replacement
	named := false    // they asked a question that names what it is about
	shouted := false
	afinn := 0
	// The latest message with words, on its own: its mood words, and whether it tells of
	// something gone wrong or asks for something.
	var last [len(coachMoods)]float64
	lastFault, lastAsked := false, false
	lastAfinn, lastWarm := 0, false
	for ti, turn := range turns {
		t := d.tokenize(coachClip(turn.Text), bufs)
		if len(t.toks) == 0 {
			continue
		}
		r.all = append(r.all, t)
		r.text = t
		if turn.Deadline != "" {
			r.deadline = turn.Deadline
		}
		r.words += t.words
		weight := 1.0
		if ti < len(turns)-1 {
			weight = 0.6 // earlier messages count, the latest counts most
		}
		var notBuf [8]coachMatch
		notMood := d.lists["mood_not"].match(&t, notBuf[:0])
		last = [len(coachMoods)]float64{}
		warmSent := -1 // the first sentence with thanks or gladness
		for mi := range coachMoods {
			ms := d.moods[mi].match(&t, buf[:0])
			if n := coachCountMood(&t, ms, notMood); n > 0 {
				score[mi] += weight * float64(n)
				last[mi] = float64(n)
				if mi >= 6 && (warmSent < 0 || int(t.toks[ms[0].t0].sent) < warmSent) {
					warmSent = int(t.toks[ms[0].t0].sent)
				}
			}
		}
		if n := len(d.lists["sarcasm"].match(&t, buf[:0])); n > 0 {
			score[2] += weight * float64(n) // praise for what went wrong
			last[2] += float64(n)
		}
		if t.caps >= 3 && t.caps*3 >= t.words {
			score[1] += weight * 1.5 // shouting
			last[1] += 1.5
			shouted = true
		}
		if strings.Contains(turn.Text, "!!") || strings.Contains(turn.Text, "?!") {
			score[1] += weight * 0.5
			last[1] += 0.5
		}
		lastFault = c.faultIn(&t)
		if lastFault {
			r.fault = true
		}
		if t.qmarks > 0 {
			r.question = true
		}
		lastAsked = t.qmarks > 0 || d.lists["ask"].any(&t)
		// "That's brilliant, thank you. Will the engineer need to come in?" is glad; "How
		// do I pair the speakers? Thanks!" signs a question off politely.
		r.glad = warmSent >= 0 && (!lastAsked || warmSent < c.lastAskSentence(&t))
		if lastAsked {
			r.asked = true
		}
		if d.lists["ask_thing"].any(&t) {
			askThing = true
		}
		if c.namedQuestion(&t) {
			named = true
		}
		if !r.grief && c.griefWord(&t) {
			r.grief = true
		}
		for i := range t.toks {
			w := t.toks[i].w
			if d.is(&t.toks[i], d.bStop) || len(w) < 3 && !coachHasDigit(w) {
				continue
			}
			r.content[coachStem(w)] = true
			if d.is(&t.toks[i], d.bTopics) && !coachContains(r.topics, w) {
				r.topics = append(r.topics, w)
			}
			if coachHasDigit(w) && len(r.numbers) < 8 && !coachContains(r.numbers, w) {
				r.numbers = append(r.numbers, w)
			}
		}
		// A bare negative message with no named feeling still reads as frustration.
		neg := c.afinnSum(&t)
		afinn += neg
		lastAfinn = neg
		lastWarm = last[6] > 0 || last[7] > 0
		if neg <= -3 && score[2] == 0 && score[1] == 0 {
			score[2] += weight * 0.5
		}
	}
	best := coachPickMood(&score)
	if r.grief {
		best = 0
	}
	lastBest := coachPickMood(&last)
	if best >= 0 {
		r.mood = coachMoods[best]
		r.strength = score[best] / 3
		if r.strength > 1 {
			r.strength = 1
		}
		if r.grief {
			r.strength = 1
		}
	}
	// The engine's reading, when there is one, wins over the word lists, except that
	// grief found in the words is never overruled, and where the customer's own words
	// plainly say otherwise:
	//   - the engine finds no feeling in the latest message but its words name one ("I'm
	//     stuck at the airport", "it was supposed to arrive on Tuesday"): the words'. An
	//     earlier message's words do not outweigh a calm latest one ("I've got signal now.
	//     You're a lifesaver.");
	//   - the engine reads a weak upset (below coachWeakMood) that no word, fault or
	//     shouting bears out ("Please cancel from next month. Nothing wrong."): calm;
	//   - the engine reads a weak upset that the words do not name, and the latest
	//     message's words name another ("It's late and I'm on my own" read sad at 0.32,
	//     with a phone that has no service): the words';
	//   - the engine reads upset in a friendly request whose words are all thanks and
	//     warmth, with nothing gone wrong ("Hello again! Could you…? Thanks so much"):
	//     the words';
	//   - the engine reads gladness in a latest message that reports something gone wrong
	//     or names an upset, and asks for something ("Congratulations, that's the fourth
	//     evening this week with no internet. Any chance of it working tomorrow?"; "It keeps
	//     saying 'invalid code'. What now? Cheers"), or whose words name an upset twice
	//     ("Love paying for a night light. Truly a premium experience."): the words' upset,
	//     or calm when they name none (the thanks is a sign-off);
	//   - the engine reads confusion where the words name none and nothing went wrong
	//     ("Could you tell me how to set the thermostat to come on earlier?"): a plain
	//     question, calm.
	if n := len(turns); n > 0 && turns[n-1].HasSignals && turns[n-1].Mood != "" && !r.grief {
		if em := turns[n-1].Mood; coachKnownMood(em) {
			es := coachClamp(turns[n-1].MoodStrength, 0, 1)
			lastUpset := lastBest >= 0 && lastBest < 6
			wordWarm := best >= 6
			upset := em != "neutral" && em != "happy" && em != "grateful"
			emWords := 0.0 // the latest message's words for the engine's mood
			for mi, m := range coachMoods {
				if m == em {
					emWords = last[mi]
				}
			}
			words := func() {
				r.mood, r.strength = coachMoods[lastBest], min(last[lastBest]/3, 1)
			}
			switch {
			case em == "neutral" && lastUpset:
				words()
			case upset && es < coachWeakMood && best < 0 && !r.fault && !shouted:
				r.mood, r.strength = "neutral", 0
			case upset && lastBest < 0 && !lastFault && !lastAsked && !shouted && lastAfinn > 0:
				// "Well, that's more useful than I expected": no upset in the words,
				// nothing wrong, nothing asked, and the words lean warm.
				r.mood, r.strength = "neutral", 0
			case upset && es < coachWeakMood && lastUpset && emWords == 0:
				words()
			case upset && wordWarm && !r.fault && !shouted && afinn > 0 && r.asked:
				// keep the words' reading
			case !upset && em != "neutral" && (lastAsked && (lastFault || lastUpset) || lastBest >= 0 && lastBest < 6 && last[lastBest] >= 2):
				if lastUpset {
					words()
				} else {
					r.mood, r.strength = "neutral", 0
				}
			case em == "confused" && emWords == 0 && !lastUpset && !lastFault && !shouted:
				r.mood, r.strength = "neutral", 0
			default:
				r.mood, r.strength = em, es
				if r.strength == 0 {
					r.strength = 0.5
				}
			}
		}
	}
	contentN := len(r.content)
	vague := false
	for i := range r.all {
		if d.lists["vague"].any(&r.all[i]) {
			vague = true
		}
	}
	positive := r.mood == "happy" || r.mood == "grateful"
	// Naming a refund or a replacement asks for one, unless the customer is only telling
	// us, gladly, that it came.
	if askThing && !(positive && !r.fault) {
		r.asked = true
	}
	r.named = named
	r.simple = len(r.all) > 0 && named && r.calm() && !r.fault && r.words <= coachSimpleWords
	// A calm last word in a thread that asks nothing and reports nothing new ("Thanks,
	// I'll see how tonight goes", "Perfect, one less thing to worry about") closes it: what
	// went wrong before was answered before, and there is nothing to solve or say sorry for
	// in this reply.
	// A bereaved customer's thanks closes it too ("Thank you. That's one less thing."): the
	// mood stays, so the reply must still be gentle.
	calmNow := r.calm() || r.grief && lastWarm && (lastBest < 0 || lastBest >= 6)
	r.newFault = lastFault
	if len(r.all) >= 2 && !lastFault && !lastAsked && calmNow && r.text.words <= coachSimpleWords {
		r.closing = true
		r.fault, r.asked, r.question = false, false, false
	}
	r.tried = c.triedSteps(&r)
	switch {
	case len(r.all) == 0, r.closing:
		r.unclear = false
	case positive && !r.fault:
		r.unclear = false
	case named:
		// "What time do you close on Saturday?", "Where is my order?": short, and clear.
		r.unclear = false
	case contentN <= 3:
		r.unclear = true
	case r.fault, r.tried != 0:
		// "I've been locked out of my account. Please help.": what went wrong is the need;
		// so is a problem they have already tried to fix ("I've restarted it twice").
		r.unclear = false
	case vague && contentN <= 6 && len(r.numbers) == 0:
		r.unclear = true
	case !r.asked && !r.fault:
		r.unclear = true
	}
	return r
}

// lastAskSentence returns the index of the last sentence of t that asks: a question or a
// phrase of [ask].
func (c *Coach) lastAskSentence(t *coachText) int {
	n := -1
	for i, s := range t.sents {
		if s.question {
			n = i
		}
	}
	var buf [16]coachMatch
	for _, m := range c.d.lists["ask"].match(t, buf[:0]) {
		if k := int(t.toks[m.t0].sent); k > n {
			n = k
		}
	}
	return n
}

// coachPickMood returns the index into coachMoods of the mood the scores name most, or −1
// for none. Thanks in a complaint is politeness, not the mood: an upset scored at least 1
// and half the warmth wins over it.
func coachPickMood(score *[len(coachMoods)]float64) int {
	best := -1
	for i := range score {
		if score[i] > 0 && (best < 0 || score[i] > score[best]) {
			best = i
		}
	}
	if best >= 6 {
		for i := 0; i < 6; i++ {
			if score[i] >= 1 && score[i] >= score[best]*0.5 {
				return i
			}
		}
	}
	return best
}

// coachWeakMood is the engine's mood strength below which an upset that the customer's
// words do not bear out is read as calm: the engine's strongest mood is usually above 0.5
// when a message is plainly upset.
const coachWeakMood = 0.4

// coachCountMood counts the mood phrases that say what they seem to: not those inside a
// phrase of [mood_not] ("hello again", "thanks again"), nor those right after a negation
// ("not worried", "not happy").
func coachCountMood(t *coachText, ms, not []coachMatch) int {
	n := 0
next:
	for _, m := range ms {
		for _, x := range not {
			if x.t0 < m.t1 && m.t0 < x.t1 {
				continue next
			}
		}
		if k := m.t0 - 1; k >= 0 && t.toks[k].sent == t.toks[m.t0].sent && coachOneOf(t.toks[k].w, "not", "never", "hardly") {
			continue
		}
		n++
	}
	return n
}

// faultIn reports whether t says something went wrong on our side: a phrase of [fault]
// that is not part of a phrase of [fault_not] ("I lost my job", "my late husband", "I'm
// broke", "I made a mistake").
func (c *Coach) faultIn(t *coachText) bool {
	var buf, nbuf [16]coachMatch
	ms := c.d.lists["fault"].match(t, buf[:0])
	if len(ms) == 0 {
		return c.faultSaid(t)
	}
	not := c.d.lists["fault_not"].match(t, nbuf[:0])
next:
	for _, m := range ms {
		for _, x := range not {
			if x.t0 < m.t1 && m.t0 < x.t1 {
				continue next
			}
		}
		if coachAsksWhether(t, m) {
			continue
		}
		return true
	}
	return c.faultSaid(t)
}

// coachAsksWhether reports a fault phrase that a yes-or-no question asks about near its
// start ("Is it broken?", "Is it faulty?", "Has it been lost?"): the customer does not know
// that anything went wrong.
func coachAsksWhether(t *coachText, m coachMatch) bool {
	s := t.sentenceOf(m.t0)
	if !s.question || m.t0-s.tok0 > 3 {
		return false
	}
	switch t.toks[s.tok0].w {
	case "is", "are", "was", "were", "has", "have", "could", "can", "might", "does", "do", "did", "will", "would":
		return true
	}
	return false
}

// faultSaid finds the faults the phrase lists cannot spell: the wrong thing sent ("I
// ordered the lamps and received a box of plugs instead") and a thing gone at the end of
// a sentence ("All my photos have gone.", but not "the light has gone green").
func (c *Coach) faultSaid(t *coachText) bool {
	toks := t.toks
	for i := range toks {
		switch toks[i].w {
		case "instead":
			for k := i - 1; k >= 0 && toks[k].sent == toks[i].sent; k-- {
				if coachOneOf(toks[k].w, "received", "got", "sent", "delivered", "came", "arrived") {
					return true
				}
			}
		case "gone":
			if i > 0 && coachOneOf(toks[i-1].w, "has", "have") && (i+1 == len(toks) || toks[i+1].sent != toks[i].sent) {
				return true
			}
		}
	}
	return false
}

// namedQuestion reports whether t asks a question that names what it is about ("What time
// do you close on Saturday?", "Where is my order?"), not one that only asks for help ("Can
// you help?", "Why doesn't it work?"), or makes a request that names a thing it is for.
func (c *Coach) namedQuestion(t *coachText) bool {
	d := c.d
	for _, s := range t.sents {
		if !s.question {
			continue
		}
		for i := s.tok0; i < s.tok1; i++ {
			tk := &t.toks[i]
			if d.is(tk, d.bStop) || len(tk.w) < 3 && !coachHasDigit(tk.w) {
				continue
			}
			switch tk.w {
			case "help", "something", "anything", "issue", "issues", "problem", "problems", "stuff", "thing", "things",
				"weird", "strange", "work", "works", "working", "wrong", "happening", "happened", "going":
				continue
			}
			return true
		}
	}
	// A request that names the thing it is for ("I need a VAT invoice for the last three
	// months", "Please cancel my subscription") is as clear as a question that does.
	var buf [16]coachMatch
	for _, m := range d.lists["ask"].match(t, buf[:0]) {
		for i := m.t1; i < len(t.toks) && t.toks[i].sent == t.toks[m.t0].sent; i++ {
			if d.is(&t.toks[i], d.bTopics) || coachHasDigit(t.toks[i].w) {
				return true
			}
		}
	}
	return false
}

// griefWord reports whether t speaks of a death or serious illness, not just sadness.
func (c *Coach) griefWord(t *coachText) bool {
	for i := range t.toks {
		switch t.toks[i].w {
		case "died", "death", "funeral", "bereavement", "grief", "grieving", "passed", "cancer", "terminal",
			"hospice", "condolences", "miscarriage", "widow", "widowed", "memorial", "late":
			if t.toks[i].w == "passed" && (i+1 >= len(t.toks) || t.toks[i+1].w != "away") {
				continue
			}
			if t.toks[i].w == "late" && (i+1 >= len(t.toks) || !c.d.is(&t.toks[i+1], c.d.bFamily)) {
				continue
			}
			return true
		}
	}
	return false
}

func coachKnownMood(m string) bool {
	if m == "neutral" {
		return true
	}
	for _, k := range coachMoods {
		if k == m {
			return true
		}
	}
	return false
}

func (c *Coach) afinnSum(t *coachText) int {
	sum := 0
	for i := range t.toks {
		sum += c.d.afinn(&t.toks[i])
	}
	return sum
}

func coachHasDigit(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			return true
		}
	}
	return false
}

func coachContains(list []string, w string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}

func coachClamp(x, lo, hi float64) float64 {
	if x != x { // NaN
		return lo
	}
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// reflectClause picks the customer's sentence that says most about their problem and turns
// it to the second person. For a bereavement it says back the loss, or, when the draft
// already offers condolence (consoled), what they need done.
func (c *Coach) reflectClause(r *coachReading, consoled bool) string {
	d := c.d
	t := &r.text
	best, bestScore := -1, 0
	var buf [16]coachMatch
	loss := false
	for si, s := range t.sents {
		if s.question || s.tok1-s.tok0 < 3 {
			continue
		}
		sub := t.sub(s.tok0, s.tok1)
		// "I feel stupid now" is never said back to them, nor is sarcasm ("Love paying for
		// a very expensive night light") as if it were meant.
		if d.lists["self_blame"].any(&sub) || d.lists["sarcasm"].any(&sub) {
			continue
		}
		// The words that name a feeling are not the problem's specifics: "I'm starting to
		// panic" says how they feel, not what happened.
		var feelMs []coachMatch
		for _, ph := range d.moods[:6] {
			feelMs = append(feelMs, ph.match(&sub, buf[:0])...)
		}
		self, specific := false, false
		topics, content, words := 0, 0, 0
		for i := range sub.toks {
			tk := &sub.toks[i]
			switch tk.w {
			case "i", "my", "me", "we", "our", "us":
				self = true
			}
			if d.is(tk, d.bTopics) {
				topics++
			}
			inFeeling := false
			for _, m := range feelMs {
				if m.t0 <= i && i < m.t1 {
					inFeeling = true
				}
			}
			if !d.is(tk, d.bStop) && len(tk.w) >= 3 {
				words++
				if !inFeeling {
					content++
				}
			}
			if coachHasDigit(tk.w) || d.is(tk, d.bMonth) || coachWeekday(tk.w) {
				specific = true // a date, a day, an amount, an order number
			}
		}
		// "It doesn't work" has nothing specific to say back.
		if words < 2 {
			continue
		}
		// For a bereavement, the loss is what to say back first.
		hurt := r.grief && c.griefWord(&sub)
		fault := len(d.lists["fault"].match(&sub, buf[:0])) > 0
		feels := len(feelMs) > 0
		// "Phone call, 6 min, transcribed." tells nothing of them.
		if !self && !fault && !feels && !hurt {
			continue
		}
		// The sentence that says most about the problem: its specifics (the thing, the
		// day, the amount), what went wrong, and theirs.
		sc := min(content, 6) + 2*min(topics, 2)
		if self {
			sc += 2
		}
		if specific {
			sc += 2
		}
		if fault {
			sc += 4
		}
		if feels {
			sc++
		}
		if hurt {
			sc += 6
		}
		if sc > bestScore {
			best, bestScore, r.feels, loss = si, sc, feels, hurt
		}
	}
	if best < 0 || bestScore < 4 {
		return ""
	}
	s := t.sents[best]
	text := t.s[s.start:s.end]
	r.loss = loss && !consoled
	switch {
	case loss && consoled:
		// "…and I need to close his account": what they need, since the draft already
		// says it is sorry for their loss.
		text = t.s[c.lossEnd(t, s):s.end]
		if sub := coachTokenize(text); sub.words < 3 {
			return ""
		}
	case loss:
		// "My mum passed away in March and I'm trying to close her contract": the loss
		// alone ("your mum passed away in March"); the errand can wait.
		text = t.s[s.start:c.lossEnd(t, s)]
	}
	return coachSecondPerson(coachDropLeadIn(text), 28, c.plainWord)
}

// coachWeekday reports a day of the week.
func coachWeekday(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

// coachDropLeadIn drops a short lead-in that ends in a colon when a clause follows it:
// "Caller: I've just landed…", "Customer said: There are two payments…", "Wonderful news
// in my inbox this morning: my plan costs more" say back what follows. A colon that
// introduces a list or a number ("Order 2231: arrived broken") is kept.
func coachDropLeadIn(s string) string {
	k := strings.IndexByte(s, ':')
	if k < 0 || k+1 >= len(s) {
		return s
	}
	if words := len(strings.Fields(s[:k])); words > 8 {
		return s
	}
	rest := strings.TrimLeft(s[k+1:], " ")
	if len(strings.Fields(rest)) < 4 {
		return s
	}
	first := rest
	if e := coachWordEnd(rest, 0); e > 0 {
		first = rest[:e]
	}
	if coachLooksProper(first) {
		return s // "Order 2231: Arrived…", a name: keep it all
	}
	return rest
}

// lossEnd returns where the clause that tells of the loss ends in sentence s: at the first
// comma, "and", "but" or "so" after the word of grief, or at the end of the sentence.
func (c *Coach) lossEnd(t *coachText, s coachSentence) int {
	g := -1
	for i := s.tok0; i < s.tok1; i++ {
		sub := t.sub(i, i+1)
		if c.griefWord(&sub) || t.toks[i].w == "passed" {
			g = i
			break
		}
	}
	if g < 0 {
		return s.end
	}
	for k := g + 1; k < s.tok1; k++ {
		if coachOneOf(t.toks[k].w, "and", "but", "so", "because") {
			return int(t.toks[k-1].end)
		}
		if strings.ContainsAny(t.s[t.toks[k-1].end:t.toks[k].start], ",;:") {
			return int(t.toks[k-1].end)
		}
	}
	return s.end
}

// plainWord reports whether a word written in capitals is an ordinary word shouted
// ("FOURTH", "NEVER"), which a reflection says back in lower case, rather than a name or an
// acronym ("UPS", "IKEA", "PIN").
func (c *Coach) plainWord(w string) bool {
	id, ok := c.d.vocab.ids[w]
	if !ok || len(w) < 2 {
		return false
	}
	return c.d.bits[id]&(c.d.bAcronym|c.d.bJargon) == 0
}

// coachSecondPerson turns a customer's sentence into words an agent can say back:
// first person becomes second ("my order" → "your order"), and "you" meaning the company
// becomes "we". It keeps the customer's other words as written, drops a greeting ("Hi
// Sam, …"), a leading "so", "and" or "but" and the final punctuation, turns a request into
// what they would like ("Please cancel my plan" → "you'd like us to cancel your plan"),
// says back in lower case the words shouted in capitals that plain reports an ordinary
// word, and stops after max words.
func coachSecondPerson(s string, max int, plain func(string) bool) string {
	s = coachDropGreeting(s)
	var b strings.Builder
	b.Grow(len(s) + 16)
	prev := "" // previous word, lower case
	words := 0
	i := 0
	pending := "" // separators waiting for the next word
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			i++
			continue
		}
		if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if b.Len() > 0 {
				pending += s[i : i+size]
			}
			i += size
			continue
		}
		j := coachWordEnd(s, i)
		raw := s[i:j]
		low := strings.ToLower(strings.ReplaceAll(raw, "’", "'"))
		if words == 0 {
			switch low {
			case "so", "and", "but", "also", "well", "plus", "ok", "okay", "anyway", "basically", "honestly":
				i = j
				continue
			case "congratulations", "great", "wow", "oh", "right", "brilliant", "wonderful", "fantastic", "lovely", "yes", "no", "look", "sorry", "alright", "fine":
				// "Congratulations, that's the fourth evening…": an interjection, often
				// sarcastic, is not said back.
				if j < len(s) && (s[j] == ',' || s[j] == '!' || s[j] == '.') {
					i = j
					continue
				}
			case "cancel", "close", "refund", "replace", "send", "fix", "stop", "change", "sort", "put", "give", "remove", "delete", "update", "move", "check", "find",
				"convince", "tell", "help", "get", "call", "ring", "ask", "email", "text", "pass", "show", "explain", "reset", "unlock", "reconnect", "return", "pause", "keep", "bring", "deliver", "arrange":
				// "Cancel my account, please" → "you'd like us to cancel your account".
				if fr, _ := utf8.DecodeRuneInString(raw); unicode.IsUpper(fr) || coachObjectNext(s[j:]) {
					b.WriteString("you'd like us to ")
					words++
					prev = "to"
					pending = ""
					b.WriteString(low)
					prev = low
					words++
					i = j
					continue
				}
			case "please", "kindly":
				// "Please cancel my subscription" → "you'd like us to cancel your
				// subscription"; "Please, I need…" → "you need…"
				i = j
				if i < len(s) && s[i] == ' ' && i+1 < len(s) && coachIsWordByte(s[i+1]) {
					b.WriteString("you'd like us to")
					words++
					prev = "to"
				}
				continue
			}
		}
		if low == "please" && words > 0 && strings.TrimLeft(s[j:], " ,.!;:") == "" {
			break // "…, please" at the end
		}
		if low == "you" && prev != "thank" && coachVerbNext(s[j:]) {
			// "what you told me last time" → "what we told you": "you" before a verb
			// is the company doing something.
			prev = "we"
			if words > 0 {
				if pending == "" {
					pending = " "
				}
				b.WriteString(pending)
			}
			pending = ""
			b.WriteString("we")
			words++
			i = j
			if words >= max {
				break
			}
			continue
		}
		out := coachSwapPerson(low, prev)
		if out == "" && plain != nil && coachAllCaps(raw) && plain(low) {
			out = low
		}
		if out == "" {
			out = raw
			if words == 0 && len(raw) > 1 && !coachAllCaps(raw) {
				// The sentence now sits inside ours: lower its first letter unless it is
				// a name ("Maria", "iPhone" stay; "My" → "my").
				if fr, n := utf8.DecodeRuneInString(raw); unicode.IsUpper(fr) && !coachLooksProper(raw) {
					out = string(unicode.ToLower(fr)) + raw[n:]
				}
			}
		}
		if words > 0 {
			if pending == "" {
				pending = " "
			}
			b.WriteString(pending)
		}
		pending = ""
		b.WriteString(out)
		prev = low
		words++
		i = j
		if words >= max {
			break
		}
	}
	return coachCloseQuote(strings.TrimRight(b.String(), " ,;:-–—"))
}

// coachCloseQuote closes a quotation the words said back open and stop before closing:
// "it's still 'in transit" → "it's still 'in transit'". An apostrophe inside a word ("it's")
// is neither.
func coachCloseQuote(s string) string {
	for _, q := range [...][2]string{{"'", "'"}, {"‘", "’"}, {"\"", "\""}, {"“", "”"}} {
		open, shut := 0, 0
		for i := 0; i < len(s); i++ {
			switch {
			case strings.HasPrefix(s[i:], q[0]) && (i == 0 || s[i-1] == ' ') && i+len(q[0]) < len(s) && s[i+len(q[0])] != ' ':
				open++
			case strings.HasPrefix(s[i:], q[1]) && i > 0 && s[i-1] != ' ' && (i+len(q[1]) == len(s) || !coachIsWordByte(s[i+len(q[1])])):
				shut++
			}
		}
		if open > shut {
			s += q[1]
		}
	}
	return s
}

// coachObjectNext reports whether the next word of s is the object an order starts with:
// "Convince me not to leave", "Send someone", "Put me through".
func coachObjectNext(s string) bool {
	s = strings.TrimLeft(s, " ")
	e := coachWordEnd(s, 0)
	if e == 0 || e > len(s) {
		return false
	}
	switch strings.ToLower(s[:e]) {
	case "me", "my", "us", "our", "it", "this", "that", "them", "someone", "somebody", "a", "an", "the", "your":
		return true
	}
	return false
}

// coachVerbNext reports whether the next word of s is a verb that "you" would be the
// subject of: "you told me", "you received my return", "you took the money".
func coachVerbNext(s string) bool {
	i := 0
	for i < len(s) && !coachIsWordByte(s[i]) {
		if s[i] != ' ' {
			return false // "you, …", "you." end the clause
		}
		i++
	}
	if i == len(s) {
		return false
	}
	w := strings.ToLower(s[i:coachWordEnd(s, i)])
	switch w {
	case "have", "had", "has", "are", "were", "was", "will", "would", "can", "could", "did", "do", "does", "said", "sent", "told", "took", "take", "promised", "received", "never", "still", "always", "just", "keep", "kept", "gave", "put", "made", "got", "say", "charged", "lost":
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed")
}

// coachDropGreeting drops a greeting at the start of a sentence, with the name after it:
// "Hi, I've been charged twice" → "I've been charged twice", "Hello Sam, my order…" → "my
// order…".
func coachDropGreeting(s string) string {
	for _, g := range [...]string{"good morning", "good afternoon", "good evening", "hello", "hiya", "hi", "hey", "dear", "morning", "afternoon", "evening"} {
		if !coachHasPrefixFold(s, g) || len(s) > len(g) && coachIsWordByte(s[len(g)]) {
			continue
		}
		rest := s[len(g):]
		if k := strings.IndexAny(rest, ",!—"); k >= 0 && k <= 30 && !strings.ContainsAny(rest[:k], ".?") {
			_, size := utf8.DecodeRuneInString(rest[k:])
			return strings.TrimLeft(rest[k+size:], " ")
		}
		return strings.TrimLeft(rest, " ")
	}
	return s
}

func coachAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n > 1
}

// coachLooksProper guesses whether a capitalised first word is a name: only the common
// sentence openers are lowered.
func coachLooksProper(w string) bool {
	w = strings.ReplaceAll(w, "’", "'")
	if k := strings.IndexByte(w, '\''); k > 0 {
		w = w[:k] // "It's" → "it"
	}
	switch strings.ToLower(w) {
	case "i", "rather", "really", "quite", "just", "very", "pretty", "totally", "absolutely", "completely", "frankly",
		"seriously", "apparently", "unfortunately", "sadly", "luckily", "another", "again", "even", "only", "yet":
		return false
	case "my", "our", "the", "a", "an", "it", "this", "that", "there", "when", "since", "after", "before",
		"yesterday", "today", "last", "every", "your", "you", "we", "they", "he", "she", "nobody", "no",
		"nothing", "still", "now", "then", "i've", "i'm", "for", "on", "in", "at", "ever", "somebody",
		"someone", "these", "those", "its", "what", "why", "how", "where", "once", "if", "because",
		"some", "all", "most", "both", "none", "any", "each", "many", "several", "half", "everything",
		"everyone", "one", "two", "three", "until", "while", "although", "though", "as":
		return false
	}
	return true
}

// coachSwapPerson returns the second-person form of a first-person word (and the company's
// "we" form of a customer's "you"), or "" to keep the word.
func coachSwapPerson(low, prev string) string {
	switch low {
	case "i":
		return "you"
	case "me":
		return "you"
	case "my":
		return "your"
	case "mine":
		return "yours"
	case "myself":
		return "yourself"
	case "i'm", "im":
		return "you're"
	case "i've", "ive":
		return "you've"
	case "i'll":
		return "you'll"
	case "i'd":
		return "you'd"
	case "we":
		return "you"
	case "us":
		return "you"
	case "our":
		return "your"
	case "ours":
		return "yours"
	case "ourselves":
		return "yourselves"
	case "we're":
		return "you're"
	case "we've":
		return "you've"
	case "we'll":
		return "you'll"
	case "we'd":
		return "you'd"
	case "am":
		if prev == "i" {
			return "are"
		}
	case "was":
		if prev == "i" {
			return "were"
		}
	case "wasn't":
		if prev == "i" {
			return "weren't"
		}
	case "you":
		switch prev {
		case "thank":
			return "" // "say thank you to Jonas"
		case "", "and", "but", "so", "because", "if", "when", "that", "since", "or", "then", "did", "do",
			"does", "have", "has", "can", "could", "will", "would", "should", "are", "were", "why", "how",
			"until", "after", "before", "as", "while", "though", "although", "once", "where":
			return "we"
		}
		return "us"
	case "your":
		return "our"
	case "yours":
		return "ours"
	case "yourself", "yourselves":
		return "ourselves"
	case "you're", "youre":
		return "we're"
	case "you've":
		return "we've"
	case "you'll":
		return "we'll"
	case "you'd":
		return "we'd"
	}
	return ""
}

// coachStem strips the common English endings so "ordered", "orders" and "order" meet.
// It is deliberately crude: it only ever compares the customer's words with the draft's.
func coachStem(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ied"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = w[:n-2]
	case n > 4 && strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "sses")):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		return w[:n-1]
	default:
		return w
	}
	// "stopped" → "stop", "shipping" → "ship"
	if m := len(w); m > 3 && w[m-1] == w[m-2] && w[m-1] != 'l' && w[m-1] != 's' && w[m-1] != 'e' {
		w = w[:m-1]
	}
	if strings.HasSuffix(w, "at") || strings.HasSuffix(w, "iz") || strings.HasSuffix(w, "bl") {
		w += "e" // "updated" → "update", "organized" → "organize"
	}
	return w
}
