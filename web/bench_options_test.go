package web_test

import "github.com/attune-desk/attune/web/webtest"

// benchOptions is the server the benchmarks run: with the real engines once wired.
func benchOptions() webtest.Options { return webtest.Options{} }
