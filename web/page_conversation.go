package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/attune-desk/attune"
)

// msgView is one message as the thread shows it.
type msgView struct {
	attune.Message
	Kind     string // customer, agent, note, system
	Segments []segment
	Moods    []chip
	Urgent   []chip
	Ago      string
	Score    *int // the coach's score for an agent reply
}

type pastView struct {
	ID           int64
	Subject      string
	Mood         moodStyle
	Status       string
	Satisfaction *int
	When         time.Time
	Current      bool
}

type macroView struct {
	Name, Text string
}

// convView is everything the conversation page shows.
type convView struct {
	C              *attune.Conversation
	Customer       *attune.Customer
	Messages       []msgView
	Chart          chart
	HasChart       bool
	Lift           float64
	LiftWord       string
	Agents         []attune.Agent
	Teams          []attune.Team
	Assignee       string
	Macros         []macroView
	Placeholders   []string
	FollowUps      []attune.FollowUp
	Past           []pastView
	LocalTime      string
	Remember       rememberView
	Live           bool // a portal or widget conversation, where the customer may be typing
	CustomerTyping bool
	Greeting       string
	Statuses       []attune.Status
	History        []attune.AuditEntry
	CanSeeHistory  bool
	Coach          coachView
	Draft          string
	Internal       bool
	Error          string
	Fields         map[string]string
	Notice         string
	FormToken      string // the session's CSRF token, repeated for forms
	Now            time.Time
}

// conversationView gathers the page's data. draft is what the composer holds.
func (s *Server) conversationView(r *http.Request, id int64, draft string) (*convView, error) {
	ctx := r.Context()
	c, err := s.Conversations.Conversation(ctx, id)
	if err != nil {
		return nil, err
	}
	now := s.Clock()
	v := &convView{C: c, Statuses: attune.Statuses, Draft: draft, Now: now, Placeholders: attune.MacroPlaceholders,
		Live: c.Channel == attune.ChannelPortal || c.Channel == attune.ChannelWidget}
	if v.Customer, err = s.Customers.Customer(ctx, c.CustomerID); err != nil {
		return nil, err
	}
	v.Greeting = v.Customer.Greeting()
	v.LocalTime = localTime(now, v.Customer.Timezone)
	v.Remember = rememberView{C: v.Customer, RememberText: strings.Join(v.Customer.Remember, "\n"), Back: fmt.Sprintf("/conversations/%d", id)}
	v.Messages = threadMessages(c.Messages, now)
	if t := c.Trajectory; t != nil && len(t.Points) > 0 {
		var vals []float64
		var titles, tones []string
		for i, p := range t.Points {
			vals = append(vals, p.Sentiment)
			titles = append(titles, fmt.Sprintf("Message %d: %s (%s)", i+1, moodOf(p.Mood).Word, sentimentWord(p.Sentiment)))
			tones = append(tones, sentimentTone(p.Sentiment))
		}
		v.HasChart, v.Lift, v.LiftWord = true, t.Lift, liftWord(t.Lift, len(vals))
		v.Chart = sentimentChart(220, 64, vals, titles, tones, nil, "The customer's mood across their messages in this conversation")
	}
	if v.Agents, err = s.Agents.Agents(ctx); err != nil {
		return nil, err
	}
	for _, a := range v.Agents {
		if c.AssigneeID != nil && a.ID == *c.AssigneeID {
			v.Assignee = a.Name
		}
	}
	if v.Teams, err = s.Agents.Teams(ctx); err != nil {
		return nil, err
	}
	me := agentOf(r)
	macros, err := s.Workspace.Macros(ctx)
	if err != nil {
		return nil, err
	}
	vars := attune.MacroVars{CustomerName: v.Customer.Name, CustomerFirstName: v.Greeting, AgentName: me.Name, AgentFirstName: me.FirstName(), Subject: c.Subject}
	for _, m := range macros {
		v.Macros = append(v.Macros, macroView{Name: m.Name, Text: attune.ExpandMacro(m.Body, vars)})
	}
	if v.FollowUps, err = s.Workspace.FollowUps(ctx, id); err != nil {
		return nil, err
	}
	past, err := s.Conversations.Conversations(ctx, attune.ConversationFilter{CustomerID: &c.CustomerID, Sort: attune.SortNewest, Limit: 12})
	if err != nil {
		return nil, err
	}
	for _, p := range past.Items {
		v.Past = append(v.Past, pastView{ID: p.ID, Subject: p.Subject, Mood: moodOf(p.Mood), Status: string(p.Status),
			Satisfaction: p.Satisfaction, When: p.CreatedAt, Current: p.ID == id})
	}
	if v.Live {
		v.CustomerTyping, err = s.customerTyping(r, id)
		if err != nil {
			return nil, err
		}
	}
	if me.Role.AtLeast(attune.RoleSupervisor) {
		v.CanSeeHistory = true
		if v.History, err = s.Audit.AuditLog(ctx, "conversation", id, 15); err != nil {
			return nil, err
		}
	}
	if v.Coach, err = s.coachView(r, id, draft); err != nil {
		return nil, err
	}
	if sess := sessionOf(r); sess != nil {
		v.FormToken = sess.CSRFToken
	}
	return v, nil
}

// threadMessages prepares messages for display.
func threadMessages(ms []attune.Message, now time.Time) []msgView {
	out := make([]msgView, 0, len(ms))
	for _, m := range ms {
		mv := msgView{Message: m, Ago: since(now, m.CreatedAt)}
		switch {
		case m.AuthorKind == attune.AuthorSystem:
			mv.Kind = "system"
		case m.Internal:
			mv.Kind = "note"
		case m.AuthorKind == attune.AuthorCustomer:
			mv.Kind = "customer"
			mv.Moods, mv.Urgent = messageChips(m.Analysis)
		default:
			mv.Kind = "agent"
			if m.Coaching != nil {
				score := m.Coaching.Score
				mv.Score = &score
			}
		}
		if mv.Kind == "customer" {
			mv.Segments = segments(m.Body, m.Analysis)
		} else {
			mv.Segments = []segment{{Text: m.Body}}
		}
		if mv.Ago != "just now" {
			mv.Ago += " ago"
		}
		out = append(out, mv)
	}
	return out
}

// customerTyping reports whether the customer typed within the last few seconds.
func (s *Server) customerTyping(r *http.Request, id int64) (bool, error) {
	at, err := s.Workspace.LastTyped(r.Context(), id, attune.AuthorCustomer)
	if err != nil || at == nil {
		return false, err
	}
	return s.Clock().Sub(*at) < attune.TypingFresh, nil
}

func (s *Server) handleConversationPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		v, err := s.conversationView(r, id, "")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		switch r.URL.Query().Get("done") {
		case "status":
			v.Notice = "Status changed to " + string(v.C.Status) + "."
		case "assign":
			v.Notice = "Assignment saved."
		case "snooze":
			v.Notice = "Snoozed. It comes back to the queue on its own, or sooner if the customer writes."
		case "tags":
			v.Notice = "Tags saved."
		case "follow-up":
			v.Notice = "Follow-up scheduled. The conversation reopens with your note when it's due."
		case "follow-up-cancelled":
			v.Notice = "Follow-up cancelled."
		case "sent":
			v.Notice = "Sent."
		}
		s.render(w, r, http.StatusOK, "conversation", "", view{Title: v.C.Subject, Nav: "inbox", Data: v})
	})
}

// handleThreadFragment re-renders the thread, for live updates.
func (s *Server) handleThreadFragment() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		c, err := s.Conversations.Conversation(r.Context(), id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		v := &convView{C: c, Messages: threadMessages(c.Messages, s.Clock()), Live: c.Channel == attune.ChannelPortal || c.Channel == attune.ChannelWidget}
		if cu, err := s.Customers.Customer(r.Context(), c.CustomerID); err == nil {
			v.Customer, v.Greeting = cu, cu.Greeting()
		} else {
			s.pageError(w, r, err)
			return
		}
		if v.Live {
			if v.CustomerTyping, err = s.customerTyping(r, id); err != nil {
				s.pageError(w, r, err)
				return
			}
		}
		s.render(w, r, http.StatusOK, "conversation", "thread", view{Data: v})
	})
}

// handleReplySubmit sends a reply or adds an internal note. htmx gets the new thread and a
// replySent event that clears the composer; a plain form post comes back to the page.
func (s *Server) handleReplySubmit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		body := r.PostFormValue("body")
		internal := r.PostFormValue("internal") != ""
		me := agentOf(r)
		_, err = s.Conversations.AddMessage(r.Context(), id, attune.NewMessage{Body: body, Author: attune.AuthorAgent, Internal: internal, AgentID: &me.ID}, actorOf(r))
		if err != nil {
			code := attune.ErrorCode(err)
			if code != attune.EINVALID {
				s.pageError(w, r, err)
				return
			}
			msg := attune.ErrorFields(err)["body"]
			if msg == "" {
				msg = attune.ErrorMessage(err)
			}
			if isHX(r) {
				w.Header().Set("HX-Retarget", "#composer-error")
				w.Header().Set("HX-Reswap", "innerHTML")
				s.render(w, r, http.StatusUnprocessableEntity, "error", "notice", view{Data: struct{ Message string }{msg}})
				return
			}
			v, verr := s.conversationView(r, id, attune.CleanText(body))
			if verr != nil {
				s.pageError(w, r, verr)
				return
			}
			v.Error, v.Internal = msg, internal
			s.render(w, r, http.StatusUnprocessableEntity, "conversation", "", view{Title: v.C.Subject, Nav: "inbox", Data: v})
			return
		}
		if !isHX(r) {
			http.Redirect(w, r, fmt.Sprintf("/conversations/%d?done=sent", id), http.StatusSeeOther)
			return
		}
		w.Header().Set("HX-Trigger", "replySent")
		s.handleThreadFragment().ServeHTTP(w, r)
	})
}

// conversationAction runs a change from one of the page's small forms, then returns to
// the page with a note of what happened.
func (s *Server) conversationAction(done string, fn func(r *http.Request, id int64) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if err := fn(r, id); err != nil {
			if attune.ErrorCode(err) != attune.EINVALID || isHX(r) {
				s.pageError(w, r, err)
				return
			}
			// Show what needs fixing on the conversation itself, not on a page of its own.
			v, verr := s.conversationView(r, id, "")
			if verr != nil {
				s.pageError(w, r, verr)
				return
			}
			v.Error = attune.ErrorMessage(err)
			for _, msg := range attune.ErrorFields(err) {
				v.Error = msg
			}
			s.render(w, r, http.StatusUnprocessableEntity, "conversation", "", view{Title: v.C.Subject, Nav: "inbox", Data: v})
			return
		}
		to := fmt.Sprintf("/conversations/%d?done=%s", id, done)
		if isHX(r) {
			w.Header().Set("HX-Redirect", to)
			w.WriteHeader(http.StatusNoContent)
			return
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
	})
}

func (s *Server) handleStatusSubmit() http.Handler {
	return s.conversationAction("status", func(r *http.Request, id int64) error {
		st := attune.Status(r.PostFormValue("status"))
		if st == attune.StatusSnoozed {
			return attune.Invalid(map[string]string{"status": "Please use Snooze to choose until when."})
		}
		_, err := s.Conversations.UpdateConversation(r.Context(), id, attune.ConversationUpdate{Status: &st}, actorOf(r))
		return err
	})
}

func (s *Server) handleAssignSubmit() http.Handler {
	return s.conversationAction("assign", func(r *http.Request, id int64) error {
		var u attune.ConversationUpdate
		parseID := func(field, v string) (*int64, error) {
			switch v {
			case "":
				return nil, nil
			case "none":
				zero := int64(0)
				return &zero, nil
			case "me":
				return &agentOf(r).ID, nil
			}
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				return nil, attune.Invalid(map[string]string{field: "Please choose from the list."})
			}
			return &n, nil
		}
		var err error
		if u.AssigneeID, err = parseID("assignee_id", r.PostFormValue("assignee_id")); err != nil {
			return err
		}
		if u.TeamID, err = parseID("team_id", r.PostFormValue("team_id")); err != nil {
			return err
		}
		_, err = s.Conversations.UpdateConversation(r.Context(), id, u, actorOf(r))
		return err
	})
}

// parseWhen reads a time from a form: a preset ("1h", "4h", "tomorrow", "3d", "week") or
// a custom local time with the browser's offset from UTC in minutes.
func parseWhen(now time.Time, when, at, tzOffset string) (time.Time, error) {
	offset, _ := strconv.Atoi(tzOffset)
	if offset < -16*60 || offset > 16*60 {
		offset = 0
	}
	// JavaScript's getTimezoneOffset is UTC minus local time, in minutes.
	loc := time.FixedZone("browser", -offset*60)
	local := now.In(loc)
	switch when {
	case "1h":
		return now.Add(time.Hour), nil
	case "4h":
		return now.Add(4 * time.Hour), nil
	case "tomorrow":
		y, m, d := local.AddDate(0, 0, 1).Date()
		return time.Date(y, m, d, 9, 0, 0, 0, loc), nil
	case "3d":
		return now.Add(72 * time.Hour), nil
	case "week":
		return now.Add(7 * 24 * time.Hour), nil
	case "custom", "":
		if len(at) > 40 {
			break
		}
		for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
			if t, err := time.ParseInLocation(layout, at, loc); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, attune.Invalid(map[string]string{"due_at": "Please choose a time: pick one of the options, or a date and time."})
}

func (s *Server) handleSnoozeSubmit() http.Handler {
	return s.conversationAction("snooze", func(r *http.Request, id int64) error {
		until, err := parseWhen(s.Clock(), r.PostFormValue("when"), r.PostFormValue("at"), r.PostFormValue("tz_offset"))
		if err != nil {
			return err
		}
		if !until.After(s.Clock()) || until.Sub(s.Clock()) > attune.MaxFollowUpAhead {
			return attune.Invalid(map[string]string{"snoozed_until": "Please choose a time in the future, within the next year."})
		}
		st := attune.StatusSnoozed
		_, err = s.Conversations.UpdateConversation(r.Context(), id, attune.ConversationUpdate{Status: &st, SnoozedUntil: &until}, actorOf(r))
		return err
	})
}

func (s *Server) handleTagsSubmit() http.Handler {
	return s.conversationAction("tags", func(r *http.Request, id int64) error {
		raw := r.PostFormValue("tags")
		if len(raw) > 2000 {
			return attune.Invalid(map[string]string{"tags": "That's too many tags: please use at most 20."})
		}
		tags := strings.FieldsFunc(raw, func(r rune) bool { return r == ',' || r == '\n' })
		_, err := s.Conversations.UpdateConversation(r.Context(), id, attune.ConversationUpdate{Tags: &tags}, actorOf(r))
		return err
	})
}

func (s *Server) handleFollowUpSubmit() http.Handler {
	return s.conversationAction("follow-up", func(r *http.Request, id int64) error {
		due, err := parseWhen(s.Clock(), r.PostFormValue("when"), r.PostFormValue("at"), r.PostFormValue("tz_offset"))
		if err != nil {
			return err
		}
		_, err = s.Workspace.ScheduleFollowUp(r.Context(), id, attune.NewFollowUp{DueAt: due, Note: r.PostFormValue("note")}, actorOf(r))
		return err
	})
}

func (s *Server) handleFollowUpCancel() http.Handler {
	return s.conversationAction("follow-up-cancelled", func(r *http.Request, id int64) error {
		fid, err := strconv.ParseInt(r.PathValue("fid"), 10, 64)
		if err != nil || fid <= 0 {
			return attune.Errorf(attune.ENOTFOUND, "We couldn't find that follow-up. It may have come due already.")
		}
		return s.Workspace.CancelFollowUp(r.Context(), id, fid, actorOf(r))
	})
}
