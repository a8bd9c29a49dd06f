package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/analysis"
)

// maxLine is the longest jsonl input line analyze reads; a longer one is reported and skipped.
const maxLine = 1 << 20

// maxStdinText is the most text analyze reads from standard input in text mode.
const maxStdinText = 16 << 20

func runAnalyze(ctx context.Context, e env, args []string) error {
	fs := newFlags("analyze", `Usage: attune analyze [flags] ["text"]

Reads a customer message and reports its sentiment, moods, emotions, frustration,
urgency (with its kinds), cues and the evidence behind them. The text comes from the
arguments or, without any, from standard input.

With --format jsonl, standard input holds one {"id": …, "text": "…"} object per line and
standard output gets one analysis per line, in the same order, each with its "id". A
line that cannot be read is reported on standard error (with its id or line number), the
stream goes on, and the exit status is non-zero at the end.`)
	format := fs.String("format", "text", "output: text (a readable report) or jsonl (one JSON object per input line)")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	eng, err := analysis.New()
	if err != nil {
		return fmt.Errorf("loading the emotion engine: %w", err)
	}
	switch *format {
	case "jsonl":
		return analyzeJSONL(ctx, eng, e.stdin, e.stdout, e.stderr)
	case "text":
	default:
		return fmt.Errorf("--format %q is not known; use text or jsonl", *format)
	}
	text := strings.Join(fs.Args(), " ")
	if fs.NArg() == 0 {
		b, err := io.ReadAll(io.LimitReader(e.stdin, maxStdinText+1))
		if err != nil {
			return fmt.Errorf("reading standard input: %w", err)
		}
		if len(b) > maxStdinText {
			return fmt.Errorf("the text on standard input is longer than %d MiB; analyse a shorter part", maxStdinText>>20)
		}
		text = string(b)
	}
	if strings.TrimSpace(text) == "" {
		return errors.New(`there is no text to analyse: pass it as an argument (attune analyze "my order is late") or on standard input`)
	}
	r := eng.Analyze(text)
	_, err = io.WriteString(e.stdout, report(text, r, eng.Version()))
	return err
}

// jsonlInput is one line of analyze's jsonl input.
type jsonlInput struct {
	ID   json.RawMessage `json:"id"`
	Text *string         `json:"text"`
}

// jsonlOutput is one line of its output: the same shape as the API's analysis, plus id.
// jsonlWriter writes exactly what encoding/json would write for it.
type jsonlOutput struct {
	ID json.RawMessage `json:"id"`
	attune.Analysis
}

func analyzeJSONL(ctx context.Context, eng *analysis.Engine, stdin io.Reader, stdout, stderr io.Writer) error {
	in := bufio.NewReaderSize(stdin, 256<<10)
	out := bufio.NewWriterSize(stdout, 256<<10)
	defer out.Flush()
	model := eng.Version()
	failed := 0
	fail := func(line int, id json.RawMessage, msg string) {
		failed++
		if len(id) > 0 {
			fmt.Fprintf(stderr, "attune analyze: line %d (id %s): %s\n", line, id, msg)
		} else {
			fmt.Fprintf(stderr, "attune analyze: line %d: %s\n", line, msg)
		}
	}
	var long []byte
	var res analysis.Result // reused: its evidence storage carries over from line to line
	jw := newJSONLWriter(model)
	for n := 1; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		line, err := in.ReadSlice('\n')
		oversize := false
		if errors.Is(err, bufio.ErrBufferFull) {
			// a line longer than the buffer: gather it up to maxLine, then skip the rest
			long = append(long[:0], line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = in.ReadSlice('\n')
				if len(long)+len(line) <= maxLine+1 {
					long = append(long, line...)
				} else {
					oversize = true
				}
			}
			line = long
		}
		if len(line) > maxLine+1 {
			oversize = true
		}
		if err != nil && !errors.Is(err, io.EOF) {
			out.Flush()
			return fmt.Errorf("reading standard input: %w", err)
		}
		if oversize {
			fail(n, nil, fmt.Sprintf("the line is longer than %d MiB; skipped", maxLine>>20))
		} else if t := bytes.TrimSpace(line); len(t) > 0 {
			id, text, uerr := readJSONLine(t)
			switch {
			case uerr != nil:
				fail(n, nil, "not a JSON object with an id and a text: "+uerr.Error())
			case text == nil:
				fail(n, id, `no "text" field`)
			default:
				if len(id) == 0 {
					id = json.RawMessage("null")
				}
				eng.AnalyzeInto(*text, &res)
				b, jerr := jw.line(id, res)
				if jerr != nil {
					fail(n, id, "the id is not valid JSON: "+jerr.Error())
					break
				}
				if _, werr := out.Write(b); werr != nil {
					return fmt.Errorf("writing the output: %w", werr)
				}
			}
		}
		if err != nil { // io.EOF
			break
		}
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("writing the output: %w", err)
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "attune analyze: %d input line(s) could not be analysed (see above)\n", failed)
		return errSilent
	}
	return nil
}

// report is the readable form of one analysis.
func report(text string, r analysis.Result, model string) string {
	var b strings.Builder
	tone := "neutral"
	switch {
	case r.Sentiment >= 0.05:
		tone = "positive"
	case r.Sentiment <= -0.05:
		tone = "negative"
	}
	fmt.Fprintf(&b, "Sentiment    %+.2f (%s)\n", r.Sentiment, tone)
	moods := analysis.MoodNames()
	fmt.Fprintf(&b, "Mood         %s (%.2f)", r.Mood, r.Moods[r.Mood])
	type kv struct {
		k string
		v float64
	}
	var others []kv
	for i, s := range r.Moods {
		if analysis.Mood(i) != r.Mood && s >= 0.15 && analysis.Mood(i) != analysis.MoodNeutral {
			others = append(others, kv{moods[i], s})
		}
	}
	sort.SliceStable(others, func(i, j int) bool { return others[i].v > others[j].v })
	for i, o := range others {
		if i == 0 {
			b.WriteString("; also ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %.2f", o.k, o.v)
	}
	b.WriteString("\n")
	labels := analysis.EmotionLabels()
	var ems []kv
	for i, p := range r.Emotions {
		if p >= 0.05 || r.Labels.Has(i) {
			ems = append(ems, kv{labels[i], p})
		}
	}
	sort.SliceStable(ems, func(i, j int) bool { return ems[i].v > ems[j].v })
	b.WriteString("Emotions     ")
	for i, em := range ems {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %.2f", em.k, em.v)
	}
	fmt.Fprintf(&b, "\n             predicted: %s\n", strings.Join(r.Labels.Names(), ", "))
	fmt.Fprintf(&b, "Frustration  %.1f of 4\n", r.Frustration)
	fmt.Fprintf(&b, "Urgency      %.2f", r.Urgency)
	for k := analysis.UrgencyKind(0); k < analysis.NumKinds; k++ {
		if r.UrgencyKinds.Has(k) {
			fmt.Fprintf(&b, "; %s: %s", k, r.UrgencyLabels[k])
		}
	}
	b.WriteString("\n")
	cues := r.Cues.Names()
	if len(cues) == 0 {
		cues = []string{"none"}
	}
	fmt.Fprintf(&b, "Cues         %s\n", strings.Join(cues, ", "))
	if len(r.Evidence) > 0 {
		fmt.Fprintf(&b, "\nEvidence (marked [like this] in the text)\n  %s\n\n", markSpans(text, r.Evidence))
		for _, ev := range r.Evidence {
			quote := fmt.Sprintf("%q", ev.Text(r.Text))
			if ev.End == 0 {
				quote = "(whole message)"
			}
			fmt.Fprintf(&b, "  %-24s %-18s %+6.2f  %s\n", quote, ev.Figure, ev.Weight, ev.Rule)
		}
	}
	fmt.Fprintf(&b, "\nModel        %s\n", model)
	return b.String()
}

// markSpans puts [brackets] around the evidence spans in text (overlaps merged). A very
// long text is cut to the first 400 bytes around the marks.
func markSpans(text string, evs []analysis.Evidence) string {
	type span struct{ s, e int }
	var spans []span
	for _, ev := range evs {
		if ev.End > ev.Start && ev.End <= len(text) {
			spans = append(spans, span{ev.Start, ev.End})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].s < spans[j].s })
	var merged []span
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.s <= merged[n-1].e {
			merged[n-1].e = max(merged[n-1].e, sp.e)
			continue
		}
		merged = append(merged, sp)
	}
	var b strings.Builder
	at := 0
	for _, sp := range merged {
		b.WriteString(text[at:sp.s])
		b.WriteString("[" + text[sp.s:sp.e] + "]")
		at = sp.e
	}
	b.WriteString(text[at:])
	s := strings.Join(strings.Fields(b.String()), " ")
	if len(s) > 400 {
		s = strings.ToValidUTF8(s[:400], "") + " …"
	}
	return s
}
