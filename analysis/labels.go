package analysis

// The 28 GoEmotions labels (27 emotions and neutral), in the index order of the data set.
var labelNames = [NumLabels]string{
	"admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion",
	"curiosity", "desire", "disappointment", "disapproval", "disgust", "embarrassment",
	"excitement", "fear", "gratitude", "grief", "joy", "love", "nervousness", "optimism",
	"pride", "realization", "relief", "remorse", "sadness", "surprise", "neutral",
}

// NumLabels is the number of GoEmotions labels.
const NumLabels = 28

// Label indexes, in GoEmotions order.
const (
	Admiration = iota
	Amusement
	Anger
	Annoyance
	Approval
	Caring
	Confusion
	Curiosity
	Desire
	Disappointment
	Disapproval
	Disgust
	Embarrassment
	Excitement
	Fear
	Gratitude
	Grief
	Joy
	Love
	Nervousness
	Optimism
	Pride
	Realization
	Relief
	Remorse
	Sadness
	Surprise
	Neutral
)

// EmotionLabels returns the 28 GoEmotions labels in index order. The slice is a copy.
func EmotionLabels() []string {
	out := make([]string, NumLabels)
	copy(out, labelNames[:])
	return out
}

// Mood is an agent-facing mood, derived from the emotion labels and the rules.
type Mood uint8

// The moods, in the order of MoodNames.
const (
	MoodAngry Mood = iota
	MoodFrustrated
	MoodAnxious
	MoodSad
	MoodConfused
	MoodDisappointed
	MoodHappy
	MoodGrateful
	MoodNeutral
	NumMoods = 9
)

var moodNames = [NumMoods]string{"angry", "frustrated", "anxious", "sad", "confused", "disappointed", "happy", "grateful", "neutral"}

// String returns the mood's name.
func (m Mood) String() string {
	if int(m) < NumMoods {
		return moodNames[m]
	}
	return "neutral"
}

// MoodNames returns the nine moods in index order. The slice is a copy.
func MoodNames() []string {
	out := make([]string, NumMoods)
	copy(out, moodNames[:])
	return out
}

// moodLabels says which emotion labels feed each mood, with their weights.
var moodLabels = [NumMoods][]struct {
	label int
	w     float32
}{
	MoodAngry:        {{Anger, 1}, {Disgust, 0.8}},
	MoodFrustrated:   {{Annoyance, 1}, {Disapproval, 0.6}},
	MoodAnxious:      {{Fear, 1}, {Nervousness, 1}},
	MoodSad:          {{Sadness, 1}, {Grief, 1}, {Remorse, 0.4}},
	MoodConfused:     {{Confusion, 1}, {Curiosity, 0.35}},
	MoodDisappointed: {{Disappointment, 1}},
	MoodHappy:        {{Joy, 1}, {Amusement, 0.8}, {Excitement, 0.9}, {Love, 0.8}, {Admiration, 0.7}, {Approval, 0.5}, {Optimism, 0.7}, {Relief, 0.9}, {Pride, 0.6}},
	MoodGrateful:     {{Gratitude, 1}},
	MoodNeutral:      {{Neutral, 1}},
}

// UrgencyKind is a reason a message is urgent.
type UrgencyKind uint8

// The urgency kinds.
const (
	KindDeadline UrgencyKind = iota // a date or time the customer needs it by
	KindHardship                    // life impact: rent, bills, job, health, bereavement, a child, stranded
	KindRepeat                      // repeat contact: third time, still, again, nobody answers
	KindThreat                      // a threat to leave or escalate
	NumKinds     = 4
)

var kindNames = [NumKinds]string{"deadline", "hardship", "repeat", "threat"}

// String returns the kind's name.
func (k UrgencyKind) String() string {
	if int(k) < NumKinds {
		return kindNames[k]
	}
	return ""
}

// UrgencyKindNames returns the four urgency kinds in index order. The slice is a copy.
func UrgencyKindNames() []string {
	out := make([]string, NumKinds)
	copy(out, kindNames[:])
	return out
}

// Cue is a "non-verbal" cue of writing.
type Cue uint8

// The cues.
const (
	CueCaps        Cue = iota // shouting in capitals
	CuePunctuation            // repeated !!! or ???
	CueProfanity              // swearing
	CueEmoji                  // emoji or emoticons
	CueVeryShort              // a very short message
	CueVeryLong               // a very long message
	NumCues        = 6
)

var cueNames = [NumCues]string{"capitals", "repeated punctuation", "profanity", "emoji", "very short", "very long"}
var cueFigures = [NumCues]string{"cue:caps", "cue:punctuation", "cue:profanity", "cue:emoji", "cue:short", "cue:long"}

// String returns the cue's name.
func (c Cue) String() string {
	if int(c) < NumCues {
		return cueNames[c]
	}
	return ""
}

// CueNames returns the cue names in index order. The slice is a copy.
func CueNames() []string {
	out := make([]string, NumCues)
	copy(out, cueNames[:])
	return out
}

// The Ekman-7 groups (GoEmotions' ekman_mapping.json, plus neutral).
var ekmanNames = [NumEkman]string{"anger", "disgust", "fear", "joy", "sadness", "surprise", "neutral"}

// The sentiment-4 groups (GoEmotions' sentiment_dict.json, plus neutral).
var polarityNames = [NumPolarity]string{"positive", "negative", "ambiguous", "neutral"}

// Sizes of the group taxonomies.
const (
	NumEkman    = 7
	NumPolarity = 4
)

// EkmanLabels returns the Ekman-7 groups in index order. The slice is a copy.
func EkmanLabels() []string {
	out := make([]string, NumEkman)
	copy(out, ekmanNames[:])
	return out
}

// PolarityLabels returns the sentiment-4 groups in index order. The slice is a copy.
func PolarityLabels() []string {
	out := make([]string, NumPolarity)
	copy(out, polarityNames[:])
	return out
}
