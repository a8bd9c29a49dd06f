package attune

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what people can type, named in the errors that enforce them.
const (
	MaxNameLen    = 200    // characters in a name, subject, tag or title
	MaxEmailLen   = 254    // characters in an email address (RFC 5321)
	MaxBodyLen    = 20_000 // characters in a message body
	MaxNotesLen   = 10_000 // characters in customer notes
	MaxTags       = 20     // tags on one record
	MaxFacts      = 20     // pinned "things to remember" on one customer
	MaxFactLen    = 280    // characters in one pinned fact
	MaxAttributes = 50     // free-form attributes on one customer
)

// CleanText makes untrusted text safe to store: invalid UTF-8 becomes U+FFFD, NUL and
// other control characters (except newline and tab) are dropped, Windows line endings are
// normalised and surrounding space is trimmed. Stored text is therefore always valid UTF-8.
func CleanText(s string) string {
	if isClean(s) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r):
			// dropped: NUL and friends never reach storage
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// CleanLine is CleanText for single-line fields: any run of whitespace becomes one space.
func CleanLine(s string) string {
	return strings.Join(strings.Fields(CleanText(s)), " ")
}

func isClean(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r == '\r' || r != '\n' && r != '\t' && unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// Fields collects per-field validation messages in the order they are found.
type Fields map[string]string

// Add records a message for a field unless one is already there.
func (f Fields) Add(field, msg string) {
	if _, ok := f[field]; !ok {
		f[field] = msg
	}
}

// Err returns an invalid-input error when any field has a message, else nil.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return Invalid(f)
}

// CheckLen records a message when s is longer than max characters.
func (f Fields) CheckLen(field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		f.Add(field, fmt.Sprintf("This is too long: please keep it under %d characters.", max))
	}
}

// Require records a message when s is empty.
func (f Fields) Require(field, s, what string) {
	if s == "" {
		f.Add(field, fmt.Sprintf("Please add %s.", what))
	}
}

// NormalizeEmail lower-cases and checks an address. ok is false when it is not a plain
// address such as name@example.com.
func NormalizeEmail(s string) (email string, ok bool) {
	s = strings.ToLower(CleanLine(s))
	if s == "" || len(s) > MaxEmailLen {
		return s, false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		return s, false
	}
	return s, true
}

// CheckEmail validates and normalises an email field, recording a message when it is
// missing or malformed.
func (f Fields) CheckEmail(field, s string, required bool) string {
	if strings.TrimSpace(s) == "" {
		if required {
			f.Add(field, "Please add an email address.")
		}
		return ""
	}
	email, ok := NormalizeEmail(s)
	if !ok {
		f.Add(field, "This doesn't look like an email address. It should look like name@example.com.")
	}
	return email
}

// CleanTags trims, lower-cases and de-duplicates tags, recording a message when there are
// too many or one is too long.
func (f Fields) CleanTags(field string, tags []string) []string {
	out := make([]string, 0, len(tags))
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.ToLower(CleanLine(t))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		if len([]rune(t)) > 50 {
			f.Add(field, "A tag is too long: please keep each under 50 characters.")
		}
		out = append(out, t)
	}
	if len(out) > MaxTags {
		f.Add(field, fmt.Sprintf("There are too many tags: please use at most %d.", MaxTags))
	}
	return out
}
