package web

import (
	"net/http"
	"unicode/utf8"

	"github.com/attune-desk/attune"
)

type analyzeRequest struct {
	Text string `json:"text"`
}

// handleAnalyze reads any text with the emotion engine, without storing it.
func (s *Server) handleAnalyze() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[analyzeRequest](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		text := attune.CleanText(req.Text)
		f := attune.Fields{}
		f.Require("text", text, "some text to read")
		f.CheckLen("text", text, attune.MaxBodyLen)
		if err := f.Err(); err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, s.Analyzer.Analyze(text))
	})
}

type coachRequest struct {
	ConversationID   *int64   `json:"conversation_id"`
	CustomerMessages []string `json:"customer_messages"`
	Draft            string   `json:"draft"`
	CustomerName     string   `json:"customer_name"`
	PreferredName    string   `json:"preferred_name"`
	Facts            []string `json:"facts"`
}

// handleCoach scores a draft reply against what the customer wrote: from a stored
// conversation, or from messages sent along. It is called on every pause in typing.
func (s *Server) handleCoach() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[coachRequest](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		draft := attune.CleanText(req.Draft)
		f := attune.Fields{}
		f.CheckLen("draft", draft, attune.MaxBodyLen)
		if req.ConversationID == nil && len(req.CustomerMessages) == 0 {
			f.Add("customer_messages", "Please send a conversation_id, or the customer's messages to coach against.")
		}
		if len(req.CustomerMessages) > 20 {
			f.Add("customer_messages", "Please send at most 20 customer messages.")
		}
		if err := f.Err(); err != nil {
			s.writeError(w, r, err)
			return
		}
		if s.Coach == nil {
			s.writeError(w, r, attune.Errorf(attune.EINTERNAL, "The coach isn't available on this server yet."))
			return
		}
		var cr *attune.CoachRequest
		if req.ConversationID != nil {
			cr, err = s.CoachContext.CoachRequest(r.Context(), *req.ConversationID, draft)
			if err != nil {
				s.writeError(w, r, err)
				return
			}
		} else {
			cr = &attune.CoachRequest{Draft: draft, CustomerName: attune.CleanLine(req.CustomerName), PreferredName: attune.CleanLine(req.PreferredName)}
			for _, m := range req.CustomerMessages {
				m = attune.CleanText(m)
				if m == "" || utf8.RuneCountInString(m) > attune.MaxBodyLen {
					continue
				}
				a := s.Analyzer.Analyze(m)
				cr.CustomerMessages = append(cr.CustomerMessages, attune.CoachCustomerMessage{Text: m, Analysis: &a})
			}
			for _, fact := range req.Facts {
				if fact = attune.CleanLine(fact); fact != "" && len(cr.Facts) < attune.MaxFacts {
					cr.Facts = append(cr.Facts, fact)
				}
			}
		}
		s.writeJSON(w, r, http.StatusOK, s.Coach.Review(*cr))
	})
}
