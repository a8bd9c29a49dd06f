package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/attune-desk/attune"
)

// viewFuncs are the helpers templates may call. None of them returns template.HTML built
// from anything a customer or agent wrote: every such string is escaped by html/template.
func viewFuncs() template.FuncMap {
	return template.FuncMap{
		"mood":     moodOf,
		"pct":      func(f float64) int { return int(math.Round(f * 100)) },
		"signed":   func(f float64) string { return fmt.Sprintf("%+.2f", f) },
		"initials": initials,
		"join":     strings.Join,
		"add":      func(a, b int) int { return a + b },
		"datetime": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"day":      func(t time.Time) string { return t.UTC().Format("2 Jan 2006") },
		"clock":    func(t time.Time) string { return t.UTC().Format("2 Jan, 15:04 UTC") },
		"title":    titleCase,
		"audit":    auditWords,
		"deref64": func(p *int64) int64 {
			if p == nil {
				return 0
			}
			return *p
		},
		"deref": func(p *int) int {
			if p == nil {
				return 0
			}
			return *p
		},
	}
}

// moodStyle is how a mood looks on a chip: an icon and a word, never colour alone.
type moodStyle struct {
	Name string // the engine's name for it
	Word string // what the chip says
	Icon string // which icon in _icons.html
	Tone string // a CSS class: hot, warm, cool, info, good, neutral
}

var moodStyles = map[string]moodStyle{
	"angry":        {Word: "angry", Icon: "angry", Tone: "hot"},
	"furious":      {Word: "furious", Icon: "angry", Tone: "hot"},
	"frustrated":   {Word: "frustrated", Icon: "frown", Tone: "hot"},
	"anxious":      {Word: "anxious", Icon: "worried", Tone: "warm"},
	"worried":      {Word: "worried", Icon: "worried", Tone: "warm"},
	"afraid":       {Word: "afraid", Icon: "worried", Tone: "warm"},
	"sad":          {Word: "sad", Icon: "sad", Tone: "cool"},
	"lonely":       {Word: "lonely", Icon: "sad", Tone: "cool"},
	"disappointed": {Word: "disappointed", Icon: "frown", Tone: "cool"},
	"confused":     {Word: "confused", Icon: "question", Tone: "info"},
	"grateful":     {Word: "grateful", Icon: "smile", Tone: "good"},
	"happy":        {Word: "happy", Icon: "smile", Tone: "good"},
	"relieved":     {Word: "relieved", Icon: "smile", Tone: "good"},
	"satisfied":    {Word: "satisfied", Icon: "smile", Tone: "good"},
	"neutral":      {Word: "calm", Icon: "neutral", Tone: "neutral"},
	"calm":         {Word: "calm", Icon: "neutral", Tone: "neutral"},
}

func moodOf(name string) moodStyle {
	st, ok := moodStyles[name]
	if !ok {
		st = moodStyle{Word: name, Icon: "neutral", Tone: "neutral"}
		if name == "" {
			st.Word = "calm"
		}
	}
	st.Name = name
	return st
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// initials are the avatar letters for a name.
func initials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		out = append(out, r)
		if len(out) == 2 {
			break
		}
	}
	if len(out) == 0 {
		return "?"
	}
	return strings.ToUpper(string(out))
}

// reasonsText says the top reasons for a conversation's place in the queue, in words:
// "furious · rent at risk · 3rd contact in 2 weeks · waiting 4 h".
func reasonsText(p attune.Priority) string {
	rs := append([]attune.Reason(nil), p.Reasons...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Weight > rs[j].Weight })
	var labels []string
	for _, r := range rs {
		if r.Label != "" && len(labels) < 4 {
			labels = append(labels, r.Label)
		}
	}
	return strings.Join(labels, " · ")
}

// since says how long ago t was, in the largest sensible unit.
func since(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h", int(d.Hours()))
	}
	return fmt.Sprintf("%d d", int(d.Hours()/24))
}

// chip is one mood or urgency on a customer message.
type chip struct {
	Mood     moodStyle
	Label    string // for urgency chips, e.g. "rent at risk"
	Figure   string // the evidence figure it explains, e.g. mood:angry
	Strength int    // percent
}

// messageChips are a customer message's moods, strongest first, then its urgencies.
func messageChips(a *attune.Analysis) (moods, urgent []chip) {
	if a == nil {
		return nil, nil
	}
	for name, v := range a.Moods {
		if v >= 0.25 && name != "neutral" {
			moods = append(moods, chip{Mood: moodOf(name), Figure: "mood:" + name, Strength: int(math.Round(v * 100))})
		}
	}
	sort.Slice(moods, func(i, j int) bool {
		if moods[i].Strength != moods[j].Strength {
			return moods[i].Strength > moods[j].Strength
		}
		return moods[i].Mood.Name < moods[j].Mood.Name
	})
	if len(moods) > 3 {
		moods = moods[:3]
	}
	if len(moods) == 0 {
		moods = []chip{{Mood: moodOf(a.Mood), Figure: "mood:" + a.Mood, Strength: 100}}
	}
	for _, kind := range a.UrgencyKinds {
		label := a.UrgencyLabels[kind]
		if label == "" {
			label = strings.ReplaceAll(kind, "_", " ")
		}
		urgent = append(urgent, chip{Mood: moodOf(""), Label: label, Figure: "urgency:" + kind})
	}
	return moods, urgent
}

// segment is a run of a message body: plain text, or evidence for one or more figures.
type segment struct {
	Text    string
	Figures string // space-separated, empty for plain text
	Why     string // the rules behind it, for a tooltip
}

// segments splits a body at its evidence spans so the page can underline the words behind
// each mood. Spans that are out of range, not on character boundaries, or overlap an
// earlier one are skipped: the text is always shown whole and in order.
func segments(body string, a *attune.Analysis) []segment {
	if a == nil || len(a.Evidence) == 0 {
		return []segment{{Text: body}}
	}
	type span struct {
		start, end int
		figs, why  []string
	}
	byRange := map[[2]int]*span{}
	var spans []*span
	for _, e := range a.Evidence {
		if e.Start < 0 || e.End <= e.Start || e.End > len(body) || !utf8.RuneStart(body[e.Start]) || e.End < len(body) && !utf8.RuneStart(body[e.End]) {
			continue
		}
		k := [2]int{e.Start, e.End}
		sp, ok := byRange[k]
		if !ok {
			sp = &span{start: e.Start, end: e.End}
			byRange[k] = sp
			spans = append(spans, sp)
		}
		fig := strings.Map(func(r rune) rune {
			if r == ' ' {
				return '_'
			}
			return r
		}, e.Figure)
		sp.figs = append(sp.figs, fig)
		if e.Rule != "" {
			sp.why = append(sp.why, e.Figure+": "+e.Rule)
		} else {
			sp.why = append(sp.why, e.Figure)
		}
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var out []segment
	pos := 0
	for _, sp := range spans {
		if sp.start < pos {
			continue // overlaps an earlier span
		}
		if sp.start > pos {
			out = append(out, segment{Text: body[pos:sp.start]})
		}
		out = append(out, segment{Text: body[sp.start:sp.end], Figures: strings.Join(sp.figs, " "), Why: strings.Join(sp.why, "; ")})
		pos = sp.end
	}
	if pos < len(body) {
		out = append(out, segment{Text: body[pos:]})
	}
	return out
}

// chart is a small line chart of sentiment (−1…1) drawn as server-side SVG: no script,
// so it sits inside the Content-Security-Policy.
type chart struct {
	W, H   int
	Zero   float64 // the y of sentiment 0
	Line   string  // polyline points
	Points []chartPoint
	Label  string // what it shows, for screen readers
}

type chartPoint struct {
	X, Y  float64
	Title string
	Tone  string
	Href  string
}

// sentimentChart places values (−1…1) evenly from left to right.
func sentimentChart(w, h int, values []float64, titles, tones, hrefs []string, label string) chart {
	c := chart{W: w, H: h, Label: label}
	pad := 8.0
	y := func(v float64) float64 {
		v = math.Max(-1, math.Min(1, v))
		return pad + (1-v)/2*(float64(h)-2*pad)
	}
	c.Zero = y(0)
	var pts []string
	for i, v := range values {
		x := float64(w) / 2
		if len(values) > 1 {
			x = pad + float64(i)*(float64(w)-2*pad)/float64(len(values)-1)
		}
		p := chartPoint{X: math.Round(x*10) / 10, Y: math.Round(y(v)*10) / 10}
		if i < len(titles) {
			p.Title = titles[i]
		}
		if i < len(tones) {
			p.Tone = tones[i]
		}
		if i < len(hrefs) {
			p.Href = hrefs[i]
		}
		c.Points = append(c.Points, p)
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", p.X, p.Y))
	}
	c.Line = strings.Join(pts, " ")
	return c
}

// sentimentTone names a sentiment for colour (always shown beside words).
func sentimentTone(v float64) string {
	switch {
	case v <= -0.35:
		return "hot"
	case v < -0.05:
		return "warm"
	case v >= 0.3:
		return "good"
	}
	return "neutral"
}

// sentimentWord says a sentiment in a word.
func sentimentWord(v float64) string {
	switch {
	case v <= -0.5:
		return "very negative"
	case v <= -0.15:
		return "negative"
	case v < 0.15:
		return "neutral"
	case v < 0.5:
		return "positive"
	}
	return "very positive"
}

// liftWord says how the mood moved across a conversation.
func liftWord(lift float64, n int) string {
	switch {
	case n < 2:
		return "one message so far"
	case lift >= 0.15:
		return "mood lifting"
	case lift <= -0.15:
		return "mood falling"
	}
	return "mood steady"
}

// localTime is the time now where the customer is, e.g. "14:05, Tue (Europe/Lisbon)".
func localTime(now time.Time, tz string) string {
	if tz == "" {
		return ""
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return ""
	}
	return now.In(loc).Format("15:04, Mon")
}

// auditWords says an audit entry in words: "changed status to resolved, tags".
func auditWords(e attune.AuditEntry) string {
	switch e.Action {
	case "conversation.create":
		return "opened the conversation"
	case "follow_up.schedule":
		return "scheduled a follow-up"
	case "follow_up.cancel":
		return "cancelled a follow-up"
	case "conversation.wake":
		return "brought it back to the queue"
	case "conversation.update":
	default:
		return strings.ReplaceAll(e.Action, "_", " ")
	}
	var detail map[string]any
	_ = json.Unmarshal([]byte(e.Detail), &detail)
	names := map[string]string{"assignee_id": "assignee", "team_id": "team", "tags": "tags", "snoozed_until": "snooze time",
		"satisfaction": "rating", "subject": "subject"}
	var parts []string
	if st, ok := detail["status"].(string); ok {
		parts = append(parts, "status to "+st)
	}
	keys := make([]string, 0, len(detail))
	for k := range detail {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if n, ok := names[k]; ok {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return "made a change"
	}
	return "changed " + strings.Join(parts, ", ")
}
