package analysis

import (
	"fmt"
	"strings"
)

// coachPhrases is a compiled list of phrase patterns, matched over normalised tokens.
//
// Pattern syntax, one pattern per line of a data file:
//
//	i am so|really|very? sorry     alternatives with |, an optional element with a trailing ?
//	sorry to * that                * is any one word
//	^ please                       ^ anchors the match at the start of a sentence
//
// Patterns are written in long form ("i am", "do not"); the tokenizer expands contractions
// the same way, so "I'm" and "dont" match too. Every alternative is expanded into concrete
// word sequences when the data is loaded, so matching is a map lookup and a few string
// comparisons per word.
type coachPhrases struct {
	byFirst map[string][]coachSeq
	n       int // patterns
}

type coachSeq struct {
	words  []string // "*" is any word
	anchor bool
	id     int // index of the pattern in its list
}

// coachMatch is one match: pattern id and token range [t0, t1).
type coachMatch struct {
	id, t0, t1 int
}

const coachMaxExpansions = 256

// coachCompilePhrases compiles patterns; ids are the indexes into pats.
func coachCompilePhrases(pats []string) (*coachPhrases, error) {
	p := &coachPhrases{byFirst: map[string][]coachSeq{}, n: len(pats)}
	for id, pat := range pats {
		fields := strings.Fields(pat)
		anchor := false
		if len(fields) > 0 && fields[0] == "^" {
			anchor = true
			fields = fields[1:]
		}
		if len(fields) == 0 {
			return nil, fmt.Errorf("empty pattern %q", pat)
		}
		seqs := [][]string{nil}
		for _, f := range fields {
			optional := strings.HasSuffix(f, "?") && len(f) > 1
			f = strings.TrimSuffix(f, "?")
			var alts [][]string
			for _, a := range strings.Split(f, "|") {
				if a == "*" {
					alts = append(alts, []string{"*"})
					continue
				}
				tt := coachTokenize(a)
				var ws []string
				for _, tk := range tt.toks {
					ws = append(ws, tk.w)
				}
				if len(ws) == 0 {
					return nil, fmt.Errorf("pattern %q: element %q has no word", pat, a)
				}
				alts = append(alts, ws)
			}
			if optional {
				alts = append(alts, nil)
			}
			var next [][]string
			for _, s := range seqs {
				for _, a := range alts {
					n := make([]string, 0, len(s)+len(a))
					n = append(append(n, s...), a...)
					next = append(next, n)
				}
			}
			if len(next) > coachMaxExpansions {
				return nil, fmt.Errorf("pattern %q expands to too many phrases", pat)
			}
			seqs = next
		}
		for _, s := range seqs {
			if len(s) == 0 || s[0] == "*" {
				return nil, fmt.Errorf("pattern %q may start with a wildcard or nothing", pat)
			}
			p.byFirst[s[0]] = append(p.byFirst[s[0]], coachSeq{words: s, anchor: anchor, id: id})
		}
	}
	return p, nil
}

// matchAt reports whether c matches the tokens from i on, all in one sentence.
func (c *coachSeq) matchAt(toks []coachToken, i int) bool {
	if c.anchor && !toks[i].first || i+len(c.words) > len(toks) {
		return false
	}
	sent := toks[i].sent
	for k := 1; k < len(c.words); k++ {
		tk := &toks[i+k]
		if tk.sent != sent || (c.words[k] != "*" && c.words[k] != tk.w) {
			return false
		}
	}
	return true
}

// match appends every match in t to dst and returns it. A pattern is reported once per
// start position, with its longest reading.
func (p *coachPhrases) match(t *coachText, dst []coachMatch) []coachMatch {
	if p == nil {
		return dst
	}
	toks := t.toks
	for i := range toks {
		cands := p.byFirst[toks[i].w]
		if len(cands) == 0 {
			continue
		}
		mark := len(dst)
	cand:
		for ci := range cands {
			c := &cands[ci]
			if !c.matchAt(toks, i) {
				continue
			}
			for k := mark; k < len(dst); k++ {
				if dst[k].id == c.id {
					if i+len(c.words) > dst[k].t1 {
						dst[k].t1 = i + len(c.words)
					}
					continue cand
				}
			}
			dst = append(dst, coachMatch{id: c.id, t0: i, t1: i + len(c.words)})
		}
	}
	return dst
}

// any reports whether some pattern matches t.
func (p *coachPhrases) any(t *coachText) bool {
	if p == nil {
		return false
	}
	for i := range t.toks {
		cands := p.byFirst[t.toks[i].w]
		for ci := range cands {
			if cands[ci].matchAt(t.toks, i) {
				return true
			}
		}
	}
	return false
}

// count returns the number of matches in t.
func (p *coachPhrases) count(t *coachText) int {
	var buf [16]coachMatch
	return len(p.match(t, buf[:0]))
}
