// Package ner compares crosscheck's named-entity recogniser with
// github.com/jdkato/prose/v2 (v2.0.0), side by side in the same run, on the
// CoNLL-2003 English test split: the same gold tokens, the same
// conlleval-style scoring (exact span and type, PER/ORG/LOC/MISC), the
// same clock.
//
// Run from bench/ with one core, one system per process so that peak
// memory belongs to one system:
//
//	GOMAXPROCS=1 go test ./ner -run '^$' -bench 'NER/crosscheck$' -benchtime 5x
//
// or run.sh next to this file for every system. Each benchmark reports, per
// pass over the 46,435 test tokens: tokens/s (wall clock), tokens/cpu-s
// (per second of process CPU time, garbage collection included, which
// stays steady on a busy machine), F1, P and R overall and F1 per type, the
// model's load time, and the usual B/op and allocs/op.
//
// How prose is scored (as in ../shared/data/ner/BASELINES.md): each
// sentence's gold tokens are joined with single spaces and given to
// prose.NewDocument with segmentation off; its Entities() are located in
// that text and mapped back to gold tokens. An entity whose edges do not
// fall on gold token edges counts as a false positive. Labels: PERSON →
// PER; GPE, LOCATION, FACILITY → LOC; ORGANIZATION → ORG; GSP → MISC;
// other labels are dropped.
//
// crosscheck-entity is the whole entity stage (recognition, linking,
// mention clustering, roles) on the same articles rebuilt as text and
// segmented by package text: throughput only, its output is not scored
// here.
package ner

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	prose "github.com/jdkato/prose/v2"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/entity"
	"github.com/crosscheck/crosscheck/entity/ner"
	"github.com/crosscheck/crosscheck/text"
)

var conllDir = filepath.Join("..", "..", "..", "shared", "data", "ner", "conll2003")

func load(b *testing.B) ([]ner.Document, int) {
	b.Helper()
	docs, err := ner.ReadCoNLL2003(conllDir, "test")
	if err != nil {
		b.Skipf("CoNLL-2003 test split not found at %s: %v", conllDir, err)
	}
	tokens := 0
	for _, d := range docs {
		tokens += d.Tokens()
	}
	return docs, tokens
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// proseLabels maps prose's labels onto the CoNLL types.
var proseLabels = map[string]string{
	"PERSON": "PER", "GPE": "LOC", "LOCATION": "LOC", "FACILITY": "LOC",
	"ORGANIZATION": "ORG", "GSP": "MISC",
}

// proseTag runs prose on one sentence of gold tokens and returns its
// entities as spans over those tokens. Entities that cannot be placed on
// gold token edges get a span that matches nothing.
func proseTag(model *prose.Model, words []string) ([]ner.Span, error) {
	sentence := strings.Join(words, " ")
	starts := map[int]int{} // byte offset → gold token index
	ends := map[int]int{}
	at := 0
	for i, w := range words {
		starts[at] = i
		ends[at+len(w)] = i + 1
		at += len(w) + 1
	}
	doc, err := prose.NewDocument(sentence, prose.WithSegmentation(false), prose.UsingModel(model))
	if err != nil {
		return nil, err
	}
	var spans []ner.Span
	cursor := 0
	for k, e := range doc.Entities() {
		typ := proseLabels[e.Label]
		// Entity.Text is prose's tokens joined by spaces; find them in
		// order, allowing any spacing between them.
		first, last, ok := locate(sentence, cursor, strings.Fields(e.Text))
		if !ok {
			if typ != "" {
				spans = append(spans, ner.Span{Start: -1 - k, End: -1 - k, Type: typ})
			}
			continue
		}
		cursor = last
		if typ == "" {
			continue
		}
		s, ok1 := starts[first]
		en, ok2 := ends[last]
		if !ok1 || !ok2 {
			spans = append(spans, ner.Span{Start: -1 - k, End: -1 - k, Type: typ})
			continue
		}
		spans = append(spans, ner.Span{Start: s, End: en, Type: typ})
	}
	return spans, nil
}

// locate finds parts in text from byte offset from, in order with only
// spaces between them, and returns the byte span they cover.
func locate(text string, from int, parts []string) (start, end int, ok bool) {
	if len(parts) == 0 {
		return 0, 0, false
	}
	for from <= len(text) {
		i := strings.Index(text[from:], parts[0])
		if i < 0 {
			return 0, 0, false
		}
		start = from + i
		end = start + len(parts[0])
		matched := true
		for _, p := range parts[1:] {
			j := end
			for j < len(text) && text[j] == ' ' {
				j++
			}
			if !strings.HasPrefix(text[j:], p) {
				matched = false
				break
			}
			end = j + len(p)
		}
		if matched {
			return start, end, true
		}
		from = start + 1
	}
	return 0, 0, false
}

// report sets the metrics of one run. It comes after the timed loop:
// b.ResetTimer deletes metrics reported before it.
func report(b *testing.B, sc *ner.Scorer, tokens int, cpu time.Duration) {
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
	if sc == nil {
		return
	}
	b.ReportMetric(sc.All.F1(), "F1")
	b.ReportMetric(sc.All.Precision(), "P")
	b.ReportMetric(sc.All.Recall(), "R")
	for _, t := range ner.Types {
		if c := sc.PerType[t]; c != nil {
			b.ReportMetric(c.F1(), t+"-F1")
		}
	}
}

func BenchmarkNER(b *testing.B) {
	b.Run("crosscheck", func(b *testing.B) {
		docs, tokens := load(b)
		began := time.Now()
		m, err := ner.Load()
		if err != nil {
			b.Fatal(err)
		}
		loadMS := float64(time.Since(began).Microseconds()) / 1000
		var sc *ner.Scorer
		b.ReportAllocs()
		b.ResetTimer()
		cpu0 := cpuTime()
		for b.Loop() {
			sc = &ner.Scorer{}
			for _, d := range docs {
				pred := m.TagSpans(d.Words())
				for i, s := range d.Sentences {
					sc.AddSpans(ner.SpansFromTags(s.Tags), pred[i])
				}
			}
		}
		report(b, sc, tokens, cpuTime()-cpu0)
		b.ReportMetric(loadMS, "load-ms")
	})
	b.Run("prose-v2", func(b *testing.B) {
		docs, tokens := load(b)
		began := time.Now()
		// prose loads its model for every document that does not bring
		// one: load it once, with a tiny document, and reuse it.
		warm, err := prose.NewDocument("Warm up in Paris.", prose.WithSegmentation(false))
		if err != nil {
			b.Fatal(err)
		}
		model := warm.Model
		loadMS := float64(time.Since(began).Microseconds()) / 1000
		var sc *ner.Scorer
		b.ReportAllocs()
		b.ResetTimer()
		cpu0 := cpuTime()
		for b.Loop() {
			sc = &ner.Scorer{}
			for _, d := range docs {
				for _, s := range d.Sentences {
					pred, err := proseTag(model, s.Words)
					if err != nil {
						b.Fatal(err)
					}
					sc.AddSpans(ner.SpansFromTags(s.Tags), pred)
				}
			}
		}
		report(b, sc, tokens, cpuTime()-cpu0)
		b.ReportMetric(loadMS, "load-ms")
	})
	b.Run("crosscheck-entity", func(b *testing.B) {
		docs, _ := load(b)
		var texts []*document.Document
		tokens := 0
		for _, nd := range docs {
			var sb strings.Builder
			for _, s := range nd.Sentences {
				sb.WriteString(strings.Join(s.Words, " "))
				sb.WriteString("\n\n")
			}
			d := document.New(sb.String(), document.Meta{})
			text.Segment(d)
			tokens += len(d.Tokens)
			texts = append(texts, d)
		}
		began := time.Now()
		a, err := entity.New()
		if err != nil {
			b.Fatal(err)
		}
		loadMS := float64(time.Since(began).Microseconds()) / 1000
		b.ReportAllocs()
		b.ResetTimer()
		cpu0 := cpuTime()
		for b.Loop() {
			for _, d := range texts {
				a.Annotate(d)
			}
		}
		report(b, nil, tokens, cpuTime()-cpu0)
		b.ReportMetric(loadMS, "load-ms")
	})
}

func TestLocate(t *testing.T) {
	text := "U.S. envoy met New York officials in New  York"
	tests := []struct {
		from       int
		parts      []string
		start, end int
		ok         bool
	}{
		{0, []string{"New", "York"}, 15, 23, true},
		{16, []string{"New", "York"}, 37, 46, true},
		{0, []string{"U.S."}, 0, 4, true},
		{0, []string{"Boston"}, 0, 0, false},
	}
	for _, tt := range tests {
		s, e, ok := locate(text, tt.from, tt.parts)
		if ok != tt.ok || ok && (s != tt.start || e != tt.end) {
			t.Errorf("locate(%d, %v) = %d, %d, %v; want %d, %d, %v", tt.from, tt.parts, s, e, ok, tt.start, tt.end, tt.ok)
		}
	}
}

func TestProseTagSpans(t *testing.T) {
	warm, err := prose.NewDocument("Warm up.", prose.WithSegmentation(false))
	if err != nil {
		t.Fatal(err)
	}
	spans, err := proseTag(warm.Model, strings.Fields("Ali Yasin met officials of the United Nations in Islamabad ."))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range spans {
		if s.Start >= 0 && (s.End <= s.Start || s.End > 11) {
			t.Errorf("bad span %+v", s)
		}
	}
}
