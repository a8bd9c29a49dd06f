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

// wordHashes are words the sentiment rules name.
type wordHashes struct {
	no, never, so, this, without, doubt, least, at, very, or, nor, kind, of, sort, but uint64
}

func newWordHashes() wordHashes {
	return wordHashes{
		no: hashWord("no"), never: hashWord("never"), so: hashWord("so"), this: hashWord("this"),
		without: hashWord("without"), doubt: hashWord("doubt"), least: hashWord("least"),
		at: hashWord("at"), very: hashWord("very"), or: hashWord("or"), nor: hashWord("nor"),
		kind: hashWord("kind"), of: hashWord("of"), sort: hashWord("sort"), but: hashWord("but"),
	}
}

// normalize maps a valence sum into −1…1 the way VADER's compound does.
func normalize(x float64) float64 {
	v := x / math.Sqrt(x*x+vAlpha)
	return max(-1, min(1, v))
}

// vader scores the content tokens with VADER's rules (lexicon valence, boosters,
// capitals, negation in a three-word window, "least", "but"). vw lists the content tokens
// and scored the entries of vw that have a valence and are no booster (readTokens lists
// them); val gets a valence at each of those entries (val's other entries are read
// nowhere). capDiff says some but not all words are in capitals; butAt is the index in vw
// of the first "but", or −1. It returns how many tokens score below −0.5.
func (e *Engine) vader(s string, toks []token, vw, scored []int32, val []float32, capDiff bool, butAt int) (negWords int) {
	hw := &e.hw
	word := func(k int) uint64 {
		if k < 0 || k >= len(vw) {
			return 0
		}
		return toks[vw[k]].h
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
			val[i] = 0
			continue
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
