package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/attune-desk/attune"
)

// The workspace's size.
const (
	numCustomers     = 160
	numConversations = 420 // before the earlier contacts some scenarios follow
	numRegulars      = 3
	span             = 90 * 24 * time.Hour
)

// step is one message of a planned thread.
type step struct {
	author   attune.AuthorKind
	agent    int // index into agentSpecs for replies and notes
	internal bool
	body     string
	at       time.Time
}

// convPlan is one conversation, planned in full before anything is written.
type convPlan struct {
	customer     int
	sc           *scenario
	channel      attune.Channel
	subject      string
	team         int
	assignee     int // index into agentSpecs, or -1
	status       attune.Status
	steps        []step
	satisfaction int // 1–5, or 0 for no rating
	resolvedAt   time.Time
	closedAt     time.Time
	snoozedUntil time.Time
}

// workspace is the planned demo: customers and conversations, oldest conversation first.
type workspace struct {
	customers []*customerSpec
	convs     []*convPlan
}

// planner draws every choice from one seeded source, so a seed always plans the same
// workspace.
type planner struct {
	r       *rand.Rand
	now     time.Time
	ws      *workspace
	byKey   map[string]*scenario
	picks   []*scenario // scenarios anyone can write, by weight
	weights []int
	members [2][]int // agent indexes per team
	regs    []int    // customer indexes of the lonely regulars
}

func plan(seed int64, now time.Time) *workspace {
	p := &planner{r: rand.New(rand.NewPCG(uint64(seed), 0xa77e_de30)), now: now, ws: &workspace{}, byKey: map[string]*scenario{}}
	p.ws.customers = planCustomers(p.r, numCustomers, now)
	for i := range numRegulars {
		idx := i * (numCustomers / numRegulars)
		c := p.ws.customers[idx]
		c.regular = true
		c.activity = 0
		tags := append(*c.input.Tags, "regular")
		c.input.Tags = &tags
		note := "Writes in most weeks, often for a chat as much as a question. Take the time."
		c.input.Notes = &note
		p.regs = append(p.regs, idx)
	}
	for _, sc := range scenarios() {
		p.byKey[sc.key] = sc
		if !sc.regular {
			p.picks = append(p.picks, sc)
			p.weights = append(p.weights, sc.weight)
		}
	}
	for i, a := range agentSpecs {
		for _, t := range a.teams {
			p.members[t] = append(p.members[t], i)
		}
	}
	activity := make([]int, len(p.ws.customers))
	for i, c := range p.ws.customers {
		activity[i] = int(c.activity * 10)
	}
	regular := p.byKey["lonely-regular"]
	for range numConversations {
		var sc *scenario
		var cust int
		if chance(p.r, 0.07) {
			sc, cust = regular, pickOne(p.r, p.regs)
		} else {
			sc, cust = p.picks[weighted(p.r, p.weights)], weighted(p.r, activity)
		}
		cp := p.conversation(sc, cust, p.status(), convOptions{})
		p.ws.convs = append(p.ws.convs, cp)
		if sc.prequels != "" {
			p.prequels(cp)
		}
	}
	slices.SortStableFunc(p.ws.convs, func(a, b *convPlan) int { return a.steps[0].at.Compare(b.steps[0].at) })
	for _, c := range p.ws.customers {
		if len(c.facts) > attune.MaxFacts {
			c.facts = c.facts[:attune.MaxFacts]
		}
		facts := c.facts
		c.input.Remember = &facts
	}
	return p.ws
}

// status chooses where a conversation stands today: most are long since resolved or
// closed; about one in eight is still being worked.
func (p *planner) status() attune.Status {
	return []attune.Status{attune.StatusResolved, attune.StatusClosed, attune.StatusOpen, attune.StatusPending, attune.StatusSnoozed}[weighted(p.r, []int{36, 51, 7, 4, 2})]
}

// agentFor chooses who works a conversation for a team.
func (p *planner) agentFor(team int) int {
	if team == noTeam {
		// Anyone but the admin takes general conversations, the admin now and then.
		if chance(p.r, 0.05) {
			return 0
		}
		return 1 + p.r.IntN(len(agentSpecs)-1)
	}
	return pickOne(p.r, p.members[team])
}

func (p *planner) quality(agent int) quality {
	s := agentSpecs[agent].style
	return quality(weighted(p.r, s[:]))
}

// draft is a step before it has a time or words: gap is how long after the previous step
// it comes, and write renders its text once the thread's dates are known.
type draft struct {
	step
	gap   time.Duration
	write func(s slots) string
}

// window bounds where a finished conversation may fall: it starts between from and to,
// and everything in it, resolution included, happens before by.
type window struct{ from, to, by time.Time }

// convOptions shape one planned conversation.
type convOptions struct {
	win      window // zero: anywhere in the last 90 days
	mediocre bool   // no excellent replies and no supervisor rescue: a contact that went nowhere
}

// conversation plans one thread of scenario sc for customer cust, ending in status st.
func (p *planner) conversation(sc *scenario, cust int, st attune.Status, o convOptions) *convPlan {
	r := p.r
	c := p.ws.customers[cust]
	if st == attune.StatusPending && sc.ask == nil {
		st = attune.StatusResolved // nothing to wait on the customer for
	}
	cp := &convPlan{customer: cust, sc: sc, status: st, team: sc.team, assignee: -1}
	cp.channel = sc.channels[weighted(r, []int{6, 3, 2, 1}[:len(sc.channels)])]
	agent := p.agentFor(sc.team)
	unanswered := st == attune.StatusOpen && chance(r, 0.55)
	if !unanswered || chance(r, 0.25) {
		cp.assignee = agent // an unanswered one may have been picked up already
	}
	draw := func() quality {
		if o.mediocre {
			return quality(1 + r.IntN(2))
		}
		return p.quality(agent)
	}

	var ds []draft
	customers := 0
	say := func(m message, gap time.Duration) {
		customers++
		n, first, ch := customers, len(ds) == 0, string(cp.channel)
		ds = append(ds, draft{step: step{author: attune.AuthorCustomer}, gap: gap, write: func(s slots) string {
			s["nth"] = ordinal(n + 1)
			return customerText(r, m, ch, first, s)
		}})
	}
	answer := func(who int, q quality, round int, end ending, gap time.Duration) {
		ds = append(ds, draft{step: step{author: attune.AuthorAgent, agent: who}, gap: gap, write: func(s slots) string {
			s["agent"] = firstName(agentSpecs[who].name)
			return reply(r, sc, q, round, end, s)
		}})
	}
	replyGap := func(q quality) time.Duration {
		if q == poor {
			return p.between(3*time.Hour, 40*time.Hour)
		}
		return p.between(8*time.Minute, 5*time.Hour)
	}

	say(sc.open, 0)
	var q, worst quality
	if unanswered {
		if chance(r, 0.35) {
			say(or(sc.nudge, genericNudge), p.between(40*time.Minute, 6*time.Hour))
		}
	} else {
		if sc.note != nil && chance(r, 0.3) {
			who := pickOne(r, []int{agent, agent, 1})
			note := sc.note.pick(r)
			if note != "" {
				ds = append(ds, draft{step: step{author: attune.AuthorAgent, agent: who, internal: true}, gap: p.between(3*time.Minute, 50*time.Minute),
					write: func(s slots) string { return s.fill(note) }})
			}
		}
		rounds := 0
		if sc.rounds > 0 {
			rounds = r.IntN(sc.rounds + 1)
		}
		// The last reply sets up what the conversation waits on.
		lastEnd := endNone
		switch st {
		case attune.StatusPending:
			lastEnd = endAsk
		case attune.StatusSnoozed:
			lastEnd = endSnooze
		}
		endAt := func(k int) ending {
			if k == rounds && st != attune.StatusOpen {
				return lastEnd
			}
			return endNone
		}
		q = draw()
		worst = q
		answer(agent, q, 0, endAt(0), replyGap(q))
		for k := 1; k <= rounds; k++ {
			switch {
			case q == poor:
				// A poor reply makes the customer more upset with each message.
				say(or(sc.upset, genericUpsetAgain), p.between(15*time.Minute, 10*time.Hour))
				if k > 1 {
					say(genericUpsetAgain, p.between(2*time.Hour, 20*time.Hour))
				}
			case k == 1:
				say(or(sc.follow, genericFollowAgain), p.between(20*time.Minute, 18*time.Hour))
			default:
				say(genericFollowAgain, p.between(20*time.Minute, 18*time.Hour))
			}
			who := agent
			if q == poor && !o.mediocre && agent != 1 && chance(r, 0.5) {
				// The supervisor spots a conversation going wrong and steps in.
				who, q = 1, excellent
			} else {
				q = draw()
			}
			worst = max(worst, q)
			answer(who, q, k, endAt(k), replyGap(q))
		}
		switch st {
		case attune.StatusOpen:
			// Open means the customer wrote last and is waiting.
			if q == poor {
				say(or(sc.upset, genericUpsetAgain), p.between(15*time.Minute, 8*time.Hour))
			} else {
				say(or(sc.follow, genericFollowAgain), p.between(20*time.Minute, 18*time.Hour))
			}
		case attune.StatusResolved, attune.StatusClosed:
			if q != poor && chance(r, 0.6) {
				say(or(sc.thanks, genericThanks), p.between(20*time.Minute, 26*time.Hour))
			}
			if chance(r, 0.7) {
				cp.satisfaction = rating(r, q, worst)
			}
			if o.mediocre {
				cp.satisfaction = 1 + r.IntN(2)
			}
		}
	}

	tail := p.between(5*time.Minute, 20*time.Hour) // from the last message to resolving it
	cp.steps, tail = p.place(ds, st, tail, o.win)
	last := cp.steps[len(cp.steps)-1].at
	switch st {
	case attune.StatusResolved, attune.StatusClosed:
		cp.resolvedAt = last.Add(tail)
		cp.closedAt = cp.resolvedAt.Add(p.between(48*time.Hour, 7*24*time.Hour))
		if st == attune.StatusResolved || cp.closedAt.After(p.now) {
			// Closing follows a quiet week; until then it stays resolved.
			cp.status = attune.StatusResolved
			cp.closedAt = time.Time{}
		}
	case attune.StatusSnoozed:
		cp.snoozedUntil = p.now.Add(p.between(6*time.Hour, 5*24*time.Hour)).Truncate(time.Minute)
	}

	// Now the dates are known, the words can be written.
	s := p.slots(sc, c, agent, cp.steps[0].at)
	if !cp.snoozedUntil.IsZero() {
		s["snoozeday"] = cp.snoozedUntil.Weekday().String()
	}
	cp.subject = s.fill(sc.subject.pick(r))
	for i, d := range ds {
		cp.steps[i].body = d.write(s)
	}
	if sc.remember != nil && chance(r, 0.8) {
		if f := s.fill(sc.remember.pick(r)); !slices.Contains(c.facts, f) {
			c.facts = append(c.facts, f)
		}
	}
	return cp
}

// rating is the satisfaction a customer gives, from how the last reply and the worst
// one went.
func rating(r *rand.Rand, last, worst quality) int {
	switch {
	case last == poor:
		return 1 + r.IntN(2)
	case worst == poor:
		return 2 + r.IntN(3) // rescued: someone stepped in after a poor reply
	case last == excellent:
		return []int{4, 5, 5, 5}[r.IntN(4)]
	}
	return 3 + r.IntN(2)
}

// place gives the drafts their times. A finished conversation starts anywhere in its
// window; one still being worked ends a while before now, so the queue has customers who
// have waited minutes, hours or days.
func (p *planner) place(ds []draft, st attune.Status, tail time.Duration, win window) ([]step, time.Duration) {
	var total time.Duration
	for _, d := range ds {
		total += d.gap
	}
	if win.from.IsZero() {
		win = window{from: p.now.Add(-span), to: p.now.Add(-6 * time.Hour), by: p.now.Add(-30 * time.Minute)}
	}
	var start time.Time
	switch st {
	case attune.StatusResolved, attune.StatusClosed:
		start = win.from.Add(time.Duration(p.r.Int64N(int64(win.to.Sub(win.from)) + 1)))
		room := win.by.Sub(start)
		if need := total + tail; need > room {
			// Squeeze a thread that would run past its window.
			scale := float64(room) / float64(need)
			for i := range ds {
				ds[i].gap = time.Duration(float64(ds[i].gap) * scale)
			}
			tail = time.Duration(float64(tail) * scale)
		}
	default:
		wait := p.between(6*time.Minute, 30*time.Hour)
		if st != attune.StatusOpen {
			wait = p.between(30*time.Minute, 3*24*time.Hour) // since the agent's last reply
		}
		if st == attune.StatusOpen && chance(p.r, 0.1) {
			wait = p.between(2*24*time.Hour, 5*24*time.Hour) // the one nobody picked up
		}
		start = p.now.Add(-wait - total)
	}
	out := make([]step, len(ds))
	at := start.Truncate(time.Second)
	for i, d := range ds {
		at = at.Add(d.gap).Truncate(time.Second)
		if i > 0 && !at.After(out[i-1].at) {
			at = out[i-1].at.Add(time.Second)
		}
		d.at = at
		out[i] = d.step
	}
	return out, tail
}

// prequels plans the two earlier contacts a repeat-contact scenario follows: the same
// customer, the same problem, each closed without a real fix.
func (p *planner) prequels(cp *convPlan) {
	sc := p.byKey[cp.sc.prequels]
	third := cp.steps[0].at
	earliest := third.Add(-24 * 24 * time.Hour)
	if limit := p.now.Add(-span); earliest.Before(limit) {
		earliest = limit
	}
	w := third.Sub(earliest)
	for i := range 2 {
		from := earliest.Add(w * time.Duration(i) / 2)
		win := window{from: from, to: from.Add(w / 4), by: earliest.Add(w * time.Duration(i+1) / 2)}
		p.ws.convs = append(p.ws.convs, p.conversation(sc, cp.customer, attune.StatusClosed, convOptions{win: win, mediocre: true}))
	}
}

// between returns a duration from lo to hi, evenly spread on a log scale: minutes are as
// likely as hours.
func (p *planner) between(lo, hi time.Duration) time.Duration {
	l, h := math.Log(float64(lo)), math.Log(float64(hi))
	return time.Duration(math.Exp(l + p.r.Float64()*(h-l)))
}

// or is m, or fallback when the scenario leaves m out.
func or[T message | phrase](m, fallback T) T {
	if m == nil {
		return fallback
	}
	return m
}

func firstName(name string) string {
	for i, r := range name {
		if r == ' ' {
			return name[:i]
		}
	}
	return name
}

func ordinal(n int) string {
	words := []string{"zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"}
	if n < len(words) {
		return words[n]
	}
	return fmt.Sprintf("%dth", n)
}
