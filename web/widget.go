package web

import (
	"net/http"

	"github.com/attune-desk/attune"
)

// allowFraming lets any website show a page inside the widget's frame. Only the widget's
// own pages call it; everything else keeps frame-ancestors 'none'.
func allowFraming(w http.ResponseWriter) {
	h := w.Header()
	h.Del("X-Frame-Options")
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'self'; object-src 'none'")
}

// handleWidgetScript serves /widget.js, which a website includes with one script tag. It
// adds a launcher button that opens Attune's widget page in a frame: the conversation
// itself runs on Attune's origin, so the host page never sees it and no cross-origin
// requests are needed.
func (s *Server) handleWidgetScript() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := staticFS.ReadFile("static/widget-embed.js")
		if err != nil {
			s.writeError(w, r, attune.Internal(err))
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Cache-Control", "public, max-age=300")
		h.Set("Cross-Origin-Resource-Policy", "cross-origin")
		h.Set("Access-Control-Allow-Origin", "*")
		_, _ = w.Write(b)
	})
}

// handleWidgetPage is the form inside the widget's frame.
func (s *Server) handleWidgetPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderHelp(w, r, http.StatusOK, helpData{Widget: true})
	})
}

func (s *Server) handleWidgetSubmit() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.startConversation(w, r, attune.ChannelWidget) })
}
