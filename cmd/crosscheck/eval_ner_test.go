package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nerFixture is a small CoNLL-style corpus written for these tests.
const nerFixture = `-DOCSTART- -X- -X- O

Maria NNP B-NP B-PER
Lopez NNP I-NP I-PER
visited VBD B-VP O
Lima NNP B-NP B-LOC
. . O O

The DT B-NP O
Red NNP I-NP B-ORG
Cross NNP I-NP I-ORG
helped VBD B-VP O
Dutch JJ B-NP B-MISC
fans NNS I-NP O
in IN B-PP O
Oslo NNP B-NP B-LOC
. . O O
`

// lastJSON decodes the last stdout line.
func lastJSON(t *testing.T, out string) map[string]any {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &m); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, out)
	}
	return m
}

// TestTrainAndEvalNER trains a model on the fixture and scores it, through
// the commands.
func TestTrainAndEvalNER(t *testing.T) {
	dir := t.TempDir()
	conll := filepath.Join(dir, "conll2003")
	if err := os.MkdirAll(conll, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, split := range []string{"train", "valid", "test"} {
		if err := os.WriteFile(filepath.Join(conll, split+".txt"), []byte(nerFixture), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	clusters := filepath.Join(dir, "clusters.txt")
	if err := os.WriteFile(clusters, []byte("0110\tLima\n0111\tOslo\n10\tMaria\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "model.bin.gz")
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"train", "ner", "--data", dir, "--gazetteers", "", "--clusters", clusters,
		"--wikigold", "0", "--re3d", "0", "--wikiann-gazetteers=false", "--epochs", "5", "--folds", "2", "--seeds", "2", "--out", model}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("train: exit %d: %s", code, errb.String())
	}
	out.Reset()
	errb.Reset()
	code = run(context.Background(), []string{"eval", "ner", "--data", conll, "--model", model}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("eval: exit %d: %s", code, errb.String())
	}
	m := lastJSON(t, out.String())
	if m["task"] != "ner" || m["f1"] != 1.0 || m["tokens"] != 14.0 {
		t.Errorf("metrics = %v; want task ner, F1 1 on its own training data, 14 tokens", m)
	}
	pt, ok := m["per_type"].(map[string]any)
	if !ok || pt["PER"] == nil || pt["MISC"] == nil {
		t.Errorf("per_type = %v", m["per_type"])
	}
	if _, ok := m["tokens_per_second"].(float64); !ok {
		t.Error("no tokens_per_second")
	}
	if !strings.Contains(errb.String(), "tagging 1 documents") {
		t.Errorf("no progress on stderr: %q", errb.String())
	}
}

// TestEvalNERConll scores the embedded model on the real CoNLL-2003 test
// split, when the shared data is here.
func TestEvalNERConll(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "data", "ner", "conll2003")
	if _, err := os.Stat(filepath.Join(data, "test.txt")); err != nil {
		t.Skipf("CoNLL-2003 not found at %s (the shared data folder): %v", data, err)
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"eval", "ner", "--data", data}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	m := lastJSON(t, out.String())
	// The model scores 0.886: a guard against a broken model or scorer.
	if f1, _ := m["f1"].(float64); f1 < 0.86 {
		t.Errorf("CoNLL-2003 test F1 %v, below the 0.86 bar", m["f1"])
	}
}

func TestEvalNERUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"eval", "ner"}, nil, &out, &errb); code != 2 {
		t.Errorf("no --data: exit %d, want 2", code)
	}
	if code := run(context.Background(), []string{"eval", "ner", "--data", t.TempDir()}, nil, &out, &errb); code != 2 {
		t.Errorf("folder with neither CoNLL nor re3d: exit %d, want 2", code)
	}
	if code := run(context.Background(), []string{"eval", "ner", "--data", t.TempDir(), "--model", "/nonexistent"}, nil, &out, &errb); code == 0 {
		t.Error("missing model: exit 0")
	}
}
