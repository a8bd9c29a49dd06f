package analysis

import (
	"math"
	"math/bits"
)

// The fast path from tokens to model rows. featureKeys lists a text's features by key, for
// training; Analyze needs only the rows those keys name, and most of them depend on the
// word alone (its unigram, its negated form, its valence bucket, profanity, thanks and
// Empath tags), so New looks those up once per word. featureRows then walks the tokens
// with no hashing but the bigram and the prefix. TestFeatureRowsMatchKeys holds the two
// paths to the same rows and the same feature count.

// wordRows are the rows of the word-only features of one lexicon entry (kept in the
// entry, so the token pass reads one cache line per word).
type wordRows struct {
	row0       int32 // e.wrows[at] when n ≥ 1: the common case of one row, read inline
	at, negAt  int32 // e.wrows[at:at+n]: the rows when the word is not negated; [negAt:negAt+negN] when it is
	n, negN    int16
	feats      int16 // how many features the word-only part counts (known to the model or not)
	pref       uint8 // for a token in plain ASCII: prefUnknown, prefNone or prefRows
	featsP     uint8 // feats and the prefix feature, for a word in plain ASCII with pref known
	prefRow    int32 // with prefRows: the prefix feature's row offset, or −1 when the model lacks it
	negPrefRow int32 // the same for the negated prefix
}

// wordRows.pref: whether the weight file told New the word's prefix feature.
const (
	prefUnknown = iota // work it out from the token's text
	prefNone           // the word has no prefix feature (too short, or not four letters)
	prefRows           // prefRow and negPrefRow hold it
)

// tagRows are the row offsets (row × stride, or −1) of the text-level tags.
type tagRows struct {
	excl, excl2, ques, ques2, caps, emoji, quest int32
	length                                       [8]int32
}

// rowOf is the row offset of a non-word feature key, or −1.
func (e *Engine) rowOf(key uint64) int32 { return e.model.feat.get(key) }

// buildRows fills each entry's wr, e.wrows and e.trows from the model; keyOf gives each lexicon
// entry's word hash.
func (e *Engine) buildRows(keyOf []uint64) {
	tg := &e.tags
	e.trows = tagRows{
		excl: e.rowOf(tg.excl), excl2: e.rowOf(tg.excl2), ques: e.rowOf(tg.ques), ques2: e.rowOf(tg.ques2),
		caps: e.rowOf(tg.caps), emoji: e.rowOf(tg.emoji), quest: e.rowOf(tg.quest),
	}
	for i := range e.trows.length {
		e.trows.length[i] = e.rowOf(tg.length[i])
	}
	stride := int32(e.model.stride)
	for li := range e.lex {
		le := &e.lex[li]
		w := &le.wr
		negRow := e.rowOf(pairHash(keyOf[li], tg.neg))
		if le.row >= 0 && e.model.prefix != nil {
			switch p := e.model.prefix[le.row]; p {
			case 0:
			case prefixNoneKey:
				w.pref, w.prefRow, w.negPrefRow = prefNone, -1, -1
			default:
				w.pref, w.prefRow, w.negPrefRow = prefRows, e.rowOf(pairHash(p, tg.prefix)), e.rowOf(pairHash(p, tg.negPrefix))
			}
		}
		for neg := 0; neg < 2; neg++ {
			start := int32(len(e.wrows))
			add := func(r int32) {
				if r >= 0 {
					e.wrows = append(e.wrows, r)
				}
			}
			count := int32(1) // the unigram (or its negated form)
			if neg == 0 {
				if le.row >= 0 {
					add(le.row * stride)
				}
			} else {
				add(negRow)
			}
			c := le.class
			if c&classValence != 0 && le.valence != 0 {
				v := le.valence
				if neg == 1 {
					v = -v
				}
				b := min(int(math.Abs(float64(v))+0.5), 3)
				if v > 0 {
					add(e.rowOf(tg.vpos[b]))
				} else {
					add(e.rowOf(tg.vneg[b]))
				}
				count++
			}
			if c&classProfanity != 0 {
				add(e.rowOf(tg.profanity))
				count++
			}
			if c&classThanks != 0 {
				add(e.rowOf(tg.thanks))
				count++
			}
			for m := le.empath; m != 0; m &= m - 1 {
				add(e.rowOf(tg.empath[bits.TrailingZeros64(m)]))
				count++
			}
			if neg == 0 {
				w.at, w.n = start, int16(int32(len(e.wrows))-start)
				if w.n > 0 {
					w.row0 = e.wrows[start]
				}
			} else {
				w.negAt, w.negN = start, int16(int32(len(e.wrows))-start)
			}
			w.feats = int16(count)
		}
		w.featsP = uint8(w.feats)
		if w.pref == prefRows {
			w.featsP++
		}
		e.maxTokRows = max(e.maxTokRows, int(w.n)+6, int(w.negN)+6) // the word's rows, bigram, prefix, caps, emoji, question word
	}
}

// tokenStats is what the rules count while the tokens are read.
type tokenStats struct {
	problems, helps, questions, profane, capsWords, capsAny, wordCount int
	exclRuns, quesRuns, exclMarks, quesMarks                           int
	butAt                                                              int // index in vw of the first "but", or −1
	concAt                                                             int // index in vw of the first word opening a concession ("although"), or −1
	emoji                                                              bool
	moodWords                                                          [NumMoods]int

	// readTokens's working state for its rarer lists: the lists (sized up front) and
	// their counts, and the content tokens that are not words
	cand, moodCand, scored []int32
	nc, nm, ns, nonWords   int
}

// featureRows appends the row offsets of the text's features to rows and returns how many
// features the text has (known or not): the same features, in a different order, as
// featureKeys. It marks the tokens read in the scope of a negation (flagNegated).
func (e *Engine) featureRows(text string, toks []token, rows []int32) ([]int32, int) {
	var st tokenStats
	sc := &scratch{toks: toks, rows: rows}
	n := e.readTokens(text, sc, &st)
	return sc.rows, n
}

// readTokensGo is Analyze's one pass over sc.toks: it lists the content tokens' indexes in
// sc.vw, the model's rows in sc.rows (see featureRows), the tokens that may start a phrase
// in sc.cand, the mood-evidence candidates in sc.moodCand and the tokens the VADER pass
// scores in sc.scored (indexes into vw), counts what the rules read into st, and returns
// the number of model features. readTokens is this pass, its loop in assembly on amd64
// (readtok_amd64.s; a test holds the two to the same outputs).
func (e *Engine) readTokensGo(text string, sc *scratch, st *tokenStats) int {
	toks := sc.toks
	// the outputs are written by index into buffers sized up front (the lists hold at most
	// one entry per token; rows at most e.maxTokRows per token, made room for a chunk of
	// tokens at a time), and the inner loop calls nothing. What every token needs stays in
	// registers; the rarer lists and counts go through st.
	if cap(sc.vw) < len(toks) {
		n := len(toks) + len(toks)/2
		sc.vw, sc.cand, sc.moodCand, sc.scored = make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n)
	}
	vw := sc.vw[:len(toks)]
	st.cand, st.moodCand, st.scored = sc.cand[:len(toks)], sc.moodCand[:len(toks)], sc.scored[:len(toks)]
	nv := 0
	rows := sc.rows[:cap(sc.rows)]
	nr := 0
	tg := &e.tags
	tr := &e.trows
	n := 0
	prev := tg.bos
	scope := 0
	st.butAt = -1
	st.concAt = -1
	const chunk = 256 // tokens per check of the rows buffer's room
	for c0 := 0; c0 < len(toks); c0 += chunk {
		c1 := min(c0+chunk, len(toks))
		// room for the chunk's rows, and the length row after the loop
		if need := nr + (c1-c0)*e.maxTokRows + 1; need > len(rows) {
			rows = growRows(rows, nr, need)
		}
		for i := c0; i < c1; i++ {
			t := &toks[i]
			if t.kind == tokPunct {
				scope = 0
				switch t.punct {
				case '!':
					st.exclMarks += int(t.n)
					nr = putRow(rows, nr, tr.excl)
					n++
					if t.n >= 2 {
						st.exclRuns++
						nr = putRow(rows, nr, tr.excl2)
						n++
					}
					prev = tg.bos
				case '?':
					st.questions++
					st.quesMarks += int(t.n)
					nr = putRow(rows, nr, tr.ques)
					n++
					if t.n >= 2 {
						st.quesRuns++
						nr = putRow(rows, nr, tr.ques2)
						n++
					}
					prev = tg.bos
				case '.', ';':
					prev = tg.bos
				}
				continue
			}
			vw[nv] = int32(i)
			nv++
			negated := scope > 0
			le := &e.noEntry // a word the lexicon lacks: no feature of its own beyond the one counted below, no class
			if t.lex >= 0 {
				le = &e.lex[t.lex]
				w := &le.wr
				if negated {
					for _, r := range e.wrows[w.negAt : w.negAt+int32(w.negN)] {
						rows[nr] = r
						nr++
					}
					t.flags |= flagNegated
					scope--
				} else if w.n == 1 { // the common case: the unigram alone
					rows[nr] = w.row0
					nr++
				} else {
					for _, r := range e.wrows[w.at : w.at+int32(w.n)] {
						rows[nr] = r
						nr++
					}
				}
				// (the word's feature count is added below, with its prefix's)
			} else {
				if negated {
					nr = putRow(rows, nr, e.rowOf(pairHash(t.h, tg.neg)))
					t.flags |= flagNegated
					scope--
				}
				n++
			}
			nr = putRow(rows, nr, e.rowOf(pairHash(prev, t.h))) // (counted after the loop: one per content token)
			prev = t.h
			if t.kind == tokWord {
				if le.wr.pref != prefUnknown && t.flags&flagASCII != 0 {
					// the weight file told New this word's prefix feature (prefNone: rows −1)
					r := le.wr.prefRow
					if negated {
						r = le.wr.negPrefRow
					}
					nr = putRow(rows, nr, r)
					n += int(le.wr.featsP)
				} else {
					n += int(le.wr.feats)
					if t.end-t.start < prefixLen+2 {
						// too short for a prefix
					} else if ph, ok := prefix4(text[t.start : t.start+prefixLen]); ok {
						tag := tg.prefix
						if negated {
							tag = tg.negPrefix
						}
						nr = putRow(rows, nr, e.rowOf(pairHash(ph, tag)))
						n++
					}
				}
				if t.flags&flagCaps != 0 {
					st.capsAny++
					if t.end-t.start >= 3 {
						st.capsWords++
					}
					nr = putRow(rows, nr, tr.caps)
					n++
				}
			} else {
				n += int(le.wr.feats)
				st.nonWords++
				if t.kind != tokNumber { // an emoji or emoticon
					st.emoji = true
					nr = putRow(rows, nr, tr.emoji)
					n++
				}
			}
			if c := le.class; c&classRare != 0 {
				if c&classStarts != 0 && (le.phrases >= 0 || le.pairs && e.pairMayFollow(toks, i)) {
					st.cand[st.nc] = int32(i)
					st.nc++
				}
				if c&classMoodLean != 0 && !negated && t.end-t.start > 1 {
					st.moodCand[st.nm] = int32(i)
					st.nm++
				}
				if c&classScored != 0 {
					st.scored[st.ns] = int32(nv - 1)
					st.ns++
				}
				if c&classQuestion != 0 && nv == 1 {
					nr = putRow(rows, nr, tr.quest)
					n++
				}
				if c&classButWord != 0 && st.butAt < 0 {
					st.butAt = nv - 1
				}
				if c&classConcession != 0 && st.concAt < 0 {
					st.concAt = nv - 1
				}
				if c&(classProblem|classHelp|classProfanity) != 0 {
					if c&classProblem != 0 {
						st.problems++
					}
					if c&classHelp != 0 {
						st.helps++
					}
					if c&classProfanity != 0 {
						st.profane++
					}
				}
				if c&classMoodWord != 0 && !(nv >= 2 && e.isNegation(toks, vw[nv-2])) {
					// a mood word not straight after a negation
					st.moodWords[le.mood-1]++
				}
				if c&classNegation != 0 {
					scope = 3
				}
				if c&classBut != 0 {
					scope = 0
				}
			}
		}
	}
	if len(rows) == nr {
		rows = growRows(rows, nr, nr+1) // the length row of an empty text
	}
	lb := 0
	for k := nv; k > 1 && lb < len(tr.length)-1; k >>= 1 {
		lb++
	}
	nr = putRow(rows, nr, tr.length[lb])
	n += nv + 1 // the bigrams and the length
	st.wordCount = nv - st.nonWords
	sc.vw, sc.rows, sc.cand, sc.moodCand, sc.scored = vw[:nv], rows[:nr], st.cand[:st.nc], st.moodCand[:st.nm], st.scored[:st.ns]
	return n
}

// pairMayFollow reports whether toks[i] and the content token after it (past a single
// hyphen) pass the phrase pairs' filter (pairBit): whether a phrase filed under the two
// may start at i. A word that starts phrases only as the first of a pair is a candidate
// for findPhrases only then (findPhrases tests the same, and the pair table after it).
func (e *Engine) pairMayFollow(toks []token, i int) bool {
	i1 := hyphenSkip(toks, i+1)
	if i1 >= len(toks) || !isContent(&toks[i1]) {
		return false
	}
	bit := pairBit(toks[i].h, toks[i1].h)
	return e.pairBits[bit/64]&(1<<(bit%64)) != 0
}

// growRows gives rows room for need entries, keeping the first nr.
//
//go:noinline
func growRows(rows []int32, nr, need int) []int32 {
	rows = append(rows[:nr], make([]int32, need-nr+64)...)
	return rows[:cap(rows)]
}

// moodStride is the width of Engine.moodW's rows: one column per mood but neutral.
const moodStride = NumMoods - 1

// buildMoodWeights precomputes, per lexicon entry, how much its word's model row leans
// toward each mood (its labels' weights, weighted as the mood weighs them): evidence reads
// one number per word. Entries without a row get −1, below any evidence floor, and so do
// function words (rules.txt's class function: "me", "I'm", "the", "about"): the model
// leans on them as on any word, but an agent shown "me" as the evidence for anxious learns
// nothing. This changes the evidence only: the moods are worked out from the labels.
func (e *Engine) buildMoodWeights() {
	m := &e.model
	tab := halfTable()
	e.moodW = make([]float32, len(e.lex)*moodStride)
	for li := range e.lex {
		row := int(e.lex[li].row)
		if e.lex[li].class&classFunction != 0 {
			row = -1
		}
		for mo := 0; mo < moodStride; mo++ {
			c := float32(-1)
			if row >= 0 {
				w := m.w[row*m.stride : row*m.stride+NumLabels]
				c = 0
				for _, ml := range moodLabels[mo] {
					c += ml.w * tab[w[ml.label]]
				}
			}
			e.moodW[li*moodStride+mo] = c
			if mo == 0 || c > e.lex[li].moodMax {
				e.lex[li].moodMax = c
			}
		}
	}
}

// putRow writes a known row (r ≥ 0) at rows[n] and returns the new count; rows[n] must
// exist even when r < 0 (it is written, and overwritten by the next row).
func putRow(rows []int32, n int, r int32) int {
	// without a branch: whether the model knows a bigram or prefix is a coin toss the
	// branch predictor loses
	rows[n] = r
	return n + int(uint32(^r)>>31)
}

// addRow appends a known row (r ≥ 0) to rows.
func addRow(rows []int32, r int32) []int32 {
	if r >= 0 {
		rows = append(rows, r)
	}
	return rows
}

// prefix4 is prefixHash for the four letters of prefixLen, unrolled so it inlines.
func prefix4(p string) (uint64, bool) {
	if len(p) != 4 {
		return 0, false
	}
	c0, c1, c2, c3 := p[0]|0x20, p[1]|0x20, p[2]|0x20, p[3]|0x20
	if c0-'a' >= 26 || c1-'a' >= 26 || c2-'a' >= 26 || c3-'a' >= 26 {
		return 0, false
	}
	h := (uint64(fnvOffset) ^ uint64(c0)) * fnvPrime
	h = (h ^ uint64(c1)) * fnvPrime
	h = (h ^ uint64(c2)) * fnvPrime
	h = (h ^ uint64(c3)) * fnvPrime
	return mix(h), true
}
