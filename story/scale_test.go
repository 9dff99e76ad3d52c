package story_test

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/story"
	"github.com/crosscheck/crosscheck/story/synth"
)

// BenchmarkGroupScale groups synthetic corpora of 10k and 100k articles
// (and 1M with CROSSCHECK_BENCH_1M=1) and reports the grouping stage's
// throughput (features and index, generation excluded), the index's heap
// bytes per article, peak RSS and B-cubed F1 against the generator's
// truth. Run once per size:
//
//	go test ./story -run '^$' -bench GroupScale -benchtime 1x
func BenchmarkGroupScale(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if os.Getenv("CROSSCHECK_BENCH_1M") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for range b.N {
				r := scaleRun(n)
				b.ReportMetric(r.perSec, "articles/s")
				b.ReportMetric(r.perCPU, "articles/cpu-s")
				b.ReportMetric(r.addPerSec, "adds/s")
				b.ReportMetric(r.indexBytes, "index-B/article")
				b.ReportMetric(r.peakMB, "peak-RSS-MB")
				b.ReportMetric(r.f1, "bcubed-F1")
				b.ReportMetric(r.words, "words/article")
			}
		})
	}
}

type scaleResult struct {
	perSec, perCPU, addPerSec, indexBytes, peakMB, f1, words float64
}

func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func scaleRun(n int) scaleResult {
	const batch = 10_000
	gen := synth.New(synth.Options{Seed: 42})
	truth := make([]int32, 0, n)
	pred := make([]string, 0, n)
	base := heap()
	ix := story.NewIndex(story.Options{})
	workers := runtime.GOMAXPROCS(0)
	exs := make([]story.Extractor, workers)
	var stageTime, addTime, cpu time.Duration
	var words int
	docs := make([]synth.Article, batch)
	feats := make([]story.Features, batch)
	for done := 0; done < n; {
		k := min(batch, n-done)
		for i := range k {
			docs[i] = gen.Next()
			truth = append(truth, int32(docs[i].Story))
			if i%100 == 0 {
				words += len(strings.Fields(docs[i].Doc.Text))
			}
		}
		// Features are computed by the workers chunk by chunk while this
		// goroutine adds the chunks already done, as an ingest does.
		start, c0 := time.Now(), cpuTime()
		const chunk = 250
		chunks := (k + chunk - 1) / chunk
		ready := make([]chan struct{}, chunks)
		for c := range ready {
			ready[c] = make(chan struct{})
		}
		next := make(chan int, chunks)
		for c := range chunks {
			next <- c
		}
		close(next)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for c := range next {
					for i := c * chunk; i < min(k, (c+1)*chunk); i++ {
						feats[i] = exs[w].Extract(docs[i].Doc)
					}
					close(ready[c])
				}
			}()
		}
		var wait time.Duration
		for c := range chunks {
			t := time.Now()
			<-ready[c]
			wait += time.Since(t)
			for i := c * chunk; i < min(k, (c+1)*chunk); i++ {
				pred = append(pred, ix.Add(docs[i].Doc.ID, &feats[i]).Story)
			}
		}
		wg.Wait()
		total := time.Since(start)
		stageTime += total
		addTime += total - wait
		cpu += cpuTime() - c0
		done += k
	}
	for i := range docs {
		docs[i], feats[i] = synth.Article{}, story.Features{}
	}
	total := heap()
	// What the harness itself holds: the truth and the prediction
	// headers (the story id strings belong to the index).
	harness := uint64(cap(truth))*4 + uint64(cap(pred))*16 + uint64(cap(docs))*16 + uint64(cap(feats))*(4+4*story.SigSize+24)
	r := scaleResult{
		perSec:     float64(n) / stageTime.Seconds(),
		perCPU:     float64(n) / cpu.Seconds(),
		addPerSec:  float64(n) / addTime.Seconds(),
		indexBytes: (float64(total) - float64(base) - float64(harness)) / float64(n),
		peakMB:     peakRSS() / (1 << 20),
		words:      float64(words) / float64((n+99)/100),
	}
	runtime.KeepAlive(ix)
	r.f1 = bcubed(truth, pred)
	debug.FreeOSMemory()
	return r
}

// bcubed is B-cubed F1 in O(n): for each (predicted, true) cluster pair
// of size c, its c items each have precision c/|predicted| and recall
// c/|true|.
func bcubed(truth []int32, pred []string) float64 {
	type pair struct {
		p string
		t int32
	}
	both := map[pair]int{}
	ps := map[string]int{}
	ts := map[int32]int{}
	for i := range truth {
		both[pair{pred[i], truth[i]}]++
		ps[pred[i]]++
		ts[truth[i]]++
	}
	var p, r float64
	for k, c := range both {
		p += float64(c) * float64(c) / float64(ps[k.p])
		r += float64(c) * float64(c) / float64(ts[k.t])
	}
	n := float64(len(truth))
	p, r = p/n, r/n
	return 2 * p * r / (p + r)
}

// peakRSS reads the process's peak resident set size (Linux), in bytes.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb * 1024
		}
	}
	return 0
}

// BenchmarkAdd measures one Add of a new article into an index already
// holding 50,000 articles, features computed beforehand.
func BenchmarkAdd(b *testing.B) {
	gen := synth.New(synth.Options{Seed: 3})
	ix := story.NewIndex(story.Options{})
	var x story.Extractor
	next := func() (string, story.Features) {
		a := gen.Next()
		return a.Doc.ID, x.Extract(a.Doc)
	}
	for range 50_000 {
		id, f := next()
		ix.Add(id, &f)
	}
	const pool = 2000
	fs := make([]story.Features, pool)
	ids := make([]string, pool)
	b.ResetTimer()
	var cpu time.Duration
	c := cpuTime()
	for i := range b.N {
		if i%pool == 0 {
			cpu += cpuTime() - c
			b.StopTimer()
			for k := range fs {
				ids[k], fs[k] = next()
			}
			b.StartTimer()
			c = cpuTime()
		}
		ix.Add(ids[i%pool], &fs[i%pool])
	}
	cpu += cpuTime() - c
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// BenchmarkExtract measures computing one article's features.
func BenchmarkExtract(b *testing.B) {
	gen := synth.New(synth.Options{Seed: 5})
	a := gen.Next()
	for len(a.Doc.Text) < 3000 {
		a = gen.Next()
	}
	var x story.Extractor
	b.SetBytes(int64(len(a.Doc.Text)))
	b.ReportAllocs()
	c := cpuTime()
	for range b.N {
		x.Extract(a.Doc)
	}
	b.ReportMetric(float64((cpuTime()-c).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime is the CPU time the process has used. The machine's two cores
// are shared, so wall-clock rates swing with other work; CPU time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var _ = fmt.Sprint
