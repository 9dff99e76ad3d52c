package entity

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/entity/gazetteer"
	"github.com/crosscheck/crosscheck/entity/ner"
	"github.com/crosscheck/crosscheck/text"
)

// The benchmarks run over the CoNLL-2003 test articles (Reuters news,
// 231 documents, about 46,000 tokens), rebuilt as text and segmented by
// package text, the way the pipeline sees an article. Throughput only: no
// score is read. Run with -cpu 1 for tokens per second on one core.

const conllDir = "../../shared/data/ner/conll2003"

func benchDocs(b *testing.B) ([]*document.Document, int) {
	b.Helper()
	docs, err := ner.ReadCoNLL2003(filepath.FromSlash(conllDir), "test")
	if err != nil {
		b.Skipf("CoNLL-2003 not found (%v): it lives in ../shared/data/ner", err)
	}
	var out []*document.Document
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
		out = append(out, d)
	}
	return out, tokens
}

// BenchmarkAnnotate is recognition and linking together: what the
// pipeline's entity stage costs.
func BenchmarkAnnotate(b *testing.B) {
	docs, tokens := benchDocs(b)
	a := loadAnnotator(b)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			a.Annotate(d)
		}
	}
	reportThroughput(b, tokens, cpuTime()-cpu0)
	b.ReportMetric(float64(tokens), "tokens/op")
}

// reportThroughput reports tokens per wall-clock second and, where the
// platform tells, per CPU second: on a shared machine the second is the
// one that does not depend on what else runs.
func reportThroughput(b *testing.B, tokens int, cpu time.Duration) {
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// replayTagger returns labels computed once, document after document, so
// that BenchmarkLink measures what this package adds to the model.
type replayTagger struct {
	tags [][][]string
	next int
}

func (r *replayTagger) Tag([][]string) [][]string {
	t := r.tags[r.next]
	r.next = (r.next + 1) % len(r.tags)
	return t
}

// BenchmarkLink is everything but the model: matching, linking, roles,
// clustering, pronouns.
func BenchmarkLink(b *testing.B) {
	docs, tokens := benchDocs(b)
	m, err := ner.Load()
	if err != nil {
		b.Fatal(err)
	}
	rt := &replayTagger{}
	for _, d := range docs {
		sents := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = text.TokenTexts(d, s)
		}
		rt.tags = append(rt.tags, m.Tag(sents))
	}
	a := NewWith(rt, loadGaz(b))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			a.Annotate(d)
		}
	}
	reportThroughput(b, tokens, cpuTime()-cpu0)
}

// BenchmarkNew is the start-up cost: model and gazetteers.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpuTime()-cpu0)
}

// reportCPU reports the CPU milliseconds one op took, where the platform
// tells.
func reportCPU(b *testing.B, cpu time.Duration) {
	if cpu > 0 {
		b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkGazetteerLoad is the gazetteers' share of BenchmarkNew.
func BenchmarkGazetteerLoad(b *testing.B) {
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := gazetteer.Load(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpuTime()-cpu0)
}
