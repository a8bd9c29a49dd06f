//go:build !amd64 || purego

package analysis

// sumRows adds the rows of w that start at the given offsets into acc.
func sumRows(acc []float32, w []float32, rows []int32) { sumRowsGo(acc, w, rows) }
