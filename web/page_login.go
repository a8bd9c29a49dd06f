package web

import (
	"net/http"

	"github.com/attune-desk/attune"
)

type loginView struct {
	Email     string
	Next      string
	Error     string
	FormToken string
}

// handleLoginPage shows the sign-in form; someone already signed in goes to the inbox.
func (s *Server) handleLoginPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie(SessionCookie); err == nil {
			if _, _, err := s.Auth.Session(r.Context(), c.Value); err == nil {
				http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
				return
			}
		}
		s.renderLogin(w, r, http.StatusOK, loginView{Next: localPath(r.URL.Query().Get("next"))})
	})
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, v loginView) {
	tok, err := s.formToken(r, "login")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.FormToken = tok
	s.render(w, r, status, "login", "", view{Title: "Sign in", Nav: "login", Data: v})
}

// handleLoginSubmit signs in from the form. Every failure reads the same, so it never
// hints at which field was wrong.
func (s *Server) handleLoginSubmit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.checkForm(w, r, "login"); err != nil {
			s.renderLogin(w, r, statusOf[attune.ErrorCode(err)], loginView{Error: attune.ErrorMessage(err), Next: "/"})
			return
		}
		v := loginView{Email: attune.CleanLine(r.PostFormValue("email")), Next: localPath(r.PostFormValue("next"))}
		if len(v.Email) > attune.MaxEmailLen {
			v.Email = ""
		}
		email, password := r.PostFormValue("email"), r.PostFormValue("password")
		if len(email) > 1000 || len(password) > 1024 || email == "" || password == "" {
			v.Error = "That email and password don't match an account. Please check them and try again."
			s.renderLogin(w, r, http.StatusUnauthorized, v)
			return
		}
		if _, _, err := s.signIn(w, r, email, password); err != nil {
			status, ok := statusOf[attune.ErrorCode(err)]
			if !ok || status >= 500 {
				s.Logger.ErrorContext(r.Context(), "sign-in failed", "err", err)
				status = http.StatusInternalServerError
			}
			v.Error = attune.ErrorMessage(err)
			s.renderLogin(w, r, status, v)
			return
		}
		http.Redirect(w, r, v.Next, http.StatusSeeOther)
	})
}

// handleLogoutSubmit ends the session and returns to the sign-in page.
func (s *Server) handleLogoutSubmit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.signOut(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	})
}
