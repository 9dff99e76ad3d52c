package inject

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/extract"
	"github.com/crosscheck/crosscheck/pipeline"
	"github.com/crosscheck/crosscheck/source"
)

// TestPlantedErrorsAreCaught plants every kind of error in a clean article
// written for this test, analyses the result with the real pipeline, and
// wants the expected flag to point at the changed words; the clean article
// itself must raise no high-severity flag.
func TestPlantedErrorsAreCaught(t *testing.T) {
	raw, err := os.ReadFile("testdata/clean.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	clean, err := extract.Extract(&source.Input{Name: "clean.txt", ContentType: "text/plain", Data: raw})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Analyze(ctx, clean); err != nil {
		t.Fatal(err)
	}
	for _, f := range clean.Flags {
		if f.Severity == document.High {
			t.Errorf("clean article raised a high flag: %+v", f)
		}
	}
	planted := 0
	for _, in := range Injectors {
		t.Run(in.Kind, func(t *testing.T) {
			c, ok := in.Apply(clean, 0)
			if !ok {
				t.Skipf("the fixture offers no place for %s", in.Kind)
			}
			planted++
			if c.Kind != in.Kind || c.Want != in.Want || !c.At.Valid(len(c.Text)) || c.At.Len() == 0 {
				t.Fatalf("bad case %+v", c)
			}
			doc := document.New(c.Text, clean.Meta)
			doc.Headline = clean.Headline
			if err := p.Analyze(ctx, doc); err != nil {
				t.Fatal(err)
			}
			for _, f := range doc.Flags {
				if f.Kind == c.Want && slices.ContainsFunc(f.Evidence, c.At.Overlaps) {
					return
				}
			}
			t.Errorf("%s (%s) not caught; flags: %+v\ntext:\n%s", c.Kind, c.Change, doc.Flags, c.Text)
		})
	}
	if planted < len(Injectors) {
		t.Errorf("only %d of %d kinds planted in the fixture", planted, len(Injectors))
	}
}

func TestOtherNumber(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"12", "15"}, {"250,000", "333,334"}, {"nine", "eleven"}, {"Two", "Four"},
	} {
		got, ok := otherNumber(tc.in, 0)
		if !ok || got != tc.want {
			t.Errorf("otherNumber(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := otherNumber("many", 0); ok {
		t.Error("otherNumber changed a word that is no number")
	}
}
