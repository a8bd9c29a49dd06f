package demo_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/demo"
	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/store/storetest"
	"github.com/attune-desk/attune/triage"
)

// seeded is a demo workspace written into a real database, read back for the assertions.
type seeded struct {
	res      *demo.Result
	now      time.Time
	services storetest.Services
	desk     *triage.Desk
	convs    []attune.Conversation // newest first, with their messages
	took     time.Duration
}

func seed(t *testing.T, db *store.DB, now time.Time, seed int64) *seeded {
	t.Helper()
	ctx := context.Background()
	ss := storetest.NewServices(db)
	desk := triage.NewDesk(ss.Conversations, ss.Customers, moodAnalyzer{}, nil)
	services := demo.Services{Agents: ss.Agents, Customers: ss.Customers, Conversations: desk}
	empty, err := demo.IsEmpty(ctx, services)
	if err != nil || !empty {
		t.Fatalf("IsEmpty on a new database = %v, %v; want true", empty, err)
	}
	calls, last := 0, 0
	start := time.Now()
	res, err := demo.Seed(ctx, services, demo.Options{Now: now, Seed: seed, Progress: func(done, total int) {
		calls++
		if done != last+1 || total < done {
			t.Errorf("progress(%d, %d) after %d", done, total, last)
		}
		last = done
	}})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if calls != res.Conversations {
		t.Errorf("progress called %d times for %d conversations", calls, res.Conversations)
	}
	s := &seeded{res: res, now: now, services: ss, desk: desk, took: took}
	f := attune.ConversationFilter{Sort: attune.SortNewest, Limit: 200}
	for {
		page, err := desk.Conversations(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		s.convs = append(s.convs, page.Items...)
		if page.NextCursor == "" {
			break
		}
		f.Cursor = page.NextCursor
	}
	for i := range s.convs {
		msgs, err := desk.Messages(ctx, s.convs[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		s.convs[i].Messages = msgs
	}
	return s
}

func TestSeed(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		s := seed(t, db, clock.Now(), 42)
		t.Logf("seeded %+v in %v", *s.res, s.took)
		t.Run("counts", func(t *testing.T) { testCounts(t, s) })
		t.Run("team and login", func(t *testing.T) { testTeam(t, s) })
		t.Run("customer profiles", func(t *testing.T) { testCustomers(t, s) })
		t.Run("queue variety", func(t *testing.T) { testVariety(t, s) })
		t.Run("ninety days", func(t *testing.T) { testTimes(t, s) })
		t.Run("threads", func(t *testing.T) { testThreads(t, s) })
		t.Run("moods", func(t *testing.T) { testMoods(t, s) })
		t.Run("only once", func(t *testing.T) { testOnlyOnce(t, s) })
		t.Run("as planned", func(t *testing.T) { testAsPlanned(t, s, 42) })
		t.Run("own words", func(t *testing.T) { testOwnWords(t, s) })
	})
}

func testCounts(t *testing.T, s *seeded) {
	r := s.res
	if r.Agents < 5 || r.Teams != 2 || r.Customers < 150 || r.Conversations < 400 || r.Messages < 3*r.Conversations {
		t.Fatalf("result = %+v", *r)
	}
	if len(s.convs) != r.Conversations {
		t.Fatalf("listed %d conversations, seeded %d", len(s.convs), r.Conversations)
	}
	msgs := 0
	for _, c := range s.convs {
		msgs += len(c.Messages)
		if c.MessageCount != len(c.Messages) {
			t.Fatalf("conversation %d counts %d messages, holds %d", c.ID, c.MessageCount, len(c.Messages))
		}
	}
	if msgs != r.Messages {
		t.Fatalf("stored %d messages, result says %d", msgs, r.Messages)
	}
}

func testTeam(t *testing.T, s *seeded) {
	ctx := context.Background()
	agents, err := s.services.Agents.Agents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[attune.Role]int{}
	for _, a := range agents {
		roles[a.Role]++
	}
	if len(agents) != s.res.Agents || roles[attune.RoleAdmin] != 1 || roles[attune.RoleSupervisor] < 1 || roles[attune.RoleAgent] < 3 {
		t.Fatalf("roles = %v", roles)
	}
	teams, err := s.services.Agents.Teams(ctx)
	if err != nil || len(teams) != 2 {
		t.Fatalf("teams = %v, %v", teams, err)
	}
	members := map[int64]int{}
	for _, a := range agents {
		for _, id := range a.TeamIDs {
			members[id]++
		}
	}
	for _, team := range teams {
		if members[team.ID] < 2 {
			t.Errorf("team %s has %d members", team.Name, members[team.ID])
		}
	}
	a, err := s.services.Auth.Authenticate(ctx, s.res.AdminEmail, s.res.AdminPassword)
	if err != nil || a.Role != attune.RoleAdmin {
		t.Fatalf("demo login: %v, %v", a, err)
	}
	if len(s.res.AdminPassword) < attune.MinPasswordLen {
		t.Fatalf("admin password %q is too short", s.res.AdminPassword)
	}
}

func (s *seeded) customers(t *testing.T) []attune.Customer {
	var all []attune.Customer
	for {
		page, err := s.services.Customers.Customers(context.Background(), attune.CustomerFilter{Limit: 50, Offset: len(all)})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page...)
		if len(page) < 50 {
			return all
		}
	}
}

func testCustomers(t *testing.T, s *seeded) {
	customers := s.customers(t)
	if len(customers) != s.res.Customers {
		t.Fatalf("%d customers, result says %d", len(customers), s.res.Customers)
	}
	var preferred, facts, notes, tagged, quiet int
	zones, langs, domains := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range customers {
		_, domain, _ := strings.Cut(c.Email, "@")
		domains[domain] = true
		zones[c.Timezone] = true
		langs[c.Language] = true
		if c.Name == "" || c.Phone == "" || c.Attributes["plan"] == "" || c.Attributes["customer_since"] == "" {
			t.Fatalf("thin profile: %+v", c)
		}
		count(&preferred, c.PreferredName != "")
		count(&facts, len(c.Remember) > 0)
		count(&notes, c.Notes != "")
		count(&tagged, len(c.Tags) > 0)
		count(&quiet, c.Stats.Conversations == 0)
	}
	for d := range domains {
		if d != "example.com" && d != "example.org" && d != "example.net" {
			t.Errorf("customer email on %s, not an example domain", d)
		}
	}
	if len(zones) < 20 || len(langs) < 15 {
		t.Errorf("%d time zones and %d languages: not varied enough", len(zones), len(langs))
	}
	n := len(customers)
	if preferred < n/10 || facts < n/4 || notes < n/4 || tagged < n/2 || quiet == 0 || quiet > n/5 {
		t.Errorf("of %d customers: %d preferred names, %d with facts, %d with notes, %d tagged, %d never wrote", n, preferred, facts, notes, tagged, quiet)
	}
}

func count(n *int, ok bool) {
	if ok {
		*n++
	}
}

func testVariety(t *testing.T, s *seeded) {
	channels, statuses, ratings := map[attune.Channel]int{}, map[attune.Status]int{}, map[int]int{}
	assignees := map[int64]bool{}
	var unassignedOpen, teamless, waitingHours int
	for _, c := range s.convs {
		channels[c.Channel]++
		statuses[c.Status]++
		if c.Satisfaction != nil {
			ratings[*c.Satisfaction]++
			if c.Status != attune.StatusResolved && c.Status != attune.StatusClosed {
				t.Errorf("conversation %d is %s with a rating", c.ID, c.Status)
			}
		}
		if c.AssigneeID != nil {
			assignees[*c.AssigneeID] = true
		} else if c.Status == attune.StatusOpen {
			unassignedOpen++
		}
		count(&teamless, c.TeamID == nil)
		if c.Status == attune.StatusOpen && c.WaitingSince != nil && s.now.Sub(*c.WaitingSince) > 2*time.Hour {
			waitingHours++
		}
		switch c.Status {
		case attune.StatusResolved:
			if c.ResolvedAt == nil || c.ResolvedAt.After(s.now) {
				t.Errorf("resolved conversation %d resolved at %v", c.ID, c.ResolvedAt)
			}
		case attune.StatusClosed:
			if c.ClosedAt == nil || c.ResolvedAt == nil || c.ClosedAt.Before(*c.ResolvedAt) || c.ClosedAt.After(s.now) {
				t.Errorf("closed conversation %d: resolved %v, closed %v", c.ID, c.ResolvedAt, c.ClosedAt)
			}
		case attune.StatusSnoozed:
			if c.SnoozedUntil == nil || !c.SnoozedUntil.After(s.now) {
				t.Errorf("snoozed conversation %d until %v", c.ID, c.SnoozedUntil)
			}
		}
	}
	for _, ch := range attune.Channels {
		if channels[ch] < 10 {
			t.Errorf("only %d conversations on %s", channels[ch], ch)
		}
	}
	n := len(s.convs)
	done := statuses[attune.StatusResolved] + statuses[attune.StatusClosed]
	if done < n*6/10 || statuses[attune.StatusOpen] < 20 || statuses[attune.StatusPending] < 8 || statuses[attune.StatusSnoozed] < 3 ||
		statuses[attune.StatusClosed] < n/3 {
		t.Errorf("statuses = %v", statuses)
	}
	for stars := 1; stars <= 5; stars++ {
		if ratings[stars] < 5 {
			t.Errorf("ratings = %v: want every rating from 1 to 5", ratings)
		}
	}
	if unassignedOpen < 5 || teamless < 20 || len(assignees) < 5 || waitingHours < 5 {
		t.Errorf("%d unassigned open, %d without a team, %d assignees, %d waiting over two hours", unassignedOpen, teamless, len(assignees), waitingHours)
	}
}

func testTimes(t *testing.T, s *seeded) {
	oldest, newest := s.now, time.Time{}
	for _, c := range s.convs {
		if c.CreatedAt.Before(oldest) {
			oldest = c.CreatedAt
		}
		if c.LastMessageAt.After(newest) {
			newest = c.LastMessageAt
		}
	}
	if age := s.now.Sub(oldest); age > 90*24*time.Hour || age < 85*24*time.Hour {
		t.Errorf("oldest conversation %v before now, want just under 90 days", age)
	}
	if newest.After(s.now) || s.now.Sub(newest) > 6*time.Hour {
		t.Errorf("newest message at %v, now is %v", newest, s.now)
	}
	// Every week of the 90 days has conversations.
	weeks := map[int]int{}
	for _, c := range s.convs {
		weeks[int(s.now.Sub(c.CreatedAt)/(7*24*time.Hour))]++
	}
	for w := 0; w < 12; w++ {
		if weeks[w] < 15 {
			t.Errorf("week %d before now has %d conversations", w, weeks[w])
		}
	}
}

func testThreads(t *testing.T, s *seeded) {
	var notes, multi, escalating int
	for _, c := range s.convs {
		if len(c.Messages) >= 4 {
			multi++
		}
		var first *float64
		worse := false
		for i, m := range c.Messages {
			if i == 0 && m.AuthorKind != attune.AuthorCustomer {
				t.Fatalf("conversation %d starts with %s", c.ID, m.AuthorKind)
			}
			if i > 0 && !m.CreatedAt.After(c.Messages[i-1].CreatedAt) {
				t.Fatalf("conversation %d: message %d at %v is not after %v", c.ID, i, m.CreatedAt, c.Messages[i-1].CreatedAt)
			}
			if m.CreatedAt.Before(c.CreatedAt) || m.CreatedAt.After(s.now) {
				t.Fatalf("conversation %d: message at %v outside %v…%v", c.ID, m.CreatedAt, c.CreatedAt, s.now)
			}
			if m.AuthorKind == attune.AuthorAgent && (m.AuthorID == nil || m.AuthorName == "") {
				t.Fatalf("conversation %d: agent reply without its agent: %+v", c.ID, m)
			}
			if strings.Contains(m.Body, "{") || strings.Contains(m.Body, "}") {
				t.Fatalf("unfilled slot in conversation %d: %q", c.ID, m.Body)
			}
			count(&notes, m.Internal)
			if m.AuthorKind == attune.AuthorCustomer && m.Analysis != nil {
				if first == nil {
					first = &m.Analysis.Sentiment
				} else if m.Analysis.Sentiment < *first {
					worse = true
				}
			}
		}
		count(&escalating, worse)
		last := c.Messages[len(c.Messages)-1]
		if c.Status == attune.StatusOpen && last.AuthorKind != attune.AuthorCustomer {
			t.Errorf("open conversation %d ends with a %s message", c.ID, last.AuthorKind)
		}
		if (c.Status == attune.StatusPending || c.Status == attune.StatusSnoozed) && last.AuthorKind != attune.AuthorAgent {
			t.Errorf("%s conversation %d ends with a %s message", c.Status, c.ID, last.AuthorKind)
		}
	}
	if notes < 30 || multi < len(s.convs)/3 || escalating < 15 {
		t.Errorf("%d internal notes, %d threads of 4+ messages, %d customers more upset later than at first", notes, multi, escalating)
	}
	// Replies range from excellent to poor.
	want := map[string]int{"calm down": 0, "already said": 0, "policy": 0, "I'll check in with you": 0, "reminder to look at this again": 0}
	for _, c := range s.convs {
		for _, m := range c.Messages {
			if m.AuthorKind == attune.AuthorAgent && !m.Internal {
				for k := range want {
					if strings.Contains(m.Body, k) {
						want[k]++
					}
				}
			}
		}
	}
	for k, n := range want {
		if n < 3 {
			t.Errorf("%d replies say %q: %v", n, k, want)
		}
	}
}

// testMoods reads the threads through a keyword analyser: with the neutral stand-in
// every mood would be "neutral", and the point is that the text itself carries them.
func testMoods(t *testing.T, s *seeded) {
	moods, tags := map[string]int{}, map[string]int{}
	for _, c := range s.convs {
		seen := map[string]bool{}
		for _, m := range c.Messages {
			if m.Analysis != nil && !seen[m.Analysis.Mood] {
				seen[m.Analysis.Mood] = true
				moods[m.Analysis.Mood]++
			}
		}
		for _, tag := range c.Tags {
			tags[tag]++
		}
	}
	for _, m := range []string{"angry", "anxious", "sad", "grateful", "confused", "neutral"} {
		if moods[m] < 5 {
			t.Errorf("%d conversations have a %s customer message: %v", moods[m], m, moods)
		}
	}
	for _, tag := range []string{"hardship", "bereavement", "deadline", "repeat-contact", "cancellation-risk", "praise", "regular", "how-to", "urgent"} {
		if tags[tag] < 3 {
			t.Errorf("%d conversations tagged %s", tags[tag], tag)
		}
	}
}

func testOnlyOnce(t *testing.T, s *seeded) {
	ctx := context.Background()
	services := demo.Services{Agents: s.services.Agents, Customers: s.services.Customers, Conversations: s.desk}
	if empty, err := demo.IsEmpty(ctx, services); err != nil || empty {
		t.Fatalf("IsEmpty after seeding = %v, %v", empty, err)
	}
	_, err := demo.Seed(ctx, services, demo.Options{Now: s.now})
	if attune.ErrorCode(err) != attune.ECONFLICT {
		t.Fatalf("seeding twice: %v, want a conflict", err)
	}
}

// written lists the workspace's conversations in the order they were written, as
// PlannedSubjects does.
func (s *seeded) written() []string {
	convs := slices.Clone(s.convs)
	slices.SortFunc(convs, func(a, b attune.Conversation) int { return int(a.ID - b.ID) })
	out := make([]string, len(convs))
	for i, c := range convs {
		out[i] = c.Subject + " | " + c.Customer.Email + " | " + c.Messages[len(c.Messages)-1].Body
	}
	return out
}

// testAsPlanned checks that the database holds exactly the plan for the seed, in order,
// which with TestPlanIsDeterministic means the same seed always writes the same workspace.
func testAsPlanned(t *testing.T, s *seeded, seedValue int64) {
	want, got := demo.PlannedSubjects(seedValue, s.now), s.written()
	if !slices.Equal(want, got) {
		for i := range min(len(want), len(got)) {
			if want[i] != got[i] {
				t.Fatalf("conversation %d of %d:\nplanned %q\nwritten %q", i+1, len(want), want[i], got[i])
			}
		}
		t.Fatalf("planned %d conversations, wrote %d", len(want), len(got))
	}
}

func TestPlanIsDeterministic(t *testing.T) {
	now := storetest.NewClock().Now()
	a, b, c := demo.PlannedSubjects(7, now), demo.PlannedSubjects(7, now), demo.PlannedSubjects(8, now)
	if !slices.Equal(a, b) {
		t.Fatal("two plans for seed 7 differ")
	}
	if slices.Equal(a, c) {
		t.Fatal("seeds 7 and 8 plan the same workspace")
	}
}

// TestSeedTwiceIsTheSame writes the same seed into two databases end to end. Under -race
// SQLite is slow enough that TestSeed's "as planned" check stands in for it.
func TestSeedTwiceIsTheSame(t *testing.T) {
	if raceDetector || testing.Short() {
		t.Skip("slow under -race or -short; TestSeed checks each database against the plan")
	}
	now := storetest.NewClock().Now()
	a := seed(t, storetest.Open(t, storetest.SQLiteDSN(t), nil), now, 7).written()
	b := seed(t, storetest.Open(t, storetest.SQLiteDSN(t), nil), now, 7).written()
	if !slices.Equal(a, b) {
		t.Fatalf("two seeds of 7 differ:\n%v\n%v", a[:3], b[:3])
	}
}

// testOwnWords checks that no demo sentence was lifted from the seed documents Attune was
// built from: no run of eight words in the demo text appears in them.
func testOwnWords(t *testing.T, s *seeded) {
	dir := findShared(t, "seeds")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	shingles := map[string]bool{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		w := words(string(b))
		for i := 0; i+shingle <= len(w); i++ {
			shingles[strings.Join(w[i:i+shingle], " ")] = true
		}
	}
	var texts []string
	for _, c := range s.convs {
		texts = append(texts, c.Subject)
		for _, m := range c.Messages {
			texts = append(texts, m.Body)
		}
	}
	for _, c := range s.customers(t) {
		texts = append(texts, c.Notes)
		texts = append(texts, c.Remember...)
	}
	checked := 0
	for _, text := range texts {
		w := words(text)
		for i := 0; i+shingle <= len(w); i++ {
			checked++
			if run := strings.Join(w[i:i+shingle], " "); shingles[run] {
				t.Errorf("demo text repeats the seeds: %q in %q", run, text)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no demo text was checked")
	}
}

const shingle = 8

// words splits text into lower-case words, with typographic quotes made plain, so a copy
// is found whatever its punctuation.
func words(s string) []string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(strings.ToLower(s))
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'' || r > 127)
	})
}

// findShared looks for the shared folder beside the project (../shared from its root),
// skipping the test where it isn't there.
func findShared(t *testing.T, sub string) string {
	if d := os.Getenv("ATTUNE_SHARED"); d != "" {
		return filepath.Join(d, sub)
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if p := filepath.Join(dir, "shared", sub); isDir(p) {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skipf("no shared/%s folder above the project: skipping", sub)
		}
		dir = parent
	}
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// BenchmarkSeed writes the whole demo into a fresh database per iteration: what
// `attune serve --demo` costs on first start. Run with -benchtime=3x.
func BenchmarkSeed(b *testing.B) {
	for _, backend := range storetest.Backends(b) {
		b.Run(backend.Name, func(b *testing.B) {
			now := storetest.NewClock().Now()
			for b.Loop() {
				b.StopTimer()
				ss := storetest.NewServices(storetest.Open(b, backend.DSN(b), nil))
				desk := triage.NewDesk(ss.Conversations, ss.Customers, triage.NeutralAnalyzer{}, nil)
				b.StartTimer()
				res, err := demo.Seed(context.Background(), demo.Services{Agents: ss.Agents, Customers: ss.Customers, Conversations: desk},
					demo.Options{Now: now, Seed: 1})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Messages), "messages/op")
			}
		})
	}
}
