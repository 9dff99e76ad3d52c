package story

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

// FuzzDecodeFeatures: stored features come from disk, so any bytes must
// decode to an error or to features that encode back the same.
func FuzzDecodeFeatures(f *testing.F) {
	var x Extractor
	d := document.New("Mosul retaken\n\nIraqi forces retook Mosul, the second largest city.", document.Meta{Published: "2017-07-10"})
	fe := x.Extract(d)
	f.Add(fe.Encode(nil))
	f.Add([]byte{2})
	f.Add([]byte{1, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		fe, err := DecodeFeatures(b)
		if err != nil {
			return
		}
		if got := fe.Encode(nil); string(got) != string(b) {
			// Varints have several encodings; decoding again must agree.
			fe2, err := DecodeFeatures(got)
			if err != nil || fe2.Day != fe.Day || len(fe2.Terms) != len(fe.Terms) {
				t.Fatalf("round trip changed the features")
			}
		}
		ix := NewIndex(Options{})
		ix.Add("sha256:0123456789abcdef", &fe)
		ix.Load("s1", &fe)
	})
}

// FuzzCompare runs the comparison on arbitrary pairs of texts: it must
// never panic, and every piece of evidence must point inside its text.
func FuzzCompare(f *testing.F) {
	f.Add("Mosul, the second largest city of Iraq, was freed after a nine-month battle.",
		"Mosul, Iraq's third largest city, was freed after a 9-month battle.")
	f.Add(`He said "we share the same enemy" on Monday.`, `"We share the same enemy," he said on Tuesday.`)
	f.Add("Ali Yasin, Ambassador of Iran, spoke.", "Iraq's ambassador Ali Yasin spoke.")
	f.Add("1,800 firefighters. 3.5 percent. 2nd. U.S. “quote", "\xff\xfe 12 May 2020 Tuesday")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !validUTF8(a) || !validUTF8(b) {
			return
		}
		docs := []*document.Document{
			document.New(a, document.Meta{Published: "2017-07-10"}),
			document.New(b, document.Meta{Published: "2017-07-11"}),
		}
		c := Compare("s", docs)
		check := func(e Evidence) {
			d := docs[e.Label[0]-'A']
			if !(document.Span{Start: e.Start, End: e.End}).Valid(len(d.Text)) || d.Text[e.Start:e.End] != e.Text {
				t.Fatalf("evidence %+v does not point into its text", e)
			}
		}
		for _, x := range c.Contradictions {
			for _, s := range x.Sides {
				for _, e := range s.Evidence {
					check(e)
				}
			}
		}
		for _, p := range c.Agreements {
			for _, e := range p.Evidence {
				check(e)
			}
		}
		for _, o := range c.Omissions {
			for _, e := range o.In {
				check(e)
			}
		}
		var x Extractor
		x.Extract(docs[0])
	})
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "") == s }
