//go:build !purego

package analysis

import "math/bits"

// tokenPass is what the assembly token pass (readtok_amd64.s) reads and carries from one
// chunk of tokens to the next: the engine's tables, the output buffers (sized by
// readTokens), and the loop's state. The assembly reads the fields by the offsets go_asm.h
// gives; a slice or string field is read as its data pointer.
type tokenPass struct {
	toks     []token
	lex      []lexEntry
	noEntry  *lexEntry
	wrows    []int32
	text     string
	fslots   []slot // the feature table's slots (a power-of-two count, at least one)
	fmask16  uint64 // (len(fslots) − 1) × 16: the probe's offsets are kept scaled
	prime    uint64 // the FNV prime, for a multiply from memory
	vw       []int32
	rows     []int32
	st       *tokenStats
	tags     *tagKeys
	trows    *tagRows
	pairBits *[1 << pairBitsLog2 / 64]uint64

	i0, i1 int // the tokens of this call
	// the loop's state: the previous token's hash (for the bigram), the negation scope,
	// the counts of vw and rows, and the feature count (whether the current token is
	// negated is its flagNegated, which the pass sets on every content token in a scope)
	prev             uint64
	scope, nv, nr, n int
}

// passTemplate is the engine's part of a tokenPass, filled once by New (initPass).
type passTemplate = tokenPass

// initPass fills e.pass with the engine's tables; the loop's state starts at zero and the
// previous token at the start of the text.
func (e *Engine) initPass() {
	e.pass = tokenPass{
		lex: e.lex, noEntry: &e.noEntry, wrows: e.wrows,
		fslots: e.model.feat.slots, fmask16: uint64(len(e.model.feat.slots)-1) << 4, prime: fnvPrime,
		tags: &e.tags, trows: &e.trows, pairBits: &e.pairBits, prev: e.tags.bos,
	}
	if len(e.model.feat.slots) == 0 {
		e.pass = tokenPass{}
	}
}

// classCounted are the rare classes the assembly tests after the candidates, the mood
// leaners and the scored words (what the rules count, and the negation scope's marks):
// a word with none of them skips those tests.
const classCounted = classQuestion | classButWord | classConcession | classProblem | classHelp |
	classProfanity | classMoodWord | classNegation | classBut

// readTokensASM is readTokensGo's loop over toks[p.i0:p.i1] (rows has room for them).
//
//go:noescape
func readTokensASM(p *tokenPass)

// readTokens is readTokensGo with its loop in assembly (see readTokensGo).
func (e *Engine) readTokens(text string, sc *scratch, st *tokenStats) int {
	if len(e.pass.fslots) == 0 {
		return e.readTokensGo(text, sc, st)
	}
	toks := sc.toks
	if cap(sc.vw) < len(toks) {
		n := len(toks) + len(toks)/2
		sc.vw, sc.cand, sc.moodCand, sc.scored = make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n)
	}
	vw := sc.vw[:len(toks)]
	st.cand, st.moodCand, st.scored = sc.cand[:len(toks)], sc.moodCand[:len(toks)], sc.scored[:len(toks)]
	rows := sc.rows[:cap(sc.rows)]
	tr := &e.trows
	st.butAt = -1
	st.concAt = -1
	// the engine's part of the pass comes from the copy New made (one block copy rather
	// than a field at a time); the message's part is set here
	p := e.pass
	p.toks, p.text, p.vw, p.st = toks, text, vw, st
	const chunk = 256 // tokens per check of the rows buffer's room
	for c0 := 0; c0 < len(toks); c0 += chunk {
		c1 := min(c0+chunk, len(toks))
		// room for the chunk's rows, and the length row after the loop
		if need := p.nr + (c1-c0)*e.maxTokRows + 1; need > len(rows) {
			rows = growRows(rows, p.nr, need)
		}
		p.rows, p.i0, p.i1 = rows, c0, c1
		readTokensASM(&p)
	}
	nv, nr, n := p.nv, p.nr, p.n
	if len(rows) == nr {
		rows = growRows(rows, nr, nr+1) // the length row of an empty text
	}
	// the length bucket: ⌊log2 nv⌋ (0 for none), at most the last (readTokensGo's loop)
	lb := min(max(bits.Len(uint(nv))-1, 0), len(tr.length)-1)
	nr = putRow(rows, nr, tr.length[lb])
	n += nv + 1 // the bigrams and the length
	st.wordCount = nv - st.nonWords
	// (each list resliced in place: only its length is stored, no pointer and no write
	// barrier; rows may have grown, so it is stored whole)
	sc.vw = sc.vw[:nv]
	sc.cand, sc.moodCand, sc.scored = sc.cand[:st.nc], sc.moodCand[:st.nm], sc.scored[:st.ns]
	sc.rows = rows[:nr]
	return n
}
