package main

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/pipeline"
	"github.com/crosscheck/crosscheck/server"
)

type serveFlags struct {
	addr           string
	db             string
	allowPrivate   bool
	token          string
	maxBody        int64
	maxFetch       int64
	fetchTimeout   time.Duration
	analyzeTimeout time.Duration
	verbose        bool
}

func (e *env) serveCmd() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web UI and the JSON API",
		Long: `serve runs crosscheck's web interface and its JSON API over the corpus in the
embedded store. Open the address it prints in a browser to analyse articles,
read them with their findings, compare the versions of a story, search, and
look up entities. The API lives under /api/v1 and is described at
/api/openapi.json.

By default it listens on 127.0.0.1 only. Before serving others, set a token
(--token or $CROSSCHECK_TOKEN) so that only those who hold it can analyse and
store articles; URL fetches never reach loopback, private or link-local
addresses unless --allow-private is given.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.serve(cmd.Context(), f)
		},
	}
	dbFlag(cmd, &f.db)
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", server.DefaultAddr, "`host:port` to listen on")
	fl.BoolVar(&f.allowPrivate, "allow-private", false, "let URL fetches reach loopback, private and link-local addresses")
	fl.StringVar(&f.token, "token", "", "API `token` required for writes (default $CROSSCHECK_TOKEN)")
	fl.Int64Var(&f.maxBody, "max-body", server.DefaultMaxBody, "largest request body accepted, in bytes")
	fl.Int64Var(&f.maxFetch, "max-fetch", server.DefaultMaxFetch, "largest page fetched for a URL, in bytes")
	fl.DurationVar(&f.fetchTimeout, "fetch-timeout", server.DefaultFetchTimeout, "time limit for fetching one URL")
	fl.DurationVar(&f.analyzeTimeout, "analyze-timeout", server.DefaultAnalyzeTimeout, "time limit for one analysis")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "log every request")
	return cmd
}

func (e *env) serve(ctx context.Context, f serveFlags) error {
	level := slog.LevelInfo
	if f.verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))

	p, err := pipeline.New()
	if err != nil {
		return err
	}
	st, err := openStore(ctx, f.db)
	if err != nil {
		return err
	}
	defer st.Close()

	// The server groups what it stores with an ingest.Corpus over st,
	// as the ingest command does, and compares stories with package story.
	srv, err := server.New(server.Config{
		Store:          st,
		Analyzer:       p,
		AllowPrivate:   f.allowPrivate,
		Token:          cmp.Or(f.token, os.Getenv("CROSSCHECK_TOKEN")),
		MaxBody:        f.maxBody,
		MaxFetch:       f.maxFetch,
		FetchTimeout:   f.fetchTimeout,
		AnalyzeTimeout: f.analyzeTimeout,
		Logger:         log,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	fmt.Fprintf(e.stderr, "crosscheck: serving on http://%s (store %s)\n", ln.Addr(), st.Path())
	return srv.Serve(ctx, ln)
}
