package demo

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// phrase is one part of a message written several ways; one way is chosen at random. An
// empty alternative leaves the part out, so "", "x" makes x optional.
type phrase []string

// pick chooses one alternative, or "" for an empty phrase.
func (p phrase) pick(r *rand.Rand) string {
	if len(p) == 0 {
		return ""
	}
	return p[r.IntN(len(p))]
}

// message is a sequence of phrases: the parts of one message, each written several ways,
// so a handful of templates yields threads that do not read as copies.
type message []phrase

// render picks a wording for every part, joins them and fills the slots.
func (m message) render(r *rand.Rand, s slots) string {
	parts := make([]string, 0, len(m))
	for _, p := range m {
		if w := p.pick(r); w != "" {
			parts = append(parts, w)
		}
	}
	return s.fill(strings.Join(parts, " "))
}

// msg builds a message from its parts.
func msg(parts ...phrase) message { return parts }

// alt builds a phrase from its wordings.
func alt(ways ...string) phrase { return ways }

// slots are the words a thread fills its templates with: {first}, {order}, {amount}, …
type slots map[string]string

// fill replaces every {name} in s with its slot. Unknown names are left as they are, so a
// test can catch a template that names a slot nobody fills.
func (s slots) fill(text string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 32)
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			break
		}
		name := text[i+1 : i+j]
		b.WriteString(text[:i])
		if v, ok := s[name]; ok {
			b.WriteString(v)
		} else {
			b.WriteString(text[i : i+j+1])
		}
		text = text[i+j+1:]
	}
	b.WriteString(text)
	return tidy(b.String())
}

// tidy capitalises the start of the text and of each sentence a slot may have begun, and
// drops the doubled spaces an empty slot leaves.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "  ", " ")
	s = strings.ReplaceAll(s, " \n", "\n")
	return upperFirst(s)
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	// Keep "I" and acronyms such as "WF-" as they are.
	if r2, _ := utf8.DecodeRuneInString(s[n:]); r == 'I' && (r2 == ' ' || r2 == '\'') || unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// pickOne chooses an element of xs.
func pickOne[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// weighted chooses an index with probability proportional to its weight.
func weighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}
