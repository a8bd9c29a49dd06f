package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/attune-desk/attune"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Workspace is the storage the pages and the portal need beyond conversations and
// customers.
type Workspace interface {
	attune.PortalService
	attune.MacroService
	attune.FollowUpService
	attune.PresenceService
	attune.RateLimiter
	attune.FormKeys
}

// pages holds the parsed templates, one set per page, and the static files with the
// fingerprints that bust browser caches when they change.
type pages struct {
	sets   map[string]*template.Template
	static fs.FS
	hashes map[string]string // static path → short content hash
}

// pageFiles are the pages; each is parsed with the shared layout and partials.
var pageFiles = []string{"login", "inbox", "conversation", "customers", "customer", "macros", "help", "portal", "widget", "error",
	"kb_search", "kb_article", "kb_list", "kb_edit"}

func newPages() *pages {
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err)
	}
	p := &pages{sets: map[string]*template.Template{}, static: static, hashes: map[string]string{}}
	_ = fs.WalkDir(static, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(static, name)
			sum := sha256.Sum256(b)
			p.hashes[name] = hex.EncodeToString(sum[:6])
		}
		return nil
	})
	funcs := viewFuncs()
	funcs["asset"] = func(name string) string { return "/static/" + name + "?v=" + p.hashes[name] }
	base := template.Must(template.New("").Funcs(funcs).ParseFS(templateFS, "templates/_*.html"))
	for _, name := range pageFiles {
		t := template.Must(template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name+".html"))
		p.sets[name] = t
	}
	return p
}

// view is what every page template receives.
type view struct {
	Title  string
	Agent  *attune.Agent
	CSRF   string // the session's token, for forms and htmx requests
	Nav    string // which top-level section is active
	Status int
	Data   any
}

// isHX reports whether htmx sent the request, so it gets a fragment instead of a page.
func isHX(r *http.Request) bool { return r.Header.Get("HX-Request") == "true" }

// render executes a page, or one of its fragments, into a buffer first, so a template
// error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page, fragment string, v view) {
	set, ok := s.pages.sets[page]
	if !ok {
		s.pageError(w, r, attune.Internal(fmt.Errorf("no page %q", page)))
		return
	}
	if v.Agent == nil {
		v.Agent = agentOf(r)
	}
	if sess := sessionOf(r); sess != nil && v.CSRF == "" {
		v.CSRF = sess.CSRFToken
	}
	if fragment == "" {
		fragment = "layout"
	}
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, fragment, v); err != nil {
		s.Logger.ErrorContext(r.Context(), "template failed", "page", page, "fragment", fragment, "err", err)
		if page != "error" {
			s.pageError(w, r, attune.Internal(err))
		} else {
			http.Error(w, attune.Internal(nil).Message, http.StatusInternalServerError)
		}
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "HX-Request")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// pageError answers a page request with a calm HTML error. Someone signed out is sent to
// sign in and brought back afterwards.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	code := attune.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status >= 500 {
		s.Logger.ErrorContext(r.Context(), "page failed", "method", r.Method, "path", r.URL.Path, "request_id", requestIDOf(r), "err", err)
	}
	if code == attune.EUNAUTHORIZED && !strings.HasPrefix(r.URL.Path, "/login") {
		to := "/login"
		if r.Method == http.MethodGet && r.URL.Path != "/" {
			to += "?next=" + url.QueryEscape(r.URL.RequestURI())
		}
		if isHX(r) {
			w.Header().Set("HX-Redirect", to)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return
	}
	type errorView struct {
		Message string
		Fields  map[string]string
		Status  int
		ID      string
	}
	data := errorView{Message: attune.ErrorMessage(err), Fields: attune.ErrorFields(err), Status: status, ID: requestIDOf(r)}
	if isHX(r) {
		// A failed htmx request shows its message in the page's notice area.
		w.Header().Set("HX-Retarget", "#notice")
		w.Header().Set("HX-Reswap", "innerHTML")
		s.render(w, r, status, "error", "notice", view{Data: data})
		return
	}
	s.render(w, r, status, "error", "", view{Title: http.StatusText(status), Status: status, Data: data})
}

// handleStatic serves the embedded CSS, JavaScript and vendored files. A request carrying
// the current fingerprint may be cached for a year.
func (s *Server) handleStatic() http.Handler {
	files := http.FileServerFS(s.pages.static)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.PathValue("path")), "/")
		if _, ok := s.pages.hashes[name]; !ok || strings.HasSuffix(name, ".md") {
			s.pageError(w, r, attune.Errorf(attune.ENOTFOUND, "There is no such file."))
			return
		}
		if v := r.URL.Query().Get("v"); v != "" && v == s.pages.hashes[name] {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/" + name
		files.ServeHTTP(w, r2)
	})
}

// formKey returns the key that signs public forms; it is read once from the database.
func (s *Server) formKey(r *http.Request) ([]byte, error) {
	s.formKeyMu.Lock()
	defer s.formKeyMu.Unlock()
	if s.formKeyVal != nil {
		return s.formKeyVal, nil
	}
	k, err := s.Workspace.FormKey(r.Context())
	if err != nil {
		return nil, err
	}
	s.formKeyVal = k
	return k, nil
}

// formTokenTTL is how long a public form stays valid once shown.
const formTokenTTL = 24 * time.Hour

// formToken signs a token for a public form (sign-in, the portal, the widget), binding
// it to the form's scope and the time it was shown. Public forms have no session to hold
// a CSRF secret, and the widget's form lives in a third-party frame where cookies may be
// blocked, so the token is signed instead of stored.
func (s *Server) formToken(r *http.Request, scope string) (string, error) {
	key, err := s.formKey(r)
	if err != nil {
		return "", err
	}
	ts := strconv.FormatInt(s.Clock().Unix(), 36)
	return ts + "." + signForm(key, scope, ts), nil
}

func signForm(key []byte, scope, ts string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(scope + "\x00" + ts))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// checkForm verifies a public form's origin and signed token. It also reads the form
// within the size limit, answering a too-large error by name.
func (s *Server) checkForm(w http.ResponseWriter, r *http.Request, scope string) error {
	if err := s.parseForm(w, r); err != nil {
		return err
	}
	expired := attune.Errorf(attune.EFORBIDDEN, "This form has expired. Please reload the page and try again; what you wrote is still below.")
	if !sameOrigin(r) {
		return attune.Errorf(attune.EFORBIDDEN, "This request came from another site, so it was refused. Please use Attune directly.")
	}
	ts, sig, ok := strings.Cut(r.PostFormValue("csrf_token"), ".")
	if !ok || len(ts) > 12 {
		return expired
	}
	sec, err := strconv.ParseInt(ts, 36, 64)
	if err != nil {
		return expired
	}
	age := s.Clock().Sub(time.Unix(sec, 0))
	if age < -time.Minute || age > formTokenTTL {
		return expired
	}
	key, err := s.formKey(r)
	if err != nil {
		return err
	}
	if !hmac.Equal([]byte(sig), []byte(signForm(key, scope, ts))) {
		return expired
	}
	return nil
}

// parseForm reads a form body within the configured size limit.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) error {
	if r.Form != nil {
		return nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.Config.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return attune.Errorf(attune.ETOOLARGE, "That's more than we can take in one go (the limit is %s). Please shorten it and try again.", byteSize(s.Config.MaxBodyBytes))
		}
		return attune.Errorf(attune.EMALFORMED, "The form couldn't be read. Please reload the page and try again.")
	}
	return nil
}

// formKeyCache is embedded in Server: the signing key, read once.
type formKeyCache struct {
	formKeyMu  sync.Mutex
	formKeyVal []byte
}

// localPath keeps a ?next= redirect on this site.
func localPath(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}
