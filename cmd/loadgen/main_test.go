package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	var samples []sample
	for i := 1; i <= 100; i++ {
		samples = append(samples, sample{latency: time.Duration(i) * time.Millisecond, size: 10})
	}
	samples = append(samples, sample{err: "HTTP 500"}, sample{err: "HTTP 500"}, sample{err: "timeout"})
	r := summarize(samples, 2*time.Second)
	if r.Requests != 103 || r.Errors != 3 || r.ErrorKinds["HTTP 500"] != 2 || r.ErrorKinds["timeout"] != 1 {
		t.Errorf("counts %+v", r)
	}
	if r.P50 != 51 || r.P90 != 91 || r.P99 != 100 || r.Max != 100 || r.Throughput != 50 {
		t.Errorf("p50 %v p90 %v p99 %v max %v throughput %v", r.P50, r.P90, r.P99, r.Max, r.Throughput)
	}
	if r := summarize(nil, time.Second); r.Requests != 0 || r.P99 != 0 || r.ErrorKinds != nil {
		t.Errorf("empty run %+v", r)
	}
}

// TestRun drives a stand-in server, closed and open loop, and checks what
// is counted.
func TestRun(t *testing.T) {
	var n atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req map[string]any
		if r.URL.Path != "/api/v1/analyze" || json.NewDecoder(r.Body).Decode(&req) != nil || req["text"] == "" {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		if n.Add(1)%10 == 0 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(`{"document":{}}`))
	}))
	defer ts.Close()
	for _, o := range []options{
		{url: ts.URL, clients: 4, duration: 300 * time.Millisecond, mode: "same"},
		{url: ts.URL, clients: 4, duration: 300 * time.Millisecond, mode: "unique", rate: 100},
	} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), o, &out, &errOut); err != nil {
			t.Fatal(err)
		}
		var r Result
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			t.Fatalf("last line %q: %v", out.String(), err)
		}
		if r.Requests == 0 || r.Errors == 0 || r.ErrorKinds["HTTP 503"] != r.Errors || r.Words < 900 || r.InProcess {
			t.Errorf("%+v: result %+v", o, r)
		}
		if o.rate > 0 && (r.Requests < 20 || r.Requests > 40) {
			t.Errorf("open loop at 100/s for 0.3 s sent %d requests", r.Requests)
		}
	}
	if err := run(context.Background(), options{mode: "other", clients: 1}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
		t.Error("bad mode accepted")
	}
}
