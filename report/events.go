package report

import (
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/document"
)

// EventColumns are the columns of the events format, in order. They
// follow GDELT's event table where one exists (SQLDATE, Actor1Code,
// Actor2Code, EventRootCode, ActionGeo, SOURCEURL), with crosscheck's own
// byte offsets so that each row points back at its sentence.
var EventColumns = []string{
	"date", "actor1_code", "actor1", "actor2_code", "actor2", "cameo_root", "action",
	"place_code", "place", "time", "time_value", "claim", "source", "article",
	"sentence_start", "sentence_end",
}

// WriteEvents writes doc's events as tab-separated rows, one per event,
// with a header row first when header is set. The date is the event's
// own date when its time resolved to a day, else the publication date.
// Fields never hold tabs or newlines: they are replaced by spaces.
func WriteEvents(w io.Writer, doc *document.Document, header bool) error {
	var b strings.Builder
	if header {
		b.WriteString(strings.Join(EventColumns, "\t"))
		b.WriteByte('\n')
	}
	article := doc.Meta.URL
	if article == "" {
		article = doc.Meta.Source
	}
	if article == "" {
		article = doc.ID
	}
	for _, c := range doc.Claims {
		ev := c.Event
		if ev == nil {
			continue
		}
		date := doc.Meta.Published
		if ev.Time != nil && len(ev.Time.Value) == len("2006-01-02") && ev.Time.Value[4] == '-' {
			date = ev.Time.Value
		}
		speaker := ""
		if c.Source != "" {
			if e := doc.Entity(c.Source); e != nil {
				speaker = e.Name
			}
		}
		sent := sentenceOf(doc, ev.ActionSpan)
		row := []string{
			date, argCode(ev.Actor), argText(ev.Actor), argCode(ev.Target), argText(ev.Target),
			ev.CAMEO, ev.Action, argCode(ev.Place), argText(ev.Place),
			argText(ev.Time), argValue(ev.Time), c.ID, speaker, article,
			strconv.Itoa(sent.Start), strconv.Itoa(sent.End),
		}
		for i, f := range row {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(cleanField(f))
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sentenceOf returns the sentence holding sp, or sp itself when the text
// layer left no sentences.
func sentenceOf(doc *document.Document, sp document.Span) document.Span {
	i := sort.Search(len(doc.Sentences), func(i int) bool { return doc.Sentences[i].End > sp.Start })
	if i < len(doc.Sentences) && doc.Sentences[i].Start <= sp.Start {
		return doc.Sentences[i].Span()
	}
	return sp
}

func argCode(a *document.Arg) string {
	if a == nil {
		return ""
	}
	return a.Code
}

func argText(a *document.Arg) string {
	if a == nil {
		return ""
	}
	return a.Text
}

func argValue(a *document.Arg) string {
	if a == nil {
		return ""
	}
	return a.Value
}

var fieldCleaner = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

func cleanField(s string) string { return fieldCleaner.Replace(s) }
