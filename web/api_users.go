package web

import (
	"net/http"

	"github.com/attune-desk/attune"
)

func (s *Server) handleUserList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agents, err := s.Agents.Agents(r.Context())
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, map[string]any{"items": agents})
	})
}

func (s *Server) handleUserCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := decode[attune.NewAgent](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		a, err := s.Agents.CreateAgent(r.Context(), n)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusCreated, a)
	})
}

func (s *Server) handleTeamList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		teams, err := s.Agents.Teams(r.Context())
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if teams == nil {
			teams = []attune.Team{}
		}
		s.writeJSON(w, r, http.StatusOK, map[string]any{"items": teams})
	})
}

type teamRequest struct {
	Name      string  `json:"name"`
	MemberIDs []int64 `json:"member_ids"`
}

func (s *Server) handleTeamCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[teamRequest](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		t, err := s.Agents.CreateTeam(r.Context(), req.Name)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		for _, id := range req.MemberIDs {
			if err := s.Agents.AddTeamMember(r.Context(), t.ID, id); err != nil {
				s.writeError(w, r, err)
				return
			}
		}
		s.writeJSON(w, r, http.StatusCreated, t)
	})
}
