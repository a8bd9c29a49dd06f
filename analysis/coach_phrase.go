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
// word sequences when the data is loaded and every word becomes a number in the coach's
// vocabulary. All lists share one index (coachIndex), so a text is scanned once for every
// list: one look-up per word and one per pair of words.
type coachPhrases struct {
	list int // its number in the index
	n    int // patterns
}

type coachSeq struct {
	words  []int32 // word ids; coachAny is any word
	anchor bool
	list   int32 // the list it belongs to
	id     int32 // index of the pattern in its list
}

// coachAny stands for "*" in a compiled pattern; coachUnknown is a word of a text that no
// list mentions.
const (
	coachAny     int32 = -2
	coachUnknown int32 = -1
)

// coachVocab numbers every word the lists mention.
type coachVocab struct {
	ids   map[string]int32
	words []string
}

func (v *coachVocab) id(w string) int32 {
	if id, ok := v.ids[w]; ok {
		return id
	}
	id := int32(len(v.words))
	v.ids[w] = id
	v.words = append(v.words, w)
	return id
}

// coachIndex finds the patterns of every list in one pass over a text.
type coachIndex struct {
	lists   int
	pending []coachSeq
	single  [][]coachSeq          // first word id → one-word patterns and those with * second
	pairs   map[uint64][]coachSeq // first two word ids → longer patterns
}

func coachPairKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// coachMatch is one match: pattern id and token range [t0, t1).
type coachMatch struct {
	id, t0, t1 int
}

const coachMaxExpansions = 256

// compile compiles patterns into a new list, adding their words to vocab; match ids are
// the indexes into pats. The list can be matched once the index is frozen.
func (x *coachIndex) compile(pats []string, vocab *coachVocab) (*coachPhrases, error) {
	p := &coachPhrases{list: x.lists, n: len(pats)}
	x.lists++
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
		seqs := [][]int32{nil}
		for _, f := range fields {
			optional := strings.HasSuffix(f, "?") && len(f) > 1
			f = strings.TrimSuffix(f, "?")
			var alts [][]int32
			for _, a := range strings.Split(f, "|") {
				if a == "*" {
					alts = append(alts, []int32{coachAny})
					continue
				}
				tt := coachTokenize(a)
				var ws []int32
				for _, tk := range tt.toks {
					ws = append(ws, vocab.id(tk.w))
				}
				if len(ws) == 0 {
					return nil, fmt.Errorf("pattern %q: element %q has no word", pat, a)
				}
				alts = append(alts, ws)
			}
			if optional {
				alts = append(alts, nil)
			}
			var next [][]int32
			for _, s := range seqs {
				for _, a := range alts {
					n := make([]int32, 0, len(s)+len(a))
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
			if len(s) == 0 || s[0] == coachAny {
				return nil, fmt.Errorf("pattern %q may start with a wildcard or nothing", pat)
			}
			x.pending = append(x.pending, coachSeq{words: s, anchor: anchor, list: int32(p.list), id: int32(id)})
		}
	}
	return p, nil
}

// freeze builds the look-up tables once the vocabulary is complete.
func (x *coachIndex) freeze(vocabSize int) {
	x.single = make([][]coachSeq, vocabSize)
	x.pairs = map[uint64][]coachSeq{}
	for _, s := range x.pending {
		if len(s.words) == 1 || s.words[1] == coachAny {
			x.single[s.words[0]] = append(x.single[s.words[0]], s)
			continue
		}
		k := coachPairKey(s.words[0], s.words[1])
		x.pairs[k] = append(x.pairs[k], s)
	}
	x.pending = nil
}

// coachHits are the matches of every list in one text, grouped by list, with token
// indexes of the whole text. A sentence of the text shares them.
type coachHits struct {
	done   bool
	starts []int32 // list l's matches are all[starts[l]:starts[l+1]]
	all    []coachHit
}

type coachHit struct {
	list, id, t0, t1 int32
}

// scan finds every list's matches in t. A pattern is reported once per start position,
// with its longest reading.
func (x *coachIndex) scan(t *coachText) {
	h := t.hits
	h.done = true
	toks := t.toks
	var flat []coachHit
	var counts []int32
	if b := t.buf; b != nil {
		flat, counts = b.flat[:0], b.counts
	}
	if cap(counts) < 2*(x.lists+1) {
		counts = make([]int32, 2*(x.lists+1))
	}
	counts = counts[:2*(x.lists+1)]
	clear(counts)
	add := func(c *coachSeq, i int) {
		if !c.matchAt(toks, i) {
			return
		}
		end := int32(i + len(c.words))
		for k := len(flat) - 1; k >= 0 && flat[k].t0 == int32(i); k-- {
			if flat[k].list == c.list && flat[k].id == c.id {
				if end > flat[k].t1 {
					flat[k].t1 = end
				}
				return
			}
		}
		flat = append(flat, coachHit{list: c.list, id: c.id, t0: int32(i), t1: end})
		counts[c.list+1]++
	}
	for i := range toks {
		id := toks[i].id
		if id < 0 || int(id) >= len(x.single) {
			continue
		}
		for ci := range x.single[id] {
			add(&x.single[id][ci], i)
		}
		if i+1 < len(toks) && toks[i+1].id >= 0 && toks[i+1].sent == toks[i].sent {
			if cands := x.pairs[coachPairKey(id, toks[i+1].id)]; len(cands) > 0 {
				for ci := range cands {
					add(&cands[ci], i)
				}
			}
		}
	}
	// Group by list (a counting sort), keeping each list's matches in text order.
	starts, next := counts[:x.lists+1], counts[x.lists+1:]
	for l := 1; l <= x.lists; l++ {
		starts[l] += starts[l-1]
	}
	copy(next, starts[:x.lists])
	var all []coachHit
	if b := t.buf; b != nil && cap(b.all) >= len(flat) {
		all = b.all[:len(flat)]
	} else {
		all = make([]coachHit, len(flat))
	}
	for _, hit := range flat {
		all[next[hit.list]] = hit
		next[hit.list]++
	}
	h.all, h.starts = all, starts
	if b := t.buf; b != nil {
		b.flat, b.all, b.counts = flat[:0], all[:0], counts
	}
}

// list returns t's matches of list l, with token indexes of the whole text.
func (h *coachHits) list(l int) []coachHit {
	if l < 0 || l+1 >= len(h.starts) {
		return nil
	}
	return h.all[h.starts[l]:h.starts[l+1]]
}

// matchAt reports whether c matches the tokens from i on, all in one sentence.
func (c *coachSeq) matchAt(toks []coachToken, i int) bool {
	if c.anchor && !toks[i].first || i+len(c.words) > len(toks) {
		return false
	}
	sent := toks[i].sent
	for k := 1; k < len(c.words); k++ {
		tk := &toks[i+k]
		if tk.sent != sent || (c.words[k] != coachAny && c.words[k] != tk.id) {
			return false
		}
	}
	return true
}

// match appends p's matches in t to dst and returns it.
func (p *coachPhrases) match(t *coachText, dst []coachMatch) []coachMatch {
	if p == nil || t.hits == nil || t.x == nil {
		return dst
	}
	if !t.hits.done {
		t.x.scan(t.root())
	}
	lo, hi := int32(t.off), int32(t.off+len(t.toks))
	for _, m := range t.hits.list(p.list) {
		if m.t0 >= lo && m.t1 <= hi {
			dst = append(dst, coachMatch{id: int(m.id), t0: int(m.t0 - lo), t1: int(m.t1 - lo)})
		}
	}
	return dst
}

// any reports whether some pattern of p matches t.
func (p *coachPhrases) any(t *coachText) bool {
	if p == nil || t.hits == nil || t.x == nil {
		return false
	}
	if !t.hits.done {
		t.x.scan(t.root())
	}
	lo, hi := int32(t.off), int32(t.off+len(t.toks))
	for _, m := range t.hits.list(p.list) {
		if m.t0 >= lo && m.t1 <= hi {
			return true
		}
	}
	return false
}
