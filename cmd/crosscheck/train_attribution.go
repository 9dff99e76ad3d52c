package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/attrib"
	"github.com/crosscheck/crosscheck/attrib/polnear"
)

func (e *env) trainAttributionCmd() *cobra.Command {
	var data, out, wordnet string
	var epochs, firstEpochs, minCount, seeds, lexFolds, stageFolds, stageRepeats, stageEpochs int
	var stack, tune, stage, refit bool
	var prune float64
	cmd := &cobra.Command{
		Use:   "attribution --data PATH",
		Short: "Train the attribution tagger on PolNeAR's train split",
		Long: `attribution trains the source/cue/content tagger on PolNeAR's train split,
scores it on the dev split after every epoch, and keeps the model of the
best dev epoch (by mean exact F1 of source, cue and content). It then tunes
the cue tags' decoding biases on dev, trains the cue stage (a second look at
each cue span, learned from attributions that models trained on the other
folds of train find in each fold), picks its epoch and threshold on dev,
and writes the model to --out. The biases, the stage's epoch and its
threshold maximise dev cue exact F1 while source and content F1 stay within
0.01 of the tagger's. With --refit (the default), it then trains once more
on train and dev together with every choice dev made (tagger epochs,
biases, stage epoch, threshold) and writes that model: dev has picked the
settings, and its documents then teach the model too. The test split is
never read.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if data == "" {
				return usageError{fmt.Errorf("--data is required")}
			}
			ctx := cmd.Context()
			start := time.Now()
			logf := func(format string, args ...any) {
				fmt.Fprintf(e.stderr, "  "+format+" [%s]\n", append(args, time.Since(start).Round(time.Second))...)
			}
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
			score := func(m *attrib.Model) (polnear.Scores, error) { return polnear.Evaluate(ctx, dev, m) }
			report := func(what string, s polnear.Scores) {
				fmt.Fprintf(e.stderr, "  %-22s dev exact F1 source %.3f cue %.3f (P %.3f R %.3f) content %.3f  overlap %.3f/%.3f/%.3f  [%s]\n",
					what, s.Source.F1(), s.Cue.F1(), s.Cue.P(), s.Cue.R(), s.Content.F1(),
					s.SourceOverlap.F1(), s.CueOverlap.F1(), s.ContentOverlap.F1(), time.Since(start).Round(time.Second))
			}
			labeled := polnear.Labeled(train)
			opt := attrib.TrainOptions{
				Epochs:       epochs,
				FirstEpochs:  firstEpochs,
				Stack:        stack,
				MinCount:     minCount,
				Prune:        prune,
				Seed:         1,
				Seeds:        seeds,
				WordNet:      wn,
				LexiconFolds: lexFolds,
				Log:          logf,
			}
			var best *attrib.Model
			var ref polnear.Scores
			bestScore, bestEpoch := -1.0, 0
			topt := opt
			topt.AfterEpoch = func(ep int, m *attrib.Model) bool {
				s, err := score(m)
				if err != nil {
					return false
				}
				report(fmt.Sprintf("epoch %2d", ep), s)
				if mean := (s.Source.F1() + s.Cue.F1() + s.Content.F1()) / 3; mean > bestScore {
					best, bestScore, bestEpoch, ref = m, mean, ep, s
				}
				return true
			}
			if _, err = attrib.Train(ctx, labeled, topt); err != nil {
				return fmt.Errorf("train attribution: %w", err)
			}
			fmt.Fprintf(e.stderr, "train attribution: best dev epoch %d (mean exact F1 %.3f)\n", bestEpoch, bestScore)
			// What a tuning step may maximise: dev cue F1, as long as
			// source and content F1 stay within 0.01 of the tagger's.
			objective := func(s polnear.Scores) float64 {
				if s.Source.F1() < ref.Source.F1()-0.01 || s.Content.F1() < ref.Content.F1()-0.01 {
					return -1
				}
				return s.Cue.F1()
			}
			var tunedBiases attrib.CueBiases
			if tune {
				b, err := tuneCueBiases(ctx, best, score, objective)
				if err != nil {
					return fmt.Errorf("train attribution: %w", err)
				}
				best.SetCueBiases(b)
				tunedBiases = b
				s, _ := score(best)
				report(fmt.Sprintf("biases %g/%g/%g", b.First, b.Begin, b.Inside), s)
			}
			fopt := opt
			fopt.Epochs = bestEpoch
			fopt.Log = nil
			// The stage epoch dev picked, per biases: the first epoch
			// with the best score, as TrainCueStage keeps it.
			type stagePick struct {
				epoch int
				score float64
			}
			stagePicks := map[attrib.CueBiases]stagePick{}
			if stage {
				// The stage is trained over the tuned biases and over
				// more liberal ones, which give it more cues to choose
				// from.
				tuned := attrib.CueBiases{}
				if tune {
					tuned = tunedBiases
				}
				biases := []attrib.CueBiases{tuned}
				for _, b := range []attrib.CueBiases{{First: 50, Begin: 0, Inside: -50}} {
					if b != tuned {
						biases = append(biases, b)
					}
				}
				err := attrib.TrainCueStage(ctx, best, labeled, attrib.CueStageOptions{
					Folds:   stageFolds,
					Repeats: stageRepeats,
					Epochs:  stageEpochs,
					Seed:    1,
					Biases:  biases,
					Train: func(ctx context.Context, docs []attrib.Labeled) (*attrib.Model, error) {
						return attrib.Train(ctx, docs, fopt)
					},
					Score: func(ep int, m *attrib.Model) float64 {
						// Each epoch's stage with its best threshold.
						bestT, bestJ := float32(0), -2.0
						var bestS polnear.Scores
						for t := float32(-6); t <= 2; t++ {
							m.SetCueThreshold(t)
							s, err := score(m)
							if err != nil {
								return -1
							}
							if j := objective(s); j > bestJ {
								bestT, bestJ, bestS = t, j, s
							}
						}
						m.SetCueThreshold(bestT)
						report(fmt.Sprintf("cue stage %2d, t %g", ep, bestT), bestS)
						if p, ok := stagePicks[m.CueBiases()]; !ok || bestJ > p.score {
							stagePicks[m.CueBiases()] = stagePick{ep, bestJ}
						}
						return bestJ
					},
					Log: logf,
				})
				if err != nil {
					return fmt.Errorf("train attribution: %w", err)
				}
				// Finer steps around the chosen threshold.
				t0 := best.CueThreshold()
				bestT, bestJ := t0, -2.0
				for t := t0 - 0.75; t <= t0+0.75; t += 0.25 {
					best.SetCueThreshold(t)
					s, err := score(best)
					if err != nil {
						return fmt.Errorf("train attribution: %w", err)
					}
					if j := objective(s); j > bestJ {
						bestT, bestJ = t, j
					}
				}
				best.SetCueThreshold(bestT)
				b := best.CueBiases()
				s, _ := score(best)
				report(fmt.Sprintf("cue stage: biases %g/%g/%g, threshold %g", b.First, b.Begin, b.Inside, bestT), s)
			}
			if refit {
				all := slices.Concat(labeled, polnear.Labeled(dev))
				b, t := best.CueBiases(), best.CueThreshold()
				fmt.Fprintf(e.stderr, "train attribution: refit on %d train+dev articles: %d epochs, biases %g/%g/%g", len(all), bestEpoch, b.First, b.Begin, b.Inside)
				m, err := attrib.Train(ctx, all, fopt)
				if err != nil {
					return fmt.Errorf("train attribution: refit: %w", err)
				}
				m.SetCueBiases(b)
				if stage {
					ep := stagePicks[b].epoch
					fmt.Fprintf(e.stderr, ", cue stage %d epochs, threshold %g", ep, t)
					err := attrib.TrainCueStage(ctx, m, all, attrib.CueStageOptions{
						Folds:   stageFolds,
						Repeats: stageRepeats,
						Epochs:  ep,
						Seed:    1,
						Biases:  []attrib.CueBiases{b},
						Train: func(ctx context.Context, docs []attrib.Labeled) (*attrib.Model, error) {
							return attrib.Train(ctx, docs, fopt)
						},
					})
					if err != nil {
						return fmt.Errorf("train attribution: refit: %w", err)
					}
					m.SetCueThreshold(t)
				}
				fmt.Fprintln(e.stderr)
				best = m
			}
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
	fl.IntVar(&lexFolds, "lexicon-folds", 5, "folds for the out-of-fold cue lexicon of the training documents (1: none)")
	fl.StringVar(&wordnet, "wordnet", "/usr/share/wordnet", "WordNet 3.0 database `DIR` for word-class features ('' for none)")
	fl.BoolVar(&stack, "stack", true, "train a second tagger over the first one's tags")
	fl.BoolVar(&tune, "tune-biases", true, "tune the cue tags' decoding biases on dev")
	fl.BoolVar(&stage, "cue-stage", true, "train the cue stage")
	fl.BoolVar(&refit, "refit", true, "train the written model on train and dev with the settings dev chose")
	fl.IntVar(&stageFolds, "cue-stage-folds", 4, "jackknife folds for the cue stage's examples")
	fl.IntVar(&stageRepeats, "cue-stage-repeats", 1, "jackknife partitions for the cue stage's examples")
	fl.IntVar(&stageEpochs, "cue-stage-epochs", 10, "training passes of the cue stage")
	fl.IntVar(&minCount, "min-count", 2, "drop features seen fewer times")
	fl.Float64Var(&prune, "prune", 6, "drop features whose weights all lie within ±`W`")
	return cmd
}

// tuneCueBiases searches a grid of cue biases for the one that
// maximises objective on the development scores.
func tuneCueBiases(ctx context.Context, m *attrib.Model, score func(*attrib.Model) (polnear.Scores, error), objective func(polnear.Scores) float64) (attrib.CueBiases, error) {
	var best attrib.CueBiases
	bestJ := -2.0
	for _, first := range []float32{0, 50, 100} {
		for _, begin := range []float32{-150, -100, -50, 0} {
			for _, inside := range []float32{-100, -50, 0} {
				b := attrib.CueBiases{First: first, Begin: begin, Inside: inside}
				m.SetCueBiases(b)
				s, err := score(m)
				if err != nil {
					return b, err
				}
				if err := ctx.Err(); err != nil {
					return b, err
				}
				if j := objective(s); j > bestJ {
					best, bestJ = b, j
				}
			}
		}
	}
	return best, nil
}
