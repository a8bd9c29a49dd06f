package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/attune-desk/attune"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations
var migrations embed.FS

// Migrate brings the schema up to date. Each migration runs in a transaction and is
// recorded in the goose_db_version table. On PostgreSQL an advisory lock lets several
// replicas start at once without racing.
func (db *DB) Migrate(ctx context.Context) (applied int, err error) {
	fsys, err := fs.Sub(migrations, db.dialect.migrDir)
	if err != nil {
		return 0, err
	}
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	if db.Postgres() {
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return 0, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(goose.Dialect(db.dialect.goose), db.write, fsys, opts...)
	if err != nil {
		return 0, fmt.Errorf("prepare migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return len(results), &attune.Error{Code: attune.EINTERNAL, Err: err,
			Message: "Attune could not update the database schema. Nothing after the last good step was applied; the log has the detail."}
	}
	return len(results), nil
}

// SchemaVersion is the newest migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.reader().queryRow(ctx, "SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied").Scan(&v)
	return v, err
}
