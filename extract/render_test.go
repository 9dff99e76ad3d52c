package extract

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func renderString(t *testing.T, s string) []string {
	t.Helper()
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range render(n, false) {
		out = append(out, p.text)
	}
	return out
}

func TestRender(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string
	}{
		{"paragraphs", "<p>One.</p><p>Two.</p>", []string{"One.", "Two."}},
		{"white space collapses", "<p>  One\n\t two  </p>", []string{"One two"}},
		{"inline markup keeps words whole", "<p>Bold<b>er</b> and <i>it</i>alic</p>", []string{"Bolder and italic"}},
		{"one br is a line break", "<p>Line one<br>Line two</p>", []string{"Line one\nLine two"}},
		{"two br split paragraphs", "<div>Para one<br><br>Para two</div>", []string{"Para one", "Para two"}},
		{"list items are paragraphs", "<ul><li>First</li><li>Second</li></ul>", []string{"First", "Second"}},
		{"table rows", "<table><tr><td>A</td><td>1</td></tr><tr><td>B</td><td>2</td></tr></table>", []string{"A | 1", "B | 2"}},
		{"pre keeps lines", "<pre>a  b\nc</pre>", []string{"a  b\nc"}},
		{"scripts and styles skipped", "<p>Text<script>var x = 1;</script><style>p{}</style> here</p>", []string{"Text here"}},
		{"soft hyphens and zero width", "<p>extra\u00adordinary\u200b word</p>", []string{"extraordinary word"}},
		{"no-break spaces", "<p>10\u00a0km away</p>", []string{"10 km away"}},
		{"headings", "<h2>Section</h2><p>Body.</p>", []string{"Section", "Body."}},
		{"nested blocks", "<div><p>In</p>Out</div>", []string{"In", "Out"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderString(t, tt.html); !slices.Equal(got, tt.want) {
				t.Errorf("render = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestRenderTrimmedNodes builds the kind of tree go-trafilatura returns,
// whose text nodes have lost the spaces around inline elements.
func TestRenderTrimmedNodes(t *testing.T) {
	p := &html.Node{Type: html.ElementNode, Data: "p"}
	add := func(n *html.Node) { p.AppendChild(n) }
	text := func(s string) *html.Node { return &html.Node{Type: html.TextNode, Data: s} }
	a := &html.Node{Type: html.ElementNode, Data: "a"}
	a.AppendChild(text("Larry Ogunjobi"))
	add(text("suspension for"))
	add(a)
	add(text(", who"))
	q := &html.Node{Type: html.ElementNode, Data: "em"}
	q.AppendChild(text("said"))
	add(q)
	add(text("(twice)"))
	got := render(p, true)
	if len(got) != 1 || got[0].text != "suspension for Larry Ogunjobi, who said (twice)" {
		t.Errorf("render = %+v", got)
	}
}
