package analysis_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/attune-desk/attune/analysis"
)

// The golden files are rewritten with `go test ./analysis -run Golden -update`. The flag
// is shared with the package's other golden tests: it is only defined here when no other
// test file has defined it already.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

func coachUpdating() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	v, _ := g.Get().(bool)
	return v
}

var (
	coachOnce sync.Once
	coachC    *analysis.Coach
	coachErr  error
)

func coach(t testing.TB) *analysis.Coach {
	t.Helper()
	coachOnce.Do(func() { coachC, coachErr = analysis.NewCoach() })
	if coachErr != nil {
		t.Fatal(coachErr)
	}
	return coachC
}

func coachReviewOf(t testing.TB, customer, draft, name string) analysis.CoachReport {
	t.Helper()
	in := analysis.CoachInput{Draft: draft, CustomerName: name}
	if customer != "" {
		in.Customer = []analysis.CoachTurn{{Text: customer}}
	}
	return coach(t).Review(in)
}

func coachDim(r analysis.CoachReport, code string) analysis.CoachDimension {
	for _, d := range r.Dimensions {
		if d.Code == code {
			return d
		}
	}
	return analysis.CoachDimension{}
}

func coachFlagKinds(r analysis.CoachReport) map[string]int {
	out := map[string]int{}
	for _, f := range r.Flags {
		out[f.Kind]++
	}
	return out
}

// Customer messages and replies written for Attune's tests. The four replies marked
// "seed" are the examples the empathy seeds give, used here as test inputs only.
var (
	coachCustLateDesk = "I ordered a standing desk on the 2nd and it still hasn't turned up. The tracking page hasn't changed in a week and I'm starting to worry it's lost."
	coachCustFreeze   = "Every time I export the quarterly report the app freezes and I lose my edits. I've got a board meeting tomorrow morning."
	coachCustTwice    = "I was charged twice for the same pair of boots and nobody has answered my two emails."
	coachCustCode     = "Your checkout says my discount code is invalid, but it came in your own newsletter last week."
	coachCustFurious  = "THIS IS THE THIRD TIME I'VE WRITTEN. My parcel still hasn't arrived and nobody answers. This is ridiculous!!"
	coachCustGrief    = "My husband passed away last month and I need to close his account. I don't know where to start."
	coachCustVague    = "It's not working again. Help."

	coachSeedParaphrase = "So, if I understand correctly, you haven't received your order yet and you're concerned about its delivery date. Is that right?"
	coachSeedValidation = "I understand how frustrating it must be to encounter a bug when you're trying to get your work done. That's definitely not the experience we want you to have."
	coachSeedRefundFull = "I've issued a full refund to your account. I truly apologize for the inconvenience this has caused. I'll also be sending you a small discount code for your next purchase as a token of our apology."
	coachSeedRefundBare = "I've issued a refund."
	coachSeedWrong      = "You're wrong."
	coachSeedExplore    = "Let's explore some options to see what we can do."

	coachFuriousDismissive = "No worries! Calm down, it's just a small delay. That's our policy, as I already said. Great!"
	coachFuriousEmpathetic = "I'm really sorry, Dana. You've written three times and your parcel still hasn't arrived, and that's not okay. I've traced it: it's at the depot, and I've booked a courier to bring it to you tomorrow before noon. I'll email you the tracking link within the hour and check in tomorrow afternoon to make sure it arrived."
	coachGriefDismissive   = "Great! No problem, just send us the death certificate and we'll close it."
	coachGriefEmpathetic   = "I'm so sorry for your loss, Sam. Please don't worry about the details; I'll take care of closing your husband's account for you. Once I have a copy of the certificate I'll finish it the same day and email you to confirm. Is there anything else on the account you'd like me to look at?"
	coachVagueAssume       = "Please clear your browser cache and cookies and try again."
	coachVagueAsk          = "I'm sorry it's stopped working again. What were you trying to do when it stopped, and what did you see on the screen?"
)

type coachCase struct {
	name, customer, draft, person string
	macros                        []string
}

var coachCases = []coachCase{
	{name: "seed_paraphrase", customer: coachCustLateDesk, draft: coachSeedParaphrase},
	{name: "seed_validation", customer: coachCustFreeze, draft: coachSeedValidation},
	{name: "plain_understand", customer: coachCustFreeze, draft: "I understand."},
	{name: "seed_refund_full", customer: coachCustTwice, draft: coachSeedRefundFull},
	{name: "seed_refund_bare", customer: coachCustTwice, draft: coachSeedRefundBare},
	{name: "seed_wrong", customer: coachCustCode, draft: coachSeedWrong},
	{name: "seed_explore", customer: coachCustCode, draft: coachSeedExplore},
	{name: "furious_dismissive", customer: coachCustFurious, draft: coachFuriousDismissive, person: "Dana"},
	{name: "furious_empathetic", customer: coachCustFurious, draft: coachFuriousEmpathetic, person: "Dana"},
	{name: "grief_dismissive", customer: coachCustGrief, draft: coachGriefDismissive, person: "Sam Okafor"},
	{name: "grief_empathetic", customer: coachCustGrief, draft: coachGriefEmpathetic, person: "Sam Okafor"},
	{name: "vague_assume", customer: coachCustVague, draft: coachVagueAssume},
	{name: "vague_ask", customer: coachCustVague, draft: coachVagueAsk},
	{name: "stock_macro", customer: coachCustTwice, draft: "Thank you for contacting us. We apologize for any inconvenience. Your request is important to us and we will look into it.",
		macros: []string{"Thank you for contacting us. We apologize for any inconvenience. Your request is important to us and we will look into it."}},
	{name: "jargon", customer: coachCustFreeze, draft: "I've raised a P1 with our L2 team; per the SLA the RMA goes out once the hotfix is deployed."},
}

func TestCoachGolden(t *testing.T) {
	for _, tc := range coachCases {
		t.Run(tc.name, func(t *testing.T) {
			in := analysis.CoachInput{Draft: tc.draft, CustomerName: tc.person, Macros: tc.macros}
			if tc.customer != "" {
				in.Customer = []analysis.CoachTurn{{Text: tc.customer}}
			}
			rep := coach(t).Review(in)
			got, err := json.MarshalIndent(struct {
				Customer string               `json:"customer"`
				Draft    string               `json:"draft"`
				Report   analysis.CoachReport `json:"report"`
			}{tc.customer, tc.draft, rep}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "coach_"+tc.name+".golden")
			if coachUpdating() {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("report differs from %s (run with -update if the change is intended):\n%s", path, got)
			}
		})
	}
}

// The seeds' examples, judged the way the seeds intend.
func TestCoachSeedExamples(t *testing.T) {
	t.Run("paraphrase reflects and interprets", func(t *testing.T) {
		r := coachReviewOf(t, coachCustLateDesk, coachSeedParaphrase, "")
		if s := coachDim(r, "acknowledge").Status; s != analysis.CoachMet {
			t.Errorf("acknowledge = %s, want met", s)
		}
		if r.Mechanisms.Interpretation != 2 {
			t.Errorf("interpretation = %d, want 2", r.Mechanisms.Interpretation)
		}
		if len(r.Flags) != 0 {
			t.Errorf("flags on a paraphrase: %+v", r.Flags)
		}
	})
	t.Run("validation validates; a bare I understand does not", func(t *testing.T) {
		r := coachReviewOf(t, coachCustFreeze, coachSeedValidation, "")
		if s := coachDim(r, "validate").Status; s != analysis.CoachMet {
			t.Errorf("validate = %s, want met", s)
		}
		bare := coachReviewOf(t, coachCustFreeze, "I understand.", "")
		if s := coachDim(bare, "validate").Status; s == analysis.CoachMet {
			t.Errorf("bare 'I understand' validates")
		}
		if r.Score <= bare.Score {
			t.Errorf("validation %d does not beat 'I understand' %d", r.Score, bare.Score)
		}
	})
	t.Run("refund with ownership and apology beats a bare refund", func(t *testing.T) {
		full := coachReviewOf(t, coachCustTwice, coachSeedRefundFull, "")
		bare := coachReviewOf(t, coachCustTwice, coachSeedRefundBare, "")
		if s := coachDim(full, "solution").Status; s != analysis.CoachMet {
			t.Errorf("full refund: solution = %s, want met", s)
		}
		if s := coachDim(bare, "solution").Status; s == analysis.CoachMet {
			t.Errorf("bare refund: solution met without an apology")
		}
		if full.Score <= bare.Score {
			t.Errorf("full refund %d does not beat bare refund %d", full.Score, bare.Score)
		}
		if len(full.Flags) != 0 {
			t.Errorf("flags on the compassionate refund: %+v", full.Flags)
		}
	})
	t.Run("you're wrong is flagged; let's explore is not", func(t *testing.T) {
		wrong := coachReviewOf(t, coachCustCode, coachSeedWrong, "")
		explore := coachReviewOf(t, coachCustCode, coachSeedExplore, "")
		if coachFlagKinds(wrong)["blame"] != 1 {
			t.Errorf("flags on 'You're wrong': %+v", wrong.Flags)
		} else if f := wrong.Flags[0]; f.Span.Text != "You're wrong" || f.Rewrite == "" || f.Reason == "" {
			t.Errorf("blame flag = %+v", f)
		}
		if wrong.Score > 30 {
			t.Errorf("'You're wrong' scores %d, want 30 or less", wrong.Score)
		}
		if len(explore.Flags) != 0 {
			t.Errorf("flags on 'Let's explore…': %+v", explore.Flags)
		}
		if explore.Score <= wrong.Score {
			t.Errorf("'Let's explore' %d does not beat 'You're wrong' %d", explore.Score, wrong.Score)
		}
		if len(wrong.Suggestions.Rewrites) == 0 {
			t.Error("no rewrite suggested for the blame")
		}
	})
}

func TestCoachEmpathyBeatsDismissal(t *testing.T) {
	for _, tc := range []struct {
		name, customer, cold, warm, person, mood string
	}{
		{"furious customer", coachCustFurious, coachFuriousDismissive, coachFuriousEmpathetic, "Dana", "angry"},
		{"grieving customer", coachCustGrief, coachGriefDismissive, coachGriefEmpathetic, "Sam Okafor", "sad"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cold := coachReviewOf(t, tc.customer, tc.cold, tc.person)
			warm := coachReviewOf(t, tc.customer, tc.warm, tc.person)
			if warm.Score < cold.Score+40 {
				t.Errorf("empathetic %d vs dismissive %d: want a gap of 40 or more", warm.Score, cold.Score)
			}
			if cold.Extra["mood"] != tc.mood {
				t.Errorf("mood = %q, want %q", cold.Extra["mood"], tc.mood)
			}
			if coachFlagKinds(cold)["tone"] == 0 {
				t.Errorf("no tone flag for cheer to a %s customer: %+v", tc.mood, cold.Flags)
			}
			if len(warm.Flags) != 0 {
				t.Errorf("flags on the empathetic reply: %+v", warm.Flags)
			}
			if s := coachDim(warm, "personalise").Status; s != analysis.CoachMet {
				t.Errorf("empathetic reply: personalise = %s, want met", s)
			}
			if cold.Suggestions.Validation == "" || cold.Suggestions.Reflection == "" {
				t.Errorf("dismissive reply gets no validation or reflection: %+v", cold.Suggestions)
			}
		})
	}
}

func TestCoachSuggestions(t *testing.T) {
	t.Run("reflection turns first person into second", func(t *testing.T) {
		r := coachReviewOf(t, "My order hasn't arrived and I'm worried because I need it for my daughter's party.", "Let me check.", "")
		_, s, _ := strings.Cut(r.Suggestions.Reflection, ":")
		for _, want := range []string{"your order hasn't arrived", "you're worried", "you need it for your daughter's party"} {
			if !strings.Contains(s, want) {
				t.Errorf("reflection %q lacks %q", s, want)
			}
		}
		for _, bad := range []string{" my ", " I'm ", " I ", "worried, and"} {
			if strings.Contains(s, bad) {
				t.Errorf("reflection %q keeps %q", s, bad)
			}
		}
	})
	t.Run("the customer's you becomes we", func(t *testing.T) {
		r := coachReviewOf(t, "You charged me twice for my subscription and I want the money back.", "Let me check.", "")
		if s := r.Suggestions.Reflection; !strings.Contains(s, "we charged you twice for your subscription") {
			t.Errorf("reflection = %q", s)
		}
	})
	t.Run("an unclear need asks an open question", func(t *testing.T) {
		assume := coachReviewOf(t, coachCustVague, coachVagueAssume, "")
		ask := coachReviewOf(t, coachCustVague, coachVagueAsk, "")
		if assume.Suggestions.OpenQuestion == "" || coachDim(assume, "explore").Status != analysis.CoachMissing {
			t.Errorf("assuming reply: explore %s, open question %q", coachDim(assume, "explore").Status, assume.Suggestions.OpenQuestion)
		}
		if coachDim(ask, "explore").Status != analysis.CoachMet || ask.Mechanisms.Exploration == 0 {
			t.Errorf("asking reply: explore %s, exploration %d", coachDim(ask, "explore").Status, ask.Mechanisms.Exploration)
		}
		if ask.Score <= assume.Score {
			t.Errorf("asking %d does not beat assuming %d", ask.Score, assume.Score)
		}
	})
	t.Run("a clear need does not require a question", func(t *testing.T) {
		r := coachReviewOf(t, coachCustTwice, coachSeedRefundFull, "")
		if s := coachDim(r, "explore").Status; s != analysis.CoachNotNeeded {
			t.Errorf("explore = %s, want not_needed", s)
		}
	})
	t.Run("validation matches the mood", func(t *testing.T) {
		grief := coachReviewOf(t, coachCustGrief, "Noted.", "")
		angry := coachReviewOf(t, coachCustFurious, "Noted.", "")
		if grief.Suggestions.Validation == angry.Suggestions.Validation || grief.Suggestions.Validation == "" {
			t.Errorf("same validation for grief and anger: %q", grief.Suggestions.Validation)
		}
	})
}

func TestCoachLanguageFlags(t *testing.T) {
	for _, tc := range []struct {
		draft, kind, phrase string
	}{
		{"You should have read the instructions before installing it.", "blame", "You should have"},
		{"As I already said, the refund takes five days.", "blame", "As I already said"},
		{"Please calm down so I can help.", "dismissal", "calm down"},
		{"It's just a small delay.", "dismissal", "It's just a"},
		{"That's our policy and I can't change it.", "dismissal", "That's our policy"},
		{"We can't refund digital orders.", "negative", "We can't"},
		{"The SLA for this is two days.", "jargon", "SLA"},
		{"I've logged it under ticket QX-7 for the NOC.", "jargon", "NOC"},
	} {
		r := coachReviewOf(t, "Where is my refund for order 2231?", tc.draft, "")
		found := false
		for _, f := range r.Flags {
			// A term the coach knows no plainer word for has no rewrite; its reason says so.
			rewritten := f.Rewrite != "" || f.Kind == "jargon" && strings.Contains(f.Reason, "no plainer word")
			if f.Kind == tc.kind && f.Span.Text == tc.phrase && rewritten && tc.draft[f.Span.Start:f.Span.End] == tc.phrase {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no %s flag on %q; flags %+v", tc.draft, tc.kind, tc.phrase, r.Flags)
		}
	}
	// Acronyms the customer used, or that the reply explains, are not jargon; nor are
	// everyday units and references.
	for _, draft := range []string{"I've added 2 GB of data and 500 MB for roaming.", "I've attached the invoice for WF-945787 as a PDF."} {
		if r := coachReviewOf(t, "Where is my refund for order 2231?", draft, ""); coachFlagKinds(r)["jargon"] != 0 {
			t.Errorf("%q: jargon flags %+v", draft, r.Flags)
		}
	}
	// The customer's own words are not jargon, however short: "GB", "eSIM".
	if r := coachReviewOf(t, "My eSIM says I have 0 GB left.", "I've added 2 GB to your eSIM.", ""); coachFlagKinds(r)["jargon"] != 0 {
		t.Errorf("jargon flags on the customer's own words: %+v", r.Flags)
	}
	r := coachReviewOf(t, "My VPN drops every hour.", "I've reset your VPN profile, and the SSO (single sign-on) link will work again.", "")
	if n := coachFlagKinds(r)["jargon"]; n != 0 {
		t.Errorf("jargon flags on explained or shared terms: %+v", r.Flags)
	}
}

func TestCoachGenericReply(t *testing.T) {
	stock := "Thank you for contacting us. We apologize for any inconvenience. Your request is important to us and we will look into it."
	r := coach(t).Review(analysis.CoachInput{Customer: []analysis.CoachTurn{{Text: coachCustTwice}}, Draft: stock, Macros: []string{stock}})
	if s := coachDim(r, "generic").Status; s != analysis.CoachMissing {
		t.Errorf("stock reply: generic = %s, want missing", s)
	}
	earlier := []string{stock, stock, stock + " Kind regards."}
	personal := "Thank you for contacting us, Lena. I've refunded the second charge for the boots; you'll see it within three days."
	r = coach(t).Review(analysis.CoachInput{Customer: []analysis.CoachTurn{{Text: coachCustTwice}}, Draft: personal, CustomerName: "Lena", EarlierReplies: earlier})
	if s := coachDim(r, "generic").Status; s != analysis.CoachMet {
		t.Errorf("personal reply: generic = %s, want met", s)
	}
	r = coach(t).Review(analysis.CoachInput{Customer: []analysis.CoachTurn{{Text: coachCustTwice}}, Draft: stock, EarlierReplies: earlier})
	if s := coachDim(r, "generic").Status; s != analysis.CoachMissing {
		t.Errorf("reply sent many times: generic = %s, want missing", s)
	}
}

func TestCoachFactsAndPreferredName(t *testing.T) {
	in := analysis.CoachInput{
		Customer:      []analysis.CoachTurn{{Text: "The replacement kettle leaks too."}},
		Draft:         "I'm sorry, Bea. I've sent a new kettle by courier today and, as you prefer, I'll confirm by email.",
		CustomerName:  "Beatrice Moss",
		PreferredName: "Bea",
		Facts:         []string{"Prefers email, never phone"},
	}
	r := coach(t).Review(in)
	if s := coachDim(r, "personalise").Status; s != analysis.CoachMet {
		t.Errorf("personalise = %s, want met: %+v", s, coachDim(r, "personalise"))
	}
	in.Draft = "I've sent a new one."
	if s := coachDim(coach(t).Review(in), "personalise").Status; s == analysis.CoachMet {
		t.Error("personalise met without name, specifics or history")
	}
}

func TestCoachEngineSignals(t *testing.T) {
	in := analysis.CoachInput{
		Customer: []analysis.CoachTurn{{Text: "The invoice total differs from the quote.", Mood: "angry", MoodStrength: 0.9, Sentiment: -0.6, HasSignals: true}},
		Draft:    "Great! I'll fix the invoice today.",
	}
	r := coach(t).Review(in)
	if r.Extra["mood"] != "angry" || coachFlagKinds(r)["tone"] == 0 {
		t.Errorf("engine's anger ignored: mood %q, flags %+v", r.Extra["mood"], r.Flags)
	}
	in.Customer[0].HasSignals = false
	if r := coach(t).Review(in); coachFlagKinds(r)["tone"] != 0 {
		t.Errorf("tone flagged for a calm customer: %+v", r.Flags)
	}
}

func TestCoachBadInputs(t *testing.T) {
	huge := strings.Repeat("You're wrong about this. ", 1<<20/25)
	for _, tc := range []struct{ name, customer, draft string }{
		{"empty draft", coachCustTwice, ""},
		{"blank draft", coachCustTwice, " \n\t "},
		{"empty everything", "", ""},
		{"1 MB draft", coachCustTwice, huge},
		{"1 MB customer", huge, "I'm sorry."},
		{"invalid UTF-8", "my \xff\xfe order \xc3", "I'm \xff sorry \xe2\x80 you're wrong\xc3"},
		{"emoji only", "😡😡😡", "🙏🙂👍"},
		{"all caps", coachCustFurious, "WE CANNOT REFUND THIS. CALM DOWN AND READ THE POLICY."},
		{"control characters", "\x00\x01\x02", "\x00you\x00're wrong\x07"},
		{"curly apostrophes", "I’m upset, my order’s late", "You’re wrong, it’s just a delay."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := coachReviewOf(t, tc.customer, tc.draft, "")
			coachCheck(t, tc.draft, r)
		})
	}
	t.Run("empty draft says so", func(t *testing.T) {
		r := coachReviewOf(t, coachCustTwice, "", "")
		if r.Score != 0 || !strings.Contains(r.Explanation, "empty") {
			t.Errorf("score %d, explanation %q", r.Score, r.Explanation)
		}
	})
	t.Run("all caps is shouting", func(t *testing.T) {
		r := coachReviewOf(t, coachCustTwice, "WE HAVE REFUNDED YOUR ORDER TODAY.", "")
		if coachFlagKinds(r)["tone"] == 0 || coachDim(r, "tone").Status != analysis.CoachMissing {
			t.Errorf("capitals not flagged: %+v", r.Flags)
		}
	})
	t.Run("long draft flags stay inside it", func(t *testing.T) {
		r := coachReviewOf(t, coachCustTwice, huge, "")
		if coachFlagKinds(r)["blame"] == 0 {
			t.Error("no blame flag in a long draft full of it")
		}
	})
}

// coachCheck asserts what every report must satisfy.
func coachCheck(t *testing.T, draft string, r analysis.CoachReport) {
	t.Helper()
	if r.Score < 0 || r.Score > 100 {
		t.Errorf("score %d out of 0…100", r.Score)
	}
	if r.Politeness < -1 || r.Politeness > 1 || r.Politeness != r.Politeness {
		t.Errorf("politeness %v out of −1…1", r.Politeness)
	}
	for _, l := range []int{r.Mechanisms.EmotionalReaction, r.Mechanisms.Interpretation, r.Mechanisms.Exploration} {
		if l < 0 || l > 2 {
			t.Errorf("mechanism level %d out of 0…2", l)
		}
	}
	if r.Explanation == "" || r.Model == "" {
		t.Error("no explanation or model")
	}
	if len(r.Dimensions) != len(analysis.CoachDimensionCodes()) {
		t.Errorf("%d dimensions", len(r.Dimensions))
	}
	span := func(what string, s analysis.CoachSpan) {
		if s.Start < 0 || s.Start > s.End || s.End > len(draft) {
			t.Errorf("%s span [%d,%d) outside the draft of %d bytes", what, s.Start, s.End, len(draft))
			return
		}
		if draft[s.Start:s.End] != s.Text {
			t.Errorf("%s span text %q is not draft[%d:%d] %q", what, s.Text, s.Start, s.End, draft[s.Start:s.End])
		}
	}
	for i, d := range r.Dimensions {
		if d.Code != analysis.CoachDimensionCodes()[i] || d.Label == "" {
			t.Errorf("dimension %d = %q %q", i, d.Code, d.Label)
		}
		switch d.Status {
		case analysis.CoachMet, analysis.CoachPartial, analysis.CoachMissing, analysis.CoachNotNeeded:
		default:
			t.Errorf("dimension %s status %q", d.Code, d.Status)
		}
		if d.Spans == nil {
			t.Errorf("dimension %s spans are null", d.Code)
		}
		for _, s := range d.Spans {
			span(d.Code, s)
		}
	}
	if r.Flags == nil {
		t.Error("flags are null")
	}
	for _, f := range r.Flags {
		span("flag "+f.Kind, f.Span)
		if f.Reason == "" {
			t.Errorf("flag %+v has no reason", f)
		}
	}
}

func FuzzCoach(f *testing.F) {
	f.Add(coachCustFurious, coachFuriousDismissive)
	f.Add(coachCustGrief, coachGriefEmpathetic)
	f.Add("", "")
	f.Add("I’m", "You’re wrong’")
	f.Add("\xff", "a\xffb")
	f.Add("SLA RMA", "(SLA) RMA — API")
	f.Add("so", "So, if I understand correctly, you I me my?")
	f.Add("Hi Sam, my mum passed away, and I need to close her account.", "I'm so sorry for your loss.")
	f.Add("Please cancel my plan. THIS IS THE FOURTH TIME", "What? Which? How? Why?")
	f.Add("HİYA, İ died", "Done: 9am, 4th May, 24 hours, in an hour")
	f.Add("Caller: I've just landed: it's still 'in transit", "Being stuck in an airport, at night, is frightening. I've added 2 GB to WF-945787.")
	f.Add("Congratulations, Cancel me: you received my order 'x", "I'm keeping this with me; a new one is on its way. Thank you to ‘Sam")
	f.Add("Thanks, I'll see how tonight goes. I feel stupid", "Glad it's working! You should have it by Friday.")
	f.Add("I need it by Thursday", "With your job starting on Thursday. It will reach you by Thursday.")
	f.Add("I need to print it", "To make sure I have this right: you need to print it")
	c, err := analysis.NewCoach()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, customer, draft string) {
		// every other input is up against a time, so the deadline paths run too
		deadline := ""
		if len(customer)%2 == 0 {
			deadline = "needed by Friday"
		}
		in := analysis.CoachInput{Customer: []analysis.CoachTurn{{Text: customer, Deadline: deadline}}, Draft: draft, CustomerName: customer,
			Macros: []string{draft, customer}, EarlierReplies: []string{draft, draft, draft}, Facts: []string{customer}}
		r1 := c.Review(in)
		coachCheck(t, draft, r1)
		r2 := c.Review(in)
		a, _ := json.Marshal(r1)
		b, _ := json.Marshal(r2)
		if string(a) != string(b) {
			t.Fatalf("not deterministic:\n%s\n%s", a, b)
		}
		// A thread: the draft read as the customer's last word, with signals.
		in.Customer = []analysis.CoachTurn{{Text: customer, Mood: "angry", MoodStrength: 0.3, HasSignals: true}, {Text: draft, Mood: "grateful", MoodStrength: 0.7, HasSignals: true}}
		coachCheck(t, draft, c.Review(in))
	})
}

func TestCoachConcurrentUse(t *testing.T) {
	c := coach(t)
	want, _ := json.Marshal(c.Review(analysis.CoachInput{Customer: []analysis.CoachTurn{{Text: coachCustFurious}}, Draft: coachFuriousEmpathetic}))
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				got, _ := json.Marshal(c.Review(analysis.CoachInput{Customer: []analysis.CoachTurn{{Text: coachCustFurious}}, Draft: coachFuriousEmpathetic}))
				if string(got) != string(want) {
					t.Error("different report under concurrent use")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestCoachVersion(t *testing.T) {
	c := coach(t)
	if c.Version() == "" || coachReviewOf(t, "", "Hello", "").Model != c.Version() {
		t.Error("version missing from the report")
	}
}

// A 100-word customer message and a 150-word draft, as the live coach sees them on every
// pause in typing.
var (
	coachBenchCustomer = "Hi, I ordered the walnut bookshelf on the 3rd of May and was told it would arrive within five working days. It is now the 20th and nothing has come. The tracking page has said 'label created' for two weeks, and nobody has answered the two emails I sent. I took a day off work last Friday to wait in for it because your message said it was out for delivery. I'm honestly fed up and starting to think I've been scammed. I need to know where it is, or I want my money back. Order number 88412."
	coachBenchDraft    = "Hi Joanna, I'm really sorry. You've waited more than two weeks past the date we gave you, you took a day off work for a delivery that never came, and nobody answered your emails. That's not okay, and I understand why you're fed up. I've looked into order 88412: the courier never collected it from our warehouse, which is why the tracking hasn't moved. That was our mistake, not yours. I've booked a priority courier this afternoon, so it will reach you tomorrow between 9am and 1pm, and I'll email you the new tracking link within the hour. I've also refunded the delivery charge and added a credit for the day you lost. If tomorrow doesn't suit you, just reply with a better day and I'll rearrange it. I'll check in tomorrow afternoon to make sure the bookshelf has arrived safely. Would that work for you, or would you rather have a full refund instead?"
)

func BenchmarkCoach(b *testing.B) {
	c := coach(b)
	in := analysis.CoachInput{Customer: []analysis.CoachTurn{{Text: coachBenchCustomer}}, Draft: coachBenchDraft, CustomerName: "Joanna Reyes"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Review(in)
	}
}

func TestCoachValidationPhrasings(t *testing.T) {
	// Ways of saying a feeling is fair, written for Attune's tests.
	for _, draft := range []string{
		"I know this is frustrating, and I'm on it.",
		"That must be really stressful with the move so close.",
		"How worrying, with your rent due on Friday.",
		"You have every reason to be annoyed about this.",
		"It makes sense that you're upset after three emails.",
		"Being charged twice with rent due on Friday is a horrible position to be in.",
		"Waiting three weeks with no answer is exhausting.",
		"I know how much it matters that this is sorted before Friday.",
		"Two charges for one order is not okay.",
	} {
		r := coachReviewOf(t, coachCustTwice, draft, "")
		if s := coachDim(r, "validate").Status; s != analysis.CoachMet {
			t.Errorf("%q: validate = %s, want met", draft, s)
		}
	}
	r := coachReviewOf(t, coachCustTwice, "The refund process is difficult to change.", "")
	if s := coachDim(r, "validate").Status; s == analysis.CoachMet {
		t.Error("a remark about the process counts as validation")
	}
	// Making light of the trouble, or asking about the feeling, is no validation.
	for _, draft := range []string{
		"It isn't hard, just press Refund on the order page.",
		"Are you worried about the second charge?",
		"I'm sorry you feel that way.",
	} {
		if s := coachDim(coachReviewOf(t, coachCustTwice, draft, ""), "validate").Status; s == analysis.CoachMet {
			t.Errorf("%q: validate = met", draft)
		}
	}
}

// Self-references that speak to the customer are not a shared experience; ones that tell
// the writer's own story are.
func TestCoachInterpretationSelf(t *testing.T) {
	for _, tc := range []struct {
		draft string
		want  int
	}{
		{"Message me any time, my friend. I'm here for you and I hope tomorrow is kinder.", 0},
		{"My own flight was cancelled twice last winter and I lost a whole day of my holiday.", 2},
		{"Why do you feel like that?", 0},
		{"I'm sorry you feel that way.", 0},
		{"That must have been exhausting after three calls.", 2},
		{"I totally get it.", 1},
		{"That makes sense.", 1},
		{"Billing rules never make sense to anyone.", 0},
		// Work done for the customer is not the writer's own story.
		{"I've checked your order and I've already issued a full refund.", 0},
		{"I checked with the warehouse and I have sent a new parcel today.", 0},
		{"I've escalated this to my team and I'll update you tomorrow.", 0},
		// What helped the writer is a shared experience; what helps their work is not.
		{"Walking every morning helped me a lot when I felt like this.", 2},
		{"Thanks for the screenshot, it helps me see what is going on.", 0},
	} {
		if got := coachReviewOf(t, "", tc.draft, "").Mechanisms.Interpretation; got != tc.want {
			t.Errorf("%q: interpretation %d, want %d", tc.draft, got, tc.want)
		}
	}
}

// A second-person statement of what happened, in the customer's own words, restates their
// situation: a specific interpretation. A condition, an obligation or a question does not.
func TestCoachInterpretationRestates(t *testing.T) {
	const cust = "I ordered a desk lamp three weeks ago, paid for express delivery, and it still hasn't arrived."
	for _, tc := range []struct {
		draft string
		want  int
	}{
		{"You paid for express delivery three weeks ago and the lamp still hasn't arrived. I've booked a courier for tomorrow.", 2},
		{"You've waited three weeks for a lamp you paid express delivery for.", 2},
		{"I know that you paid for express delivery and the lamp is three weeks late.", 2},
		{"If you paid for express delivery, the lamp should arrive soon.", 0},
		{"You had to wait for the lamp.", 0},
		{"Did you pay for express delivery for the lamp?", 0},
		// Inferring the feeling from the situation is specific too.
		{"No wonder you're fed up, after three weeks.", 2},
	} {
		if got := coachReviewOf(t, cust, tc.draft, "").Mechanisms.Interpretation; got != tc.want {
			t.Errorf("%q: interpretation %d, want %d", tc.draft, got, tc.want)
		}
	}
}

// The politeness devices added in coach-2, each against the same request without it.
func TestCoachPolitenessDevices(t *testing.T) {
	pol := func(s string) float64 { return coachReviewOf(t, "", s, "").Politeness }
	for _, tc := range []struct{ kinder, blunter string }{
		{"Could you send the invoice number when you have it :)", "Could you send the invoice number when you have it"},
		{"Which plan are you on at the moment?", "Which plan?"},
		{"Could you tell me which browser you use so I can try the same?", "Which browser?"},
		{"Cool idea. Which version are you on?", "Which version are you on?"},
		{"See https://example.com/why-it-fails for the steps. Does that help?", "Why does it fail? Does that help?"},
	} {
		if k, b := pol(tc.kinder), pol(tc.blunter); k <= b {
			t.Errorf("politeness %q = %.3f, not above %q = %.3f", tc.kinder, k, tc.blunter, b)
		}
	}
	// A check that we understood is not a clipped question.
	r := coachReviewOf(t, "", "So your parcel went to the old address. Is that right?", "")
	if strings.Contains(r.Extra["politeness"], "curt question") {
		t.Errorf("a check read as a clipped question: %s", r.Extra["politeness"])
	}
}

// coach-3's politeness readings: questions that gather facts about a thing are not an
// interrogation, "even" as a challenge is pressing, the work already done is shown, and
// "you could…" softens a sentence that starts with "you".
func TestCoachPolitenessCoach3(t *testing.T) {
	strategies := func(s string) string { return coachReviewOf(t, "", s, "").Extra["politeness"] }
	for _, tc := range []struct {
		draft, strategy string
		want            bool
	}{
		{"What's the order number on your receipt? And which email address did you use at checkout?", "many questions", false},
		{"Why? Who told you that?", "many questions", true},
		{"Which version of the app are you on? Why would you do that?", "many questions", false},
		{"Why did you cancel? Who told you to? What were you thinking?", "many questions", true},
		{"Did you even read the last email?", "factuality", true},
		{"It doesn't even open the settings page.", "factuality", true},
		{"Even though the parcel is late, the refund has gone through.", "factuality", false},
		{"I've already checked the tracking page and restarted the sync on our side.", "effort", true},
		{"I tried the reset link on my own account and it works.", "effort", true},
		{"As I already said, the refund has been sent.", "effort", false},
		{"You could try clearing the app's cache first.", "second_start", false},
		{"You might want to restart the router.", "second_start", false},
		{"You can't cancel it now.", "second_start", true},
		{"You deleted the wrong file.", "second_start", true},
		{"What kind of error do you see?", "positive words", false},
		{"That was kind of you, thank you.", "positive words", true},
		{"Wow. Did you even read the ticket?", "deference", false},
		{"Great catch, thank you!", "deference", true},
	} {
		got := strings.Contains(strategies(tc.draft), tc.strategy)
		if got != tc.want {
			t.Errorf("%q: %s fired = %v, want %v (%s)", tc.draft, tc.strategy, got, tc.want, strategies(tc.draft))
		}
	}
	pol := func(s string) float64 { return coachReviewOf(t, "", s, "").Politeness }
	for _, tc := range []struct{ kinder, blunter string }{
		{"Which browser are you using? And which version of the app?", "Why are you doing that? And who told you to?"},
		{"I've already tested the export on our side. Could you send the file?", "Could you send the file?"},
		{"Did you read the last email?", "Did you even read the last email?"},
		{"You could send the invoice number when you have it.", "You send the invoice number when you have it."},
	} {
		if k, b := pol(tc.kinder), pol(tc.blunter); k <= b {
			t.Errorf("politeness %q = %.3f, not above %q = %.3f", tc.kinder, k, tc.blunter, b)
		}
	}
}

// Understanding the customer reads as polite: the feeling it names ("frustrating"), the
// trouble it restates ("hasn't arrived") and the "must" that infers are not negativity,
// contradiction or insistence; "really sorry" is a stronger apology, not a pressed point.
func TestCoachPolitenessOfUnderstanding(t *testing.T) {
	for _, draft := range []string{
		coachSeedParaphrase,
		coachSeedValidation,
		"That must be frustrating after three calls, and I'm on it.",
		"I'm really sorry, Sam. Your refund still hasn't come through, and I can imagine how stressful that is with rent due.",
	} {
		r := coachReviewOf(t, "", draft, "")
		if r.Politeness <= 0 {
			t.Errorf("%q: politeness %.3f (%s), want above 0", draft, r.Politeness, r.Extra["politeness"])
		}
		for _, s := range []string{"insist", "negative words", "negation", "factuality"} {
			if strings.Contains(r.Extra["politeness"], s) {
				t.Errorf("%q: %s fired (%s)", draft, s, r.Extra["politeness"])
			}
		}
	}
	for _, tc := range []struct{ draft, strategy string }{
		{"You must send the form again today.", "insist"},
		{"You must be kidding.", "insult"},
		{"No, that isn't how it works.", "negation"},
		{"It really doesn't matter what you think.", "factuality"},
	} {
		if s := coachReviewOf(t, "", tc.draft, "").Extra["politeness"]; !strings.Contains(s, tc.strategy) {
			t.Errorf("%q: %s did not fire (%s)", tc.draft, tc.strategy, s)
		}
	}
}

// TestCoachApologyOnce checks that an apology made earlier in the conversation need not be
// repeated in every reply, unless the customer's latest message says something new went
// wrong.
func TestCoachApologyOnce(t *testing.T) {
	first := analysis.CoachTurn{Text: "You charged me twice for the same order, and the money was meant for my rent."}
	chase := analysis.CoachTurn{Text: "Any news on the refund? I'd like to know when it will land."}
	again := analysis.CoachTurn{Text: "The refund came back, but now you've charged me twice again this month."}
	earlier := []string{"Hi Lena, I'm so sorry about the double charge. I've asked billing to reverse it and I'll write again by Friday."}
	draft := "Hi Lena, I've checked with billing: the refund was sent this morning and will reach your account within two working days. I'll check in on Thursday to make sure it has landed."
	apologyMissing := func(r analysis.CoachReport) bool {
		d := coachDim(r, "solution")
		return d.Status != analysis.CoachMet && strings.Contains(d.Suggestion, "apolog")
	}
	r := coach(t).Review(analysis.CoachInput{Customer: []analysis.CoachTurn{first, chase}, Draft: draft, CustomerName: "Lena"})
	if !apologyMissing(r) {
		t.Errorf("no apology anywhere in the thread: solution = %+v, want an apology asked for", coachDim(r, "solution"))
	}
	r = coach(t).Review(analysis.CoachInput{Customer: []analysis.CoachTurn{first, chase}, Draft: draft, CustomerName: "Lena", EarlierReplies: earlier})
	if apologyMissing(r) {
		t.Errorf("apologised in the last reply: solution = %+v, want no second apology asked for", coachDim(r, "solution"))
	}
	r = coach(t).Review(analysis.CoachInput{Customer: []analysis.CoachTurn{first, again}, Draft: draft, CustomerName: "Lena", EarlierReplies: earlier})
	if !apologyMissing(r) {
		t.Errorf("a new fault in the latest message: solution = %+v, want an apology asked for", coachDim(r, "solution"))
	}
}

// TestCoachAlreadyTried checks the listening flag: a draft that asks the customer to take a
// step they said they had already taken is flagged and its acknowledgement is no more than
// partial; a draft that shows it knows, the agent's own action, and steps the customer did
// not take (a question, a negation, the device on its own) are not.
func TestCoachAlreadyTried(t *testing.T) {
	tried := "My Wren Hub keeps dropping the connection. I've already restarted the router twice and it still drops every evening."
	cases := []struct {
		customer, draft string
		flagged         bool
	}{
		{tried, "I'm sorry the connection keeps dropping every evening. Have you tried restarting the router?", true},
		{tried, "Sorry about this. Please restart the router and let me know if it helps.", true},
		{tried, "Sorry about this. Could you turn the router off and on, then tell me what the lights do?", true},
		{tried, "Thank you for already restarting the router twice; that rules it out. I've booked an engineer for Thursday morning.", false},
		{tried, "Could you restart it once more while I watch the line from here?", false},
		{tried, "I'll restart your line from our side now and check it again at 7pm.", false},
		{"Should I restart the router? It keeps dropping.", "Yes, please restart the router; that clears most drop-outs.", false},
		{"I haven't restarted the router yet. It keeps dropping.", "Please restart the router first; that clears most drop-outs.", false},
		{"The router rebooted itself twice overnight.", "Could you restart the router and tell me if it happens again?", false},
		{"I've checked my spam folder and there's no reset email.", "Sorry about that. Please check your spam folder for the email.", true},
		{"I cleared my browser cache and the page still won't load.", "Could you clear your browser cache and try again?", true},
		{tried, "Could you restart the router again and watch the lights for me?", false},
		{"I cleared my browser cache and the page still won't load.", "Please clear the browser cache, then reload the page.", true},
	}
	for _, c := range cases {
		r := coach(t).Review(analysis.CoachInput{Customer: []analysis.CoachTurn{{Text: c.customer}}, Draft: c.draft})
		var got *analysis.CoachFlag
		for i := range r.Flags {
			if r.Flags[i].Kind == "listening" {
				got = &r.Flags[i]
			}
		}
		if (got != nil) != c.flagged {
			t.Errorf("customer %q, draft %q: listening flag %v, want %v (flags %+v)", c.customer, c.draft, got != nil, c.flagged, r.Flags)
			continue
		}
		if got == nil {
			continue
		}
		if got.Span.Text != c.draft[got.Span.Start:got.Span.End] || !strings.Contains(got.Reason, "already") || got.Rewrite == "" || strings.Contains(got.Rewrite, "{") {
			t.Errorf("draft %q: flag %+v", c.draft, *got)
		}
		if s := coachDim(r, "acknowledge").Status; s == analysis.CoachMet {
			t.Errorf("draft %q repeats a step already taken, yet acknowledge is met", c.draft)
		}
		if !strings.Contains(r.Explanation, "listening phrase") {
			t.Errorf("draft %q: the score's explanation %q takes nothing off for the listening flag", c.draft, r.Explanation)
		}
	}
}

// TestCoachSaidBackIsNoOrder checks that the customer's own "I need to", said back to them
// in a reflection, is not flagged as an order, while the same words as an instruction are.
func TestCoachSaidBackIsNoOrder(t *testing.T) {
	customer := []analysis.CoachTurn{{Text: "I need to print my boarding pass tonight and the app says my booking doesn't exist."}}
	for _, c := range []struct {
		draft   string
		flagged bool
	}{
		{"To make sure I have this right: you need to print your boarding pass tonight and the app says your booking doesn't exist. I've restored the booking just now.", false},
		{"You need to reinstall the app before you print anything.", true},
	} {
		r := coach(t).Review(analysis.CoachInput{Customer: customer, Draft: c.draft})
		got := false
		for _, f := range r.Flags {
			if f.Kind == "negative" && strings.Contains(f.Span.Text, "need to") {
				got = true
			}
		}
		if got != c.flagged {
			t.Errorf("draft %q: \"you need to\" flagged %v, want %v (flags %+v)", c.draft, got, c.flagged, r.Flags)
		}
	}
}

// TestCoachDeadlineWeighsTheSolution checks that a customer up against a time makes the
// solution count for more, names their time in what is missing, and does not take their own
// day said back as the time the reply gives.
func TestCoachDeadlineWeighsTheSolution(t *testing.T) {
	msg := "My repaired laptop was meant to be posted back on Monday and I still haven't had a dispatch email. I start a new job on Thursday, so I need it by Thursday."
	plain := analysis.CoachTurn{Text: msg}
	up := plain
	up.Deadline = "needed by Thursday"
	draft := "Hi Tomasz, I'm sorry the dispatch email never came, with your new job starting on Thursday. I've asked the repair centre to send your laptop."
	without := coach(t).Review(analysis.CoachInput{Customer: []analysis.CoachTurn{plain}, Draft: draft, CustomerName: "Tomasz"})
	with := coach(t).Review(analysis.CoachInput{Customer: []analysis.CoachTurn{up}, Draft: draft, CustomerName: "Tomasz"})
	if with.Score >= without.Score {
		t.Errorf("a deadline left unanswered scores %d, no lower than %d without the deadline", with.Score, without.Score)
	}
	sol := coachDim(with, "solution")
	if sol.Status == analysis.CoachMet || !strings.Contains(sol.Suggestion, "needed by Thursday") {
		t.Errorf("solution with a deadline = %+v, want partial, naming the deadline", sol)
	}
	if !strings.Contains(with.Explanation, "up against a time (needed by Thursday)") {
		t.Errorf("explanation %q does not say why the solution counts more", with.Explanation)
	}
	promised := "Hi Tomasz, I'm sorry the dispatch email never came. I've booked a courier: your laptop will reach you on Wednesday before 1pm, and I'll send the tracking link today."
	if s := coachDim(coach(t).Review(analysis.CoachInput{Customer: []analysis.CoachTurn{up}, Draft: promised, CustomerName: "Tomasz"}), "solution").Status; s != analysis.CoachMet {
		t.Errorf("a reply that says when, before the deadline: solution %s, want met", s)
	}
}

// TestCoachAnswersWhatTheyAsked checks that a reply taking up none of the words of the
// customer's question is told to answer it, and that a yes or no, the question's own words,
// the words that answer them ([answer_same]) or steps to follow count as an answer.
func TestCoachAnswersWhatTheyAsked(t *testing.T) {
	for _, c := range []struct {
		customer, draft string
		unanswered      bool
	}{
		{"Can I move the delivery for order WF-300112 to Saturday?", "Hi Nadia, I've added a note so the courier can leave it with a neighbour if you're out.", true},
		{"Can I move the delivery for order WF-300112 to Saturday?", "Hi Nadia, I've moved it to Saturday morning.", false},
		{"Can I play the same music in two rooms at once?", "Yes: press and hold both volume buttons on each speaker for three seconds.", false},
		{"The front is cracked. Can I have a replacement?", "I'm sorry it arrived like that. A new one is on its way and will reach you on Friday.", false},
		{"Is it broken? The light keeps flashing.", "Hold the button on the back for five seconds, then tap 'Try again' in the app.", false},
		{"Three weeks' notice? I told you I move on the 14th.", "I've booked the transfer for the 13th.", false},
		{"Any news?", "The parcel left the depot this morning and will reach you tomorrow.", false},
	} {
		r := coach(t).Review(analysis.CoachInput{Customer: []analysis.CoachTurn{{Text: c.customer}}, Draft: c.draft})
		got := strings.Contains(coachDim(r, "solution").Suggestion, "an answer to what they asked")
		if got != c.unanswered {
			t.Errorf("customer %q, draft %q: told to answer %v, want %v (solution %+v)", c.customer, c.draft, got, c.unanswered, coachDim(r, "solution"))
		}
	}
}
