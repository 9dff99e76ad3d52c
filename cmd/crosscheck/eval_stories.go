package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/ingest"
	"github.com/crosscheck/crosscheck/pipeline"
	"github.com/crosscheck/crosscheck/store"
	"github.com/crosscheck/crosscheck/store/sqlite"
	"github.com/crosscheck/crosscheck/story"
)

func (e *env) evalStoriesCmd() *cobra.Command {
	var (
		data      string
		noAnalyze bool
		window    int
	)
	cmd := &cobra.Command{
		Use:   "stories --data PATH",
		Short: "Score story grouping on a labelled folder of articles",
		Long: `eval stories ingests the articles of a labelled folder into a fresh temporary
store, one at a time in file-name order, and scores how they were grouped into
stories against PATH/truth.json:

  {"stories": [{"id": "...", "articles": ["a.txt", "b.txt"]}, ...],
   "decoys": ["c.txt", ...]}

Articles are files beside truth.json (a plain text may start with a
Title:/Outlet:/URL:/Date: header block). Each decoy is a story of its own:
typically an article on the same people or places as a story, about another
event. Reported: pairwise and B-cubed precision, recall and F1; the last
line on stdout is one JSON object.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if data == "" {
				return usageError{fmt.Errorf("--data PATH is required")}
			}
			return e.evalStories(cmd.Context(), data, noAnalyze, window)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&data, "data", "", "labelled folder holding truth.json and the articles")
	fl.BoolVar(&noAnalyze, "no-analyze", false, "group on text alone, without the analysis stages")
	fl.IntVar(&window, "window", 3, "days apart two versions of a story may be published")
	return cmd
}

func (e *env) evalStories(ctx context.Context, data string, noAnalyze bool, window int) error {
	truth, err := story.LoadTruth(filepath.Join(data, "truth.json"))
	if err != nil {
		return err
	}
	labels := truth.Labels()
	names := make([]string, 0, len(labels))
	for n := range labels {
		names = append(names, n)
	}
	slices.Sort(names)

	tmp, err := os.MkdirTemp("", "crosscheck-eval-stories-")
	if err != nil {
		return fmt.Errorf("eval stories: %w", err)
	}
	defer os.RemoveAll(tmp)
	st, err := sqlite.Open(ctx, filepath.Join(tmp, "eval.db"))
	if err != nil {
		return err
	}
	defer st.Close()

	pred := map[string]string{}
	articleOf := map[string]string{}
	failed := 0
	opts := ingest.Options{Jobs: 1, Group: story.Options{Window: window}, Report: func(ev ingest.Event) {
		name := filepath.Base(ev.Item)
		if ev.Article != "" {
			articleOf[name] = ev.Article
		}
		switch {
		case ev.Kind == ingest.Failed:
			failed++
			fmt.Fprintf(e.stderr, "eval stories: %s: %v\n", name, oneLine(ev.Err))
		case ev.Match != nil:
			pred[name] = ev.Story
			merged := ""
			if len(ev.Match.Merged) > 0 {
				merged = fmt.Sprintf("  merging %v", ev.Match.Merged)
			}
			fmt.Fprintf(e.stderr, "eval stories: %-32s %s  %-14s score %.2f content %.2f  (truth %s)%s\n",
				name, ev.Story, ev.Match.Reason, ev.Match.Score, ev.Match.Content, labels[name], merged)
		default:
			pred[name] = ev.Story
			fmt.Fprintf(e.stderr, "eval stories: %-32s %s  %s\n", name, ev.Story, ev.Kind)
		}
	}}
	if !noAnalyze {
		p, err := pipeline.New()
		if err != nil {
			return err
		}
		opts.Analyzer = p
	}
	g, err := ingest.New(ctx, st, opts)
	if err != nil {
		return err
	}
	// One source at a time, in name order, so that the incremental
	// grouping sees the same arrival order on every run.
	for _, n := range names {
		if _, err := g.Ingest(ctx, []string{filepath.Join(data, n)}); err != nil {
			return err
		}
	}
	// Stories as they stand at the end: a later article may have merged
	// two stories that earlier ones started.
	for _, n := range names {
		if id := articleOf[n]; id != "" {
			a, err := st.Get(ctx, id)
			if err != nil {
				return err
			}
			pred[n] = a.Story
		}
		if pred[n] == "" {
			pred[n] = "unread:" + n // a failed article is a story of its own
		}
	}
	s, err := story.Score(labels, pred)
	if err != nil {
		return err
	}
	predicted := map[string]bool{}
	for _, p := range pred {
		predicted[p] = true
	}
	fmt.Fprintf(e.stderr, "eval stories: pairwise P %.3f R %.3f F1 %.3f; B-cubed P %.3f R %.3f F1 %.3f\n",
		s.PairP, s.PairR, s.PairF1, s.BCubedP, s.BCubedR, s.BCubedF1)
	out := map[string]any{
		"task":               "stories",
		"articles":           len(names),
		"true_stories":       len(truth.Stories) + len(truth.Decoys),
		"predicted_stories":  len(predicted),
		"failed":             failed,
		"analyzed":           !noAnalyze,
		"pairwise_precision": round3(s.PairP),
		"pairwise_recall":    round3(s.PairR),
		"pairwise_f1":        round3(s.PairF1),
		"bcubed_precision":   round3(s.BCubedP),
		"bcubed_recall":      round3(s.BCubedR),
		"bcubed_f1":          round3(s.BCubedF1),
	}
	if len(truth.Contradictions) > 0 {
		cs, err := compareTrueStories(ctx, st, truth, articleOf)
		if err != nil {
			return err
		}
		for id, list := range cs {
			for _, c := range list {
				var sides []string
				for _, sd := range c.Sides {
					sides = append(sides, fmt.Sprintf("%q", sd.Value))
				}
				fmt.Fprintf(e.stderr, "eval stories: %s: %s contradiction %s: %s\n", id, c.Kind, c.About, strings.Join(sides, " vs "))
			}
		}
		sc := story.ScoreContradictions(truth.Contradictions, cs)
		fmt.Fprintf(e.stderr, "eval stories: contradictions: %d labelled, %d reported, %d right, %d found: P %.3f R %.3f\n",
			sc.Labelled, sc.Reported, sc.Right, sc.Found, sc.Precision, sc.Recall)
		out["contradictions_labelled"] = sc.Labelled
		out["contradictions_reported"] = sc.Reported
		out["contradiction_precision"] = round3(sc.Precision)
		out["contradiction_recall"] = round3(sc.Recall)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, string(b))
	return nil
}

// compareTrueStories compares the versions of each labelled story (not
// the predicted one, so that comparison is scored apart from grouping),
// in order of publication.
func compareTrueStories(ctx context.Context, st store.Store, truth *story.Truth, articleOf map[string]string) (map[string][]story.Contradiction, error) {
	out := map[string][]story.Contradiction{}
	for _, ts := range truth.Stories {
		var docs []*document.Document
		for _, name := range ts.Articles {
			id := articleOf[name]
			if id == "" {
				continue // failed to ingest: already reported
			}
			a, err := st.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			docs = append(docs, a.Doc)
		}
		slices.SortStableFunc(docs, func(a, b *document.Document) int {
			pa, pb := a.Meta.Published, b.Meta.Published
			if (pa == "") != (pb == "") {
				if pa == "" {
					return 1
				}
				return -1
			}
			return strings.Compare(pa, pb)
		})
		out[ts.ID] = story.Compare(ts.ID, docs).Contradictions
	}
	return out, nil
}
