package analysis

import "testing"

// Every plain mood word and every word of thanks has a valence, so the VADER pass lists
// it among the scored tokens: the mood's evidence and the sign-off look for them there.
func TestMoodAndThanksWordsAreScored(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	b := newLexBuilder()
	rules, err := readDataFile("data/rules.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.loadRules(string(rules)); err != nil {
		t.Fatal(err)
	}
	n := 0
	for h, i := range b.idx {
		en := &b.entries[i]
		if en.mood == 0 && en.class&classThanks == 0 || int(en.mood) == asking+1 {
			continue
		}
		n++
		if li := e.words.get(h); li < 0 || e.lex[li].class&classScored == 0 {
			t.Errorf("a mood word or word of thanks (entry %d, mood %d) has no valence", i, en.mood)
		}
	}
	if n < 100 {
		t.Fatalf("only %d mood words and words of thanks", n)
	}
}
