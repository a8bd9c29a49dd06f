package store

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"github.com/attune-desk/attune"
	"github.com/jackc/pgx/v5"
)

// eventChannel is the PostgreSQL NOTIFY channel events travel on between replicas.
const eventChannel = "attune_events"

// Events delivers events to subscribers in this process and, on PostgreSQL, to every
// other replica through LISTEN/NOTIFY. On SQLite, a single process serves the database,
// so events stay in memory.
type Events struct {
	db     *DB
	logger *slog.Logger
	mu     sync.Mutex
	subs   map[int]chan attune.Event
	next   int
	cancel context.CancelFunc
	done   chan struct{}
}

var _ attune.Events = (*Events)(nil)

// NewEvents starts event delivery. On PostgreSQL it listens on its own connection,
// reconnecting after failures, until Close.
func NewEvents(db *DB, logger *slog.Logger) *Events {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &Events{db: db, logger: logger, subs: map[int]chan attune.Event{}, cancel: cancel, done: make(chan struct{})}
	if db.Postgres() {
		go e.listen(ctx)
	} else {
		close(e.done)
	}
	return e
}

// Close stops listening and ends every subscription.
func (e *Events) Close() {
	e.cancel()
	<-e.done
	e.mu.Lock()
	defer e.mu.Unlock()
	for id, ch := range e.subs {
		close(ch)
		delete(e.subs, id)
	}
}

// Publish sends an event to every subscriber on every replica.
func (e *Events) Publish(ctx context.Context, ev attune.Event) error {
	if ev.At.IsZero() {
		ev.At = e.db.now().UTC()
	}
	if !e.db.Postgres() {
		e.fanOut(ev)
		return nil
	}
	b, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	_, err = e.db.write.ExecContext(ctx, "SELECT pg_notify($1, $2)", eventChannel, string(b))
	return err
}

// Subscribe returns a buffered channel of events and its cancel function.
func (e *Events) Subscribe() (<-chan attune.Event, func()) {
	e.mu.Lock()
	defer e.mu.Unlock()
	id := e.next
	e.next++
	ch := make(chan attune.Event, 64)
	e.subs[id] = ch
	return ch, func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		if c, ok := e.subs[id]; ok {
			close(c)
			delete(e.subs, id)
		}
	}
}

func (e *Events) fanOut(ev attune.Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, ch := range e.subs {
		select {
		case ch <- ev:
		default: // a stalled subscriber misses this one; its page refreshes on the next
		}
	}
}

// listen holds a LISTEN connection open and fans out what arrives, reconnecting with a
// growing pause when the connection drops.
func (e *Events) listen(ctx context.Context) {
	defer close(e.done)
	pause := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := e.listenOnce(ctx, func() { pause = 100 * time.Millisecond })
		if ctx.Err() != nil {
			return
		}
		e.logger.Warn("event listener lost its connection; reconnecting", "err", err, "after", pause)
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		pause = min(pause*2, 10*time.Second)
	}
}

func (e *Events) listenOnce(ctx context.Context, connected func()) error {
	conn, err := pgx.Connect(ctx, e.db.dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+eventChannel); err != nil {
		return err
	}
	connected()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		var ev attune.Event
		if err := json.Unmarshal([]byte(n.Payload), &ev); err != nil {
			e.logger.Warn("ignoring a malformed event", "err", err)
			continue
		}
		e.fanOut(ev)
	}
}
