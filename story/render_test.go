package story

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteTextAndHTML(t *testing.T) {
	c := compareFiles(t, "mosul-a.txt", "mosul-b.txt", "mosul-c.txt", "mosul-d.txt")
	var b bytes.Buffer
	if err := WriteText(&b, c); err != nil {
		t.Fatal(err)
	}
	txt := b.String()
	for _, want := range []string{"4 versions, first published 2017-07-17 by [A] Capital Herald",
		"»second«", "»third«", "»Ambassador of Iran«", "[B] is a rewrite of [A]", "Only in some versions"} {
		if !strings.Contains(txt, want) {
			t.Errorf("text report lacks %q:\n%s", want, txt)
		}
	}
	b.Reset()
	c.Versions[0].Title = `<script>alert("x")</script>`
	if err := WriteHTML(&b, c); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	if strings.Contains(h, "<script>") {
		t.Error("HTML report does not escape titles")
	}
	for _, want := range []string{"<mark>second</mark>", "<mark>third</mark>", "Contradictions (2)"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
}

func TestDisplay(t *testing.T) {
	for in, want := range map[string]string{"#1": "1st", "#2": "2nd", "#3": "3rd", "#4": "4th", "#11": "11th", "#12": "12th", "#21": "21st", "12": "12", "iraq": "iraq", "#": "#"} {
		if got := display(in); got != want {
			t.Errorf("display(%q) = %q; want %q", in, got, want)
		}
	}
}
