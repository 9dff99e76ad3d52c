package worthy

import (
	"os"
	"path/filepath"
	"testing"
)

const claimBusterDir = "../../../shared/data/claims/claimbuster-2class"

func TestScoreOrdersSentences(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	// Pairs of (more, less) check-worthy sentences written for this test.
	pairs := [][2]string{
		{"Unemployment fell to 4.1 percent last year, the lowest rate since 2000.", "Thank you all for coming tonight."},
		{"The government spent $2 billion on the bridge, twice the original budget.", "I think we should talk about this."},
		{"Crime in the city rose by 12 percent between 2015 and 2017.", "Well, that is a good question."},
	}
	for _, p := range pairs {
		hi, lo := m.ScoreText(p[0]), m.ScoreText(p[1])
		if hi <= lo {
			t.Errorf("score(%q)=%.3f <= score(%q)=%.3f", p[0], hi, p[1], lo)
		}
		if hi < Threshold {
			t.Errorf("score(%q)=%.3f, want >= %.2f", p[0], hi, Threshold)
		}
		if lo >= Threshold {
			t.Errorf("score(%q)=%.3f, want < %.2f", p[1], lo, Threshold)
		}
	}
	for _, s := range []string{"", "?", "..."} {
		if v := m.ScoreText(s); v < 0 || v > 1 {
			t.Errorf("score(%q)=%v out of [0,1]", s, v)
		}
	}
}

// TestClaimBusterFloor keeps the committed model above the floor
// on the held-out test file.
func TestClaimBusterFloor(t *testing.T) {
	path := filepath.Join(claimBusterDir, "test.json")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("ClaimBuster data not found at %s (shared data absent): %v", path, err)
	}
	test, err := ReadClaimBuster(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate(m, test)
	t.Logf("P %.4f R %.4f F1 %.4f macro %.4f", r.Precision, r.Recall, r.F1, r.MacroF1)
	if r.F1 < 0.80 {
		t.Errorf("check-worthy F1 %.4f below the 0.80 floor", r.F1)
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := ReadClaimBuster(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`[{"label":3,"text":"x"}]`), 0o644)
	if _, err := ReadClaimBuster(bad); err == nil {
		t.Error("label 3: no error")
	}
}
