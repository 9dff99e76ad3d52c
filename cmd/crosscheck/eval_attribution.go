package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/attrib"
	"github.com/crosscheck/crosscheck/attrib/polnear"
)

func (e *env) evalAttributionCmd() *cobra.Command {
	var data, split, modelPath string
	cmd := &cobra.Command{
		Use:   "attribution --data PATH",
		Short: "Score source, cue and content spans on PolNeAR",
		Long: `attribution runs the attribution stage over a PolNeAR split (test by
default) exactly as analyze does, and scores its source, cue and content
spans against the gold annotations: exact span match and token overlap, per
role, and whole relations. Articles with several annotators are scored once,
against the first annotator metadata.tsv lists. Offsets in PolNeAR count
characters; they are converted to byte offsets before scoring.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if data == "" {
				return usageError{fmt.Errorf("--data is required")}
			}
			if !slices.Contains(polnear.Splits, split) {
				return usageError{fmt.Errorf("--split %q: want one of %v", split, polnear.Splits)}
			}
			m, err := loadAttribModel(modelPath)
			if err != nil {
				return err
			}
			start := time.Now()
			arts, err := polnear.Load(data, split)
			if err != nil {
				return fmt.Errorf("eval attribution: %w", err)
			}
			fmt.Fprintf(e.stderr, "eval attribution: %d %s articles from %s\n", len(arts), split, data)
			s, err := polnear.Evaluate(cmd.Context(), arts, m)
			if err != nil {
				return fmt.Errorf("eval attribution: %w", err)
			}
			row := func(name string, c polnear.PRF) {
				fmt.Fprintf(e.stderr, "  %-18s P %.3f  R %.3f  F1 %.3f  (gold %d, predicted %d)\n", name, c.P(), c.R(), c.F1(), int(c.Gold), int(c.Pred))
			}
			row("source exact", s.Source)
			row("cue exact", s.Cue)
			row("content exact", s.Content)
			row("content fragment", s.ContentFragment)
			row("source overlap", s.SourceOverlap)
			row("cue overlap", s.CueOverlap)
			row("content overlap", s.ContentOverlap)
			row("relation exact", s.Relation)
			// The same model on CofeNet's sentence-level conversion of the
			// split, scored as CofeNet scores (the published numbers).
			bioName := map[string]string{"test": "test.txt", "dev": "valid.txt"}[split]
			var bio *polnear.BIOScores
			if bioName != "" {
				path := filepath.Join(data, "cofenet-bio", bioName)
				if _, err := os.Stat(path); err == nil {
					sents, err := polnear.LoadBIO(path)
					if err != nil {
						return fmt.Errorf("eval attribution: %w", err)
					}
					b, err := polnear.EvaluateBIO(cmd.Context(), sents, m)
					if err != nil {
						return fmt.Errorf("eval attribution: %w", err)
					}
					bio = &b
					fmt.Fprintf(e.stderr, "eval attribution: CofeNet's sentence-level %s (%d sentences), exact chunks:\n", bioName, len(sents))
					row("source", b.Source)
					row("cue", b.Cue)
					row("content", b.Content)
				} else {
					fmt.Fprintf(e.stderr, "eval attribution: %s absent, CofeNet-style scores skipped\n", path)
				}
			}
			fmt.Fprintf(e.stderr, "  took %s\n", time.Since(start).Round(time.Millisecond))
			r3 := func(x float64) float64 { return math.Round(x*1000) / 1000 }
			out := map[string]any{
				"task":                "attribution",
				"split":               split,
				"articles":            len(arts),
				"source_f1":           r3(s.Source.F1()),
				"cue_f1":              r3(s.Cue.F1()),
				"content_f1":          r3(s.Content.F1()),
				"content_fragment_f1": r3(s.ContentFragment.F1()),
				"source_p":            r3(s.Source.P()),
				"source_r":            r3(s.Source.R()),
				"cue_p":               r3(s.Cue.P()),
				"cue_r":               r3(s.Cue.R()),
				"content_p":           r3(s.Content.P()),
				"content_r":           r3(s.Content.R()),
				"source_overlap_f1":   r3(s.SourceOverlap.F1()),
				"cue_overlap_f1":      r3(s.CueOverlap.F1()),
				"content_overlap_f1":  r3(s.ContentOverlap.F1()),
				"relation_f1":         r3(s.Relation.F1()),
			}
			if bio != nil {
				out["cofenet_source_f1"] = r3(bio.Source.F1())
				out["cofenet_cue_f1"] = r3(bio.Cue.F1())
				out["cofenet_content_f1"] = r3(bio.Content.F1())
			}
			return json.NewEncoder(e.stdout).Encode(out)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&data, "data", "", "PolNeAR corpus `DIR` (holding data/ and README.md)")
	fl.StringVar(&split, "split", "test", "split to score: train, dev or test")
	fl.StringVar(&modelPath, "model", "", "attribution model `FILE` (default: the embedded one)")
	return cmd
}

// loadAttribModel reads the model at path, or the embedded one when path
// is empty.
func loadAttribModel(path string) (*attrib.Model, error) {
	if path == "" {
		m, err := attrib.DefaultModel()
		if err != nil {
			return nil, fmt.Errorf("load attribution model: %w", err)
		}
		return m, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load attribution model: %w", err)
	}
	defer f.Close()
	return attrib.ReadModel(f)
}
