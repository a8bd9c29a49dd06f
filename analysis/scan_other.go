//go:build !amd64 || purego

package analysis

// scanWords is scanWordsGo on CPUs without the assembly scanner.
func (e *Engine) scanWords(s string, i int, toks []token, nt int) (int, int, bool) {
	return e.scanWordsGo(s, i, toks, nt)
}
