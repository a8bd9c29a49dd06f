package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

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

// conn runs rebound queries on a database handle or a transaction.
type conn struct {
	q queryer
	d dialect
}

func (c conn) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return c.q.ExecContext(ctx, c.d.rebind(q), args...)
}

func (c conn) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return c.q.QueryContext(ctx, c.d.rebind(q), args...)
}

func (c conn) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return c.q.QueryRowContext(ctx, c.d.rebind(q), args...)
}

// insert runs an INSERT … RETURNING id and returns the new id.
func (c conn) insert(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := c.queryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// reader is for queries outside a transaction.
func (db *DB) reader() conn { return conn{db.read, db.dialect} }

// tx runs fn in a write transaction, committing when it returns nil.
func (db *DB) tx(ctx context.Context, fn func(c conn) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return attune.Internal(err)
	}
	if err := fn(conn{tx, db.dialect}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return attune.Internal(err)
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
