// Package storetest opens real databases for tests, a SQLite file in a temporary folder
// and a fresh database on the PostgreSQL server named by ATTUNE_TEST_POSTGRES, and holds
// the one behaviour suite both must pass.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/attune-desk/attune/store"
)

// Clock is a settable clock for tests.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock starts a clock at a fixed, round moment.
func NewClock() *Clock { return &Clock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }

// Now tells the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Backend names a database to test on and opens a fresh, migrated one of it.
type Backend struct {
	Name string
	// DSN creates an empty database and returns how to reach it.
	DSN func(t testing.TB) string
}

// Backends lists SQLite always and PostgreSQL when ATTUNE_TEST_POSTGRES is set. Under
// CI=true a missing PostgreSQL fails the test instead of skipping it.
func Backends(t testing.TB) []Backend {
	b := []Backend{{Name: "sqlite", DSN: SQLiteDSN}}
	if os.Getenv("ATTUNE_TEST_POSTGRES") != "" {
		b = append(b, Backend{Name: "postgres", DSN: PostgresDSN})
	} else if os.Getenv("CI") == "true" {
		t.Fatal("CI=true but ATTUNE_TEST_POSTGRES is not set: run the tests with 'make test'")
	} else {
		t.Log("ATTUNE_TEST_POSTGRES is not set: PostgreSQL tests skipped (make test sets it)")
	}
	return b
}

// ForEach runs fn as a subtest on every backend with a fresh, migrated database.
func ForEach(t *testing.T, fn func(t *testing.T, db *store.DB, clock *Clock)) {
	for _, b := range Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			clock := NewClock()
			fn(t, Open(t, b.DSN(t), clock), clock)
		})
	}
}

// Open opens and migrates the database at dsn, closing it when the test ends.
func Open(t testing.TB, dsn string, clock *Clock) *store.DB {
	t.Helper()
	ctx := context.Background()
	var opts []store.Option
	if clock != nil {
		opts = append(opts, store.WithClock(clock.Now))
	}
	db, err := store.Open(ctx, dsn, opts...)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

// SQLiteDSN returns the path of a new SQLite file in the test's temporary folder.
func SQLiteDSN(t testing.TB) string { return filepath.Join(t.TempDir(), "attune.db") }

// PostgresDSN creates an empty database on the test server and drops it afterwards.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("ATTUNE_TEST_POSTGRES")
	if admin == "" {
		t.Skip("ATTUNE_TEST_POSTGRES is not set")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "attune_test_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err == nil {
			_, _ = db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
