package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/attune-desk/attune"
)

type customerRow struct {
	attune.Customer
	Sentiment     string
	Tone          string
	LastContact   string
	HasSentiment  bool
	Conversations int
}

type customersData struct {
	Query  string
	Rows   []customerRow
	Next   string
	Prev   string
	Notice string
}

const customersPerPage = 50

// handleCustomersPage lists and searches customers.
func (s *Server) handleCustomersPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := customersData{Query: attune.CleanLine(r.URL.Query().Get("q"))}
		if len(d.Query) > 200 {
			d.Query, d.Notice = "", "That search was too long, so it was left out. Please keep it under 200 characters."
		}
		offset, err := queryInt(r, "offset")
		if err != nil || offset > 1_000_000 {
			offset = 0
		}
		items, err := s.Customers.Customers(r.Context(), attune.CustomerFilter{Query: d.Query, Limit: customersPerPage + 1, Offset: offset})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		now := s.Clock()
		for i, c := range items {
			if i == customersPerPage {
				d.Next = customersLink(d.Query, offset+customersPerPage)
				break
			}
			row := customerRow{Customer: c, Conversations: c.Stats.Conversations, LastContact: "never"}
			if c.Stats.AverageSentiment != nil {
				row.HasSentiment, row.Sentiment, row.Tone = true, sentimentWord(*c.Stats.AverageSentiment), sentimentTone(*c.Stats.AverageSentiment)
			}
			if c.Stats.LastContactAt != nil {
				row.LastContact = since(now, *c.Stats.LastContactAt)
				if row.LastContact != "just now" {
					row.LastContact += " ago"
				}
			}
			d.Rows = append(d.Rows, row)
		}
		if offset > 0 {
			d.Prev = customersLink(d.Query, max(offset-customersPerPage, 0))
		}
		s.render(w, r, http.StatusOK, "customers", "", view{Title: "Customers", Nav: "customers", Data: d})
	})
}

func customersLink(q string, offset int) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if offset > 0 {
		v.Set("offset", fmt.Sprint(offset))
	}
	if len(v) == 0 {
		return "/customers"
	}
	return "/customers?" + v.Encode()
}

type customerData struct {
	C             *attune.Customer
	Greeting      string
	LocalTime     string
	Conversations []pastView
	Chart         chart
	HasChart      bool
	Average       string
	AverageTone   string
	Remember      rememberView
	Now           time.Time
}

// rememberView is the pinned "things to remember", editable in place.
type rememberView struct {
	C            *attune.Customer
	RememberText string
	Error        string
	Back         string // where a plain form post returns to
}

// handleCustomerPage shows a customer's profile and how they have felt across their
// history with the team.
func (s *Server) handleCustomerPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		d, err := s.customerData(r, id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "customer", "", view{Title: d.C.Name, Nav: "customers", Data: d})
	})
}

func (s *Server) customerData(r *http.Request, id int64) (*customerData, error) {
	p, err := s.customerProfile(r, id)
	if err != nil {
		return nil, err
	}
	now := s.Clock()
	d := &customerData{C: p.Customer, Greeting: p.Customer.Greeting(), LocalTime: localTime(now, p.Customer.Timezone),
		Now: now}
	d.Remember = rememberView{C: p.Customer, RememberText: strings.Join(p.Customer.Remember, "\n"), Back: fmt.Sprintf("/customers/%d", id)}
	if a := p.Customer.Stats.AverageSentiment; a != nil {
		d.Average, d.AverageTone = sentimentWord(*a), sentimentTone(*a)
	}
	var vals []float64
	var titles, tones, hrefs []string
	for i := len(p.Conversations) - 1; i >= 0; i-- { // oldest first, for the chart
		c := p.Conversations[i]
		if c.Sentiment == nil {
			continue
		}
		vals = append(vals, *c.Sentiment)
		titles = append(titles, fmt.Sprintf("%s, %s: %s (%s)", c.CreatedAt.UTC().Format("2 Jan 2006"), c.Subject, moodOf(c.Mood).Word, sentimentWord(*c.Sentiment)))
		tones = append(tones, sentimentTone(*c.Sentiment))
		hrefs = append(hrefs, fmt.Sprintf("/conversations/%d", c.ID))
	}
	if len(vals) > 0 {
		d.HasChart = true
		d.Chart = sentimentChart(640, 120, vals, titles, tones, hrefs, "How the customer felt at the end of each conversation, oldest first")
	}
	for _, c := range p.Conversations {
		d.Conversations = append(d.Conversations, pastView{ID: c.ID, Subject: c.Subject, Mood: moodOf(c.Mood), Status: string(c.Status), Satisfaction: c.Satisfaction, When: c.CreatedAt})
	}
	return d, nil
}

// handleRememberSubmit saves the customer's pinned "things to remember", one per line.
// htmx swaps the edited list in place.
func (s *Server) handleRememberSubmit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		raw := r.PostFormValue("remember")
		facts := strings.Split(raw, "\n")
		back := localPath(r.PostFormValue("back"))
		c, err := s.Customers.UpdateCustomer(r.Context(), id, attune.CustomerInput{Remember: &facts}, actorOf(r))
		if err != nil && attune.ErrorCode(err) != attune.EINVALID {
			s.pageError(w, r, err)
			return
		}
		if !isHX(r) {
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			http.Redirect(w, r, back, http.StatusSeeOther)
			return
		}
		v := rememberView{C: c, Back: back}
		status := http.StatusOK
		if err != nil {
			status = http.StatusUnprocessableEntity
			if v.C, _ = s.Customers.Customer(r.Context(), id); v.C == nil {
				s.pageError(w, r, err)
				return
			}
			v.RememberText = attune.CleanText(raw)
			v.Error = attune.ErrorFields(err)["remember"]
			if v.Error == "" {
				v.Error = attune.ErrorMessage(err)
			}
		} else {
			v.RememberText = strings.Join(c.Remember, "\n")
		}
		s.render(w, r, status, "customer", "remember-fragment", view{Data: v})
	})
}
