// Package ingest takes coverage into the corpus: files, folders, JSON-lines
// and CSV dumps, RSS/Atom feeds and OPML lists, and web pages fetched
// politely. Each article is extracted, analysed, grouped into a story and
// stored, one transaction per article, so that an interrupted ingest loses
// at most the article in flight and a repeated one skips what is stored.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/extract"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/story"
)

// Analyzer runs the analysis stages over a document; *pipeline.Pipeline
// is one.
type Analyzer interface {
	Analyze(ctx context.Context, doc *document.Document) error
}

// Outcomes of one item, for Event.Kind.
const (
	Added       = "added"        // stored, and grouped into a story
	Duplicate   = "duplicate"    // the same text is already stored
	Known       = "known"        // its URL was ingested before: not fetched again
	NotModified = "not-modified" // a feed or page the server says has not changed
	Failed      = "failed"       // reported and skipped
)

// Event is the outcome of one item.
type Event struct {
	Kind string
	// Item names the input: a path, "file.jsonl:12", or a URL.
	Item string
	// Article and Story are set for Added and Duplicate.
	Article string
	Story   string
	// Match says why the article joined its story (Added only).
	Match *story.Match
	Err   error
}

// Stats counts outcomes.
type Stats struct {
	Added, Duplicate, Known, NotModified, Failed int
	NewStories                                   int
}

// Total counts the items seen.
func (s Stats) Total() int {
	return s.Added + s.Duplicate + s.Known + s.NotModified + s.Failed
}

// Options configure an Ingester.
type Options struct {
	// Analyzer analyses each document; nil stores documents as extracted.
	Analyzer Analyzer
	// Fetch configures polite fetching.
	Fetch FetchOptions
	// Group configures story grouping.
	Group story.Options
	// Jobs is how many items are analysed at once (default GOMAXPROCS).
	Jobs int
	// MaxBytes caps one file or record (default 32 MiB).
	MaxBytes int64
	// Refetch fetches pages whose URL was already ingested.
	Refetch bool
	// Report, when set, is called once per item, from one goroutine at a
	// time, in the order outcomes are known.
	Report func(Event)
	// Log receives diagnostics; nil discards them.
	Log *slog.Logger
}

// Ingester ingests sources into a store, grouping as it goes. Runs of one
// Ingester must not overlap; two processes may ingest into one store (or
// one ingest while a server adds articles), and each sees the other's
// articles and merges before grouping the next one (see Corpus).
type Ingester struct {
	st     store.Store
	opts   Options
	fetch  *Fetcher
	corpus *Corpus
	log    *slog.Logger
}

// New returns an Ingester for st, rebuilding the grouping index from the
// articles st holds.
func New(ctx context.Context, st store.Store, opts Options) (*Ingester, error) {
	if opts.Jobs <= 0 {
		opts.Jobs = runtime.GOMAXPROCS(0)
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 32 << 20
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	g := &Ingester{st: st, opts: opts, fetch: NewFetcher(opts.Fetch, st), log: log.WithGroup("ingest")}
	c, err := NewCorpus(ctx, st, opts.Group)
	if err != nil {
		return nil, err
	}
	g.corpus = c
	return g, nil
}

// LoadIndex builds a grouping index from the features st holds. Articles
// without features (stored by another tool) are skipped.
func LoadIndex(ctx context.Context, st store.Store, opts story.Options) (*story.Index, error) {
	ix := story.NewIndex(opts)
	err := st.Features(ctx, func(id, sto string, b []byte) error {
		if len(b) == 0 || sto == "" {
			return nil
		}
		f, err := story.DecodeFeatures(b)
		if err != nil {
			return fmt.Errorf("article %s: %w", id, err)
		}
		ix.Load(sto, &f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load story index: %w", err)
	}
	return ix, nil
}

// analysed is an item ready to be stored.
type analysed struct {
	name     string
	doc      *document.Document
	features story.Features
	resp     *Response // the page it was fetched from, if any
	ev       *Event    // an outcome to report instead
}

// Ingest ingests every source: paths (files or folders), http(s) URLs of
// pages, feeds or OPML lists. A bad item is reported (Options.Report) and
// skipped; the error returned is only for what stops the whole run: a
// store failure or a cancelled context.
func (g *Ingester) Ingest(ctx context.Context, sources []string) (Stats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	items := make(chan item, g.opts.Jobs)
	results := make(chan analysed, g.opts.Jobs)
	extra := make(chan Event, 16)

	w := &walker{ctx: ctx, fetch: g.fetch, out: items, maxSize: g.opts.MaxBytes,
		notModified: func(name string) {
			select {
			case extra <- Event{Kind: NotModified, Item: name}:
			case <-ctx.Done():
			}
		},
		remember: func(r *Response) {
			if err := g.fetch.Remember(ctx, r, ""); err != nil {
				g.log.Warn("remember feed validators", "url", r.URL, "err", err)
			}
		},
	}
	go func() {
		defer close(items)
		for _, s := range sources {
			w.source(s, 0)
		}
	}()
	var wg sync.WaitGroup
	for range g.opts.Jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var x story.Extractor
			for it := range items {
				a := g.prepare(ctx, &x, it)
				select {
				case results <- a:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	var stats Stats
	seen := map[string]bool{}
	report := func(ev Event) {
		switch ev.Kind {
		case Added:
			stats.Added++
		case Duplicate:
			stats.Duplicate++
		case Known:
			stats.Known++
		case NotModified:
			stats.NotModified++
		case Failed:
			stats.Failed++
			g.log.Info("skipped", "item", ev.Item, "err", ev.Err)
		}
		if g.opts.Report != nil {
			g.opts.Report(ev)
		}
	}
	// One writer: the index is not safe for concurrent use, and SQLite
	// takes one writer at a time anyway.
	in := results
	for in != nil {
		select {
		case ev := <-extra:
			report(ev)
		case a, ok := <-in:
			if !ok {
				in = nil
				break
			}
			if a.ev != nil {
				report(*a.ev)
				break
			}
			ev, err := g.store(ctx, a, seen)
			if err != nil {
				cancel()
				for range results {
				}
				return stats, err
			}
			if ev.Kind == Added && ev.Match != nil && ev.Match.New {
				stats.NewStories++
			}
			report(ev)
		}
	}
	// The walker has finished: what it reported is buffered.
	for len(extra) > 0 {
		report(<-extra)
	}
	if err := ctx.Err(); err != nil {
		return stats, err
	}
	return stats, nil
}

// prepare fetches, extracts and analyses one item.
func (g *Ingester) prepare(ctx context.Context, x *story.Extractor, it item) analysed {
	fail := func(err error) analysed {
		return analysed{name: it.name, ev: &Event{Kind: Failed, Item: it.name, Err: err}}
	}
	if it.err != nil {
		return fail(it.err)
	}
	resp := it.resp
	in := it.in
	if in == nil && it.url != "" {
		if !g.opts.Refetch {
			if s, err := g.st.FetchState(ctx, it.url); err == nil && s.Article != "" {
				if ok, _ := g.st.Has(ctx, s.Article); ok {
					return analysed{name: it.name, ev: &Event{Kind: Known, Item: it.name, Article: s.Article}}
				}
			}
		}
		r, err := g.fetch.Get(ctx, it.url, true)
		switch {
		case err == nil && r.NotModified:
			return analysed{name: it.name, ev: &Event{Kind: NotModified, Item: it.name}}
		case err == nil:
			in, err = r.Text(it.url)
			resp = r
		}
		if err != nil {
			if it.fallback == nil || ctx.Err() != nil {
				return fail(err)
			}
			g.log.Info("using the feed's own content", "item", it.name, "err", err)
			in, resp = it.fallback, nil
		}
	}
	if in == nil {
		return fail(errors.New("nothing to read"))
	}
	doc, err := extract.Extract(in)
	if err != nil && it.fallback != nil && in != it.fallback {
		doc, err = extract.Extract(it.fallback)
	}
	if err != nil {
		return fail(fmt.Errorf("extract: %w", err))
	}
	fillMeta(&doc.Meta, it.meta)
	if ok, err := g.st.Has(ctx, doc.ID); err == nil && ok {
		// Already stored: skip the analysis, the expensive part.
		return analysed{name: it.name, doc: doc, resp: resp}
	}
	if g.opts.Analyzer != nil {
		if err := g.opts.Analyzer.Analyze(ctx, doc); err != nil {
			return fail(fmt.Errorf("analyse: %w", err))
		}
	}
	return analysed{name: it.name, doc: doc, features: x.Extract(doc), resp: resp}
}

// fillMeta fills what extraction left empty from what the record or feed
// item said.
func fillMeta(m *document.Meta, from document.Meta) {
	if m.Title == "" {
		m.Title = from.Title
	}
	if m.Outlet == "" {
		m.Outlet = from.Outlet
	}
	if m.URL == "" {
		m.URL = from.URL
	}
	if m.Published == "" && from.Published != "" {
		m.Published = from.Published
		m.PublishedFrom = "feed"
	}
	if m.Byline == "" {
		m.Byline = from.Byline
	}
	if len(m.Authors) == 0 {
		m.Authors = from.Authors
	}
}

// store groups and stores one analysed document. Only store failures are
// returned as errors.
func (g *Ingester) store(ctx context.Context, a analysed, seen map[string]bool) (Event, error) {
	id := a.doc.ID
	ev := Event{Item: a.name, Article: id, Kind: Duplicate}
	if !seen[id] {
		seen[id] = true
		m, added, err := g.corpus.AddFeatures(ctx, a.doc, &a.features, sourceName(a))
		if err != nil {
			return ev, err
		}
		ev.Story = m.Story
		if added {
			ev.Kind, ev.Match = Added, &m
		}
	}
	if a.resp != nil {
		if err := g.fetch.Remember(ctx, a.resp, id); err != nil {
			return ev, err
		}
	}
	return ev, nil
}

func sourceName(a analysed) string {
	if a.resp != nil {
		return a.resp.URL
	}
	return a.name
}

// Index returns the grouping index, for inspection.
func (g *Ingester) Index() *story.Index { return g.corpus.Index() }
