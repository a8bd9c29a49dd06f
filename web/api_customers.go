package web

import (
	"net/http"
	"strconv"

	"github.com/attune-desk/attune"
)

func (s *Server) handleCustomerList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		items, err := s.customerSearch(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, map[string]any{"items": items})
	})
}

// customerSearch reads q, limit and offset and runs the search.
func (s *Server) customerSearch(r *http.Request) ([]attune.Customer, error) {
	limit, err := queryInt(r, "limit")
	if err != nil {
		return nil, err
	}
	offset, err := queryInt(r, "offset")
	if err != nil {
		return nil, err
	}
	q := r.URL.Query().Get("q")
	if len(q) > 200 {
		return nil, attune.Invalid(map[string]string{"q": "This search is too long: please keep it under 200 characters."})
	}
	return s.Customers.Customers(r.Context(), attune.CustomerFilter{Query: q, Limit: limit, Offset: offset})
}

func (s *Server) handleCustomerCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in, err := decode[attune.CustomerInput](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		c, err := s.Customers.CreateCustomer(r.Context(), in)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		w.Header().Set("Location", "/api/v1/customers/"+strconv.FormatInt(c.ID, 10))
		s.writeJSON(w, r, http.StatusCreated, c)
	})
}

// customerProfile is a customer with their conversations, newest first.
type customerProfile struct {
	*attune.Customer
	Conversations []attune.Conversation `json:"conversations"`
}

func (s *Server) customerProfile(r *http.Request, id int64) (*customerProfile, error) {
	c, err := s.Customers.Customer(r.Context(), id)
	if err != nil {
		return nil, err
	}
	page, err := s.Conversations.Conversations(r.Context(), attune.ConversationFilter{CustomerID: &id, Sort: attune.SortNewest, Limit: 100})
	if err != nil {
		return nil, err
	}
	return &customerProfile{Customer: c, Conversations: page.Items}, nil
}

func (s *Server) handleCustomerShow() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		p, err := s.customerProfile(r, id)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, p)
	})
}

func (s *Server) handleCustomerUpdate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		in, err := decode[attune.CustomerInput](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		c, err := s.Customers.UpdateCustomer(r.Context(), id, in, actorOf(r))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, c)
	})
}
