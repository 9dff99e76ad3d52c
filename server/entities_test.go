package server

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

func TestMentionContext(t *testing.T) {
	text := "First paragraph here.\n\nThe harbour master, Ana Silva, said the new cranes would arrive in spring, and that the port would hire forty more workers for the winter season ahead.\n\nLast."
	doc := document.New(text, document.Meta{})
	doc.Paragraphs = paragraphs(text)
	at := func(s string) document.Mention {
		i := strings.Index(text, s)
		return document.Mention{Start: i, End: i + len(s)}
	}
	for _, tc := range []struct {
		m                   document.Mention
		before, text, after string
	}{
		{at("Ana Silva"), "The harbour master, ", "Ana Silva", ", said the new cranes would arrive in spring, and that the port would hire forty more …"},
		{at("Last"), "", "Last", "."},
		{at("First"), "", "First", " paragraph here."},
		{document.Mention{Start: 5, End: 500}, "", "", ""},
		{document.Mention{Start: -1, End: 3}, "", "", ""},
	} {
		got := mentionContext(doc, tc.m)
		if got.Before != tc.before || got.Text != tc.text || got.After != tc.after {
			t.Errorf("mentionContext(%v) = %q|%q|%q, want %q|%q|%q", tc.m, got.Before, got.Text, got.After, tc.before, tc.text, tc.after)
		}
	}
}
