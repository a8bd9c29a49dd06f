//go:build !race

package demo_test

// raceDetector is true under -race, where SQLite runs many times slower.
const raceDetector = false
