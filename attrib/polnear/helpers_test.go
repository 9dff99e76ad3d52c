package polnear

import "github.com/crosscheck/crosscheck/document"

type quoteLike struct {
	src   *[2]int
	cue   [2]int
	parts [][2]int
}

func toQuotes(qs []quoteLike) []document.Quote {
	var out []document.Quote
	for _, q := range qs {
		d := document.Quote{Cue: document.Span{Start: q.cue[0], End: q.cue[1]}}
		if q.src != nil {
			d.Source = &document.Span{Start: q.src[0], End: q.src[1]}
		}
		for _, p := range q.parts {
			d.Parts = append(d.Parts, document.Span{Start: p[0], End: p[1]})
		}
		d.Content = document.Span{Start: d.Parts[0].Start, End: d.Parts[len(d.Parts)-1].End}
		if len(d.Parts) == 1 {
			d.Parts = nil
		}
		out = append(out, d)
	}
	return out
}

// byteAt converts a character offset of text into a byte offset.
func byteAt(text string, char int) int {
	return runeIndex(text)[char]
}
