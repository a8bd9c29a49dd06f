package analysis

import (
	"fmt"
	"strconv"
	"strings"
)

// Phrase figures.
const (
	figDeadline = iota // the urgency kinds come first, in UrgencyKind order
	figHardship
	figRepeat
	figThreat
	figCalm
	figComplaint // a support complaint with no sentiment word: "not arrived", "stopped working"
	figSarcasm
	figSarcasmMaybe // sarcasm only in a message that also complains
	figTone         // an idiom whose sentiment its words misread: "save your money", "can't put it down"
	figMood         // a phrase that names a mood as a plain mood word does: "fed up", "don't understand"
	figPolite       // a polite formula: "I'd appreciate", "thanks in advance", "hope you're well"
	numFigs
)

var figNames = map[string]uint8{
	"urgency:deadline": figDeadline, "urgency:hardship": figHardship, "urgency:repeat": figRepeat,
	"urgency:threat": figThreat, "calm": figCalm, "complaint": figComplaint, "sarcasm": figSarcasm, "sarcasm?": figSarcasmMaybe,
	"tone": figTone, "moodphrase": figMood, "polite": figPolite,
}

// condNames are the kinds whose phrases may be written conditional ("urgency:deadline?"):
// such a phrase gives its kind only when the message bears it out (dropUnmet).
var condNames = map[string]uint8{"urgency:deadline?": figDeadline, "urgency:hardship?": figHardship, "urgency:repeat?": figRepeat}

// What a word of a "time" line says about a time or a duration named in its clause, one bit
// each (a word may have several).
const (
	timePast   = 1 << iota // it happened then: "it came this morning", "I opened it this evening"
	timePlan               // the customer will do something then: "I'll try it tonight"
	timeNeed               // something is needed then: "she needs her medication today"
	timeFuture             // a duration still to come: "I'll be away for days", "it won't take weeks"
	timeWish               // after a negation, a duration only feared: "I don't want parcels sitting there for days"
)

var timeNames = map[string]uint8{"time past": timePast, "time plan": timePlan, "time need": timeNeed, "time future": timeFuture, "time wish": timeWish}

// Wildcard elements of a phrase: any word, any number, any word of the contact class.
const (
	anyWord    = 2
	anyNumber  = 3
	anyContact = 4
)

// phrase is one rule phrase from rules.txt.
type phrase struct {
	figure uint8
	weight float32
	label  string
	words  []uint64
	rule   string // how the evidence names it, e.g. `phrase "third time"`
	ruleID Rule   // rule's Rule (New sets it)
	sad    bool   // a hardship that reads as grief or loneliness rather than worry
	mood   Mood   // for a mood phrase: the mood it names
	thanks bool   // for a polite formula: it holds a word of thanks ("thanks in advance")
	cond   bool   // a kind's phrase that counts only when the message bears it out (dropUnmet)
	insult bool   // for a mood phrase: it holds a word of the profanity class ("I feel stupid")
	price  bool   // a complaint about the price ("my bill is going up"): praise beside it is sarcasm
	greet  bool   // a polite formula that greets ("good morning", "dear"): courtesy only where it opens a letter
}

// loadRules reads rules.txt: word classes into the builder, phrase rules returned.
func (b *lexBuilder) loadRules(src string) ([]phrase, error) {
	var out []phrase
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if strings.HasPrefix(f[0], "mood ") {
			mo := -1
			for i, m := range moodNames {
				if m == strings.TrimPrefix(f[0], "mood ") && Mood(i) != MoodNeutral {
					mo = i
				}
			}
			if f[0] == "mood asking" {
				mo = asking // (no word names the neutral mood: its count is the asking words')
			}
			if mo < 0 || len(f) != 2 {
				return nil, fmt.Errorf("analysis: rules.txt line %d: unknown mood line", n+1)
			}
			for _, w := range strings.Split(f[1], "|") {
				if w = strings.TrimSpace(w); w != "" {
					b.entry(hashWord(w)).mood = uint8(mo + 1)
				}
			}
			continue
		}
		if strings.HasPrefix(f[0], "class ") {
			c, ok := classNames[strings.TrimPrefix(f[0], "class ")]
			if !ok || len(f) != 2 {
				return nil, fmt.Errorf("analysis: rules.txt line %d: unknown class line", n+1)
			}
			for _, w := range strings.Split(f[1], "|") {
				if w = strings.TrimSpace(w); w != "" {
					b.entry(hashWord(w)).class |= c
					b.classWords[c] = append(b.classWords[c], w)
				}
			}
			continue
		}
		if f[0] == "valence" {
			v, err := strconv.ParseFloat(f[1], 32)
			if err != nil || len(f) != 3 {
				return nil, fmt.Errorf("analysis: rules.txt line %d: want valence, number, words", n+1)
			}
			for _, w := range strings.Split(f[2], "|") {
				if w = strings.TrimSpace(w); w != "" {
					en := b.entry(hashWord(w))
					en.valence = float32(v)
					en.class |= classValence
				}
			}
			continue
		}
		if strings.HasPrefix(f[0], "time ") {
			k := timeNames[f[0]]
			if k == 0 || len(f) != 2 {
				return nil, fmt.Errorf("analysis: rules.txt line %d: unknown time line", n+1)
			}
			for _, w := range strings.Split(f[1], "|") {
				if w = strings.TrimSpace(w); w != "" {
					b.timeWords[hashWord(w)] |= k
				}
			}
			continue
		}
		fig, ok := figNames[f[0]]
		cond := false
		if c, isCond := condNames[f[0]]; isCond {
			fig, ok, cond = c, true, true
		}
		if !ok || len(f) != 4 {
			return nil, fmt.Errorf("analysis: rules.txt line %d: want figure, label, weight, phrases", n+1)
		}
		w, err := strconv.ParseFloat(f[2], 32)
		if err != nil {
			return nil, fmt.Errorf("analysis: rules.txt line %d: %v", n+1, err)
		}
		if fig == figMood && moodOf(f[1]) >= MoodNeutral {
			return nil, fmt.Errorf("analysis: rules.txt line %d: a mood phrase needs a mood other than neutral, not %q", n+1, f[1])
		}
		for _, p := range strings.Split(f[3], "|") {
			words := phraseWords(p)
			if len(words) == 0 || words[0] == "*" || words[0] == "#" || words[0] == "@contact" {
				if len(words) > 0 && words[0] == "@contact" {
					// a phrase led by a class is filed under each word of the class
					for _, cw := range b.classWords[classContact] {
						out = append(out, b.phraseOf(fig, w, f[1], append([]string{cw}, words[1:]...)))
						out[len(out)-1].cond = cond
					}
				}
				continue
			}
			out = append(out, b.phraseOf(fig, w, f[1], words))
			out[len(out)-1].cond = cond
		}
	}
	return out, nil
}

func (b *lexBuilder) phraseOf(fig uint8, w float64, label string, words []string) phrase {
	prefix := "phrase "
	switch fig {
	case figSarcasm, figSarcasmMaybe:
		prefix = "sarcasm marker "
	case figCalm:
		prefix = "calm marker "
	case figComplaint:
		prefix = "complaint "
	case figTone:
		prefix = "idiom "
	case figMood:
		prefix = "mood phrase "
	case figPolite:
		prefix = "polite formula "
	}
	ph := phrase{figure: fig, weight: float32(w), label: label, rule: prefix + `"` + strings.Join(words, " ") + `"`,
		sad: label == "bereavement" || label == "alone and struggling", price: fig == figComplaint && label == "price complaint",
		greet: fig == figPolite && label == "greeting"}
	if fig == figMood {
		ph.mood = moodOf(label)
	}
	for _, w := range words {
		if i, ok := b.idx[hashWord(w)]; ok && fig == figPolite && b.entries[i].class&classThanks != 0 {
			ph.thanks = true
		}
		if i, ok := b.idx[hashWord(w)]; ok && fig == figMood && b.entries[i].class&classProfanity != 0 {
			ph.insult = true
		}
		switch w {
		case "*":
			ph.words = append(ph.words, anyWord)
		case "#":
			ph.words = append(ph.words, anyNumber)
		case "@contact":
			ph.words = append(ph.words, anyContact)
		default:
			ph.words = append(ph.words, hashWord(w))
		}
	}
	return ph
}

// asking is the index in tokenStats.moodWords of the asking words (rules.txt's "mood
// asking": "how", "which", "understand"): they say the customer wants help to understand,
// which urgency reads as it reads confusion, but they name no mood. No plain word names
// the neutral mood, so its count holds them.
const asking = int(MoodNeutral)

// moodOf is the mood named name, or MoodNeutral.
func moodOf(name string) Mood {
	for i, m := range moodNames {
		if m == name {
			return Mood(i)
		}
	}
	return MoodNeutral
}

// phraseWords splits a phrase the way the scanner splits text into words.
func phraseWords(p string) []string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(strings.ToLower(p)) {
		switch {
		case r == '\'' || r == '\u2019':
			b.WriteByte('\'')
		case r == '*' || r == '#' || r == '@' || r < 128 && isWordByte(byte(r)) || r >= 128:
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// match is one phrase found in the text.
type match struct {
	phrase     int32
	start, end int32 // token indexes, end exclusive
	negated    bool  // an idiom straight after a negation ("not a waste of money")
}

// isContent reports whether a token is a word or a number (phrases run over these).
func isContent(t *token) bool { return t.kind == tokWord || t.kind == tokNumber }

// hyphenSkip steps over a single hyphen between two words, so that a phrase matches its
// hyphenated spelling too ("must-see", "non-existent", "rip-off").
func hyphenSkip(toks []token, j int) int {
	if j+1 < len(toks) && toks[j].kind == tokPunct && toks[j].punct == '-' && toks[j].n == 1 && j > 0 && isContent(&toks[j-1]) && isContent(&toks[j+1]) {
		return j + 1
	}
	return j
}

// findPhrases appends every phrase match to ms; cand lists the tokens that may start one
// (readTokens lists them). A phrase straight after a negation ("not
// urgent" aside, which is a phrase of its own) does not count, but for a sarcasm marker or
// an idiom, which is kept and marked negated (its weight turns over), and a deadline the
// negation does not stand just before.
func (e *Engine) findPhrases(toks []token, cand []int32, ms []match) []match {
	var until [numFigs]int32 // per figure: the end of its last match
	for _, ci := range cand {
		i := int(ci)
		t := &toks[i]
		if !isContent(t) {
			continue
		}
		le := &e.lex[t.lex]
		// the candidates: the phrases filed under this word alone, and those filed under
		// this word and the next, merged back into file order
		var one, two []int32
		if le.phrases >= 0 {
			one = e.phraseFirst[le.phrases : le.phrases+le.nphr]
		}
		if le.pairs {
			if i1 := hyphenSkip(toks, i+1); i1 < len(toks) && isContent(&toks[i1]) {
				nh := toks[i1].h
				if bit := pairBit(t.h, nh); e.pairBits[bit/64]&(1<<(bit%64)) != 0 {
					if at := e.phrasePairs.get(pairHash(t.h, nh)); at >= 0 {
						two = e.pairLists[at+1 : at+1+e.pairLists[at]]
					}
				}
			}
		}
		if len(one) == 0 && len(two) == 0 {
			continue
		}
		negated, nextTo := false, false // a negation among the two words before; just before
		for k := i - 1; k >= 0 && k >= i-2; k-- {
			if !isContent(&toks[k]) {
				break
			}
			if toks[k].lex >= 0 && e.lex[toks[k].lex].class&classNegation != 0 {
				negated = true
				nextTo = nextTo || k == i-1
			}
		}
		first := len(ms)
		for len(one) > 0 || len(two) > 0 {
			var pi int32
			if len(two) == 0 || len(one) > 0 && one[0] < two[0] {
				pi, one = one[0], one[1:]
			} else {
				pi, two = two[0], two[1:]
			}
			p := &e.phrases[pi]
			// a phrase straight after a negation does not count (a deadline after the next
			// word is kept: that negation is the verb's, "if this isn't refunded by
			// Wednesday", not the date's, "not urgent"); when the negation stands just
			// before it, nor do the phrases of its figure inside it ("I don't want to
			// cancel" wants no "cancel"; in "no broadband for six days" the "no" is the
			// broadband's, and "six days" still counts)
			denied := negated && p.figure != figSarcasm && p.figure != figSarcasmMaybe && p.figure != figTone && (p.figure != figDeadline || nextTo)
			j := i + 1
			ok := true
			for _, w := range p.words[1:] {
				j = hyphenSkip(toks, j)
				if j >= len(toks) || !isContent(&toks[j]) {
					ok = false
					break
				}
				switch w {
				case anyWord:
				case anyNumber:
					ok = toks[j].kind == tokNumber
				case anyContact:
					ok = toks[j].lex >= 0 && e.lex[toks[j].lex].class&classContact != 0
				default:
					ok = toks[j].h == w
				}
				if !ok {
					break
				}
				j++
			}
			if !ok || int32(i) < until[p.figure] {
				continue
			}
			if denied {
				if nextTo {
					until[p.figure] = max(until[p.figure], int32(j))
				}
				continue
			}
			// the longest phrase of a figure at one place wins
			dup := false
			for k := first; k < len(ms); k++ {
				if e.phrases[ms[k].phrase].figure == p.figure {
					dup = true
					if int32(j) > ms[k].end || int32(j) == ms[k].end && p.weight > e.phrases[ms[k].phrase].weight {
						ms[k] = match{phrase: pi, start: int32(i), end: int32(j), negated: negated}
					}
				}
			}
			if !dup {
				ms = append(ms, match{phrase: pi, start: int32(i), end: int32(j), negated: negated})
			}
		}
		for k := first; k < len(ms); k++ {
			f := e.phrases[ms[k].phrase].figure
			until[f] = max(until[f], ms[k].end)
		}
	}
	return ms
}
