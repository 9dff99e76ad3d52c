package story

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// WriteText writes c as a readable report.
func WriteText(w io.Writer, c *Comparison) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Story %s: %s\n", c.Story, c.Title)
	first := "no version is dated"
	if c.FirstPublished != "" {
		first = "first published " + c.FirstPublished + " by " + c.labels(c.First)
	}
	fmt.Fprintf(&b, "%d versions, %s\n", len(c.Versions), first)

	b.WriteString("\nVersions\n")
	for _, v := range c.Versions {
		pub := v.Published
		if pub == "" {
			pub = "undated   "
		}
		fmt.Fprintf(&b, "  [%s] %s  %s: %s\n", v.Label, pub, orDash(v.Outlet), v.Title)
		if v.URL != "" {
			fmt.Fprintf(&b, "       %s\n", v.URL)
		}
	}

	fmt.Fprintf(&b, "\nContradictions (%d)\n", len(c.Contradictions))
	if len(c.Contradictions) == 0 {
		b.WriteString("  none found\n")
	}
	for _, x := range c.Contradictions {
		fmt.Fprintf(&b, "  %s: %s\n", x.Kind, x.About)
		for _, s := range x.Sides {
			fmt.Fprintf(&b, "    %q in %s\n", display(s.Value), evLabels(s.Evidence))
			for _, e := range s.Evidence {
				fmt.Fprintf(&b, "      [%s] %s\n", e.Label, quoteIn(e))
			}
		}
	}

	fmt.Fprintf(&b, "\nAgreements (%d)\n", len(c.Agreements))
	if len(c.Agreements) == 0 {
		b.WriteString("  none found\n")
	}
	for _, p := range c.Agreements {
		fmt.Fprintf(&b, "  %s: %s = %q in %s\n", p.Kind, p.About, display(p.Value), evLabels(p.Evidence))
	}

	fmt.Fprintf(&b, "\nOnly in some versions (%d)\n", len(c.Omissions))
	if len(c.Omissions) == 0 {
		b.WriteString("  none found\n")
	}
	for _, o := range c.Omissions {
		fmt.Fprintf(&b, "  in %s, not in %s: %s\n", evLabels(o.In), strings.Join(o.Missing, ", "), clip(o.Text, 160))
	}

	fmt.Fprintf(&b, "\nCopies and rewrites (%d)\n", len(c.Copies))
	if len(c.Copies) == 0 {
		b.WriteString("  none found\n")
	}
	for _, x := range c.Copies {
		fmt.Fprintf(&b, "  [%s] is a %s of [%s]: %.0f%% of its text is in [%s]\n", x.To, x.Kind, x.From, 100*x.Shared, x.From)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (c *Comparison) labels(ls []string) string {
	var out []string
	for _, l := range ls {
		for _, v := range c.Versions {
			if v.Label == l {
				out = append(out, "["+l+"] "+orDash(v.Outlet))
			}
		}
	}
	return strings.Join(out, ", ")
}

// display shows a normalised value for people: the ordinal "#2" as "2nd".
func display(v string) string {
	n, ok := strings.CutPrefix(v, "#")
	if !ok || n == "" {
		return v
	}
	suffix := "th"
	if len(n) < 2 || n[len(n)-2] != '1' {
		switch n[len(n)-1] {
		case '1':
			suffix = "st"
		case '2':
			suffix = "nd"
		case '3':
			suffix = "rd"
		}
	}
	return n + suffix
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func evLabels(es []Evidence) string {
	var out []string
	for _, e := range es {
		out = append(out, "["+e.Label+"]")
	}
	return strings.Join(out, " ")
}

// quoteIn shows the evidence in its sentence, the words themselves marked
// with » «.
func quoteIn(e Evidence) string {
	ctx := e.Context
	if i := strings.Index(ctx, e.Text); i >= 0 && e.Text != "" {
		ctx = ctx[:i] + "»" + e.Text + "«" + ctx[i+len(e.Text):]
	} else if ctx == "" {
		ctx = "»" + e.Text + "«"
	}
	return clip(ctx, 220)
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// WriteHTML writes c as a standalone HTML page.
func WriteHTML(w io.Writer, c *Comparison) error {
	return pageTmpl.Execute(w, c)
}

var pageTmpl = template.Must(template.New("story").Funcs(template.FuncMap{
	"mark": func(e Evidence) template.HTML {
		ctx := e.Context
		i := strings.Index(ctx, e.Text)
		if ctx == "" || e.Text == "" || i < 0 {
			return template.HTML("<mark>" + template.HTMLEscapeString(e.Text) + "</mark>")
		}
		return template.HTML(template.HTMLEscapeString(ctx[:i]) + "<mark>" +
			template.HTMLEscapeString(e.Text) + "</mark>" + template.HTMLEscapeString(ctx[i+len(e.Text):]))
	},
	"pct":     func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) },
	"display": display,
	"join":    func(s []string) string { return strings.Join(s, ", ") },
	"clip":    func(s string) string { return clip(s, 300) },
	"first":   func(c *Comparison) string { return c.labels(c.First) },
}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Story {{.Story}}: {{.Title}}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;vertical-align:top;border-bottom:1px solid #eee}
.lab{font-weight:bold;font-family:monospace}.kind{color:#666;font-size:.85rem;text-transform:uppercase}
mark{background:#ffe58a;padding:0 .1rem}.side{margin:.4rem 0 .8rem 1rem}.ev{margin-left:1.5rem;color:#333}
.contra{border-left:4px solid #d33;padding-left:.8rem;margin:1rem 0}.none{color:#777}
</style></head><body>
<h1>Story {{.Story}}: {{.Title}}</h1>
<p>{{len .Versions}} versions{{if .FirstPublished}}, first published {{.FirstPublished}} by {{first .}}{{end}}.</p>
<h2>Versions</h2>
<table><tr><th></th><th>Published</th><th>Outlet</th><th>Title</th></tr>
{{range .Versions}}<tr><td class="lab">[{{.Label}}]</td><td>{{or .Published "undated"}}</td><td>{{.Outlet}}</td><td>{{if .URL}}<a href="{{.URL}}">{{.Title}}</a>{{else}}{{.Title}}{{end}}</td></tr>
{{end}}</table>
<h2>Contradictions ({{len .Contradictions}})</h2>
{{range .Contradictions}}<div class="contra"><div><span class="kind">{{.Kind}}</span> {{.About}}</div>
{{range .Sides}}<div class="side"><b>{{printf "%q" (display .Value)}}</b>
{{range .Evidence}}<div class="ev"><span class="lab">[{{.Label}}]</span> {{mark .}}</div>{{end}}</div>{{end}}
</div>{{else}}<p class="none">None found.</p>{{end}}
<h2>Agreements ({{len .Agreements}})</h2>
{{if .Agreements}}<table>{{range .Agreements}}<tr><td class="kind">{{.Kind}}</td><td>{{.About}}</td><td><b>{{display .Value}}</b></td><td>{{range .Evidence}}<span class="lab">[{{.Label}}]</span> {{end}}</td></tr>{{end}}</table>{{else}}<p class="none">None found.</p>{{end}}
<h2>Only in some versions ({{len .Omissions}})</h2>
{{if .Omissions}}<table><tr><th>In</th><th>Not in</th><th>Statement</th></tr>{{range .Omissions}}<tr><td>{{range .In}}<span class="lab">[{{.Label}}]</span> {{end}}</td><td>{{join .Missing}}</td><td>{{clip .Text}}</td></tr>{{end}}</table>{{else}}<p class="none">None found.</p>{{end}}
<h2>Copies and rewrites ({{len .Copies}})</h2>
{{range .Copies}}<p><span class="lab">[{{.To}}]</span> is a {{.Kind}} of <span class="lab">[{{.From}}]</span>: {{pct .Shared}} of its text is in [{{.From}}].</p>{{else}}<p class="none">None found.</p>{{end}}
</body></html>
`))
