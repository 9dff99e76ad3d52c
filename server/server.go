// Package server is crosscheck's HTTP service: a JSON API under /api/v1,
// described by the OpenAPI document at /api/openapi.json, and a web UI of
// server-rendered pages (analyse, article, story, search, entity) over the
// same store and pipeline.
//
// The pages are html/template, so every piece of article text is escaped;
// the article view reuses package report's templates. A little JavaScript
// (highlighting a flag's evidence, the analyse form's tabs) improves the
// pages but none of them needs it. Articles the server stores are grouped
// into stories by an ingest.Corpus, as the ingest command groups them, and
// a story's versions are compared by package story, as crosscheck story
// compares them.
//
// Security, in short: request bodies and fetched pages have size limits;
// the http.Server has read, write and idle timeouts and each analysis its
// own; URLs are fetched through a dialer that refuses loopback, private and
// link-local addresses after DNS resolution (so neither a redirect nor DNS
// rebinding gets around it) unless Config.AllowPrivate is set; form posts
// carry a signed CSRF token and every unsafe request passes
// http.CrossOriginProtection; Config.Token, when set, guards writes; a
// panic becomes a plain 500 error object and never shows a stack trace.
package server

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/ingest"
	"github.com/crosscheck/crosscheck/source"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/story"
)

// Defaults used when a Config field is zero.
const (
	DefaultAddr           = "127.0.0.1:8080"
	DefaultMaxBody        = 16 << 20
	DefaultMaxFetch       = 8 << 20
	DefaultFetchTimeout   = 15 * time.Second
	DefaultAnalyzeTimeout = 30 * time.Second
	DefaultCacheSize      = 256
)

// Analyzer runs the analysis stages over a document that extraction
// built; *pipeline.Pipeline is one.
type Analyzer interface {
	Analyze(ctx context.Context, doc *document.Document) error
}

// Config configures a Server. Store and Analyzer are required.
type Config struct {
	Store    store.Store
	Analyzer Analyzer
	// Corpus adds analysed articles to the store and groups them into
	// stories; nil means an ingest.Corpus over Store, the grouping the
	// ingest command uses.
	Corpus Corpus

	// AllowPrivate lets URL fetches reach loopback, private and
	// link-local addresses. Leave it off on any server others can reach.
	AllowPrivate bool
	// Token, when set, must be sent with every write: as
	// "Authorization: Bearer TOKEN" to the API, or in the form's token
	// field.
	Token string

	// MaxBody is the largest request body accepted, in bytes.
	MaxBody int64
	// MaxFetch is the largest page fetched for a URL, in bytes.
	MaxFetch int64
	// FetchTimeout bounds fetching one URL.
	FetchTimeout time.Duration
	// AnalyzeTimeout bounds one whole analysis, fetching included.
	AnalyzeTimeout time.Duration
	// Workers bounds the analyses that run at once (default GOMAXPROCS);
	// more wait their turn.
	Workers int
	// CacheSize is how many analysed texts are kept, so that the same
	// article submitted again is answered without analysing it again; a
	// negative value turns the cache off.
	CacheSize int

	Logger *slog.Logger
}

// Server serves the API and the web UI. It is an http.Handler.
type Server struct {
	cfg     Config
	log     *slog.Logger
	store   store.Store
	corpus  Corpus
	fetcher *source.Fetcher

	pages   map[string]*template.Template
	static  map[string]staticFile
	assets  assets
	csrfKey []byte

	workers chan struct{}
	cache   *docCache
	flight  singleflight.Group

	routes  []route
	handler http.Handler
}

// New returns a Server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Analyzer == nil {
		return nil, errors.New("server: Config needs a Store and an Analyzer")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxFetch <= 0 {
		cfg.MaxFetch = DefaultMaxFetch
	}
	if cfg.FetchTimeout <= 0 {
		cfg.FetchTimeout = DefaultFetchTimeout
	}
	if cfg.AnalyzeTimeout <= 0 {
		cfg.AnalyzeTimeout = DefaultAnalyzeTimeout
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.CacheSize == 0 {
		cfg.CacheSize = DefaultCacheSize
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		cfg:     cfg,
		log:     cfg.Logger.WithGroup("server"),
		store:   cfg.Store,
		corpus:  cfg.Corpus,
		workers: make(chan struct{}, cfg.Workers),
		cache:   newDocCache(cfg.CacheSize),
		csrfKey: make([]byte, 32),
	}
	if s.corpus == nil {
		c, err := ingest.NewCorpus(context.Background(), cfg.Store, story.Options{})
		if err != nil {
			return nil, fmt.Errorf("server: %w", err)
		}
		s.corpus = c
	}
	rand.Read(s.csrfKey)
	fo := source.FetchOptions{MaxBytes: cfg.MaxFetch, Timeout: cfg.FetchTimeout, MaxRedirects: 5}
	if !cfg.AllowPrivate {
		fo.Control = source.DenyPrivate
	}
	s.fetcher = source.NewFetcher(fo)
	if err := s.loadTemplates(); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s.routes = s.routeTable()
	s.handler = s.buildHandler()
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// HTTPServer returns an http.Server for s with timeouts that keep slow or
// stalled clients from holding connections: headers within 10 s, a whole
// request within a minute, an answer written within the analysis timeout
// and a margin.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      s.cfg.AnalyzeTimeout + 30*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Serve serves on ln until ctx is cancelled, then shuts down gracefully,
// giving requests in flight up to ten seconds to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer(ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
