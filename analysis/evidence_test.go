package analysis_test

import (
	"os"
	"strings"
	"testing"
)

// functionWords are the pronouns, auxiliaries, determiners, prepositions and conjunctions
// the workspace must never underline as a mood's evidence: the model leans on "me" and
// "I'm" toward fear and on "my" toward sadness, but an agent shown them learns nothing.
// rules.txt's class function must hold every one (the engine reads that class).
var functionWords = strings.Fields(`
	i me my mine myself you your yours yourself we us our ours ourselves they them their
	theirs themselves he him his himself she her hers herself it its itself this that these
	those who whom whose which what someone anyone everyone something anything everything
	nothing nobody none
	i'm i've i'd i'll im ive you're you've you'd you'll we're we've we'd we'll they're they've
	they'd they'll he's she's it's that's there's what's let's
	am is are was were be been being have has had having do does did will would shall should
	can could may might must isn't aren't wasn't weren't haven't hasn't hadn't don't doesn't
	didn't won't wouldn't shouldn't can't cannot couldn't mustn't dont doesnt didnt isnt cant
	couldnt wont havent hasnt
	a an the some any each every either neither no both another such all
	about above across after against along among around as at before behind below between
	beyond by despite during except for from in inside into near of off on onto outside over
	since through till to toward towards under until upon via with within without
	and or but nor so if because than then though although while whereas whether unless not
	there up out`)

// corpusTexts are the written support messages of the golden lists (those still listed as
// misread, "#- " lines, too), as written, in capitals and with a first-person clause added
// (so the pronouns and auxiliaries come up often).
func corpusTexts(t *testing.T) []string {
	var texts []string
	for _, list := range []string{"testdata/messages.txt", "testdata/support.txt"} {
		for _, m := range readGolden(t, list) {
			texts = append(texts, m.text)
		}
		raw, err := os.ReadFile(list)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(raw), "\n") {
			if l, ok := strings.CutPrefix(line, "#- "); ok {
				if f := strings.SplitN(l, "|", 4); len(f) == 4 {
					texts = append(texts, f[3])
				}
			}
		}
	}
	var out []string
	for _, s := range texts {
		out = append(out, s, strings.ToUpper(s), s+" I'm so worried about me and my family.", "Honestly I have had it with you, "+s)
	}
	return out
}

// TestMoodEvidenceIsNoFunctionWord: no mood's evidence is ever a function word.
func TestMoodEvidenceIsNoFunctionWord(t *testing.T) {
	rules, err := os.ReadFile("data/rules.txt")
	if err != nil {
		t.Fatal(err)
	}
	class := map[string]bool{}
	for _, line := range strings.Split(string(rules), "\n") {
		if words, ok := strings.CutPrefix(line, "class function\t"); ok {
			for _, w := range strings.Split(words, "|") {
				class[strings.TrimSpace(w)] = true
			}
		}
	}
	fw := map[string]bool{}
	for _, w := range functionWords {
		fw[w] = true
		if !class[w] {
			t.Errorf("%q is not in rules.txt's class function", w)
		}
	}
	moodEvidence := 0
	for _, text := range corpusTexts(t) {
		r := engine.Analyze(text)
		for _, ev := range r.Evidence {
			if !strings.HasPrefix(ev.Figure.String(), "mood:") {
				continue
			}
			moodEvidence++
			w := strings.ToLower(strings.ReplaceAll(ev.Text(r.Text), "\u2019", "'"))
			if fw[w] {
				t.Errorf("%q is evidence for %s in %q", ev.Text(r.Text), ev.Figure, text)
			}
		}
	}
	if moodEvidence < 200 {
		t.Fatalf("only %d mood evidence items on the corpus: the test reads too little", moodEvidence)
	}
}
