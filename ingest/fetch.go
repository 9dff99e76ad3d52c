package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/temoto/robotstxt"
	"golang.org/x/net/html/charset"

	"github.com/crosscheck/crosscheck/source"
	"github.com/crosscheck/crosscheck/store"
)

// The fetcher is ingest's own rather than source.Fetcher because crawling
// a corpus needs what fetching one page for analyze does not: conditional
// GET with validators remembered in the store, robots.txt, per-host
// concurrency and rate limits, retries with backoff, and feed media types.
// It sends source.UserAgent, so that site owners see one crosscheck.

// Fetch errors, wrapped.
var (
	ErrDisallowed = errors.New("disallowed by robots.txt")
	ErrTooLarge   = errors.New("response too large")
)

// FetchOptions configure polite fetching. Zero values mean the defaults.
type FetchOptions struct {
	// UserAgent is sent with every request (default source.UserAgent).
	UserAgent string
	// Timeout bounds one request, body included (default 20s).
	Timeout time.Duration
	// MaxBytes caps a response body (default 8 MiB).
	MaxBytes int64
	// PerHost is how many requests one host gets at once (default 2).
	PerHost int
	// Delay is the least time between two requests to one host (default
	// 1s); a robots.txt Crawl-delay raises it, up to MaxDelay.
	Delay time.Duration
	// MaxDelay caps the Crawl-delay honoured (default 30s).
	MaxDelay time.Duration
	// Retries is how many times a failed request is retried: network
	// errors, 429 and 5xx responses (default 3; negative for none).
	Retries int
	// Backoff is the wait before the first retry, doubled each time with
	// jitter, or the server's Retry-After when it sends one (default 1s).
	Backoff time.Duration
	// MaxRedirects bounds the redirects followed (default 5).
	MaxRedirects int
	// IgnoreRobots skips robots.txt. For tests and sites you own.
	IgnoreRobots bool
	// Transport replaces the HTTP transport (tests).
	Transport http.RoundTripper
}

func (o FetchOptions) withDefaults() FetchOptions {
	if o.UserAgent == "" {
		o.UserAgent = source.UserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = 20 * time.Second
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 8 << 20
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.Delay <= 0 {
		o.Delay = time.Second
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 30 * time.Second
	}
	switch {
	case o.Retries == 0:
		o.Retries = 3
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	return o
}

// Fetcher fetches politely. It is safe for concurrent use.
type Fetcher struct {
	opts   FetchOptions
	client *http.Client
	state  store.Store // for validators; may be nil

	mu    sync.Mutex
	hosts map[string]*host
}

// host is the politeness state of one host.
type host struct {
	sem chan struct{}

	mu    sync.Mutex
	next  time.Time // earliest start of the next request
	delay time.Duration

	robotsOnce sync.Once
	robots     *robotstxt.Group
}

// NewFetcher returns a Fetcher. st, when not nil, remembers ETag and
// Last-Modified for conditional GET.
func NewFetcher(opts FetchOptions, st store.Store) *Fetcher {
	o := opts.withDefaults()
	rt := o.Transport
	if rt == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.ResponseHeaderTimeout = o.Timeout
		t.DialContext = (&net.Dialer{Timeout: o.Timeout, KeepAlive: 30 * time.Second}).DialContext
		rt = t
	}
	f := &Fetcher{opts: o, state: st, hosts: map[string]*host{}}
	f.client = &http.Client{
		Transport: rt,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > o.MaxRedirects {
				return fmt.Errorf("stopped after %d redirects", o.MaxRedirects)
			}
			for _, v := range via {
				if v.URL.String() == req.URL.String() {
					return fmt.Errorf("redirect loop at %s", req.URL)
				}
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
			}
			return nil
		},
	}
	return f
}

func (f *Fetcher) host(h string) *host {
	f.mu.Lock()
	defer f.mu.Unlock()
	x, ok := f.hosts[h]
	if !ok {
		x = &host{sem: make(chan struct{}, f.opts.PerHost), delay: f.opts.Delay}
		f.hosts[h] = x
	}
	return x
}

// Response is a fetched resource.
type Response struct {
	// URL is the final address after redirects.
	URL string
	// NotModified is true when the server answered 304 to a conditional
	// GET; Body is then empty.
	NotModified bool
	// ContentType is the media type without parameters.
	ContentType string
	// Body is the raw body; Text decodes it.
	Body   []byte
	Header http.Header
	// State is what was recorded for conditional GET.
	State *store.FetchState
	// charset is the declared charset parameter, if any.
	charset string
}

// Text returns the body decoded to UTF-8 as a source.Input, using the
// declared charset, a <meta> charset, or a byte-order mark.
func (r *Response) Text(name string) (*source.Input, error) {
	return decode(name, r.URL, r.ContentType, r.charset, r.Body)
}

// decode turns data into a UTF-8 source.Input.
func decode(name, u, mediaType, cs string, data []byte) (*source.Input, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, source.ErrEmpty
	}
	ct := mediaType
	if cs != "" {
		ct += "; charset=" + cs
	}
	enc, encName, _ := charset.DetermineEncoding(data, ct)
	out := data
	if encName != "utf-8" {
		var err error
		out, err = enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("decode %s: %w", encName, err)
		}
	}
	out = bytes.TrimPrefix(out, []byte("\uFEFF"))
	if !utf8.Valid(out) {
		return nil, source.ErrInvalidUTF8
	}
	if mediaType == "" {
		mediaType = http.DetectContentType(out)
		mediaType, _, _ = mime.ParseMediaType(mediaType)
	}
	return &source.Input{Name: name, URL: u, ContentType: mediaType, Charset: encName, Data: out}, nil
}

// Get fetches u politely. With conditional set and validators remembered
// for u, it sends them, and a 304 answer comes back as NotModified. A
// successful answer's validators are recorded (the caller adds the article
// id with Remember).
func (f *Fetcher) Get(ctx context.Context, u string, conditional bool) (*Response, error) {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return nil, fmt.Errorf("bad URL %q", u)
	}
	h := f.host(pu.Host)
	if !f.opts.IgnoreRobots {
		h.robotsOnce.Do(func() { f.loadRobots(ctx, pu, h) })
		if h.robots != nil && !h.robots.Test(pu.RequestURI()) {
			return nil, fmt.Errorf("%s: %w", u, ErrDisallowed)
		}
	}
	var prev *store.FetchState
	if conditional && f.state != nil {
		if s, err := f.state.FetchState(ctx, u); err == nil {
			prev = s
		}
	}
	var lastErr error
	for attempt := 0; attempt <= f.opts.Retries; attempt++ {
		if attempt > 0 {
			wait := f.opts.Backoff << (attempt - 1)
			wait += time.Duration(rand.Int64N(int64(wait)/2 + 1))
			var re *retryAfter
			if errors.As(lastErr, &re) && re.wait > 0 {
				wait = min(re.wait, f.opts.MaxDelay)
			}
			if err := sleep(ctx, wait); err != nil {
				return nil, err
			}
		}
		resp, err := f.once(ctx, h, u, prev)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		if ctx.Err() != nil || !retryable(err) {
			break
		}
	}
	return nil, lastErr
}

// retryAfter is a response worth retrying, with the server's Retry-After.
type retryAfter struct {
	code int
	wait time.Duration
}

func (e *retryAfter) Error() string { return fmt.Sprintf("HTTP %d", e.code) }

// temporary marks a network error worth retrying.
type temporary struct{ err error }

func (e *temporary) Error() string { return e.err.Error() }
func (e *temporary) Unwrap() error { return e.err }

func retryable(err error) bool {
	var ra *retryAfter
	var tmp *temporary
	return errors.As(err, &ra) || errors.As(err, &tmp)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// wait blocks until h may take another request, and books the slot.
func (h *host) wait(ctx context.Context) error {
	h.mu.Lock()
	now := time.Now()
	start := now
	if h.next.After(now) {
		start = h.next
	}
	h.next = start.Add(h.delay)
	h.mu.Unlock()
	return sleep(ctx, start.Sub(now))
}

// once makes one request.
func (f *Fetcher) once(ctx context.Context, h *host, u string, prev *store.FetchState) (*Response, error) {
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-h.sem }()
	if err := h.wait(ctx); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("bad URL %q: %w", u, err)
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/*;q=0.8,*/*;q=0.5")
	if prev != nil {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() && !errors.Is(err, context.Canceled) {
			return nil, &temporary{fmt.Errorf("get %s: timed out after %s", u, f.opts.Timeout)}
		}
		var ue *url.Error
		if errors.As(err, &ue) && ctx.Err() == nil && !strings.Contains(ue.Err.Error(), "redirect") {
			return nil, &temporary{fmt.Errorf("get %s: %w", u, ue.Err)}
		}
		if ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, &temporary{fmt.Errorf("get %s: timed out after %s", u, f.opts.Timeout)}
		}
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("get %s: %w", u, err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	out := &Response{URL: final, Header: resp.Header}
	switch {
	case resp.StatusCode == http.StatusNotModified && prev != nil:
		out.NotModified = true
		out.State = prev
		return out, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, fmt.Errorf("get %s: %w", u, &retryAfter{code: resp.StatusCode, wait: parseRetryAfter(resp.Header.Get("Retry-After"))})
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("get %s: %w", u, &source.StatusError{Code: resp.StatusCode, Status: resp.Status})
	}
	if n := resp.ContentLength; n > f.opts.MaxBytes {
		return nil, fmt.Errorf("get %s: %w: %d bytes, limit %d", u, ErrTooLarge, n, f.opts.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, &temporary{fmt.Errorf("get %s: timed out reading the body after %s", u, f.opts.Timeout)}
		}
		return nil, &temporary{fmt.Errorf("get %s: read body: %w", u, err)}
	}
	if int64(len(body)) > f.opts.MaxBytes {
		return nil, fmt.Errorf("get %s: %w: over %d bytes", u, ErrTooLarge, f.opts.MaxBytes)
	}
	mt, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	out.ContentType, out.charset, out.Body = mt, params["charset"], body
	out.State = &store.FetchState{URL: u, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
		Status: resp.StatusCode, Fetched: time.Now()}
	return out, nil
}

// Remember records the validators of a successful fetch in the store,
// with the article it yielded ("" for a feed).
func (f *Fetcher) Remember(ctx context.Context, r *Response, article string) error {
	if f.state == nil || r == nil || r.State == nil {
		return nil
	}
	s := *r.State
	s.Article = article
	if r.NotModified {
		s.Fetched = time.Now()
	}
	return f.state.PutFetchState(ctx, &s)
}

func parseRetryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, time.Until(t))
	}
	return 0
}

// loadRobots fetches and parses the host's robots.txt once. An
// unreachable or broken robots.txt allows everything, as crawlers
// conventionally read it; a 401 or 403 disallows everything
// (robotstxt.FromStatusAndBytes implements both).
func (f *Fetcher) loadRobots(ctx context.Context, pu *url.URL, h *host) {
	ru := &url.URL{Scheme: pu.Scheme, Host: pu.Host, Path: "/robots.txt"}
	resp, err := f.once(ctx, h, ru.String(), nil)
	var data *robotstxt.RobotsData
	switch {
	case err == nil:
		data, err = robotstxt.FromStatusAndBytes(http.StatusOK, resp.Body)
	default:
		var se *source.StatusError
		if errors.As(err, &se) {
			data, err = robotstxt.FromStatusAndBytes(se.Code, nil)
		}
	}
	if err != nil || data == nil {
		return
	}
	g := data.FindGroup("crosscheck")
	h.robots = g
	if g.CrawlDelay > 0 {
		h.mu.Lock()
		h.delay = max(h.delay, min(g.CrawlDelay, f.opts.MaxDelay))
		h.mu.Unlock()
	}
}
