package attrib

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// labeledDoc builds a training document from text with its spans marked
// "[s:…]" (source), "[c:…]" (cue) and "[q:…]" (content).
func labeledDoc(t *testing.T, marked string) Labeled {
	t.Helper()
	re := regexp.MustCompile(`\[([scq]):([^\]]*)\]`)
	var b strings.Builder
	var spans []LabeledSpan
	last := 0
	for _, m := range re.FindAllStringSubmatchIndex(marked, -1) {
		b.WriteString(marked[last:m[0]])
		start := b.Len()
		b.WriteString(marked[m[4]:m[5]])
		role := map[string]Role{"s": RoleSource, "c": RoleCue, "q": RoleContent}[marked[m[2]:m[3]]]
		spans = append(spans, LabeledSpan{Role: role, Span: document.Span{Start: start, End: b.Len()}})
		last = m[1]
	}
	b.WriteString(marked[last:])
	doc := document.New(b.String(), document.Meta{Language: "en"})
	text.Segment(doc)
	return Labeled{Doc: doc, Spans: spans}
}

// tokenAt returns the index of the token starting at byte off.
func tokenAt(t *testing.T, l layout, off int) int {
	t.Helper()
	i := tokenIndex(l, off)
	if i >= len(l.tokens) || l.tokens[i].Start != off {
		t.Fatalf("no token at %d", off)
	}
	return i
}

func TestCueVariants(t *testing.T) {
	d := labeledDoc(t, "[s:Officials] [c:said] [q:in a statement that the bridge will reopen]. Nothing else happened.")
	l := newLayout(d.Doc)
	src, cue, cont := d.Spans[0].Span, d.Spans[1].Span, d.Spans[2].Span
	r := relation{
		cue:     chunk{role: RoleCue, from: tokenAt(t, l, cue.Start), to: tokenAt(t, l, cue.Start) + 1},
		source:  &chunk{role: RoleSource, from: tokenAt(t, l, src.Start), to: tokenAt(t, l, src.Start) + 1},
		content: []chunk{{role: RoleContent, from: tokenAt(t, l, cont.Start), to: sentenceOf(l, tokenAt(t, l, cont.Start)) + 1}},
	}
	r.content[0].to = l.sentences[0].To - 1 // up to the full stop
	vs := cueVariants(l, r, nil)
	var got []string
	for _, v := range vs {
		got = append(got, d.Doc.Text[l.tokens[v.from].Start:l.tokens[v.to-1].End])
	}
	if got[0] != "said" {
		t.Errorf("the cue itself is not the first variant: %q", got)
	}
	for _, want := range []string{"said in", "said in a"} {
		if !slices.Contains(got, want) {
			t.Errorf("variants %q lack %q", got, want)
		}
	}
	for _, v := range vs {
		if v.from <= r.source.from {
			t.Errorf("variant %q overlaps the source", d.Doc.Text[l.tokens[v.from].Start:l.tokens[v.to-1].End])
		}
		if v.to > l.sentences[0].To {
			t.Errorf("variant runs past the sentence")
		}
	}
	// Taking "in a" into the cue takes it out of the content.
	r2 := r
	r2.content = slices.Clone(r.content)
	applyVariant(&r2, variant{r.cue.from, r.cue.to + 2})
	if r2.content[0].from != r.cue.to+2 || r2.content[0].to != r.content[0].to {
		t.Errorf("content after the variant: %+v", r2.content)
	}
	// A content before the cue loses its last token to a variant
	// reaching left.
	r3 := relation{cue: chunk{from: 5, to: 6}, content: []chunk{{from: 0, to: 5}}}
	applyVariant(&r3, variant{4, 6})
	if r3.content[0].to != 4 {
		t.Errorf("content before the variant: %+v", r3.content)
	}
}

// stageCorpus is a small training set whose cues follow two conventions
// the cue stage can learn: "said in a statement" is one cue, "said on
// Monday" is "said" alone.
func stageCorpus(t *testing.T) []Labeled {
	names := []string{"Marta Kovacs", "Ivo Petrov", "Lena Brandt", "Omar Haddad", "Ines Duarte", "Tomas Berg"}
	things := []string{"the bridge will reopen", "the talks had failed", "prices would fall", "the port was safe", "the vote was fair", "the army had left"}
	var docs []Labeled
	for i := range 24 {
		a, b := names[i%len(names)], names[(i+1)%len(names)]
		x, y := things[i%len(things)], things[(i+2)%len(things)]
		marked := fmt.Sprintf("Report number %d.\n\n[s:%s] [c:said in a statement] [q:that %s].\n\n[s:%s] [c:said] on Monday [q:that %s].\n\n[q:“%s,”] [s:%s] [c:told] reporters.\n\nThe weather was mild and the roads were quiet.",
			i, a, x, b, y, strings.ToUpper(x[:1])+x[1:], a)
		docs = append(docs, labeledDoc(t, marked))
	}
	return docs
}

func TestTrainCueStage(t *testing.T) {
	docs := stageCorpus(t)
	ctx := context.Background()
	opt := TrainOptions{Epochs: 3, FirstEpochs: 3, Stack: true, Folds: 2, Seed: 1, Seeds: 2, LexiconFolds: 2}
	m, err := Train(ctx, docs, opt)
	if err != nil {
		t.Fatal(err)
	}
	m.SetCueBiases(CueBiases{First: 1, Begin: -1, Inside: 0.5})
	scored := 0
	err = TrainCueStage(ctx, m, docs, CueStageOptions{
		Folds:  2,
		Epochs: 3,
		Seed:   1,
		Train:  func(ctx context.Context, docs []Labeled) (*Model, error) { return Train(ctx, docs, opt) },
		Score: func(ep int, m *Model) float64 {
			scored++
			return float64(ep)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.stage == nil || len(m.stage.w) == 0 || scored != 3 {
		t.Fatalf("no cue stage trained (scored %d epochs)", scored)
	}
	m.SetCueThreshold(-0.5)
	doc := document.New("Nadia Roth said in a statement that the bridge will reopen.\n\nPaul Weber said on Monday that the vote was fair.", document.Meta{Language: "en"})
	text.Segment(doc)
	qs := m.Quotes(doc)
	var cues []string
	for _, q := range qs {
		cues = append(cues, doc.Text[q.Cue.Start:q.Cue.End])
	}
	if !slices.Contains(cues, "said in a statement") || !slices.Contains(cues, "said") {
		t.Errorf("cues %q, want \"said in a statement\" and \"said\"", cues)
	}

	// The stage, its threshold and the biases survive writing and
	// reading.
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if m2.CueBiases() != m.CueBiases() || m2.CueThreshold() != -0.5 || len(m2.stage.w) != len(m.stage.w) {
		t.Errorf("read back: biases %+v threshold %g, %d stage weights; wrote %+v, -0.5, %d", m2.CueBiases(), m2.CueThreshold(), len(m2.stage.w), m.CueBiases(), len(m.stage.w))
	}
	if !slices.Equal(quoteSpans(m.Quotes(doc)), quoteSpans(m2.Quotes(doc))) {
		t.Error("the model read back finds other quotes")
	}

	if err := TrainCueStage(ctx, m, docs, CueStageOptions{}); err == nil {
		t.Error("TrainCueStage without a Train function succeeded")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := TrainCueStage(cctx, m, docs, CueStageOptions{Train: func(ctx context.Context, docs []Labeled) (*Model, error) { return Train(ctx, docs, opt) }}); err == nil {
		t.Error("TrainCueStage ignored a cancelled context")
	}
}

func quoteSpans(qs []document.Quote) []document.Span {
	var out []document.Span
	for _, q := range qs {
		out = append(out, q.Cue, q.Content)
	}
	return out
}

func TestQuoteStatesMisturnedOpening(t *testing.T) {
	doc := document.New("”We will stay,” she said.", document.Meta{Language: "en"})
	text.Segment(doc)
	l := newLayout(doc)
	q := l.units[0].quote
	if q[0] != 2 || q[1] != 1 {
		t.Errorf("a paragraph opening with ” : states %v, want it opening a quotation", q)
	}
}
