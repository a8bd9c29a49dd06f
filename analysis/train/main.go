// Command train fits the emotion engine's weights on GoEmotions train.tsv and writes the
// embedded weight file analysis/data/model.bin. It is deterministic: the same data and
// flags give the same file, byte for byte.
//
//	go run ./analysis/train -data ../shared/data/eval/goemotions -out analysis/data/model.bin
//
// The model is linear over the features the engine extracts (words, negated words,
// bigrams, punctuation, capitals, lexicon valence and Empath tags), with three softmax
// heads: the 28 GoEmotions labels, the Ekman-7 groups and the sentiment-4 groups (the
// groups come from ekman_mapping.json and sentiment_dict.json applied to train.tsv's
// labels). Each head is the average of several AdaGrad runs with different shuffles. A
// hidden layer of 16 units over the three heads' scores, fitted on out-of-fold scores of
// train.tsv (stack.go), adds to the Ekman and sentiment-4 scores. Per-output thresholds
// are tuned on dev.tsv; test.tsv is never read.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/attune-desk/attune/analysis"
	"github.com/attune-desk/attune/eval"
)

// Flags read outside main (see main for what each does).
var (
	balance          float64
	verbose, explore bool
	holdout          int
	smooth           int
	l2Sent, l2Ekman  float64
)

// headL2 is the L2 penalty of a head: the sentiment-4 and Ekman heads may have their own.
func headL2(prefix string, l2 float64) float64 {
	if prefix == "sentiment:" && l2Sent >= 0 {
		return l2Sent
	}
	if prefix == "ekman:" && l2Ekman >= 0 {
		return l2Ekman
	}
	return l2
}

type doc struct {
	rows   []int32
	scale  float32
	labels uint32
}

func main() {
	dataDir := flag.String("data", "../shared/data/eval/goemotions", "the GoEmotions folder (original/train.tsv, original/dev.tsv and the mapping files)")
	out := flag.String("out", "analysis/data/model.bin", "where to write the weights")
	epochs := flag.Int("epochs", 12, "passes over the training set")
	lr := flag.Float64("lr", 0.1, "AdaGrad learning rate")
	l2 := flag.Float64("l2", 3e-3, "L2 penalty per update (the 28-label and Ekman heads)")
	minDF := flag.Int("mindf", 2, "keep features seen in at least this many training texts")
	seed := flag.Uint64("seed", 1, "shuffle seed")
	flag.IntVar(&smooth, "smooth", 3, "choose thresholds by F1 averaged over this many grid points either side")
	flag.Float64Var(&l2Sent, "l2sent", 1e-4, "L2 penalty of the sentiment-4 head (-1: the same as -l2)")
	flag.Float64Var(&l2Ekman, "l2ekman", -1, "L2 penalty of the Ekman head (-1: the same as -l2)")
	flag.IntVar(&holdout, "holdout", 0, "set every k-th training text aside and score the heads on them (for measuring; 0 off)")
	flag.BoolVar(&verbose, "v", false, "print each output's dev F1")
	flag.BoolVar(&explore, "explore", false, "try other decision rules for the group heads (prints figures only)")
	flag.Float64Var(&balance, "balance", 0, "class balance: weight examples by label frequency^-balance (0 off, 1 inverse frequency)")
	flag.Float64Var(&avgFrom, "avg", 0, "average the weights after each epoch from this fraction of the epochs on (0 off)")
	flag.Float64Var(&labelSmooth, "labelsmooth", 0, "mix each target with the uniform distribution by this much")
	flag.Float64Var(&nbAlpha, "nb", 0, "explore: NB-SVM feature scaling, the smoothing of the naive-Bayes counts (0 off)")
	flag.Float64Var(&nbFloor, "nbfloor", 0, "explore: NB-SVM scaling, added to each normalised |log-count ratio|")
	flag.StringVar(&nbHeads, "nbheads", "all", "explore: NB-SVM scaling on which heads (all, or a comma list of emotions, ekman, sentiment)")
	flag.StringVar(&nbMix, "nbmix", "", "explore: comma list of weights for mixing naive-Bayes log-probabilities into each head (figures only)")
	flag.IntVar(&mlpHidden, "mlp", 0, "explore: train a hidden-layer member of this many units and mix it with the linear heads (figures only; 0 off)")
	flag.Float64Var(&mlpDrop, "mlpdrop", 0.5, "explore: the hidden-layer member's input dropout")
	flag.IntVar(&mlpRuns, "mlpruns", 3, "explore: hidden-layer runs averaged")
	flag.IntVar(&mlpEpochs, "mlpepochs", 20, "explore: hidden-layer epochs at most (early stopping on every tenth training text)")
	flag.Float64Var(&mlpLR, "mlplr", 0.05, "explore: hidden-layer AdaGrad learning rate")
	flag.Float64Var(&mlpL2, "mlpl2", 1e-5, "explore: hidden-layer L2 per update")
	flag.StringVar(&ngramKinds, "ngram", "", "explore: letters of words as extra features, a comma list of sfx3, sfx4 (last letters), cg3, cg4, cg5 (n-grams of \"<word>\"), clK (the word's cluster of K, see -clusters); figures only, writes no file")
	flag.StringVar(&ngramHeads, "ngramheads", "ekman", "explore: the heads that read -ngram's features (all, or a comma list of emotions, ekman, sentiment)")
	flag.BoolVar(&ngramVocab, "ngramvocab", false, "explore: -ngram only for words with their own row")
	flag.BoolVar(&ngramOOV, "ngramoov", false, "explore: -ngram only for words without their own row")
	flag.IntVar(&stackHidden, "stack", 16, "a hidden layer of this many units over the heads' scores, added to the Ekman and sentiment-4 heads' (0 off; 16 has an AVX kernel)")
	flag.IntVar(&stackReps, "stackreps", 1, "fit the stacked layer this many times from different starts and average them (one layer of -stack × this many units; the engine's kernel has 16 units, others run its Go loop)")
	flag.StringVar(&stackTry, "stacktry", "", "explore: a comma list of other stacked layers to fit on the same out-of-fold scores (16, 32, 16*2: two of 16 averaged); figures only")
	flag.IntVar(&stackTrySeeds, "stacktryseeds", 1, "explore: fit each -stacktry layer from this many starts (figures of each and their mean)")
	flag.IntVar(&stackFolds, "stackfolds", 4, "the stacked layer learns from out-of-fold scores of this many fold models")
	flag.IntVar(&stackEpochs, "stackepochs", 30, "the stacked layer's epochs (the best on every tenth training text is kept)")
	flag.Float64Var(&stackL2, "stackl2", 1e-4, "the stacked layer's L2 per update")
	flag.Float64Var(&ordSmooth, "ordsmooth", 0, "explore: move this share of each sentiment-4 target to its ordinal neighbours (0 off)")
	flag.StringVar(&lbfgsSpec, "lbfgs", "", "explore: fit these heads by full-batch L-BFGS to the L2-regularised optimum, a comma list of head=λ (emotions, ekman, sentiment; with -lbfgssweep λ only names the head); measured in the sixth round, not shipped")
	flag.Float64Var(&lbfgsDF, "lbfgsdf", 0, "explore: -lbfgs: each feature's penalty λ·(df/mean df)^this (0 uniform, 1 in proportion to its frequency)")
	flag.IntVar(&lbfgsIters, "lbfgsiters", 300, "explore: -lbfgs: iterations at most")
	flag.StringVar(&lbfgsSweep, "lbfgssweep", "", "explore: comma list of λ (largest first) fitted by L-BFGS for each -lbfgs head, warm-started; linear figures only, writes no file")
	flag.Float64Var(&multiW, "multiw", 0, "explore: weight a text by (its number of outputs in the head)^-this (0 off; heads in -targetheads)")
	flag.BoolVar(&targetCount, "targetcount", false, "explore: a group head's target in proportion to the text's 28 labels in each group, not even over its groups (heads in -targetheads)")
	flag.StringVar(&targetHeads, "targetheads", "ekman", "explore: the heads -multiw and -targetcount apply to (all, or a comma list of emotions, ekman, sentiment)")
	flag.IntVar(&clusterMin, "clustermin", 5, "explore: -clusters and -ngram clK: words seen this many times in train get a cluster")
	flag.IntVar(&clusterDim, "clusterdim", 64, "explore: -clusters and -ngram clK: dimensions of the PPMI-SVD word vectors")
	flag.IntVar(&clusterK, "clusters", 0, "explore: word clusters learned from train.tsv's words (PPMI-SVD, k-means) as extra word-alone features of this many clusters, folded into each known word's row, so the file is of the usual kind (0 off; measured in the sixth round, not shipped)")
	flag.StringVar(&clusterHeads, "clusterheads", "all", "explore: the heads that read -clusters (all, or a comma list of emotions, ekman, sentiment)")
	flag.Uint64Var(&clusterSeed, "clusterseed", 1, "explore: the seed of -clusters' random projection and k-means start")
	flag.Float64Var(&stackBalance, "stackbalance", 0, "explore: the stacked layer's loss weights an example by (class frequency)^-this, per head in -stackbalanceheads (0 off)")
	flag.StringVar(&stackBalanceHeads, "stackbalanceheads", "sentiment", "explore: the heads -stackbalance applies to (all, or a comma list of ekman, sentiment)")
	flag.StringVar(&posFeat, "posfeat", "", "explore: position features and longer n-grams as extra features of every head, a comma list of first, first2, sfirst, sfirst2, last, lastp, tri, skip (see position.go); figures only, writes no file (measured in the ninth round)")
	flag.BoolVar(&posNoScale, "posnoscale", false, "explore: -posfeat's features do not count in the text's 1/√n scale")
	flag.IntVar(&posMinDF, "posmindf", 2, "explore: -posfeat features kept when seen in at least this many training texts")
	flag.StringVar(&sentPool, "sentpool", "", "explore: the stacked layer also reads the largest (max) and/or smallest (min) of each linear score over the text's sentences, a comma list; figures only, writes no file (measured in the ninth round)")
	flag.Float64Var(&featDrop, "featdrop", 0, "explore: dropout on the linear heads' inputs, the probability of dropping each feature of a text at each visit (0 off)")
	flag.IntVar(&ensemble, "ensemble", 4, "average the weights of this many runs with different shuffles")
	flag.Parse()
	if err := run(*dataDir, *out, *epochs, *lr, *l2, *minDF, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

type example struct {
	text   string
	labels uint32
}

func readTSV(path string) ([]example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) < 2 {
			continue
		}
		var ls uint32
		for _, l := range strings.Split(parts[1], ",") {
			n, err := strconv.Atoi(strings.TrimSpace(l))
			if err != nil || n < 0 || n >= analysis.NumLabels {
				return nil, fmt.Errorf("%s: bad label %q", path, l)
			}
			ls |= 1 << n
		}
		out = append(out, example{parts[0], ls})
	}
	return out, sc.Err()
}

// head is one softmax head: its outputs, how a text's labels map onto them, and the
// trained weights.
type head struct {
	prefix string
	names  []string
	m      [analysis.NumLabels]uint32
	w, b   []float32
	thr    []float64
	target func(d *doc, y []float32) float32 // the training target (and example weight)
	// dev and set-aside probabilities and gold sets, for -explore
	devP, heldP [][]float64
	devG, heldG []uint32
}

func run(dataDir, out string, epochs int, lr, l2 float64, minDF int, seed uint64) error {
	e, err := analysis.New()
	if err != nil {
		return err
	}
	train, err := readTSV(filepath.Join(dataDir, "original", "train.tsv"))
	if err != nil {
		return err
	}
	dev, err := readTSV(filepath.Join(dataDir, "original", "dev.tsv"))
	if err != nil {
		return err
	}
	// -holdout k sets every k-th training text aside, never trained on, to score the
	// finished heads on text that neither the weights nor the thresholds have seen
	var held []example
	if holdout > 0 {
		var keep []example
		for i, ex := range train {
			if i%holdout == holdout-1 {
				held = append(held, ex)
			} else {
				keep = append(keep, ex)
			}
		}
		train = keep
	}
	var ident [analysis.NumLabels]uint32
	for l := range ident {
		ident[l] = 1 << l
	}
	heads := []*head{
		{prefix: "", names: analysis.EmotionLabels(), m: ident},
		{prefix: "ekman:", names: analysis.EkmanLabels()},
		{prefix: "sentiment:", names: analysis.PolarityLabels()},
	}
	if heads[1].m, err = eval.ReadGroupMapping(filepath.Join(dataDir, "ekman_mapping.json"), heads[1].names); err != nil {
		return err
	}
	if heads[2].m, err = eval.ReadGroupMapping(filepath.Join(dataDir, "sentiment_dict.json"), heads[2].names); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "train %d, dev %d texts\n", len(train), len(dev))

	// vocabulary: features in at least minDF training texts, in key order
	type info struct {
		df  int
		uni bool
		// a plain word's prefix, from its plain-ASCII occurrences: 0 unknown, 1 none,
		// 2 the hash in prefix, 3 occurrences disagree (left unknown)
		prefState int
		prefix    uint64
	}
	feats := make([][]analysis.TrainingFeature, len(train))
	vocab := map[uint64]*info{}
	var buf []analysis.TrainingFeature
	for i, ex := range train {
		buf = e.TrainingFeatures(ex.text, buf[:0])
		feats[i] = slices.Clone(buf)
		seen := map[uint64]bool{}
		for _, f := range buf {
			in := vocab[f.Key]
			if in == nil {
				in = &info{uni: f.Unigram}
				vocab[f.Key] = in
			}
			if f.Unigram && f.PrefixKnown {
				st := 1
				if f.Prefix != 0 {
					st = 2
				}
				switch {
				case in.prefState == 0:
					in.prefState, in.prefix = st, f.Prefix
				case in.prefState != 3 && (in.prefState != st || in.prefix != f.Prefix):
					in.prefState = 3
				}
			}
			if seen[f.Key] {
				continue
			}
			seen[f.Key] = true
			in.df++
		}
	}
	var keys []uint64
	for k, in := range vocab {
		if in.df >= minDF {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	row := make(map[uint64]int32, len(keys))
	for i, k := range keys {
		row[k] = int32(i)
	}
	toDoc := func(fs []analysis.TrainingFeature, labels uint32) doc {
		// the engine divides by √(all features), known to the model or not
		d := doc{labels: labels, scale: float32(1 / math.Sqrt(float64(max(len(fs), 1))))}
		for _, f := range fs {
			if r, ok := row[f.Key]; ok {
				d.rows = append(d.rows, r)
			}
		}
		return d
	}
	trainDocs := make([]doc, len(train))
	for i, ex := range train {
		trainDocs[i] = toDoc(feats[i], ex.labels)
	}
	devDocs := make([]doc, len(dev))
	for i, ex := range dev {
		devDocs[i] = toDoc(e.TrainingFeatures(ex.text, nil), ex.labels)
	}
	fmt.Fprintf(os.Stderr, "%d features (df ≥ %d)\n", len(keys), minDF)
	heldDocs := make([]doc, len(held))
	for i, ex := range held {
		heldDocs[i] = toDoc(e.TrainingFeatures(ex.text, nil), ex.labels)
	}

	nExtra := 0 // -posfeat's rows, after the engine's features
	if posFeat != "" {
		var tt, dt, ht []string
		for _, ex := range train {
			tt = append(tt, ex.text)
		}
		for _, ex := range dev {
			dt = append(dt, ex.text)
		}
		for _, ex := range held {
			ht = append(ht, ex.text)
		}
		tr, dv, hd, trN, dvN, hdN, n := posRows(tt, dt, ht, len(keys))
		add := func(docs []doc, rows [][]int32, cnt []int) {
			for i := range docs {
				n0 := math.Round(1 / (float64(docs[i].scale) * float64(docs[i].scale)))
				docs[i].rows = append(slices.Clip(docs[i].rows), rows[i]...)
				if !posNoScale {
					docs[i].scale = float32(1 / math.Sqrt(n0+float64(cnt[i])))
				}
			}
		}
		add(trainDocs, tr, trN)
		add(devDocs, dv, dvN)
		add(heldDocs, hd, hdN)
		nExtra = n
	}
	if sentPool != "" {
		sentPools = strings.Split(sentPool, ",")
		sentDocs := func(exs []example) [][]doc {
			out := make([][]doc, len(exs))
			multi := 0
			for i, ex := range exs {
				for _, st := range sentences(ex.text) {
					fs := e.TrainingFeatures(st, nil)
					out[i] = append(out[i], toDoc(fs[:len(fs)-1], 0)) // without the length bucket, always last
				}
				if out[i] != nil {
					multi++
				}
			}
			fmt.Fprintf(os.Stderr, "  -sentpool: %d of %d texts have more than one sentence\n", multi, len(exs))
			return out
		}
		sentTrain, sentDev, sentHeld = sentDocs(train), sentDocs(dev), sentDocs(held)
	}

	if clusterK > 0 {
		var tt []string
		for _, ex := range train {
			tt = append(tt, ex.text)
		}
		buildClusters(tt, clusterK)
		setClusterRows(keys, row, feats, trainDocs)
	}

	all := make([]int, len(devDocs))
	var even, odd []int
	for i := range devDocs {
		all[i] = i
		if i%2 == 0 {
			even = append(even, i)
		} else {
			odd = append(odd, i)
		}
	}
	var ngTrain, ngDev, ngHeld [][]int32
	nGram := 0
	if ngramKinds != "" {
		words := map[uint64]string{}
		var texts []string
		uni := func(fs []analysis.TrainingFeature) []uint64 {
			var out []uint64
			for _, f := range fs {
				if f.Unigram {
					out = append(out, f.Key)
				}
			}
			return out
		}
		var tk, dk, hk [][]uint64
		for i, ex := range train {
			texts = append(texts, ex.text)
			tk = append(tk, uni(feats[i]))
		}
		for _, ex := range dev {
			texts = append(texts, ex.text)
			dk = append(dk, uni(e.TrainingFeatures(ex.text, nil)))
		}
		for _, ex := range held {
			texts = append(texts, ex.text)
			hk = append(hk, uni(e.TrainingFeatures(ex.text, nil)))
		}
		wordStrings(texts, words)
		for _, kind := range strings.Split(ngramKinds, ",") {
			if n, err := strconv.Atoi(strings.TrimPrefix(kind, "cl")); strings.HasPrefix(kind, "cl") && err == nil {
				var tt []string
				for _, ex := range train {
					tt = append(tt, ex.text)
				}
				buildClusters(tt, n)
			}
		}
		ngTrain, ngDev, ngHeld, nGram = ngramRows(words, func(k uint64) bool { _, ok := row[k]; return ok }, tk, dk, hk, len(keys), minDF)
	}
	withNgrams := func(docs []doc, extra [][]int32) []doc {
		out := make([]doc, len(docs))
		for i, d := range docs {
			out[i] = d
			out[i].rows = append(slices.Clip(d.rows), extra[i]...)
		}
		return out
	}
	allTrain, allDev, allHeld := trainDocs, devDocs, heldDocs
	for _, h := range heads {
		k := len(h.names)
		nFeat := len(keys) + nExtra
		trainDocs, devDocs, heldDocs := allTrain, allDev, allHeld
		if ngramOn(h.prefix) {
			trainDocs, devDocs, heldDocs = withNgrams(allTrain, ngTrain), withNgrams(allDev, ngDev), withNgrams(allHeld, ngHeld)
			nFeat += nGram
		}
		// class balance: an example's weight is the mean of freq^-balance over its
		// outputs, normalised so the average weight over the training set is 1
		freq := make([]float64, k)
		for i := range trainDocs {
			set := eval.MapLabels(trainDocs[i].labels, h.m)
			for o := 0; o < k; o++ {
				if set&(1<<o) != 0 {
					freq[o]++
				}
			}
		}
		cw := make([]float64, k)
		for o := range cw {
			cw[o] = math.Pow(max(freq[o], 1)/float64(len(trainDocs)), -balance)
		}
		exW := func(set uint32) float64 {
			s, n := 0.0, 0
			for o := 0; o < k; o++ {
				if set&(1<<o) != 0 {
					s += cw[o]
					n++
				}
			}
			return s / float64(max(n, 1))
		}
		norm := 0.0
		for i := range trainDocs {
			norm += exW(eval.MapLabels(trainDocs[i].labels, h.m))
		}
		norm /= float64(len(trainDocs))
		targetFn := func(d *doc, y []float32) float32 {
			set := eval.MapLabels(d.labels, h.m)
			n := 0
			for o := range y {
				y[o] = 0
				if set&(1<<o) != 0 {
					n++
				}
			}
			for o := range y {
				if set&(1<<o) != 0 {
					y[o] = 1 / float32(n)
				}
			}
			if ordSmooth > 0 && h.prefix == "sentiment:" {
				ordinalSmooth(y)
			}
			if !targetsOn(h.prefix) {
				return float32(exW(set) / norm)
			}
			return float32(exW(set)/norm) * shapeTarget(d.labels, h.m, n, y)
		}
		h.target = targetFn
		if lbfgsSweep != "" {
			// figures only: the sweep's heads, the others skipped
			if lbfgsL2(h.prefix) > 0 {
				sweepLBFGS(h, trainDocs, devDocs, heldDocs, nFeat, k, targetFn, all, odd, even)
			}
			continue
		}
		fitDocs, fitFeat := trainDocs, nFeat
		if clusterOn(h.prefix) {
			// the word clusters' rows after the features'; folded into the words' rows below
			fitDocs, fitFeat = clusterDocs, nFeat+clusterK
		}
		if lam := lbfgsL2(h.prefix); lam > 0 {
			h.w, h.b, _ = fitLBFGS(fitDocs, fitFeat, k, targetFn, lam, lbfgsIters, nil, nil)
		} else {
			h.w, h.b = fitSoftmax(fitDocs, fitFeat, k, targetFn, epochs, lr, headL2(h.prefix, l2), seed, nbScales(fitDocs, fitFeat, k, func(d *doc) uint32 { return eval.MapLabels(d.labels, h.m) }, h.prefix))
		}
		if clusterOn(h.prefix) {
			h.w = foldClusters(h.w, k)
		}
		if nbMix != "" {
			exploreNBMix(h, trainDocs, devDocs, heldDocs, nFeat, k)
		}
		probs := make([][]float64, len(devDocs))
		gold := make([]uint32, len(devDocs))
		for i := range devDocs {
			probs[i] = make([]float64, k)
			softmaxProbs(&devDocs[i], h.w, h.b, k, probs[i])
			gold[i] = eval.MapLabels(devDocs[i].labels, h.m)
		}
		h.thr = tune(probs, gold, all)
		h.devP, h.devG = probs, gold
		f := macroF1(probs, gold, all, h.thr)
		if verbose {
			perOutput(probs, gold, all, h.thr, h.names)
		}
		cv := (macroF1(probs, gold, odd, tune(probs, gold, even)) + macroF1(probs, gold, even, tune(probs, gold, odd))) / 2
		name := strings.TrimSuffix(h.prefix, ":")
		if name == "" {
			name = "emotions"
			// the 28-label set mapped onto the groups, for comparison with the heads
			for _, g := range heads[1:] {
				fm := macroMapped(probs, devDocs, all, h.thr, g.m, len(g.names))
				fmt.Fprintf(os.Stderr, "  label set mapped to %s: macro-F1 %.3f\n", g.prefix, fm)
			}
		}
		fmt.Fprintf(os.Stderr, "%s head (%d outputs): dev macro-F1 %.3f with thresholds tuned on dev; %.3f tuned on one half, scored on the other\n", name, k, f, cv)
		if len(heldDocs) > 0 {
			hp := make([][]float64, len(heldDocs))
			hg := make([]uint32, len(heldDocs))
			hi := make([]int, len(heldDocs))
			for i := range heldDocs {
				hp[i] = make([]float64, k)
				softmaxProbs(&heldDocs[i], h.w, h.b, k, hp[i])
				hg[i] = eval.MapLabels(heldDocs[i].labels, h.m)
				hi[i] = i
			}
			fmt.Fprintf(os.Stderr, "  %s head on %d held-out training texts (thresholds from dev): macro-F1 %.3f\n", name, len(heldDocs), macroF1(hp, hg, hi, h.thr))
			h.heldP, h.heldG = hp, hg
		}
	}

	trainDocs, devDocs, heldDocs = allTrain, allDev, allHeld
	if lbfgsSweep != "" {
		fmt.Fprintln(os.Stderr, "-lbfgssweep: figures only, no weight file written")
		return nil
	}
	if mlpHidden > 0 {
		exploreMLP(trainDocs, devDocs, heldDocs, len(keys), heads)
	}
	var stack *stacker
	if stackHidden > 0 {
		stack = trainStack(trainDocs, heads, func(h *head, docs []doc) ([]float32, []float32) {
			fit := fitSoftmax
			if lam := lbfgsL2(h.prefix); lam > 0 {
				fit = func(docs []doc, nFeat, k int, target func(d *doc, y []float32) float32, _ int, _, _ float64, _ uint64, _ []float32) ([]float32, []float32) {
					w, b, _ := fitLBFGS(docs, nFeat, k, target, lam, lbfgsIters, nil, nil)
					return w, b
				}
			}
			nF := len(keys) + nExtra
			if clusterOn(h.prefix) {
				nF += clusterK
			}
			if targetsOn(h.prefix) {
				return fit(docs, nF, len(h.names), h.target, epochs, lr, headL2(h.prefix, l2), seed, nil)
			}
			return fit(docs, nF, len(h.names), func(d *doc, y []float32) float32 {
				set := eval.MapLabels(d.labels, h.m)
				n := 0
				for o := range y {
					y[o] = 0
					if set&(1<<o) != 0 {
						n++
					}
				}
				for o := range y {
					if set&(1<<o) != 0 {
						y[o] = 1 / float32(n)
					}
				}
				return 1
			}, epochs, lr, headL2(h.prefix, l2), seed, nil)
		})
		devZ, heldZ := fullInputs(devDocs, sentDev, heads), fullInputs(heldDocs, sentHeld, heads)
		tryStacks(stack, trainDocs, devZ, heldZ, heads, odd, even)
		for hd, h := range heads {
			if stack.off[hd] < stack.first {
				continue
			}
			probs := stack.probs(devZ, hd)
			h.thr = tune(probs, h.devG, all)
			h.devP = probs
			if verbose {
				perOutput(probs, h.devG, all, h.thr, h.names)
			}
			cv := (macroF1(probs, h.devG, odd, tune(probs, h.devG, even)) + macroF1(probs, h.devG, even, tune(probs, h.devG, odd))) / 2
			name := strings.TrimSuffix(h.prefix, ":")
			fmt.Fprintf(os.Stderr, "%s head with the stacked layer (%d units): dev macro-F1 %.3f with thresholds tuned on dev; %.3f tuned on one half, scored on the other\n", name, stack.H, macroF1(probs, h.devG, all, h.thr), cv)
			if len(heldDocs) > 0 {
				h.heldP = stack.probs(heldZ, hd)
				hi, _, _ := idxs(len(heldDocs))
				fmt.Fprintf(os.Stderr, "  %s head with the stacked layer on %d held-out training texts (thresholds from dev): macro-F1 %.3f\n", name, len(heldDocs), macroF1(h.heldP, h.heldG, hi, h.thr))
			}
		}
	}
	if ngramKinds != "" {
		// the n-gram rows are not in the file's keys (and Analyze does not read them)
		fmt.Fprintln(os.Stderr, "-ngram: figures only, no weight file written")
		return nil
	}
	if posFeat != "" || sentPool != "" {
		// neither the extra rows nor the pooled inputs are in the file (nor read by Analyze)
		fmt.Fprintln(os.Stderr, "-posfeat, -sentpool: figures only, no weight file written")
		return nil
	}
	if explore {
		exploreDecisions(heads)
		exploreJoint(heads)
		exploreTopK(heads)
		exploreMixed(heads)
	}
	w := &analysis.Weights{
		Keys:       keys,
		Unigram:    make([]bool, len(keys)),
		Prefix:     make([]uint64, len(keys)),
		W:          make([][]float32, len(keys)),
		ScaleSqrtN: true,
		Note: fmt.Sprintf("softmax heads (28 labels, Ekman-7, sentiment-4) on GoEmotions train.tsv (%d texts, Apache-2.0); %d features with df>=%d; AdaGrad lr=%g l2=%g (sentiment-4 %g, Ekman %g) epochs=%d, mean of %d runs, seed=%d; thresholds tuned on dev.tsv (smoothed over %d grid points either side)",
			len(train), len(keys), minDF, lr, l2, headL2("sentiment:", l2), headL2("ekman:", l2), epochs, ensemble, seed, smooth),
	}
	if stack != nil {
		w.Stack = stack.export()
		w.Note += fmt.Sprintf("; a stacked layer of %d ReLU units over the scores, added to the Ekman and sentiment-4 heads, fitted on %d-fold out-of-fold scores (%d epochs at most, L2 %g)", stack.H, stackFolds, stackEpochs, stackL2)
	}
	for _, h := range heads {
		for o, n := range h.names {
			w.Outputs = append(w.Outputs, h.prefix+n)
			w.Bias = append(w.Bias, h.b[o])
			w.Thresholds = append(w.Thresholds, float32(h.thr[o]))
		}
	}
	for i, k := range keys {
		w.Unigram[i] = vocab[k].uni
		// the word's prefix, so Analyze can skip hashing it (see analysis.Weights.Prefix)
		switch in := vocab[k]; {
		case !in.uni:
		case in.prefState == 1:
			w.Prefix[i] = 1
		case in.prefState == 2 && in.prefix > 1:
			w.Prefix[i] = in.prefix
		}
		r := make([]float32, 0, len(w.Outputs))
		for _, h := range heads {
			n := len(h.names)
			r = append(r, h.w[i*n:i*n+n]...)
		}
		w.W[i] = r
	}
	b, err := w.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes)\n", out, len(b))
	return nil
}

// predict is the engine's decision rule: every output at or above its threshold, or the
// one furthest above (least below) its threshold when none is.
func predict(p []float64, thr []float64) uint32 {
	var set uint32
	best, bestR := 0, -1.0
	for o := range p {
		if p[o] >= thr[o] {
			set |= 1 << o
		}
		if r := p[o] / (thr[o] + 1e-3); r > bestR {
			best, bestR = o, r
		}
	}
	if set == 0 {
		set = 1 << best
	}
	return set
}

// thresholdGrid is the candidate thresholds: log-spaced from 0.003 to 0.9, so rare
// labels, whose probabilities stay small, get as fine a choice as common ones.
var thresholdGrid = func() []float64 {
	const n = 120
	out := make([]float64, n)
	for i := range out {
		out[i] = 0.003 * math.Pow(0.9/0.003, float64(i)/(n-1))
	}
	return out
}()

// tune picks, per output, the threshold with the best F1 on the given dev items. With
// smooth > 0 it maximises F1 averaged over the 2·smooth+1 neighbouring grid points, which
// prefers the middle of a broad optimum over a lucky spike.
func tune(probs [][]float64, gold []uint32, idx []int) []float64 {
	k := len(probs[0])
	thr := make([]float64, k)
	grid := thresholdGrid
	fs := make([]float64, len(grid))
	for o := 0; o < k; o++ {
		for ti, t := range grid {
			tp, fp, fn := 0, 0, 0
			for _, i := range idx {
				pred := probs[i][o] >= t
				g := gold[i]&(1<<o) != 0
				switch {
				case pred && g:
					tp++
				case pred:
					fp++
				case g:
					fn++
				}
			}
			fs[ti] = f1(tp, fp, fn)
		}
		best, bestF := 0.5, -1.0
		for ti := range grid {
			f, n := 0.0, 0
			for j := max(0, ti-smooth); j <= min(len(grid)-1, ti+smooth); j++ {
				f += fs[j]
				n++
			}
			f /= float64(n)
			if f > bestF+1e-9 {
				best, bestF = grid[ti], f
			}
		}
		thr[o] = best
	}
	return thr
}

func f1(tp, fp, fn int) float64 {
	if tp == 0 {
		return 0
	}
	return 2 * float64(tp) / float64(2*tp+fp+fn)
}

// macroF1 scores the decision rule's sets against gold, averaged over outputs.
func macroF1(probs [][]float64, gold []uint32, idx []int, thr []float64) float64 {
	k := len(thr)
	tp, fp, fn := make([]int, k), make([]int, k), make([]int, k)
	for _, i := range idx {
		p := predict(probs[i], thr)
		for o := 0; o < k; o++ {
			pk, gk := p&(1<<o) != 0, gold[i]&(1<<o) != 0
			switch {
			case pk && gk:
				tp[o]++
			case pk:
				fp[o]++
			case gk:
				fn[o]++
			}
		}
	}
	sum := 0.0
	for o := 0; o < k; o++ {
		sum += f1(tp[o], fp[o], fn[o])
	}
	return sum / float64(k)
}

// macroMapped scores the 28-label sets after mapping predictions and gold onto groups.
func macroMapped(probs [][]float64, docs []doc, idx []int, thr []float64, m [analysis.NumLabels]uint32, k int) float64 {
	tp, fp, fn := make([]int, k), make([]int, k), make([]int, k)
	for _, i := range idx {
		p, g := eval.MapLabels(predict(probs[i], thr), m), eval.MapLabels(docs[i].labels, m)
		for o := 0; o < k; o++ {
			pk, gk := p&(1<<o) != 0, g&(1<<o) != 0
			switch {
			case pk && gk:
				tp[o]++
			case pk:
				fp[o]++
			case gk:
				fn[o]++
			}
		}
	}
	sum := 0.0
	for o := 0; o < k; o++ {
		sum += f1(tp[o], fp[o], fn[o])
	}
	return sum / float64(k)
}

func perOutput(probs [][]float64, gold []uint32, idx []int, thr []float64, names []string) {
	k := len(thr)
	tp, fp, fn := make([]int, k), make([]int, k), make([]int, k)
	for _, i := range idx {
		p := predict(probs[i], thr)
		for o := 0; o < k; o++ {
			pk, gk := p&(1<<o) != 0, gold[i]&(1<<o) != 0
			switch {
			case pk && gk:
				tp[o]++
			case pk:
				fp[o]++
			case gk:
				fn[o]++
			}
		}
	}
	for o := 0; o < k; o++ {
		fmt.Fprintf(os.Stderr, "    %-16s thr %.2f  n %4d  F1 %.3f\n", names[o], thr[o], tp[o]+fn[o], f1(tp[o], fp[o], fn[o]))
	}
}
