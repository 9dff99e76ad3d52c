package text

import (
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

// FuzzSegment checks that Segment never panics and that its spans are
// always in range, ordered, non-overlapping and nested (tokens in
// sentences in paragraphs), whatever the input, invalid UTF-8 included.
// The committed corpus is in testdata/fuzz/FuzzSegment.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		seedLike,
		"Mr. Smith met Gen. Lee in the U.S. The next day he left.",
		"“We won. They lost,” she said. «Oui.» ‘No’, he said...",
		"BAGHDAD (Reuters) -\nHeadline\n- item\n\n1. One.",
		"See https://x.org/a_(b)?q=1. Mail a.b@c.de, @h #t #1 $1.2 50%.",
		"don't can't Pakistan's players' '90s O'Brien",
		"\xff\xfe\xc3 \xe2\x80 \x00\u200b\u00a0",
		"...…!?!..--—",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := &document.Document{Text: s}
		Segment(doc)
		if err := checkInvariants(doc); err != "" {
			t.Fatalf("%s\ntext: %q", err, s)
		}
	})
}
