package attune_test

import (
	"strings"
	"testing"
	"time"

	"github.com/attune-desk/attune"
)

func TestExpandMacro(t *testing.T) {
	v := attune.MacroVars{CustomerName: "Rosa Diaz", CustomerFirstName: "Rosa", AgentName: "Ana Ruiz", AgentFirstName: "Ana", Subject: "Charged twice"}
	for _, c := range []struct{ in, want string }{
		{"Hi {{customer.first_name}}, {{agent.first_name}} here.", "Hi Rosa, Ana here."},
		{"{{ customer.name }} / {{agent.name}} / {{conversation.subject}}", "Rosa Diaz / Ana Ruiz / Charged twice"},
		{"Keep {{unknown.thing}} and {{ half", "Keep {{unknown.thing}} and {{ half"},
		{"no placeholders", "no placeholders"},
		{"{{customer.first_name}}{{customer.first_name}}", "RosaRosa"},
		{"}} {{", "}} {{"},
	} {
		if got := attune.ExpandMacro(c.in, v); got != c.want {
			t.Errorf("ExpandMacro(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// A value holding a placeholder is not expanded again.
	if got := attune.ExpandMacro("{{customer.name}}", attune.MacroVars{CustomerName: "{{agent.name}}", AgentName: "x"}); got != "{{agent.name}}" {
		t.Errorf("expanded twice: %q", got)
	}
}

func TestFollowUpValidate(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		due   time.Time
		note  string
		field string
	}{
		{time.Time{}, "", "due_at"},
		{now.Add(-time.Minute), "", "due_at"},
		{now.Add(400 * 24 * time.Hour), "", "due_at"},
		{now.Add(time.Hour), strings.Repeat("n", 501), "note"},
		{now.Add(time.Hour), "check in", ""},
	} {
		n := attune.NewFollowUp{DueAt: c.due, Note: c.note}
		err := n.Validate(now)
		if got := attune.ErrorFields(err)[c.field]; c.field != "" && got == "" || c.field == "" && err != nil {
			t.Errorf("%v %q: %v", c.due, c.note, err)
		}
	}
	in := attune.MacroInput{Name: "  Hello\x00 ", Body: " Hi\r\nthere "}
	if err := in.Validate(); err != nil || in.Name != "Hello" || in.Body != "Hi\nthere" {
		t.Errorf("macro input cleaned to %+v (%v)", in, err)
	}
}
