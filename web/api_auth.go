package web

import (
	"net/http"
	"time"

	"github.com/attune-desk/attune"
)

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type loginResponse struct {
	Agent     *attune.Agent `json:"agent"`
	CSRFToken string        `json:"csrf_token"`
	ExpiresAt time.Time     `json:"expires_at"`
}

// signIn checks credentials under the per-account and per-address limits and, on success,
// starts a session and sets its cookie.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, email, password string) (*attune.Agent, *attune.Session, error) {
	ctx := r.Context()
	addr := clientAddr(r)
	ok, err := s.Auth.LoginAllowed(ctx, email, addr)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, attune.Errorf(attune.ERATELIMIT, "Too many sign-in attempts. Please wait 15 minutes and try again, or ask an admin to reset your password.")
	}
	agent, err := s.Auth.Authenticate(ctx, email, password)
	if err != nil {
		if attune.ErrorCode(err) == attune.EUNAUTHORIZED {
			if rerr := s.Auth.RecordLoginFailure(ctx, email, addr); rerr != nil {
				return nil, nil, rerr
			}
		}
		return nil, nil, err
	}
	if err := s.Auth.ClearLoginFailures(ctx, email); err != nil {
		return nil, nil, err
	}
	secret, sess, err := s.Auth.CreateSession(ctx, agent.ID, s.Config.SessionTTL)
	if err != nil {
		return nil, nil, err
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: secret, Path: "/", HttpOnly: true,
		Secure: s.Config.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int(s.Config.SessionTTL.Seconds())})
	return agent, sess, nil
}

// signOut ends the browser session and clears its cookie.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(SessionCookie); err == nil {
		if err := s.Auth.DeleteSession(r.Context(), c.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.Config.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	return nil
}

func (s *Server) handleLogin() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[loginRequest](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if len(req.Email) > 1000 || len(req.Password) > 1024 {
			s.writeError(w, r, attune.Errorf(attune.EUNAUTHORIZED, "That email and password don't match an account. Please check them and try again."))
			return
		}
		agent, sess, err := s.signIn(w, r, req.Email, req.Password)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, loginResponse{Agent: agent, CSRFToken: sess.CSRFToken, ExpiresAt: sess.ExpiresAt})
	})
}

func (s *Server) handleLogout() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.signOut(w, r); err != nil {
			s.writeError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

type meResponse struct {
	Agent     *attune.Agent `json:"agent"`
	CSRFToken string        `json:"csrf_token,omitempty"`
}

func (s *Server) handleMe() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp := meResponse{Agent: agentOf(r)}
		if sess := sessionOf(r); sess != nil {
			resp.CSRFToken = sess.CSRFToken
		}
		s.writeJSON(w, r, http.StatusOK, resp)
	})
}

type tokenRequest struct {
	Name string `json:"name"`
}

type tokenResponse struct {
	Token string        `json:"token"`
	Info  *attune.Token `json:"info"`
}

func (s *Server) handleTokenCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[tokenRequest](s, w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		secret, t, err := s.Auth.CreateToken(r.Context(), agentOf(r).ID, req.Name)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusCreated, tokenResponse{Token: secret, Info: t})
	})
}
