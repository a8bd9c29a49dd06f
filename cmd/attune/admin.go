package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/store"
)

func runMigrate(ctx context.Context, e env, args []string) error {
	fs := newFlags("migrate", `Usage: attune migrate [--db D]

Creates or updates the database schema. It is safe to run more than once, and
'attune serve' runs it on start too.`)
	dsn := dbFlag(fs)
	if err := fs.parse(e, args); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	v, _ := db.SchemaVersion(ctx)
	fmt.Fprintf(e.stdout, "Database is up to date (schema version %d, %d migration(s) applied now).\n", v, n)
	return nil
}

func runUser(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(e.stdout, "Usage: attune user add --email E --name N --role R --password P [--db D]")
			return errHelp
		}
		return errors.New("usage: attune user add --email E --name N --role R --password P (see 'attune user add --help')")
	}
	fs := newFlags("user add", `Usage: attune user add --email E --name N [--role R] --password P [--db D]

Adds an agent who can sign in. Roles: agent (works conversations and customers),
supervisor (also sees reports and training) and admin (also manages users and
settings). Prefer ATTUNE_PASSWORD to --password so it stays out of shell history.`)
	dsn := dbFlag(fs)
	email := fs.String("email", "", "the agent's email address, used to sign in")
	name := fs.String("name", "", "the agent's full name")
	role := fs.String("role", "agent", "agent, supervisor or admin")
	password := fs.String("password", "", "at least 10 characters")
	if err := fs.parse(e, args[1:]); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	a, err := store.NewAgentService(db).CreateAgent(ctx, attune.NewAgent{Email: *email, Name: *name, Role: attune.Role(*role), Password: *password})
	if err != nil {
		return cliError(err)
	}
	fmt.Fprintf(e.stdout, "Added %s <%s> as %s (id %d).\n", a.Name, a.Email, a.Role, a.ID)
	return nil
}

func runToken(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(e.stdout, "Usage: attune token create --email E [--name N] [--db D]")
			return errHelp
		}
		return errors.New("usage: attune token create --email E [--name N] (see 'attune token create --help')")
	}
	fs := newFlags("token create", `Usage: attune token create --email E [--name N] [--db D]

Creates an API token for an agent and prints it as the last line. It is shown
only once; Attune keeps just a hash. Send it as 'Authorization: Bearer <token>'.`)
	dsn := dbFlag(fs)
	email := fs.String("email", "", "the agent the token acts as")
	name := fs.String("name", "command line", "what the token is for, to recognise it later")
	if err := fs.parse(e, args[1:]); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	a, err := store.NewAgentService(db).AgentByEmail(ctx, *email)
	if err != nil {
		return fmt.Errorf("no agent has the email %q; add one with 'attune user add'", *email)
	}
	secret, _, err := store.NewAuthService(db).CreateToken(ctx, a.ID, *name)
	if err != nil {
		return cliError(err)
	}
	fmt.Fprintf(e.stderr, "API token for %s (shown once; keep it safe):\n", a.Email)
	fmt.Fprintln(e.stdout, secret)
	return nil
}

func runBackup(ctx context.Context, e env, args []string) error {
	fs := newFlags("backup", `Usage: attune backup --out FILE [--db D]

Writes an online, consistent copy of a SQLite database while Attune keeps
running. For PostgreSQL, use pg_dump.`)
	dsn := dbFlag(fs)
	out := fs.String("out", "", "the file to write; it must not exist yet")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	if store.IsPostgres(*dsn) {
		return errors.New("this database is PostgreSQL: back it up with pg_dump, e.g. 'pg_dump --format=custom --file=attune.dump \"$ATTUNE_DB\"'")
	}
	if *out == "" {
		return errors.New("please say where to write the backup with --out FILE")
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	abs, _ := filepath.Abs(*out)
	if err := db.Backup(ctx, abs); err != nil {
		return cliError(err)
	}
	fmt.Fprintf(e.stdout, "Backed up %s to %s.\n", *dsn, abs)
	return nil
}

// cliError writes an attune.Error as its message and field messages, for a terminal.
func cliError(err error) error {
	msg := attune.ErrorMessage(err)
	for k, v := range attune.ErrorFields(err) {
		msg += fmt.Sprintf("\n  --%s: %s", k, v)
	}
	if attune.ErrorCode(err) == attune.EINTERNAL {
		return fmt.Errorf("%s (%v)", msg, err)
	}
	return errors.New(msg)
}
