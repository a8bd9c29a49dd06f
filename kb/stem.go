package kb

// Stem reduces an English word to its stem with M. F. Porter's 1980 algorithm, the one
// SQLite's porter tokenizer uses, so "resolving", "resolved" and "resolves" all become
// "resolv". word must be lower case; words of one or two letters are returned as they are.
func Stem(word string) string {
	if len(word) <= 2 || !ascii(word) {
		return word
	}
	w := []byte(word)
	w = step1a(w)
	w = step1b(w)
	w = step1c(w)
	w = step2(w)
	w = step3(w)
	w = step4(w)
	w = step5(w)
	return string(w)
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// cons reports whether w[i] is a consonant in Porter's sense: y after a consonant is a vowel.
func cons(w []byte, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !cons(w, i-1)
	}
	return true
}

// measure counts the VC sequences in w: [C](VC){m}[V].
func measure(w []byte) int {
	n, i := 0, 0
	for i < len(w) && cons(w, i) {
		i++
	}
	for i < len(w) {
		for i < len(w) && !cons(w, i) {
			i++
		}
		if i >= len(w) {
			break
		}
		for i < len(w) && cons(w, i) {
			i++
		}
		n++
	}
	return n
}

func hasVowel(w []byte) bool {
	for i := range w {
		if !cons(w, i) {
			return true
		}
	}
	return false
}

func doubleCons(w []byte) bool {
	n := len(w)
	return n >= 2 && w[n-1] == w[n-2] && cons(w, n-1)
}

// cvc reports whether w ends consonant-vowel-consonant, the last not w, x or y.
func cvc(w []byte) bool {
	n := len(w)
	if n < 3 || !cons(w, n-1) || cons(w, n-2) || !cons(w, n-3) {
		return false
	}
	c := w[n-1]
	return c != 'w' && c != 'x' && c != 'y'
}

func hasSuffix(w []byte, s string) bool {
	return len(w) >= len(s) && string(w[len(w)-len(s):]) == s
}

func replace(w []byte, suffix, with string) []byte {
	return append(w[:len(w)-len(suffix)], with...)
}

func step1a(w []byte) []byte {
	switch {
	case hasSuffix(w, "sses"):
		return replace(w, "sses", "ss")
	case hasSuffix(w, "ies"):
		return replace(w, "ies", "i")
	case hasSuffix(w, "ss"):
		return w
	case hasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

func step1b(w []byte) []byte {
	if hasSuffix(w, "eed") {
		if measure(w[:len(w)-3]) > 0 {
			return w[:len(w)-1]
		}
		return w
	}
	var stem []byte
	switch {
	case hasSuffix(w, "ed") && hasVowel(w[:len(w)-2]):
		stem = w[:len(w)-2]
	case hasSuffix(w, "ing") && hasVowel(w[:len(w)-3]):
		stem = w[:len(w)-3]
	default:
		return w
	}
	switch {
	case hasSuffix(stem, "at"), hasSuffix(stem, "bl"), hasSuffix(stem, "iz"):
		return append(stem, 'e')
	case doubleCons(stem):
		if c := stem[len(stem)-1]; c != 'l' && c != 's' && c != 'z' {
			return stem[:len(stem)-1]
		}
		return stem
	case measure(stem) == 1 && cvc(stem):
		return append(stem, 'e')
	}
	return stem
}

func step1c(w []byte) []byte {
	if hasSuffix(w, "y") && hasVowel(w[:len(w)-1]) {
		w[len(w)-1] = 'i'
	}
	return w
}

type rule struct{ suffix, with string }

var step2Rules = []rule{
	{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"}, {"izer", "ize"},
	{"abli", "able"}, {"alli", "al"}, {"entli", "ent"}, {"eli", "e"}, {"ousli", "ous"},
	{"ization", "ize"}, {"ation", "ate"}, {"ator", "ate"}, {"alism", "al"}, {"iveness", "ive"},
	{"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"},
}

var step3Rules = []rule{
	{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"}, {"ical", "ic"}, {"ful", ""}, {"ness", ""},
}

// applyRules replaces the first matching suffix when what precedes it has a measure > 0.
func applyRules(w []byte, rules []rule) []byte {
	for _, r := range rules {
		if hasSuffix(w, r.suffix) {
			if measure(w[:len(w)-len(r.suffix)]) > 0 {
				return replace(w, r.suffix, r.with)
			}
			return w
		}
	}
	return w
}

func step2(w []byte) []byte { return applyRules(w, step2Rules) }
func step3(w []byte) []byte { return applyRules(w, step3Rules) }

var step4Suffixes = []string{"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
	"ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"}

func step4(w []byte) []byte {
	// the longest matching suffix decides, so check longer ones first where they overlap
	best := ""
	for _, s := range step4Suffixes {
		if hasSuffix(w, s) && len(s) > len(best) {
			best = s
		}
	}
	if best == "" {
		return w
	}
	stem := w[:len(w)-len(best)]
	if measure(stem) <= 1 {
		return w
	}
	if best == "ion" {
		if len(stem) == 0 || (stem[len(stem)-1] != 's' && stem[len(stem)-1] != 't') {
			return w
		}
	}
	return stem
}

func step5(w []byte) []byte {
	if hasSuffix(w, "e") {
		stem := w[:len(w)-1]
		if m := measure(stem); m > 1 || m == 1 && !cvc(stem) {
			w = stem
		}
	}
	if measure(w) > 1 && doubleCons(w) && w[len(w)-1] == 'l' {
		w = w[:len(w)-1]
	}
	return w
}
