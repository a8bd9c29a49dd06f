package analysis

import "math"

// VADER's constants (Hutto & Gilbert 2014; MIT licence).
const (
	vBoost   = 0.293 // a booster word's increment
	vCaps    = 0.733 // a word in capitals among words that are not
	vNegate  = -0.74 // a negation's scalar
	vAlpha   = 15    // normalisation of the sum into −1…1
	vExclaim = 0.292 // per '!', at most four
)

// Attune's additions to VADER's rules.
const (
	// vCounterfactual: a word after "would have", "could've been", "supposed to be" turns
	// over, more gently than after a negation ("could have been great", "could have been
	// worse")
	vCounterfactual = -0.5
	concession      = 0.5 // a conceding clause ("although …") counts half
)

// wordHashes are words the sentiment rules name.
type wordHashes struct {
	no, never, so, this, without, doubt, least, at, very, or, nor, kind, of, sort, but    uint64
	like, have, would, could, should, might, wouldve, couldve, shouldve, supposed, to, be uint64
	for_, i, we, will, please, and, because                                               uint64
	oh, just, refund, confused, unclear, another, now, need, needed                       uint64
	// praise: the words of praise that, said flat and alone, turn sarcastic ("Great.",
	// "Brilliant."); laughter and surprise ("lol", "wow", "yay") do not
	praise [14]uint64
}

func newWordHashes() wordHashes {
	h := wordHashes{
		no: hashWord("no"), never: hashWord("never"), so: hashWord("so"), this: hashWord("this"),
		without: hashWord("without"), doubt: hashWord("doubt"), least: hashWord("least"),
		at: hashWord("at"), very: hashWord("very"), or: hashWord("or"), nor: hashWord("nor"),
		kind: hashWord("kind"), of: hashWord("of"), sort: hashWord("sort"), but: hashWord("but"),
		like: hashWord("like"), have: hashWord("have"), would: hashWord("would"), could: hashWord("could"),
		should: hashWord("should"), might: hashWord("might"), wouldve: hashWord("would've"),
		couldve: hashWord("could've"), shouldve: hashWord("should've"), supposed: hashWord("supposed"),
		to: hashWord("to"), be: hashWord("be"), for_: hashWord("for"),
		i: hashWord("i"), we: hashWord("we"), will: hashWord("will"), please: hashWord("please"),
		and: hashWord("and"), because: hashWord("because"),
		oh: hashWord("oh"), just: hashWord("just"), refund: hashWord("refund"),
		confused: hashWord("confused"), unclear: hashWord("unclear"), another: hashWord("another"),
		now: hashWord("now"), need: hashWord("need"), needed: hashWord("needed"),
	}
	for i, w := range [len(wordHashes{}.praise)]string{"great", "perfect", "brilliant", "wonderful", "fantastic", "lovely",
		"awesome", "excellent", "marvellous", "marvelous", "splendid", "superb", "amazing", "fabulous"} {
		h.praise[i] = hashWord(w)
	}
	return h
}

// normalize maps a valence sum into −1…1 the way VADER's compound does.
func normalize(x float64) float64 {
	v := x / math.Sqrt(x*x+vAlpha)
	return max(-1, min(1, v))
}

// vader scores the content tokens with VADER's rules (lexicon valence, boosters,
// capitals, negation in a three-word window, "least", "but"). vw lists the content tokens
// and scored the entries of vw that have a valence and are no booster (readTokens lists
// them); val gets one valence per entry of vw (0 for those not scored). capDiff says some
// but not all words are in capitals; butAt is the index in vw of the first "but", or −1.
// It returns how many tokens score below −0.5.
func (e *Engine) vader(s string, toks []token, vw, scored []int32, val []float32, capDiff bool, butAt int) (negWords int) {
	clear(val) // the idioms, the clause rules and the sums read every entry
	hw := &e.hw
	word := func(k int) uint64 {
		if k < 0 || k >= len(vw) {
			return 0
		}
		return toks[vw[k]].h
	}
	hasClass := func(k int, c uint32) bool {
		t := &toks[vw[k]]
		return t.lex >= 0 && e.lex[t.lex].class&c != 0
	}
	inLex := func(k int) bool {
		t := &toks[vw[k]]
		return t.lex >= 0 && e.lex[t.lex].class&classValence != 0
	}
	negated := func(k int) bool {
		t := &toks[vw[k]]
		if t.lex >= 0 && e.lex[t.lex].class&classNegation != 0 {
			return true
		}
		// any word ending in n't
		n := t.end - t.start
		if n >= 4 && t.kind == tokWord {
			w := s[t.start:t.end]
			return w[len(w)-3:] == "n't" || len(w) >= 5 && w[len(w)-5:] == "n\u2019t"
		}
		return false
	}
	for _, i32 := range scored {
		i := int(i32)
		t := &toks[vw[i]]
		le := &e.lex[t.lex]
		if t.h == hw.kind && word(i+1) == hw.of {
			continue
		}
		if t.h == hw.like && i > 0 && !hasClass(i-1, classLikes) {
			continue // "looks like", "more like": not the verb (val[i] stays 0)
		}
		v := float64(le.valence)
		if t.h == hw.no && i+1 < len(vw) && inLex(i+1) {
			v = 0
		}
		if i > 0 && word(i-1) == hw.no || i > 1 && word(i-2) == hw.no ||
			i > 2 && word(i-3) == hw.no && (word(i-1) == hw.or || word(i-1) == hw.nor) {
			v = float64(le.valence) * vNegate
		}
		if t.flags&flagCaps != 0 && capDiff {
			if v > 0 {
				v += vCaps
			} else {
				v -= vCaps
			}
		}
		modal := false // a modal among the three words before: maybe a counterfactual
		for k := 0; k < 3; k++ {
			j := i - (k + 1)
			if j < 0 || crossesSentence(toks, vw[j], vw[i]) {
				break
			}
			if inLex(j) {
				continue
			}
			pt := &toks[vw[j]]
			if pt.lex >= 0 {
				c := e.lex[pt.lex].class
				modal = modal || c&classModal != 0
				sc := 0.0
				if c&classBoostUp != 0 {
					sc = vBoost
				} else if c&classBoostDown != 0 {
					sc = -vBoost
				}
				if sc != 0 {
					if v < 0 {
						sc = -sc
					}
					if pt.flags&flagCaps != 0 && capDiff {
						if v > 0 {
							sc += vCaps
						} else {
							sc -= vCaps
						}
					}
					if k == 1 {
						sc *= 0.95
					} else if k == 2 {
						sc *= 0.9
					}
					v += sc
				}
			}
			switch k {
			case 0:
				if negated(j) {
					v *= vNegate
				}
			case 1:
				if word(i-2) == hw.never && (word(i-1) == hw.so || word(i-1) == hw.this) {
					v *= 1.25
				} else if word(i-2) == hw.without && word(i-1) == hw.doubt {
				} else if negated(j) {
					v *= vNegate
				}
			case 2:
				if word(i-3) == hw.never && (word(i-2) == hw.so || word(i-2) == hw.this || word(i-1) == hw.so || word(i-1) == hw.this) {
					v *= 1.25
				} else if word(i-3) == hw.without && (word(i-2) == hw.doubt || word(i-1) == hw.doubt) {
				} else if negated(j) {
					v *= vNegate
				}
			}
		}
		if i > 1 && word(i-1) == hw.least && word(i-2) != hw.at && word(i-2) != hw.very && !inLex(i-1) {
			v *= vNegate
		} else if i == 1 && word(0) == hw.least {
			v *= vNegate
		}
		if modal && e.counterfactual(word, i) {
			v *= vCounterfactual // "could have been great": it was not
		}
		f := float32(v)
		if butAt >= 0 {
			if i < butAt {
				f *= 0.5
			} else if i > butAt {
				f *= 1.5
			}
		}
		val[i] = f
		if f < -0.5 {
			negWords++
		}
	}
	return negWords
}

// counterfactual reports whether the content token i follows, within three words, a
// modal perfect ("would have", "could've been") or "supposed to be": what it names did not
// happen.
func (e *Engine) counterfactual(word func(int) uint64, i int) bool {
	hw := &e.hw
	for k := 1; k <= 3 && i-k >= 0; k++ {
		w := word(i - k)
		switch w {
		case hw.wouldve, hw.couldve, hw.shouldve:
			return true
		case hw.have:
			if p := word(i - k - 1); p == hw.would || p == hw.could || p == hw.should || p == hw.might {
				return true
			}
		case hw.be:
			if word(i-k-1) == hw.to && word(i-k-2) == hw.supposed {
				return true
			}
		}
	}
	return false
}

// punctEmphasis is VADER's amplifier for the '!' and '?' across the text.
func punctEmphasis(excl, ques int) float64 {
	amp := float64(min(excl, 4)) * vExclaim
	if ques > 1 {
		if ques <= 3 {
			amp += float64(ques) * 0.18
		} else {
			amp += 0.96
		}
	}
	return amp
}

// crossesSentence reports whether a sentence ends between tokens a and b (a < b): the
// negation and booster window stays inside one sentence.
func crossesSentence(toks []token, a, b int32) bool {
	for k := a + 1; k < b; k++ {
		if toks[k].kind == tokPunct {
			switch toks[k].punct {
			case '.', '!', '?', ';':
				return true
			}
		}
	}
	return false
}

// concessions halves the valences of a conceding clause: from "although", "though",
// "while", "whereas" or "despite" to the next comma, colon, dash or sentence end ("although
// the screen is lovely, the battery dies in an hour"); the clause that holds the point
// keeps its weight. A concession that runs to the end of the text without a break is
// left alone when it opens the text (nothing else to weigh it against).
func (e *Engine) concessions(toks []token, vw []int32, val []float32, concAt int) {
	from := -1 // the open conceding clause starts here, or −1
	for i := concAt; i < len(vw); i++ {
		if i > 0 && from >= 0 {
			for k := vw[i-1] + 1; k < vw[i]; k++ {
				if toks[k].kind == tokPunct {
					switch toks[k].punct {
					case '.', '!', '?', ';', ',', ':', '-':
						for j := from; j < i; j++ {
							val[j] *= concession
						}
						from = -1
					}
					if from < 0 {
						break
					}
				}
			}
		}
		if t := &toks[vw[i]]; from < 0 && t.lex >= 0 && e.lex[t.lex].class&classConcession != 0 {
			from = i
		}
	}
	if from > 0 {
		for j := from; j < len(vw); j++ {
			val[j] *= concession
		}
	}
}

// butWeight is the weight "but" gives the content token i (butAt: the first "but", or −1):
// ×0.5 before it, ×1.5 after, as vader applies it.
func butWeight(i, butAt int) float32 {
	switch {
	case butAt < 0 || i == butAt:
		return 1
	case i < butAt:
		return 0.5
	}
	return 1.5
}
