package storetest

import (
	"context"
	"testing"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/triage"
)

func testReanalyze(t *testing.T, s Services) {
	ctx := context.Background()
	c, err := s.Conversations.CreateConversation(ctx, attune.NewConversation{Customer: attune.CustomerInput{Email: ptr("again@example.com")},
		Message: "first", Analysis: analysis("angry", 0.9, -0.9)}, attune.SystemActor())
	if err != nil {
		t.Fatal(err)
	}
	var a attune.Analyzer = triage.NeutralAnalyzer{}
	if n, err := s.Conversations.StaleAnalyses(ctx, a.Version()); err != nil || n == 0 {
		t.Fatalf("before reanalyze: %d stale analyses, %v; want some", n, err)
	}
	calls := 0
	res, err := s.Conversations.Reanalyze(ctx, a, false, func(done, total int) { calls++ })
	if err != nil || res.Messages == 0 || calls == 0 {
		t.Fatalf("reanalyze: %+v %v (progress calls %d)", res, err, calls)
	}
	got, err := s.Conversations.Conversation(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Mood != "neutral" || got.Messages[0].Analysis.Model != "neutral" {
		t.Fatalf("after reanalyze: mood %q model %q", got.Mood, got.Messages[0].Analysis.Model)
	}
	cu, _ := s.Customers.Customer(ctx, c.CustomerID)
	if cu.Stats.AverageSentiment == nil || *cu.Stats.AverageSentiment != 0 {
		t.Fatalf("customer average = %v", cu.Stats.AverageSentiment)
	}
	if n, err := s.Conversations.StaleAnalyses(ctx, a.Version()); err != nil || n != 0 {
		t.Fatalf("after reanalyze: %d stale analyses, %v; want none", n, err)
	}
	if n, err := s.Conversations.StaleAnalyses(ctx, `a model "with quotes", 100% _odd_`); err != nil || n == 0 {
		t.Fatalf("for another model: %d stale analyses, %v; want some", n, err)
	}
	res, err = s.Conversations.Reanalyze(ctx, a, false, nil)
	if err != nil || res.Messages != 0 {
		t.Fatalf("a second run should skip messages read by this model: %+v %v", res, err)
	}
	res, err = s.Conversations.Reanalyze(ctx, a, true, nil)
	if err != nil || res.Messages == 0 {
		t.Fatalf("--all should redo everything: %+v %v", res, err)
	}
}
