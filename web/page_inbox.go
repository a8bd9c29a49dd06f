package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/attune-desk/attune"
)

// inboxFilter is the inbox's query string, kept as text so the form shows what was asked.
type inboxFilter struct {
	View, Team, Status, Mood, Channel, Sort, Query string
}

// query writes the filter back as a query string, with extra pairs set on top.
func (f inboxFilter) query(extra ...string) string {
	q := url.Values{}
	for k, v := range map[string]string{"view": f.View, "team": f.Team, "status": f.Status, "mood": f.Mood, "channel": f.Channel, "sort": f.Sort, "q": f.Query} {
		if v != "" {
			q.Set(k, v)
		}
	}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] == "" {
			q.Del(extra[i])
		} else {
			q.Set(extra[i], extra[i+1])
		}
	}
	if len(q) == 0 {
		return "/"
	}
	return "/?" + q.Encode()
}

// Link is the inbox with one setting changed, for the view and sort tabs.
func (f inboxFilter) Link(key, value string) string { return f.query(key, value) }

// Filtered reports whether anything narrows the list beyond the default view.
func (f inboxFilter) Filtered() bool {
	return f.View != "" || f.Team != "" || f.Status != "" || f.Mood != "" || f.Channel != "" || f.Query != ""
}

type inboxRow struct {
	ID                         int64
	Customer, Subject, Snippet string
	Mood                       moodStyle
	Waiting                    string // "waiting 4 h", or how long since the last message
	IsWaiting                  bool
	Reasons                    string
	Channel, Status, Assignee  string
	Score                      int
	LastMessageAt              time.Time
	Tags                       []string
}

type inboxData struct {
	Rows     []inboxRow
	Next     string
	Filter   inboxFilter
	Teams    []attune.Team
	Moods    []moodStyle
	Channels []attune.Channel
	Statuses []attune.Status
	Notice   string
	Heading  string
}

// inboxMoods are the moods offered as a filter.
var inboxMoods = []string{"angry", "frustrated", "anxious", "sad", "disappointed", "confused", "grateful", "neutral"}

// handleInbox is the queue: most pressing first, with the reasons in words. An htmx
// request (a filter change or a live update) gets just the list.
func (s *Server) handleInbox() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		me := agentOf(r)
		q := r.URL.Query()
		f := inboxFilter{View: q.Get("view"), Team: q.Get("team"), Status: q.Get("status"), Mood: q.Get("mood"),
			Channel: q.Get("channel"), Sort: q.Get("sort"), Query: attune.CleanLine(q.Get("q"))}
		cf := attune.ConversationFilter{Limit: 50, Query: f.Query}
		var bad []string
		switch f.View {
		case "", "all":
			f.View = ""
		case "mine":
			cf.AssigneeID = &me.ID
		case "unassigned":
			zero := int64(0)
			cf.AssigneeID = &zero
		default:
			bad, f.View = append(bad, "view"), ""
		}
		if f.Team != "" {
			if id, err := strconv.ParseInt(f.Team, 10, 64); err == nil && id > 0 {
				cf.TeamID = &id
			} else {
				bad, f.Team = append(bad, "team"), ""
			}
		}
		switch st := attune.Status(f.Status); {
		case f.Status == "":
			cf.Status = []attune.Status{attune.StatusOpen, attune.StatusPending}
		case f.Status == "any":
		case st.Valid():
			cf.Status = []attune.Status{st}
		default:
			bad, f.Status = append(bad, "status"), ""
			cf.Status = []attune.Status{attune.StatusOpen, attune.StatusPending}
		}
		if f.Mood != "" {
			if len(f.Mood) <= 40 && !strings.ContainsAny(f.Mood, "%_\\") {
				cf.Mood = f.Mood
			} else {
				bad, f.Mood = append(bad, "mood"), ""
			}
		}
		if f.Channel != "" {
			if ch := attune.Channel(f.Channel); ch.Valid() {
				cf.Channel = ch
			} else {
				bad, f.Channel = append(bad, "channel"), ""
			}
		}
		if f.Sort != "" {
			if so := attune.Sort(f.Sort); so.Valid() && so != attune.SortPriority {
				cf.Sort = so
			} else {
				f.Sort = ""
			}
		}
		if len(f.Query) > 200 {
			bad, f.Query, cf.Query = append(bad, "search"), "", ""
		}
		if c := q.Get("cursor"); c != "" && len(c) < 600 {
			cf.Cursor = c
		}
		page, err := s.Conversations.Conversations(r.Context(), cf)
		if err != nil && cf.Cursor != "" && attune.ErrorCode(err) == attune.EINVALID {
			cf.Cursor = ""
			bad = append(bad, "page")
			page, err = s.Conversations.Conversations(r.Context(), cf)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		agents, err := s.Agents.Agents(r.Context())
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		names := map[int64]string{}
		for _, a := range agents {
			names[a.ID] = a.Name
		}
		d := inboxData{Filter: f, Channels: attune.Channels, Statuses: attune.Statuses}
		for _, m := range inboxMoods {
			d.Moods = append(d.Moods, moodOf(m))
		}
		if len(bad) > 0 {
			d.Notice = "Some filters weren't understood (" + strings.Join(bad, ", ") + "), so they were left out."
		}
		switch f.View {
		case "mine":
			d.Heading = "Assigned to you"
		case "unassigned":
			d.Heading = "Unassigned"
		default:
			d.Heading = "Inbox"
		}
		now := s.Clock()
		for _, c := range page.Items {
			row := inboxRow{ID: c.ID, Subject: c.Subject, Snippet: c.Snippet, Mood: moodOf(c.Mood), Reasons: reasonsText(c.Priority),
				Channel: string(c.Channel), Status: string(c.Status), Score: c.Priority.Score, LastMessageAt: c.LastMessageAt, Tags: c.Tags}
			if c.Customer != nil {
				row.Customer = c.Customer.Name
			}
			if c.AssigneeID != nil {
				row.Assignee = names[*c.AssigneeID]
			}
			if c.WaitingSince != nil && (c.Status == attune.StatusOpen || c.Status == attune.StatusPending) {
				row.Waiting, row.IsWaiting = "waiting "+since(now, *c.WaitingSince), true
			} else {
				row.Waiting = "last message " + since(now, c.LastMessageAt)
				if !strings.HasSuffix(row.Waiting, "just now") {
					row.Waiting += " ago"
				}
			}
			d.Rows = append(d.Rows, row)
		}
		if page.NextCursor != "" {
			d.Next = f.query("cursor", page.NextCursor)
		}
		if teams, err := s.Agents.Teams(r.Context()); err == nil {
			d.Teams = teams
		}
		v := view{Title: d.Heading, Nav: "inbox", Data: d}
		if isHX(r) {
			s.render(w, r, http.StatusOK, "inbox", "queue", v)
			return
		}
		s.render(w, r, http.StatusOK, "inbox", "", v)
	})
}
