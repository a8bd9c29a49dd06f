package analysis

import (
	"math"
	"math/bits"
)

// tagKeys are the precomputed keys of the model's non-word features.
type tagKeys struct {
	bos, neg, prefix, negPrefix     uint64
	excl, excl2, ques, ques2, caps  uint64
	emoji, profanity, thanks, quest uint64
	vpos, vneg                      [4]uint64
	empath                          [len(empathCats)]uint64
	length                          [8]uint64
}

func newTagKeys() tagKeys {
	t := tagKeys{
		bos: tagHash("<s>"), neg: tagHash("<not>"), prefix: tagHash("<prefix>"), negPrefix: tagHash("<not-prefix>"),
		excl: tagHash("!"), excl2: tagHash("!!"), ques: tagHash("?"), ques2: tagHash("??"),
		caps: tagHash("<caps>"), emoji: tagHash("<emoji>"), profanity: tagHash("<profanity>"),
		thanks: tagHash("<thanks>"), quest: tagHash("<question-word>"),
	}
	for i := range t.vpos {
		t.vpos[i] = tagHash("<v+" + string(rune('0'+i)) + ">")
		t.vneg[i] = tagHash("<v-" + string(rune('0'+i)) + ">")
	}
	for i, c := range empathCats {
		t.empath[i] = tagHash("<empath:" + c + ">")
	}
	for i := range t.length {
		t.length[i] = tagHash("<len:" + string(rune('0'+i)) + ">")
	}
	return t
}

// feat is one model feature of a text: its key, the word entry when it is a plain word
// (so its row needs no second lookup), and the token that produced it.
type feat struct {
	key uint64
	lex int32 // ≥ 0: a plain word whose row is lex[lex].row; −1: look key up
	tok int32 // token index, −1 for whole-text features
	uni bool
}

// featureKeys lists the model features of a tokenised text: words (marked when in the
// scope of a negation), bigrams, punctuation, capitals, emoji, lexicon valence buckets,
// Empath categories and a length bucket. Training and Analyze share this one function.
func (e *Engine) featureKeys(text string, toks []token, out []feat) []feat {
	tg := &e.tags
	prev := tg.bos
	scope := 0
	content := 0
	for i := range toks {
		t := &toks[i]
		if t.kind == tokPunct {
			scope = 0
			switch t.punct {
			case '!':
				out = append(out, feat{key: tg.excl, lex: -1, tok: int32(i)})
				if t.n >= 2 {
					out = append(out, feat{key: tg.excl2, lex: -1, tok: int32(i)})
				}
				prev = tg.bos
			case '?':
				out = append(out, feat{key: tg.ques, lex: -1, tok: int32(i)})
				if t.n >= 2 {
					out = append(out, feat{key: tg.ques2, lex: -1, tok: int32(i)})
				}
				prev = tg.bos
			case '.', ';':
				prev = tg.bos
			}
			continue
		}
		content++
		var le *lexEntry
		if t.lex >= 0 {
			le = &e.lex[t.lex]
		}
		negated := scope > 0
		if negated {
			out = append(out, feat{key: pairHash(t.h, tg.neg), lex: -1, tok: int32(i)})
			scope--
		} else {
			out = append(out, feat{key: t.h, lex: t.lex, tok: int32(i), uni: true})
		}
		out = append(out, feat{key: pairHash(prev, t.h), lex: -1, tok: int32(i)})
		prev = t.h
		if t.kind == tokWord && t.end-t.start >= prefixLen+2 {
			// the word's first letters: one row shared by its forms and misspellings
			if ph, ok := prefixHash(text[t.start : t.start+prefixLen]); ok {
				tag := tg.prefix
				if negated {
					tag = tg.negPrefix
				}
				out = append(out, feat{key: pairHash(ph, tag), lex: -1, tok: int32(i)})
			}
		}
		if t.flags&flagCaps != 0 {
			out = append(out, feat{key: tg.caps, lex: -1, tok: int32(i)})
		}
		if t.kind == tokEmoji || t.kind == tokEmoticon {
			out = append(out, feat{key: tg.emoji, lex: -1, tok: int32(i)})
		}
		if le == nil {
			continue
		}
		c := le.class
		if c&classValence != 0 && le.valence != 0 {
			v := le.valence
			if negated {
				v = -v
			}
			b := min(int(math.Abs(float64(v))+0.5), 3)
			if v > 0 {
				out = append(out, feat{key: tg.vpos[b], lex: -1, tok: int32(i)})
			} else {
				out = append(out, feat{key: tg.vneg[b], lex: -1, tok: int32(i)})
			}
		}
		if c&classProfanity != 0 {
			out = append(out, feat{key: tg.profanity, lex: -1, tok: int32(i)})
		}
		if c&classThanks != 0 {
			out = append(out, feat{key: tg.thanks, lex: -1, tok: int32(i)})
		}
		if c&classQuestion != 0 && content == 1 {
			out = append(out, feat{key: tg.quest, lex: -1, tok: int32(i)})
		}
		for m := le.empath; m != 0; m &= m - 1 {
			out = append(out, feat{key: tg.empath[bits.TrailingZeros64(m)], lex: -1, tok: int32(i)})
		}
		if c&classNegation != 0 {
			scope = 3
		}
		if c&classBut != 0 {
			scope = 0
		}
	}
	lb := 0
	for n := content; n > 1 && lb < len(tg.length)-1; n >>= 1 {
		lb++
	}
	out = append(out, feat{key: tg.length[lb], lex: -1, tok: -1})
	return out
}

// TrainingFeature is one model feature of a text, for the training command.
type TrainingFeature struct {
	Key     uint64
	Unigram bool // a plain word; its key is the word's hash
	// For a plain word written in ASCII (the same letters, lowercased, whatever their
	// case): PrefixKnown, and Prefix, the hash of the word's prefix feature (before its
	// negated or plain tag), 0 when the word has none. The weight file keeps it per word so
	// Analyze need not hash the prefix of a word it knows.
	PrefixKnown bool
	Prefix      uint64
}

// TrainingFeatures appends the model features of text to dst: exactly the features Analyze
// feeds the model. It exists for the training command (analysis/train).
func (e *Engine) TrainingFeatures(text string, dst []TrainingFeature) []TrainingFeature {
	sc := e.getScratch()
	defer e.putScratch(sc)
	sc.toks = e.tokenize(text, sc.toks)
	sc.feats = e.featureKeys(text, sc.toks, sc.feats[:0])
	for _, f := range sc.feats {
		tf := TrainingFeature{Key: f.key, Unigram: f.uni}
		if f.uni && f.tok >= 0 {
			tf.PrefixKnown, tf.Prefix = tokenPrefix(text, &sc.toks[f.tok])
		}
		dst = append(dst, tf)
	}
	return dst
}

// scores runs the linear model over the text's feature rows (n features in all) into z,
// then the stacked layer when the model has one; lin keeps the sentiment-4 head's linear
// scores (before the stacked layer), which the sentiment figure reads.
func (e *Engine) scores(rows []int32, n int, z *[maxOutputs]float32, lin *[NumPolarity]float32) {
	m := &e.model
	scale := float32(1)
	if m.scaleMode == scaleSqrtN && n > 0 {
		scale = float32(1 / math.Sqrt(float64(n)))
	}
	if !scoreRows(z, m, rows, scale) {
		var acc [maxOutputs]float32
		sumRows(acc[:m.stride], m.w, rows)
		for o := 0; o < m.nOut; o++ {
			z[o] = acc[o]*scale + m.bias[o]
		}
	}
	if m.polOut >= 0 {
		copy(lin[:], z[m.polOut:m.polOut+NumPolarity])
	}
	if m.stack != nil {
		m.stack.apply(z, m.nOut)
	}
}

// sumRowsGo adds the rows of w (half precision) that start at the given offsets into acc,
// eight columns at a time with the sums held in registers; len(acc) is a multiple of 8.
// Each column adds its rows in order, as the assembly kernel does, so both give the same
// bits (a half converts to float32 exactly).
func sumRowsGo(acc []float32, w []uint16, rows []int32) {
	tab := halfTable()
	for o := 0; o+8 <= len(acc); o += 8 {
		a0, a1, a2, a3, a4, a5, a6, a7 := acc[o], acc[o+1], acc[o+2], acc[o+3], acc[o+4], acc[o+5], acc[o+6], acc[o+7]
		for _, r := range rows {
			x := w[int(r)+o : int(r)+o+8 : int(r)+o+8]
			a0 += tab[x[0]]
			a1 += tab[x[1]]
			a2 += tab[x[2]]
			a3 += tab[x[3]]
			a4 += tab[x[4]]
			a5 += tab[x[5]]
			a6 += tab[x[6]]
			a7 += tab[x[7]]
		}
		acc[o], acc[o+1], acc[o+2], acc[o+3], acc[o+4], acc[o+5], acc[o+6], acc[o+7] = a0, a1, a2, a3, a4, a5, a6, a7
	}
}

// Model describes the weights: outputs, features and how they were trained.
func (e *Engine) Model() (outputs []string, features int, note string) {
	return append([]string(nil), e.model.outputs...), len(e.model.keys), e.model.note
}

// prefixLen is how many letters the prefix feature keeps ("disappoint…" → "disa"): of 3,
// 4, 5 and 6 (and pairs of them), 4 did as well as any on GoEmotions dev.
const prefixLen = 4

// prefixHash hashes the lowercased ASCII letters of p; ok is false when p holds anything else.
func prefixHash(p string) (uint64, bool) {
	h := uint64(fnvOffset)
	for i := 0; i < len(p); i++ {
		c := p[i] | 0x20
		if c < 'a' || c > 'z' {
			return 0, false
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return mix(h), true
}

// tokenPrefix says whether a token's prefix feature follows from its hash (a word in plain
// ASCII, or any token that is not a word, which has none) and, if so, the prefix hash (0:
// none): the same test readTokens makes.
func tokenPrefix(text string, t *token) (known bool, ph uint64) {
	if t.kind != tokWord {
		return true, 0
	}
	if t.flags&flagASCII == 0 {
		return false, 0
	}
	if t.end-t.start >= prefixLen+2 {
		if h, ok := prefixHash(text[t.start : t.start+prefixLen]); ok {
			return true, h
		}
	}
	return true, 0
}
