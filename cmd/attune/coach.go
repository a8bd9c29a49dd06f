package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/eval"
)

const coachUsage = `Usage:
  attune coach --customer "…" --reply "…" [--name Maria]
  attune coach --format jsonl < pairs.jsonl > reports.jsonl

Scores a reply against what the customer wrote, the way the coach does while an agent
types: a score out of 100 and how it was reached, the EPITOME empathy mechanisms,
politeness, the checklist, the phrases worth changing and sentences ready to insert.

With --format jsonl, each line of standard input is {"id", "customer", "reply",
"customer_name"?} and each line of standard output is the report for it, in input order,
with its "id". A line that cannot be read is reported on standard error with its id or
line number; the rest go on, and the command fails at the end.`

// coachMaxLine is the longest jsonl line the coach reads; longer lines are reported and
// skipped.
const coachMaxLine = 1 << 20

func runCoach(ctx context.Context, e env, args []string) error {
	fs := newFlags("coach", coachUsage)
	customer := fs.String("customer", "", "what the customer wrote")
	reply := fs.String("reply", "", "the reply to score")
	name := fs.String("name", "", "the customer's name")
	format := fs.String("format", "text", "text, json (one report) or jsonl (pairs on standard input)")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("coach takes no arguments (got %q); put the reply in --reply", fs.Arg(0))
	}
	c, err := analysis.NewCoach()
	if err != nil {
		return fmt.Errorf("loading the coach: %w", err)
	}
	engine, err := analysis.New()
	if err != nil {
		return fmt.Errorf("loading the emotion engine: %w", err)
	}
	// The coach reads each customer message with the engine's mood, as it does in the desk.
	turn := func(text string) analysis.CoachTurn {
		r := engine.Analyze(text)
		return analysis.CoachTurnFrom(text, &r)
	}
	switch *format {
	case "jsonl":
		if *reply != "" || *customer != "" {
			return errors.New("--format jsonl reads pairs from standard input; leave out --customer and --reply")
		}
		return coachStream(ctx, e, c, turn)
	case "text", "json":
		if strings.TrimSpace(*reply) == "" {
			return errors.New("--reply is required: the reply to score (or use --format jsonl to read pairs from standard input)")
		}
		in := analysis.CoachInput{Draft: *reply, CustomerName: *name}
		if *customer != "" {
			in.Customer = []analysis.CoachTurn{turn(*customer)}
		}
		rep := c.Review(in)
		if *format == "json" {
			b, err := json.MarshalIndent(rep, "", "  ")
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(e.stdout, "%s\n", b)
			return err
		}
		_, err := io.WriteString(e.stdout, coachText(*reply, rep))
		return err
	default:
		return fmt.Errorf("--format %q: use text, json or jsonl", *format)
	}
}

// coachPair is one line of jsonl input.
type coachPair struct {
	ID           json.RawMessage `json:"id"`
	Customer     string          `json:"customer"`
	Reply        *string         `json:"reply"`
	CustomerName string          `json:"customer_name"`
}

// coachLine is one line of jsonl output: the report with the pair's id.
type coachLine struct {
	ID json.RawMessage `json:"id"`
	analysis.CoachReport
}

func coachStream(ctx context.Context, e env, c *analysis.Coach, turn func(string) analysis.CoachTurn) error {
	r := bufio.NewReaderSize(e.stdin, 64<<10)
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	bad := 0
	report := func(line int, id json.RawMessage, msg string) {
		bad++
		who := fmt.Sprintf("line %d", line)
		if len(id) > 0 && string(id) != "null" {
			who += " (id " + coachShortID(id) + ")"
		}
		fmt.Fprintf(e.stderr, "attune coach: %s: %s\n", who, msg)
	}
	var buf []byte
	for line := 1; ; line++ {
		if line%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		b, tooLong, err := coachReadLine(r, buf[:0])
		buf = b
		if err != nil && err != io.EOF {
			return fmt.Errorf("reading standard input: %w", err)
		}
		if tooLong {
			report(line, nil, fmt.Sprintf("longer than %d bytes; skipped", coachMaxLine))
		} else if len(bytes.TrimSpace(b)) > 0 {
			var p coachPair
			switch jerr := json.Unmarshal(b, &p); {
			case jerr != nil:
				report(line, coachPeekID(b), "not a JSON object with id, customer and reply: "+coachJSONError(jerr))
			case p.Reply == nil:
				report(line, p.ID, `no "reply"`)
			case len(p.ID) == 0 || string(p.ID) == "null":
				report(line, nil, `no "id"`)
			default:
				in := analysis.CoachInput{Draft: *p.Reply, CustomerName: p.CustomerName}
				if p.Customer != "" {
					in.Customer = []analysis.CoachTurn{turn(p.Customer)}
				}
				if err := enc.Encode(coachLine{ID: p.ID, CoachReport: c.Review(in)}); err != nil {
					return fmt.Errorf("writing standard output: %w", err)
				}
			}
		}
		if err == io.EOF {
			break
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing standard output: %w", err)
	}
	if bad > 0 {
		fmt.Fprintf(e.stderr, "attune coach: %d line(s) could not be read; the others were scored\n", bad)
		return errSilent
	}
	return nil
}

// coachReadLine reads one line into buf without its newline. A line longer than
// coachMaxLine is consumed and reported as too long, so one bad line never stops the stream.
func coachReadLine(r *bufio.Reader, buf []byte) ([]byte, bool, error) {
	tooLong := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > coachMaxLine+1 {
				tooLong = true
				buf = buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		if err == io.EOF && len(buf) == 0 && len(chunk) == 0 && !tooLong {
			return buf, false, io.EOF
		}
		return buf, tooLong, err
	}
}

// coachPeekID pulls the id out of a line that is not valid as a whole, when it can.
func coachPeekID(b []byte) json.RawMessage {
	var p struct {
		ID json.RawMessage `json:"id"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if dec.Decode(&p) == nil {
		return p.ID
	}
	return nil
}

func coachShortID(id json.RawMessage) string {
	s := string(id)
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

func coachJSONError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("invalid JSON at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("%q should be a %s, not a %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}

// coachText renders a report for a person at a terminal: the reply with its flagged
// phrases underlined, the checklist, and the suggestions.
func coachText(reply string, rep analysis.CoachReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Score %d/100\n%s\n\n", rep.Score, coachWrap(rep.Explanation, 88, ""))
	b.WriteString("Reply (flagged phrases marked ^):\n")
	b.WriteString(coachUnderline(reply, rep.Flags, 84, "  "))
	if len(rep.Flags) > 0 {
		b.WriteString("\nPhrases to change:\n")
		for i, f := range rep.Flags {
			fmt.Fprintf(&b, "  %d. %q (%s): %s\n", i+1, f.Span.Text, f.Kind, f.Reason)
			if f.Rewrite != "" {
				fmt.Fprintf(&b, "     Try: %s\n", f.Rewrite)
			}
		}
	}
	b.WriteString("\nChecklist:\n")
	marks := map[string]string{analysis.CoachMet: "[x] met    ", analysis.CoachPartial: "[~] partly ", analysis.CoachMissing: "[ ] missing", analysis.CoachNotNeeded: "[-] n/a    "}
	for _, d := range rep.Dimensions {
		fmt.Fprintf(&b, "  %s  %s\n", marks[d.Status], d.Label)
		if d.Suggestion != "" && d.Status != analysis.CoachMet {
			b.WriteString(coachWrap(d.Suggestion, 80, "                 "))
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "\nEmpathy (EPITOME, 0–2): emotional reaction %d, interpretation %d, exploration %d. Politeness %+.2f.\n",
		rep.Mechanisms.EmotionalReaction, rep.Mechanisms.Interpretation, rep.Mechanisms.Exploration, rep.Politeness)
	s := rep.Suggestions
	if s.Reflection != "" || s.Validation != "" || s.OpenQuestion != "" {
		b.WriteString("\nSentences you could use:\n")
		for _, x := range [][2]string{{"Reflect", s.Reflection}, {"Validate", s.Validation}, {"Ask", s.OpenQuestion}} {
			if x[1] != "" {
				fmt.Fprintf(&b, "  %-9s %s\n", x[0]+":", x[1])
			}
		}
	}
	return b.String()
}

// coachUnderline prints text in lines of at most width characters, each followed by a
// line of ^ under the flagged bytes.
func coachUnderline(text string, flags []analysis.CoachFlag, width int, indent string) string {
	marked := func(i int) bool {
		for _, f := range flags {
			if f.Span.Start <= i && i < f.Span.End {
				return true
			}
		}
		return false
	}
	var b strings.Builder
	for _, seg := range coachSegments(text, width) {
		var line, under strings.Builder
		hit := false
		for i := seg[0]; i < seg[1]; {
			r, size := utf8.DecodeRuneInString(text[i:seg[1]])
			if r == utf8.RuneError || r < ' ' || r == 0x7f {
				r = '?'
				if r < ' ' {
					r = ' '
				}
			}
			line.WriteRune(r)
			if marked(i) {
				under.WriteByte('^')
				hit = true
			} else {
				under.WriteByte(' ')
			}
			i += size
		}
		b.WriteString(indent + line.String() + "\n")
		if hit {
			b.WriteString(indent + strings.TrimRight(under.String(), " ") + "\n")
		}
	}
	return b.String()
}

// coachSegments splits text at line breaks and wraps long lines at spaces; it returns
// byte ranges of text.
func coachSegments(text string, width int) [][2]int {
	var out [][2]int
	start := 0
	for start <= len(text) {
		nl := strings.IndexByte(text[start:], '\n')
		end := len(text)
		if nl >= 0 {
			end = start + nl
		}
		// wrap [start, end)
		ls := start
		for utf8.RuneCountInString(text[ls:end]) > width {
			cut, n := -1, 0
			for i := range text[ls:end] {
				if n > width {
					break
				}
				if text[ls+i] == ' ' {
					cut = ls + i
				}
				n++
			}
			if cut <= ls {
				// no space: cut at width runes
				n = 0
				for i := range text[ls:end] {
					if n == width {
						cut = ls + i
						break
					}
					n++
				}
			}
			out = append(out, [2]int{ls, cut})
			ls = cut
			for ls < end && text[ls] == ' ' {
				ls++
			}
		}
		out = append(out, [2]int{ls, end})
		if nl < 0 {
			break
		}
		start = end + 1
	}
	return out
}

func coachWrap(s string, width int, indent string) string {
	var b strings.Builder
	n := 0
	b.WriteString(indent)
	for i, w := range strings.Fields(s) {
		if i > 0 && n+1+utf8.RuneCountInString(w) > width {
			b.WriteString("\n" + indent)
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += utf8.RuneCountInString(w)
	}
	return b.String()
}

// coachEvalFigures measures the coach on the evaluation sets in dataDir, for attune eval.
func coachEvalFigures(dataDir string) ([]eval.Figure, error) {
	engine, err := analysis.New()
	if err != nil {
		return nil, err
	}
	c, err := analysis.NewCoach()
	if err != nil {
		return nil, err
	}
	return eval.CoachFigures(dataDir, c, engine)
}
