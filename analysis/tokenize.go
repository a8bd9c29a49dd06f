package analysis

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	tokWord = iota
	tokNumber
	tokEmoji
	tokEmoticon
	tokPunct
)

// Token flags.
const (
	flagCaps    = 1 << iota // every letter upper case, at least two letters
	flagUpper               // at least one upper-case letter
	flagNegated             // read in the scope of a negation (set by featureRows)
	flagASCII               // a word of plain ASCII bytes (its prefix feature follows from its hash)
)

// token is one word, number, emoji, emoticon or run of punctuation, as byte offsets into
// the text with its hash precomputed.
type token struct {
	start, end int32
	h          uint64
	lex        int32 // index into Engine.lex, or -1
	kind       uint8
	flags      uint8
	punct      byte  // for tokPunct: the character ('!' and '?' runs keep their count in n)
	n          uint8 // for tokPunct: the length of the run, capped at 255
	// (punct and n are read only when kind is tokPunct: the scanner leaves them as they
	// were in a reused buffer for the other kinds)
}

// maxText is how many bytes of a message are read; the rest of a longer text is ignored,
// so offsets fit in int32 and time stays bounded.
const maxText = 1 << 24

func isWordByte(c byte) bool { return wordByte[c] }

// wordByte marks ASCII letters and digits.
var wordByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// punctRun marks the marks tokenize reads as runs (a token per run).
var punctRun = func() (t [256]bool) {
	for _, c := range []byte(".,;:()\"-/*") {
		t[c] = true
	}
	return t
}()

func isEmojiRune(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r >= 0x2B00 && r <= 0x2BFF ||
		r == 0x203C || r == 0x2049 || r >= 0x2190 && r <= 0x21FF || r >= 0x2300 && r <= 0x23FF
}

// emoji modifiers that belong to the emoji before them
func isEmojiModifier(r rune) bool {
	return r == 0xFE0F || r == 0xFE0E || r == 0x200D || r >= 0x1F3FB && r <= 0x1F3FF || r == 0x20E3
}

// tokenize scans s into toks (reusing its storage). It never allocates when toks has room.
func (e *Engine) tokenize(s string, toks []token) []token {
	if len(s) > maxText {
		s = s[:maxText]
	}
	n := len(s)
	// tokens are written by index; there is room for two more at the top of the loop
	toks = toks[:cap(toks)]
	nt := 0
	if len(toks) < 2 {
		toks = growTokens(toks, nt)
	}
	for i := 0; i < n; {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case isWordByte(c) || c == ' ':
				// words of plain ASCII and the spaces between them, the bulk of a text
				var other bool
				if i, nt, other = e.scanWords(s, i, toks, nt); other {
					var ok bool
					if i, ok = e.scanWordAny(s, i, &toks[nt]); ok {
						nt++
					}
				}
			case c == '\n' || c == '\t' || c == '\r':
				i++
			case c == '!' || c == '?':
				j := i
				for j < n && (s[j] == '!' || s[j] == '?') {
					j++
				}
				// a mixed run such as "?!" is read as both marks
				nb, nq := 0, 0
				for k := i; k < j; k++ {
					if s[k] == '!' {
						nb++
					} else {
						nq++
					}
				}
				if nq > 0 {
					toks[nt] = token{start: int32(i), end: int32(j), kind: tokPunct, punct: '?', n: uint8(min(nq, 255)), lex: -1}
					nt++
				}
				if nb > 0 {
					toks[nt] = token{start: int32(i), end: int32(j), kind: tokPunct, punct: '!', n: uint8(min(nb, 255)), lex: -1}
					nt++
				}
				i = j
			case c == '@' && i+1 < n && isWordByte(s[i+1]):
				// a handle names someone; it carries no feeling
				j := i + 1
				for j < n && (isWordByte(s[j]) || s[j] == '_') {
					j++
				}
				i = j
			default:
				if j, lex := e.matchEmoticon(s, i); j > i {
					toks[nt] = token{start: int32(i), end: int32(j), kind: tokEmoticon, lex: lex, h: hashRaw(s[i:j])}
					nt++
					i = j
					break
				}
				switch c {
				case '.', ',', ';', ':', '(', ')', '"', '-', '/', '*':
					j := i + 1
					for j < n && s[j] == c {
						j++
					}
					t := &toks[nt]
					t.start, t.end, t.h, t.lex, t.kind, t.flags, t.punct, t.n = int32(i), int32(j), 0, -1, tokPunct, 0, c, uint8(min(j-i, 255))
					nt++
					i = j
				default:
					i++
				}
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				i++
			case unicode.IsLetter(r) || unicode.IsNumber(r):
				var ok bool
				if i, ok = e.scanWordAny(s, i, &toks[nt]); ok {
					nt++
				}
			case isEmojiRune(r):
				j := i + size
				for j < n {
					r2, s2 := utf8.DecodeRuneInString(s[j:])
					if !isEmojiModifier(r2) {
						break
					}
					j += s2
					if r2 == 0x200D && j < n { // a joined sequence is one emoji
						_, s3 := utf8.DecodeRuneInString(s[j:])
						j += s3
					}
				}
				h := hashWord(s[i : i+size])
				toks[nt] = token{start: int32(i), end: int32(j), kind: tokEmoji, h: h, lex: e.words.get(h)}
				nt++
				i = j
			default:
				i += size
			}
		}
		if nt+2 > len(toks) {
			toks = growTokens(toks, nt)
		}
	}
	return toks[:nt]
}

// growTokens doubles the room in toks, keeping the first nt.
//
//go:noinline
func growTokens(toks []token, nt int) []token {
	toks = append(toks[:nt], make([]token, max(nt, 32))...)
	return toks[:cap(toks)]
}

// skipLink skips a link (the "://" at i) to the next space: a link is not words.
func skipLink(s string, i int) int {
	for i < len(s) && s[i] != ' ' && s[i] != '\n' && s[i] != '\t' {
		i++
	}
	return i
}

// scanWordsGo reads words of plain ASCII (letters and digits, with inner apostrophes),
// the spaces, line breaks and tabs between them and the common marks (runs of '!' and
// '?', and a mark of tokenize's runs standing alone before a space) into toks[nt:], as
// tokenize would, from i to the first byte that is none of these, or until toks is full. It returns the offset it stopped at and the new count, and true
// when it stopped at the start of a word with bytes outside ASCII (for scanWordAny). A
// word that starts a link is skipped with the link. scanWords is this loop, in assembly
// on amd64 (scan_amd64.s; a test holds the two to the same tokens).
func (e *Engine) scanWordsGo(s string, i int, toks []token, nt int) (int, int, bool) {
	for nt < len(toks) {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i == len(s) {
			break
		}
		if c := s[i]; !isWordByte(c) {
			// the marks between words, as tokenize reads them
			switch {
			case c == '\n' || c == '\t' || c == '\r':
				i++
				continue
			case c == '!' || c == '?':
				if nt+2 > len(toks) {
					return i, nt, false
				}
				j := i
				nb := 0
				for j < len(s) && (s[j] == '!' || s[j] == '?') {
					if s[j] == '!' {
						nb++
					}
					j++
				}
				if nq := j - i - nb; nq > 0 {
					toks[nt] = token{start: int32(i), end: int32(j), kind: tokPunct, punct: '?', n: uint8(min(nq, 255)), lex: -1}
					nt++
				}
				if nb > 0 {
					toks[nt] = token{start: int32(i), end: int32(j), kind: tokPunct, punct: '!', n: uint8(min(nb, 255)), lex: -1}
					nt++
				}
				i = j
				continue
			case punctRun[c] && (i+1 == len(s) || s[i+1] <= ' ' || s[i+1] >= utf8.RuneSelf):
				// a mark of its own before a space or the end: no emoticon starts here
				// (matchEmoticon's candidates are two bytes or more), a run of one
				t := &toks[nt]
				t.start, t.end, t.h, t.lex, t.kind, t.flags, t.punct, t.n = int32(i), int32(i+1), 0, -1, tokPunct, 0, c, 1
				nt++
				i++
				continue
			}
			break
		}
		start := i
		h := uint64(fnvOffset)
		upper, other := 0, 0 // upper-case letters; digits and inner marks
		for i < len(s) {
			c := s[i]
			if c-'a' >= 26 {
				if c-'A' < 26 {
					upper++
					c += 'a' - 'A'
				} else if c-'0' < 10 || (c == '\'' || c == '_') && i+1 < len(s) && i > start && isWordByte(s[i+1]) {
					other++
				} else {
					break
				}
			}
			h = (h ^ uint64(c)) * fnvPrime
			i++
		}
		if i < len(s) && s[i] >= utf8.RuneSelf {
			return start, nt, true
		}
		kind, flags := uint8(tokWord), uint8(flagASCII)
		if i-start == upper+other { // no lower-case letter
			if upper == 0 {
				kind = tokNumber
			} else if upper >= 2 {
				flags |= flagCaps
			}
		}
		if upper > 0 {
			flags |= flagUpper
		}
		if i+2 < len(s) && s[i] == ':' && s[i+1] == '/' && s[i+2] == '/' && kind == tokWord {
			i = skipLink(s, i)
			continue
		}
		h = mix(h)
		// the fields are stored one by one: a token built on the stack and copied with
		// wide moves stalls on store-to-load forwarding (punct and n are read only for
		// punctuation)
		t := &toks[nt]
		t.start, t.end, t.h, t.lex, t.kind, t.flags = int32(start), int32(i), h, e.words.get(h), kind, flags
		nt++
	}
	return i, nt, false
}

// scanWordAny reads one word starting at i into *t: letters and digits, with inner
// apostrophes. It returns the offset after the word and false when the word is the start
// of a link (skipped, no token). scanWords reads the words of plain ASCII, the common case.
func (e *Engine) scanWordAny(s string, i int, t *token) (int, bool) {
	n := len(s)
	start := i
	h := uint64(fnvOffset)
	upper, lower := 0, 0
	ascii := true
	for i < n {
		// the common case first: a run of lower-case ASCII letters
		c := s[i]
		for c-'a' < 26 {
			h = (h ^ uint64(c)) * fnvPrime
			i++
			lower = 1
			if i == n {
				goto done
			}
			c = s[i]
		}
		if c < utf8.RuneSelf {
			switch {
			case c-'A' < 26:
				upper++
				c += 'a' - 'A'
			case c-'0' < 10:
			case (c == '\'' || c == '_') && i+1 < n && i > start && isWordByte(s[i+1]):
			default:
				goto done
			}
			h = (h ^ uint64(c)) * fnvPrime
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\u2019' && i+size < n && i > start && s[i+size] < utf8.RuneSelf && isWordByte(s[i+size]) {
			h ^= uint64('\'')
			h *= fnvPrime
			i += size
			ascii = false
			continue
		}
		if r == utf8.RuneError && size == 1 || !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)) {
			break
		}
		ascii = false
		if unicode.IsUpper(r) {
			upper++
			r = unicode.ToLower(r)
		} else {
			lower++
		}
		var buf [utf8.UTFMax]byte
		m := utf8.EncodeRune(buf[:], r)
		for k := 0; k < m; k++ {
			h ^= uint64(buf[k])
			h *= fnvPrime
		}
		i += size
	}
done:
	if i == start { // cannot happen for a word start, but never loop forever
		return start + 1, false
	}
	h = mix(h)
	kind, flags := uint8(tokWord), uint8(0)
	if ascii {
		flags |= flagASCII
	}
	if upper+lower == 0 {
		kind = tokNumber
	}
	if upper > 0 {
		flags |= flagUpper
		if lower == 0 && upper >= 2 {
			flags |= flagCaps
		}
	}
	if i+2 < n && s[i] == ':' && s[i+1] == '/' && s[i+2] == '/' && kind == tokWord {
		return skipLink(s, i), false
	}
	t.start, t.end, t.h, t.lex, t.kind, t.flags, t.punct, t.n = int32(start), int32(i), h, e.words.get(h), kind, flags, 0, 0
	return i, true
}

// matchEmoticon tries the longest emoticon from the lexicon starting at i, such as ":-(".
func (e *Engine) matchEmoticon(s string, i int) (int, int32) {
	if !e.emoStart[s[i]] {
		return i, -1
	}
	j := i
	for j < len(s) && j-i < 6 && s[j] > ' ' && s[j] < utf8.RuneSelf {
		j++
	}
	for ; j >= i+2; j-- {
		// an emoticon must stand alone: followed by space, end or punctuation
		if j < len(s) && isWordByte(s[j]) {
			continue
		}
		if lex := e.words.get(hashRaw(s[i:j])); lex >= 0 && e.lex[lex].class&classEmoticon != 0 {
			return j, lex
		}
	}
	return i, -1
}

// hashRaw hashes bytes as they are (emoticons keep their case: ":D" is not ":d").
func hashRaw(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return mix(h ^ 0x5bd1e995)
}
