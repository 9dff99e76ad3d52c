package main

import (
	"context"
	"fmt"

	"os"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/extract"
	"github.com/crosscheck/crosscheck/pipeline"
	"github.com/crosscheck/crosscheck/report"
	"github.com/crosscheck/crosscheck/source"
)

type analyzeFlags struct {
	format    string
	published string
	outlet    string
	tokens    bool
	color     string
	timeout   time.Duration
	maxBytes  int64
	jobs      int
}

func (e *env) analyzeCmd() *cobra.Command {
	var f analyzeFlags
	cmd := &cobra.Command{
		Use:   "analyze [FILE|URL|-]...",
		Short: "Analyse articles and report what they claim and where they fail",
		Long: `analyze reads each input (a plain-text or HTML file, an http(s) URL, or - for
standard input) and writes one report per input, in input order. Inputs are
processed concurrently. A plain-text input may start with Title:, Outlet:,
URL: and Date: header lines followed by a blank line.

An input that cannot be read or analysed gets one error line on stderr; the
other inputs are still reported, and the exit code is 1.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, names []string) error {
			return e.analyze(cmd.Context(), names, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "json", "output format: json, text, html or events")
	fl.StringVar(&f.published, "published", "", "publication date `YYYY-MM-DD`, overriding the input's")
	fl.StringVar(&f.outlet, "outlet", "", "outlet `NAME`, overriding the input's")
	fl.BoolVar(&f.tokens, "tokens", false, "include tokens in JSON output")
	fl.StringVar(&f.color, "color", "auto", "colour text output: auto, always or never")
	fl.DurationVar(&f.timeout, "timeout", 20*time.Second, "time limit for fetching one URL")
	fl.Int64Var(&f.maxBytes, "max-bytes", 32<<20, "largest input accepted, in bytes")
	fl.IntVarP(&f.jobs, "jobs", "j", runtime.GOMAXPROCS(0), "inputs analysed at once")
	return cmd
}

func (e *env) analyze(ctx context.Context, names []string, f analyzeFlags) error {
	format, err := report.ParseFormat(f.format)
	if err != nil {
		return usageError{err}
	}
	if f.published != "" {
		if _, err := time.Parse(time.DateOnly, f.published); err != nil {
			return usageError{fmt.Errorf("--published %q: want YYYY-MM-DD", f.published)}
		}
	}
	color, err := e.useColor(f.color)
	if err != nil {
		return usageError{err}
	}
	if f.jobs < 1 {
		f.jobs = 1
	}
	p, err := pipeline.New()
	if err != nil {
		return err
	}

	type result struct {
		doc *document.Document
		err error
	}
	results := make([]chan result, len(names))
	sem := make(chan struct{}, f.jobs)
	for i, name := range names {
		results[i] = make(chan result, 1)
		go func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			doc, err := e.analyzeOne(ctx, p, name, f)
			results[i] <- result{doc, err}
		}()
	}

	w := report.NewWriter(e.stdout, format, report.Options{
		Color:  color,
		Tokens: f.tokens,
		Many:   len(names) > 1,
	})
	failed := 0
	for i, name := range names {
		r := <-results[i]
		if r.err != nil {
			failed++
			fmt.Fprintf(e.stderr, "crosscheck: %s: %v\n", name, oneLine(r.err))
			continue
		}
		if err := w.Write(r.doc); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if failed > 0 {
		return errReported
	}
	return nil
}

func (e *env) analyzeOne(ctx context.Context, p *pipeline.Pipeline, name string, f analyzeFlags) (*document.Document, error) {
	var opts = source.Options{MaxBytes: f.maxBytes, Timeout: f.timeout}
	if name == "-" {
		opts.Stdin = e.stdin
	}
	in, err := source.Read(ctx, name, opts)
	if err != nil {
		return nil, err
	}
	doc, err := extract.Extract(in)
	if err != nil {
		return nil, err
	}
	if f.published != "" {
		doc.Meta.Published = f.published
		doc.Meta.PublishedFrom = "flag"
		doc.Meta.PublishedConfidence = 1
	}
	if f.outlet != "" {
		doc.Meta.Outlet = f.outlet
	}
	if err := p.Analyze(ctx, doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// useColor decides whether text output is coloured.
func (e *env) useColor(mode string) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if os.Getenv("NO_COLOR") != "" {
			return false, nil
		}
		f, ok := e.stdout.(*os.File)
		return ok && term.IsTerminal(int(f.Fd())), nil
	}
	return false, fmt.Errorf("--color %q: want auto, always or never", mode)
}

// oneLine keeps an error message on a single line, as the CLI contract
// promises.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
