package analysis

import (
	"strings"
	"testing"
)

// TestCoachRewritesHaveNoGaps holds every rewrite the coach can offer to words an agent can
// send: the rewrite replaces the flagged phrase in the reply, so a gap to fill in ("…") or a
// note to the agent in brackets would go to the customer as it stands.
func TestCoachRewritesHaveNoGaps(t *testing.T) {
	d, err := coachLoad()
	if err != nil {
		t.Fatal(err)
	}
	bad := func(s string) bool { return strings.Contains(s, "…") || strings.HasPrefix(s, "(") }
	for _, r := range d.flagRules {
		if bad(r.rewrite) {
			t.Errorf("flags.txt %q: rewrite %q", r.pattern, r.rewrite)
		}
	}
	for k, v := range d.tmpl {
		if (strings.HasSuffix(k, ".rewrite") || strings.Contains(k, ".rewrite.") || strings.HasPrefix(k, "plain.")) && bad(v) {
			t.Errorf("templates.txt %s: %q", k, v)
		}
	}
}

// TestCoachEveryFlagKindCosts holds the score to the flags: each kind of flag the coach can
// raise (those in flags.txt, and the tone, jargon and listening flags its code raises) takes
// points off, so a flagged reply never scores as if nothing were wrong.
func TestCoachEveryFlagKindCosts(t *testing.T) {
	d, err := coachLoad()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{"tone": true, "jargon": true, "listening": true}
	for _, r := range d.flagRules {
		kinds[r.kind] = true
	}
	for k := range kinds {
		found := false
		for _, p := range coachPenalties {
			if p.kind == k {
				found = p.each > 0 && p.most >= p.each
			}
		}
		if !found {
			t.Errorf("flag kind %q takes nothing off the score", k)
		}
	}
}
