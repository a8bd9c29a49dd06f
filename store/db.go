// Package store keeps Attune's data in SQLite or PostgreSQL through one code path: raw SQL
// next to the Scan that reads it, with a small dialect value for the few differences.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/attune-desk/attune"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// DB is an open Attune database. It is safe for concurrent use.
type DB struct {
	// read serves queries; write serves every change. On SQLite write is a single
	// connection, so writers queue in Go instead of failing with "database is locked".
	read, write *sql.DB
	// search serves full-text searches when the dialect needs its own session settings
	// for them (see fullText.session); else it is read.
	search  *sql.DB
	dialect dialect
	dsn     string
	// readStmts and writeStmts cache prepared statements on SQLite.
	readStmts, writeStmts *stmtCache
	now                   attune.Clock
}

// Option configures Open.
type Option func(*DB)

// WithClock sets the clock used for every timestamp, so tests control time.
func WithClock(c attune.Clock) Option { return func(db *DB) { db.now = c } }

// IsPostgres reports whether dsn names a PostgreSQL server rather than a SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the database dsn names: a postgres:// URL, or else a SQLite file path.
// It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string, opts ...Option) (*DB, error) {
	db := &DB{dsn: dsn, now: time.Now}
	for _, o := range opts {
		o(db)
	}
	var err error
	if IsPostgres(dsn) {
		db.dialect = postgres
		db.read, err = sql.Open("pgx", dsn)
		if err == nil {
			db.read.SetMaxOpenConns(32)
			db.read.SetMaxIdleConns(16)
			db.read.SetConnMaxIdleTime(5 * time.Minute)
			db.write = db.read
			db.search, err = sql.Open("pgx", withParams(dsn, postgres.fts.session))
			if err == nil {
				db.search.SetMaxOpenConns(16)
				db.search.SetMaxIdleConns(8)
				db.search.SetConnMaxIdleTime(5 * time.Minute)
			}
		}
	} else {
		db.dialect = sqlite
		if dsn == "" {
			return nil, attune.Errorf(attune.EINVALID, "Please give a database: a file path such as ./attune.db, or a postgres:// URL.")
		}
		db.write, err = sql.Open("sqlite", sqliteDSN(dsn, true))
		if err == nil {
			db.write.SetMaxOpenConns(1)
			db.write.SetConnMaxLifetime(0)
			db.read, err = sql.Open("sqlite", sqliteDSN(dsn, false))
			if err == nil {
				db.read.SetMaxOpenConns(8)
				db.read.SetMaxIdleConns(8)
				db.readStmts, db.writeStmts = newStmtCache(db.read), newStmtCache(db.write)
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.write.PingContext(pctx); err != nil {
		db.Close()
		return nil, &attune.Error{Code: attune.EINTERNAL, Err: err,
			Message: fmt.Sprintf("Attune could not reach the database at %s. Check that it exists and is running.", redact(dsn))}
	}
	return db, nil
}

func sqliteDSN(path string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	// NORMAL in WAL mode keeps every commit across a process crash; only a power cut can
	// lose the newest transactions. FULL would fsync each commit.
	q.Add("_pragma", "synchronous(NORMAL)")
	if writer {
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
		// Readers map the file and keep 16 MiB of pages each, so searches that touch
		// much of the full-text index read memory rather than making a system call a page.
		q.Add("_pragma", "mmap_size(268435456)")
		q.Add("_pragma", "cache_size(-16384)")
	}
	return "file:" + path + "?" + q.Encode()
}

// withParams adds query parameters to a postgres:// URL; the driver sends the ones it
// doesn't know as session settings.
func withParams(dsn string, params map[string]string) string {
	u, err := url.Parse(dsn)
	if err != nil || len(params) == 0 {
		return dsn
	}
	q := u.Query()
	for k, v := range params {
		q.Set(k, v)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// searcher is the handle full-text searches run on.
func (db *DB) searcher() conn {
	if db.search != nil {
		return conn{q: db.search, d: db.dialect}
	}
	return db.reader()
}

// redact hides a password in a postgres URL before it reaches a message or a log.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
			return u.String()
		}
	}
	return dsn
}

// Close closes every connection.
func (db *DB) Close() error {
	var errs []error
	for _, sc := range []*stmtCache{db.readStmts, db.writeStmts} {
		if sc != nil {
			sc.close()
		}
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	if db.read != nil && db.read != db.write {
		errs = append(errs, db.read.Close())
	}
	if db.search != nil {
		errs = append(errs, db.search.Close())
	}
	return errors.Join(errs...)
}

// Ping checks the database answers, for /readyz.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Postgres reports whether this is a PostgreSQL database.
func (db *DB) Postgres() bool { return db.dialect.name == "postgres" }

// Dialect names the database: "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect.name }

// DSN is the connection string the database was opened with.
func (db *DB) DSN() string { return db.dsn }

// ms is how timestamps are stored: Unix milliseconds, the same in both databases.
func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

func fromNullMS(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMS(v.Int64)
	return &t
}

func nullMS(t *time.Time) any {
	if t == nil {
		return nil
	}
	return ms(*t)
}

func nullInt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// nowMS is the clock's time in stored form.
func (db *DB) nowMS() int64 { return ms(db.now()) }

// Backup writes an online, consistent copy of a SQLite database to path with VACUUM INTO.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.Postgres() {
		return attune.Errorf(attune.EINVALID, "PostgreSQL databases are backed up with pg_dump.")
	}
	if _, err := os.Stat(path); err == nil {
		return attune.Errorf(attune.ECONFLICT, "%s already exists. Please choose a new file name, so no backup is overwritten.", path)
	}
	_, err := db.write.ExecContext(ctx, "VACUUM INTO ?", path)
	if err != nil {
		return &attune.Error{Code: attune.EINTERNAL, Err: err, Message: "The backup could not be written. Check the folder exists and there is free space."}
	}
	return nil
}
