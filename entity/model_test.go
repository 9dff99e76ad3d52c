package entity

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// These tests run the trained model, as the pipeline does.

var (
	annOnce sync.Once
	ann     *Annotator
	annErr  error
)

func loadAnnotator(t testing.TB) *Annotator {
	t.Helper()
	annOnce.Do(func() { ann, annErr = New() })
	if annErr != nil {
		t.Fatal(annErr)
	}
	return ann
}

func analyse(t testing.TB, txt string) *document.Document {
	t.Helper()
	d := document.New(txt, document.Meta{})
	text.Segment(d)
	loadAnnotator(t).Annotate(d)
	checkSpans(t, d)
	return d
}

const seedPath = "../../shared/seed/000_acabb7e6a4784106.txt"

// TestSeed checks what DESIGN.md asks of the seed article's entities. The
// rules that produce it are general; nothing here is special to the seed.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile(filepath.FromSlash(seedPath))
	if err != nil {
		t.Skipf("seed article not found (%v): it lives in ../shared/seed", err)
	}
	d := analyse(t, string(b))
	codes := map[string]bool{}
	var orgsIS, ambassadors []*document.Entity
	for i := range d.Entities {
		e := &d.Entities[i]
		if e.Link != nil && e.Link.Kind == document.LinkCountry {
			codes[e.Link.Code] = true
		}
		if e.Link != nil && e.Link.Code == "islamic-state" {
			orgsIS = append(orgsIS, e)
		}
		if strings.Contains(e.Name, "Yasin") || strings.Contains(e.Name, "Karim") {
			ambassadors = append(ambassadors, e)
		}
	}
	for _, c := range []string{"IRQ", "PAK", "IRN"} {
		if !codes[c] {
			t.Errorf("no country entity linked to %s", c)
		}
	}
	if len(orgsIS) != 1 {
		t.Fatalf("%d Islamic State entities, want 1", len(orgsIS))
	}
	if s := mentionTexts(d, orgsIS[0]); !s["IS"] || !s["Islamic State group"] {
		t.Errorf("Islamic State mentions = %v", keys(s))
	}
	if e := entity(t, d, "Mosul"); e == nil || e.Link == nil || e.Link.Kind != document.LinkCity || e.Link.Country != "IRQ" {
		t.Errorf("Mosul = %s, want a city in IRQ", describe(d, e))
	}
	if len(ambassadors) != 1 {
		t.Fatalf("%d ambassador entities, want 1", len(ambassadors))
	}
	amb := ambassadors[0]
	if amb.Name != "Ali Yasin Muhammad Karim" || amb.Type != document.Person {
		t.Errorf("ambassador = %s", describe(d, amb))
	}
	got := mentionTexts(d, amb)
	for _, want := range []string{"Ali Yasin", "He", "he", "The Iraqi ambassador", "Iraqi Envoy"} {
		if !got[want] {
			t.Errorf("ambassador lacks the mention %q; has %v", want, keys(got))
		}
	}
	var roles []string
	for _, r := range amb.Roles {
		roles = append(roles, r.Title+" "+r.Of+" "+d.Text[r.Start:r.End])
	}
	sort.Strings(roles)
	want := []string{"ambassador IRN Ambassador of Iran", "ambassador IRQ Iraqi Envoy", "ambassador IRQ The Iraqi ambassador"}
	if strings.Join(roles, "|") != strings.Join(want, "|") {
		t.Errorf("roles = %q, want %q", roles, want)
	}
}

func mentionTexts(d *document.Document, e *document.Entity) map[string]bool {
	m := map[string]bool{}
	for _, x := range e.Mentions {
		m[d.Text[x.Start:x.End]] = true
	}
	return m
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestModelFixture runs the model over a text written for this test (no
// seed words): a foreign minister with two descriptions, a spokeswoman,
// forces, an organisation under two names.
func TestModelFixture(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "minister.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d := analyse(t, string(b))
	min := entity(t, d, "Leila Haddad")
	if min == nil || min.Type != document.Person {
		t.Fatalf("Leila Haddad = %s", describe(d, min))
	}
	got := mentionTexts(d, min)
	for _, want := range []string{"Haddad", "The minister", "She", "she"} {
		if !got[want] {
			t.Errorf("minister lacks the mention %q: %s", want, describe(d, min))
		}
	}
	hasRole := false
	for _, r := range min.Roles {
		if r.Title == "foreign minister" && r.Of == "JOR" {
			hasRole = true
		}
	}
	if !hasRole {
		t.Errorf("minister roles = %+v, want foreign minister of JOR", min.Roles)
	}
	if e := entity(t, d, "Hezbollah"); e == nil || e.Link == nil || e.Link.Code != "hezbollah" {
		t.Errorf("Hezbollah = %s", describe(d, e))
	} else if !mentionTexts(d, e)["Hizbollah"] {
		t.Errorf("Hizbollah is not a mention of Hezbollah: %s", describe(d, e))
	}
	if e := entity(t, d, "Lebanese army"); e == nil || e.Link == nil || e.Link.Code != "LBN-MIL" {
		t.Errorf("Lebanese army = %s", describe(d, e))
	}
	if e := entity(t, d, "Beirut"); e == nil || e.Link == nil || e.Link.Country != "LBN" {
		t.Errorf("Beirut = %s", describe(d, e))
	}
}

// TestConcurrent annotates from several goroutines with one Annotator, as
// the pipeline does; run with -race.
func TestConcurrent(t *testing.T) {
	a := loadAnnotator(t)
	b, err := os.ReadFile(filepath.Join("testdata", "minister.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := analyse(t, string(b))
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				d := document.New(string(b), document.Meta{})
				text.Segment(d)
				a.Annotate(d)
				if len(d.Entities) != len(want.Entities) {
					t.Errorf("concurrent run: %d entities, want %d", len(d.Entities), len(want.Entities))
					return
				}
			}
		}()
	}
	wg.Wait()
}
