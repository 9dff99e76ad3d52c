package extract

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/source"
)

// FuzzExtract feeds arbitrary bytes to Extract as HTML and as plain text.
// It must never panic, and what it returns must keep Document's
// invariants. The committed corpus is in testdata/fuzz/FuzzExtract.
func FuzzExtract(f *testing.F) {
	f.Add([]byte("Harbour bridge reopens\n\nThe bridge reopened on Monday.\n\nPlease enter your comment!\nPlease enter your name here"), false)
	f.Add([]byte("Title: T\nDate: 2020-01-02\n\nBody text.\n"), false)
	f.Add([]byte(articleHTML), true)
	f.Add([]byte("<p>One<br><br>Two <b>three</b></p><table><tr><td>x</td></tr></table>"), true)
	f.Fuzz(func(t *testing.T, data []byte, isHTML bool) {
		ct := "text/plain"
		if isHTML {
			ct = "text/html"
		}
		doc, err := Extract(&source.Input{Name: "fuzz", ContentType: ct, Data: data})
		if err != nil {
			if !errors.Is(err, ErrNoArticle) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		checkDoc(t, doc)
		if strings.TrimSpace(doc.Text) == "" {
			t.Fatal("empty text without an error")
		}
		for _, r := range doc.Removed {
			if !utf8.ValidString(r.Text) {
				t.Fatalf("removed text is not valid UTF-8: %q", r.Text)
			}
		}
	})
}

// FuzzParseHeader checks that the header parser only ever splits its input:
// what it leaves is a suffix of it, and the values it reads are single
// lines.
func FuzzParseHeader(f *testing.F) {
	f.Add("Title: T\nOutlet: O\nURL: u\nDate: 2020-01-02\n\nBody")
	f.Add("Title: only")
	f.Add("Breaking: not a header\n\nBody")
	f.Add("title:\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		h, rest, ok := ParseHeader(s)
		if !strings.HasSuffix(s, rest) {
			t.Fatalf("rest %q is not a suffix of the input", rest)
		}
		if !ok {
			if rest != s || h != (Header{}) {
				t.Fatalf("no header, but rest = %q, header = %+v", rest, h)
			}
			return
		}
		for _, v := range []string{h.Title, h.Outlet, h.URL, h.Date, h.Author, h.Published} {
			if strings.ContainsAny(v, "\n\r") {
				t.Fatalf("multi-line value %q", v)
			}
		}
		if h.Published != "" && len(h.Published) != 10 {
			t.Fatalf("published %q is not YYYY-MM-DD", h.Published)
		}
	})
}
