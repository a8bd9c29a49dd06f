package analysis

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"
)

// modelFormat is the version of the weight file layout; it is part of Version().
const modelFormat = 1

// maxOutputs bounds the model's outputs so scores fit a fixed array.
const maxOutputs = 48

// Feature kinds in the weight file.
const (
	featUnigram = 0 // the key is a word hash
	featOther   = 1 // bigram, negated word or tag
)

// Feature scaling modes.
const (
	scaleNone  = 0 // weights summed as they are
	scaleSqrtN = 1 // the sum is divided by √(number of features)
)

// model is a linear model over hashed features: one row of weights per feature, one
// column per output.
type model struct {
	outputs    []string
	nOut       int
	scaleMode  uint8
	thresholds [maxOutputs]float32
	thr64      [maxOutputs]float64 // the thresholds as float64 (exact), as the decision rule compares them
	invThr     [maxOutputs]float64 // 1/(threshold+0.001), for the decision rule's fallback
	bias       [maxOutputs]float32
	keys       []uint64
	kinds      []uint8
	w          []uint16 // len(keys) × stride half-precision weights (exact as stored), row-major; columns past nOut are zero
	stride     int      // nOut rounded up to a multiple of 8, so rows align for the kernel
	feat       table    // key → row offset (row × stride) in w, for features that are not plain words
	ekmanOut   int      // first output of the Ekman head, or −1
	polOut     int      // first output of the sentiment-4 head, or −1
	note       string
	prefix     []uint64 // per row, Weights.Prefix (nil in older files); New reads it, then drops it
	stack      *stackLayer
}

// maxHidden bounds the stacked layer's units.
const maxHidden = 64

// stackLayer is a small hidden layer over the summed scores (see Weights.Stack):
// z[o] += d[o] + Σ_j v[o][j]·relu(c[j] + Σ_i a[j][i]·z[i]) for the outputs from first on.
type stackLayer struct {
	h, first int
	kpad     int       // the outputs it adds to (nOut−first), padded to a multiple of 8
	a        []float32 // nOut × h, input-major (the file keeps it unit-major)
	c        []float32 // h
	v        []float32 // h × kpad, unit-major (the file keeps it output-major), padding zero
	d        []float32 // kpad, padding zero
}

// applyGo adds the layer's output to the scores z[:nOut] (apply runs it, or an assembly
// kernel giving the same bits). Both products keep the hidden units or the outputs in
// the inner loop, so the sums are independent of each other (a dot product per unit
// would be one long chain of dependent adds); float32(x*y) rounds each product on its
// own, as the kernel does.
func (s *stackLayer) applyGo(z *[maxOutputs]float32, nOut int) {
	var hid, acc [maxHidden]float32
	h := hid[:s.h]
	copy(h, s.c)
	a := s.a[:nOut*s.h]
	for i := 0; i < nOut; i++ {
		zi := z[i]
		row := a[i*s.h : i*s.h+s.h]
		for j := range h {
			h[j] += float32(row[j] * zi)
		}
	}
	k := nOut - s.first
	ac := acc[:k]
	copy(ac, s.d)
	for j, x := range h {
		x = max(x, 0)
		row := s.v[j*s.kpad : j*s.kpad+k]
		for o := range ac {
			ac[o] += float32(row[o] * x)
		}
	}
	out := z[s.first:nOut]
	for o := range out {
		out[o] += ac[o]
	}
}

// Weights is a trained model, as the training command hands it over to be written.
type Weights struct {
	Outputs    []string    // output names: the 28 labels in order, then "ekman:…" and "sentiment:…" heads
	Keys       []uint64    // one feature key per row
	Unigram    []bool      // whether each key is a plain word
	W          [][]float32 // per row, one weight per output
	Bias       []float32   // per output
	Thresholds []float32   // per output
	ScaleSqrtN bool        // divide the sum by √(number of features)
	Note       string      // how it was trained, for people reading the file
	// Prefix, per row (optional): for a plain word, prefixNoneKey when it has no prefix
	// feature, its prefix hash when it has one, 0 when unknown (see TrainingFeature).
	Prefix []uint64
	// Stack (optional): a hidden layer over the scores, whose output is added to the
	// scores of the outputs from Stack.First on, before their softmax.
	Stack *StackWeights
}

// StackWeights is the stacked hidden layer of Weights.Stack.
type StackWeights struct {
	First int         // the first output it adds to
	A     [][]float32 // per hidden unit, one weight per output (its inputs are all the scores)
	C     []float32   // per hidden unit
	V     [][]float32 // per output from First on, one weight per hidden unit
	D     []float32   // per output from First on
}

// prefixNoneKey marks a word without a prefix feature in Weights.Prefix (a prefix hash
// never takes this value: the file writer refuses it).
const prefixNoneKey = 1

// prefixMagic opens the optional trailing section of per-word prefix hashes.
const prefixMagic = "PRFX"

// stackMagic opens the optional trailing section of the stacked layer.
const stackMagic = "STK1"

const modelMagic = "ATTNMDL1"

// MarshalBinary encodes the weights in the embedded file format (weights as float16).
func (w *Weights) MarshalBinary() ([]byte, error) {
	if len(w.Outputs) > maxOutputs || len(w.Outputs) < NumLabels {
		return nil, fmt.Errorf("analysis: %d outputs; want %d to %d", len(w.Outputs), NumLabels, maxOutputs)
	}
	if len(w.Keys) != len(w.W) || len(w.Keys) != len(w.Unigram) || len(w.Bias) != len(w.Outputs) || len(w.Thresholds) != len(w.Outputs) {
		return nil, errors.New("analysis: weights: keys, rows and biases disagree")
	}
	b := []byte(modelMagic)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(w.Outputs)))
	for _, o := range w.Outputs {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(o)))
		b = append(b, o...)
	}
	mode := byte(scaleNone)
	if w.ScaleSqrtN {
		mode = scaleSqrtN
	}
	b = append(b, mode)
	for _, t := range w.Thresholds {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(t))
	}
	for _, x := range w.Bias {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(w.Keys)))
	for _, k := range w.Keys {
		b = binary.LittleEndian.AppendUint64(b, k)
	}
	for _, u := range w.Unigram {
		if u {
			b = append(b, featUnigram)
		} else {
			b = append(b, featOther)
		}
	}
	for _, row := range w.W {
		if len(row) != len(w.Outputs) {
			return nil, errors.New("analysis: weights: a row has the wrong length")
		}
		for _, x := range row {
			b = binary.LittleEndian.AppendUint16(b, f16(x))
		}
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(w.Note)))
	b = append(b, w.Note...)
	if len(w.Prefix) > 0 {
		if len(w.Prefix) != len(w.Keys) {
			return nil, errors.New("analysis: weights: prefixes and rows disagree")
		}
		b = append(b, prefixMagic...)
		for _, p := range w.Prefix {
			b = binary.LittleEndian.AppendUint64(b, p)
		}
	}
	if st := w.Stack; st != nil {
		n := len(w.Outputs)
		if len(st.A) == 0 || len(st.A) > maxHidden || len(st.C) != len(st.A) || st.First < 0 || st.First >= n || len(st.V) != n-st.First || len(st.D) != n-st.First {
			return nil, errors.New("analysis: weights: bad stacked layer")
		}
		b = append(b, stackMagic...)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(st.A)))
		b = binary.LittleEndian.AppendUint32(b, uint32(st.First))
		put := func(xs []float32, want int) bool {
			if len(xs) != want {
				return false
			}
			for _, x := range xs {
				b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
			}
			return true
		}
		ok := true
		for _, a := range st.A {
			ok = ok && put(a, n)
		}
		ok = ok && put(st.C, len(st.A))
		for _, v := range st.V {
			ok = ok && put(v, len(st.A))
		}
		ok = ok && put(st.D, n-st.First)
		if !ok {
			return nil, errors.New("analysis: weights: bad stacked layer")
		}
	}
	return b, nil
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.err = errors.New("truncated weight file")
		return make([]byte, max(n, 0))
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}
func (r *reader) u16() uint16  { return binary.LittleEndian.Uint16(r.take(2)) }
func (r *reader) u32() uint32  { return binary.LittleEndian.Uint32(r.take(4)) }
func (r *reader) f32() float32 { return math.Float32frombits(r.u32()) }

// readModel decodes the weight file. An empty file is a model with no features (the
// bootstrap before the first training run).
func readModel(raw []byte) (model, error) {
	m := model{ekmanOut: -1, polOut: -1}
	if len(raw) == 0 {
		m.nOut = NumLabels
		m.stride = (NumLabels + 7) &^ 7
		m.feat = newTable(0)
		m.outputs = labelNames[:]
		for i := range m.thresholds {
			m.thresholds[i] = 0.5
		}
		m.setInvThr()
		return m, nil
	}
	r := &reader{b: raw}
	if string(r.take(len(modelMagic))) != modelMagic {
		return m, errors.New("not an Attune weight file")
	}
	m.nOut = int(r.u32())
	if m.nOut < NumLabels || m.nOut > maxOutputs {
		return m, fmt.Errorf("%d outputs", m.nOut)
	}
	for i := 0; i < m.nOut && r.err == nil; i++ {
		m.outputs = append(m.outputs, string(r.take(int(r.u16()))))
	}
	for i, l := range labelNames {
		if m.outputs[i] != l {
			return m, fmt.Errorf("output %d is %q, want %q", i, m.outputs[i], l)
		}
	}
	m.ekmanOut = headAt(m.outputs, "ekman:", ekmanNames[:])
	m.polOut = headAt(m.outputs, "sentiment:", polarityNames[:])
	m.scaleMode = r.take(1)[0]
	for i := 0; i < m.nOut; i++ {
		m.thresholds[i] = r.f32()
	}
	for i := 0; i < m.nOut; i++ {
		m.bias[i] = r.f32()
	}
	n := int(r.u32())
	if r.err != nil || n < 0 || n > len(r.b)/(8+1+2*m.nOut) {
		return m, errors.New("bad feature count")
	}
	kb := r.take(8 * n)
	m.keys = make([]uint64, n)
	for i := range m.keys {
		m.keys[i] = binary.LittleEndian.Uint64(kb[8*i:])
	}
	m.kinds = append([]uint8(nil), r.take(n)...)
	wb := r.take(2 * n * m.nOut)
	m.stride = (m.nOut + 7) &^ 7
	m.w = make([]uint16, n*m.stride)
	if r.err == nil {
		for row := 0; row < n; row++ {
			src := wb[2*row*m.nOut : 2*(row+1)*m.nOut]
			dst := m.w[row*m.stride : row*m.stride+m.nOut]
			for o := range dst {
				h := binary.LittleEndian.Uint16(src[2*o:])
				if h&0x7c00 == 0x7c00 {
					// no infinities or NaNs: read as f32 reads them (the largest exponent
					// below), so the kernel's hardware conversion agrees with it
					h = h&^0x7c00 | 30<<10
				}
				dst[o] = h
			}
		}
	}
	m.note = string(r.take(int(r.u32())))
	if r.err == nil && len(r.b) >= len(prefixMagic) && string(r.b[:len(prefixMagic)]) == prefixMagic {
		r.take(len(prefixMagic))
		pb := r.take(8 * n)
		if r.err == nil {
			m.prefix = make([]uint64, n)
			for i := range m.prefix {
				m.prefix[i] = binary.LittleEndian.Uint64(pb[8*i:])
			}
		}
	}
	if r.err == nil && len(r.b) >= len(stackMagic) && string(r.b[:len(stackMagic)]) == stackMagic {
		r.take(len(stackMagic))
		st := &stackLayer{h: int(r.u32()), first: int(r.u32())}
		if r.err != nil || st.h < 1 || st.h > maxHidden || st.first < 0 || st.first >= m.nOut {
			return m, errors.New("bad stacked layer")
		}
		f32s := func(n int) []float32 {
			out := make([]float32, n)
			for i := range out {
				out[i] = r.f32()
			}
			return out
		}
		k := m.nOut - st.first
		st.kpad = (k + 7) &^ 7
		au := f32s(st.h * m.nOut)
		st.c = f32s(st.h)
		vo := f32s(k * st.h)
		st.d = make([]float32, st.kpad)
		copy(st.d, f32s(k))
		st.a = make([]float32, m.nOut*st.h)
		st.v = make([]float32, st.h*st.kpad)
		for j := 0; j < st.h; j++ {
			for i := 0; i < m.nOut; i++ {
				st.a[i*st.h+j] = au[j*m.nOut+i]
			}
			for o := 0; o < k; o++ {
				st.v[j*st.kpad+o] = vo[o*st.h+j]
			}
		}
		m.stack = st
	}
	m.setInvThr()
	if r.err != nil {
		return m, r.err
	}
	others := 0
	for _, k := range m.kinds {
		if k != featUnigram {
			others++
		}
	}
	m.feat = newTable(others)
	for i, k := range m.keys {
		if m.kinds[i] != featUnigram {
			m.feat.put(k, int32(i*m.stride))
		}
	}
	return m, nil
}

// f16 converts a float32 to IEEE 754 half precision, rounding to nearest.
func f16(x float32) uint16 {
	b := math.Float32bits(x)
	sign := uint16(b>>16) & 0x8000
	exp := int32(b>>23&0xff) - 127 + 15
	mant := b & 0x7fffff
	switch {
	case b&0x7fffffff == 0:
		return sign
	case exp >= 31:
		return sign | 0x7bff // clamp to the largest finite half
	case exp <= 0:
		if exp < -10 {
			return sign
		}
		mant |= 0x800000
		shift := uint32(14 - exp)
		h := uint16(mant >> shift)
		if mant>>(shift-1)&1 != 0 {
			h++
		}
		return sign | h
	}
	h := sign | uint16(exp)<<10 | uint16(mant>>13)
	if mant&0x1000 != 0 {
		h++ // round half up; a carry into the exponent is still correct
	}
	return h
}

var halfOnce struct {
	sync.Once
	t *[1 << 16]float32
}

// halfTable is every half-precision value as a float32, built once: decoding the weight
// file is then one lookup per weight.
func halfTable() *[1 << 16]float32 {
	halfOnce.Do(func() {
		t := new([1 << 16]float32)
		for h := range t {
			t[h] = f32(uint16(h))
		}
		halfOnce.t = t
	})
	return halfOnce.t
}

// f32 converts IEEE 754 half precision to float32.
func f32(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h & 0x3ff)
	switch exp {
	case 0:
		if mant == 0 {
			return math.Float32frombits(sign)
		}
		f := float32(mant) / 1024 / 16384
		if sign != 0 {
			return -f
		}
		return f
	case 31:
		exp = 30 // no infinities in weight files
	}
	return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
}

// headAt finds a head's outputs, all present and in order, or returns −1.
func headAt(outputs []string, prefix string, names []string) int {
	for i := range outputs {
		if outputs[i] != prefix+names[0] || i+len(names) > len(outputs) {
			continue
		}
		for k, n := range names {
			if outputs[i+k] != prefix+n {
				return -1
			}
		}
		return i
	}
	return -1
}

func (m *model) setInvThr() {
	for i, t := range m.thresholds {
		m.thr64[i] = float64(t)
		m.invThr[i] = 1 / (float64(t) + 1e-3)
	}
}
