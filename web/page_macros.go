package web

import (
	"net/http"

	"github.com/attune-desk/attune"
)

type macrosData struct {
	Macros       []attune.Macro
	Placeholders []string
	Name, Body   string
	Fields       map[string]string
	Notice       string
}

// handleMacrosPage lists the saved replies, for supervisors and admins to tend.
func (s *Server) handleMacrosPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := macrosData{}
		switch r.URL.Query().Get("done") {
		case "created":
			d.Notice = "Saved reply added."
		case "deleted":
			d.Notice = "Saved reply removed."
		}
		s.renderMacros(w, r, http.StatusOK, d)
	})
}

func (s *Server) renderMacros(w http.ResponseWriter, r *http.Request, status int, d macrosData) {
	ms, err := s.Workspace.Macros(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.Macros, d.Placeholders = ms, attune.MacroPlaceholders
	s.render(w, r, status, "macros", "", view{Title: "Saved replies", Nav: "macros", Data: d})
}

func (s *Server) handleMacroCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in := attune.MacroInput{Name: r.PostFormValue("name"), Body: r.PostFormValue("body")}
		if _, err := s.Workspace.CreateMacro(r.Context(), in, actorOf(r)); err != nil {
			if attune.ErrorCode(err) != attune.EINVALID {
				s.pageError(w, r, err)
				return
			}
			s.renderMacros(w, r, http.StatusUnprocessableEntity, macrosData{Name: attune.CleanLine(in.Name), Body: attune.CleanText(in.Body), Fields: attune.ErrorFields(err)})
			return
		}
		http.Redirect(w, r, "/macros?done=created", http.StatusSeeOther)
	})
}

func (s *Server) handleMacroDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err == nil {
			err = s.Workspace.DeleteMacro(r.Context(), id, actorOf(r))
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, "/macros?done=deleted", http.StatusSeeOther)
	})
}
