//go:build !race

package analysis_test

// raceEnabled is true under the race detector, which allocates on its own account, so
// allocation counts are only checked without it.
const raceEnabled = false
