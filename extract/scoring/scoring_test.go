package scoring

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := map[string][]string{
		"Hello, world!":   {"Hello", "world"},
		"it's 3.5% up_to": {"it", "s", "3", "5", "up_to"},
		"Café—naïve":      {"Café", "naïve"},
		"Привет мир":      {"Привет", "мир"},
		"서울 2019년":        {"서울", "2019년"},
		"東京タワー":           {"東京タワー"},
		"x²½":             {"x²½"}, // numbers with a numeric value are \w
		"":                nil,
		"  ...  ":         nil,
		"नमस्ते":          {"नमस", "त"}, // combining marks are not \w in Python
		"e\u0301":         {"e"},        // nor is a combining accent
	}
	for in, want := range tests {
		if got := Tokens(in); !slices.Equal(got, want) {
			t.Errorf("Tokens(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShingles(t *testing.T) {
	if got := Shingles("", 4); len(got) != 0 {
		t.Errorf("empty: %v", got)
	}
	if got := Shingles("one two", 4); len(got) != 1 || got["one\x00two"] != 1 {
		t.Errorf("short text: %v", got)
	}
	got := Shingles("a b c d a b c d", 4)
	if len(got) != 4 || got["a\x00b\x00c\x00d"] != 2 {
		t.Errorf("repeats: %v", got)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScore(t *testing.T) {
	// truth: 6 tokens, 3 shingles; prediction drops the last token and
	// adds two in front: shingles "x y a b", "y a b c", "a b c d",
	// "b c d e" against truth "a b c d", "b c d e", "c d e f".
	p := Score("a b c d e f", "x y a b c d e")
	// TP 2, FP 2, FN 1, normalised by 5.
	if !near(p.TP, 0.4) || !near(p.FP, 0.4) || !near(p.FN, 0.2) {
		t.Errorf("Score = %+v", p)
	}
	if !near(p.Precision(), 0.5) || !near(p.Recall(), 2.0/3) {
		t.Errorf("P, R = %v, %v", p.Precision(), p.Recall())
	}
	if p := Score("a b c d", "a b c d"); p.Precision() != 1 || p.Recall() != 1 || p.F1() != 1 {
		t.Errorf("exact: %+v", p)
	}
	if p := Score("a b c d", ""); p.Predicted() || p.Recall() != 0 {
		t.Errorf("empty prediction: %+v", p)
	}
}

func TestSummarize(t *testing.T) {
	pages := []Page{
		Score("a b c d e f", "a b c d e f"),   // P 1, R 1
		Score("a b c d e f", "a b c d e f g"), // P 3/4, R 1
		Score("a b c d e f", ""),              // no prediction: R 0, left out of P
	}
	s := Summarize(pages)
	wantP, wantR := (1+0.75)/2, (1+1+0)/3.0
	if !near(s.Precision, wantP) || !near(s.Recall, wantR) || s.Pages != 3 {
		t.Errorf("Summarize = %+v", s)
	}
	if want := 2 * wantP * wantR / (wantP + wantR); !near(s.F1, want) {
		t.Errorf("F1 = %v, want %v (F1 of the averages)", s.F1, want)
	}
	if s := Summarize(nil); s.F1 != 0 || s.Pages != 0 {
		t.Errorf("empty: %+v", s)
	}
}

func TestLoad(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "extraction")
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		t.Skipf("shared extraction benchmark not found at %s", dir)
	}
	items, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 181 {
		t.Errorf("%d pages, want 181", len(items))
	}
	for _, it := range items[:3] {
		if it.URL == "" || it.Truth == "" || len(it.HTML) == 0 {
			t.Errorf("incomplete item %s", it.ID)
		}
	}
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("Load of an empty folder succeeded")
	}
}

func TestBootstrapF1(t *testing.T) {
	same := []Page{Score("a b c d", "a b c d"), Score("a b c d", "a b c d")}
	if sd := BootstrapF1(same, 100, 1); sd != 0 {
		t.Errorf("identical pages: sd = %v", sd)
	}
	mixed := []Page{Score("a b c d e", "a b c d e"), Score("a b c d e", "x y z w v"), Score("a b c d e", "a b c d x")}
	sd := BootstrapF1(mixed, 200, 1)
	if sd <= 0 || sd > 0.5 {
		t.Errorf("mixed pages: sd = %v", sd)
	}
	if again := BootstrapF1(mixed, 200, 1); again != sd {
		t.Errorf("same seed gave %v then %v", sd, again)
	}
}
