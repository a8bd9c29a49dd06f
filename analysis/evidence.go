package analysis

// evidence gathers the words, phrases and rules behind the figures, in text order.
func (e *Engine) evidence(text string, sc *scratch, r *Result, kindM [NumKinds]int32, sarcasm bool) []Evidence {
	toks, vw, val, why := sc.toks, sc.vw, sc.val[:len(sc.vw)], sc.why[:len(sc.vw)]
	ev := sc.ev[:0]
	add := func(fig string, t0, t1 int32, rule string, w float64) {
		if len(ev) >= maxEvidence {
			return
		}
		s, en := int(toks[t0].start), int(toks[t1].end)
		ev = append(ev, Evidence{Figure: fig, Text: text[s:en], Start: s, End: en, Rule: rule, Weight: round3(w)})
	}

	// sentiment: the strongest scored words
	var picked [maxPerFigure]int
	con := sc.con[:0]
	for _, v := range val {
		con = append(con, max(v, -v))
	}
	n := topK(con, picked[:], 0.3, nil)
	for _, i := range picked[:n] {
		add("sentiment", vw[i], vw[i], whyRules[why[i]], float64(val[i]))
	}

	// urgency: every phrase, up to three per kind
	var perKind [numFigs]int
	for _, m := range sc.ms {
		p := &e.phrases[m.phrase]
		if perKind[p.figure] >= 3 {
			continue
		}
		perKind[p.figure]++
		switch {
		case p.figure < NumKinds:
			add(kindFigures[p.figure], m.start, m.end-1, p.rule, float64(p.weight))
			if p.figure == figRepeat || p.figure == figThreat {
				add("frustration", m.start, m.end-1, p.rule, float64(p.weight))
			}
		case p.figure == figCalm:
			add("urgency", m.start, m.end-1, p.rule, float64(p.weight))
		case p.figure == figComplaint:
			add("sentiment", m.start, m.end-1, p.rule, float64(p.weight))
		case sarcasm:
			add("sentiment", m.start, m.end-1, p.rule, float64(p.weight))
			add("frustration", m.start, m.end-1, p.rule, 0.5)
		}
	}

	// the dominant mood: the words the model leaned on most
	if r.Mood != MoodNeutral && len(e.model.w) > 0 {
		mood := moodLabels[r.Mood]
		lead := mood[0].label
		for _, ml := range mood {
			if r.Emotions[ml.label] > r.Emotions[lead] {
				lead = ml.label
			}
		}
		nOut := e.model.nOut
		feats := sc.feats
		con = con[:0]
		keys := sc.keys[:0]
		for i := range feats {
			f := &feats[i]
			c := float32(0)
			if f.uni && f.row >= 0 && toks[f.tok].end-toks[f.tok].start > 1 {
				w := e.model.w[int(f.row)*nOut : int(f.row)*nOut+nOut]
				for _, ml := range mood {
					c += ml.w * w[ml.label]
				}
			}
			con = append(con, c)
			keys = append(keys, f.tok)
		}
		sc.keys = keys
		var top [3]int
		k := topK(con, top[:], 0.4, keys)
		for _, i := range top[:k] {
			add(moodFigures[r.Mood], feats[i].tok, feats[i].tok, labelRules[lead], float64(con[i]))
		}
	}

	// frustration and cues
	var firstCue [NumCues]bool
	cueAt := func(c Cue, ti int32, rule string, w float64) {
		if !firstCue[c] {
			firstCue[c] = true
			add(cueFigures[c], ti, ti, rule, w)
		}
	}
	frus := 0
	for i := range toks {
		t := &toks[i]
		switch {
		case t.kind == tokPunct && t.n >= 2 && (t.punct == '!' || t.punct == '?'):
			if r.Cues.Has(CuePunctuation) {
				cueAt(CuePunctuation, int32(i), "repeated punctuation", 1)
			}
			if frus < 3 {
				frus++
				add("frustration", int32(i), int32(i), "repeated punctuation", 0.25)
			}
		case t.kind == tokEmoji || t.kind == tokEmoticon:
			cueAt(CueEmoji, int32(i), "emoji", 1)
		case t.kind == tokWord && t.flags&flagCaps != 0 && r.Cues.Has(CueCaps) && t.end-t.start >= 3:
			cueAt(CueCaps, int32(i), "capitals", 1)
			if frus < 3 {
				frus++
				add("frustration", int32(i), int32(i), "capitals", 0.3)
			}
		}
		if t.kind == tokWord && t.lex >= 0 && e.lex[t.lex].class&classProfanity != 0 {
			cueAt(CueProfanity, int32(i), "profanity", 1)
			if frus < 4 {
				frus++
				add("frustration", int32(i), int32(i), "profanity", 0.35)
			}
		}
	}
	if len(vw) > 0 && r.Cues.Has(CueVeryShort) {
		add(cueFigures[CueVeryShort], vw[0], vw[len(vw)-1], "three words or fewer", 1)
	}
	if r.Cues.Has(CueVeryLong) && len(ev) < maxEvidence {
		ev = append(ev, Evidence{Figure: cueFigures[CueVeryLong], Rule: "more than 150 words", Weight: 1})
	}
	if r.Frustration >= 1 {
		// the most negative word, when one drove the frustration
		con = con[:0]
		for _, v := range val {
			con = append(con, -v)
		}
		n := topK(con, picked[:1], 1, nil)
		if n == 1 {
			i := picked[0]
			add("frustration", vw[i], vw[i], whyRules[why[i]], float64(val[i]))
		}
	}

	sc.con = con
	// text order, spanless rules last
	for i := 1; i < len(ev); i++ {
		for j := i; j > 0 && less(&ev[j], &ev[j-1]); j-- {
			ev[j], ev[j-1] = ev[j-1], ev[j]
		}
	}
	sc.ev = ev
	if len(ev) == 0 {
		return nil
	}
	out := make([]Evidence, len(ev))
	copy(out, ev)
	return out
}

func less(a, b *Evidence) bool {
	as, bs := a.Start, b.Start
	if a.End == 0 {
		as = 1 << 62
	}
	if b.End == 0 {
		bs = 1 << 62
	}
	if as != bs {
		return as < bs
	}
	if a.End != b.End {
		return a.End < b.End
	}
	return a.Figure < b.Figure
}

func round3(x float64) float64 {
	if x < 0 {
		return -float64(int64(-x*1000+0.5)) / 1000
	}
	return float64(int64(x*1000+0.5)) / 1000
}

// topK writes into out the indexes of the up to len(out) largest scores ≥ floor, best
// first; with key non-nil, no two picks share a key (such as the same token).
func topK(score []float32, out []int, floor float32, key []int32) int {
	k := 0
	for k < len(out) {
		best, bestS := -1, floor
	next:
		for i, s := range score {
			if s < bestS || s == bestS && best >= 0 {
				continue
			}
			for _, p := range out[:k] {
				if p == i || key != nil && key[p] == key[i] {
					continue next
				}
			}
			best, bestS = i, s
		}
		if best < 0 {
			break
		}
		out[k] = best
		k++
	}
	return k
}
