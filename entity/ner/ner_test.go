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
