package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/crosscheck/crosscheck/entity/ner"
)

// nerTrainFlags are the settings of `crosscheck train ner`. The defaults
// are those the committed model was trained with (entity/ner/PROVENANCE.md).
type nerTrainFlags struct {
	data, gazetteers, shared, out string
	clusters, saveClusters        string
	clustersFromModel             string
	brownC                        int
	wikigold, re3d, wikiann       float64
	wikiannGazetteers             bool
	holdOutValid                  bool
	opt                           ner.TrainOptions
}

// trainNERCmd rebuilds the embedded named-entity model from the shared
// data.
func (e *env) trainNERCmd() *cobra.Command {
	var fl nerTrainFlags
	cmd := &cobra.Command{
		Use:   "ner --data DIR --out FILE",
		Short: "Train the named-entity recogniser",
		Long: `ner trains the named-entity model: a two-pass structured averaged perceptron
over CoNLL-2003 train and valid (never test), wikigold and the training part of
re3d, with gazetteers from --gazetteers and WikiANN, and Brown word clusters.

Clusters are induced from the unlabelled text under --shared (about 40
minutes for 512 clusters on one core) unless --clusters names a file of them
or --clusters-from-model a model file to take them from; --save-clusters
keeps the induced clusters for the next run.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.trainNER(cmd.Context(), fl)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.data, "data", "../shared/data/ner", "folder holding conll2003/, wikigold/, re3d/ and wikiann-en/")
	f.StringVar(&fl.gazetteers, "gazetteers", "../shared/data/gazetteers", "gazetteer folder (empty: no gazetteers)")
	f.StringVar(&fl.shared, "shared", "../shared/data", "shared data folder, for the unlabelled text clusters are induced from")
	f.StringVar(&fl.out, "out", "entity/ner/model.bin.gz", "model file to write")
	f.StringVar(&fl.clusters, "clusters", "", "word cluster file (BITS<TAB>WORD); empty induces them")
	f.StringVar(&fl.saveClusters, "save-clusters", "", "write the induced clusters here")
	f.StringVar(&fl.clustersFromModel, "clusters-from-model", "", "reuse the word clusters stored in this model file (e.g. entity/ner/model.bin.gz)")
	f.IntVar(&fl.brownC, "brown-clusters", 512, "number of Brown clusters to induce (0: no clusters)")
	f.Float64Var(&fl.wikigold, "wikigold", 1, "weight of wikigold (0 leaves it out)")
	f.Float64Var(&fl.re3d, "re3d", 1, "weight of the re3d training part (0 leaves it out)")
	f.Float64Var(&fl.wikiann, "wikiann", 0, "weight of WikiANN train sentences (0 leaves them out)")
	f.BoolVar(&fl.wikiannGazetteers, "wikiann-gazetteers", true, "add name lists harvested from WikiANN")
	f.BoolVar(&fl.holdOutValid, "hold-out-valid", false, "train without CoNLL-2003 valid and score the model on it (for tuning)")
	f.IntVar(&fl.opt.Epochs, "epochs", 10, "perceptron epochs per pass")
	f.IntVar(&fl.opt.Folds, "folds", 5, "jackknife folds for pass two (0 trains one pass)")
	f.Float64Var(&fl.opt.Prune, "prune", 0.01, "drop features whose weights all stay below this")
	f.Uint64Var(&fl.opt.Seed, "seed", 1, "shuffling seed")
	f.IntVar(&fl.opt.Seeds, "seeds", 4, "train this many models (seeds seed, seed+1, ...) and average them")
	return cmd
}

func (e *env) trainNER(ctx context.Context, fl nerTrainFlags) error {
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	began := time.Now()
	var (
		corpora []ner.Corpus
		valid   []ner.Document
	)
	for _, split := range []string{"train", "valid"} {
		docs, err := ner.ReadCoNLL2003(filepath.Join(fl.data, "conll2003"), split)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		if split == "valid" && fl.holdOutValid {
			valid = docs
			continue
		}
		corpora = append(corpora, ner.Corpus{Name: "conll2003/" + split, Docs: docs, Weight: 1})
	}
	gaz := map[string][][]string{}
	if fl.gazetteers != "" {
		var err error
		if gaz, err = ner.BuildGazetteers(fl.gazetteers); err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
	}
	if fl.wikigold > 0 {
		docs, err := ner.ReadWikigold(filepath.Join(fl.data, "wikigold"))
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		corpora = append(corpora, ner.Corpus{Name: "wikigold", Docs: docs, Weight: fl.wikigold})
	}
	if fl.re3d > 0 {
		docs, _, err := ner.ReadRe3d(filepath.Join(fl.data, "re3d"), gaz)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		corpora = append(corpora, ner.Corpus{Name: "re3d (training part)", Docs: docs, Weight: fl.re3d})
	}
	if fl.wikiann > 0 {
		docs, err := ner.ReadWikiANN(filepath.Join(fl.data, "wikiann-en"), "train")
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		corpora = append(corpora, ner.Corpus{Name: "wikiann/train", Docs: docs, Weight: fl.wikiann})
	}
	if fl.wikiannGazetteers {
		wg, err := ner.WikiANNGazetteers(filepath.Join(fl.data, "wikiann-en"))
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		for k, v := range wg {
			gaz[k] = v
		}
	}
	clusters, err := e.nerClusters(ctx, log, fl)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	var names []string
	for _, c := range corpora {
		names = append(names, fmt.Sprintf("%s (%d docs, weight %g)", c.Name, len(c.Docs), c.Weight))
	}
	opt := fl.opt
	opt.Logger = log
	opt.Info = fmt.Sprintf("trained %s on %s; %d gazetteer lists; %d clustered words; epochs %d, folds %d, prune %g, seed %d, seeds %d",
		began.UTC().Format("2006-01-02"), strings.Join(names, ", "), len(gaz), len(clusters), opt.Epochs, opt.Folds, opt.Prune, opt.Seed, opt.Seeds)
	m, err := ner.Train(ctx, corpora, ner.Resources{Clusters: clusters, Gazetteers: gaz}, opt)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	if err := m.Save(fl.out); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	log.Info("model written", "path", fl.out, "stats", m.Stats(), "took", time.Since(began).Round(time.Second))
	if fl.holdOutValid {
		r, err := ner.Evaluate(ctx, m.Tag, valid)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		log.Info("held-out CoNLL-2003 valid", "f1", fmt.Sprintf("%.4f", r.All.F1()),
			"precision", fmt.Sprintf("%.4f", r.All.Precision()), "recall", fmt.Sprintf("%.4f", r.All.Recall()))
		fmt.Fprintf(e.stdout, "valid F1 %.4f\n", r.All.F1())
	}
	return nil
}

// nerClusters reads the cluster file, or induces clusters from the shared
// unlabelled text.
func (e *env) nerClusters(ctx context.Context, log *slog.Logger, fl nerTrainFlags) (map[string]string, error) {
	if fl.clusters != "" {
		return ner.ReadClusters(fl.clusters)
	}
	if fl.brownC == 0 && fl.clustersFromModel == "" {
		return nil, nil
	}
	if fl.clustersFromModel != "" {
		m, err := ner.LoadFile(fl.clustersFromModel)
		if err != nil {
			return nil, err
		}
		return m.Clusters(), nil
	}
	sents, notes, err := ner.UnlabelledText(fl.shared)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		log.Warn("unlabelled text", "note", n)
	}
	log.Info("inducing Brown clusters", "sentences", len(sents), "clusters", fl.brownC)
	clusters, err := ner.BrownClusters(ctx, sents, ner.BrownOptions{Clusters: fl.brownC, MinCount: 3, Logger: log})
	if err != nil {
		return nil, err
	}
	if fl.saveClusters != "" {
		f, err := os.Create(fl.saveClusters)
		if err != nil {
			return nil, err
		}
		if err := ner.WriteClusters(f, clusters); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
	}
	return clusters, nil
}
