package analysis

import (
	"math"
	"slices"
	"strings"
)

// scratch is the per-call working memory, pooled so Analyze does not allocate.
type scratch struct {
	toks  []token
	feats []feat
	vw    []int32   // content token indexes
	val   []float32 // sentiment valence per content token
	why   []uint8   // which sentiment rules touched each content token
	ms    []match
	evb   evBuilder
	rows  []int32
	cand  []int32 // tokens that may start a phrase
	// plain (not negated) words longer than a letter that lean toward some mood at least
	// moodFloor: the candidates for the mood's evidence
	moodCand []int32
	scored   []int32 // indexes into vw of the tokens the VADER pass scores
}

// a scratch that grew past this (a huge text) is dropped rather than kept in the pool
const maxPooledTokens = 1 << 14

func (e *Engine) getScratch() *scratch { return e.pool.Get().(*scratch) }

func (e *Engine) putScratch(sc *scratch) {
	if cap(sc.toks) > maxPooledTokens || cap(sc.feats) > 8*maxPooledTokens {
		return
	}
	e.pool.Put(sc)
}

// Sentiment rule marks, for evidence.
const (
	whyNegated = 1 << iota
	whyBoosted
	whyCaps
	whyBut
	whySarcasm
	whyIdiom // the weight of an idiom, at its first word
)

// whyRules are the evidence rules of every combination of sentiment rules (whyRuleName),
// named once so Analyze never concatenates strings.
var whyRules [32]Rule

// whyRuleName names the combination m of sentiment rules.
func whyRuleName(m int) string {
	s := "VADER lexicon"
	if m&whySarcasm != 0 {
		s = "praise inside a sarcasm marker"
	}
	if m&whyNegated != 0 {
		s += ", negated"
	}
	if m&whyBoosted != 0 {
		s += ", intensified"
	}
	if m&whyCaps != 0 {
		s += ", in capitals"
	}
	if m&whyBut != 0 {
		s += ", weighed against \"but\""
	}
	return s
}

var moodFigures = [NumMoods]string{"mood:angry", "mood:frustrated", "mood:anxious", "mood:sad", "mood:confused", "mood:disappointed", "mood:happy", "mood:grateful", "mood:neutral"}
var kindFigures = [NumKinds]string{"urgency:deadline", "urgency:hardship", "urgency:repeat", "urgency:threat"}

// labelRules are the rules "emotion model: <label>" (see the init in evidence.go).
var labelRules [NumLabels]Rule

// Mixing constants. They were set by hand and checked against the dev halves of the
// evaluation sets (a handful of constants, no fitted weights).
const (
	mixModel = 1.5 // weight of the emotion model's valence (a log-odds) in the sentiment sum
	// lengthPower: the sum is divided by (content words)^lengthPower before squashing, so
	// a long review with many mildly positive words does not read as ecstatic (VADER's
	// plain sum grows with length)
	lengthPower = 0.2
	// sentimentAlpha squashes the sum into −1…1 as x/√(x²+α); VADER uses 15
	sentimentAlpha = 40
	mixVader       = 1.0  // weight of the VADER-rule sum
	ruleValence    = 1.2  // negative valence of a repeat-contact, hardship or threat phrase
	sarcasmFlip    = -0.6 // praise inside a sarcasm marker counts this times its valence
	// idiomComplaint: an idiom of complaint ("save your money", weight −3.5 or −6 in
	// rules.txt, where it outweighs the model's reading of its words) counts for the moods
	// as this share of its weight, about a complaint phrase's −1.5
	idiomComplaint = 0.25
	maxEvidence    = 40
	maxPerFigure   = 6
)

// softmaxDecide (sumrows_amd64.go, sumrows_other.go) writes the softmax of z into p and
// returns the decision rule's set: every output at or above its threshold, or else the
// one nearest to its threshold (inv holds 1/(threshold+0.001)). It is the rule the
// thresholds were tuned for.

// maxOfGo is the largest of z (never NaN; z not empty).
func maxOfGo(z []float32) float32 {
	mx := z[0]
	for _, v := range z {
		if v > mx { // not max(): the logits are never NaN, and this is cheaper
			mx = v
		}
	}
	return mx
}

// scaleDecideGo multiplies p by norm and returns the set of the i with p[i] ≥ thr[i].
func scaleDecideGo(p []float64, thr []float64, norm float64) uint32 {
	var set uint32
	thr = thr[:len(p)]
	for i := range p {
		v := p[i] * norm
		p[i] = v
		if v >= thr[i] {
			set |= 1 << (uint(i) & 31) // (at most 32 outputs in a head)
		}
	}
	return set
}

// linearValence is the model's valence, log((p(positive)+0.02)/(p(negative)+0.02)), from
// the sentiment-4 head's linear scores: the same arithmetic as from r.Polarity.
func linearValence(l *[NumPolarity]float32) float64 {
	var p [NumPolarity]float64
	mx := l[0]
	for _, v := range l {
		if v > mx {
			mx = v
		}
	}
	norm := 1 / expShifted(p[:], l[:], mx)
	return fastLog((p[0]*norm + 0.02) / (p[1]*norm + 0.02))
}

// nearest is the decision rule's fallback: the output nearest to its threshold.
func nearest(p []float64, inv []float64) uint32 {
	best, bestR := 0, -1.0
	inv = inv[:len(p)]
	for i, v := range p {
		if r := v * inv[i]; r > bestR {
			best, bestR = i, r
		}
	}
	return 1 << best
}

// decide is softmaxDecide's rule on probabilities already in p.
func decide(p []float64, thr []float64, inv []float64) uint32 {
	var set uint32
	for i, v := range p {
		if v >= thr[i] {
			set |= 1 << i
		}
	}
	if set == 0 {
		set = nearest(p, inv)
	}
	return set
}

// Analyze reads one customer message. It never panics, returns the same Result for the
// same text, and after warm-up allocates only the Evidence slice.
func (e *Engine) Analyze(text string) Result {
	var r Result
	e.analyze(text, &r, nil)
	return r
}

// AnalyzeInto is Analyze writing into *r, reusing the storage of r.Evidence: a caller that
// analyses many messages in turn (and is done with each Result before the next) allocates
// nothing. The figures are Analyze's; Evidence is empty rather than nil when there is none.
func (e *Engine) AnalyzeInto(text string, r *Result) {
	buf := r.Evidence[:0]
	if buf == nil {
		buf = make([]Evidence, 0, 16)
	}
	*r = Result{}
	e.analyze(text, r, buf)
}

// analyze fills *r (zero on entry); the evidence goes into evBuf when it has room.
func (e *Engine) analyze(text string, r *Result, evBuf []Evidence) {
	// the scratch goes back to the pool at both returns (no defer: a panic, which cannot
	// happen, would leave it to the collector rather than put it back half written)
	sc := e.getScratch()
	r.Text = text
	if len(text) > maxText {
		text = text[:maxText]
	}
	toks := e.tokenize(text, sc.toks)
	sc.toks = toks
	if len(toks) == 0 || onlyPunct(toks) {
		// nothing to read: a neutral, calm, empty reading
		r.Emotions[Neutral], r.Labels = 1, 1<<Neutral
		r.Ekman[NumEkman-1], r.EkmanSet = 1, 1<<(NumEkman-1)
		r.Polarity[NumPolarity-1], r.PolaritySet = 1, 1<<(NumPolarity-1)
		r.Moods[MoodNeutral], r.Mood = 1, MoodNeutral
		for i := range toks {
			if toks[i].kind == tokPunct && toks[i].n >= 2 && (toks[i].punct == '!' || toks[i].punct == '?') {
				r.Cues |= 1 << CuePunctuation
			}
		}
		if evBuf != nil {
			r.Evidence = evBuf[:0]
		}
		e.putScratch(sc)
		return
	}

	// one pass over the tokens: the content tokens, the model's rows, and what the rules count
	var st tokenStats
	nFeat := e.readTokens(text, sc, &st)
	vw, rows := sc.vw, sc.rows
	problems, helps, questions, profane, capsWords, wordCount := st.problems, st.helps, st.questions, st.profane, st.capsWords, st.wordCount
	exclRuns, quesRuns, exclMarks, quesMarks, capsAny := st.exclRuns, st.quesRuns, st.exclMarks, st.quesMarks, st.capsAny
	butAt, concAt, emoji := st.butAt, st.concAt, st.emoji
	moodWords := &st.moodWords
	sc.vw = vw
	if cap(sc.val) < len(vw) {
		sc.val = make([]float32, len(vw), len(vw)+len(vw)/2)
		sc.why = make([]uint8, len(vw), len(vw)+len(vw)/2)
	}
	val := sc.val[:len(vw)]
	why := sc.why[:len(vw)]
	negWords := e.vader(text, toks, vw, sc.scored, val, capsAny > 0 && capsAny < wordCount, butAt)
	clear(why) // flipPraise marks sarcasm and the idioms their first word here; evidence works out the other rules

	// phrase rules
	ms := e.findPhrases(toks, sc.cand, sc.ms[:0])
	ms = e.dropUnmet(text, toks, vw, ms)
	sc.ms = ms
	var kindW [NumKinds]float32
	var kindM [NumKinds]int32
	for k := range kindM {
		kindM[k] = -1
	}
	calm := float32(0)
	complaint := 0.0
	idiomSum := 0.0 // the idioms' weights
	idiomNeg := 0.0 // idioms of complaint ("save your money"), scaled as a complaint phrase
	idioms := false // an idiom's weight may stand at a token the VADER pass did not score
	sarcasm := false
	polite := false  // a polite formula matched ("I'd appreciate", "thanks in advance")
	markers := false // a sarcasm marker matched
	priced := false  // a complaint about the price ("my bill is going up", "very expensive")
	for i0 := range ms {
		i := i0
		p := &e.phrases[ms[i].phrase]
		switch {
		case p.figure < NumKinds:
			if p.weight > kindW[p.figure] {
				kindW[p.figure] = p.weight
				kindM[p.figure] = int32(i)
			}
		case p.figure == figComplaint:
			complaint += float64(p.weight)
			priced = priced || p.price
		case p.figure == figTone:
			// the idiom is the reading: its words do not count on their own, and its
			// weight stands at its first word (so "but" and the clause rules weigh it)
			w := float64(p.weight)
			if ms[i0].negated {
				w *= vNegate
			}
			if w < 0 {
				idiomNeg += idiomComplaint * w
			}
			idiomSum += w
			idioms = true
			first := true
			for i, ti := range vw {
				if ti >= ms[i0].start && ti < ms[i0].end {
					val[i] = 0
					if first {
						first = false
						val[i] = float32(w) * butWeight(i, butAt)
						why[i] |= whyIdiom
					}
				}
			}
		case p.figure == figMood:
			moodWords[p.mood]++
			if p.insult && profane > 0 {
				// a word of insult aimed at oneself ("I feel stupid now") is
				// embarrassment, not profanity or anger at us
				profane--
			}
		case p.figure == figPolite:
			if p.greet && !opensLetter(toks, vw, ms[i0]) {
				break // "Good morning everyone!" is the message, not its courtesy
			}
			polite = true
			e.politeFormula(sc, ms[i0], val, moodWords)
		case p.figure == figCalm:
			calm = max(calm, -p.weight)
			for _, i := range sc.scored {
				if ti := vw[i]; ti >= ms[i0].start && ti < ms[i0].end {
					val[i] = 0 // "no rush" is not a complaint
				}
			}
		case p.figure == figSarcasm, p.figure == figSarcasmMaybe:
			markers = true
		}
	}
	if !sarcasm {
		// a sentence of nothing but high praise beside one that complains ("Great. Another
		// update that breaks the app.", "Lost again. Brilliant.") is sarcasm
		if i := e.lonePraise(toks, vw, sc.scored, val, ms); i >= 0 {
			sarcasm = true
			val[i] *= sarcasmFlip
			why[i] |= whySarcasm
		}
	}
	if markers {
		// the sarcasm markers, once every phrase is read: "so helpful" is sarcasm when the
		// message complains anywhere ("your chatbot was so helpful, it sent me the same
		// link four times"), not only before the marker, and praise of what the customer
		// complains about the price of is too ("Love paying $39 a month for a very
		// expensive night light"). A marker that needs no complaint ("oh great") is none
		// in a message that thanks beside it and complains of nothing ("Oh perfect, thank
		// you!").
		complains := negWords > 0 || kindW[KindRepeat] >= 0.5 || kindW[KindThreat] > 0 || problems >= 2 || profane > 0 || priced
		for i := range ms {
			p := &e.phrases[ms[i].phrase]
			if p.figure == figSarcasm && (complains || problems > 0 || complaint < 0 || !e.thanksBeside(toks, vw, sc.scored, ms[i])) ||
				p.figure == figSarcasmMaybe && (complains || e.complainsAfter(ms[i:], val, vw, toks, problems)) {
				sarcasm = true
				e.flipPraise(vw, sc.scored, val, why, ms[i])
			}
		}
	}

	if !sarcasm && e.praiseOpens(toks, vw) && (complaint < 0 || kindW[KindRepeat] >= 0.5 || kindW[KindThreat] >= 0.5) && !e.thanksIn(toks, vw, sc.scored, len(vw)) {
		// a word of praise standing alone at the start of a complaint ("Wonderful. Nobody
		// even knocked.", "Brilliant, so I waited in all day") is sarcasm, unless the
		// message also thanks ("Perfect, thank you! One more thing is missing")
		sarcasm = true
		e.flipPraise(vw, sc.scored, val, why, match{start: vw[0], end: vw[0] + 1})
	}

	// a thanks that closes a question, a request or a complaint ("Could you look into it?
	// Thanks.", "Please send a VAT invoice. Thanks.") is a sign-off: courtesy, not gratitude
	signoff, from := false, -1
	if questions > 0 || helps > 0 || complaint < 0 || negWords > 0 || kindW[KindRepeat] > 0 || kindW[KindThreat] > 0 || kindW[KindHardship] > 0 || kindW[KindDeadline] > 0 {
		from = e.closingThanks(toks, vw, sc.scored)
	}
	if from >= 0 {
		signoff = true
		for _, i := range sc.scored {
			if int(i) >= from {
				val[i] = 0 // its words count for nothing, as a polite formula's
			}
		}
	}

	if concAt >= 0 {
		e.concessions(toks, vw, val, concAt)
	}

	// the emotion model
	var z [maxOutputs]float32
	var lin [NumPolarity]float32
	e.scores(rows, nFeat, &z, &lin)
	m := &e.model
	labels := softmaxDecide(z[:NumLabels], r.Emotions[:], m.thr64[:], m.invThr[:])
	mv := 0.0 // the model's valence, a log-odds of positive over negative
	if m.ekmanOut >= 0 {
		r.EkmanSet = uint8(softmaxDecide(z[m.ekmanOut:m.ekmanOut+NumEkman], r.Ekman[:], m.thr64[m.ekmanOut:], m.invThr[m.ekmanOut:]))
	}
	if m.polOut >= 0 {
		r.PolaritySet = uint8(softmaxDecide(z[m.polOut:m.polOut+NumPolarity], r.Polarity[:], m.thr64[m.polOut:], m.invThr[m.polOut:]))
		if m.stack == nil {
			mv = fastLog((r.Polarity[0] + 0.02) / (r.Polarity[1] + 0.02))
		} else {
			// the linear head's valence: the stacked layer sharpens the group decision,
			// and the sentiment figure was mixed and checked with the linear reading
			mv = linearValence(&lin)
		}
	}
	if sarcasm {
		for _, l := range [...]int{Gratitude, Joy, Admiration, Approval, Love, Excitement, Optimism, Amusement} {
			r.Emotions[l] *= 0.3
		}
		r.Emotions[Annoyance] = max(r.Emotions[Annoyance], 0.5)
		r.Emotions[Neutral] *= 0.5
		sum := 0.0
		for _, p := range r.Emotions {
			sum += p
		}
		for l := range r.Emotions {
			r.Emotions[l] /= sum
		}
		labels = decide(r.Emotions[:], m.thr64[:], m.invThr[:])
	}
	r.Labels = LabelSet(labels)

	// sentiment: the VADER rules, the phrase rules and the model's valence. Without an
	// idiom only the scored entries can hold a valence (the others are zero, and adding
	// a zero changes no sum that starts at +0), so only they are read, in the same order;
	// an idiom's weight may stand at a word the VADER pass does not score, so then every
	// entry is read.
	scored := sc.scored
	sum := 0.0
	if idioms {
		for _, v := range val {
			sum += float64(v)
		}
	} else {
		for _, i := range scored {
			sum += float64(val[i])
		}
	}
	for k := KindHardship; k <= KindThreat; k++ {
		if kindW[k] >= 0.5 {
			sum -= ruleValence * float64(kindW[k])
		}
	}
	sum += complaint
	butNeg := false
	if butAt >= 0 {
		// the model reads words, not clauses: after "but", trust the rules more
		mv *= 0.5
		after := complaint
		if idioms {
			for _, v := range val[butAt+1:] {
				after += float64(v)
			}
		} else {
			for _, i := range scored {
				if int(i) > butAt {
					after += float64(val[i])
				}
			}
		}
		if after < 0 {
			butNeg = true
			mv = min(mv, 0)
		}
	}
	// the clause after "but" raises a complaint or a reason for urgency ("the agent was
	// lovely, but it's still leaking", "I appreciate the apology, but I need it before my
	// trip"): the praise before it is not the mood (the sentiment is left to the words)
	butNeed := butAt >= 0 && e.complainsAfterBut(ms, vw[butAt])

	if idiomSum < 0 && mv > 0 || idiomSum > 0 && mv < 0 {
		// the model reads an idiom's words ("save your money") one by one: where the
		// idioms say otherwise, its share is halved, as after "but"
		mv *= 0.5
	}
	if amp := punctEmphasis(exclMarks, quesMarks); sum > 0 {
		sum += amp
	} else if sum < 0 {
		sum -= amp
	}
	if sarcasm && mv > 0 {
		mv = -0.5 * mv
	}
	// the model reads the courtesy of a sign-off or a polite formula ("Thanks, Linnea",
	// "Best wishes", "I'd appreciate") as warmth: on a complaint, a hardship, a repeat
	// contact or a threat, where that is all the warmth there is, its share of a positive
	// reading is halved
	thanksOut, praiseOut := true, true // a word of thanks, or of praise, outside the polite formulas
	if polite {
		thanksOut, praiseOut = e.outsidePolite(sc, val)
	}
	if mv > 0 && (complaint < 0 || max(kindW[KindHardship], kindW[KindRepeat], kindW[KindThreat]) >= 0.5) && (signoff || polite && !thanksOut && !praiseOut) {
		mv *= 0.5
	}
	if len(vw) > 0 {
		x := (mixVader*sum + mixModel*mv) / lengthScale(len(vw))
		r.Sentiment = max(-1, min(1, x/math.Sqrt(x*x+sentimentAlpha)))
	}

	// moods: the model's labels, then the rules and the plain mood words
	labelMoods(&r.Moods, &r.Emotions)
	// urgency reads the confusion of the labels and of the confused words and the asking
	// ones ("how", "which"), which ask for help but name no mood
	confused := r.Moods[MoodConfused]
	if n := moodWords[MoodConfused] + moodWords[asking]; n > 0 {
		confused = 1 - (1-confused)*(1-moodWordShare[min(n, 3)])
	}
	moods := &r.Moods
	boost := func(mo Mood, w float64) { boostMood(moods, mo, w) }
	for mo := Mood(0); mo < MoodNeutral; mo++ {
		if moodWords[mo] > 0 {
			boost(mo, moodWordShare[min(moodWords[mo], 3)])
		}
	}
	boost(MoodFrustrated, 0.6*float64(kindW[KindRepeat]))
	switch {
	case kindM[KindHardship] >= 0 && e.phrases[ms[kindM[KindHardship]].phrase].sad:
		boost(MoodSad, 0.6*float64(kindW[KindHardship]))
	case kindM[KindHardship] >= 0 && complaint < 0 && possessive(text, toks, ms[kindM[KindHardship]]):
		// the hardship owns the broken thing ("My kids' tablet stopped working"): the
		// complaint is the mood, not fear for them
		boost(MoodFrustrated, 0.65*float64(kindW[KindHardship]))
	default:
		boost(MoodAnxious, 0.65*float64(kindW[KindHardship]))
	}
	boost(MoodAnxious, 0.3*float64(kindW[KindDeadline]))
	threat := kindW[KindThreat]
	if threat < 0.5 {
		threat = 0 // a request to cancel ("please cancel my subscription") is no threat
	}
	if polite {
		// a threat wrapped in courtesy ("I'd prefer not to, but I'll have to dispute the
		// charge") is frustration more than anger
		boost(MoodFrustrated, 0.4*float64(threat))
		threat = 0
	}
	boost(MoodAngry, 0.4*float64(threat)+0.15*float64(min(profane, 2)))
	boost(MoodFrustrated, -0.2*max(complaint+idiomNeg, -3))
	if capsWords >= 2 {
		boost(MoodAngry, 0.1*float64(min(capsWords, 4)))
	}
	if exclRuns+quesRuns > 0 {
		boost(MoodFrustrated, 0.2)
	}
	if sarcasm {
		r.Moods[MoodFrustrated] = max(r.Moods[MoodFrustrated], 0.5)
	}
	// asked before ("third time", "no answer yet"), not a problem that persists ("tracking
	// hasn't moved", "still unresolved")
	contacted := kindW[KindRepeat] >= 0.5 && e.phrases[ms[kindM[KindRepeat]].phrase].label != "still unresolved"
	needed := kindW[KindDeadline] >= 0.5 && e.saysNeed(toks, vw) && kindW[KindThreat] < 0.3 && !contacted
	calmVoice := moodWords[MoodAngry]+moodWords[MoodFrustrated] == 0 && profane == 0 && capsWords < 2 && exclRuns+quesRuns == 0 && !sarcasm
	atStake := (timeAtStake(kindW, complaint+idiomNeg, problems, contacted) || needed) && calmVoice
	if atStake {
		// a near deadline beside a problem (or a thing needed by then), with no threat,
		// repeat contact, word of anger or annoyance, shouting or swearing behind it ("My
		// exam is tomorrow morning and the login still isn't working"): a lead reads the
		// worry that time is running out before the annoyance
		r.Moods[MoodAnxious] = max(r.Moods[MoodAnxious], min(1, max(r.Moods[MoodFrustrated], 0.25)+0.05))
	}
	if butNeg || butNeed || sarcasm {
		// praise before "but" (or inside sarcasm) is not the mood
		r.Moods[MoodHappy] *= 0.4
		r.Moods[MoodGrateful] *= 0.4
	}
	if signoff {
		r.Moods[MoodGrateful] *= 0.2
	}
	if polite {
		// thanks for what is not yet done ("thanks in advance", "I'd appreciate a reply")
		// and good wishes ("hope you're well") are courtesy, not the mood: the model reads
		// gratitude and joy into their words, so those moods are damped unless a word
		// outside the formulas says the same
		if !thanksOut {
			r.Moods[MoodGrateful] *= 0.2
		}
		if !praiseOut {
			r.Moods[MoodHappy] *= 0.5
		}
	}
	// a message with a reason for urgency or a raised voice is not neutral
	signal := max(float64(max(kindW[KindHardship], kindW[KindRepeat], kindW[KindThreat])), 0.6*float64(kindW[KindDeadline]), -0.4*(complaint+idiomNeg))
	if kindW[KindThreat] >= 0.5 {
		// a threat to leave, escalate or go public is never said in a neutral mood, however
		// flat its words ("Leaving a review on Trustpilot so others know what they're getting into")
		signal = max(signal, float64(kindW[KindThreat])+0.3)
	}
	if capsWords >= 2 || exclRuns+quesRuns > 0 || profane > 0 || atStake {
		signal = max(signal, 0.5)
	}
	r.Moods[MoodNeutral] *= 1 - min(signal, 0.9)
	r.Moods[MoodConfused] *= 1 - 0.4*min(signal, 1) // a question beside a hardship is not the point
	confused *= 1 - 0.4*min(signal, 1)
	r.Mood = MoodNeutral
	bestMood := 0.0
	for mo := 0; mo < NumMoods-1; mo++ {
		if r.Moods[mo] > bestMood {
			bestMood, r.Mood = r.Moods[mo], Mood(mo)
		}
	}
	if bestMood < 0.2 || bestMood < r.Moods[MoodNeutral] {
		r.Mood = MoodNeutral
	}

	// cues
	switch {
	case capsWords >= 2 && capsWords*3 >= wordCount, capsWords >= 4:
		r.Cues |= 1 << CueCaps
	}
	if exclRuns+quesRuns > 0 {
		r.Cues |= 1 << CuePunctuation
	}
	if profane > 0 {
		r.Cues |= 1 << CueProfanity
	}
	if emoji {
		r.Cues |= 1 << CueEmoji
	}
	if len(vw) > 0 && len(vw) <= 3 {
		r.Cues |= 1 << CueVeryShort
	}
	if wordCount > 150 {
		r.Cues |= 1 << CueVeryLong
	}

	// frustration 0…4
	neg := max(0, -r.Sentiment)
	em := &r.Emotions
	// the Ekman head's anger group (anger, annoyance, disapproval) is a second, calibrated
	// reading of the same family
	raw := 1.1*neg + 1.3*(em[Anger]+em[Annoyance]+0.8*em[Disappointment]+0.5*em[Disapproval]+0.6*em[Disgust]) + 1.5*r.Ekman[0] +
		0.9*float64(kindW[KindRepeat]) + 0.7*float64(kindW[KindThreat]) +
		0.3*float64(min(capsWords, 3)) + 0.25*float64(min(exclRuns+quesRuns, 3)) + 0.35*float64(min(profane, 3)) +
		0.1*float64(min(problems, 4))
	if sarcasm {
		raw += 0.5
	}
	r.Frustration = 4 * (1 - fastExp(-raw*0.8))

	// urgency 0…1: the kinds, over a base of how much the message asks for help
	base := 0.12*float64(min(questions, 3)) + 0.08*float64(min(helps, 3)) + 0.05*float64(min(problems, 4)) +
		0.25*neg + 0.25*(em[Confusion]+em[Fear]+em[Nervousness]) + 0.1*em[Curiosity] -
		0.15*(em[Gratitude]+em[Admiration]+em[Joy])
	// a question, confusion, no praise and more words each add to the need for help
	anyQ := 0.0
	if questions > 0 {
		anyQ = 1
	}
	base = 0.3*base + 0.8*anyQ + 0.2*confused - 0.3*r.Polarity[0] + 0.04*log1pLen(len(text))
	// a smooth squash, not a clamp: messages keep their order even at the ends
	base = 0.6 / (1 + expAny(1.5-5*base))
	keep := 1 - base
	for k := 0; k < NumKinds; k++ {
		if kindW[k] > 0 {
			keep *= 1 - kindShare*float64(kindW[k])
			r.UrgencyKinds |= 1 << k
			r.UrgencyLabels[k] = e.phrases[ms[kindM[k]].phrase].label
		}
	}
	// a monotone stretch (the order is unchanged) so that one clear reason reads as urgent
	u := (1 - keep) * (1 - float64(calm))
	r.Urgency = max(0, min(1, 1-pow16(1-u)))

	r.Evidence = e.evidence(sc, r, kindM, sarcasm, butAt, r.Mood != MoodNeutral && moodWords[r.Mood] > 0, evBuf)
	e.putScratch(sc)
}

// labelMoods sets each mood from its labels, 1 − Π(1 − w·p) over moodLabels, written out:
// the products in moodLabels' order from 1, each weight its float32 value (a test holds
// it to the loop over the table, bit for bit).
func labelMoods(m *[NumMoods]float64, em *[NumLabels]float64) {
	f := func(w float32, p float64) float64 { return 1 - float64(w)*p }
	m[MoodAngry] = 1 - f(1, em[Anger])*f(0.8, em[Disgust])
	m[MoodFrustrated] = 1 - f(1, em[Annoyance])*f(0.6, em[Disapproval])
	m[MoodAnxious] = 1 - f(1, em[Fear])*f(1, em[Nervousness])
	m[MoodSad] = 1 - f(1, em[Sadness])*f(1, em[Grief])*f(0.4, em[Remorse])
	m[MoodConfused] = 1 - f(1, em[Confusion])*f(0.35, em[Curiosity])
	m[MoodDisappointed] = 1 - f(1, em[Disappointment])
	m[MoodHappy] = 1 - f(1, em[Joy])*f(0.8, em[Amusement])*f(0.9, em[Excitement])*f(0.8, em[Love])*
		f(0.7, em[Admiration])*f(0.5, em[Approval])*f(0.7, em[Optimism])*f(0.9, em[Relief])*f(0.6, em[Pride])
	m[MoodGrateful] = 1 - f(1, em[Gratitude])
	m[MoodNeutral] = 1 - f(1, em[Neutral])
}

// boostMood raises a mood by w (0…1) as one more independent reason. Not inlined: analyze
// calls it a dozen times, and the copies cost more in instruction cache than the calls.
//
//go:noinline
func boostMood(moods *[NumMoods]float64, mo Mood, w float64) {
	// w clamped to 0…1 with two tests rather than min and max, which also order the
	// zeros and pass NaN along: the boost is the same (1−(−0) = 1−0, NaN stays NaN)
	if w < 0 {
		w = 0
	} else if w > 1 {
		w = 1
	}
	moods[mo] = 1 - (1-moods[mo])*(1-w)
}

// dropUnmet removes the conditional phrases (rules.txt's "urgency:deadline?" and
// "urgency:hardship?") the message does not bear out:
//
//   - a time named alone ("tonight", "this morning", "tomorrow") is a deadline only when it
//     is when something is needed: not when its sentence says what happened then ("it came
//     this morning", "I opened it this evening") or what the customer will do then ("I'll
//     see how tonight goes", "we'll try it tonight"), unless that sentence also asks for
//     something ("I need it tonight", "please can someone look at this today");
//   - a child named ("my daughter", "my baby") is a hardship only when the message also
//     names a problem or a need ("my kids can't do their homework"): a daughter's wedding or
//     a baby's sleep in a feature request is none;
//   - a duration ("for days", "for two weeks") is a problem still unresolved only when it
//     is how long something has lasted: not in a clause about what will be or is only
//     feared ("I'll be away for a couple of weeks", "I don't want parcels sitting on the
//     doorstep for days").
//
// Conditional phrases are rare, so the common message only runs the loop's test.
func (e *Engine) dropUnmet(text string, toks []token, vw []int32, ms []match) []match {
	for i := range ms {
		if e.phrases[ms[i].phrase].cond {
			return e.dropUnmetFrom(text, toks, vw, ms, i)
		}
	}
	return ms
}

// dropUnmetFrom is dropUnmet from the first conditional match, at index first.
func (e *Engine) dropUnmetFrom(text string, toks []token, vw []int32, ms []match, first int) []match {
	out := ms[:first]
	for _, m := range ms[first:] {
		p := &e.phrases[m.phrase]
		if p.cond && (p.figure == figDeadline && !e.timeNeeded(text, toks, m) || p.figure == figHardship && !e.problemNamed(toks, vw, ms) ||
			p.figure == figRepeat && e.clauseHas(toks, m, timeFuture)) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// timeNeeded reads the clause around a time named alone (match m): a word of need or help
// in it ("needs", "please", "urgent") makes the time a deadline; else a word saying it
// happened then or that the customer will act then ("came", "opened", "I'll", "we will")
// makes it none. A clause runs between marks (". , ; : ! ?") and the words that join
// clauses ("and", "but", "so", "because"): in "the formula was missing and my daughter
// has nothing to eat tonight" the "was" is the other clause's. A verb in -ed that follows
// its subject says what happened too ("that fixed it straight away", "your team sorted it
// in ten minutes"); after "be", "get" or its object it asks ("can it be fixed today?", "I'd
// like it replaced right away").
func (e *Engine) timeNeeded(text string, toks []token, m match) bool {
	from, to := e.clause(toks, m)
	when := uint8(0)
	for k := from; k < to; k++ {
		t := &toks[k]
		if !isContent(t) || k >= int(m.start) && k < int(m.end) {
			continue
		}
		w := e.timeWords[t.h]
		if w&timeNeed != 0 || t.lex >= 0 && e.lex[t.lex].class&classHelp != 0 {
			return true
		}
		if t.h == e.hw.will && k > from && (toks[k-1].h == e.hw.i || toks[k-1].h == e.hw.we) {
			w |= timePlan // "I will", "we will"
		}
		if w == 0 && k > from && e.pastVerb(text, toks, k) {
			w |= timePast
		}
		when |= w
	}
	return when&(timePast|timePlan) == 0
}

// clause is the span of tokens of the clause that holds match m (see timeNeeded).
func (e *Engine) clause(toks []token, m match) (from, to int) {
	from, to = int(m.start), int(m.end)
	for from > 0 && !e.clauseBreak(&toks[from-1]) {
		from--
	}
	for to < len(toks) && !e.clauseBreak(&toks[to]) {
		to++
	}
	return from, to
}

// clauseHas reports whether a word of the "time" kinds in mask stands in the clause of
// match m, outside the match; for timeFuture, a word of wish after a negation ("don't
// want") counts too.
func (e *Engine) clauseHas(toks []token, m match, mask uint8) bool {
	from, to := e.clause(toks, m)
	for k := from; k < to; k++ {
		t := &toks[k]
		if !isContent(t) || k >= int(m.start) && k < int(m.end) {
			continue
		}
		w := e.timeWords[t.h]
		if w&mask != 0 || mask&timeFuture != 0 && w&timeWish != 0 && k > from && e.isNegation(toks, int32(k-1)) {
			return true
		}
	}
	return false
}

// clauseBreak reports whether t ends a clause: a mark or a word that joins clauses.
func (e *Engine) clauseBreak(t *token) bool {
	if t.kind == tokPunct {
		switch t.punct {
		case '.', '!', '?', ';', ',', ':':
			return true
		}
		return false
	}
	return t.h == e.hw.and || t.h == e.hw.so || t.h == e.hw.because || t.lex >= 0 && e.lex[t.lex].class&classBut != 0
}

// problemNamed reports whether the message names a problem or a need: a word of the
// problem or help classes other than "please" (which asks politely and names nothing),
// or a complaint phrase.
func (e *Engine) problemNamed(toks []token, vw []int32, ms []match) bool {
	for _, m := range ms {
		if p := &e.phrases[m.phrase]; p.figure == figComplaint && p.weight < 0 {
			return true
		}
	}
	for _, ti := range vw {
		t := &toks[ti]
		if t.lex >= 0 && e.lex[t.lex].class&(classProblem|classHelp) != 0 && t.h != e.hw.please {
			return true
		}
	}
	return false
}

// politeFormula reads the polite formula m ("I'd really appreciate", "thanks in advance",
// "sorry to chase"): its words' valences count for nothing, as a neutral idiom's, and its
// plain mood words ("appreciate", "grateful") name no mood.
func (e *Engine) politeFormula(sc *scratch, m match, val []float32, moodWords *[NumMoods]int) {
	toks, vw := sc.toks, sc.vw
	for i, ti := range vw {
		if ti < m.start || ti >= m.end {
			continue
		}
		val[i] = 0
		t := &toks[ti]
		if t.lex >= 0 && e.lex[t.lex].mood != 0 && !(i >= 1 && e.isNegation(toks, vw[i-1])) {
			if mo := e.lex[t.lex].mood - 1; moodWords[mo] > 0 {
				moodWords[mo]--
			}
		}
	}
}

// opensLetter reports whether the greeting m opens the text as a letter's salutation: its
// first words, with a comma after them within three more words and before any sentence
// ends ("Good morning,", "Dear Wrenfield team,").
func opensLetter(toks []token, vw []int32, m match) bool {
	if m.start != vw[0] {
		return false
	}
	for k, words := int(m.end), 0; k < len(toks) && words <= 3; k++ {
		t := &toks[k]
		if t.kind == tokPunct {
			return t.punct == ','
		}
		words++
	}
	return false
}

// outsidePolite reports whether a word of thanks, and a word of praise (a positive
// valence), stand outside every polite formula of the text.
func (e *Engine) outsidePolite(sc *scratch, val []float32) (thanks, praise bool) {
	toks, vw := sc.toks, sc.vw
	for i, ti := range vw {
		inside := false
		for _, m := range sc.ms {
			if e.phrases[m.phrase].figure == figPolite && ti >= m.start && ti < m.end {
				inside = true
				break
			}
		}
		if inside {
			continue
		}
		if t := &toks[ti]; t.lex >= 0 && e.lex[t.lex].class&classThanks != 0 {
			thanks = true
		}
		if val[i] > 0 {
			praise = true
		}
	}
	return thanks, praise
}

// praiseOpens reports whether the text opens with a word of praise standing alone: a
// plain word of the happy mood with a positive valence ("Wonderful.", "Brilliant,",
// "Great!") followed by a mark, and more words after it.
func (e *Engine) praiseOpens(toks []token, vw []int32) bool {
	if len(vw) < 4 {
		return false
	}
	t := &toks[vw[0]]
	if t.lex < 0 || int(vw[0])+1 >= len(toks) {
		return false
	}
	le := &e.lex[t.lex]
	if le.mood != uint8(MoodHappy)+1 || le.valence <= 0 || t.kind != tokWord {
		return false
	}
	n := &toks[vw[0]+1]
	return n.kind == tokPunct && (n.punct == '.' || n.punct == ',' || n.punct == '!')
}

// closingThanks reports where, in vw, the text's last sentence starts when that
// sentence is a short thanks ("Thanks.", "Thank you", "Many thanks", "Thanks, Dev": at
// most three words, one of them a word of thanks, no "for") and no word of thanks comes
// before it; or −1. scored lists the entries of vw the VADER pass scores.
func (e *Engine) closingThanks(toks []token, vw, scored []int32) int {
	n := len(vw)
	from, thanks := n, false
	for k := n - 1; k >= 0 && k >= n-3; k-- {
		t := &toks[vw[k]]
		if t.h == e.hw.for_ {
			return -1
		}
		if t.lex >= 0 && e.lex[t.lex].class&classThanks != 0 {
			thanks = true
		}
		from = k
		if k > 0 && crossesSentence(toks, vw[k-1], vw[k]+1) {
			break // a sentence ends just before token k
		}
	}
	if !thanks || from == 0 || from == n-3 && !crossesSentence(toks, vw[from-1], vw[from]+1) {
		return e.thanksThenName(toks, vw, scored)
	}
	if e.thanksIn(toks, vw, scored, from) {
		return -1
	}
	return from
}

// thanksThenName is closingThanks for a closing of more than three words that is a thanks
// and a name: a last sentence of at most six words, its words up to a comma (at most
// three) holding a thanks and no "for", and at most three words after it ("Thank you, Thu
// Hà", "Many thanks, Sato Haruki"); or −1.
func (e *Engine) thanksThenName(toks []token, vw, scored []int32) int {
	n := len(vw)
	from, comma := -1, -1 // the closing's first word; the first word after its comma
	for k := n - 1; k >= 1 && k >= n-6; k-- {
		if toks[vw[k]].h == e.hw.for_ {
			return -1
		}
		if comma < 0 && commaBetween(toks, vw[k-1], vw[k]) {
			comma = k
		}
		if crossesSentence(toks, vw[k-1], vw[k]+1) {
			from = k
			break
		}
	}
	if from < 0 || comma <= from || comma-from > 3 || n-comma > 3 {
		return -1
	}
	thanks := false
	for k := from; k < comma; k++ {
		if t := &toks[vw[k]]; t.lex >= 0 && e.lex[t.lex].class&classThanks != 0 {
			thanks = true
		}
	}
	if !thanks || e.thanksIn(toks, vw, scored, from) {
		return -1
	}
	return from
}

// commaBetween reports whether a comma stands between tokens a and b (a < b).
func commaBetween(toks []token, a, b int32) bool {
	for k := a + 1; k < b; k++ {
		if toks[k].kind == tokPunct && toks[k].punct == ',' {
			return true
		}
	}
	return false
}

// thanksIn reports whether a word of thanks is among the first n entries of vw. Every
// word of thanks has a valence, so only the scored entries (scored, in vw order) are read.
func (e *Engine) thanksIn(toks []token, vw, scored []int32, n int) bool {
	for _, i := range scored {
		if int(i) >= n {
			break
		}
		if e.lex[toks[vw[i]].lex].class&classThanks != 0 {
			return true
		}
	}
	return false
}

// thanksBeside reports whether a word of thanks stands outside the match m (scored lists
// the entries of vw the VADER pass scores; every word of thanks is among them).
func (e *Engine) thanksBeside(toks []token, vw, scored []int32, m match) bool {
	for _, i := range scored {
		if ti := vw[i]; (ti < m.start || ti >= m.end) && e.lex[toks[ti].lex].class&classThanks != 0 {
			return true
		}
	}
	return false
}

// complainsAfterBut reports whether a complaint phrase or an urgency kind's phrase (of a
// weight above 0) starts after token but.
func (e *Engine) complainsAfterBut(ms []match, but int32) bool {
	for _, m := range ms {
		if p := &e.phrases[m.phrase]; m.start > but && p.weight > 0 && (p.figure < NumKinds || p.figure == figComplaint) {
			return true
		}
	}
	return false
}

// complainsAfter reports whether a message with a possible sarcasm marker also complains.
func (e *Engine) complainsAfter(ms []match, val []float32, vw []int32, toks []token, problems int) bool {
	return problems >= 1 && len(vw) > 0
}

// flipPraise turns the praise inside a sarcasm marker into mild blame (scored lists the
// entries of vw that have a valence).
func (e *Engine) flipPraise(vw, scored []int32, val []float32, why []uint8, m match) {
	for _, i := range scored {
		if ti := vw[i]; ti >= m.start && ti < m.end && val[i] > 0 {
			val[i] *= sarcasmFlip
			why[i] |= whySarcasm
		}
	}
}

// whyOf says, for evidence, which sentiment rules touched scored token i (an index into
// sc.vw): sc.why[i] holds the sarcasm mark; butAt is the index in vw of the first "but", or
// −1. It takes the scratch rather than its four slices: evidence's calls passed fifteen
// words, most of them reloaded from its frame.
func (e *Engine) whyOf(sc *scratch, i, butAt int) uint8 {
	toks, vw := sc.toks, sc.vw
	val, why := sc.val[:len(vw)], sc.why[:len(vw)] // (their lengths trail vw's: evidence's slices)
	w := why[i]
	t := &toks[vw[i]]
	if t.flags&flagCaps != 0 {
		w |= whyCaps
	}
	v := val[i]
	if w&whySarcasm != 0 {
		v = -v // the sign before the flip
	}
	if (e.lex[t.lex].valence > 0) != (v > 0) {
		w |= whyNegated
	}
	for k := 1; k <= 3 && i-k >= 0; k++ {
		pt := &toks[vw[i-k]]
		if pt.lex >= 0 && e.lex[pt.lex].class&(classBoostUp|classBoostDown) != 0 {
			w |= whyBoosted
		}
	}
	if butAt >= 0 && i != butAt {
		w |= whyBut
	}
	return w
}

func onlyPunct(toks []token) bool {
	for i := range toks {
		if toks[i].kind != tokPunct {
			return false
		}
	}
	return true
}

func (e *Engine) isNegation(toks []token, ti int32) bool {
	t := &toks[ti]
	return t.lex >= 0 && e.lex[t.lex].class&classNegation != 0
}

// fastExp is e^x for x ≤ 0 (softmax inputs after the max is taken off), to about 1e-10
// relative error: x = (64k+j)·ln2/64 + r with |r| ≤ ln2/128, so e^x is 2^k (built from its
// bits) times 2^(j/64) (a table) times a degree-4 polynomial in r.
func fastExp(x float64) float64 {
	if !(x > -700) { // also NaN
		return 0
	}
	const (
		n      = 64
		invLn2 = n / 0.6931471805599453
		ln2hi  = 0.6931471805599453 / n
	)
	m := int64(x*invLn2 - 0.5) // round to nearest: x ≤ 0, and the conversion truncates
	r := x - float64(m)*ln2hi
	k, j := m>>6, m&(n-1) // floor division: m = 64k + j with 0 ≤ j < 64
	p := 1 + r*(1+r*(1.0/2+r*(1.0/6+r*(1.0/24))))
	return p * exp2Table[j] * math.Float64frombits(uint64(k+1023)<<52)
}

// exp2Table holds 2^(j/64).
var exp2Table = func() (t [64]float64) {
	for j := range t {
		t[j] = math.Exp2(float64(j) / 64)
	}
	return t
}()

// expAny is e^x for any x, from fastExp.
func expAny(x float64) float64 {
	if x > 0 {
		if x > 700 {
			return math.Inf(1)
		}
		return 1 / fastExp(-x)
	}
	return fastExp(x)
}

// fastLog is the natural logarithm of a positive, finite, normal x, to about 1e-12
// relative error (math.Log's assembly is slow here): x = m·2^k with √½ ≤ m < √2, and
// log m = 2·atanh(s), s = (m−1)/(m+1), from its series to s^13 (|s| ≤ 0.172). Anything
// else goes to math.Log.
func fastLog(x float64) float64 {
	if !(x >= 0x1p-1022 && x <= math.MaxFloat64) {
		return math.Log(x)
	}
	b := math.Float64bits(x)
	k := int64(b>>52) - 1023
	m := math.Float64frombits(b&(1<<52-1) | 1023<<52) // 1 ≤ m < 2
	if m > math.Sqrt2 {
		m *= 0.5
		k++
	}
	s := (m - 1) / (m + 1)
	s2 := s * s
	p := 2 + s2*(2.0/3+s2*(2.0/5+s2*(2.0/7+s2*(2.0/9+s2*(2.0/11+s2*(2.0/13))))))
	return float64(k)*math.Ln2 + s*p
}

// pow16 is x^1.6 for 0 ≤ x ≤ 1.
func pow16(x float64) float64 {
	if !(x > 0) {
		return 0
	}
	return fastExp(1.6 * fastLog(min(x, 1)))
}

// moodWordShare is how much 1, 2 or 3 plain mood words lift their mood: 1 − 0.5^n.
var moodWordShare = [4]float64{0, 0.5, 0.75, 0.875}

// log1pLen is log(1+n), from a table for the usual lengths.
func log1pLen(n int) float64 {
	if n < len(log1pLens) {
		return log1pLens[n]
	}
	return math.Log1p(float64(n))
}

var log1pLens = func() (t [1024]float64) {
	for n := range t {
		t[n] = math.Log1p(float64(n))
	}
	return t
}()

// kindShare is how far one urgency kind moves the score toward 1 (checked on the MOOC dev set:
// a question and confusion matter there as much as a named kind).
const kindShare = 0.6

// lengthScale is n^lengthPower, from a table for the usual lengths.
func lengthScale(n int) float64 {
	if n < len(lengthScales) {
		return lengthScales[n]
	}
	return math.Pow(float64(n), lengthPower)
}

var lengthScales = func() (t [256]float64) {
	for n := range t {
		t[n] = math.Pow(float64(max(n, 1)), lengthPower)
	}
	return t
}()

// timeAtStake says a message sets a near deadline beside a problem (a complaint, a word of
// trouble, or one that persists: "tracking hasn't moved"), and neither threatens
// nor says it has asked before (contacted): what is at stake is the time.
func timeAtStake(kindW [NumKinds]float32, complaint float64, problems int, contacted bool) bool {
	return kindW[KindDeadline] >= 0.4 && (complaint < 0 || problems > 0 || kindW[KindRepeat] > 0) && kindW[KindThreat] < 0.3 && !contacted
}

// lonePraise returns the index into vw of a word of high praise (wordHashes.praise) that,
// said flat, is the only word of its sentence (after "oh" or "just"), or of a clause that
// "another" or "now" follows, in a message whose other sentences complain, or −1.
// (praiseOpens reads the looser form that opens a complaint: any glad word, then ".", ","
// or "!".)
func (e *Engine) lonePraise(toks []token, vw, scored []int32, val []float32, ms []match) int {
	for _, i32 := range scored {
		i := int(i32)
		ti := int(vw[i])
		if val[i] <= 0 || !slices.Contains(e.hw.praise[:], toks[ti].h) {
			continue
		}
		s0 := ti
		for s0 > 0 && !sentenceMark(&toks[s0-1]) {
			s0--
		}
		s1 := ti + 1
		if s1+1 < len(toks) && toks[s1].kind == tokPunct && toks[s1].punct == ',' && (toks[s1+1].h == e.hw.another || toks[s1+1].h == e.hw.now) {
			// "Great, another outage.", "Perfect, now it won't start": the praise is its own clause
		} else {
			for s1 < len(toks) && !sentenceMark(&toks[s1]) {
				s1++
			}
		}
		// said flat: a full stop (or the end); "Yay!" and "Sweet!" are glad more often
		alone := (s0 > 0 || s1 < len(toks)) && (s1 == len(toks) || toks[s1].punct != '!' && toks[s1].punct != '?')
		for k := s0; k < s1 && alone; k++ {
			t := &toks[k]
			alone = k == ti || t.kind == tokPunct || k < ti && (t.h == e.hw.oh || t.h == e.hw.just)
		}
		if alone && e.complainsOutside(toks, vw, scored, val, ms, int32(s0), int32(s1)) {
			return i
		}
	}
	return -1
}

// sentenceMark reports a token that ends a sentence.
func sentenceMark(t *token) bool {
	if t.kind != tokPunct {
		return false
	}
	switch t.punct {
	case '.', '!', '?', ';':
		return true
	}
	return false
}

// complainsOutside reports a complaint outside tokens [s0, s1): a complaint phrase or
// idiom, a word scoring below −0.5, or a word of trouble ("broken", "outage"; not
// "please", "help", a negation, "refund" or "confused", which ask or tell rather than
// complain).
func (e *Engine) complainsOutside(toks []token, vw, scored []int32, val []float32, ms []match, s0, s1 int32) bool {
	outside := func(k int32) bool { return k < s0 || k >= s1 }
	for _, m := range ms {
		p := &e.phrases[m.phrase]
		if outside(m.start) && (p.figure == figComplaint || p.figure == figTone && p.weight < 0 && !m.negated) {
			return true
		}
	}
	for _, j := range scored {
		if outside(vw[j]) && val[j] < -0.5 {
			return true
		}
	}
	hw := &e.hw
	for _, k := range vw {
		t := &toks[k]
		if !outside(k) || t.lex < 0 {
			continue
		}
		c := e.lex[t.lex].class
		if c&classProblem != 0 && c&(classHelp|classNegation) == 0 && t.h != hw.refund && t.h != hw.confused && t.h != hw.unclear {
			return true
		}
	}
	return false
}

// saysNeed reports "I need" or "we need" a thing, said, not asked ("Do I need to be home?")
// and not an errand ("I need to change my delivery"): with a
// near deadline ("I fly on the 3rd. I need it back this week.") the time is at stake even
// with nothing gone wrong.
func (e *Engine) saysNeed(toks []token, vw []int32) bool {
	hw := &e.hw
	for j := 1; j < len(vw); j++ {
		if h := toks[vw[j]].h; h != hw.need && h != hw.needed {
			continue
		}
		if p := toks[vw[j-1]].h; p != hw.i && p != hw.we || j+1 < len(vw) && toks[vw[j+1]].h == hw.to {
			continue // not "I need to change my delivery": a thing needed, not an errand
		}
		if j >= 2 && !crossesSentence(toks, vw[j-2], vw[j-1]) {
			if q := toks[vw[j-2]].lex; q >= 0 && e.lex[q].class&classQuestion != 0 {
				continue // "do I need…", "will we need…"
			}
		}
		return true
	}
	return false
}

// possessive reports a phrase followed by a possessive apostrophe ("my kids' tablet", "my
// son's laptop"), unless it names a baby, whose broken monitor or formula is a fear for
// them ("my baby's monitor keeps dropping").
func possessive(text string, toks []token, m match) bool {
	start, end := int(toks[m.start].start), int(toks[m.end-1].end)
	if w := strings.ToLower(text[start:end]); strings.Contains(w, "baby") || strings.Contains(w, "newborn") || strings.Contains(w, "toddler") {
		return false
	}
	rest := text[end:]
	return strings.HasPrefix(rest, "'") || strings.HasPrefix(rest, "\u2019")
}

// pastVerb reports a word of five letters or more in -ed after a word that is no form of
// "be" or "get" and no object pronoun: "that fixed it", "the team sorted my bill".
func (e *Engine) pastVerb(text string, toks []token, k int) bool {
	t := &toks[k]
	if t.kind != tokWord || t.end-t.start < 5 || !strings.HasSuffix(text[t.start:t.end], "ed") {
		return false
	}
	switch strings.ToLower(text[toks[k-1].start:toks[k-1].end]) {
	case "be", "been", "being", "is", "are", "was", "were", "get", "got", "gets", "getting", "it", "them", "this", "that's", "one":
		return false
	}
	return toks[k-1].kind == tokWord
}
