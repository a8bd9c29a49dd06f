package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/demo"
	"github.com/attune-desk/attune/kb"
	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/triage"
	"github.com/attune-desk/attune/web"
)

func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlags("serve", `Usage: attune serve [--db D] [--addr HOST:PORT] [--demo]

Starts Attune: the agent workspace, the customer portal and the JSON API.
With --demo on an empty database, it first fills it with a realistic
workspace and prints a demo sign-in.`)
	dsn := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on")
	demoFlag := fs.Bool("demo", false, "fill an empty database with a demo workspace")
	logFormat := fs.String("log-format", "text", "text or json")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	maxBody := fs.Int64("max-body", 1<<20, "the largest request body accepted, in bytes")
	secure := fs.Bool("secure-cookies", false, "mark cookies Secure; set this when Attune is served over HTTPS")
	sessionTTL := fs.Duration("session-ttl", 12*time.Hour, "how long a sign-in lasts")
	if err := fs.parse(e, args); err != nil {
		return err
	}
	logger, err := newLogger(e.stderr, *logFormat, *logLevel)
	if err != nil {
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
	var demoLogin string
	if *demoFlag {
		demoLogin, err = seedDemo(ctx, e, app)
		if err != nil {
			return err
		}
	}

	// Live updates: in memory on SQLite, LISTEN/NOTIFY across replicas on PostgreSQL.
	events := store.NewEvents(db, logger)
	defer events.Close()
	app.desk.WithEvents(events)
	workspace := store.NewWorkspaceService(db)
	go wakeLoop(ctx, workspace, events, logger)

	srv := web.NewServer(web.Deps{
		Conversations: app.desk, Customers: app.customers, Agents: app.agents, Auth: app.auth, Audit: app.audit,
		Analyzer: app.analyzer, Coach: app.coach, CoachContext: app.desk, Events: events, Workspace: workspace, KB: app.kb, Help: app.kb,
		Ready: db.Ping, Logger: logger,
		Config: web.Config{MaxBodyBytes: *maxBody, SecureCookies: *secure, SessionTTL: *sessionTTL, Version: attune.Version},
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("could not listen on %s: %v (is another program using that port? try --addr 127.0.0.1:0)", *addr, err)
	}
	httpSrv := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	httpSrv.RegisterOnShutdown(events.Close) // ends open event streams, so shutdown need not wait for them
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(e.stdout, "Attune is running at %s\n", url)
	if demoLogin != "" {
		fmt.Fprintf(e.stdout, "Demo sign-in: %s\n", demoLogin)
	}
	logger.Info("serving", "addr", ln.Addr().String(), "database", map[bool]string{true: "postgres", false: "sqlite"}[db.Postgres()], "version", attune.Version)

	go warnStaleAnalyses(ctx, app, logger)

	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down: finishing requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := httpSrv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// wakeLoop reopens snoozed conversations and due follow-ups every 20 seconds. Every
// replica runs it; the store makes sure each conversation wakes once.
func wakeLoop(ctx context.Context, ws *store.WorkspaceService, events attune.Events, logger *slog.Logger) {
	tick := time.NewTicker(20 * time.Second)
	defer tick.Stop()
	for {
		ids, err := ws.WakeDue(ctx)
		if err != nil && ctx.Err() == nil {
			logger.Warn("could not wake snoozed conversations; trying again shortly", "err", err)
		}
		for _, id := range ids {
			_ = events.Publish(ctx, attune.Event{Kind: attune.EventConversationUpdated, ConversationID: id})
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// app is Attune wired together over one database.
type app struct {
	agents    *store.AgentService
	auth      *store.AuthService
	customers *store.CustomerService
	audit     *store.AuditService
	conv      *store.ConversationService // the stored conversations, under the desk
	desk      *triage.Desk
	analyzer  attune.Analyzer
	coach     attune.Coach
	kb        *store.KnowledgeBase
}

// wire builds every service over db. This is the one place that knows concrete types.
func wire(db *store.DB) (*app, error) {
	engine, err := analysis.New()
	if err != nil {
		return nil, fmt.Errorf("load the emotion engine: %w", err)
	}
	coach, err := analysis.NewCoach()
	if err != nil {
		return nil, fmt.Errorf("load the empathy coach: %w", err)
	}
	a := &app{
		agents: store.NewAgentService(db), auth: store.NewAuthService(db),
		customers: store.NewCustomerService(db), audit: store.NewAuditService(db),
		analyzer: triage.NewAnalyzer(engine), coach: triage.NewCoach(coach),
		kb: store.NewKnowledgeBase(db, kb.DefaultThesaurus()),
	}
	a.conv = store.NewConversationService(db, triage.NewPrioritizer(triage.DefaultWeights()))
	a.desk = triage.NewDesk(a.conv, a.customers, a.analyzer, a.coach)
	return a, nil
}

// demoPassword is the demo admin's password. The demo is for trying Attune on one's own
// machine, so a fixed, printed password beats one that is lost on restart.
const demoPassword = "attune-demo-password"

// seedDemo fills an empty database with the demo workspace and returns the sign-in to
// print. On a database that already has data it seeds nothing, and prints the demo
// sign-in only if the demo admin is there.
func seedDemo(ctx context.Context, e env, a *app) (string, error) {
	services := demo.Services{Agents: a.agents, Customers: a.customers, Conversations: a.desk}
	empty, err := demo.IsEmpty(ctx, services)
	if err != nil {
		return "", err
	}
	login := fmt.Sprintf("%s / %s", demo.AdminEmail, demoPassword)
	if !empty {
		if _, err := a.agents.AgentByEmail(ctx, demo.AdminEmail); err != nil {
			fmt.Fprintln(e.stderr, "This database already has data, so no demo workspace was added.")
			return "", nil
		}
		return login, nil
	}
	update, finish := newProgress(e.stderr, "Creating the demo workspace")
	start := time.Now()
	res, err := demo.Seed(ctx, services, demo.Options{Seed: 1, AdminPassword: demoPassword, Progress: update})
	finish()
	if err != nil {
		return "", cliError(err)
	}
	articles, err := seedDemoArticles(ctx, a.kb)
	if err != nil {
		return "", cliError(err)
	}
	fmt.Fprintf(e.stderr, "Demo workspace ready in %s: %d agents in %d teams, %d customers, %d conversations, %d messages, %d help articles.\n",
		time.Since(start).Round(100*time.Millisecond), res.Agents, res.Teams, res.Customers, res.Conversations, res.Messages, articles)
	return login, nil
}

// warnStaleAnalyses tells the operator, once at start, when customer messages were read by
// an older emotion model than this build's: their moods and the queue's reasons are then
// from the old model until `attune reanalyze` re-reads them. It runs beside the server, so a
// large database never delays the start.
func warnStaleAnalyses(ctx context.Context, app *app, logger *slog.Logger) {
	n, err := app.conv.StaleAnalyses(ctx, app.analyzer.Version())
	switch {
	case err != nil:
		if ctx.Err() == nil {
			logger.Warn("could not count the messages an older emotion model read", "err", err)
		}
	case n > 0:
		logger.Warn(fmt.Sprintf("%d customer messages were read by an older emotion model; run `attune reanalyze` to re-read them with this one", n),
			"stale_messages", n, "model", app.analyzer.Version())
	}
}
