package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixture is a small analysed document written by hand, with every part a
// report shows.
func fixture() *document.Document {
	text := "Envoy praises allies\n\n" +
		"Anna Berg, the Danish envoy, said Norway sent 12 boats. \"We are grateful,\" she said.\n\n" +
		"Berg is the ambassador of Sweden."
	doc := document.New(text, document.Meta{
		Title: "Envoy praises allies", Outlet: "The Example Post", Published: "2024-03-01",
		URL: "https://example.com/a", Language: "en",
	})
	at := func(s string) document.Span {
		i := strings.Index(text, s)
		return document.Span{Start: i, End: i + len(s)}
	}
	doc.Headline = &document.Span{Start: 0, End: 20}
	doc.Paragraphs = []document.Span{{Start: 0, End: 20}, at("Anna Berg, the Danish envoy, said Norway sent 12 boats. \"We are grateful,\" she said."), at("Berg is the ambassador of Sweden.")}
	doc.Sentences = []document.Sentence{{Start: 0, End: 20}}
	anna, berg, danish, sweden := at("Anna Berg"), at("Berg is"), at("the Danish envoy"), at("ambassador of Sweden")
	doc.Entities = []document.Entity{
		{ID: "E1", Name: "Anna Berg", Type: document.Person,
			Mentions: []document.Mention{{Start: anna.Start, End: anna.End, Kind: "name"}, {Start: berg.Start, End: berg.Start + 4, Kind: "name"}},
			Roles:    []document.Role{{Title: "ambassador", Of: "DNK", Start: danish.Start, End: danish.End}, {Title: "ambassador", Of: "SWE", Start: sweden.Start, End: sweden.End}}},
		{ID: "E2", Name: "Norway", Type: document.GPE, Link: &document.Link{Kind: "country", Code: "NOR"},
			Mentions: []document.Mention{{Start: at("Norway").Start, End: at("Norway").End, Kind: "name"}}},
	}
	content := at("We are grateful,")
	doc.Quotes = []document.Quote{{Speaker: "E1", Attribution: "named", Cue: at("she said"), Content: content, Direct: true}}
	doc.Claims = []document.Claim{{ID: "C1", Start: at("Norway sent 12 boats.").Start, End: at("Norway sent 12 boats.").End, Source: "E1", Kind: "event", Checkworthy: 0.81,
		Event: &document.Event{Actor: &document.Arg{Text: "Norway", Code: "NOR"}, Action: "sent", CAMEO: "07"}}}
	doc.Facts = []document.Fact{{Entity: "E2", Attribute: "sent", Value: "12", Unit: "boats", Start: at("12 boats").Start, End: at("12 boats").End}}
	doc.Flags = []document.Flag{
		{Kind: "single-source", Severity: document.Warning, Message: "Every claim rests on one source.", Evidence: []document.Span{anna}},
		{Kind: "role-conflict", Severity: document.High, Message: "Anna Berg is called an envoy of Denmark and an ambassador of Sweden.", Evidence: []document.Span{danish, sweden}},
	}
	doc.Scores = &document.Scores{Consistency: 60, Sourcing: 70, Reasons: []string{"-40 consistency: one high-severity contradiction"}}
	doc.Removed = []document.Removed{{Kind: "comment-form", Text: "Leave a Reply", At: len(text)}}
	return doc
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test ./report -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file; got:\n%s", name, got)
	}
}

func TestWriteText(t *testing.T) {
	for _, tc := range []struct {
		name  string
		color bool
	}{{"article.txt", false}, {"article-color.txt", true}} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteText(&b, fixture(), tc.color); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, b.Bytes())
			if !tc.color && strings.Contains(b.String(), "\x1b[") {
				t.Error("colour codes in uncoloured output")
			}
		})
	}
}

func TestWriteHTML(t *testing.T) {
	doc := fixture()
	var b bytes.Buffer
	if err := WriteHTML(&b, doc); err != nil {
		t.Fatal(err)
	}
	golden(t, "article.html", b.Bytes())
	page := b.String()
	for _, want := range []string{
		`data-flag="f1"`,                       // the high flag, listed first
		`class="ev" data-ev="f1">the Danish`,   // its evidence marked in the text
		`class="ent ent-gpe" data-entity="E2"`, // a linked mention
		"Removed page residue (1)",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestWriteHTMLEscapes(t *testing.T) {
	text := `Hello <script>alert("x")</script> & <img src=x onerror=alert(1)>`
	doc := document.New(text, document.Meta{Title: "<b>title</b>"})
	doc.Paragraphs = []document.Span{{Start: 0, End: len(text)}}
	var b bytes.Buffer
	if err := WriteHTML(&b, doc); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>alert", "<img src=x", "<b>title</b>"} {
		if strings.Contains(b.String(), bad) {
			t.Errorf("unescaped %q in page", bad)
		}
	}
}

func TestWriterJSON(t *testing.T) {
	doc := fixture()
	doc.Tokens = []document.Token{{Start: 0, End: 5}}
	for _, tc := range []struct {
		opts       Options
		lines      int
		wantTokens bool
	}{
		{Options{}, -1, false},
		{Options{Many: true}, 2, false},
		{Options{Many: true, Tokens: true}, 2, true},
	} {
		var b bytes.Buffer
		w := NewWriter(&b, JSON, tc.opts)
		for range 2 {
			if err := w.Write(doc); err != nil {
				t.Fatal(err)
			}
		}
		if tc.lines > 0 && strings.Count(b.String(), "\n") != tc.lines {
			t.Errorf("%+v: want %d JSON lines, got:\n%s", tc.opts, tc.lines, b.String())
		}
		dec := json.NewDecoder(&b)
		for range 2 {
			var got map[string]any
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("%+v: %v", tc.opts, err)
			}
			if _, ok := got["tokens"]; ok != tc.wantTokens {
				t.Errorf("%+v: tokens present = %v", tc.opts, ok)
			}
			if got["schema"] != document.Schema {
				t.Errorf("schema = %v", got["schema"])
			}
		}
	}
	if doc.Tokens == nil {
		t.Error("writing JSON dropped the caller's tokens")
	}
}

func TestParseFormat(t *testing.T) {
	for in, ok := range map[string]bool{"json": true, "TEXT": true, "html": true, "events": true, "xml": false, "": false} {
		if _, err := ParseFormat(in); (err == nil) != ok {
			t.Errorf("ParseFormat(%q) err = %v", in, err)
		}
	}
}
