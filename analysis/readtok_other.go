//go:build !amd64 || purego

package analysis

// readTokens is readTokensGo on CPUs without the assembly token pass.
func (e *Engine) readTokens(text string, sc *scratch, st *tokenStats) int {
	return e.readTokensGo(text, sc, st)
}

// passTemplate is empty without the assembly token pass.
type passTemplate struct{}

func (e *Engine) initPass() {}
