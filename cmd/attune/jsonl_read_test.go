package main

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

// sameAsUnmarshal checks readJSONLine against json.Unmarshal into jsonlInput.
func sameAsUnmarshal(t *testing.T, line string) {
	t.Helper()
	var rec jsonlInput
	werr := json.Unmarshal([]byte(line), &rec)
	id, text, err := readJSONLine([]byte(line))
	if (err != nil) != (werr != nil) {
		t.Fatalf("%q: error %v, json.Unmarshal %v", line, err, werr)
	}
	if err != nil {
		return
	}
	if !bytes.Equal(id, rec.ID) || (text == nil) != (rec.Text == nil) || text != nil && *text != *rec.Text {
		t.Fatalf("%q: got id %q text %v, json.Unmarshal id %q text %v", line, id, deref(text), rec.ID, deref(rec.Text))
	}
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

var readerCases = []string{
	`{"id":1,"text":"hello"}`, `{"id": 1, "text": "hello"}`, `{ "text" : "a\"b\\c\/d\n\t" , "id" : "x-1" }`,
	`{"id":"<&>","text":"x"}`, `{"id":-0.5e+3,"text":""}`, `{"id":01,"text":"x"}`, `{"id":1.,"text":"x"}`,
	`{"id":null,"text":"x"}`, `{"id":[1,2],"text":"x"}`, `{"id":{"a":1},"text":"x"}`, `{"text":"only text"}`,
	`{"id":7}`, `{"id":7,"text":null}`, `{"id":7,"text":5}`, `{"id":7,"text":"a","text":"b"}`,
	`{"id":7,"id":8,"text":"a"}`, `{"ID":7,"Text":"case"}`, `{"id":7,"text":"x","extra":true}`,
	`{"id":7,"text":"\u00e9\ud83d\ude00"}`, `{"id":7,"text":"\ud800"}`, "{\"id\":7,\"text\":\"bad \xff utf8\"}",
	"{\"id\":7,\"text\":\"ctl \x01\"}", "{\"id\":7,\"text\":\"caf\xc3\xa9 😡\"}", `{"id":7,"text":"x"} trailing`,
	`{"id":7,"text":"x"`, `{"id":7,"text":"x",}`, `{"id":7 "text":"x"}`, `{}`, `[]`, `"text"`, `{"id":7,"text":"x\q"}`,
	`{"id":7,"text":"unterminated}`, `{"id":"a\"b","text":"x"}`, `{"id":1e5,"text":"x"}`, `{"id":-,"text":"x"}`,
	`{"id":true,"text":"x"}`, "{\"id\":1,\"text\":\"tab\there\"}", `{"id":1,"text":"a\\"}`, `{"id":1,"text":"a\"}`,
}

func TestReadJSONLineMatchesUnmarshal(t *testing.T) {
	for _, c := range readerCases {
		sameAsUnmarshal(t, c)
	}
}

func FuzzReadJSONLine(f *testing.F) {
	for _, c := range readerCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, line string) { sameAsUnmarshal(t, line) })
}

// appendFixed must write what encoding/json writes for the rounded figures.
func TestAppendFixedMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 200000; i++ {
		x := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(8)-3))
		for _, scale := range []float64{10, 100, 1000, 10000} {
			v := math.Round(x*scale) / scale
			want, _ := json.Marshal(v)
			if got := appendFixed(nil, scale, v); string(got) != string(want) {
				t.Fatalf("appendFixed(%v, %v) = %s, want %s", scale, v, got, want)
			}
		}
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1, 0.0001, -0.0001, 123456789.1234, 1e17, 1e-7} {
		want, _ := json.Marshal(v)
		if got := appendFixed(nil, 10000, v); string(got) != string(want) {
			t.Fatalf("appendFixed(%v) = %s, want %s", v, got, want)
		}
	}
}

// appendRounded must write what encoding/json writes for triage.Round(x).
func TestAppendRoundedMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	xs := []float64{0, math.Copysign(0, -1), -0.00004, 0.00005, -0.00005, 1, -1, 0.5, 4, 3.99995, 12345.6789, math.NaN(), math.Inf(1), 1e20, -1e-9}
	for i := 0; i < 300000; i++ {
		xs = append(xs, rng.NormFloat64()*math.Pow(10, float64(rng.IntN(9)-4)))
	}
	for _, x := range xs {
		want, _ := json.Marshal(triageRound(x))
		if got := appendRounded(nil, x); string(got) != string(want) {
			t.Fatalf("appendRounded(%v) = %s, want %s", x, got, want)
		}
	}
}
