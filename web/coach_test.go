package web_test

import (
	"sync"

	"github.com/attune-desk/attune"
	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/triage"
)

var loadCoach = sync.OnceValues(analysis.NewCoach)

// testCoach is the real empathy coach, loaded once for the page tests and benchmarks.
func testCoach() attune.Coach {
	c, err := loadCoach()
	if err != nil {
		panic("load the empathy coach: " + err.Error())
	}
	return triage.NewCoach(c)
}
