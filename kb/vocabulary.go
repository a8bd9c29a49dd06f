package kb

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Vocabulary is the set of words in the indexed articles with how many articles hold
// each. It corrects typos and completes words being typed. Build one with NewVocabulary;
// it is immutable and safe for concurrent use.
type Vocabulary struct {
	words   []string       // sorted
	df      map[string]int // articles holding each word
	stems   map[string]int // articles holding each stem, summed over its words
	stemOf  map[string]string
	deletes map[string][]int32
	docs    int
}

// NewVocabulary builds a vocabulary from word counts (word → articles holding it) over
// docs articles. extra words (e.g. the thesaurus's) are known too, so typos of everyday
// words get corrected, but never completed.
func NewVocabulary(counts map[string]int, docs int, extra []string) *Vocabulary {
	v := &Vocabulary{df: make(map[string]int, len(counts)), stems: map[string]int{}, stemOf: make(map[string]string, len(counts)),
		deletes: map[string][]int32{}, docs: docs}
	for w, n := range counts {
		if n > 0 && indexable(w) {
			v.df[w] = n
		}
	}
	for _, w := range extra {
		if _, ok := v.df[w]; !ok && indexable(w) {
			v.df[w] = 0
		}
	}
	v.words = make([]string, 0, len(v.df))
	for w := range v.df {
		v.words = append(v.words, w)
	}
	sort.Strings(v.words)
	for i, w := range v.words {
		st := Stem(w)
		v.stemOf[w] = st
		v.stems[st] += v.df[w]
		if utf8.RuneCountInString(w) >= 3 {
			for _, d := range deletes1(w) {
				v.deletes[d] = append(v.deletes[d], int32(i))
			}
			v.deletes[w] = append(v.deletes[w], int32(i))
		}
	}
	return v
}

// indexable reports whether a word is worth keeping: not too long, with a letter in it.
func indexable(w string) bool {
	if w == "" || len(w) > 40 {
		return false
	}
	return strings.IndexFunc(w, func(r rune) bool { return r >= 'a' && r <= 'z' || r > 127 }) >= 0
}

// Len is how many words the vocabulary knows.
func (v *Vocabulary) Len() int {
	if v == nil {
		return 0
	}
	return len(v.words)
}

// Known reports whether some article holds a word with the same stem.
func (v *Vocabulary) Known(word string) bool {
	return v != nil && v.stems[Stem(word)] > 0
}

// IDF is a word's inverse document frequency: rare words weigh more. Unknown words get
// the highest weight.
func (v *Vocabulary) IDF(word string) float64 {
	if v == nil || v.docs == 0 {
		return 1
	}
	n := v.stems[Stem(word)]
	return math.Log(1 + (float64(v.docs)-float64(n)+0.5)/(float64(n)+0.5))
}

// Share is the fraction of articles holding a word with the same stem as word.
func (v *Vocabulary) Share(word string) float64 {
	if v == nil || v.docs == 0 {
		return 0
	}
	return float64(v.stems[Stem(word)]) / float64(v.docs)
}

// Correct returns the known word closest to a misspelt one: within one edit for words of
// up to five letters, two for longer ones, preferring fewer edits and then commoner words.
func (v *Vocabulary) Correct(word string) (string, bool) {
	if v == nil || utf8.RuneCountInString(word) < 3 {
		return "", false
	}
	maxDist := 1
	if utf8.RuneCountInString(word) > 5 {
		maxDist = 2
	}
	probes := []string{word}
	probes = append(probes, deletes1(word)...)
	if maxDist == 2 {
		for _, d := range deletes1(word) {
			probes = append(probes, deletes1(d)...)
		}
	}
	best, bestDist, bestDF := "", maxDist+1, -1
	tried := map[int32]bool{}
	for _, p := range probes {
		for _, i := range v.deletes[p] {
			if tried[i] {
				continue
			}
			tried[i] = true
			cand := v.words[i]
			d := editDistance(word, cand, maxDist)
			if d > maxDist || d == 0 {
				continue
			}
			if df := v.df[cand]; d < bestDist || d == bestDist && (df > bestDF || df == bestDF && cand < best) {
				best, bestDist, bestDF = cand, d, df
			}
		}
	}
	return best, best != ""
}

// Complete returns up to n indexed words that start with prefix, commonest first.
func (v *Vocabulary) Complete(prefix string, n int) []string {
	if v == nil || prefix == "" {
		return nil
	}
	i := sort.SearchStrings(v.words, prefix)
	type cand struct {
		w  string
		df int
	}
	var cs []cand
	for ; i < len(v.words) && strings.HasPrefix(v.words[i], prefix) && len(cs) < 5000; i++ {
		if df := v.df[v.words[i]]; df > 0 {
			cs = append(cs, cand{v.words[i], df})
		}
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].df > cs[b].df })
	out := make([]string, 0, n)
	for _, c := range cs {
		if len(out) == n {
			break
		}
		out = append(out, c.w)
	}
	return out
}

// deletes1 lists the strings made by deleting one letter from w.
func deletes1(w string) []string {
	r := []rune(w)
	if len(r) <= 1 {
		return nil
	}
	out := make([]string, 0, len(r))
	for i := range r {
		out = append(out, string(r[:i])+string(r[i+1:]))
	}
	return out
}

// editDistance is the optimal-string-alignment distance between a and b (insertions,
// deletions, substitutions and swaps of neighbours), or limit+1 once it must exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
