package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/attune-desk/attune"
)

// Portal limits per address. They are counted in the database, so every replica shares
// them.
const (
	portalNewPerWindow    = 5  // new conversations
	portalReplyPerWindow  = 30 // replies
	portalTypingPerMinute = 40 // typing signals (the page sends at most one every 2.5 s)
	portalWindow          = 10 * time.Minute
)

// helpData is the public form that starts a conversation, on /help and in the widget.
type helpData struct {
	Name, Email, Message string
	Fields               map[string]string
	Error                string
	FormToken            string
	Widget               bool
	KB                   *helpKB // the knowledge base's part of /help; nil without one
}

// portalData is a customer's view of their conversation.
type portalData struct {
	Token     string
	Subject   string
	Status    string
	Messages  []portalMessage
	FormToken string
	Sent      bool
	Link      string
	Widget    bool
	Draft     string
	Error     string
	Base      string // /p or /w
}

type portalMessage struct {
	Mine   bool
	Author string
	Body   string
	At     time.Time
	Ago    string
}

// allow applies a per-address portal limit.
func (s *Server) allow(r *http.Request, kind string, limit int, window time.Duration) error {
	ok, err := s.Workspace.Allow(r.Context(), "portal-"+kind+":"+clientAddr(r), limit, window)
	if err != nil {
		return err
	}
	if !ok {
		return attune.Errorf(attune.ERATELIMIT, "You've sent several messages in a short time, so we've paused new ones for a few minutes. Everything you sent before has reached us; please try again shortly.")
	}
	return nil
}

// handleHelpPage is the public help page: a form to write to the team. The knowledge
// base adds article search in the help-kb slot.
func (s *Server) handleHelpPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderHelp(w, r, http.StatusOK, helpData{})
	})
}

func (s *Server) renderHelp(w http.ResponseWriter, r *http.Request, status int, d helpData) {
	scope, page, nav := "help", "help", "portal"
	if d.Widget {
		scope, page, nav = "widget", "widget", "widget"
		allowFraming(w)
	}
	tok, err := s.formToken(r, scope)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.FormToken = tok
	if !d.Widget {
		d.KB = s.helpKBData(r)
	}
	s.render(w, r, status, page, "", view{Title: "Help", Nav: nav, Data: d})
}

// startConversation handles the public form on /help and in the widget: it checks the
// form, the address's limit and the fields, creates the conversation and a private link,
// and sends the customer to it.
func (s *Server) startConversation(w http.ResponseWriter, r *http.Request, ch attune.Channel) {
	widget := ch == attune.ChannelWidget
	scope := "help"
	if widget {
		scope = "widget"
	}
	if err := s.checkForm(w, r, scope); err != nil {
		d := helpData{Widget: widget, Error: attune.ErrorMessage(err)}
		if r.Form != nil {
			d.Name, d.Email, d.Message = clip(r.PostFormValue("name"), 200), clip(r.PostFormValue("email"), 254), clip(r.PostFormValue("message"), attune.MaxBodyLen)
		}
		s.renderHelp(w, r, statusOf[attune.ErrorCode(err)], d)
		return
	}
	d := helpData{Widget: widget, Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Message: r.PostFormValue("message")}
	fields := attune.Fields{}
	fields.CheckEmail("email", d.Email, true)
	if strings.TrimSpace(d.Name) == "" {
		fields.Add("name", "Please tell us your name, so we know what to call you.")
	}
	if strings.TrimSpace(d.Message) == "" {
		fields.Add("message", "Please write a message: a sentence or two about what's happening is plenty.")
	}
	if utf8.RuneCountInString(d.Message) > attune.MaxBodyLen {
		fields.Add("message", fmt.Sprintf("That message is longer than we can take in one go (%d characters). Please shorten it, or send the rest in a reply.", attune.MaxBodyLen))
	}
	if utf8.RuneCountInString(d.Name) > attune.MaxNameLen {
		fields.Add("name", "That name is longer than we can store: please keep it under 200 characters.")
	}
	if err := fields.Err(); err != nil {
		s.helpInvalid(w, r, d, err)
		return
	}
	if err := s.allow(r, "new", portalNewPerWindow, portalWindow); err != nil {
		d.Error = attune.ErrorMessage(err)
		s.renderHelp(w, r, statusOf[attune.ErrorCode(err)], d)
		return
	}
	name, email := d.Name, d.Email
	c, err := s.Conversations.CreateConversation(r.Context(), attune.NewConversation{
		Customer: attune.CustomerInput{Name: &name, Email: &email}, Message: d.Message, Channel: ch}, attune.Actor{})
	if err != nil {
		if attune.ErrorCode(err) == attune.EINVALID {
			s.helpInvalid(w, r, d, err)
			return
		}
		s.pageError(w, r, err)
		return
	}
	token, err := s.Workspace.CreatePortalLink(r.Context(), c.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.messageSent(w, r) // articles opened while writing did not answer this customer
	base := "/p/"
	if widget {
		base = "/w/"
	}
	http.Redirect(w, r, base+token+"?sent=1", http.StatusSeeOther)
}

// helpInvalid shows the form again with a message beside each field that needs fixing.
func (s *Server) helpInvalid(w http.ResponseWriter, r *http.Request, d helpData, err error) {
	d.Fields = map[string]string{}
	for k, v := range attune.ErrorFields(err) {
		d.Fields[strings.TrimPrefix(k, "customer.")] = v
	}
	d.Name, d.Email, d.Message = clip(d.Name, 200), clip(d.Email, 254), clip(d.Message, attune.MaxBodyLen)
	d.Error = "Something needs another look before we can send this. Each one is marked below."
	s.renderHelp(w, r, http.StatusUnprocessableEntity, d)
}

// clip keeps an echoed value within its field's size, as valid text.
func clip(s string, n int) string {
	s = attune.CleanText(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

func (s *Server) handleHelpSubmit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.startConversation(w, r, attune.ChannelPortal) })
}

// portalConversation opens the conversation a private link names.
func (s *Server) portalConversation(r *http.Request) (string, *attune.Conversation, error) {
	token := r.PathValue("token")
	id, err := s.Workspace.PortalConversation(r.Context(), token)
	if err != nil {
		return "", nil, err
	}
	c, err := s.Conversations.Conversation(r.Context(), id)
	return token, c, err
}

// portalView is what a customer may see of their conversation: never internal notes or
// system messages, and only the first name of the agent who wrote.
func (s *Server) portalView(r *http.Request, token string, c *attune.Conversation, widget bool) (*portalData, error) {
	d := &portalData{Token: token, Subject: c.Subject, Status: string(c.Status), Widget: widget, Base: "/p/"}
	if widget {
		d.Base = "/w/"
	}
	now := s.Clock()
	for _, m := range c.Messages {
		if m.Internal || m.AuthorKind == attune.AuthorSystem {
			continue
		}
		pm := portalMessage{Mine: m.AuthorKind == attune.AuthorCustomer, Body: m.Body, At: m.CreatedAt, Ago: since(now, m.CreatedAt)}
		if pm.Ago != "just now" {
			pm.Ago += " ago"
		}
		if pm.Mine {
			pm.Author = "You"
		} else if f := strings.Fields(m.AuthorName); len(f) > 0 {
			pm.Author = f[0] + " from the support team"
		} else {
			pm.Author = "The support team"
		}
		d.Messages = append(d.Messages, pm)
	}
	tok, err := s.formToken(r, "p:"+token)
	if err != nil {
		return nil, err
	}
	d.FormToken = tok
	scheme := "http"
	if r.TLS != nil || s.Config.SecureCookies {
		scheme = "https"
	}
	d.Link = scheme + "://" + r.Host + "/p/" + token
	return d, nil
}

// handlePortalConversation shows a customer their conversation, at /p/{token} or, inside
// the widget's frame, at /w/{token}.
func (s *Server) handlePortalConversation(widget bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if widget {
			allowFraming(w)
		}
		token, c, err := s.portalConversation(r)
		if err != nil {
			s.portalError(w, r, err, widget)
			return
		}
		d, err := s.portalView(r, token, c, widget)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		d.Sent = r.URL.Query().Get("sent") == "1"
		s.renderPortal(w, r, http.StatusOK, d)
	})
}

func (s *Server) renderPortal(w http.ResponseWriter, r *http.Request, status int, d *portalData) {
	nav := "portal"
	if d.Widget {
		nav = "widget"
	}
	s.render(w, r, status, "portal", "", view{Title: d.Subject, Nav: nav, Data: d})
}

// portalError shows a calm page for a link that doesn't open anything.
func (s *Server) portalError(w http.ResponseWriter, r *http.Request, err error, widget bool) {
	if attune.ErrorCode(err) != attune.ENOTFOUND || isHX(r) {
		s.pageError(w, r, err)
		return
	}
	nav := "portal"
	if widget {
		nav = "widget"
	}
	s.render(w, r, http.StatusNotFound, "error", "", view{Title: "Link not found", Nav: nav, Status: http.StatusNotFound,
		Data: struct {
			Message string
			Status  int
			Fields  map[string]string
			ID      string
		}{Message: attune.ErrorMessage(err), Status: http.StatusNotFound}})
}

// handlePortalThread re-renders the customer's thread, for live updates.
func (s *Server) handlePortalThread() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, c, err := s.portalConversation(r)
		if err != nil {
			s.portalError(w, r, err, false)
			return
		}
		d, err := s.portalView(r, token, c, r.URL.Query().Get("view") == "widget")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "portal", "portal-thread", view{Data: d})
	})
}

// handlePortalReply adds the customer's reply to their conversation.
func (s *Server) handlePortalReply() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, c, err := s.portalConversation(r)
		if err != nil {
			s.portalError(w, r, err, false)
			return
		}
		fail := func(status int, msg string) {
			widget := r.PostFormValue("view") == "widget"
			if widget {
				allowFraming(w)
			}
			d, err := s.portalView(r, token, c, widget)
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			d.Error, d.Draft = msg, clip(r.PostFormValue("message"), attune.MaxBodyLen)
			s.renderPortal(w, r, status, d)
		}
		if err := s.checkForm(w, r, "p:"+token); err != nil {
			fail(statusOf[attune.ErrorCode(err)], attune.ErrorMessage(err))
			return
		}
		body := r.PostFormValue("message")
		switch {
		case strings.TrimSpace(body) == "":
			fail(http.StatusUnprocessableEntity, "Your reply is empty. Please write a message, then press Send.")
			return
		case utf8.RuneCountInString(body) > attune.MaxBodyLen:
			fail(http.StatusUnprocessableEntity, fmt.Sprintf("That reply is longer than we can take in one go (%d characters). Please shorten it, or send it in two parts.", attune.MaxBodyLen))
			return
		}
		if err := s.allow(r, "reply", portalReplyPerWindow, portalWindow); err != nil {
			fail(http.StatusTooManyRequests, attune.ErrorMessage(err))
			return
		}
		actor := attune.Actor{CustomerID: &c.CustomerID}
		if c.Customer != nil {
			actor.Name = c.Customer.Name
		}
		if _, err := s.Conversations.AddMessage(r.Context(), c.ID, attune.NewMessage{Body: body, Author: attune.AuthorCustomer}, actor); err != nil {
			if attune.ErrorCode(err) == attune.EINVALID {
				fail(http.StatusUnprocessableEntity, attune.ErrorMessage(err))
				return
			}
			s.pageError(w, r, err)
			return
		}
		base := "/p/"
		if r.PostFormValue("view") == "widget" {
			base = "/w/"
		}
		http.Redirect(w, r, base+token+"#latest", http.StatusSeeOther)
	})
}

// handlePortalTyping records that the customer is typing, so the agent sees it and the
// coach can warn against interrupting.
func (s *Server) handlePortalTyping() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := r.PathValue("token")
		id, err := s.Workspace.PortalConversation(r.Context(), token)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if err := s.checkForm(w, r, "p:"+token); err != nil {
			s.writeError(w, r, err)
			return
		}
		if err := s.allow(r, "typing", portalTypingPerMinute, time.Minute); err != nil {
			s.writeError(w, r, err)
			return
		}
		if err := s.Workspace.SetTyping(r.Context(), id, attune.AuthorCustomer); err != nil {
			s.writeError(w, r, err)
			return
		}
		if s.Events != nil {
			_ = s.Events.Publish(r.Context(), attune.Event{Kind: attune.EventTyping, ConversationID: id, Author: string(attune.AuthorCustomer)})
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// handlePortalEvents streams changes to one conversation to its customer.
func (s *Server) handlePortalEvents() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := s.Workspace.PortalConversation(r.Context(), r.PathValue("token"))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.streamEvents(w, r, func(ev attune.Event) bool {
			return ev.ConversationID == id && (ev.Kind == attune.EventMessageCreated || ev.Kind == attune.EventConversationUpdated)
		})
	})
}
