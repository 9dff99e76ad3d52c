package ner

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// tinyCorpus is a handful of sentences written for these tests, in
// CoNLL column form.
const tinyCorpus = `-DOCSTART- O

Maria B-PER
Lopez I-PER
visited O
Lima B-LOC
. O

The O
Red B-ORG
Cross I-ORG
helped O
Maria B-PER
in O
Peru B-LOC
. O

-DOCSTART- O

Tom B-PER
Hanks I-PER
met O
Dutch B-MISC
fans O
in O
Oslo B-LOC
. O

Acme B-ORG
Corp I-ORG
opened O
in O
Paris B-LOC
. O

Kenyan B-MISC
runners O
won O
in O
Berlin B-LOC
. O
`

func trainTiny(t testing.TB, folds int) *Model {
	t.Helper()
	docs, err := ReadColumns(strings.NewReader(tinyCorpus), ColumnOptions{Name: "tiny"})
	if err != nil {
		t.Fatal(err)
	}
	res := Resources{
		Clusters:   map[string]string{"Lima": "110", "Oslo": "110", "Paris": "111", "Maria": "01", "Tom": "01"},
		Gazetteers: map[string][][]string{GazCityBig: {{"Berlin"}, {"Lima"}}, GazDemonym: {{"Dutch"}}},
	}
	m, err := Train(context.Background(), []Corpus{{Name: "tiny", Docs: docs, Weight: 1}}, res,
		TrainOptions{Epochs: 8, Folds: folds, Seed: 7, Prune: 1e-6, Info: "tiny test model"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainLearnsTrainingData(t *testing.T) {
	for _, folds := range []int{0, 2} {
		m := trainTiny(t, folds)
		docs, _ := ReadColumns(strings.NewReader(tinyCorpus), ColumnOptions{Name: "tiny"})
		r, err := Evaluate(context.Background(), m.Tag, docs)
		if err != nil {
			t.Fatal(err)
		}
		if r.All.F1() < 0.99 {
			t.Errorf("folds %d: F1 on its own training data %.3f, want 1 (%+v)", folds, r.All.F1(), r.All)
		}
		if (m.passes[1] != nil) != (folds > 1) {
			t.Errorf("folds %d: second pass present = %v", folds, m.passes[1] != nil)
		}
	}
}

func TestTrainSeedsAverage(t *testing.T) {
	docs, _ := ReadColumns(strings.NewReader(tinyCorpus), ColumnOptions{Name: "tiny"})
	c := []Corpus{{Name: "tiny", Docs: docs, Weight: 1}}
	a, err := Train(context.Background(), c, Resources{}, TrainOptions{Epochs: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Train(context.Background(), c, Resources{}, TrainOptions{Epochs: 3, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	avg, err := Train(context.Background(), c, Resources{}, TrainOptions{Epochs: 3, Seed: 1, Seeds: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Every averaged weight is the mean of the two models' weights.
	get := func(m *Model, k uint32) [numLabels]float32 {
		var row [numLabels]float32
		if r, ok := m.passes[0].index.get(k); ok {
			copy(row[:], m.passes[0].rows[int(r)*numLabels:])
		}
		return row
	}
	for _, k := range avg.passes[0].index.keys {
		if k == 0 {
			continue
		}
		ra, rb, rv := get(a, k), get(b, k), get(avg, k)
		for l := range rv {
			if d := rv[l] - (ra[l]+rb[l])/2; d > 1e-5 || d < -1e-5 {
				t.Fatalf("key %x label %d: average %v, models %v and %v", k, l, rv[l], ra[l], rb[l])
			}
		}
	}
	if _, err := Average(); err == nil {
		t.Error("Average of nothing: want an error")
	}
	two, _ := Train(context.Background(), c, Resources{}, TrainOptions{Epochs: 2, Folds: 2})
	if _, err := Average(a, two); err == nil {
		t.Error("averaging one- and two-pass models: want an error")
	}
}

func TestTrainErrors(t *testing.T) {
	if _, err := Train(context.Background(), nil, Resources{}, TrainOptions{}); err == nil {
		t.Error("training on nothing: want an error")
	}
	docs, _ := ReadColumns(strings.NewReader(tinyCorpus), ColumnOptions{Name: "tiny"})
	if _, err := Train(context.Background(), []Corpus{{Name: "x", Docs: docs}}, Resources{}, TrainOptions{}); err == nil {
		t.Error("zero weight: want an error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Train(ctx, []Corpus{{Name: "x", Docs: docs, Weight: 1}}, Resources{}, TrainOptions{}); err == nil {
		t.Error("cancelled context: want an error")
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := trainTiny(t, 2)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if m2.Info() != "tiny test model" {
		t.Errorf("info = %q", m2.Info())
	}
	if m.Stats() != m2.Stats() {
		t.Errorf("stats differ: %s / %s", m.Stats(), m2.Stats())
	}
	docs := [][][]string{
		{strings.Fields("Maria Lopez visited Berlin and Oslo ."), strings.Fields("Dutch fans met Tom .")},
		{strings.Fields("Acme Corp and the Red Cross helped Kenyan runners in Lima .")},
	}
	for _, d := range docs {
		a, b := m.Tag(d), m2.Tag(d)
		for i := range a {
			if strings.Join(a[i], " ") != strings.Join(b[i], " ") {
				t.Errorf("after save and load: %v, before: %v", b[i], a[i])
			}
		}
	}
	// Writing the loaded model again gives the same bytes' content.
	var buf2 bytes.Buffer
	if _, err := m2.WriteTo(&buf2); err != nil {
		t.Fatal(err)
	}
	m3, err := ReadModel(&buf2)
	if err != nil {
		t.Fatal(err)
	}
	if m3.Stats() != m2.Stats() {
		t.Errorf("second round trip changed the model: %s / %s", m3.Stats(), m2.Stats())
	}
}

func TestReadModelErrors(t *testing.T) {
	var good bytes.Buffer
	if _, err := trainTiny(t, 0).WriteTo(&good); err != nil {
		t.Fatal(err)
	}
	tests := map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("hello"),
		"truncated": good.Bytes()[:good.Len()/2],
	}
	var wrongMagic bytes.Buffer
	m := trainTiny(t, 0)
	m.info = "x"
	if _, err := m.WriteTo(&wrongMagic); err != nil {
		t.Fatal(err)
	}
	for name, data := range tests {
		if _, err := ReadModel(bytes.NewReader(data)); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

// FuzzReadModel fuzzes the uncompressed model format (gzip's checksum
// would stop nearly every mutation before the decoder saw it).
func FuzzReadModel(f *testing.F) {
	var buf bytes.Buffer
	if err := trainTiny(f, 2).writeRaw(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := readRaw(data)
		if err != nil {
			return
		}
		// Whatever loads must tag without panicking.
		m.Tag([][]string{strings.Fields("Maria visited Lima ."), nil})
	})
}
