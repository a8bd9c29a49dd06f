package main

import (
	"context"
	"fmt"
	"time"
)

func runReanalyze(ctx context.Context, e env, args []string) error {
	fs := newFlags("reanalyze", `Usage: attune reanalyze [--db D] [--all]

Re-reads stored customer messages with this build's emotion engine after a
model change: each message's analysis, each conversation's mood and priority,
and each customer's average sentiment. Messages already read by this model are
skipped unless --all is given. It is safe to stop and run again.`)
	dsn := dbFlag(fs)
	all := fs.Bool("all", false, "redo every customer message, not only those read by another model")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	app, err := wire(db)
	if err != nil {
		return err
	}
	update, finish := newProgress(e.stderr, "Re-reading conversations")
	start := time.Now()
	res, err := app.conv.Reanalyze(ctx, app.analyzer, *all, update)
	finish()
	if err != nil {
		return cliError(err)
	}
	fmt.Fprintf(e.stdout, "Re-read %d messages in %d conversations with %s in %s.\n", res.Messages, res.Conversations, app.analyzer.Version(), time.Since(start).Round(time.Millisecond))
	return nil
}
