package kb_test

import (
	"strings"
	"testing"

	"github.com/attune-desk/attune/kb"
)

func TestStem(t *testing.T) {
	// expected stems from Porter's published vocabulary and output lists
	for in, want := range map[string]string{
		"caresses": "caress", "ponies": "poni", "cats": "cat", "feed": "feed", "agreed": "agre",
		"plastered": "plaster", "motoring": "motor", "sing": "sing", "conflated": "conflat",
		"troubled": "troubl", "sized": "size", "hopping": "hop", "falling": "fall", "hissing": "hiss",
		"filing": "file", "happy": "happi", "relational": "relat", "conditional": "condit",
		"rational": "ration", "valenci": "valenc", "digitizer": "digit", "generalization": "gener",
		"electrical": "electr", "hopeful": "hope", "goodness": "good", "revival": "reviv",
		"allowance": "allow", "adjustment": "adjust", "adoption": "adopt", "controll": "control",
		"roll": "roll", "probate": "probat", "rate": "rate", "cease": "ceas", "generate": "gener",
		"resolving": "resolv", "resolved": "resolv", "resolves": "resolv", "interrupting": "interrupt",
		"a": "a", "is": "is", "café": "café",
	} {
		if got := kb.Stem(in); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	got := strings.Join(kb.Words("The Customer’s point-of-view: don't INTERRUPT (2fa) café's"), "|")
	if want := "the|customer|point|of|view|dont|interrupt|2fa|café"; got != want {
		t.Fatalf("Words = %q, want %q", got, want)
	}
}

func TestThesaurus(t *testing.T) {
	th := kb.DefaultThesaurus()
	has := func(key []string, want string) bool {
		for _, alt := range th.Lookup(key...) {
			if strings.Join(alt, " ") == want {
				return true
			}
		}
		return false
	}
	if !has([]string{"checking", "in"}, "follow up") {
		t.Error(`"checking in" should bridge to "follow up"`)
	}
	if has([]string{"follow", "up"}, "touch base") {
		t.Error("a one-way bridge must not run backwards")
	}
	if !has([]string{"refunds"}, "money back") || !has([]string{"money", "back"}, "refund") {
		t.Error("equals must bridge both ways, by stem")
	}
	if _, err := kb.ParseThesaurus(strings.NewReader("lonely\n")); err == nil {
		t.Error("a group of one should be refused")
	}
}

func TestVocabulary(t *testing.T) {
	v := kb.NewVocabulary(map[string]int{"password": 40, "passport": 3, "refund": 25, "refunds": 5, "shipping": 30,
		"follow": 12, "interrupt": 2, "cancel": 9, "cancellation": 7, "candle": 1}, 100, []string{"annoyed"})
	for in, want := range map[string]string{
		"pasword": "password", "refnud": "refund", "shiping": "shipping", "interupt": "interrupt",
		"anoyed": "annoyed", "cancle": "cancel",
	} {
		got, ok := v.Correct(in)
		if !ok || got != want {
			t.Errorf("Correct(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if got, ok := v.Correct("xylophone"); ok {
		t.Errorf("Correct(xylophone) = %q, want nothing", got)
	}
	if got := strings.Join(v.Complete("canc", 3), ","); got != "cancel,cancellation" {
		t.Errorf("Complete(canc) = %q", got)
	}
	if !v.Known("refunding") || v.Known("zebra") {
		t.Error("Known should go by stem")
	}
	if v.IDF("interrupt") <= v.IDF("password") {
		t.Error("rare words should weigh more")
	}
}

func alts(q kb.Query) string {
	var parts []string
	for _, c := range q.Concepts {
		var as []string
		for _, a := range c.Alts {
			as = append(as, strings.Join(a.Words, " "))
		}
		parts = append(parts, strings.Join(as, "/"))
	}
	return strings.Join(parts, " + ")
}

func TestParseQuery(t *testing.T) {
	th := kb.DefaultThesaurus()
	v := kb.NewVocabulary(map[string]int{"follow": 3, "resolving": 2, "issue": 4, "customer": 50, "refund": 3, "password": 5, "reset": 4}, 60, th.Words())
	q := kb.ParseQuery("How do I check in after the problem is fixed?", kb.QueryOptions{Thesaurus: th, Vocabulary: v})
	got := alts(q)
	for _, want := range []string{"check in/", "follow up", "problem/issue", "fixed/", "resolve"} {
		if !strings.Contains(got, want) {
			t.Errorf("query %q lacks %q", got, want)
		}
	}
	for _, c := range q.Concepts {
		if src := strings.Join(c.Source, " "); src == "how" || src == "do" || src == "the" {
			t.Errorf("stop word kept: %q", src)
		}
	}

	q = kb.ParseQuery("custmer wants a refnud", kb.QueryOptions{Thesaurus: th, Vocabulary: v})
	if q.Corrected != "customer wants a refund" {
		t.Errorf("Corrected = %q", q.Corrected)
	}
	q = kb.ParseQuery("reset my passw", kb.QueryOptions{Thesaurus: th, Vocabulary: v, Typing: true})
	if got := alts(q); !strings.Contains(got, "password") || q.Corrected != "" {
		t.Errorf("completion: %q (corrected %q)", got, q.Corrected)
	}
	if !kb.ParseQuery("how do I", kb.QueryOptions{Thesaurus: th}).Empty() {
		t.Error("a question of stop words only should be empty")
	}
	long := strings.Repeat("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho ", 30)
	if n := len(kb.ParseQuery(long, kb.QueryOptions{}).Concepts); n != 12 {
		t.Errorf("long text kept %d concepts, want 12", n)
	}
}

func TestSnippet(t *testing.T) {
	stems := map[string]bool{kb.Stem("follow"): true, kb.Stem("customers"): true}
	text := strings.Repeat("Filler words about nothing much at all. ", 20) +
		"After resolving an issue, follow up with the <script>customer</script> & make sure. " +
		strings.Repeat("More filler text here. ", 20)
	got := kb.Snippet(text, stems, 120)
	if !strings.Contains(got, "<mark>follow</mark>") || !strings.Contains(got, "&lt;script&gt;<mark>customer</mark>&lt;/script&gt;") {
		t.Fatalf("snippet = %q", got)
	}
	if strings.Contains(got, "<script") || !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Fatalf("snippet = %q", got)
	}
	if got := kb.Mark(`<b onclick="x">Follow</b>`, stems); got != `&lt;b onclick=&#34;x&#34;&gt;<mark>Follow</mark>&lt;/b&gt;` {
		t.Fatalf("Mark = %q", got)
	}
}

func FuzzParseQuery(f *testing.F) {
	th := kb.DefaultThesaurus()
	v := kb.NewVocabulary(map[string]int{"follow": 3, "refund": 3}, 10, th.Words())
	for _, s := range []string{"check in after it's fixed", "refnud ’s", "\xff\x00", "a b c d e f g"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := kb.ParseQuery(s, kb.QueryOptions{Thesaurus: th, Vocabulary: v, Typing: true})
		_ = kb.Snippet(s, q.Stems(), 40)
	})
}

func TestRealWordsAreNotTypos(t *testing.T) {
	v := kb.NewVocabulary(map[string]int{"book": 40, "size": 30, "password": 5}, 100, nil)
	q := kb.ParseQuery("look at the side of the pasword", kb.QueryOptions{Vocabulary: v})
	if q.Corrected != "look at the side of the password" {
		t.Fatalf("Corrected = %q: real words must stay, typos go", q.Corrected)
	}
	if !kb.EnglishWord("look") || kb.EnglishWord("pasword") {
		t.Fatal("the word list is wrong")
	}
}

func TestScorerMatchesWords(t *testing.T) {
	// the scorer's allocation-free word reading must agree with Words
	text := "The Customer’s point-of-view: DON'T interrupt, café's Ωmega caller's"
	q := kb.ParseQuery("customer interrupt cafe omega caller", kb.QueryOptions{})
	sc := kb.NewScorer(q, nil)
	_, m := sc.Explain(kb.Doc{Body: text})
	if len(m) != 3 {
		t.Fatalf("matches = %+v, want customer, interrupt and caller", m)
	}
}
