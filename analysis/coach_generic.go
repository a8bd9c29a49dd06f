package analysis

import "sort"

// Spotting a stock reply: near-duplicates of macros and of earlier replies, and stock
// phrases.

// coachShingles are hashed word pairs, sorted, for near-duplicate checks.
func coachShingles(t *coachText) []uint64 {
	if len(t.toks) < 2 {
		if len(t.toks) == 1 {
			return []uint64{coachHash(t.toks[0].w, "")}
		}
		return nil
	}
	out := make([]uint64, 0, len(t.toks)-1)
	for i := 1; i < len(t.toks); i++ {
		out = append(out, coachHash(t.toks[i-1].w, t.toks[i].w))
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	k := 0
	for i := range out {
		if i == 0 || out[i] != out[i-1] {
			out[k] = out[i]
			k++
		}
	}
	return out[:k]
}

func coachHash(a, b string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * 1099511628211
	}
	h = (h ^ 0xff) * 1099511628211
	for i := 0; i < len(b); i++ {
		h = (h ^ uint64(b[i])) * 1099511628211
	}
	return h
}

// coachJaccard is |a∩b| / |a∪b| of two sorted sets.
func coachJaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	i, j, both := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			both++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// coachNearDuplicate is the Jaccard similarity of word pairs above which two replies are
// the same text with small edits.
const coachNearDuplicate = 0.5

// coachMaxCompare caps the macros and earlier replies one review compares against.
const coachMaxCompare = 200

func (v *coachReview) generic() CoachDimension {
	dim := CoachDimension{Code: "generic"}
	d := v.c.d
	var sh []uint64
	if len(v.in.Macros) > 0 || len(v.in.EarlierReplies) > 0 {
		sh = coachShingles(v.t)
	}
	nearMacro := false
	for k, m := range v.in.Macros {
		if k >= coachMaxCompare {
			break
		}
		var tmp coachBufs
		mt := d.tokenize(coachClip(m), &tmp)
		near := coachJaccard(sh, coachShingles(&mt)) >= coachNearDuplicate
		d.release(&tmp)
		if near {
			nearMacro = true
			break
		}
	}
	repeats := 0
	for k, e := range v.in.EarlierReplies {
		if k >= coachMaxCompare {
			break
		}
		var tmp coachBufs
		et := d.tokenize(coachClip(e), &tmp)
		if coachJaccard(sh, coachShingles(&et)) >= coachNearDuplicate {
			repeats++
		}
		d.release(&tmp)
	}
	repeated := repeats >= 3
	// Share of the sentences that are stock phrases.
	stock, lines := 0, 0
	var stockSpans []CoachSpan
	for _, s := range v.t.sents {
		if s.tok1-s.tok0 < 3 {
			continue // "Regards,", "Support Team", "Hi Oliver,": the letter's frame
		}
		lines++
		sub := v.t.sub(s.tok0, s.tok1)
		if len(sub.toks) > 0 && d.lists["boilerplate"].any(&sub) {
			stock++
			if len(stockSpans) < 4 {
				stockSpans = append(stockSpans, v.spanSent(s))
			}
		}
	}
	mostlyStock := stock > 0 && stock*2 >= lines
	personal := len(v.echo()) > 0 || v.nameAt() >= 0 || v.formalIdx >= 0
	dim.Spans = stockSpans
	switch {
	case (nearMacro || repeated || mostlyStock) && !personal:
		dim.Status = CoachMissing
		dim.Suggestion = d.t("suggest.generic")
	case nearMacro || repeated || mostlyStock:
		dim.Status = CoachPartial
		dim.Suggestion = d.t("suggest.generic.partial")
	default:
		dim.Status = CoachMet
		dim.Spans = nil
	}
	return dim
}
