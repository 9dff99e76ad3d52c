package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/entity/ner"
)

func (e *env) evalNERCmd() *cobra.Command {
	var data, split, model, gazetteers string
	cmd := &cobra.Command{
		Use:   "ner --data PATH",
		Short: "Score the named-entity recogniser on CoNLL-2003 test (or the re3d held-out part)",
		Long: `ner scores the embedded named-entity model conlleval-style: an entity counts
only when its token span and its type (PER, ORG, LOC, MISC) both match.

With --data pointing at the CoNLL-2003 folder it scores the test split (the
model never saw it in training or tuning); with --data pointing at the re3d
folder it scores re3d's held-out documents, mapped onto the CoNLL types.
Progress and a per-type table go to stderr; the last stdout line is the JSON
metrics object, including tokens_per_second for recognition alone (one
goroutine, tokens already split).`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if data == "" {
				return usageError{fmt.Errorf("--data is required")}
			}
			return e.evalNER(cmd, data, split, model, gazetteers)
		},
	}
	f := cmd.Flags()
	f.StringVar(&data, "data", "", "CoNLL-2003 folder (test.txt, ...) or re3d folder")
	f.StringVar(&split, "split", "test", "CoNLL-2003 split to score: test, valid or train")
	f.StringVar(&model, "model", "", "model file to score instead of the embedded one")
	f.StringVar(&gazetteers, "gazetteers", "../shared/data/gazetteers", "gazetteers for mapping re3d descriptions (re3d only)")
	return cmd
}

func (e *env) evalNER(cmd *cobra.Command, data, split, modelPath, gazDir string) error {
	var (
		docs []ner.Document
		name string
		err  error
	)
	if _, statErr := os.Stat(filepath.Join(data, split+".txt")); statErr == nil {
		name = "CoNLL-2003 " + split
		docs, err = ner.ReadCoNLL2003(data, split)
	} else if _, statErr := os.Stat(filepath.Join(data, "CENTCOM")); statErr == nil {
		name = "re3d held-out"
		var gaz map[string][][]string
		if gaz, err = ner.BuildGazetteers(gazDir); err != nil {
			return fmt.Errorf("eval ner: %w", err)
		}
		_, docs, err = ner.ReadRe3d(data, gaz)
	} else {
		return usageError{fmt.Errorf("--data %s holds neither %s.txt (CoNLL-2003) nor re3d", data, split)}
	}
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	began := time.Now()
	var m *ner.Model
	if modelPath != "" {
		m, err = ner.LoadFile(modelPath)
	} else {
		m, err = ner.Load()
	}
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	fmt.Fprintf(e.stderr, "eval ner: model loaded in %v (%s)\n", time.Since(began).Round(time.Millisecond), m.Stats())
	fmt.Fprintf(e.stderr, "eval ner: tagging %d documents of %s\n", len(docs), name)
	r, err := ner.Evaluate(cmd.Context(), m.Tag, docs)
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	fmt.Fprintf(e.stderr, "%-6s %9s %9s %9s %6s %6s %6s\n", "type", "precision", "recall", "F1", "TP", "FP", "FN")
	for _, t := range r.Types() {
		c := r.PerType[t]
		fmt.Fprintf(e.stderr, "%-6s %9.4f %9.4f %9.4f %6d %6d %6d\n", t, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	}
	c := r.All
	fmt.Fprintf(e.stderr, "%-6s %9.4f %9.4f %9.4f %6d %6d %6d\n", "all", c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	fmt.Fprintf(e.stderr, "eval ner: %d tokens in %v, %.0f tokens/s\n", r.Tokens, r.Elapsed.Round(time.Millisecond), r.TokensPerSecond())
	metrics := r.Metrics()
	metrics["data"] = name
	out, err := json.Marshal(metrics)
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	fmt.Fprintln(e.stdout, string(out))
	return nil
}
