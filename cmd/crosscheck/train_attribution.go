package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/attrib"
	"github.com/crosscheck/crosscheck/attrib/polnear"
)

func (e *env) trainAttributionCmd() *cobra.Command {
	var data, out, wordnet string
	var epochs, firstEpochs, minCount, seeds int
	var stack bool
	var prune float64
	cmd := &cobra.Command{
		Use:   "attribution --data PATH",
		Short: "Train the attribution tagger on PolNeAR's train split",
		Long: `attribution trains the source/cue/content tagger on PolNeAR's train split,
scores it on the dev split after every epoch, and writes the model of the
best dev epoch (by mean exact F1 of source, cue and content) to --out. The
test split is never read.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if data == "" {
				return usageError{fmt.Errorf("--data is required")}
			}
			start := time.Now()
			train, err := polnear.Load(data, "train")
			if err != nil {
				return fmt.Errorf("train attribution: %w", err)
			}
			dev, err := polnear.Load(data, "dev")
			if err != nil {
				return fmt.Errorf("train attribution: %w", err)
			}
			fmt.Fprintf(e.stderr, "train attribution: %d train, %d dev articles\n", len(train), len(dev))
			var wn attrib.WordNet
			if wordnet != "" {
				wn, err = attrib.ReadWordNet(wordnet)
				if err != nil {
					return fmt.Errorf("train attribution: %w (install Debian's wordnet-base, or pass --wordnet '' to train without)", err)
				}
				fmt.Fprintf(e.stderr, "train attribution: %d WordNet word classes from %s\n", len(wn), wordnet)
			}
			var best *attrib.Model
			bestScore, bestEpoch := -1.0, 0
			_, err = attrib.Train(cmd.Context(), polnear.Labeled(train), attrib.TrainOptions{
				Epochs:      epochs,
				FirstEpochs: firstEpochs,
				Stack:       stack,
				MinCount:    minCount,
				Prune:       prune,
				Seed:        1,
				Seeds:       seeds,
				WordNet:     wn,
				Log: func(format string, args ...any) {
					fmt.Fprintf(e.stderr, "  "+format+" [%s]\n", append(args, time.Since(start).Round(time.Second))...)
				},
				AfterEpoch: func(ep int, m *attrib.Model) bool {
					s, err := polnear.Evaluate(cmd.Context(), dev, m)
					if err != nil {
						return false
					}
					mean := (s.Source.F1() + s.Cue.F1() + s.Content.F1()) / 3
					fmt.Fprintf(e.stderr, "  epoch %2d  dev exact F1 source %.3f cue %.3f content %.3f (fragment %.3f)  overlap %.3f/%.3f/%.3f  [%s]\n",
						ep, s.Source.F1(), s.Cue.F1(), s.Content.F1(), s.ContentFragment.F1(),
						s.SourceOverlap.F1(), s.CueOverlap.F1(), s.ContentOverlap.F1(), time.Since(start).Round(time.Second))
					if mean > bestScore {
						best, bestScore, bestEpoch = m, mean, ep
					}
					return true
				},
			})
			if err != nil {
				return fmt.Errorf("train attribution: %w", err)
			}
			fmt.Fprintf(e.stderr, "train attribution: best dev epoch %d (mean exact F1 %.3f)\n", bestEpoch, bestScore)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return fmt.Errorf("train attribution: %w", err)
			}
			f, err := os.Create(out)
			if err != nil {
				return fmt.Errorf("train attribution: %w", err)
			}
			if _, err := best.WriteTo(f); err != nil {
				f.Close()
				return fmt.Errorf("train attribution: write model: %w", err)
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("train attribution: write model: %w", err)
			}
			fmt.Fprintf(e.stderr, "train attribution: wrote %s\n", out)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&data, "data", "", "PolNeAR corpus `DIR` (holding data/ and README.md)")
	fl.StringVar(&out, "out", "attrib/model/attrib.bin", "where to write the model")
	fl.IntVar(&epochs, "epochs", 10, "training passes")
	fl.IntVar(&firstEpochs, "first-epochs", 8, "training passes of the first tagger when stacking")
	fl.IntVar(&seeds, "seeds", 1, "perceptrons per pass, each with its own example order, averaged")
	fl.StringVar(&wordnet, "wordnet", "/usr/share/wordnet", "WordNet 3.0 database `DIR` for word-class features ('' for none)")
	fl.BoolVar(&stack, "stack", true, "train a second tagger over the first one's tags")
	fl.IntVar(&minCount, "min-count", 2, "drop features seen fewer times")
	fl.Float64Var(&prune, "prune", 6, "drop features whose weights all lie within ±`W`")
	return cmd
}
