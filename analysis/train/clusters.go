package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"

	"github.com/attune-desk/attune/analysis"
)

// Word clusters learned from the training texts' own words (explore only, through -ngram's
// machinery: kind "clK", e.g. cl256): PPMI over a ±4-word window (context counts smoothed
// by ^0.75), a randomized truncated SVD of it (clusterDim dimensions, singular values
// ^0.5), then spherical k-means. A word's cluster is one more feature beside the word;
// with -ngramvocab only for words with their own row, so it would fold into that row.
var (
	clusterOf   map[string]int // word → cluster (nil: not built)
	clusterMin  int            // words seen at least this many times in train get a cluster
	clusterDim  int
	clusterSeed uint64 = 1
)

func buildClusters(texts []string, k int) {
	tok := func(t string) []string {
		return strings.FieldsFunc(strings.ToLower(t), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r == '\'')
		})
	}
	count := map[string]int{}
	docs := make([][]string, len(texts))
	for i, t := range texts {
		docs[i] = tok(t)
		for _, w := range docs[i] {
			count[w]++
		}
	}
	var vocab []string
	for w, c := range count {
		if c >= clusterMin {
			vocab = append(vocab, w)
		}
	}
	slices.Sort(vocab)
	id := map[string]int{}
	for i, w := range vocab {
		id[w] = i
	}
	V := len(vocab)
	co := make([]map[int32]float64, V)
	for i := range co {
		co[i] = map[int32]float64{}
	}
	const win = 4
	for _, d := range docs {
		for i, w := range d {
			a, ok := id[w]
			if !ok {
				continue
			}
			for j := max(0, i-win); j <= min(len(d)-1, i+win); j++ {
				if j == i {
					continue
				}
				if b, ok := id[d[j]]; ok {
					co[a][int32(b)] += 1 / float64(abs(i-j))
				}
			}
		}
	}
	// PPMI, the context distribution smoothed
	// sums in key order (map order would change the float sums from run to run)
	sorted := make([][]int32, V)
	for a := range co {
		keys := make([]int32, 0, len(co[a]))
		for b := range co[a] {
			keys = append(keys, b)
		}
		slices.Sort(keys)
		sorted[a] = keys
	}
	rowSum := make([]float64, V)
	ctx := make([]float64, V)
	for a := range co {
		for _, b := range sorted[a] {
			c := co[a][b]
			rowSum[a] += c
			ctx[b] += c
		}
	}
	ctxS := make([]float64, V)
	totS := 0.0
	for b := range ctx {
		ctxS[b] = math.Pow(ctx[b], 0.75)
		totS += ctxS[b]
	}
	type ent struct {
		j int32
		v float64
	}
	rows := make([][]ent, V)
	nnz := 0
	for a := range co {
		for _, b := range sorted[a] {
			c := co[a][b]
			pmi := math.Log(c * totS / (rowSum[a] * ctxS[b]))
			if pmi > 0 {
				rows[a] = append(rows[a], ent{b, pmi})
				nnz++
			}
		}
	}
	// randomized SVD: Y = M·Ω, two power iterations, Q = orth(Y), B = Qᵀ·M, eig(B·Bᵀ)
	r := clusterDim + 16
	rng := rand.New(rand.NewPCG(clusterSeed, 99))
	mul := func(X [][]float64) [][]float64 { // M·X, X is V×r
		out := make([][]float64, V)
		for a := range rows {
			o := make([]float64, r)
			for _, e := range rows[a] {
				x := X[e.j]
				for c := range o {
					o[c] += e.v * x[c]
				}
			}
			out[a] = o
		}
		return out
	}
	mulT := func(X [][]float64) [][]float64 { // Mᵀ·X
		out := make([][]float64, V)
		for i := range out {
			out[i] = make([]float64, r)
		}
		for a := range rows {
			x := X[a]
			for _, e := range rows[a] {
				o := out[e.j]
				for c := range o {
					o[c] += e.v * x[c]
				}
			}
		}
		return out
	}
	orth := func(Y [][]float64) {
		for c := 0; c < r; c++ {
			for p := 0; p < c; p++ {
				d := 0.0
				for i := range Y {
					d += Y[i][c] * Y[i][p]
				}
				for i := range Y {
					Y[i][c] -= d * Y[i][p]
				}
			}
			n := 0.0
			for i := range Y {
				n += Y[i][c] * Y[i][c]
			}
			n = math.Sqrt(n) + 1e-12
			for i := range Y {
				Y[i][c] /= n
			}
		}
	}
	Om := make([][]float64, V)
	for i := range Om {
		Om[i] = make([]float64, r)
		for c := range Om[i] {
			Om[i][c] = rng.NormFloat64()
		}
	}
	Y := mul(Om)
	orth(Y)
	for it := 0; it < 2; it++ {
		Z := mulT(Y)
		orth(Z)
		Y = mul(Z)
		orth(Y)
	}
	// Bᵀ = Mᵀ·Q (V×r); B·Bᵀ = (Mᵀ Q)ᵀ (Mᵀ Q), r×r
	Bt := mulT(Y)
	C := make([][]float64, r)
	for a := range C {
		C[a] = make([]float64, r)
	}
	for i := range Bt {
		for a := 0; a < r; a++ {
			for b := a; b < r; b++ {
				C[a][b] += Bt[i][a] * Bt[i][b]
			}
		}
	}
	for a := 0; a < r; a++ {
		for b := 0; b < a; b++ {
			C[a][b] = C[b][a]
		}
	}
	evals, evecs := jacobiEigen(C)
	ord := make([]int, r)
	for i := range ord {
		ord[i] = i
	}
	slices.SortFunc(ord, func(a, b int) int {
		if evals[a] > evals[b] {
			return -1
		}
		if evals[a] < evals[b] {
			return 1
		}
		return a - b
	})
	// word vectors: (Q·U)·S^0.5, S = √eigenvalue; then unit length
	emb := make([][]float64, V)
	for i := range emb {
		v := make([]float64, clusterDim)
		for c := 0; c < clusterDim; c++ {
			e := ord[c]
			s := 0.0
			for a := 0; a < r; a++ {
				s += Y[i][a] * evecs[a][e]
			}
			v[c] = s * math.Pow(max(evals[e], 0), 0.25)
		}
		normalize(v)
		emb[i] = v
	}
	// spherical k-means, k-means++ start
	cent := make([][]float64, 0, k)
	cent = append(cent, slices.Clone(emb[rng.IntN(V)]))
	dist := make([]float64, V)
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	for len(cent) < k {
		last := cent[len(cent)-1]
		tot := 0.0
		for i := range emb {
			d := 1 - dotv(emb[i], last)
			dist[i] = min(dist[i], max(d, 0))
			tot += dist[i]
		}
		x := rng.Float64() * tot
		pick := V - 1
		for i := range dist {
			x -= dist[i]
			if x <= 0 {
				pick = i
				break
			}
		}
		cent = append(cent, slices.Clone(emb[pick]))
	}
	assign := make([]int, V)
	for it := 0; it < 20; it++ {
		changed := 0
		for i := range emb {
			best, bv := 0, -2.0
			for c := range cent {
				if d := dotv(emb[i], cent[c]); d > bv {
					best, bv = c, d
				}
			}
			if assign[i] != best || it == 0 {
				changed++
			}
			assign[i] = best
		}
		for c := range cent {
			clear(cent[c])
		}
		for i := range emb {
			axpy(1, emb[i], cent[assign[i]])
		}
		for c := range cent {
			normalize(cent[c])
		}
		if changed == 0 {
			break
		}
	}
	clusterOf = map[string]int{}
	for i, w := range vocab {
		clusterOf[w] = assign[i]
	}
	fmt.Fprintf(os.Stderr, "word clusters: %d words (seen ≥ %d times), PPMI %d entries, %d dimensions, %d clusters\n", V, clusterMin, nnz, clusterDim, k)
	if verbose {
		// a few clusters, for a look
		by := map[int][]string{}
		for i, w := range vocab {
			if len(by[assign[i]]) < 12 {
				by[assign[i]] = append(by[assign[i]], w)
			}
		}
		for c := 0; c < min(k, 15); c++ {
			fmt.Fprintf(os.Stderr, "  cluster %d: %s\n", c, strings.Join(by[c], " "))
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func dotv(a, b []float64) float64 { return dot(a, b) }

func normalize(v []float64) {
	n := math.Sqrt(dot(v, v)) + 1e-12
	for i := range v {
		v[i] /= n
	}
}

// jacobiEigen is the cyclic Jacobi eigen decomposition of a symmetric matrix: eigenvalues
// and eigenvectors (columns).
func jacobiEigen(A [][]float64) ([]float64, [][]float64) {
	n := len(A)
	a := make([][]float64, n)
	v := make([][]float64, n)
	for i := range a {
		a[i] = slices.Clone(A[i])
		v[i] = make([]float64, n)
		v[i][i] = 1
	}
	for sweep := 0; sweep < 50; sweep++ {
		off := 0.0
		for p := 0; p < n; p++ {
			for q := p + 1; q < n; q++ {
				off += a[p][q] * a[p][q]
			}
		}
		if off < 1e-18 {
			break
		}
		for p := 0; p < n; p++ {
			for q := p + 1; q < n; q++ {
				if math.Abs(a[p][q]) < 1e-15 {
					continue
				}
				theta := (a[q][q] - a[p][p]) / (2 * a[p][q])
				t := 1 / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				if theta < 0 {
					t = -t
				}
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for k := 0; k < n; k++ {
					akp, akq := a[k][p], a[k][q]
					a[k][p] = c*akp - s*akq
					a[k][q] = s*akp + c*akq
				}
				for k := 0; k < n; k++ {
					apk, aqk := a[p][k], a[q][k]
					a[p][k] = c*apk - s*aqk
					a[q][k] = s*apk + c*aqk
				}
				for k := 0; k < n; k++ {
					vkp, vkq := v[k][p], v[k][q]
					v[k][p] = c*vkp - s*vkq
					v[k][q] = s*vkp + c*vkq
				}
			}
		}
	}
	ev := make([]float64, n)
	for i := range ev {
		ev[i] = a[i][i]
	}
	return ev, v
}

var (
	clusterK     int    // -clusters: number of clusters (0 off)
	clusterHeads string // the heads that read them
	// clusterDocs is the training documents with each known word's cluster row
	// (numbered after the features') appended; clusterRow maps a feature row to its
	// cluster's row (−1 none)
	clusterDocs []doc
	clusterRow  []int32
)

func clusterOn(prefix string) bool {
	if clusterK == 0 {
		return false
	}
	name := strings.TrimSuffix(prefix, ":")
	if name == "" {
		name = "emotions"
	}
	for _, h := range strings.Split(clusterHeads, ",") {
		if h == "all" || h == name {
			return true
		}
	}
	return false
}

// setClusterRows gives each plain word with its own row its cluster's row and builds
// clusterDocs. Only words with a row get one, so the cluster's weights fold into the
// word's row exactly (foldClusters) and the file and Analyze are unchanged in kind.
func setClusterRows(keys []uint64, row map[uint64]int32, feats [][]analysis.TrainingFeature, trainDocs []doc) {
	byKey := map[uint64]int{}
	for w, c := range clusterOf {
		byKey[hashWordT(w)] = c
	}
	clusterRow = make([]int32, len(keys))
	n := 0
	for i := range clusterRow {
		clusterRow[i] = -1
	}
	for i := range feats {
		for _, f := range feats[i] {
			if !f.Unigram {
				continue
			}
			if c, ok := byKey[f.Key]; ok {
				if r, ok := row[f.Key]; ok && clusterRow[r] < 0 {
					clusterRow[r] = int32(len(keys) + c)
					n++
				}
			}
		}
	}
	clusterDocs = make([]doc, len(trainDocs))
	for i, d := range trainDocs {
		cd := d
		cd.rows = slices.Clip(slices.Clone(d.rows))
		for _, r := range d.rows {
			if c := clusterRow[r]; c >= 0 {
				cd.rows = append(cd.rows, c)
			}
		}
		clusterDocs[i] = cd
	}
	fmt.Fprintf(os.Stderr, "word clusters: %d of %d feature rows are words with a cluster\n", n, len(keys))
}

// foldClusters adds each cluster's weights into its words' rows and drops the cluster rows.
func foldClusters(w []float32, k int) []float32 {
	nF := len(clusterRow)
	out := slices.Clone(w[:nF*k])
	for r, c := range clusterRow {
		if c < 0 {
			continue
		}
		for o := 0; o < k; o++ {
			out[r*k+o] += w[int(c)*k+o]
		}
	}
	return out
}
