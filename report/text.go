package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/document"
)

// width is the column at which the text report wraps prose.
const width = 88

// style adds ANSI colour when enabled; with colour off every method returns
// its argument unchanged, so the report reads the same either way.
type style bool

func (s style) wrap(code, t string) string {
	if !s || t == "" {
		return t
	}
	return "\x1b[" + code + "m" + t + "\x1b[0m"
}

func (s style) bold(t string) string  { return s.wrap("1", t) }
func (s style) dim(t string) string   { return s.wrap("2", t) }
func (s style) cyan(t string) string  { return s.wrap("36", t) }
func (s style) green(t string) string { return s.wrap("32", t) }

func (s style) severity(sev string) string {
	label := fmt.Sprintf("%-7s", strings.ToUpper(sev))
	switch sev {
	case document.High:
		return s.wrap("1;31", label)
	case document.Warning:
		return s.wrap("33", label)
	}
	return s.wrap("34", label)
}

// WriteText writes a readable report of doc, coloured for a terminal when
// color is set.
func WriteText(w io.Writer, doc *document.Document, color bool) error {
	b := bufio.NewWriter(w)
	t := textReport{w: b, doc: doc, s: style(color)}
	t.header()
	t.scores()
	t.flags()
	t.entities()
	t.quotes()
	t.claims()
	t.facts()
	t.removed()
	t.article()
	return b.Flush()
}

type textReport struct {
	w   *bufio.Writer
	doc *document.Document
	s   style
}

func (t *textReport) printf(format string, a ...any) { fmt.Fprintf(t.w, format, a...) }

func (t *textReport) section(name string, n int) {
	t.printf("\n%s %s\n", t.s.bold(name), t.s.dim(fmt.Sprintf("(%d)", n)))
}

func (t *textReport) header() {
	m := t.doc.Meta
	title := cmp.Or(m.Title, "(untitled)")
	t.printf("%s\n", t.s.bold(title))
	var line []string
	for _, f := range []string{m.Outlet, m.Byline, m.Published, m.URL} {
		if f != "" {
			line = append(line, f)
		}
	}
	if len(line) > 0 {
		t.printf("%s\n", t.s.dim(strings.Join(line, " · ")))
	}
	words := len(strings.Fields(t.doc.Text))
	t.printf("%s\n", t.s.dim(fmt.Sprintf("language %s · %d paragraphs · %d sentences · %d words",
		cmp.Or(m.Language, "unknown"), len(t.doc.Paragraphs), len(t.doc.Sentences), words)))
	for _, n := range t.doc.Notes {
		t.printf("note: %s\n", n)
	}
}

func (t *textReport) scores() {
	sc := t.doc.Scores
	if sc == nil {
		return
	}
	t.printf("\n%s consistency %s  sourcing %s\n", t.s.bold("SCORES"),
		t.s.bold(fmt.Sprintf("%d/100", sc.Consistency)), t.s.bold(fmt.Sprintf("%d/100", sc.Sourcing)))
	for _, r := range sc.Reasons {
		t.printf("  %s %s\n", t.s.dim("·"), r)
	}
}

func (t *textReport) flags() {
	if len(t.doc.Flags) == 0 {
		return
	}
	t.section("FLAGS", len(t.doc.Flags))
	flags := slices.Clone(t.doc.Flags)
	slices.SortStableFunc(flags, func(a, b document.Flag) int {
		return severityRank(b.Severity) - severityRank(a.Severity)
	})
	kindWidth := 0
	for _, f := range flags {
		kindWidth = max(kindWidth, len(f.Kind))
	}
	for _, f := range flags {
		t.printf("  %s %-*s  %s\n", t.s.severity(f.Severity), kindWidth, f.Kind, f.Message)
		for _, ev := range f.Evidence {
			t.printf("  %*s  %s\n", 7+kindWidth+1, "", t.quote(ev))
		}
	}
}

func severityRank(s string) int {
	switch s {
	case document.High:
		return 2
	case document.Warning:
		return 1
	}
	return 0
}

// quote shows the words at span s, with their paragraph number so a reader
// can find them.
func (t *textReport) quote(s document.Span) string {
	words := clip(oneLine(t.doc.Slice(s)), 70)
	return t.s.cyan("“"+words+"”") + t.s.dim(fmt.Sprintf(" ¶%d", t.paragraph(s.Start)))
}

// paragraph returns the 1-based number of the paragraph holding offset.
func (t *textReport) paragraph(offset int) int {
	i, _ := slices.BinarySearchFunc(t.doc.Paragraphs, offset, func(p document.Span, off int) int {
		if p.End <= off {
			return -1
		}
		if p.Start > off {
			return 1
		}
		return 0
	})
	return i + 1
}

func (t *textReport) entities() {
	ents := t.doc.Entities
	if len(ents) == 0 {
		return
	}
	t.section("ENTITIES", len(ents))
	nameWidth := 0
	for _, e := range ents {
		nameWidth = max(nameWidth, utf8.RuneCountInString(clip(e.Name, 32)))
	}
	for _, e := range ents {
		link := ""
		if e.Link != nil {
			link = e.Link.Code
			if e.Link.Country != "" && e.Link.Country != e.Link.Code {
				link += " in " + e.Link.Country
			}
		}
		name := clip(e.Name, 32)
		pad := strings.Repeat(" ", nameWidth-utf8.RuneCountInString(name))
		t.printf("  %-4s %-6s %s%s  %-14s %s\n", e.ID, e.Type, t.s.bold(name), pad,
			link, t.s.dim(fmt.Sprintf("%d mentions", len(e.Mentions))))
		if len(e.Aliases) > 0 {
			t.printf("  %12s also: %s\n", "", strings.Join(e.Aliases, ", "))
		}
		for _, r := range e.Roles {
			t.printf("  %12s role: %s of %s  %s\n", "", r.Title, cmp.Or(r.Of, "?"), t.quote(r.Span()))
		}
	}
}

func (t *textReport) name(id document.EntityID) string {
	if e := t.doc.Entity(id); e != nil {
		return e.Name
	}
	return ""
}

func (t *textReport) quotes() {
	qs := t.doc.Quotes
	if len(qs) == 0 {
		return
	}
	t.section("QUOTES", len(qs))
	for _, q := range qs {
		who := t.name(q.Speaker)
		if who == "" {
			who = "(" + q.Attribution + ")"
			if q.Source != nil {
				who = t.doc.Slice(*q.Source) + " " + who
			}
		}
		kind := "indirect"
		if q.Direct {
			kind = "direct"
		}
		t.printf("  %s %s %s\n", t.s.bold(clip(who, 40)), t.s.dim(t.doc.Slice(q.Cue)), t.s.dim("("+kind+")"))
		t.printf("      %s\n", t.quote(q.Content))
	}
}

func (t *textReport) claims() {
	cs := t.doc.Claims
	if len(cs) == 0 {
		return
	}
	t.section("CLAIMS", len(cs))
	for _, c := range cs {
		src := cmp.Or(t.name(c.Source), "outlet")
		t.printf("  %s %-8s %s  %s\n", t.s.green(fmt.Sprintf("%.2f", c.Checkworthy)), c.Kind,
			t.s.dim("source: "+src), t.quote(c.Span()))
		if ev := c.Event; ev != nil {
			t.printf("       event: %s\n", eventLine(ev))
		}
	}
}

func eventLine(ev *document.Event) string {
	arg := func(a *document.Arg) string {
		if a == nil {
			return "-"
		}
		if a.Code != "" {
			return a.Text + " [" + a.Code + "]"
		}
		return a.Text
	}
	s := fmt.Sprintf("%s → %s → %s", arg(ev.Actor), ev.Action, arg(ev.Target))
	if ev.Place != nil {
		s += " · in " + arg(ev.Place)
	}
	if ev.Time != nil {
		s += " · " + ev.Time.Text
		if ev.Time.Value != "" {
			s += " (" + ev.Time.Value + ")"
		}
	}
	if ev.CAMEO != "" {
		s += " · CAMEO " + ev.CAMEO
	}
	return s
}

func (t *textReport) facts() {
	fs := t.doc.Facts
	if len(fs) == 0 {
		return
	}
	t.section("FACTS", len(fs))
	for _, f := range fs {
		v := f.Value
		if f.Unit != "" {
			v += " " + f.Unit
		}
		if f.Scope != "" {
			v += " (" + f.Scope + ")"
		}
		t.printf("  %s %s = %s  %s\n", t.s.bold(cmp.Or(t.name(f.Entity), "-")), f.Attribute, v, t.quote(f.Span()))
	}
}

func (t *textReport) removed() {
	rs := t.doc.Removed
	if len(rs) == 0 {
		return
	}
	t.section("REMOVED", len(rs))
	kindWidth := 0
	for _, r := range rs {
		kindWidth = max(kindWidth, len(r.Kind))
	}
	for _, r := range rs {
		t.printf("  %-*s  %s\n", kindWidth, r.Kind, t.s.dim(clip(oneLine(r.Text), 72)))
	}
}

func (t *textReport) article() {
	t.printf("\n%s\n", t.s.bold("ARTICLE"))
	for i, p := range t.doc.Paragraphs {
		para := t.doc.Slice(p)
		if t.doc.Headline != nil && p.Start == t.doc.Headline.Start {
			para = t.s.bold(para)
		}
		t.printf("%s", wrap(para, width, t.s.dim(fmt.Sprintf("%3d ", i+1)), "    "))
	}
	if len(t.doc.Paragraphs) == 0 && t.doc.Text != "" {
		t.printf("%s", wrap(t.doc.Text, width, "    ", "    "))
	}
}

// wrap fills text into lines of at most width columns, the first prefixed
// by first and the rest by rest.
func wrap(text string, width int, first, rest string) string {
	var b strings.Builder
	prefix, col := first, 0
	for _, word := range strings.Fields(text) {
		n := utf8.RuneCountInString(word)
		if col > 0 && col+1+n > width {
			b.WriteString("\n")
			prefix, col = rest, 0
		}
		if col == 0 {
			b.WriteString(prefix)
		} else {
			b.WriteString(" ")
			col++
		}
		b.WriteString(word)
		col += n
	}
	b.WriteString("\n")
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// clip shortens s to at most n runes, marking the cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
