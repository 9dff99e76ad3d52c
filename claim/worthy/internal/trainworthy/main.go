// Command trainworthy trains the check-worthiness model on the
// ClaimBuster 2-class train file and writes claim/worthy/weights.tsv.gz.
//
// It reads ONLY train.json. It holds out a development split of it to
// pick the training settings, then trains on the whole file with the best
// ones. test.json is the evaluation set of `crosscheck eval checkworthy`;
// kfold_25ncs.csv overlaps both files and is never read.
//
//	go run ./claim/worthy/internal/trainworthy -data ../shared/data/claims/claimbuster-2class -out claim/worthy/weights.tsv.gz
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/crosscheck/crosscheck/claim/worthy"
)

func main() {
	data := flag.String("data", "../shared/data/claims/claimbuster-2class", "ClaimBuster 2-class folder")
	out := flag.String("out", "claim/worthy/weights.tsv.gz", "weights file to write")
	search := flag.Bool("search", true, "pick settings on a development split first")
	flag.Parse()
	if err := run(*data, *out, *search); err != nil {
		fmt.Fprintln(os.Stderr, "trainworthy:", err)
		os.Exit(1)
	}
}

func run(data, out string, search bool) error {
	train, err := worthy.ReadClaimBuster(filepath.Join(data, "train.json"))
	if err != nil {
		return err
	}
	opts := worthy.DefaultTrainOptions
	if search {
		opts = pick(train)
	}
	slog.Info("training on the whole train file", "sentences", len(train), "options", fmt.Sprintf("%+v", opts))
	feats := worthy.Train(train, opts)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	header := []string{
		"crosscheck check-worthiness model: logistic regression weights (kind, part, part, weight).",
		"Trained by claim/worthy/internal/trainworthy on ClaimBuster 2-class train.json only",
		"(utaresearch/claimbuster-spotter @ 332bba0819d79f8e42d0a70277597dfe97036873, data/two_class).",
		"The data is GPL-3.0; these weights are derived from it: see claim/worthy/PROVENANCE.md.",
		fmt.Sprintf("options: %+v; features: %d", opts, len(feats)),
	}
	if err := worthy.Write(f, header, feats); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// pick holds out a sixth of the train file and returns the settings with
// the best class-balanced F1 on it. The test file is balanced (351/351)
// while train is 1:3, so false positives on the development split are
// scaled to a balanced prior before F1 is computed.
func pick(all []worthy.Example) worthy.TrainOptions {
	ex := append([]worthy.Example(nil), all...)
	rng := rand.New(rand.NewPCG(7, 7))
	rng.Shuffle(len(ex), func(i, j int) { ex[i], ex[j] = ex[j], ex[i] })
	cut := len(ex) * 5 / 6
	tr, dev := ex[:cut], ex[cut:]
	best, bestF1 := worthy.DefaultTrainOptions, -1.0
	for _, nb := range []bool{false, true} {
		for _, epochs := range []int{5, 10, 20} {
			for _, rate := range []float64{0.05, 0.2} {
				for _, l2 := range []float64{0, 1e-4, 1e-3} {
					for _, minCount := range []int{1, 2, 3} {
						o := worthy.TrainOptions{Epochs: epochs, Rate: rate, L2: l2, MinCount: minCount, Balance: true, NB: nb, Seed: 1}
						m := worthy.FromFeatures(worthy.Train(tr, o))
						r := worthy.Evaluate(m, dev)
						f1 := balancedF1(r)
						slog.Info("dev", "options", fmt.Sprintf("%+v", o), "balanced_f1", fmt.Sprintf("%.4f", f1), "f1", fmt.Sprintf("%.4f", r.F1))
						if f1 > bestF1 {
							best, bestF1 = o, f1
						}
					}
				}
			}
		}
	}
	slog.Info("picked", "options", fmt.Sprintf("%+v", best), "balanced_f1", bestF1)
	return best
}

func balancedF1(r worthy.Metrics) float64 {
	pos, neg := float64(r.TP+r.FN), float64(r.FP+r.TN)
	if pos == 0 || neg == 0 {
		return r.F1
	}
	tp, fp, fn := float64(r.TP), float64(r.FP)*pos/neg, float64(r.FN)
	if tp == 0 {
		return 0
	}
	p, rc := tp/(tp+fp), tp/(tp+fn)
	return 2 * p * rc / (p + rc)
}
