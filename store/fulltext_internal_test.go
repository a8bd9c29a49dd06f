package store

import (
	"context"
	"os"
	"testing"
)

// TestSearchSession checks that PostgreSQL searches run with their own session settings
// (the GIN index over a sequential scan), and every other query without them.
func TestSearchSession(t *testing.T) {
	dsn := os.Getenv("ATTUNE_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("ATTUNE_TEST_POSTGRES is not set")
	}
	ctx := context.Background()
	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var search, other string
	if err := db.searcher().queryRow(ctx, "SHOW enable_seqscan").Scan(&search); err != nil {
		t.Fatal(err)
	}
	if err := db.reader().queryRow(ctx, "SHOW enable_seqscan").Scan(&other); err != nil {
		t.Fatal(err)
	}
	if search != "off" || other != "on" {
		t.Fatalf("enable_seqscan: searches %q, others %q", search, other)
	}
}
