package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/store/storetest"
)

func TestHelp(t *testing.T) {
	out, _, err := cli(t, "", nil, "--help")
	if err != nil || !strings.Contains(out, "serve") || !strings.Contains(out, "ATTUNE_") {
		t.Fatalf("help: %v\n%s", err, out)
	}
	for _, c := range commands() {
		args := []string{c.name, "--help"}
		if c.name == "user" {
			args = []string{"user", "add", "--help"}
		} else if c.name == "token" {
			args = []string{"token", "create", "--help"}
		}
		out, _, err := cli(t, "", nil, args...)
		if err != nil || !strings.HasPrefix(out, "Usage:") || !strings.Contains(out, "attune "+c.name) || !strings.Contains(out, "Flags:") {
			t.Errorf("%s --help: %v\n%s", c.name, err, out)
		}
	}
	_, _, err = cli(t, "", nil, "frobnicate")
	if err == nil || !strings.Contains(err.Error(), "not an attune command") {
		t.Fatalf("unknown command: %v", err)
	}
	_, _, err = cli(t, "", nil, "serve", "--nope")
	if err == nil {
		t.Fatal("unknown flag accepted")
	}
}

func TestAdminCommands(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			dsn := b.DSN(t)
			env := map[string]string{"ATTUNE_DB": dsn}
			out, _, err := cli(t, "", env, "migrate")
			if err != nil || !strings.Contains(out, "up to date") {
				t.Fatalf("migrate: %v %s", err, out)
			}
			if _, _, err := cli(t, "", env, "migrate"); err != nil {
				t.Fatalf("second migrate: %v", err)
			}
			_, _, err = cli(t, "", nil, "user", "add", "--db", dsn, "--email", "bad", "--name", "", "--role", "boss", "--password", "short")
			if err == nil || !strings.Contains(err.Error(), "--email") || !strings.Contains(err.Error(), "--role") {
				t.Fatalf("bad user add: %v", err)
			}
			env["ATTUNE_PASSWORD"] = "a long enough password"
			out, _, err = cli(t, "", env, "user", "add", "--email", "kim@example.com", "--name", "Kim Lee", "--role", "admin")
			if err != nil || !strings.Contains(out, "Kim Lee") {
				t.Fatalf("user add: %v %s", err, out)
			}
			_, _, err = cli(t, "", env, "user", "add", "--email", "kim@example.com", "--name", "Kim Again")
			if err == nil || !strings.Contains(err.Error(), "already") {
				t.Fatalf("duplicate user: %v", err)
			}
			out, _, err = cli(t, "", env, "token", "create", "--email", "kim@example.com")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if err != nil || !strings.HasPrefix(lines[len(lines)-1], "att_") {
				t.Fatalf("token create: %v %q", err, out)
			}
			if _, _, err := cli(t, "", env, "token", "create", "--email", "ghost@example.com"); err == nil {
				t.Fatal("token for a missing agent")
			}

			out, _, err = cli(t, "", env, "reanalyze", "--all")
			if err != nil || !strings.Contains(out, "Re-read 0 messages") {
				t.Fatalf("reanalyze on an empty desk: %v %q", err, out)
			}

			backup := filepath.Join(t.TempDir(), "copy.db")
			out, _, err = cli(t, "", env, "backup", "--out", backup)
			if store.IsPostgres(dsn) {
				if err == nil || !strings.Contains(err.Error(), "pg_dump") {
					t.Fatalf("postgres backup should point to pg_dump: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("backup: %v %s", err, out)
			}
			db := storetest.Open(t, backup, nil)
			if a, err := store.NewAgentService(db).AgentByEmail(context.Background(), "kim@example.com"); err != nil || a.Name != "Kim Lee" {
				t.Fatalf("backup lacks the agent: %v", err)
			}
			if _, _, err := cli(t, "", env, "backup", "--out", backup); err == nil || !strings.Contains(err.Error(), "already exists") {
				t.Fatalf("backup over an existing file: %v", err)
			}
		})
	}
}

func TestBadDatabase(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("this is not a database, just some text that goes on for a while"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := cli(t, "", nil, "migrate", "--db", junk)
	if err == nil {
		t.Fatal("migrating a non-database succeeded")
	}
	_, _, err = cli(t, "", nil, "migrate", "--db", filepath.Join(dir, "missing", "dir", "a.db"))
	if err == nil || strings.Contains(err.Error(), "panic") {
		t.Fatalf("missing folder: %v", err)
	}
	_, _, err = cli(t, "", nil, "migrate", "--db", "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err == nil || !strings.Contains(err.Error(), "could not reach") {
		t.Fatalf("unreachable postgres: %v", err)
	}
	_, _, err = cli(t, "", map[string]string{"ATTUNE_MAX_BODY": "lots"}, "serve", "--db", filepath.Join(dir, "a.db"))
	if err == nil || !strings.Contains(err.Error(), "ATTUNE_MAX_BODY") {
		t.Fatalf("bad env value: %v", err)
	}
	_, _, err = cli(t, "", nil, "serve", "--db", filepath.Join(dir, "a.db"), "--log-format", "xml")
	if err == nil || !strings.Contains(err.Error(), "log-format") {
		t.Fatalf("bad log format: %v", err)
	}
}
