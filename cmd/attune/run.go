package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/attune-desk/attune"
)

// errSilent ends the process with a failing status when the message was already printed.
var errSilent = errors.New("")

// exitError carries an exit status other than 1.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func exitCode(err error) int {
	var e exitError
	if errors.As(err, &e) {
		return e.code
	}
	return 1
}

// command is one subcommand of attune.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "start the web server (agent workspace, customer portal, API)", runServe},
		{"migrate", "create or update the database schema", runMigrate},
		{"user", "add an agent: attune user add --email E --name N --role R --password P", runUser},
		{"token", "create an API token: attune token create --email E", runToken},
		{"reanalyze", "re-read stored customer messages after a model change", runReanalyze},
		{"backup", "copy a SQLite database while Attune runs", runBackup},
		{"kb", "import or export knowledge-base articles: attune kb import|export DIR", runKB},
		{"version", "print the version", runVersion},
		{"analyze", "read a customer message: sentiment, moods, urgency, evidence", runAnalyze},
		{"coach", "score a reply for empathy, with the phrases to change", runCoach},
		{"eval", "measure the analysis against human-labelled data", runEval},
	}
}

// run is the whole program: main only supplies the real environment.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if err := c.run(ctx, e, args[1:]); err != nil && !errors.Is(err, errHelp) {
				return err
			}
			return nil
		}
	}
	usage(e.stderr)
	return fmt.Errorf("%q is not an attune command; the list is above", args[0])
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("Attune is an empathy-first customer support desk.\n\nUsage:\n  attune <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-12s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun 'attune <command> --help' for a command's flags. Every flag can also be set\nwith an ATTUNE_* environment variable, e.g. --db is ATTUNE_DB.\n")
	io.WriteString(w, b.String())
}

func runVersion(ctx context.Context, e env, args []string) error {
	fs := newFlags("version", "Usage: attune version\n\nPrints the version of this build.")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "attune %s\n", attune.Version)
	return nil
}
