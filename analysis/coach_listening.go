package analysis

import (
	"fmt"
	"strings"
)

// Listening: a reply that asks the customer to do what they said they had already done
// ("I've restarted the router twice" → "Have you tried restarting the router?") tells them
// their message was not read. The coach finds the troubleshooting steps a customer reports
// as done and flags a draft that suggests one of them again without saying it knows.

// coachSteps are the steps the coach knows; each has [tried_<step>] and [suggest_<step>]
// in cues.txt and step.<step> in templates.txt.
var coachSteps = [...]string{"restart", "reset", "reinstall", "cache", "spam", "update", "signout", "cables"}

// coachStep is one step's phrase lists and its name in the coach's sentences.
type coachStep struct {
	tried, suggest *coachPhrases
	name           string // "restarting it"
}

// loadSteps finds each step's lists and name, after cues.txt and templates.txt are read.
func (d *coachData) loadSteps() error {
	for i, s := range coachSteps {
		st := coachStep{tried: d.lists["tried_"+s], suggest: d.lists["suggest_"+s], name: d.tmpl["step."+s]}
		if st.tried == nil || st.suggest == nil || st.name == "" {
			return fmt.Errorf("coach data: the step %q needs [tried_%s] and [suggest_%s] in cues.txt and step.%s in templates.txt", s, s, s, s)
		}
		d.steps[i] = st
	}
	return nil
}

// triedSteps returns, one bit per step of coachSteps, the steps the customer says they
// have already taken in any of their messages.
func (c *Coach) triedSteps(r *coachReading) uint32 {
	var done uint32
	var buf [8]coachMatch
	for k := range r.all {
		t := &r.all[k]
		for si := range c.d.steps {
			if done&(1<<si) != 0 {
				continue
			}
			for _, m := range c.d.steps[si].tried.match(t, buf[:0]) {
				if coachSaysDone(t, m) {
					done |= 1 << si
					break
				}
			}
		}
	}
	return done
}

// coachSaysDone reports whether a [tried_…] phrase says the customer did it: in a statement,
// with "I" or "we" before it in its sentence and no negation in the three words before it
// ("I've already restarted it", not "I haven't restarted it yet", "Should I reboot it?" or
// "it rebooted itself overnight").
func coachSaysDone(t *coachText, m coachMatch) bool {
	s := t.sentenceOf(m.t0)
	if s.question {
		return false
	}
	subject := false
	for i := s.tok0; i < m.t0; i++ {
		switch t.toks[i].w {
		case "i", "we":
			subject = true
		case "not", "never", "cannot", "no":
			if m.t0-i <= 3 {
				return false
			}
		}
	}
	return subject
}

// flagRepeatedSteps flags each sentence of the draft that asks the customer to take a step
// they have already taken, and reports whether it found one. A sentence that shows it knows
// ("you've already restarted it", "could you restart it once more") is not flagged, nor is
// the agent's own action ("I'll restart your line from here").
func (v *coachReview) flagRepeatedSteps() bool {
	done := v.r.tried
	if done == 0 {
		return false
	}
	d := v.c.d
	t := v.t
	found := false
	var buf [8]coachMatch
	for si := range d.steps {
		if done&(1<<si) == 0 {
			continue
		}
		st := &d.steps[si]
		for _, m := range st.suggest.match(t, buf[:0]) {
			s := t.sentenceOf(m.t0)
			if !coachAsksCustomer(t, s, m) || coachKnowsTried(t, s, m) {
				continue
			}
			v.addFlag("listening", v.spanSent(s),
				strings.ReplaceAll(d.t("flag.tried.reason"), "{step}", st.name),
				strings.ReplaceAll(d.t("flag.tried.rewrite"), "{step}", st.name))
			found = true
			break // one flag per step
		}
	}
	return found
}

// coachAsksCustomer reports whether the step at m is asked of the customer: the sentence
// opens with it ("Restart the router", "Please try rebooting it") or puts "you" before it
// ("Have you tried…", "Could you…", "You might want to…"), and neither "I" nor "we" is the
// nearer subject ("I'll reboot your hub from here").
func coachAsksCustomer(t *coachText, s coachSentence, m coachMatch) bool {
	asked := true
	for i := m.t0 - 1; i >= s.tok0; i-- {
		switch t.toks[i].w {
		case "please", "just", "first", "try", "also", "then", "now", "quickly", "and", "so", "to", "tried", "trying", "can", "could", "would", "will", "mind", "maybe", "perhaps", "kindly":
			continue
		case "you", "your":
			return true
		case "i", "we", "me", "us":
			return false
		default:
			asked = false
		}
	}
	return asked
}

// coachKnowsTried reports whether a sentence shows the writer knows the step at m was taken:
// "already", "you mentioned", "once more", "again" just after the step ("restart it
// again", not "…and try again"), or, in a statement, "you tried" ("Have you tried
// restarting it?" asks instead).
func coachKnowsTried(t *coachText, s coachSentence, m coachMatch) bool {
	for i := s.tok0; i < s.tok1; i++ {
		switch t.toks[i].w {
		case "already", "mentioned", "said":
			return true
		case "again":
			if i >= m.t1 && i <= m.t1+2 && t.toks[i-1].w != "try" {
				return true
			}
		case "tried", "did", "done":
			if !s.question {
				return true
			}
		case "once", "one":
			if i+1 < s.tok1 && (t.toks[i+1].w == "more" || t.toks[i+1].w == "last") {
				return true
			}
		}
	}
	return false
}
