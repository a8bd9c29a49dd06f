// Package analysis is Attune's emotion engine: it reads one customer message and says how
// the customer feels (sentiment, the 28 GoEmotions labels, agent-facing moods), how
// frustrated they are, how urgent the message is and why (deadline, hardship, repeat
// contact, threat), and which "non-verbal" cues the writing shows. Every figure comes with
// its evidence: the words, phrases and rules behind it, as byte offsets into the text.
//
// The engine uses the standard library only. Its lexicons (VADER, AFINN, Empath), its
// hand-written rules and its trained weights are embedded files, read once by New. An
// Engine is immutable and safe for concurrent use; Analyze never panics and returns the
// same Result for the same text.
package analysis

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/rules.txt data/model.bin data/vader/vader_lexicon.txt data/vader/emoji_utf8_lexicon.txt data/afinn/AFINN-en-165.txt data/afinn/AFINN-emoticon-8.txt data/empath/categories.tsv
var dataFS embed.FS

// Word classes read by the rules.
const (
	classNegation = 1 << iota
	classBoostUp
	classBoostDown
	classBut
	classProfanity
	classEmoticon
	classThanks
	classQuestion
	classProblem
	classHelp
	classContact
	classValence    // has a sentiment valence
	classConcession // opens a clause that concedes ("although", "though")
	classModal      // may open a counterfactual ("would have", "could've", "supposed to be")
	classLikes      // after it, "like" is the verb ("I like", "would like"), not "looks like"
	classFunction   // a function word (pronoun, auxiliary, determiner, preposition, conjunction): never a mood's evidence
)

// the base classes must stay below the derived marks
var _ [classStarts - classFunction<<1]struct{}

// Marks New derives from an entry's other fields (markEntries), so that the token pass
// tests one mask for everything a plain word does not need.
const (
	classStarts   = 1 << (iota + 16) // some phrase starts here (lexEntry.starts)
	classMoodLean                    // moodMax ≥ moodFloor: it may be a mood's evidence
	classMoodWord                    // a plain mood word (lexEntry.mood ≠ 0)
	classButWord                     // the word "but" itself (the clause rules read its place)
	classScored                      // has a valence and is no booster: the VADER pass scores it

	// classRare: the classes readTokens does more for than list the word's rows
	classRare = classStarts | classMoodLean | classMoodWord | classButWord | classScored |
		classQuestion | classProblem | classHelp | classProfanity | classNegation | classBut |
		classConcession
)

var classNames = map[string]uint32{
	"negation": classNegation, "boost+": classBoostUp, "boost-": classBoostDown, "but": classBut,
	"profanity": classProfanity, "thanks": classThanks, "question": classQuestion,
	"problem": classProblem, "help": classHelp, "contact": classContact,
	"concession": classConcession, "modal": classModal, "likes": classLikes, "function": classFunction,
}

// empathCats are the Empath categories the engine reads, one bit each.
var empathCats = [...]string{
	"anger", "rage", "irritability", "exasperation", "disgust", "hate", "fear", "nervousness",
	"sadness", "suffering", "disappointment", "confusion", "joy", "cheerfulness", "optimism",
	"love", "affection", "positive_emotion", "negative_emotion", "politeness", "swearing_terms",
	"pain", "death", "medical_emergency", "money", "payment", "children", "family", "help",
	"communication", "celebration", "shame",
	// more of the emotional ones, for the model's rarer labels
	"surprise", "envy", "anticipation", "aggression", "horror", "ridicule", "sympathy", "trust",
	"deception", "contentment", "timidity", "torment", "neglect", "zest", "fun", "emotional",
	"pride", "achievement", "violence", "dispute", "fight", "weakness", "beauty", "warmth",
	"lust", "giving", "healing", "kill",
}

// lexEntry is what the engine knows about one word, emoji or emoticon.
type lexEntry struct {
	valence float32 // VADER valence −4…4 (AFINN where VADER has none)
	class   uint32
	empath  uint64
	row     int32 // the model's unigram row, or −1
	phrases int32 // first index in Engine.phraseFirst of the phrases starting here that the
	nphr    int32 // pair index does not hold (one word, or a wildcard second), or −1
	pairs   bool  // some phrase starting here is in Engine.phrasePairs
	starts  bool  // some phrase starts here (phrases ≥ 0 or pairs)
	mood    uint8 // 1 + the Mood a plain mood word names ("worried" → anxious), or 0
	wr      wordRows
	moodMax float32 // the largest of the entry's mood leanings (Engine.moodW), or −1: evidence skips the entry below its floor
}

// Engine is the emotion engine. Build one with New and share it: it is immutable and safe
// for concurrent use.
type Engine struct {
	words    table // word hash → index into lex
	lex      []lexEntry
	emoStart [256]bool

	phrases     []phrase
	phraseFirst []int32 // phrase indexes grouped by first word; lexEntry.phrases points in
	phrasePairs table   // pairHash(first, second word) → index in pairLists
	pairLists   []int32 // a count, then that many phrase indexes, in file order
	// pairBits is a one-hash Bloom filter of the phrase pairs (pairBit), so most pairs of
	// words that start no phrase are turned away before pairHash and the table
	pairBits [1 << pairBitsLog2 / 64]uint64

	model      model
	tags       tagKeys
	wrows      []int32
	maxTokRows int      // the most rows one token can add (readTokens sizes its buffer by it)
	noEntry    lexEntry // the zero entry readTokens reads for a word the lexicon lacks
	trows      tagRows
	moodW      []float32 // per lexicon entry, each mood's weighted sum of its row's label weights (−1: no row)
	hw         wordHashes
	timeWords  map[uint64]uint8 // rules.txt's "time" lines (dropUnmet reads them)
	pass       passTemplate     // readTokens's tables, set once (initPass)
	version    string
	pool       sync.Pool
}

// New loads the embedded lexicons, rules and weights. It takes a few milliseconds; build
// one Engine per process and share it.
func New() (*Engine, error) {
	e := &Engine{}
	b := newLexBuilder()
	if err := b.loadVADER(); err != nil {
		return nil, err
	}
	if err := b.loadAFINN(); err != nil {
		return nil, err
	}
	if err := b.loadEmoji(); err != nil {
		return nil, err
	}
	if err := b.loadEmpath(); err != nil {
		return nil, err
	}
	rules, err := dataFS.ReadFile("data/rules.txt")
	if err != nil {
		return nil, err
	}
	phrases, err := b.loadRules(string(rules))
	if err != nil {
		return nil, err
	}
	raw, err := dataFS.ReadFile("data/model.bin")
	if err != nil {
		return nil, err
	}
	m, err := readModel(raw)
	if err != nil {
		return nil, fmt.Errorf("analysis: model weights: %w", err)
	}
	for i, k := range m.keys {
		if m.kinds[i] == featUnigram {
			b.entry(k).row = int32(i)
		}
	}
	e.model = m
	e.tags = newTagKeys()
	e.hw = newWordHashes()
	e.timeWords = b.timeWords
	e.buildTables(b, phrases)
	keyOf := make([]uint64, len(e.lex))
	for k, i := range b.idx {
		keyOf[i] = k
	}
	e.buildRows(keyOf)
	e.model.prefix = nil // read into the lexicon entries
	e.buildMoodWeights()
	e.markEntries()
	e.initPass()
	crc := crc32.NewIEEE()
	crc.Write(raw)
	crc.Write(rules)
	e.version = fmt.Sprintf("attune-emotion-%d.%08x", modelFormat, crc.Sum32())
	e.pool.New = func() any { return new(scratch) }
	return e, nil
}

// Version names the model: it changes whenever the weights or rules change.
func (e *Engine) Version() string { return e.version }

// lexBuilder collects entries at load time, before they are frozen into tables.
type lexBuilder struct {
	idx        map[uint64]int32
	entries    []lexEntry
	emoStart   [256]bool
	classWords map[uint32][]string
	timeWords  map[uint64]uint8 // rules.txt's "time" lines: timePast, timePlan, timeNeed, timeFuture bits
}

func newLexBuilder() *lexBuilder {
	return &lexBuilder{idx: make(map[uint64]int32, 1<<16), classWords: map[uint32][]string{}, timeWords: map[uint64]uint8{}}
}

func (b *lexBuilder) entry(h uint64) *lexEntry {
	if i, ok := b.idx[h]; ok {
		return &b.entries[i]
	}
	b.idx[h] = int32(len(b.entries))
	b.entries = append(b.entries, lexEntry{row: -1, phrases: -1})
	return &b.entries[len(b.entries)-1]
}

func isEmoticonText(w string) bool {
	letters := 0
	for i := 0; i < len(w); i++ {
		if isWordByte(w[i]) {
			letters++
		}
	}
	return letters < len(w) && len(w) >= 2 && !isWordByte(w[0])
}

func eachLine(path string, fn func(fields []string) error) error {
	f, err := dataFS.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("analysis: %s: %w", path, err)
		}
	}
	return sc.Err()
}

func (b *lexBuilder) setValence(w string, v float64) {
	var h uint64
	if isEmoticonText(w) {
		h = hashRaw(w)
		b.emoStart[w[0]] = true
	} else {
		h = hashWord(w)
	}
	en := b.entry(h)
	if en.class&classValence != 0 {
		return
	}
	en.valence = float32(v)
	en.class |= classValence
	if isEmoticonText(w) {
		en.class |= classEmoticon
	}
}

func (b *lexBuilder) loadVADER() error {
	return eachLine("data/vader/vader_lexicon.txt", func(f []string) error {
		if len(f) < 2 {
			return nil
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return err
		}
		b.setValence(f[0], v)
		return nil
	})
}

func (b *lexBuilder) loadAFINN() error {
	load := func(path string) error {
		return eachLine(path, func(f []string) error {
			if len(f) < 2 || strings.Contains(f[0], " ") {
				return nil
			}
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return err
			}
			// AFINN runs −5…5; VADER −4…4
			b.setValence(f[0], v*0.8)
			return nil
		})
	}
	if err := load("data/afinn/AFINN-en-165.txt"); err != nil {
		return err
	}
	return load("data/afinn/AFINN-emoticon-8.txt")
}

// loadEmoji gives each emoji the valence of the words that describe it, as VADER does.
func (b *lexBuilder) loadEmoji() error {
	return eachLine("data/vader/emoji_utf8_lexicon.txt", func(f []string) error {
		if len(f) < 2 {
			return nil
		}
		var first string
		for _, r := range f[0] {
			first = string(r)
			break
		}
		if first == "" || !isEmojiRune([]rune(first)[0]) {
			return nil
		}
		sum := float32(0)
		for _, w := range strings.Fields(f[1]) {
			if i, ok := b.idx[hashWord(w)]; ok {
				sum += b.entries[i].valence
			}
		}
		en := b.entry(hashWord(first))
		if en.class&classValence == 0 && sum != 0 {
			en.valence = max(-4, min(4, sum))
			en.class |= classValence
		}
		return nil
	})
}

func (b *lexBuilder) loadEmpath() error {
	bit := map[string]uint64{}
	for i, c := range empathCats {
		bit[c] = 1 << i
	}
	return eachLine("data/empath/categories.tsv", func(f []string) error {
		m, ok := bit[f[0]]
		if !ok {
			return nil
		}
		for _, w := range f[1:] {
			if w != "" && !strings.Contains(w, " ") {
				b.entry(hashWord(w)).empath |= m
			}
		}
		return nil
	})
}

// buildTables freezes the builder into the engine's read-only tables.
func (e *Engine) buildTables(b *lexBuilder, phrases []phrase) {
	// group phrases by their first word, or by their first two words when the second is a
	// plain word, keeping file order inside a group
	byFirst := map[uint64][]int32{}
	byPair := map[uint64][]int32{}
	var order, pairOrder []uint64
	for i, p := range phrases {
		k := p.words[0]
		if len(p.words) >= 2 && p.words[1] > anyContact {
			pk := pairHash(k, p.words[1])
			if _, ok := byPair[pk]; !ok {
				pairOrder = append(pairOrder, pk)
			}
			byPair[pk] = append(byPair[pk], int32(i))
			bit := pairBit(k, p.words[1])
			e.pairBits[bit/64] |= 1 << (bit % 64)
			b.entry(k).pairs = true
			continue
		}
		if _, ok := byFirst[k]; !ok {
			order = append(order, k)
		}
		byFirst[k] = append(byFirst[k], int32(i))
	}
	for _, k := range order {
		en := b.entry(k)
		en.phrases = int32(len(e.phraseFirst))
		en.nphr = int32(len(byFirst[k]))
		e.phraseFirst = append(e.phraseFirst, byFirst[k]...)
	}
	e.phrasePairs = newTable(len(pairOrder))
	for _, pk := range pairOrder {
		e.phrasePairs.put(pk, int32(len(e.pairLists)))
		e.pairLists = append(e.pairLists, int32(len(byPair[pk])))
		e.pairLists = append(e.pairLists, byPair[pk]...)
	}
	e.phrases = phrases
	names := make([]string, len(phrases))
	for i := range phrases {
		names[i] = phrases[i].rule
	}
	for i, id := range internRules(names...) {
		phrases[i].ruleID = id
	}
	for i := range b.entries {
		en := &b.entries[i]
		en.starts = en.phrases >= 0 || en.pairs
	}
	e.lex = b.entries
	// filled in entry order, not the map's: the same layout (and speed) in every process
	keys := make([]uint64, len(b.entries))
	for k, v := range b.idx {
		keys[v] = k
	}
	e.words = newTable(len(keys))
	for i, k := range keys {
		e.words.put(k, int32(i))
	}
	e.emoStart = b.emoStart
}

// pairBitsLog2 sizes Engine.pairBits: 32,768 bits for about 2,000 phrase pairs.
const pairBitsLog2 = 15

// pairBit is the filter bit of the word pair a, b (word hashes, already mixed).
func pairBit(a, b uint64) uint64 { return (a ^ b*0x9e3779b97f4a7c15) >> (64 - pairBitsLog2) }

// markEntries sets each entry's derived classes (classStarts … classScored).
func (e *Engine) markEntries() {
	butAt := e.words.get(e.hw.but)
	for i := range e.lex {
		le := &e.lex[i]
		if le.starts {
			le.class |= classStarts
		}
		if le.moodMax >= moodFloor {
			le.class |= classMoodLean
		}
		if le.mood != 0 {
			le.class |= classMoodWord
		}
		if int32(i) == butAt {
			le.class |= classButWord
		}
		if le.class&classValence != 0 && le.class&(classBoostUp|classBoostDown) == 0 {
			le.class |= classScored
		}
	}
}

var errNoModel = errors.New("no weights")

// readDataFile is for tests of the embedded files.
func readDataFile(name string) ([]byte, error) { return fs.ReadFile(dataFS, name) }
