package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Position features and longer word n-grams (explore only, the ninth round): extra
// features of a text read from the trainer's own tokens (words of letters, digits and
// inner apostrophes, lower-cased; an emoji a token of its own; runs of '!', '?' and '.';
// ';' ends a sentence as '.' does; other marks skipped, as the engine's bigram skips
// commas), each named by a string and given a row of its own after the engine's
// features (kept when seen in at least -posmindf training texts). The kinds (-posfeat,
// a comma list):
//
//	first   the text's first word ("^wow")
//	first2  the text's first two words ("^oh no")
//	sfirst  the first word of each sentence after the first (the engine's bigram with <s>
//	        already marks every sentence's first word, the text's first included)
//	sfirst2 the first two words of each sentence
//	last    the text's last word ("lol$")
//	lastp   how the text ends: "$!", "$?", "$?!", "$.", "$..." (two or more), "$w" (a
//	        word), "$e" (an emoji)
//	tri     word trigrams inside a sentence ("not at all")
//	skip    skip-bigrams (w_i, w_{i+2}) inside a sentence ("so _ for")
//
// The text's scale counts the extra features (known or not), as the engine's would if
// it read them (not with -posnoscale). Figures only: the extra rows are not in the file's keys.
var (
	posFeat    string
	posMinDF   int
	posNoScale bool // -posnoscale: the extra features leave the scale as the engine's features set it
)

type ptok struct {
	w     string // the word, emoji or mark
	punct bool   // '!', '?', '.' or ';' (ends a sentence)
	emoji bool
}

// posTokens is the trainer's tokenisation of a text for -posfeat.
func posTokens(text string) []ptok {
	var out []ptok
	s := strings.ToLower(text)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '_' {
					j += s2
					continue
				}
				if (r2 == '\'' || r2 == '\u2019') && j+s2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+s2:])
					if unicode.IsLetter(r3) || unicode.IsDigit(r3) {
						j += s2
						continue
					}
				}
				break
			}
			w := strings.ReplaceAll(s[i:j], "\u2019", "'")
			if j+2 < len(s) && s[j:j+3] == "://" {
				for j < len(s) && s[j] != ' ' {
					j++
				}
				i = j
				continue
			}
			out = append(out, ptok{w: w})
			i = j
		case r == '!' || r == '?':
			j := i
			nb, nq := 0, 0
			for j < len(s) && (s[j] == '!' || s[j] == '?') {
				if s[j] == '!' {
					nb++
				} else {
					nq++
				}
				j++
			}
			m := "!"
			switch {
			case nb > 0 && nq > 0:
				m = "?!"
			case nq > 0:
				m = "?"
			}
			out = append(out, ptok{w: m, punct: true})
			i = j
		case r == '.' || r == ';':
			j := i
			for j < len(s) && s[j] == s[i] {
				j++
			}
			m := "."
			if r == '.' && j-i >= 2 {
				m = "..."
			}
			out = append(out, ptok{w: m, punct: true})
			i = j
		case r == '@' && i+1 < len(s):
			j := i + 1
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= '0' && s[j] <= '9' || s[j] == '_') {
				j++
			}
			i = j
		case r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF:
			out = append(out, ptok{w: "e:" + string(r), emoji: true})
			i += size
		default:
			i += size
		}
	}
	return out
}

func posOn(kind string) bool {
	for _, k := range strings.Split(posFeat, ",") {
		if k == kind {
			return true
		}
	}
	return false
}

// posFeatures lists a text's -posfeat feature names.
func posFeatures(text string) []string {
	toks := posTokens(text)
	var out []string
	// sentences: runs of content tokens between marks
	var sents [][]string
	var cur []string
	for _, t := range toks {
		if t.punct {
			if len(cur) > 0 {
				sents = append(sents, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, t.w)
	}
	if len(cur) > 0 {
		sents = append(sents, cur)
	}
	if len(sents) > 0 {
		f := sents[0]
		if posOn("first") {
			out = append(out, "^"+f[0])
		}
		if posOn("first2") && len(f) >= 2 {
			out = append(out, "^"+f[0]+" "+f[1])
		}
		for si, st := range sents {
			if posOn("sfirst") && si > 0 {
				out = append(out, "s^"+st[0])
			}
			if posOn("sfirst2") && len(st) >= 2 {
				out = append(out, "s^"+st[0]+" "+st[1])
			}
			for i := range st {
				if posOn("tri") && i+2 < len(st) {
					out = append(out, "3:"+st[i]+" "+st[i+1]+" "+st[i+2])
				}
				if posOn("skip") && i+2 < len(st) {
					out = append(out, "k:"+st[i]+" _ "+st[i+2])
				}
			}
		}
	}
	if posOn("last") {
		for i := len(toks) - 1; i >= 0; i-- {
			if !toks[i].punct {
				out = append(out, toks[i].w+"$")
				break
			}
		}
	}
	if posOn("lastp") && len(toks) > 0 {
		t := toks[len(toks)-1]
		switch {
		case t.punct:
			out = append(out, "$"+t.w)
		case t.emoji:
			out = append(out, "$e")
		default:
			out = append(out, "$w")
		}
	}
	return out
}

// posRows returns, per text, the extra rows (numbered from base) of its -posfeat features
// and the number of its features known or not (for the scale), the features kept when
// seen in at least posMinDF training texts.
func posRows(train, dev, held []string, base int) (tr, dv, hd [][]int32, trN, dvN, hdN []int, n int) {
	names := func(ts []string) [][]string {
		out := make([][]string, len(ts))
		for i, t := range ts {
			out[i] = posFeatures(t)
		}
		return out
	}
	tn, dn, hn := names(train), names(dev), names(held)
	df := map[string]int{}
	for _, fs := range tn {
		seen := map[string]bool{}
		for _, g := range fs {
			if !seen[g] {
				seen[g] = true
				df[g]++
			}
		}
	}
	var keep []string
	for g, c := range df {
		if c >= posMinDF {
			keep = append(keep, g)
		}
	}
	slices.Sort(keep)
	idx := map[string]int32{}
	for i, g := range keep {
		idx[g] = int32(base + i)
	}
	conv := func(all [][]string) ([][]int32, []int) {
		out := make([][]int32, len(all))
		cnt := make([]int, len(all))
		for i, fs := range all {
			cnt[i] = len(fs)
			for _, g := range fs {
				if r, ok := idx[g]; ok {
					out[i] = append(out[i], r)
				}
			}
		}
		return out, cnt
	}
	tr, trN = conv(tn)
	dv, dvN = conv(dn)
	hd, hdN = conv(hn)
	fmt.Fprintf(os.Stderr, "%d position/n-gram features (%s, df ≥ %d)\n", len(keep), posFeat, posMinDF)
	return tr, dv, hd, trN, dvN, hdN, len(keep)
}

// Sentence pooling (explore only, the ninth round): -sentpool max, min or max,min gives
// the stacked layer, beside the whole text's 39 linear scores, the largest and/or the
// smallest of each score over the text's sentences (a text of one sentence: its own
// scores). A sentence is the engine's features of its words (TrainingFeatures on the
// sentence alone, without the length bucket), scaled by its own feature count; the fold
// models score their fold's sentences, as they do the texts. Figures only.
var (
	sentPool                     string
	sentTrain, sentDev, sentHeld [][]doc
	sentPools                    []string
)

// sentences cuts a text after each run of '.', '!', '?' or ';' that a space or the end
// follows; it returns nil for a text of one sentence.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' && c != ';' {
			continue
		}
		j := i
		for j < len(text) && (text[j] == '.' || text[j] == '!' || text[j] == '?' || text[j] == ';') {
			j++
		}
		if j == len(text) || text[j] == ' ' || text[j] == '\n' || text[j] == '\t' {
			if s := strings.TrimSpace(text[start:j]); s != "" {
				out = append(out, s)
			}
			start = j
		}
		i = j - 1
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// poolInputs appends to z (a text's K scores) the pooled scores of its sentences under
// the heads' weights ws, bs.
func poolInputs(z []float64, sents []doc, heads []*head, ws, bs [][]float32) []float64 {
	K := len(z)
	out := slices.Clip(z)
	if len(sents) == 0 {
		for range sentPools {
			out = append(out, z[:K]...)
		}
		return out
	}
	mx, mn := make([]float64, K), make([]float64, K)
	tmp := make([]float64, K)
	for si := range sents {
		o := 0
		for hd, h := range heads {
			logits(&sents[si], ws[hd], bs[hd], len(h.names), tmp[o:])
			o += len(h.names)
		}
		for k := range tmp {
			if si == 0 || tmp[k] > mx[k] {
				mx[k] = tmp[k]
			}
			if si == 0 || tmp[k] < mn[k] {
				mn[k] = tmp[k]
			}
		}
	}
	for _, p := range sentPools {
		switch p {
		case "max":
			out = append(out, mx...)
		case "min":
			out = append(out, mn...)
		}
	}
	return out
}
