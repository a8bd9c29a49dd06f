//go:build !purego

package analysis

// scanWordsASCII is scanWordsGo in assembly (scan_amd64.s), with the word table's slots
// (a power-of-two count, at least one) and (len(slots) − 1) × 16, the probe's mask for
// offsets kept scaled, in place of the engine: the hash, the letter counts and the probe
// stay in registers.
//
//go:noescape
func scanWordsASCII(s string, i int, toks []token, nt int, slots []slot, mask16 uint64) (int, int, bool)

// scanWords reads words of plain ASCII and the spaces between them (see scanWordsGo).
func (e *Engine) scanWords(s string, i int, toks []token, nt int) (int, int, bool) {
	if len(e.words.slots) == 0 {
		return e.scanWordsGo(s, i, toks, nt)
	}
	return scanWordsASCII(s, i, toks, nt, e.words.slots, uint64(len(e.words.slots)-1)<<4)
}
