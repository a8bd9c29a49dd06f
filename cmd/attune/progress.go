package main

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// newProgress returns a progress callback for long work: a bar on a terminal, and a line
// every few seconds otherwise, so logs stay readable.
func newProgress(w io.Writer, what string) (update func(done, total int), finish func()) {
	if isTerminal(w) {
		var bar *progressbar.ProgressBar
		return func(done, total int) {
				if bar == nil {
					bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
						progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(),
						progressbar.OptionThrottle(100*time.Millisecond))
				}
				_ = bar.Set(done)
			}, func() {
				if bar != nil {
					_ = bar.Finish()
				}
			}
	}
	last := time.Time{}
	return func(done, total int) {
		if time.Since(last) > 3*time.Second || done == total {
			last = time.Now()
			fmt.Fprintf(w, "%s: %d of %d\n", what, done, total)
		}
	}, func() {}
}
