package kb

import "strings"

// Doc is an article's searchable text.
type Doc struct {
	Title, Keywords, Body string
}

// Scorer ranks candidate articles for one query. The engines find and pre-rank the
// candidates; the scorer then weighs each of the question's ideas by how rare its words
// are, counts a title match above a body match, trusts the asker's own words above the
// thesaurus's, and rewards articles that cover more of the question. It is BM25 at heart,
// over ideas instead of words. Not safe for concurrent use: make one per search.
type Scorer struct {
	q      Query
	v      *Vocabulary
	stems  map[string]string
	buf    []byte
	fields [3]field     // title, keywords, body: reused from one document to the next
	alts   [][][]string // per concept, per alternative, the stems of its words
	idf    [][]float64
}

// BM25's constants: k1 saturates repeated words, b normalises by length against an
// average help-centre article.
const (
	k1         = 1.2
	b          = 0.75
	avgDocLen  = 150.0
	synonymMul = 0.7 // a thesaurus word counts this much of the asker's own
)

// NewScorer prepares to score documents for q, weighing words by v's frequencies.
func NewScorer(q Query, v *Vocabulary) *Scorer {
	s := &Scorer{q: q, v: v, stems: map[string]string{}}
	for _, c := range q.Concepts {
		var as [][]string
		var idfs []float64
		for _, a := range c.Alts {
			st := make([]string, len(a.Words))
			idf := 0.0
			for i, w := range a.Words {
				st[i] = s.stem(w)
				if !StopWord(w) {
					// a phrase is as telling as its rarest word, and a little more
					if x := v.IDF(w); x > idf {
						idf = x
					}
				}
			}
			if len(a.Words) > 1 {
				idf *= 1.2
			}
			as = append(as, st)
			idfs = append(idfs, idf)
		}
		s.alts = append(s.alts, as)
		s.idf = append(s.idf, idfs)
	}
	return s
}

func (s *Scorer) stem(w string) string {
	if st, ok := s.stems[w]; ok {
		return st
	}
	st := Stem(w)
	s.stems[w] = st
	return st
}

// read appends the stems of text's words to out.
func (s *Scorer) read(out []string, text string) []string {
	eachWord(text, func(start, end int) {
		s.buf = appendNorm(s.buf[:0], text[start:end])
		if len(s.buf) == 0 {
			return
		}
		st, ok := s.stems[string(s.buf)] // no allocation for the lookup
		if !ok && s.v != nil {
			st, ok = s.v.stemOf[string(s.buf)] // stemmed once, when the vocabulary was built
		}
		if !ok {
			w := string(s.buf)
			st = Stem(w)
			s.stems[w] = st
		}
		out = append(out, st)
	})
	return out
}

// field is a document field read for scoring: its stems in order, and how often each
// occurs. The map is reused from one document to the next, so reading allocates little.
type field struct {
	stems []string
	n     map[string]int32
}

func (s *Scorer) index(f *field, text string) {
	f.stems = s.read(f.stems[:0], text)
	if f.n == nil {
		f.n = map[string]int32{}
	}
	clear(f.n)
	for _, st := range f.stems {
		f.n[st]++
	}
}

// count is how often a sequence of stems occurs in a field.
func (f *field) count(seq []string) int {
	n := int(f.n[seq[0]])
	if len(seq) == 1 || n == 0 {
		return n
	}
	for _, st := range seq[1:] {
		if f.n[st] == 0 {
			return 0
		}
	}
	n = 0
	for i := 0; i+len(seq) <= len(f.stems); i++ {
		if f.stems[i] != seq[0] {
			continue
		}
		match := true
		for j := 1; j < len(seq); j++ {
			if f.stems[i+j] != seq[j] {
				match = false
				break
			}
		}
		if match {
			n++
		}
	}
	return n
}

// Match is one idea of the query found in a document: which alternative, and its share
// of the score.
type Match struct {
	Concept string  `json:"concept"`
	Alt     string  `json:"alt"`
	Score   float64 `json:"score"`
}

// Score is how well d answers the query; 0 when it shares nothing with it.
func (s *Scorer) Score(d Doc) float64 {
	score, _ := s.score(d, false)
	return score
}

// Explain is Score with the ideas that produced it, to show why an article matched.
func (s *Scorer) Explain(d Doc) (float64, []Match) {
	return s.score(d, true)
}

func (s *Scorer) score(d Doc, explain bool) (float64, []Match) {
	var matches []Match
	title, kw, body := &s.fields[0], &s.fields[1], &s.fields[2]
	s.index(title, d.Title)
	s.index(kw, d.Keywords)
	s.index(body, d.Body)
	norm := k1 * (1 - b + b*float64(len(title.stems)+len(body.stems))/avgDocLen)
	total, covered := 0.0, 0
	for ci, c := range s.q.Concepts {
		best, bestAlt := 0.0, -1
		for ai, st := range s.alts[ci] {
			tf := 3*float64(title.count(st)) + 2*float64(kw.count(st)) + float64(body.count(st))
			if tf == 0 {
				continue
			}
			score := s.idf[ci][ai] * tf * (k1 + 1) / (tf + norm)
			if !c.Alts[ai].Original {
				score *= synonymMul
			}
			if score > best {
				best, bestAlt = score, ai
			}
		}
		if best > 0 {
			covered++
			if explain {
				matches = append(matches, Match{Concept: strings.Join(c.Source, " "), Alt: strings.Join(c.Alts[bestAlt].Words, " "), Score: best})
			}
		}
		total += best
	}
	if len(s.q.Concepts) == 0 {
		return 0, nil
	}
	return total * (0.5 + 0.5*float64(covered)/float64(len(s.q.Concepts))), matches
}
