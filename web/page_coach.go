package web

import (
	"net/http"
	"strings"

	"github.com/attune-desk/attune"
)

// coachView is the live coach panel beside the composer.
type coachView struct {
	ConversationID int64
	Available      bool   // a coach is wired in
	Failed         string // a calm message when the coach could not be reached
	Empty          bool   // the draft is empty
	Score          int
	Tone           string // for the score's colour; the number and words carry the meaning
	Explanation    string
	Dimensions     []dimView
	Flags          []flagView
	Suggestions    []suggestionView
	Interrupting   bool
	Greeting       string
}

type dimView struct {
	Label, Status, Word, Suggestion string
	Phrases                         []string
}

type flagView struct {
	Kind, Text, Reason, Rewrite string
}

type suggestionView struct {
	Kind, Text string
}

// dimensionWords say each checklist status in words, beside its icon.
var dimensionWords = map[string]string{"met": "done", "partial": "partly", "missing": "missing", "not_needed": "not needed"}

// coachView reviews a draft against the conversation and shapes the report for the panel.
// It never invents a score: without a coach the panel says so.
func (s *Server) coachView(r *http.Request, id int64, draft string) (coachView, error) {
	v := coachView{ConversationID: id, Empty: strings.TrimSpace(draft) == "", Greeting: "The customer"}
	if typing, err := s.customerTyping(r, id); err == nil {
		v.Interrupting = typing
	}
	if s.Coach == nil || s.CoachContext == nil {
		return v, nil
	}
	v.Available = true
	req, err := s.CoachContext.CoachRequest(r.Context(), id, attune.CleanText(draft))
	if attune.ErrorCode(err) == attune.ENOTFOUND {
		return v, err
	} else if err != nil {
		s.Logger.WarnContext(r.Context(), "coach request failed", "err", err)
		v.Failed = "The coach couldn't read this conversation just now. Your draft is safe; keep writing."
		return v, nil
	}
	if req.PreferredName != "" {
		v.Greeting = req.PreferredName
	} else if f := strings.Fields(req.CustomerName); len(f) > 0 {
		v.Greeting = f[0]
	}
	rep := s.Coach.Review(*req)
	v.Score, v.Explanation = rep.Score, rep.Explanation
	switch {
	case rep.Score >= 70:
		v.Tone = "good"
	case rep.Score >= 40:
		v.Tone = "warm"
	default:
		v.Tone = "hot"
	}
	for _, d := range rep.Dimensions {
		dv := dimView{Label: d.Label, Status: d.Status, Word: dimensionWords[d.Status], Suggestion: d.Suggestion}
		if dv.Word == "" {
			dv.Word = d.Status
		}
		if dv.Label == "" {
			dv.Label = strings.ReplaceAll(d.Code, "_", " ")
		}
		for _, sp := range d.Spans {
			if sp.Text != "" && len(dv.Phrases) < 3 {
				dv.Phrases = append(dv.Phrases, sp.Text)
			}
		}
		v.Dimensions = append(v.Dimensions, dv)
	}
	for _, f := range rep.Flags {
		text := f.Span.Text
		if text == "" && f.Span.End > f.Span.Start && f.Span.End <= len(req.Draft) {
			text = req.Draft[f.Span.Start:f.Span.End]
		}
		v.Flags = append(v.Flags, flagView{Kind: f.Kind, Text: text, Reason: f.Reason, Rewrite: f.Rewrite})
	}
	add := func(kind, text string) {
		if text = strings.TrimSpace(text); text != "" {
			v.Suggestions = append(v.Suggestions, suggestionView{Kind: kind, Text: text})
		}
	}
	add("Reflect what they feel", rep.Suggestions.Reflection)
	add("Validate it", rep.Suggestions.Validation)
	add("Ask an open question", rep.Suggestions.OpenQuestion)
	for _, rw := range rep.Suggestions.Rewrites {
		add("A gentler way to say it", rw)
	}
	return v, nil
}

// handleCoachPanel re-renders the coach panel for the draft in the composer. The page calls
// it after each short pause in typing, with no click.
func (s *Server) handleCoachPanel() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		draft := r.PostFormValue("body")
		if len([]rune(draft)) > attune.MaxBodyLen {
			s.pageError(w, r, attune.Invalid(map[string]string{"body": "This reply is too long for the coach to read: please keep it under 20000 characters."}))
			return
		}
		v, err := s.coachView(r, id, draft)
		if err == nil && !v.Available {
			_, err = s.Conversations.Conversation(r.Context(), id) // so a wrong id is a 404 here too
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "conversation", "coach-fragment", view{Data: v})
	})
}
