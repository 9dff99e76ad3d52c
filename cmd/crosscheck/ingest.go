package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/crosscheck/crosscheck/ingest"
	"github.com/crosscheck/crosscheck/pipeline"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/store/postgres"
	"github.com/crosscheck/crosscheck/store/sqlite"
	"github.com/crosscheck/crosscheck/story"
)

// dbFlag adds --db to a corpus command.
func dbFlag(cmd *cobra.Command, p *string) {
	cmd.Flags().StringVar(p, "db", "", "store: an SQLite file `path` or a postgres:// URL (default $CROSSCHECK_DB, else "+store.DefaultPath()+")")
}

// openStore opens the SQLite corpus at path (the default when empty).
func openStore(ctx context.Context, path string) (*sqlite.DB, error) {
	return sqlite.Open(ctx, cmp.Or(path, store.DefaultPath()))
}

// openCorpus opens the corpus named by --db: a postgres:// URL, or an
// SQLite file (created when missing).
func openCorpus(ctx context.Context, path string) (store.Store, error) {
	if postgres.IsURL(path) {
		return postgres.Open(ctx, path)
	}
	return openStore(ctx, path)
}

type ingestFlags struct {
	db             string
	jobs           int
	timeout        time.Duration
	maxBytes       int64
	delay          time.Duration
	perHost        int
	retries        int
	refetch        bool
	noRobots       bool
	noAnalyze      bool
	window         int
	ingestProgress string
	every          time.Duration
	rounds         int
}

func (f *ingestFlags) register(cmd *cobra.Command) {
	dbFlag(cmd, &f.db)
	fl := cmd.Flags()
	fl.IntVarP(&f.jobs, "jobs", "j", runtime.GOMAXPROCS(0), "articles analysed at once")
	fl.DurationVar(&f.timeout, "timeout", 20*time.Second, "time limit for one HTTP request")
	fl.Int64Var(&f.maxBytes, "max-bytes", 8<<20, "largest page, feed, file or record accepted, in bytes")
	fl.DurationVar(&f.delay, "delay", time.Second, "least time between two requests to one host (robots.txt Crawl-delay may raise it)")
	fl.IntVar(&f.perHost, "per-host", 2, "requests to one host at once")
	fl.IntVar(&f.retries, "retries", 3, "retries of a request that failed with a network error, 429 or 5xx")
	fl.BoolVar(&f.refetch, "refetch", false, "fetch pages again even when their URL was ingested before")
	fl.BoolVar(&f.noRobots, "ignore-robots", false, "do not read robots.txt (only for sites you own)")
	fl.BoolVar(&f.noAnalyze, "no-analyze", false, "store articles as extracted, without the analysis stages (faster; stories then group on text alone)")
	fl.IntVar(&f.window, "window", 3, "days apart two versions of a story may be published")
	fl.StringVar(&f.ingestProgress, "progress", "auto", "progress display: auto (a bar on a terminal, lines otherwise), bar, lines or none")
}

func (e *env) ingestCmd() *cobra.Command {
	var f ingestFlags
	cmd := &cobra.Command{
		Use:   "ingest SOURCE...",
		Short: "Add articles to the corpus from files, folders, dumps, feeds and pages",
		Long: `ingest adds articles to the corpus (an SQLite file, see --db) and groups each
into a story with the versions of the same event already there.

A SOURCE is one of:
  FILE.txt, .html, .md   one article (a text may start with a Title:/Outlet:/URL:/Date: header block)
  FILE.jsonl, .ndjson    one JSON object per line: title, text, html, url, outlet, published, byline, authors
  FILE.csv               a header row naming the same columns (date for published, body or content for text)
  FILE.rss, .atom, .xml  a feed: each item's link is fetched, its own content used if that fails
  FILE.opml              a list of feeds
  FOLDER                 every file above in it, recursively (hidden files skipped)
  URL                    a page, a feed or an OPML list over http(s)

Each record needs text, html or a url (then fetched). Pages are fetched
politely: robots.txt, per-host limits, conditional GET, retries with backoff.
An article whose text is already stored is skipped, as is a page whose URL was
ingested before (--refetch to fetch it again), so an interrupted ingest
resumes where it stopped when run again. A bad item is reported on stderr and
skipped; the exit code is then 1.

Articles are grouped in the order their analysis finishes (with -j 1, the
order of the sources); crosscheck stories --regroup groups the whole corpus
again in order of publication.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, sources []string) error {
			return e.ingest(cmd.Context(), sources, f, false)
		},
	}
	f.register(cmd)
	return cmd
}

func (e *env) watchCmd() *cobra.Command {
	var f ingestFlags
	cmd := &cobra.Command{
		Use:   "watch FEED...",
		Short: "Poll feeds on an interval and ingest what is new",
		Long: `watch ingests the given feeds, OPML lists or pages (see crosscheck ingest) once
every --every, until interrupted. Feeds are fetched with conditional GET, and
items already ingested are not fetched again, so a round costs little when
nothing changed. One summary line per round goes to stderr.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, sources []string) error {
			if f.every < time.Second {
				return usageError{fmt.Errorf("--every %s: want at least 1s", f.every)}
			}
			return e.ingest(cmd.Context(), sources, f, true)
		},
	}
	f.register(cmd)
	cmd.Flags().DurationVar(&f.every, "every", 15*time.Minute, "time between two polls")
	cmd.Flags().IntVar(&f.rounds, "rounds", 0, "stop after this many rounds (0: run until interrupted)")
	return cmd
}

func (e *env) ingest(ctx context.Context, sources []string, f ingestFlags, watch bool) error {
	switch f.ingestProgress {
	case "auto", "bar", "lines", "none":
	default:
		return usageError{fmt.Errorf("--progress %q: want auto, bar, lines or none", f.ingestProgress)}
	}
	st, err := openCorpus(ctx, f.db)
	if err != nil {
		return err
	}
	defer st.Close()
	opts := ingest.Options{
		Jobs:     max(1, f.jobs),
		MaxBytes: f.maxBytes,
		Refetch:  f.refetch,
		Group:    story.Options{Window: f.window},
		Fetch: ingest.FetchOptions{
			Timeout: f.timeout, MaxBytes: f.maxBytes, Delay: f.delay, PerHost: f.perHost,
			Retries: cmp.Or(f.retries, -1), IgnoreRobots: f.noRobots,
		},
	}
	if !f.noAnalyze {
		p, err := pipeline.New()
		if err != nil {
			return err
		}
		opts.Analyzer = p
	}
	prog := e.newIngestProgress(f.ingestProgress, watch)
	opts.Report = prog.report
	g, err := ingest.New(ctx, st, opts)
	if err != nil {
		return err
	}
	if !watch {
		s, err := g.Ingest(ctx, sources)
		prog.done(s)
		if err != nil {
			return err
		}
		if s.Failed > 0 {
			return errReported
		}
		return nil
	}
	for round := 1; ; round++ {
		s, err := g.Ingest(ctx, sources)
		prog.done(s)
		if ctx.Err() != nil {
			return nil // interrupted: a normal way for watch to end
		}
		if err != nil {
			return err
		}
		if f.rounds > 0 && round >= f.rounds {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(f.every):
		}
	}
}

// ingestProgress shows how an ingest goes: a bar on a terminal, plain lines
// otherwise; failures always get a line of their own.
type ingestProgress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	lines bool
	watch bool
	n     int
	last  time.Time
}

func (e *env) newIngestProgress(mode string, watch bool) *ingestProgress {
	p := &ingestProgress{w: e.stderr, watch: watch}
	tty := false
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		tty = true
	}
	switch {
	case mode == "bar" || mode == "auto" && tty && !watch:
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	case mode == "lines" || mode == "auto":
		p.lines = true
	}
	return p
}

func (p *ingestProgress) report(ev ingest.Event) {
	p.n++
	if ev.Kind == ingest.Failed {
		if p.bar != nil {
			p.bar.Clear()
		}
		fmt.Fprintf(p.w, "crosscheck: %s: %v\n", ev.Item, oneLine(ev.Err))
	}
	if p.bar != nil {
		p.bar.Add(1)
		return
	}
	if p.lines && !p.watch && time.Since(p.last) >= 2*time.Second {
		p.last = time.Now()
		fmt.Fprintf(p.w, "ingest: %d items done, last %s (%s)\n", p.n, ev.Item, ev.Kind)
	}
}

func (p *ingestProgress) done(s ingest.Stats) {
	if p.bar != nil {
		p.bar.Finish()
	}
	prefix := "ingest"
	if p.watch {
		prefix = "watch " + time.Now().Format(time.DateTime)
	}
	fmt.Fprintf(p.w, "%s: %d added (%d new stories), %d already stored, %d known URLs, %d not modified, %d failed\n",
		prefix, s.Added, s.NewStories, s.Duplicate, s.Known, s.NotModified, s.Failed)
	p.n = 0
}
