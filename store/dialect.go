package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"sync"

	"github.com/attune-desk/attune"
	"github.com/jackc/pgx/v5/pgconn"
	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"
)

// dialect carries the few differences between SQLite and PostgreSQL. Queries are written
// once, with ? placeholders, and rebound for PostgreSQL.
type dialect struct {
	name     string
	dollar   bool   // PostgreSQL numbers its placeholders: $1, $2, …
	autoID   string // the column type of an auto-incrementing key
	goose    string // the migration tool's name for the dialect
	migrDir  string
	caseFold string // case-insensitive LIKE
	fts      fullText
}

var (
	sqlite   = dialect{name: "sqlite", goose: "sqlite3", migrDir: "migrations/sqlite", caseFold: "LIKE", fts: sqliteFTS}
	postgres = dialect{name: "postgres", dollar: true, goose: "postgres", migrDir: "migrations/postgres", caseFold: "ILIKE", fts: postgresFTS}
)

// rebind turns ? placeholders into $n for PostgreSQL. Queries in this package never put a
// literal ? inside a string.
func (d dialect) rebind(q string) string {
	if !d.dollar || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// conn runs rebound queries on a database handle or a transaction. On SQLite it reuses
// prepared statements, since parsing SQL is a large share of a small query's cost there;
// pgx keeps its own statement cache on PostgreSQL.
type conn struct {
	q     queryer
	d     dialect
	cache *stmtCache // nil when statements are not cached
	tx    *sql.Tx    // set when q is a transaction on the cached handle
}

func (c conn) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := c.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return c.q.ExecContext(ctx, c.d.rebind(q), args...)
}

func (c conn) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := c.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return c.q.QueryContext(ctx, c.d.rebind(q), args...)
}

func (c conn) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if st := c.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return c.q.QueryRowContext(ctx, c.d.rebind(q), args...)
}

// stmt returns a cached prepared statement for q, bound to the transaction when there
// is one, or nil when q should run unprepared. Inside a transaction on SQLite's single
// writer connection nothing can be prepared on the handle (the connection is busy), so
// a statement seen there for the first time is prepared after the transaction ends.
func (c conn) stmt(ctx context.Context, q string) *sql.Stmt {
	if c.cache == nil {
		return nil
	}
	if c.tx == nil {
		return c.cache.get(ctx, q)
	}
	st := c.cache.lookup(q)
	if st == nil {
		return nil
	}
	return c.tx.StmtContext(ctx, st)
}

// stmtCache holds prepared statements for one handle, up to a bound, so dynamically
// built queries cannot grow it without limit.
type stmtCache struct {
	db     *sql.DB
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	wanted map[string]bool // seen inside a transaction, to prepare once it ends
}

const maxCachedStmts = 400

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}, wanted: map[string]bool{}}
}

// lookup returns a prepared statement without preparing, noting q for prepareWanted.
func (sc *stmtCache) lookup(q string) *sql.Stmt {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	st := sc.stmts[q]
	if st == nil && len(sc.stmts)+len(sc.wanted) < maxCachedStmts {
		sc.wanted[q] = true
	}
	return st
}

// prepareWanted prepares the statements lookup noted. Call it with no transaction open
// on the handle.
func (sc *stmtCache) prepareWanted(ctx context.Context) {
	sc.mu.Lock()
	qs := make([]string, 0, len(sc.wanted))
	for q := range sc.wanted {
		qs = append(qs, q)
	}
	clear(sc.wanted)
	sc.mu.Unlock()
	for _, q := range qs {
		sc.get(ctx, q)
	}
}

func (sc *stmtCache) get(ctx context.Context, q string) *sql.Stmt {
	sc.mu.Lock()
	st, ok := sc.stmts[q]
	full := len(sc.stmts) >= maxCachedStmts
	sc.mu.Unlock()
	if ok || full {
		return st
	}
	// Prepare without holding the lock: on SQLite's single writer connection, preparing
	// waits for any open transaction, and that transaction may need the lock to finish.
	st, err := sc.db.PrepareContext(ctx, q)
	if err != nil {
		return nil // the unprepared path reports the error
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if prev, ok := sc.stmts[q]; ok {
		st.Close()
		return prev
	}
	sc.stmts[q] = st
	return st
}

func (sc *stmtCache) close() {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for q, st := range sc.stmts {
		st.Close()
		delete(sc.stmts, q)
	}
}

// insert runs an INSERT … RETURNING id and returns the new id.
func (c conn) insert(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := c.queryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// reader is for queries outside a transaction.
func (db *DB) reader() conn { return conn{q: db.read, d: db.dialect, cache: db.readStmts} }

// tx runs fn in a write transaction, committing when it returns nil.
func (db *DB) tx(ctx context.Context, fn func(c conn) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return attune.Internal(err)
	}
	c := conn{q: tx, d: db.dialect}
	if db.writeStmts != nil {
		c.cache, c.tx = db.writeStmts, tx
	}
	if err := fn(c); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return attune.Internal(err)
	}
	if c.cache != nil {
		c.cache.prepareWanted(context.WithoutCancel(ctx))
	}
	return nil
}

// isUnique reports whether err is a unique-constraint violation in either database.
func isUnique(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	var se *sqlite3.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3lib.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3lib.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// wrapErr turns a database error into an attune.Error: no rows → not found, everything
// else internal. Errors that are already attune errors pass through.
func wrapErr(err error, what string) error {
	if err == nil {
		return nil
	}
	var ae *attune.Error
	if errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return attune.Errorf(attune.ENOTFOUND, "We couldn't find that %s. It may have been removed, or the link may be wrong.", what)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &attune.Error{Code: attune.EINTERNAL, Message: "The request took too long and was stopped. Nothing was changed; please try again.", Err: err}
	}
	return attune.Internal(err)
}
