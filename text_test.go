package attune_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/attune-desk/attune"
)

func TestCleanText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "  hello there  ", "hello there"},
		{"nul dropped", "a\x00b", "ab"},
		{"controls dropped", "a\x07\x1bb", "ab"},
		{"newlines kept", "one\r\ntwo\rthree\nfour\tfive", "one\ntwo\nthree\nfour\tfive"},
		{"invalid utf8 replaced", "caf\xe9!", "caf\uFFFD!"},
		{"emoji kept", "thanks 🙏", "thanks 🙏"},
		{"mixed scripts kept", "Привет 你好 مرحبا", "Привет 你好 مرحبا"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := attune.CleanText(tc.in)
			if got != tc.want {
				t.Fatalf("CleanText(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if !utf8.ValidString(got) {
				t.Fatal("result is not valid UTF-8")
			}
		})
	}
	if got := attune.CleanLine("  a \n\n b\t c "); got != "a b c" {
		t.Fatalf("CleanLine = %q", got)
	}
}

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"", "a\x00b", "\xff\xfe", "line\r\n", strings.Repeat("é", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := attune.CleanText(s)
		if !utf8.ValidString(got) || strings.ContainsRune(got, 0) || strings.ContainsRune(got, '\r') {
			t.Fatalf("CleanText(%q) = %q", s, got)
		}
		if attune.CleanText(got) != got {
			t.Fatalf("not idempotent: %q", got)
		}
	})
}

func TestNormalizeEmail(t *testing.T) {
	for in, ok := range map[string]bool{
		"Ana@Example.COM": true, "a.b+c@mail.example.org": true, "": false, "no-at": false,
		"two@@example.com": false, "Ana <ana@example.com>": false, "local@nodot": false,
		strings.Repeat("a", 250) + "@example.com": false,
	} {
		if _, got := attune.NormalizeEmail(in); got != ok {
			t.Errorf("NormalizeEmail(%q) ok = %v, want %v", in, got, ok)
		}
	}
	if e, _ := attune.NormalizeEmail(" Ana@Example.COM "); e != "ana@example.com" {
		t.Fatalf("normalised = %q", e)
	}
}

func TestRoles(t *testing.T) {
	if !attune.RoleAdmin.AtLeast(attune.RoleSupervisor) || attune.RoleAgent.AtLeast(attune.RoleSupervisor) || attune.Role("boss").AtLeast(attune.RoleAgent) {
		t.Fatal("role order is wrong")
	}
}

func TestErrorHelpers(t *testing.T) {
	err := attune.Invalid(map[string]string{"email": "bad"})
	if attune.ErrorCode(err) != attune.EINVALID || attune.ErrorFields(err)["email"] != "bad" {
		t.Fatal("invalid error lost its parts")
	}
	plain := strings.NewReader("").UnreadByte()
	if attune.ErrorCode(plain) != attune.EINTERNAL || strings.Contains(attune.ErrorMessage(plain), "UnreadByte") {
		t.Fatalf("a foreign error must read as internal without leaking: %q", attune.ErrorMessage(plain))
	}
}

func TestNewConversationValidate(t *testing.T) {
	name, email := "Tom", "TOM@example.com"
	n := attune.NewConversation{Customer: attune.CustomerInput{Name: &name, Email: &email}, Message: "  My parcel never came. It was a gift for my mum's birthday on Sunday and I'm worried.  "}
	if err := n.Validate(); err != nil {
		t.Fatal(err)
	}
	if n.Channel != attune.ChannelAPI || *n.Customer.Email != "tom@example.com" || n.Subject == "" || len([]rune(n.Subject)) > 80 {
		t.Fatalf("validated = %+v", n)
	}
}
