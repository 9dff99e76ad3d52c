package main

import (
	"context"
	"encoding/json"
	"fmt"

	"runtime"
	"slices"
	"sort"
	"sync"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/check/inject"
	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/extract"
	"github.com/crosscheck/crosscheck/extract/scoring"
	"github.com/crosscheck/crosscheck/pipeline"
	"github.com/crosscheck/crosscheck/source"
)

type evalChecksFlags struct {
	data   string
	detail string
	jobs   int
}

func (e *env) evalChecksCmd() *cobra.Command {
	var f evalChecksFlags
	cmd := &cobra.Command{
		Use:   "checks --data PATH",
		Short: "Measure the checks on known errors planted in clean news articles",
		Long: `eval checks reads the clean article bodies of the extraction benchmark at
PATH (ground-truth.json), analyses each, and counts the high-severity flags it
raises: on clean text every one is a false alarm. Then, for every kind of
error in package check/inject, it plants that error in each article that
offers a place for it (a role's country swapped in a restated sentence, a
figure changed, a city moved to another country, a quote repeated under
another name), analyses the changed article, and counts the error as caught
when a flag of the expected kind, of warning or high severity, points at the
changed words.

The last line on stdout is one JSON object with recall per kind and false
flags per clean article.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.evalChecks(cmd.Context(), f)
		},
	}
	cmd.Flags().StringVar(&f.data, "data", "../shared/data/extraction", "extraction benchmark `PATH` (its ground-truth bodies are the clean articles)")
	cmd.Flags().StringVar(&f.detail, "detail", "", "write every case and clean-article flag as JSON lines to `FILE`")
	cmd.Flags().IntVarP(&f.jobs, "jobs", "j", runtime.GOMAXPROCS(0), "articles analysed at once")
	return cmd
}

// checkCase is one planted error and what the analysis made of it.
type checkCase struct {
	Article  string `json:"article"`
	Kind     string `json:"kind"`
	Change   string `json:"change"`
	Caught   bool   `json:"caught"`
	Severity string `json:"severity,omitempty"`
	// Flags lists the expected kind's flags that did not point at the
	// change, to see near misses.
	Missed []string `json:"missed,omitempty"`
	// Facts and Text are kept for missed cases, to see why.
	Facts []document.Fact `json:"facts,omitempty"`
	Text  string          `json:"text,omitempty"`
}

// cleanResult is one clean article's analysis and its planted errors.
type cleanResult struct {
	id      string
	skipped bool // not English
	high    []document.Flag
	warning []document.Flag
	cases   []checkCase
}

func (e *env) evalChecks(ctx context.Context, f evalChecksFlags) error {
	items, err := scoring.Load(f.data)
	if err != nil {
		return fmt.Errorf("eval checks: %w", err)
	}
	p, err := pipeline.New()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "eval checks: %d clean articles from %s, %d kinds of planted error\n",
		len(items), f.data, len(inject.Injectors))

	results := make([]cleanResult, len(items))
	bar := newEvalProgress(e.stderr, len(items), "analysing")
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, f.jobs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = evalCheckArticle(ctx, p, i, items[i])
				bar.Add(1)
			}
		}()
	}
	for i := range items {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	bar.Finish()
	if err := ctx.Err(); err != nil {
		return err
	}
	return e.reportChecks(results, f.detail)
}

// evalCheckArticle analyses one clean article and every error planted in
// it.
func evalCheckArticle(ctx context.Context, p *pipeline.Pipeline, i int, it scoring.Item) cleanResult {
	r := cleanResult{id: it.ID}
	doc, err := extract.Extract(&source.Input{Name: it.ID, ContentType: "text/plain", Data: []byte(it.Truth)})
	if err != nil {
		r.skipped = true
		return r
	}
	if err := p.Analyze(ctx, doc); err != nil || !pipeline.English(doc.Meta) {
		r.skipped = true
		return r
	}
	for _, fl := range doc.Flags {
		switch fl.Severity {
		case document.High:
			r.high = append(r.high, fl)
		case document.Warning:
			r.warning = append(r.warning, fl)
		}
	}
	for _, in := range inject.Injectors {
		c, ok := in.Apply(doc, i)
		if !ok {
			continue
		}
		// The planted text keeps the clean document's metadata and
		// headline; only the body changed, after the headline.
		changed := document.New(c.Text, doc.Meta)
		changed.Headline = doc.Headline
		if err := p.Analyze(ctx, changed); err != nil {
			continue
		}
		cc := checkCase{Article: it.ID, Kind: c.Kind, Change: c.Change}
		for _, fl := range changed.Flags {
			if fl.Kind != c.Want || fl.Severity == document.Info {
				continue
			}
			if slices.ContainsFunc(fl.Evidence, c.At.Overlaps) {
				cc.Caught = true
				if cc.Severity != document.High {
					cc.Severity = fl.Severity
				}
			} else {
				cc.Missed = append(cc.Missed, fl.Message)
			}
		}
		if !cc.Caught {
			cc.Text, cc.Facts = c.Text, changed.Facts
		}
		r.cases = append(r.cases, cc)
	}
	return r
}

// checksMetrics is the final JSON line of eval checks.
type checksMetrics struct {
	Task     string `json:"task"`
	Articles int    `json:"articles"`
	// HighFalseFlags is the mean number of high-severity flags per clean
	// article; every flag on a clean article counts as false.
	HighFalseFlags    float64            `json:"high_false_flags_per_article"`
	WarningFlags      float64            `json:"warning_flags_per_article"`
	Recall            map[string]float64 `json:"recall"`
	Planted           map[string]int     `json:"planted"`
	CaughtHigh        map[string]int     `json:"caught_high"`
	MinRecall         float64            `json:"min_recall"`
	FalseHighFlagKind map[string]int     `json:"false_high_by_kind"`
}

func (e *env) reportChecks(results []cleanResult, detail string) error {
	m := checksMetrics{Task: "checks", Recall: map[string]float64{}, Planted: map[string]int{},
		CaughtHigh: map[string]int{}, FalseHighFlagKind: map[string]int{}, MinRecall: 1}
	caught := map[string]int{}
	var high, warn int
	var lines []any
	for _, r := range results {
		if r.skipped {
			continue
		}
		m.Articles++
		high += len(r.high)
		warn += len(r.warning)
		for _, fl := range r.high {
			m.FalseHighFlagKind[fl.Kind]++
			lines = append(lines, map[string]any{"article": r.id, "clean_flag": fl})
		}
		for _, c := range r.cases {
			m.Planted[c.Kind]++
			if c.Caught {
				caught[c.Kind]++
				if c.Severity == document.High {
					m.CaughtHigh[c.Kind]++
				}
			}
			lines = append(lines, c)
		}
	}
	if m.Articles > 0 {
		m.HighFalseFlags = round3(float64(high) / float64(m.Articles))
		m.WarningFlags = round3(float64(warn) / float64(m.Articles))
	}
	kinds := make([]string, 0, len(inject.Injectors))
	for _, in := range inject.Injectors {
		kinds = append(kinds, in.Kind)
	}
	sort.Strings(kinds)
	tw := tabwriter.NewWriter(e.stderr, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "kind\tplanted\tcaught\tas high\trecall\t\n")
	for _, k := range kinds {
		if m.Planted[k] == 0 {
			continue
		}
		rec := round3(float64(caught[k]) / float64(m.Planted[k]))
		m.Recall[k] = rec
		m.MinRecall = min(m.MinRecall, rec)
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t\n", k, m.Planted[k], caught[k], m.CaughtHigh[k], rec)
	}
	tw.Flush()
	fmt.Fprintf(e.stderr, "clean articles: %d; high flags per article %.3f; warnings per article %.3f\n",
		m.Articles, m.HighFalseFlags, m.WarningFlags)
	if detail != "" {
		if err := writeJSONLines(detail, lines); err != nil {
			return fmt.Errorf("eval checks: %w", err)
		}
	}
	return json.NewEncoder(e.stdout).Encode(m)
}
