package kb

import (
	"sort"
	"strings"
	"unicode"
)

// Alt is one way an idea may appear in an article: a word, or a phrase of several.
type Alt struct {
	Words []string
	// Original is true for the asker's own words (or their correction or completion),
	// false for words the thesaurus added.
	Original bool
}

// Phrase reports whether the alternative is more than one word.
func (a Alt) Phrase() bool { return len(a.Words) > 1 }

// Concept is one idea in a question, with every way an article may say it.
type Concept struct {
	Source []string // the question's words it came from
	Alts   []Alt
	Weight float64 // how much finding it matters: the rarest of its words' IDF
}

// Query is a question understood: its ideas, each with alternatives. An article that
// mentions more of the ideas, in rarer words, in its title more than its body, ranks higher.
type Query struct {
	Concepts []Concept
	// Corrected is the question with typos fixed, when any were; else empty.
	Corrected string
}

// Empty reports whether nothing in the question is worth searching for.
func (q Query) Empty() bool { return len(q.Concepts) == 0 }

// Alts lists every alternative once, the asker's own words first.
func (q Query) Alts() []Alt {
	var orig, added []Alt
	seen := map[string]bool{}
	for _, c := range q.Concepts {
		for _, a := range c.Alts {
			k := strings.Join(a.Words, " ")
			if seen[k] {
				continue
			}
			seen[k] = true
			if a.Original {
				orig = append(orig, a)
			} else {
				added = append(added, a)
			}
		}
	}
	return append(orig, added...)
}

// Retrieval is the query to ask a search engine for candidates: each concept keeps
// the alternatives with a word found in at most maxShare of the articles, and concepts
// left with none are dropped. Such words ("customer" in a help centre)
// match most articles, so they would crowd the candidates by frequency alone; the
// scorer still counts them among the candidates. When every concept is common, the
// query is returned whole.
func (q Query) Retrieval(v *Vocabulary, maxShare float64) Query {
	if v.Len() == 0 || v.docs < 20 {
		return q
	}
	out := Query{Corrected: q.Corrected}
	for _, c := range q.Concepts {
		var keep []Alt
		for _, a := range c.Alts {
			for _, w := range a.Words {
				if !StopWord(w) && v.Share(w) <= maxShare {
					keep = append(keep, a)
					break
				}
			}
		}
		if len(keep) > 0 {
			c.Alts = keep
			out.Concepts = append(out.Concepts, c)
		}
	}
	if len(out.Concepts) == 0 {
		return q
	}
	return out
}

// Stems is the set of stems worth marking in a snippet: every alternative's words,
// less stop words.
func (q Query) Stems() map[string]bool {
	out := map[string]bool{}
	for _, c := range q.Concepts {
		for _, a := range c.Alts {
			for _, w := range a.Words {
				if !StopWord(w) {
					out[Stem(w)] = true
				}
			}
		}
	}
	return out
}

// QueryOptions tune ParseQuery.
type QueryOptions struct {
	Thesaurus  *Thesaurus  // nil: no synonyms
	Vocabulary *Vocabulary // nil: no typo correction or completion
	// Typing marks a question still being typed: an unknown last word is completed from
	// the vocabulary rather than corrected.
	Typing bool
	// MaxConcepts keeps the weightiest ideas of a long text; 12 when zero.
	MaxConcepts int
	// MaxAlts caps the alternatives of one idea; 8 when zero.
	MaxAlts int
}

// ParseQuery turns a question in everyday words into a Query: words are corrected when
// misspelt, phrases and words are bridged to their equals through the thesaurus, and
// words that carry no meaning are dropped.
func ParseQuery(text string, o QueryOptions) Query {
	if o.MaxConcepts <= 0 {
		o.MaxConcepts = 12
	}
	if o.MaxAlts <= 0 {
		o.MaxAlts = 8
	}
	words := Words(text)
	if len(words) > 400 {
		words = words[:400]
	}
	th, voc := o.Thesaurus, o.Vocabulary
	completions := map[int][]string{}
	corrected := false
	if voc.Len() > 0 {
		for i, w := range words {
			if StopWord(w) || !hasLetter(w) || voc.Known(w) || th.has(Stem(w)) {
				continue
			}
			last := i == len(words)-1 && o.Typing && !endsWithSpace(text)
			if !last && EnglishWord(w) {
				continue // a real word no article uses is not a typo
			}
			if last {
				if len([]rune(w)) < 2 {
					words = words[:i]
					break
				}
				if c := voc.Complete(w, 3); len(c) > 0 {
					completions[i] = c
					continue
				}
				if EnglishWord(w) {
					continue
				}
			}
			if c, ok := voc.Correct(w); ok {
				words[i] = c
				corrected = true
			}
		}
	}
	var q Query
	if corrected {
		q.Corrected = strings.Join(words, " ")
	}
	seen := map[string]bool{}
	add := func(c Concept) {
		key := stemKey(c.Alts[0].Words)
		if seen[key] {
			return
		}
		seen[key] = true
		if len(c.Alts) > o.MaxAlts {
			c.Alts = c.Alts[:o.MaxAlts]
		}
		c.Weight = conceptWeight(c, voc)
		q.Concepts = append(q.Concepts, c)
	}
	for i := 0; i < len(words); {
		if comps, ok := completions[i]; ok {
			c := Concept{Source: words[i : i+1]}
			for _, w := range comps {
				c.Alts = append(c.Alts, Alt{Words: []string{w}, Original: true})
			}
			add(c)
			i++
			continue
		}
		matched := 0
		if th != nil {
			for n := min(th.longest, len(words)-i); n >= 2; n-- {
				if exp := th.Lookup(words[i : i+n]...); exp != nil {
					add(withAlts(words[i:i+n], exp))
					matched = n
					break
				}
			}
		}
		if matched > 0 {
			i += matched
			continue
		}
		if w := words[i]; !StopWord(w) && hasLetter(w) || isNumber(w) {
			add(withAlts(words[i:i+1], th.Lookup(w)))
		}
		i++
	}
	if len(q.Concepts) > o.MaxConcepts {
		q.Concepts = weightiest(q.Concepts, o.MaxConcepts)
	}
	return q
}

func withAlts(src []string, exp [][]string) Concept {
	c := Concept{Source: src, Alts: []Alt{{Words: src, Original: true}}}
	for _, e := range exp {
		c.Alts = append(c.Alts, Alt{Words: e})
	}
	return c
}

// conceptWeight is the IDF of the rarest known content word among a concept's
// alternatives: finding "interrupt" says more than finding "customer".
func conceptWeight(c Concept, v *Vocabulary) float64 {
	if v.Len() == 0 {
		return 1
	}
	best := 0.0
	for _, a := range c.Alts {
		for _, w := range a.Words {
			if !StopWord(w) && v.Known(w) {
				best = max(best, v.IDF(w))
			}
		}
	}
	return best
}

// weightiest keeps the n concepts of most weight, in their original order.
func weightiest(cs []Concept, n int) []Concept {
	idx := make([]int, len(cs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return cs[idx[a]].Weight > cs[idx[b]].Weight })
	idx = idx[:n]
	sort.Ints(idx)
	out := make([]Concept, n)
	for i, j := range idx {
		out[i] = cs[j]
	}
	return out
}

func hasLetter(w string) bool { return strings.IndexFunc(w, unicode.IsLetter) >= 0 }

func isNumber(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

func endsWithSpace(s string) bool {
	return s != "" && strings.IndexAny(s[len(s)-1:], " \t\n?.!,") == 0
}
