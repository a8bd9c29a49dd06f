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
