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

// TestEvalAttribution runs the command on PolNeAR's dev split and checks
// the contract of its last stdout line.
func TestEvalAttribution(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "data", "attribution", "polnear")
	if _, err := os.Stat(filepath.Join(data, "data", "dev")); err != nil {
		t.Skipf("PolNeAR not found at %s (the shared data folder): %v", data, err)
	}
	if testing.Short() {
		t.Skip("scores 84 articles")
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"eval", "attribution", "--data", data, "--split", "dev"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &m); err != nil {
		t.Fatalf("last line is not JSON: %v", err)
	}
	if m["task"] != "attribution" {
		t.Errorf("task = %v", m["task"])
	}
	for _, k := range []string{"source_f1", "cue_f1", "content_f1", "source_overlap_f1", "cue_overlap_f1", "content_overlap_f1"} {
		v, ok := m[k].(float64)
		if !ok || v <= 0 || v > 1 {
			t.Errorf("%s = %v", k, m[k])
		}
	}
	// Far below what the model reaches on dev (0.73/0.71/0.54): a guard
	// against a broken model or scorer, not a quality gate.
	if m["source_f1"].(float64) < 0.6 || m["cue_f1"].(float64) < 0.6 || m["content_f1"].(float64) < 0.45 {
		t.Errorf("dev scores collapsed: %v", lines[len(lines)-1])
	}
}

func TestEvalAttributionUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"eval", "attribution"}, nil, &out, &errb); code != 2 {
		t.Errorf("no --data: exit %d, want 2", code)
	}
	if code := run(context.Background(), []string{"eval", "attribution", "--data", t.TempDir()}, nil, &out, &errb); code != 1 {
		t.Errorf("empty data folder: exit %d, want 1", code)
	}
}
