package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// coachToken is one normalised word of a text. Contractions are expanded into several
// tokens that share the span of the word they came from ("I'm" → "i" "am"), so phrase
// lists can be written once in their long form and still match every spelling.
type coachToken struct {
	w          string // lower-case, straight apostrophes, contraction expanded
	id         int32  // w's number in the coach's vocabulary, or coachUnknown
	start, end int32  // byte span of the source word in the text
	sent       int32  // index of the sentence the word is in
	upper      bool   // the source word was written in capitals (two or more letters)
	first      bool   // the token starts its sentence
}

// coachSentence is a byte span of the text ending at . ! ? or a line break.
type coachSentence struct {
	start, end int
	tok0, tok1 int // tokens [tok0, tok1)
	question   bool
	exclaim    bool
}

// coachText is a tokenised text.
type coachText struct {
	s                string
	toks             []coachToken
	sents            []coachSentence
	words            int // source words (before contraction expansion)
	caps             int // words in capitals
	qmarks, exclaims int
	lex              *coachLex // numbers the words, when given

	// Phrase matches, found on first use and shared by the text's sentences.
	x     *coachIndex
	hits  *coachHits
	buf   *coachBuf    // borrowed memory for the matches, when there is some
	whole []coachToken // the whole text's tokens, when this is one sentence of it
	off   int          // index of toks[0] in whole
}

// sub returns tokens [t0, t1) as a text of their own that shares the phrase matches.
func (t *coachText) sub(t0, t1 int) coachText {
	whole := t.whole
	if whole == nil {
		whole = t.toks
	}
	return coachText{s: t.s, toks: t.toks[t0:t1], x: t.x, hits: t.hits, buf: t.buf, whole: whole, off: t.off + t0}
}

// root returns the whole text a sentence belongs to.
func (t *coachText) root() *coachText {
	if t.whole == nil {
		return t
	}
	return &coachText{s: t.s, toks: t.whole, x: t.x, hits: t.hits, buf: t.buf}
}

// coachExpansions lists the contractions (and their common apostrophe-less spellings)
// that are read as two words.
var coachExpansions = map[string][2]string{
	"i'm": {"i", "am"}, "im": {"i", "am"}, "i've": {"i", "have"}, "ive": {"i", "have"},
	"i'll": {"i", "will"}, "i'd": {"i", "would"},
	"you're": {"you", "are"}, "youre": {"you", "are"}, "you've": {"you", "have"}, "youve": {"you", "have"},
	"you'll": {"you", "will"}, "you'd": {"you", "would"},
	"we're": {"we", "are"}, "we've": {"we", "have"}, "we'll": {"we", "will"}, "we'd": {"we", "would"},
	"they're": {"they", "are"}, "they've": {"they", "have"}, "they'll": {"they", "will"}, "they'd": {"they", "would"},
	"he's": {"he", "is"}, "she's": {"she", "is"}, "it's": {"it", "is"}, "its'": {"it", "is"},
	"that's": {"that", "is"}, "thats": {"that", "is"}, "there's": {"there", "is"}, "theres": {"there", "is"},
	"here's": {"here", "is"}, "what's": {"what", "is"}, "whats": {"what", "is"}, "who's": {"who", "is"},
	"how's": {"how", "is"}, "where's": {"where", "is"}, "let's": {"let", "us"}, "lets": {"let", "us"},
	"can't": {"can", "not"}, "cant": {"can", "not"}, "cannot": {"can", "not"}, "won't": {"will", "not"},
	"shan't": {"shall", "not"}, "don't": {"do", "not"}, "dont": {"do", "not"}, "doesn't": {"does", "not"},
	"doesnt": {"does", "not"}, "didn't": {"did", "not"}, "didnt": {"did", "not"}, "isn't": {"is", "not"},
	"isnt": {"is", "not"}, "aren't": {"are", "not"}, "arent": {"are", "not"}, "wasn't": {"was", "not"},
	"wasnt": {"was", "not"}, "weren't": {"were", "not"}, "haven't": {"have", "not"}, "havent": {"have", "not"},
	"hasn't": {"has", "not"}, "hasnt": {"has", "not"}, "hadn't": {"had", "not"}, "wouldn't": {"would", "not"},
	"wouldnt": {"would", "not"}, "couldn't": {"could", "not"}, "couldnt": {"could", "not"},
	"shouldn't": {"should", "not"}, "shouldnt": {"should", "not"}, "mustn't": {"must", "not"},
	"ain't": {"is", "not"}, "gonna": {"going", "to"}, "wanna": {"want", "to"}, "gotta": {"got", "to"},
}

// coachTokenize splits s into words and sentences. It never fails: invalid UTF-8 and
// symbols are separators.
func coachTokenize(s string) coachText { return coachTokenizeWith(s, nil) }

// coachLex maps each spelling the tokenizer meets to a word id (≥ 0) or, for a contraction,
// to coachExpFirst−k where exps[k] is its expansion. Small values keep the map compact.
type coachLex struct {
	keys  []string // open addressing: slot → spelling, "" when empty
	vals  []int32  // slot → value
	mask  uint32
	exps  []coachExp
	words []string // word id → spelling
}

// coachLexHash is FNV-1a, inlined by hand because it runs for every word of every text.
func coachLexHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// coachLexHashBytes is coachLexHash of a byte slice.
func coachLexHashBytes(b []byte) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(b); i++ {
		h = (h ^ uint32(b[i])) * 16777619
	}
	return h
}

// newCoachLex makes a table with room for n spellings at a load of at most one half.
func newCoachLex(n int) coachLex {
	size := 1
	for size < 2*n {
		size <<= 1
	}
	return coachLex{keys: make([]string, size), vals: make([]int32, size), mask: uint32(size - 1)}
}

// put sets the value of w; w must not be "".
func (l *coachLex) put(w string, v int32) {
	for i := coachLexHash(w) & l.mask; ; i = (i + 1) & l.mask {
		if l.keys[i] == "" || l.keys[i] == w {
			l.keys[i], l.vals[i] = w, v
			return
		}
	}
}

// get returns the value of w.
func (l *coachLex) get(w string) (int32, bool) {
	if w == "" || len(l.keys) == 0 {
		return 0, false
	}
	for i := coachLexHash(w) & l.mask; ; i = (i + 1) & l.mask {
		switch l.keys[i] {
		case w:
			return l.vals[i], true
		case "":
			return 0, false
		}
	}
}

// getBytes is get for a byte slice, without allocating.
func (l *coachLex) getBytes(b []byte) (int32, bool) {
	if len(b) == 0 || len(l.keys) == 0 {
		return 0, false
	}
	for i := coachLexHashBytes(b) & l.mask; ; i = (i + 1) & l.mask {
		k := l.keys[i]
		if k == "" {
			return 0, false
		}
		if k == string(b) {
			return l.vals[i], true
		}
	}
}

type coachExp struct {
	w0, w1   string
	id0, id1 int32
}

const coachExpFirst int32 = -10

// coachTokenizeWith tokenizes s, numbering the words by lex when it is given.
func coachTokenizeWith(s string, lex *coachLex) coachText {
	return coachTokenizeInto(s, lex, nil, nil)
}

// coachTokenizeInto tokenizes s into the given buffers, growing them when they are short.
func coachTokenizeInto(s string, lex *coachLex, toks []coachToken, sents []coachSentence) coachText {
	t := coachText{s: s, lex: lex}
	n := len(s) / 5
	if n > 4096 {
		n = 4096
	}
	if cap(toks) < n+4 {
		toks = make([]coachToken, 0, n+4)
	}
	if cap(sents) < n/8+2 {
		sents = make([]coachSentence, 0, n/8+2)
	}
	t.toks, t.sents = toks[:0], sents[:0]
	sentStart, sentTok := -1, 0
	closeSent := func(end int, q, ex bool) {
		if sentStart < 0 {
			return
		}
		t.sents = append(t.sents, coachSentence{start: sentStart, end: end, tok0: sentTok, tok1: len(t.toks), question: q, exclaim: ex})
		if q {
			t.qmarks++
		}
		sentStart = -1
	}
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case coachIsWordByte(c):
				if k := coachURLEnd(s, i); k > i {
					// A web address is not words: "why" in a link's path asks nothing.
					i = k
					continue
				}
				j := coachWordEnd(s, i)
				if sentStart < 0 {
					sentStart, sentTok = i, len(t.toks)
				}
				t.addWord(s, i, j, len(t.sents))
				i = j
				continue
			case c == '.' || c == '!' || c == '?' || c == '\n' || c == ';':
				j := i
				q, ex := false, false
				for j < len(s) && (s[j] == '.' || s[j] == '!' || s[j] == '?' || s[j] == ';') {
					if s[j] == '?' {
						q = true
					}
					if s[j] == '!' {
						ex = true
						t.exclaims++
					}
					j++
				}
				if c == '\n' {
					j = i + 1
				}
				// A full stop inside a number or an abbreviation like "e.g." does not end
				// the sentence.
				if c == '.' && j == i+1 && j < len(s) && coachIsWordByte(s[j]) {
					i = j
					continue
				}
				if sentStart >= 0 {
					closeSent(j, q, ex)
				} else if q && len(t.sents) > 0 && t.sents[len(t.sents)-1].end == i {
					t.sents[len(t.sents)-1].question = true
				}
				i = j
				continue
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			j := coachWordEnd(s, i)
			if sentStart < 0 {
				sentStart, sentTok = i, len(t.toks)
			}
			t.addWord(s, i, j, len(t.sents))
			i = j
			continue
		}
		if r == '…' {
			closeSent(i+size, false, false)
		} else if r != utf8.RuneError && sentStart < 0 && !unicode.IsSpace(r) {
			// Emoji and symbols belong to the sentence they stand in.
			sentStart, sentTok = i, len(t.toks)
		}
		i += size
	}
	closeSent(len(s), false, false)
	return t
}

// coachURLEnd returns the end of the web address that starts at s[i] ("http://…",
// "https://…", "www.…"), or i when none does.
func coachURLEnd(s string, i int) int {
	if c := s[i]; c != 'h' && c != 'H' && c != 'w' && c != 'W' {
		return i
	}
	if i > 0 && coachIsWordByte(s[i-1]) {
		return i
	}
	rest := s[i:]
	if !coachHasPrefixFold(rest, "http://") && !coachHasPrefixFold(rest, "https://") && !coachHasPrefixFold(rest, "www.") {
		return i
	}
	j := i
	for j < len(s) && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r' && s[j] != ')' && s[j] != ']' && s[j] != '"' && s[j] != '>' {
		j++
	}
	// A sentence's full stop or question mark after the address still ends it.
	for j > i && (s[j-1] == '.' || s[j-1] == '?' || s[j-1] == '!' || s[j-1] == ',') {
		j--
	}
	return j
}

// coachHasPrefixFold reports whether s starts with the lower-case ASCII prefix p, in any
// case.
func coachHasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for k := 0; k < len(p); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[k] {
			return false
		}
	}
	return true
}

func coachIsWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// coachWordEnd returns the end of the word starting at i: letters and digits, with single
// inner apostrophes (straight or curly) and inner dots between digits.
func coachWordEnd(s string, i int) int {
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if coachIsWordByte(c) {
				j++
				continue
			}
			if (c == '\'' || c == '.' && j > i && s[j-1] >= '0' && s[j-1] <= '9') && j+1 < len(s) && coachIsWordByte(s[j+1]) && j > i {
				if c == '.' && !(s[j+1] >= '0' && s[j+1] <= '9') {
					break
				}
				j++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if r == '’' && j > i && j+size < len(s) && coachIsWordByte(s[j+size]) {
			j += size
			continue
		}
		if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) {
			break
		}
		j += size
	}
	if j == i { // never loop forever
		_, size := utf8.DecodeRuneInString(s[i:])
		j = i + size
	}
	return j
}

// addWord appends the normalised token(s) for s[i:j].
func (t *coachText) addWord(s string, i, j, sentence int) {
	raw := s[i:j]
	i32, j32, sent := int32(i), int32(j), int32(sentence)
	t.words++
	upper, lowerNeeded, curly, ascii := 0, false, false, true
	letters := 0
	for k := 0; k < len(raw); k++ {
		c := raw[k]
		if c >= utf8.RuneSelf {
			ascii = false
			if strings.HasPrefix(raw[k:], "’") {
				curly = true
			}
			continue
		}
		if c >= 'A' && c <= 'Z' {
			upper++
			letters++
			lowerNeeded = true
		} else if c >= 'a' && c <= 'z' {
			letters++
		}
	}
	isUpper := upper >= 2 && upper == letters
	if isUpper {
		t.caps++
	}
	first := len(t.toks) == 0 || t.toks[len(t.toks)-1].sent != sent
	w := raw
	var id int32
	ok := false
	switch {
	case !ascii:
		if curly {
			w = strings.ReplaceAll(w, "’", "'")
		}
		w = strings.ToLower(w)
	case lowerNeeded && t.lex != nil && len(raw) <= 32:
		// Look the word up in lower case without allocating; a known word takes the
		// vocabulary's copy of its spelling.
		var buf [32]byte
		b := buf[:len(raw)]
		for k := 0; k < len(raw); k++ {
			c := raw[k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[k] = c
		}
		if id, ok = t.lex.getBytes(b); ok {
			if id >= 0 {
				w = t.lex.words[id]
			} else {
				w = "" // a contraction: its words come from exps
			}
		} else {
			w = string(b)
		}
	case lowerNeeded:
		w = coachLowerASCII(w)
	}
	if t.lex != nil {
		if !ok {
			id, ok = t.lex.get(w)
		}
		if !ok {
			if k := strings.IndexByte(w, '\''); k > 0 {
				// Possessives and other clitics: keep the word ("maria's" → "maria").
				w = w[:k]
				id, ok = t.lex.get(w)
			}
		}
		switch {
		case ok && id <= coachExpFirst:
			e := &t.lex.exps[coachExpFirst-id]
			t.toks = append(t.toks,
				coachToken{w: e.w0, id: e.id0, start: i32, end: j32, sent: sent, upper: isUpper, first: first},
				coachToken{w: e.w1, id: e.id1, start: i32, end: j32, sent: sent, upper: isUpper})
		case ok:
			t.toks = append(t.toks, coachToken{w: w, id: id, start: i32, end: j32, sent: sent, upper: isUpper, first: first})
		default:
			t.toks = append(t.toks, coachToken{w: w, id: coachUnknown, start: i32, end: j32, sent: sent, upper: isUpper, first: first})
		}
		return
	}
	if strings.IndexByte(w, '\'') >= 0 || len(w) <= 8 {
		if ex, ok := coachExpansions[w]; ok {
			t.toks = append(t.toks,
				coachToken{w: ex[0], id: coachUnknown, start: i32, end: j32, sent: sent, upper: isUpper, first: first},
				coachToken{w: ex[1], id: coachUnknown, start: i32, end: j32, sent: sent, upper: isUpper})
			return
		}
		if k := strings.IndexByte(w, '\''); k > 0 {
			// Possessives and other clitics: keep the word ("maria's" → "maria").
			w = w[:k]
		}
	}
	t.toks = append(t.toks, coachToken{w: w, id: coachUnknown, start: i32, end: j32, sent: sent, upper: isUpper, first: first})
}

func coachLowerASCII(s string) string {
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// sentenceOf returns the sentence containing token i.
func (t *coachText) sentenceOf(i int) coachSentence {
	if i < 0 || i >= len(t.toks) {
		return coachSentence{}
	}
	s := int(t.toks[i].sent)
	if s >= 0 && s < len(t.sents) {
		return t.sents[s]
	}
	return coachSentence{start: int(t.toks[i].start), end: int(t.toks[i].end), tok0: i, tok1: i + 1}
}
