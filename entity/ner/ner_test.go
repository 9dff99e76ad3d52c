package ner

import (
	"strings"
	"sync"
	"testing"
)

func loadEmbedded(t testing.TB) *Model {
	t.Helper()
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTagShape(t *testing.T) {
	m := loadEmbedded(t)
	doc := [][]string{
		strings.Fields("The minister flew to Paris on Monday ."),
		{},
		strings.Fields("Officials in Baghdad said nothing ."),
	}
	got := m.Tag(doc)
	if len(got) != len(doc) {
		t.Fatalf("got %d sentences, want %d", len(got), len(doc))
	}
	for i := range doc {
		if len(got[i]) != len(doc[i]) {
			t.Errorf("sentence %d: got %d labels for %d tokens", i, len(got[i]), len(doc[i]))
		}
		for _, l := range got[i] {
			if l != "O" {
				if _, typ, ok := splitTag(l); !ok || typeIndex(typ) < 0 || l[0] != 'B' && l[0] != 'I' {
					t.Errorf("sentence %d: label %q is not BIO over %v", i, l, Types)
				}
			}
		}
	}
	if len(m.Tag(nil)) != 0 {
		t.Error("Tag(nil) returned sentences")
	}
}

func TestTagConcurrent(t *testing.T) {
	m := loadEmbedded(t)
	doc := [][]string{strings.Fields("Ali Yasin met officials of the United Nations in Islamabad .")}
	want := m.Tag(doc)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				got := m.Tag(doc)
				if strings.Join(got[0], " ") != strings.Join(want[0], " ") {
					t.Errorf("concurrent Tag gave %v, want %v", got[0], want[0])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestTagSentences checks the embedded model on sentences written for this
// test: names it must get right whatever the training details.
func TestTagSentences(t *testing.T) {
	m := loadEmbedded(t)
	doc := [][]string{
		strings.Fields("Ali Yasin Muhammad Karim , the Iraqi ambassador , met officials in Islamabad on Monday ."),
		strings.Fields("Karim said Pakistan had helped Iraq fight the Islamic State ."),
		strings.Fields("The United Nations and the European Union welcomed the talks ."),
		strings.Fields("Angela Merkel flew from Berlin to Paris for a meeting with Emmanuel Macron ."),
	}
	want := map[string]string{
		"Ali Yasin Muhammad Karim": "PER",
		"Iraqi":                    "MISC",
		"Islamabad":                "LOC",
		"Karim":                    "PER",
		"Pakistan":                 "LOC",
		"Iraq":                     "LOC",
		"Islamic State":            "ORG",
		"United Nations":           "ORG",
		"European Union":           "ORG",
		"Angela Merkel":            "PER",
		"Berlin":                   "LOC",
		"Paris":                    "LOC",
		"Emmanuel Macron":          "PER",
	}
	got := map[string]string{}
	for si, tags := range m.Tag(doc) {
		for _, sp := range SpansFromTags(tags) {
			got[strings.Join(doc[si][sp.Start:sp.End], " ")] = sp.Type
		}
	}
	for name, typ := range want {
		if got[name] != typ {
			t.Errorf("%q: got %q, want %s (all: %v)", name, got[name], typ, got)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected entity %q (%s)", name, got[name])
		}
	}
}

// TestTagHeadline checks that an all-capitals headline is read with the
// help of the same names written normally further down.
func TestTagHeadline(t *testing.T) {
	m := loadEmbedded(t)
	doc := [][]string{
		strings.Fields("KARIM THANKS PAKISTAN FOR HELP AGAINST ISLAMIC STATE"),
		strings.Fields("Iraqi envoy Ali Yasin Karim thanked Pakistan on Tuesday for its help ."),
	}
	tags := m.Tag(doc)
	spans := SpansFromTags(tags[0])
	found := map[string]string{}
	for _, sp := range spans {
		found[strings.Join(doc[0][sp.Start:sp.End], " ")] = sp.Type
	}
	if found["KARIM"] != "PER" || found["PAKISTAN"] != "LOC" {
		t.Errorf("headline entities %v, want KARIM PER and PAKISTAN LOC", found)
	}
}

// A document in which pass one finds no name at all must tag cleanly: the
// document-level name features then have nothing to say.
func TestTagWithoutNames(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	doc := [][]string{{"the", "ferry", "resumed", "on", "time", "."}, {}, {"it", "rained", "."}}
	got := m.Tag(doc)
	if len(got) != len(doc) {
		t.Fatalf("got %d sentences, want %d", len(got), len(doc))
	}
	for si := range doc {
		if len(got[si]) != len(doc[si]) {
			t.Errorf("sentence %d: %d labels for %d tokens", si, len(got[si]), len(doc[si]))
		}
	}
}

// FuzzTag feeds the embedded model arbitrary documents: lines are
// sentences, spaces split tokens. Tag must return one label per token and
// never panic.
func FuzzTag(f *testing.F) {
	m := loadEmbedded(f)
	f.Add("Ali Yasin met officials in Islamabad .\nKARIM THANKS PAKISTAN")
	f.Add("the ferry resumed on time .\n\nit rained .")
	f.Add("U.S. \xff\xfe 's n't ( ) -- İstanbul")
	f.Fuzz(func(t *testing.T, s string) {
		var doc [][]string
		for _, line := range strings.Split(s, "\n") {
			doc = append(doc, strings.Fields(line))
		}
		got := m.Tag(doc)
		if len(got) != len(doc) {
			t.Fatalf("got %d sentences for %d", len(got), len(doc))
		}
		for i := range doc {
			if len(got[i]) != len(doc[i]) {
				t.Fatalf("sentence %d: %d labels for %d tokens", i, len(got[i]), len(doc[i]))
			}
			if spans := SpansFromTags(got[i]); len(TagsFromSpans(len(doc[i]), spans)) != len(doc[i]) {
				t.Fatal("labels do not read back")
			}
		}
	})
}
