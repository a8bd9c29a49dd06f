// Package demo fills an empty Attune with a realistic workspace for `attune serve --demo`:
// a support team of agents in two teams, customers from many cultures with CRM profiles,
// and months of conversations that mix moods, channels and replies of varied empathy.
//
// It writes through the same services as the API, so every customer message is analysed
// and every reply coached on the way in. All of its text was written for Attune.
//
// `serve --demo` seeds only an empty database, so restarting on the same file keeps it:
//
//	if empty, err := demo.IsEmpty(ctx, services); err != nil {
//		return err
//	} else if empty {
//		res, err := demo.Seed(ctx, services, demo.Options{Seed: 1})
//		if err != nil {
//			return err
//		}
//		fmt.Fprintf(stdout, "Demo login: %s / %s\n", res.AdminEmail, res.AdminPassword)
//	}
//
// Seeding the whole workspace into a SQLite file takes one to two seconds; the seven
// argon2id password hashes are a tenth of that, on purpose.
package demo

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"
	_ "time/tzdata" // customers' time zones must validate on machines without zoneinfo

	"github.com/attune-desk/attune"
)

// Services are what the demo writes through. Conversations should be the triage desk, so
// messages are analysed and replies coached as they are written.
type Services struct {
	Agents        attune.AgentService
	Customers     attune.CustomerService
	Conversations attune.ConversationService
}

// Options shape the demo workspace.
type Options struct {
	// Now is "today": conversations spread over the 90 days before it. Zero means the
	// current time.
	Now time.Time
	// Seed picks the workspace: the same seed writes the same customers and threads.
	Seed int64
	// AdminPassword is the demo login's password; empty means a random one, returned in
	// the Result.
	AdminPassword string
	// Progress, if set, is called after each conversation is written.
	Progress func(done, total int)
}

// Result says what was written, and how to sign in.
type Result struct {
	AdminEmail    string
	AdminPassword string
	Agents        int
	Teams         int
	Customers     int
	Conversations int
	Messages      int
}

// IsEmpty reports whether the database has no agents, customers or conversations, the
// only state the demo is written into.
func IsEmpty(ctx context.Context, s Services) (bool, error) {
	agents, err := s.Agents.Agents(ctx)
	if err != nil || len(agents) > 0 {
		return false, err
	}
	customers, err := s.Customers.Customers(ctx, attune.CustomerFilter{Limit: 1})
	if err != nil || len(customers) > 0 {
		return false, err
	}
	page, err := s.Conversations.Conversations(ctx, attune.ConversationFilter{Limit: 1})
	if err != nil {
		return false, err
	}
	return len(page.Items) == 0, nil
}

// Seed writes the demo workspace into an empty database. It refuses a database that
// already holds agents, customers or conversations. The services share no transaction,
// so a seed that fails part-way leaves a partial workspace: start again on a new database.
func Seed(ctx context.Context, s Services, opts Options) (*Result, error) {
	if s.Agents == nil || s.Customers == nil || s.Conversations == nil {
		return nil, fmt.Errorf("demo: every service is needed")
	}
	empty, err := IsEmpty(ctx, s)
	if err != nil {
		return nil, err
	}
	if !empty {
		return nil, attune.Errorf(attune.ECONFLICT, "The demo workspace only goes into an empty database, and this one already has data. Use a new database file for the demo.")
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	ws := plan(opts.Seed, now.UTC())
	res := &Result{AdminEmail: AdminEmail, AdminPassword: opts.AdminPassword}
	if res.AdminPassword == "" {
		res.AdminPassword = randomPassword()
	}

	agents, teams, err := writeTeam(ctx, s.Agents, res.AdminPassword)
	if err != nil {
		return nil, err
	}
	res.Agents, res.Teams = len(agents), len(teams)

	written := make([]bool, len(ws.customers))
	for i, cp := range ws.convs {
		n, err := writeConversation(ctx, s.Conversations, ws.customers[cp.customer], cp, agents, teams)
		if err != nil {
			return nil, fmt.Errorf("demo conversation %d (%s): %w", i+1, cp.sc.key, err)
		}
		written[cp.customer] = true
		res.Conversations++
		res.Messages += n
		if opts.Progress != nil {
			opts.Progress(i+1, len(ws.convs))
		}
	}
	// Customers who have never written in still have a profile.
	for i, c := range ws.customers {
		if !written[i] {
			if _, err := s.Customers.CreateCustomer(ctx, c.input); err != nil {
				return nil, fmt.Errorf("demo customer %s: %w", *c.input.Email, err)
			}
		}
	}
	res.Customers = len(ws.customers)
	return res, nil
}

// writeTeam creates the agents and the two teams, returning their ids by index. Each
// password is hashed with argon2id, which is most of the time this takes.
func writeTeam(ctx context.Context, as attune.AgentService, adminPassword string) (agents, teams []int64, err error) {
	for i, spec := range agentSpecs {
		pw := adminPassword
		if i > 0 {
			pw = randomPassword()
		}
		a, err := as.CreateAgent(ctx, attune.NewAgent{Email: spec.email, Name: spec.name, Role: spec.role, Password: pw})
		if err != nil {
			return nil, nil, fmt.Errorf("demo agent %s: %w", spec.email, err)
		}
		agents = append(agents, a.ID)
	}
	for _, name := range teamNames {
		t, err := as.CreateTeam(ctx, name)
		if err != nil {
			return nil, nil, fmt.Errorf("demo team %s: %w", name, err)
		}
		teams = append(teams, t.ID)
	}
	for i, spec := range agentSpecs {
		for _, t := range spec.teams {
			if err := as.AddTeamMember(ctx, teams[t], agents[i]); err != nil {
				return nil, nil, fmt.Errorf("demo team member %s: %w", spec.email, err)
			}
		}
	}
	return agents, teams, nil
}

// writeConversation writes one planned thread, backdated, and returns how many messages
// it holds.
func writeConversation(ctx context.Context, cs attune.ConversationService, cust *customerSpec, cp *convPlan, agents, teams []int64) (int, error) {
	actorFor := func(i int) attune.Actor {
		return attune.Actor{AgentID: &agents[i], Role: agentSpecs[i].role, Name: agentSpecs[i].name}
	}
	nc := attune.NewConversation{Customer: cust.input, Subject: cp.subject, Message: cp.steps[0].body, Channel: cp.channel,
		Tags: append([]string(nil), cp.sc.tags...), At: cp.steps[0].at}
	if cp.team >= 0 {
		nc.TeamID = &teams[cp.team]
	}
	c, err := cs.CreateConversation(ctx, nc, attune.Actor{})
	if err != nil {
		return 0, err
	}
	for _, st := range cp.steps[1:] {
		m := attune.NewMessage{Body: st.body, Author: st.author, Internal: st.internal, At: st.at}
		actor := attune.Actor{CustomerID: &c.CustomerID, Name: cust.first}
		if st.author == attune.AuthorAgent {
			m.AgentID = &agents[st.agent]
			actor = actorFor(st.agent)
		}
		if _, err := cs.AddMessage(ctx, c.ID, m, actor); err != nil {
			return 0, err
		}
	}

	// One update leaves the conversation where the plan says it stands today.
	u := attune.ConversationUpdate{At: cp.steps[len(cp.steps)-1].at}
	actor := attune.SystemActor()
	if cp.assignee >= 0 {
		u.AssigneeID = &agents[cp.assignee]
		actor = actorFor(cp.assignee)
	}
	switch cp.status {
	case attune.StatusPending:
		u.Status = &cp.status
	case attune.StatusSnoozed:
		u.Status, u.SnoozedUntil = &cp.status, &cp.snoozedUntil
	case attune.StatusResolved, attune.StatusClosed:
		resolved := attune.StatusResolved
		u.Status, u.At = &resolved, cp.resolvedAt
		if cp.satisfaction > 0 {
			u.Satisfaction = &cp.satisfaction
		}
	}
	if u.Status != nil || u.AssigneeID != nil {
		if _, err := cs.UpdateConversation(ctx, c.ID, u, actor); err != nil {
			return 0, err
		}
	}
	if cp.status == attune.StatusClosed {
		closed := attune.StatusClosed
		if _, err := cs.UpdateConversation(ctx, c.ID, attune.ConversationUpdate{Status: &closed, At: cp.closedAt}, attune.SystemActor()); err != nil {
			return 0, err
		}
	}
	return len(cp.steps), nil
}

// randomPassword makes a password that is easy to read off a terminal: three groups of
// four letters and digits, without look-alikes such as 0 and O.
func randomPassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	out := make([]byte, 0, 14)
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			out = append(out, '-')
		}
		out = append(out, alphabet[int(c)%len(alphabet)])
	}
	return string(out)
}
