package ner

import (
	"runtime"
	"testing"
	"time"
)

const conllDir = "../../../shared/data/ner/conll2003"

// benchDocs loads CoNLL-2003 valid (never test: benchmarks are run while
// tuning), or skips.
func benchDocs(b *testing.B) [][][]string {
	b.Helper()
	docs, err := ReadCoNLL2003(conllDir, "valid")
	if err != nil {
		b.Skipf("CoNLL-2003 not found in ../shared/data: %v", err)
	}
	out := make([][][]string, len(docs))
	for i, d := range docs {
		out[i] = d.Words()
	}
	return out
}

// BenchmarkTag measures recognition alone, on gold tokens, one document per
// call, reporting tokens per second. Run with GOMAXPROCS=1 for the per-core
// figure.
func BenchmarkTag(b *testing.B) {
	docs := benchDocs(b)
	m := loadEmbedded(b)
	tokens := 0
	for _, d := range docs {
		for _, s := range d {
			tokens += len(s)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			m.Tag(d)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkLoad measures loading the embedded model (wall clock and CPU
// time) and the heap it takes.
func BenchmarkLoad(b *testing.B) {
	var heap uint64
	var cpu time.Duration
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		cpu0 := cpuTime()
		m, err := Load()
		cpu += cpuTime() - cpu0
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - before.HeapAlloc
		runtime.KeepAlive(m)
	}
	b.ReportMetric(float64(heap)/(1<<20), "MB-heap")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}
