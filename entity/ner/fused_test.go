package ner

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// fusedTestDocs returns documents to compare the fused table on: a few
// written here, and CoNLL-2003 valid when the shared data is present.
func fusedTestDocs(t *testing.T) [][][]string {
	t.Helper()
	var docs [][][]string
	for _, text := range []string{
		"THE MINISTER FLEW TO PARIS\nThe minister flew to Paris on Monday .\nOfficials in Baghdad said nothing .",
		"Ali Yasin Muhammad Karim , the envoy , said Mosul was the second largest city of Iraq .\nKarim met U.S. officials in Washington .\n\" We share the same enemy , \" he said .",
		"McDonald 's and iPhone sales rose 3.5 % in the third quarter , Reuters reported .",
	} {
		var doc [][]string
		for _, line := range strings.Split(text, "\n") {
			doc = append(doc, strings.Fields(line))
		}
		docs = append(docs, doc)
	}
	if conll, err := ReadCoNLL2003(conllDir, "valid"); err == nil {
		for _, d := range conll {
			docs = append(docs, d.Words())
		}
	} else {
		t.Logf("CoNLL-2003 not found in ../shared/data, fixtures only: %v", err)
	}
	return docs
}

// TestFusedScoresMatchTables checks the fused table weight by weight: for
// every feature of every token, both passes' score rows come out with the
// same bits as summing the passes' own tables.
func TestFusedScoresMatchTables(t *testing.T) {
	m := loadEmbedded(t)
	f := m.fused
	if f == nil {
		t.Fatal("loaded model has no fused table")
	}
	var feats []uint64
	for _, doc := range fusedTestDocs(t) {
		ds := m.prepare(doc)
		labels := make([][]uint8, len(ds.sents))
		for si := range ds.sents {
			labels[si] = make([]uint8, len(ds.sents[si].toks))
		}
		p2 := newPass2(ds, labels)
		for si := range ds.sents {
			for i := range ds.sents[si].toks {
				feats = m.extract(ds, si, i, p2, feats[:0])
				nb := len(m.extractBase(ds, si, i, nil))
				for p, w := range m.passes {
					var want, got [numLabels]float32
					fs := feats
					if p == 0 {
						fs = feats[:nb]
					}
					var slots []fusedSlot
					for _, ft := range fs {
						if r, ok := w.index.get(key(ft)); ok {
							for l, v := range w.rows[int(r)*numLabels : (int(r)+1)*numLabels] {
								want[l] += v
							}
						}
						slots = append(slots, f.get(key(ft)))
					}
					f.sumPass(&got, slots, p, nil)
					for l := range want {
						if math.Float32bits(want[l]) != math.Float32bits(got[l]) {
							t.Fatalf("pass %d, token %q, label %s: fused %v, tables %v", p+1, ds.sents[si].toks[i].word, labelNames[l], got[l], want[l])
						}
					}
				}
			}
		}
	}
}

// TestFusedTagMatchesTables tags with and without the fused table.
func TestFusedTagMatchesTables(t *testing.T) {
	m := loadEmbedded(t)
	plain := loadEmbedded(t)
	plain.fused = nil
	for _, doc := range fusedTestDocs(t) {
		got, want := m.tagLabels(doc), plain.tagLabels(doc)
		for si := range want {
			if string(got[si]) != string(want[si]) {
				t.Fatalf("sentence %v: fused %v, tables %v", doc[si], got[si], want[si])
			}
		}
	}
}

func TestFusedMissingKey(t *testing.T) {
	m := loadEmbedded(t)
	// A key has a row in the passes that have it, and only there.
	for k := uint32(0); k < 1000; k++ {
		_, ok1 := m.passes[0].index.get(k)
		_, ok2 := m.passes[1].index.get(k)
		s := m.fused.get(k)
		if (s.row[0] != noRow) != ok1 || (s.row[1] != noRow) != ok2 {
			t.Fatalf("key %d: in passes %v %v, but fused has rows %v", k, ok1, ok2, s.row)
		}
	}
}

// TestAddRowsMatchesGo holds addRows (assembly on amd64) to the plain Go
// loop, bit for bit, on random weights of every magnitude, subnormals
// included, and runs of every length.
func TestAddRowsMatchesGo(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	vals := make([]float32, 4096)
	for i := range vals {
		switch rng.IntN(4) {
		case 0:
			vals[i] = float32(rng.NormFloat64())
		case 1:
			vals[i] = float32(rng.NormFloat64() * 1e30)
		case 2:
			vals[i] = math.Float32frombits(rng.Uint32N(1 << 23)) // subnormal
		default:
			vals[i] = float32(rng.NormFloat64() * 1e-3)
		}
	}
	for trial := 0; trial < 2000; trial++ {
		offs := make([]uint32, rng.IntN(12))
		for k := range offs {
			offs[k] = rng.Uint32N(uint32(len(vals) - numLabels + 1))
		}
		var got, want [numLabels]float32
		for l := range got {
			got[l] = float32(rng.NormFloat64())
			want[l] = got[l]
		}
		addRows(&got, vals, offs)
		addRowsGo(&want, vals, offs)
		for l := range got {
			if math.Float32bits(got[l]) != math.Float32bits(want[l]) {
				t.Fatalf("trial %d, label %d: addRows %v, Go %v", trial, l, got[l], want[l])
			}
		}
	}
}

// TestPrepareReusesBuffers checks that preparing into buffers that held
// another document gives what fresh buffers give.
func TestPrepareReusesBuffers(t *testing.T) {
	m := loadEmbedded(t)
	docs := fusedTestDocs(t)
	var b prepBuffers
	for i, doc := range docs {
		// A longer document first, so that its leftovers would show.
		m.prepareIn(docs[(i+1)%len(docs)], &b)
		got := m.prepareIn(doc, &b)
		want := m.prepare(doc)
		if len(got.sents) != len(want.sents) {
			t.Fatalf("doc %d: %d sentences, want %d", i, len(got.sents), len(want.sents))
		}
		for si := range want.sents {
			g, w := got.sents[si], want.sents[si]
			if g.allCaps != w.allCaps || !slices.Equal(g.toks, w.toks) {
				t.Fatalf("doc %d, sentence %d: reused buffers give %+v, fresh %+v", i, si, g, w)
			}
		}
	}
}
