package kb

import (
	"html"
	"strings"
	"unicode/utf8"
)

// Snippet picks the passage of text, at most max characters, that holds the most of
// the query's words, and marks them. The result is safe HTML: the text is escaped first,
// and the only markup is <mark>…</mark> around matched words. Cut ends show "…".
func Snippet(text string, stems map[string]bool, max int) string {
	if len(text) > 100_000 {
		text = text[:100_000]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	spans := wordSpans(text)
	hit := make([]bool, len(spans))
	stemOf := make([]string, len(spans))
	for i, sp := range spans {
		stemOf[i] = Stem(normWord(text[sp.start:sp.end]))
		hit[i] = stems[stemOf[i]]
	}
	// the best window starts at a word and runs as far as max characters allow
	bestStart, bestEnd, bestScore := 0, len(text), -1
	if utf8.RuneCountInString(text) > max {
		for i := range spans {
			if i > 0 && !hit[i] && bestScore >= 0 {
				continue // a window is best started at a match, or at the very start
			}
			distinct := map[string]bool{}
			total := 0
			end := spans[i].start
			for j := i; j < len(spans) && utf8.RuneCountInString(text[spans[i].start:spans[j].end]) <= max; j++ {
				if hit[j] {
					distinct[stemOf[j]] = true
					total++
				}
				end = spans[j].end
			}
			if score := len(distinct)*10 + total; score > bestScore {
				bestStart, bestEnd, bestScore = spans[i].start, end, score
			}
		}
		// start a sentence or a few words early, for context
		if bestStart > 0 {
			bestStart = leadIn(text, bestStart, max/5)
		}
	}
	var b strings.Builder
	if bestStart > 0 {
		b.WriteString("…")
	}
	pos := bestStart
	for i, sp := range spans {
		if sp.start < bestStart || sp.end > bestEnd || !hit[i] {
			continue
		}
		b.WriteString(html.EscapeString(text[pos:sp.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[sp.start:sp.end]))
		b.WriteString("</mark>")
		pos = sp.end
	}
	b.WriteString(html.EscapeString(text[pos:bestEnd]))
	if bestEnd < len(text) {
		b.WriteString("…")
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Mark marks the query's words in a short text, such as a title, without cutting it.
func Mark(text string, stems map[string]bool) string {
	return Snippet(text, stems, utf8.RuneCountInString(text)+1)
}

// leadIn moves a start back to the beginning of its sentence, or by up to back
// characters to a word boundary, so a snippet does not open mid-thought.
func leadIn(text string, start, back int) int {
	from := max(0, start-back*4)
	for i := start - 1; i >= from; i-- {
		if text[i] == '.' || text[i] == '\n' || text[i] == '!' || text[i] == '?' {
			j := i + 1
			for j < start && (text[j] == ' ' || text[j] == '\n') {
				j++
			}
			if start-j <= back {
				return j
			}
			break
		}
	}
	return start
}
