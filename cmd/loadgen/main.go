// Command loadgen measures crosscheck's HTTP server under load: many
// clients sending analyse requests for a 1,000-word article (article.txt
// beside this file, written for the purpose) to POST /api/v1/analyze, and
// reports throughput, latency percentiles and errors.
//
// By default it starts a server in-process on a loopback port, over a
// fresh temporary store and the real pipeline; -url points it at a running
// `crosscheck serve` instead.
//
//	go run ./cmd/loadgen -c 50 -d 30s                 # same article each time
//	go run ./cmd/loadgen -c 50 -d 30s -mode unique    # every request a new text
//	go run ./cmd/loadgen -c 50 -d 30s -mode unique -rate 200   # open loop
//
// The last line of output is one JSON object with the numbers.
package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crosscheck/crosscheck/pipeline"
	"github.com/crosscheck/crosscheck/server"
	"github.com/crosscheck/crosscheck/store/sqlite"
)

//go:embed article.txt
var article string

type options struct {
	url         string
	clients     int
	duration    time.Duration
	warmup      time.Duration
	mode        string
	rate        float64
	store       bool
	articlePath string
}

// Result is what one run measured.
type Result struct {
	Mode     string  `json:"mode"`
	Clients  int     `json:"clients"`
	Rate     float64 `json:"rate,omitempty"`
	Words    int     `json:"words"`
	Requests int     `json:"requests"`
	// Unanswered counts, in an open-loop run, requests that fell due but
	// had not been answered when the run ended: the queue a server too
	// slow for the rate leaves behind.
	Unanswered  int            `json:"unanswered,omitempty"`
	Errors      int            `json:"errors"`
	ErrorKinds  map[string]int `json:"error_kinds,omitempty"`
	Seconds     float64        `json:"seconds"`
	Throughput  float64        `json:"throughput_rps"`
	P50         float64        `json:"p50_ms"`
	P90         float64        `json:"p90_ms"`
	P99         float64        `json:"p99_ms"`
	Max         float64        `json:"max_ms"`
	GOMAXPROCS  int            `json:"gomaxprocs"`
	InProcess   bool           `json:"in_process"`
	ResponseLen int            `json:"response_bytes"`
}

func main() {
	var o options
	flag.StringVar(&o.url, "url", "", "base URL of a running server (default: start one in-process on loopback)")
	flag.IntVar(&o.clients, "c", 50, "concurrent clients")
	flag.DurationVar(&o.duration, "d", 30*time.Second, "how long to measure")
	flag.DurationVar(&o.warmup, "warmup", 3*time.Second, "load before measuring starts")
	flag.StringVar(&o.mode, "mode", "same", "same: one article, every time; unique: a different text each request")
	flag.Float64Var(&o.rate, "rate", 0, "requests per second for an open-loop run (0: each client sends as fast as it gets answers)")
	flag.BoolVar(&o.store, "store", false, "ask the server to store each article too")
	flag.StringVar(&o.articlePath, "article", "", "article file to send (default: the built-in 1,000-word article)")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, o, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "loadgen: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options, stdout, stderr io.Writer) error {
	if o.mode != "same" && o.mode != "unique" {
		return fmt.Errorf("-mode %q: want same or unique", o.mode)
	}
	if o.clients < 1 {
		return errors.New("-c: want at least one client")
	}
	text := article
	if o.articlePath != "" {
		b, err := os.ReadFile(o.articlePath)
		if err != nil {
			return err
		}
		text = string(b)
	}
	base := strings.TrimSuffix(o.url, "/")
	inProcess := base == ""
	if inProcess {
		u, shutdown, err := startServer(ctx)
		if err != nil {
			return err
		}
		defer shutdown()
		base = u
	}
	fmt.Fprintf(stderr, "loadgen: %d clients, mode %s, against %s (in-process %v, GOMAXPROCS %d)\n",
		o.clients, o.mode, base, inProcess, runtime.GOMAXPROCS(0))

	client := &http.Client{
		Timeout: 60 * time.Second,
		Transport: &http.Transport{
			MaxIdleConns:        o.clients * 2,
			MaxIdleConnsPerHost: o.clients * 2,
			IdleConnTimeout:     90 * time.Second,
		},
	}
	var seq atomic.Int64
	same, err := json.Marshal(server.AnalyzeRequest{Text: text, Store: o.store})
	if err != nil {
		return err
	}
	body := func() []byte {
		if o.mode == "same" {
			return same
		}
		// A sentence of its own makes a new article (a new content
		// hash), so the server analyses every request in full.
		t := text + fmt.Sprintf("\n\nThis is correction number %d to the report.", seq.Add(1))
		b, _ := json.Marshal(server.AnalyzeRequest{Text: t, Store: o.store})
		return b
	}

	// Warm up: connections open, caches and the runtime settle.
	if o.warmup > 0 {
		wctx, cancel := context.WithTimeout(ctx, o.warmup)
		load(wctx, client, base, o, body)
		cancel()
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	mctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	start := time.Now()
	samples, unanswered := load(mctx, client, base, o, body)
	elapsed := time.Since(start)

	res := summarize(samples, elapsed)
	res.Unanswered = unanswered
	res.Mode, res.Clients, res.Rate, res.InProcess = o.mode, o.clients, o.rate, inProcess
	res.Words = len(strings.Fields(text))
	res.GOMAXPROCS = runtime.GOMAXPROCS(0)
	fmt.Fprintf(stderr, "loadgen: %d requests in %.1fs: %.1f/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; %d errors %v; %d unanswered\n",
		res.Requests, res.Seconds, res.Throughput, res.P50, res.P90, res.P99, res.Max, res.Errors, res.ErrorKinds, res.Unanswered)
	enc := json.NewEncoder(stdout)
	return enc.Encode(res)
}

// sample is one request's outcome.
type sample struct {
	latency time.Duration
	err     string // "" on success
	size    int
}

// load sends requests until ctx ends: in a closed loop (each client sends
// its next request when the last is answered) or, with a rate, in an open
// loop where latency counts from when the request was due, so that a slow
// server cannot hide its queue (coordinated omission).
func load(ctx context.Context, client *http.Client, base string, o options, body func() []byte) ([]sample, int) {
	var (
		mu        sync.Mutex
		all       []sample
		wg        sync.WaitGroup
		scheduled int
		sched     = make(chan struct{})
	)
	var due chan time.Time
	if o.rate > 0 {
		// Room for every request of a long run: the schedule never
		// waits for the clients.
		due = make(chan time.Time, int(o.rate*(o.duration+o.warmup).Seconds())+1024)
		go func() {
			defer close(sched)
			defer close(due)
			interval := time.Duration(float64(time.Second) / o.rate)
			next := time.Now()
			for {
				select {
				case <-ctx.Done():
					return
				case <-time.After(time.Until(next)):
				}
				select {
				case due <- next:
					scheduled++
				default:
				}
				next = next.Add(interval)
			}
		}()
	} else {
		close(sched)
	}
	for range o.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []sample
			for ctx.Err() == nil {
				start := time.Now()
				if due != nil {
					var ok bool
					select {
					case start, ok = <-due:
						if !ok {
							break
						}
					case <-ctx.Done():
					}
					if !ok || ctx.Err() != nil {
						break
					}
				}
				s := once(ctx, client, base, body())
				if ctx.Err() != nil && s.err != "" {
					break // cut off by the end of the run, not a failure
				}
				s.latency = time.Since(start)
				mine = append(mine, s)
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	<-sched
	unanswered := 0
	if o.rate > 0 {
		unanswered = max(0, scheduled-len(all))
	}
	return all, unanswered
}

func once(ctx context.Context, client *http.Client, base string, body []byte) sample {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/analyze", bytes.NewReader(body))
	if err != nil {
		return sample{err: "request"}
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return sample{err: "timeout"}
		}
		return sample{err: "transport"}
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return sample{err: "read"}
	}
	if resp.StatusCode != http.StatusOK {
		return sample{err: fmt.Sprintf("HTTP %d", resp.StatusCode)}
	}
	return sample{size: int(n)}
}

func summarize(samples []sample, elapsed time.Duration) Result {
	var lat []time.Duration
	res := Result{Requests: len(samples), Seconds: elapsed.Seconds(), ErrorKinds: map[string]int{}}
	for _, s := range samples {
		if s.err != "" {
			res.Errors++
			res.ErrorKinds[s.err]++
			continue
		}
		lat = append(lat, s.latency)
		res.ResponseLen = s.size
	}
	if len(res.ErrorKinds) == 0 {
		res.ErrorKinds = nil
	}
	res.Throughput = float64(len(lat)) / elapsed.Seconds()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		i := min(len(lat)-1, int(p*float64(len(lat))))
		return float64(lat[i].Microseconds()) / 1000
	}
	res.P50, res.P90, res.P99 = pct(0.50), pct(0.90), pct(0.99)
	if len(lat) > 0 {
		res.Max = float64(lat[len(lat)-1].Microseconds()) / 1000
	}
	return res
}

// startServer runs a server over a temporary store on a loopback port and
// returns its base URL.
func startServer(ctx context.Context) (string, func(), error) {
	dir, err := os.MkdirTemp("", "crosscheck-loadgen-")
	if err != nil {
		return "", nil, err
	}
	st, err := sqlite.Open(ctx, filepath.Join(dir, "load.db"))
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	p, err := pipeline.New()
	if err != nil {
		st.Close()
		os.RemoveAll(dir)
		return "", nil, err
	}
	srv, err := server.New(server.Config{Store: st, Analyzer: p, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		st.Close()
		os.RemoveAll(dir)
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		st.Close()
		os.RemoveAll(dir)
		return "", nil, err
	}
	sctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		srv.Serve(sctx, ln)
		close(done)
	}()
	return "http://" + ln.Addr().String(), func() {
		cancel()
		<-done
		st.Close()
		os.RemoveAll(dir)
	}, nil
}
