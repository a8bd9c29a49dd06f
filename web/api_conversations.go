package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/attune-desk/attune"
)

// conversationFilter reads the list's query parameters.
func conversationFilter(r *http.Request, me *attune.Agent) (attune.ConversationFilter, error) {
	q := r.URL.Query()
	f := attune.ConversationFilter{
		Query: q.Get("q"), Sort: attune.Sort(q.Get("sort")), Cursor: q.Get("cursor"),
		Channel: attune.Channel(q.Get("channel")), Mood: q.Get("mood"), Tag: q.Get("tag"),
	}
	fields := attune.Fields{}
	if len(f.Query) > 200 {
		fields.Add("q", "This search is too long: please keep it under 200 characters.")
	}
	if len(f.Cursor) > 600 {
		fields.Add("cursor", "This page link has expired or was changed. Please start again from the first page.")
	}
	if f.Channel != "" && !f.Channel.Valid() {
		fields.Add("channel", "Please choose a channel: portal, widget, email, api or phone.")
	}
	if f.Sort != "" && !f.Sort.Valid() {
		fields.Add("sort", "Please sort by priority, newest or waiting.")
	}
	for _, st := range strings.Split(q.Get("status"), ",") {
		if st = strings.TrimSpace(st); st == "" {
			continue
		} else if !attune.Status(st).Valid() {
			fields.Add("status", "Please choose a status: open, pending, snoozed, resolved or closed.")
		}
		f.Status = append(f.Status, attune.Status(st))
	}
	switch a := q.Get("assignee"); a {
	case "":
	case "me":
		f.AssigneeID = &me.ID
	case "none", "unassigned":
		zero := int64(0)
		f.AssigneeID = &zero
	default:
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id <= 0 {
			fields.Add("assignee", `Use an agent's id, "me" or "none".`)
		}
		f.AssigneeID = &id
	}
	if t := q.Get("team"); t != "" {
		id, err := strconv.ParseInt(t, 10, 64)
		if err != nil || id <= 0 {
			fields.Add("team", "Use a team's id.")
		}
		f.TeamID = &id
	}
	if c := q.Get("customer"); c != "" {
		id, err := strconv.ParseInt(c, 10, 64)
		if err != nil || id <= 0 {
			fields.Add("customer", "Use a customer's id.")
		}
		f.CustomerID = &id
	}
	limit, err := queryInt(r, "limit")
	if err != nil {
		return f, err
	}
	f.Limit = limit
	return f, fields.Err()
}

func (s *Server) handleConversationList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := conversationFilter(r, agentOf(r))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		page, err := s.Conversations.Conversations(r.Context(), f)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, page)
	})
}

func (s *Server) handleConversationCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := decode[attune.NewConversation](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		c, err := s.Conversations.CreateConversation(r.Context(), n, actorOf(r))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		w.Header().Set("Location", "/api/v1/conversations/"+strconv.FormatInt(c.ID, 10))
		s.writeJSON(w, r, http.StatusCreated, c)
	})
}

func (s *Server) handleConversationShow() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		c, err := s.Conversations.Conversation(r.Context(), id)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, c)
	})
}

func (s *Server) handleConversationUpdate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		u, err := decode[attune.ConversationUpdate](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		c, err := s.Conversations.UpdateConversation(r.Context(), id, u, actorOf(r))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, c)
	})
}

func (s *Server) handleMessageCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		n, err := decode[attune.NewMessage](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if n.Author == attune.AuthorAgent {
			n.AgentID = &agentOf(r).ID
		}
		m, err := s.Conversations.AddMessage(r.Context(), id, n, actorOf(r))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusCreated, m)
	})
}

func (s *Server) handleConversationAudit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		entries, err := s.Audit.AuditLog(r.Context(), "conversation", id, 200)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, map[string]any{"items": entries})
	})
}
