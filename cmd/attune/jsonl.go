package main

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/triage"
)

// jsonlWriter writes analyses as JSON lines byte for byte the way encoding/json writes
// jsonlOutput{id, triage.ToAnalysis(r)} (a test holds it to that), without reflection or
// maps, so analyze --format jsonl stays fast.
type jsonlWriter struct {
	buf     []byte
	idBuf   bytes.Buffer
	model   string
	emo     []int // label indexes in name order, as encoding/json sorts map keys
	moods   []int
	emoKey  [][]byte // `"admiration":`, then `,"amusement":`, … in emo order
	moodKey [][]byte
}

func newJSONLWriter(model string) *jsonlWriter {
	w := &jsonlWriter{model: model}
	w.emo = sortedIndex(analysis.EmotionLabels())
	w.moods = sortedIndex(analysis.MoodNames())
	key := func(k int, name string) []byte {
		var b []byte
		if k > 0 {
			b = append(b, ',')
		}
		return append(appendString(b, name), ':')
	}
	for k, i := range w.emo {
		w.emoKey = append(w.emoKey, key(k, labelNames[i]))
	}
	for k, i := range w.moods {
		w.moodKey = append(w.moodKey, key(k, moodNames[i]))
	}
	return w
}

func sortedIndex(names []string) []int {
	idx := make([]int, len(names))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if names[a] < names[b] {
			return -1
		}
		return 1
	})
	return idx
}

var (
	labelNames = analysis.EmotionLabels()
	moodNames  = analysis.MoodNames()
	kindNames  = analysis.UrgencyKindNames()
	cueNames   = analysis.CueNames()
)

// line encodes one output line, newline included; the slice is valid until the next call.
func (w *jsonlWriter) line(id json.RawMessage, r analysis.Result) ([]byte, error) {
	b := w.buf[:0]
	b = append(b, `{"id":`...)
	if plainID(id) {
		// a number, or a string of plain ASCII: already compact, nothing to escape
		b = append(b, id...)
	} else {
		w.idBuf.Reset()
		if err := json.Compact(&w.idBuf, id); err != nil {
			return nil, err
		}
		if bytes.ContainsAny(w.idBuf.Bytes(), "<>&\u2028\u2029") {
			var esc bytes.Buffer
			json.HTMLEscape(&esc, w.idBuf.Bytes())
			b = append(b, esc.Bytes()...)
		} else {
			b = append(b, w.idBuf.Bytes()...)
		}
	}
	b = append(b, `,"sentiment":`...)
	b = appendRounded(b, (r.Sentiment))
	b = append(b, `,"emotions":{`...)
	for k, i := range w.emo {
		b = append(b, w.emoKey[k]...)
		b = appendRounded(b, (r.Emotions[i]))
	}
	b = append(b, `},"labels":[`...)
	first := true
	for i := 0; i < analysis.NumLabels; i++ {
		if r.Labels.Has(i) {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendString(b, labelNames[i])
		}
	}
	b = append(b, `],"moods":{`...)
	for k, i := range w.moods {
		b = append(b, w.moodKey[k]...)
		b = appendRounded(b, (r.Moods[i]))
	}
	b = append(b, `},"mood":`...)
	b = appendString(b, r.Mood.String())
	b = append(b, `,"frustration":`...)
	b = appendRounded(b, (r.Frustration))
	b = append(b, `,"urgency":`...)
	b = appendRounded(b, (r.Urgency))
	b = append(b, `,"urgency_kinds":[`...)
	first = true
	for k := analysis.UrgencyKind(0); k < analysis.NumKinds; k++ {
		if r.UrgencyKinds.Has(k) {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendString(b, kindNames[k])
		}
	}
	// the kind names are in alphabetical order already, as the map's keys would be
	b = append(b, `],"urgency_labels":{`...)
	first = true
	for k, l := range r.UrgencyLabels {
		if l != "" {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendString(b, kindNames[k])
			b = append(b, ':')
			b = appendString(b, l)
		}
	}
	b = append(b, `},"cues":[`...)
	first = true
	for c := analysis.Cue(0); c < analysis.NumCues; c++ {
		if r.Cues.Has(c) {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendString(b, cueNames[c])
		}
	}
	b = append(b, `],"evidence":[`...)
	for i, ev := range r.Evidence {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"figure":`...)
		b = appendString(b, ev.Figure.String())
		b = append(b, `,"text":`...)
		b = appendString(b, ev.Text(r.Text))
		b = append(b, `,"start":`...)
		b = strconv.AppendInt(b, int64(ev.Start), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(ev.End), 10)
		b = append(b, `,"rule":`...)
		b = appendString(b, ev.Rule.String())
		b = append(b, `,"weight":`...)
		b = appendFixed(b, 1000, ev.Weight)
		b = append(b, '}')
	}
	b = append(b, `],"model":`...)
	b = appendString(b, w.model)
	b = append(b, "}\n"...)
	w.buf = b
	return b, nil
}

// triageRound is the rounding triage.ToAnalysis applies.
func triageRound(x float64) float64 { return triage.Round(x) }

// appendRounded writes triage.Round(x) (x to four decimal places) as encoding/json would:
// the value is k/10000 for the integer k = round(x·10000), and the shortest decimal that
// reads back as k/10000 is k/10000 itself, so it is written from k's digits.
func appendRounded(b []byte, x float64) []byte {
	k := math.Round(x * 10000)
	if !(k > -1e15 && k < 1e15) || math.IsNaN(x) || math.IsInf(x, 0) {
		return appendFixed(b, 10000, triageRound(x))
	}
	n := int64(k)
	if n == 0 {
		if math.Signbit(k) {
			return append(b, '-', '0')
		}
		return append(b, '0')
	}
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	return appendDecimal4(b, n)
}

// appendDecimal4 writes n/10000 (n > 0) with no trailing zeros.
func appendDecimal4(b []byte, n int64) []byte {
	ip, frac := n/10000, n%10000
	switch {
	case ip == 0:
		b = append(b, '0')
	case ip < 10:
		b = append(b, byte('0'+ip))
	case ip < 100:
		b = append(b, twoDigits[2*ip], twoDigits[2*ip+1])
	default:
		b = strconv.AppendInt(b, ip, 10)
	}
	if frac == 0 {
		return b
	}
	hi, lo := frac/100, frac%100
	tmp := [5]byte{'.', twoDigits[2*hi], twoDigits[2*hi+1], twoDigits[2*lo], twoDigits[2*lo+1]}
	end := len(tmp)
	for tmp[end-1] == '0' {
		end--
	}
	return append(b, tmp[:end]...)
}

// appendFloat formats like encoding/json.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, '0')
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendFixed formats v, already rounded to 1/scale (scale 10, 100, 1000 or 10000), the
// way encoding/json would: the shortest decimal that reads back as v is the rounded
// decimal itself, so it is written from the integer v·scale without the general
// shortest-float search.
func appendFixed(b []byte, scale float64, v float64) []byte {
	k := v * scale
	if !(k > -(1<<52) && k < 1<<52) {
		return appendFloat(b, v)
	}
	// the nearest integer: v·scale is not always exact, but n/scale must read back as v
	n := int64(k + 0.5)
	if k < 0 {
		n = int64(k - 0.5)
	}
	if float64(n)/scale != v || v != 0 && v > -1e-6 && v < 1e-6 {
		return appendFloat(b, v)
	}
	var pow int64
	switch scale {
	case 10:
		pow = 10
	case 100:
		pow = 100
	case 1000:
		pow = 1000
	case 10000:
		pow = 10000
	default:
		return appendFloat(b, v)
	}
	if math.Signbit(v) {
		b = append(b, '-')
		n = -n
	}
	if n == 0 {
		return append(b, '0')
	}
	return appendDecimal4(b, n*(10000/pow))
}

const twoDigits = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// plainID reports whether a JSON id is a plain number or a string of printable ASCII
// with nothing to escape, which encoding/json would write back unchanged.
func plainID(id []byte) bool {
	if len(id) == 0 {
		return false
	}
	if id[0] == '"' {
		if len(id) < 2 || id[len(id)-1] != '"' {
			return false
		}
		for _, c := range id[1 : len(id)-1] {
			if !jsonPlain[c] {
				return false
			}
		}
		return true
	}
	return isJSONNumber(id)
}

// isJSONNumber reports whether b is exactly one JSON number.
func isJSONNumber(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i == len(b) || b[i] < '0' || b[i] > '9' {
			return false
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i == len(b) || b[i] < '0' || b[i] > '9' {
			return false
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	return i == len(b)
}

// jsonPlain marks the bytes encoding/json writes inside a string as they are (with HTML
// escaping on): printable ASCII but for '"', '\\', '<', '>' and '&'.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendString quotes s like encoding/json with HTML escaping on.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && jsonPlain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
