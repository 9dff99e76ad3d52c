package polnear

import (
	"bufio"
	"strings"
	"testing"
)

// FuzzParseBrat checks that any annotation file, against any text, gives
// an error or relations whose spans lie inside the text, and never
// panics.
func FuzzParseBrat(f *testing.F) {
	f.Add("T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 8 14;15 17\tit was ok\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n", "He said it was ok.")
	f.Add("T1\tCue 0 99\tx\nE1\tCue:T1 Content:T1\n", "short")
	f.Add("T1\tCue 2 1\tx\n", "short")
	f.Add("E1\tCue:T9 Content:T9\n", "")
	f.Add("T1\tContent 0 1;\n", "é")
	f.Fuzz(func(t *testing.T, ann, text string) {
		rels, err := parseBrat(bufio.NewScanner(strings.NewReader(ann)), text)
		if err != nil {
			return
		}
		for _, r := range rels {
			if !r.Cue.Valid(len(text)) {
				t.Fatalf("cue %+v outside text", r.Cue)
			}
			for _, c := range r.Content {
				if !c.Valid(len(text)) {
					t.Fatalf("content %+v outside text", c)
				}
			}
		}
	})
}

func TestParseBratCharacterOffsets(t *testing.T) {
	// "é" is two bytes: character offsets must become byte offsets.
	text := "Café owner José said “prices rise”."
	ann := "T1\tSource 11 15\tJosé\nT2\tCue 16 20\tsaid\nT3\tContent 21 34\t“prices rise”\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
	rels, err := parseBrat(bufio.NewScanner(strings.NewReader(ann)), text)
	if err != nil {
		t.Fatal(err)
	}
	if len(rels) != 1 {
		t.Fatalf("got %d relations", len(rels))
	}
	r := rels[0]
	if got := text[r.Source.Start:r.Source.End]; got != "José" {
		t.Errorf("source %q", got)
	}
	if got := text[r.Cue.Start:r.Cue.End]; got != "said" {
		t.Errorf("cue %q", got)
	}
	if got := text[r.Content[0].Start:r.Content[0].End]; got != "“prices rise”" {
		t.Errorf("content %q", got)
	}
}

func TestScores(t *testing.T) {
	text := "“We share a border,” she said, “and a future.” Officials say it works."
	ann := "T1\tSource 21 24\tshe\nT2\tCue 25 29\tsaid\nT3\tContent 0 20;31 46\tx\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
	gold, err := parseBrat(bufio.NewScanner(strings.NewReader(ann)), text)
	if err != nil {
		t.Fatal(err)
	}
	var s Scores
	// Perfect prediction of the one relation, plus one spurious quote.
	pred := []quoteLike{
		{src: &[2]int{byteAt(text, 21), byteAt(text, 24)}, cue: [2]int{byteAt(text, 25), byteAt(text, 29)},
			parts: [][2]int{{0, byteAt(text, 20)}, {byteAt(text, 31), byteAt(text, 46)}}},
		{cue: [2]int{byteAt(text, 57), byteAt(text, 60)}, parts: [][2]int{{byteAt(text, 61), byteAt(text, 69)}}},
	}
	s.Add(text, gold, toQuotes(pred))
	if s.Source.F1() != 1 || s.Cue.P() != 0.5 || s.Cue.R() != 1 || s.Content.TP != 1 || s.Relation.TP != 1 {
		t.Errorf("scores %+v", s)
	}
}
