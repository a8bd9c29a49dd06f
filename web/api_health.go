package web

import (
	"context"
	_ "embed"
	"net/http"
	"time"

	"github.com/attune-desk/attune"
)

func (s *Server) handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeJSON(w, r, http.StatusOK, map[string]string{"status": "ok", "version": s.Config.Version})
	})
}

// handleReadyz answers 200 only while the database answers.
func (s *Server) handleReadyz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.Ready != nil {
			ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
			defer cancel()
			if err := s.Ready(ctx); err != nil {
				s.writeError(w, r, &attune.Error{Code: attune.EINTERNAL, Err: err,
					Message: "Attune can't reach its database right now. It will recover once the database is back."})
				return
			}
		}
		s.writeJSON(w, r, http.StatusOK, map[string]string{"status": "ready"})
	})
}

//go:embed openapi.json
var openAPI []byte

func handleOpenAPI() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openAPI)
	})
}
