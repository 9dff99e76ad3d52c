package text

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

// benchArticle is a news-like article of about 600 words, built from the
// seed-like text and extra paragraphs written for the benchmark.
var benchArticle = func() string {
	extra := []string{
		"Officials in the U.S. and the U.K. said on Jan. 5 that talks would resume. Gen. John R. Allen, who led the coalition, told reporters the army had spent $1.2 billion, or 3.5 percent more than planned, on the nine-month campaign.",
		"“We did not expect it to take this long. We expected weeks, not months,” he said. “But the city is free.” Aid groups such as Relief Corp. and Mercy Ltd. were still waiting for access at 10.30am on Tuesday.",
		"The ministry’s statement, posted at https://example.gov/news?id=12, said 1,250 families had returned. It didn't say when the rest would follow... Questions were sent to press@example.gov.",
	}
	var b strings.Builder
	b.WriteString(seedLike)
	for len(strings.Fields(b.String())) < 600 {
		for _, p := range extra {
			b.WriteString("\n\n")
			b.WriteString(p)
		}
	}
	return b.String()
}()

// typicalParagraph is one paragraph of the benchmark article.
const typicalParagraph = "“We did not expect it to take this long. We expected weeks, not months,” he said. “But the city is free.” Aid groups such as Relief Corp. and Mercy Ltd. were still waiting for access at 10.30am on Tuesday."

func BenchmarkSegment(b *testing.B) {
	doc := &document.Document{Text: benchArticle}
	Segment(doc)
	tokens := len(doc.Tokens)
	b.SetBytes(int64(len(benchArticle)))
	b.ReportAllocs()
	for b.Loop() {
		doc := &document.Document{Text: benchArticle}
		Segment(doc)
	}
	perOp := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(tokens)/perOp, "tokens/s")
	b.ReportMetric(float64(len(strings.Fields(benchArticle))), "words/op")
}

// TestSegmentAllocs pins the cost of segmenting a paragraph: one
// allocation each for the paragraph, sentence and token slices, nothing
// per token or sentence.
func TestSegmentAllocs(t *testing.T) {
	doc := &document.Document{Text: typicalParagraph}
	allocs := testing.AllocsPerRun(100, func() {
		Segment(doc)
	})
	if allocs > 3 {
		t.Errorf("Segment allocates %.0f times per paragraph, want at most 3", allocs)
	}
	doc = &document.Document{Text: benchArticle}
	allocs = testing.AllocsPerRun(20, func() {
		Segment(doc)
	})
	if allocs > 3 {
		t.Errorf("Segment allocates %.0f times per article, want at most 3", allocs)
	}
}
