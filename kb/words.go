// Package kb holds the language tools behind Attune's knowledge-base search: splitting
// text into words, stemming them, bridging everyday words and an article's words with a
// thesaurus, correcting typos against the indexed vocabulary, and marking matches in
// snippets. It imports the standard library only; the databases do the ranking.
package kb

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a word's position in a text, in bytes.
type span struct{ start, end int }

// eachWord calls fn with the position of every word in s, as wordSpans finds them,
// without building a slice.
func eachWord(s string, fn func(start, end int)) {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			isWord := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
			if !isWord && c == '\'' && start >= 0 && i+1 < len(s) {
				next, _ := utf8.DecodeRuneInString(s[i+1:])
				isWord = unicode.IsLetter(next)
			}
			if isWord && start < 0 {
				start = i
			} else if !isWord && start >= 0 {
				fn(start, i)
				start = -1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !isWord && r == '’' && start >= 0 && i+size < len(s) {
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			isWord = unicode.IsLetter(next)
		}
		if isWord && start < 0 {
			start = i
		} else if !isWord && start >= 0 {
			fn(start, i)
			start = -1
		}
		i += size
	}
	if start >= 0 {
		fn(start, len(s))
	}
}

// wordSpans finds the words in s: runs of letters and digits. An apostrophe inside a word
// joins it ("don't"); a possessive 's ends it, so "customer's" is the word customer.
func wordSpans(s string) []span {
	var out []span
	eachWord(s, func(start, end int) { out = append(out, span{start, end}) })
	return out
}

// normWord lower-cases a word and drops apostrophes, and a possessive 's with them:
// "Customer's" becomes customer, "don't" becomes dont.
func normWord(w string) string {
	w = strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	w = strings.TrimSuffix(w, "'s")
	return strings.ReplaceAll(w, "'", "")
}

// appendNorm appends the normalised form of a word (as normWord) to buf, without
// allocating for the common case of plain letters.
func appendNorm(buf []byte, w string) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'A' && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			case c == '\'':
				if i+2 == len(w) && (w[i+1] == 's' || w[i+1] == 'S') {
					return buf // a possessive 's ends the word
				}
			default:
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		if r == '’' {
			if i+size+1 == len(w) && (w[i+size] == 's' || w[i+size] == 'S') {
				return buf
			}
		} else {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
		i += size
	}
	return buf
}

// Words splits text into lower-case words, as the search engines index them.
func Words(s string) []string {
	spans := wordSpans(s)
	out := make([]string, 0, len(spans))
	for _, sp := range spans {
		if w := normWord(s[sp.start:sp.end]); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// StopWord reports whether w (lower case) carries too little meaning to search for on
// its own: "how do I get my money back" searches for money and back.
func StopWord(w string) bool { return stopWords[w] }

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all am an and any are arent as at be
		because been before being below between both but by can cant cannot could couldnt did didnt do does
		doesnt doing dont down during each either else etc ever every few for from further get gets getting got
		had hadnt has hasnt have havent having he hed hell hes her here heres hers herself him himself his how
		hows i id ill im ive if in into is isnt it its itself just lets like may maybe me might more most much
		must mustnt my myself need needs no nor not now of off on once one only or other ought our ours
		ourselves out over own please same shall shant she shed shell shes should shouldnt so some such
		than that thats the their theirs them themselves then there theres these they theyd theyll theyre
		theyve this those through thing things to too under until up very want wants was wasnt we wed well
		were weve werent what whats when whens where wheres whether which while who whos whom why whys will
		with wont would wouldnt yes yet you youd youll youre youve your yours yourself yourselves
		also really still even ok okay hi hello thanks thank anyone someone something anything way
		happen happens happened happening
		`) {
		m[w] = true
	}
	return m
}()
