package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

func TestWriteEvents(t *testing.T) {
	text := "Pakistan gave Iraq arms last week.\tTabbed."
	doc := document.New(text, document.Meta{Published: "2017-07-12", URL: "https://example.com/a"})
	doc.Sentences = []document.Sentence{{Start: 0, End: 34}, {Start: 35, End: len(text)}}
	doc.Entities = []document.Entity{{ID: "E9", Name: "Ali\tYasin"}}
	doc.Claims = []document.Claim{
		{ID: "C1", Start: 0, End: 34, Source: "E9", Event: &document.Event{
			Actor:  &document.Arg{Text: "Pakistan", Code: "PAK", Start: 0, End: 8},
			Action: "gave", ActionSpan: document.Span{Start: 9, End: 13},
			Target: &document.Arg{Text: "Iraq", Code: "IRQ", Start: 14, End: 18},
			Time:   &document.Arg{Text: "last week", Value: "2017-07-03/2017-07-09", Start: 24, End: 33},
			CAMEO:  "07",
		}},
		{ID: "C2", Start: 35, End: len(text)}, // no event: no row
	}
	var b bytes.Buffer
	if err := WriteEvents(&b, doc, true); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want header and one row:\n%s", len(lines), b.String())
	}
	if lines[0] != strings.Join(EventColumns, "\t") {
		t.Errorf("header %q", lines[0])
	}
	want := "2017-07-12\tPAK\tPakistan\tIRQ\tIraq\t07\tgave\t\t\tlast week\t2017-07-03/2017-07-09\tC1\tAli Yasin\thttps://example.com/a\t0\t34"
	if lines[1] != want {
		t.Errorf("row\n got %q\nwant %q", lines[1], want)
	}
	for _, l := range lines {
		if n := strings.Count(l, "\t"); n != len(EventColumns)-1 {
			t.Errorf("%d tabs in %q", n, l)
		}
	}

	// Without a header, and with a resolved day, the event's own date.
	doc.Claims[0].Event.Time.Value = "2017-07-07"
	b.Reset()
	if err := WriteEvents(&b, doc, false); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "2017-07-07\tPAK") {
		t.Errorf("row without header: %q", b.String())
	}
}
