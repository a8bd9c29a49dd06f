package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/attune-desk/attune"
)

// sseHeartbeat keeps idle event streams open through proxies that close silent connections.
const sseHeartbeat = 25 * time.Second

// streamEvents writes events as server-sent events until the client leaves, the server
// shuts down (which closes the subscription), or keep returns an error. keep decides
// which events this client may see.
func (s *Server) streamEvents(w http.ResponseWriter, r *http.Request, keep func(attune.Event) bool) {
	if s.Events == nil {
		s.pageError(w, r, attune.Errorf(attune.ENOTFOUND, "Live updates aren't available on this server. Reload the page to see what's new."))
		return
	}
	rc := http.NewResponseController(w)
	ch, cancel := s.Events.Subscribe()
	defer cancel()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// The client reconnects after 3 s if the stream drops.
	if _, err := fmt.Fprint(w, "retry: 3000\n\n"); err != nil {
		return
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(sseHeartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": still here\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		case ev, ok := <-ch:
			if !ok {
				return
			}
			if !keep(ev) {
				continue
			}
			b, err := json.Marshal(ev)
			if err != nil {
				continue
			}
			if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.Kind, b); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

// handleEvents streams every change to signed-in agents, so the inbox and open
// conversations update without reloading. On PostgreSQL the events arrive from every
// replica through LISTEN/NOTIFY.
func (s *Server) handleEvents() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.streamEvents(w, r, func(attune.Event) bool { return true })
	})
}
