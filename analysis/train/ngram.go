package main

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Letter n-gram features of words (explore only): for each plain word the engine reads,
// its last letters and/or the letter trigrams of "<word>", as extra features for chosen
// heads. The text's scale stays that of the engine's features, so for a word the model
// knows the extra rows could be folded into its own row when the engine loads.
var (
	ngramKinds string // comma list: sfx3, sfx4, cg3
	ngramHeads string // comma list of heads, as -nbheads
	ngramVocab bool   // only for words that have their own row (so the n-gram rows fold into it)
	ngramOOV   bool   // only for words without their own row
)

func ngramOn(prefix string) bool {
	if ngramKinds == "" {
		return false
	}
	name := strings.TrimSuffix(prefix, ":")
	if name == "" {
		name = "emotions"
	}
	for _, h := range strings.Split(ngramHeads, ",") {
		if h == "all" || h == name {
			return true
		}
	}
	return false
}

// wordStrings maps word hashes to words for every lower-case letter run in the texts.
func wordStrings(texts []string, into map[uint64]string) {
	for _, t := range texts {
		for _, w := range strings.FieldsFunc(strings.ToLower(t), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r == '\'')
		}) {
			into[hashWordT(w)] = w
		}
	}
}

// hashWordT is analysis.hashWord for lower-case ASCII.
func hashWordT(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	if h == 0 {
		h = 1
	}
	return h
}

// wordNgrams lists a word's n-gram feature names.
func wordNgrams(w string, out []string) []string {
	for _, k := range strings.Split(ngramKinds, ",") {
		if strings.HasPrefix(k, "cl") {
			k = "cl"
		}
		switch k {
		case "sfx3", "sfx4":
			n := 3
			if k == "sfx4" {
				n = 4
			}
			if len(w) >= n+2 {
				out = append(out, k+":"+w[len(w)-n:])
			}
		case "cl":
			if c, ok := clusterOf[w]; ok {
				out = append(out, "cl:"+strconv.Itoa(c))
			}
		case "cg3", "cg4", "cg5":
			n := int(k[2] - '0')
			s := "<" + w + ">"
			if len(w) >= 4 {
				for i := 0; i+n <= len(s); i++ {
					out = append(out, k+":"+s[i:i+n])
				}
			}
		}
	}
	return out
}

// ngramRows returns, per text, the extra rows (numbered from base) of its words' n-grams,
// the n-grams kept when seen in at least minDF training texts.
func ngramRows(words map[uint64]string, known func(uint64) bool, trainKeys, devKeys, heldKeys [][]uint64, base, minDF int) (tr, dv, hd [][]int32, n int) {
	grams := func(keys []uint64) []string {
		var out []string
		for _, k := range keys {
			if ngramVocab && !known(k) || ngramOOV && known(k) {
				continue
			}
			if w, ok := words[k]; ok {
				out = wordNgrams(w, out)
			}
		}
		return out
	}
	df := map[string]int{}
	for _, ks := range trainKeys {
		seen := map[string]bool{}
		for _, g := range grams(ks) {
			if !seen[g] {
				seen[g] = true
				df[g]++
			}
		}
	}
	var names []string
	for g, c := range df {
		if c >= minDF {
			names = append(names, g)
		}
	}
	slices.Sort(names)
	idx := map[string]int32{}
	for i, g := range names {
		idx[g] = int32(base + i)
	}
	conv := func(all [][]uint64) [][]int32 {
		out := make([][]int32, len(all))
		for i, ks := range all {
			for _, g := range grams(ks) {
				if r, ok := idx[g]; ok {
					out[i] = append(out[i], r)
				}
			}
		}
		return out
	}
	fmt.Fprintf(os.Stderr, "%d word n-gram features (%s)\n", len(names), ngramKinds)
	return conv(trainKeys), conv(devKeys), conv(heldKeys), len(names)
}
