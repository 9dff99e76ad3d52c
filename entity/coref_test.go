package entity

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
	"github.com/crosscheck/crosscheck/text"
)

// TestSynonymPairs measures mention clustering and roles on re3d (Dstl's
// gold conflict-news set, Syria and Iraq), whose IsSynonymOf relations
// pair two phrases of one article that name the same thing: "Daesh" and
// "ISIL", "Syrian Democratic Forces" and "SDF", "Minister of Foreign
// Affairs of Iraq" and "HE Dr Ibrahim Al-Ja'afari". The gold names are fed
// to the linker as if the model had found them, so this measures this
// package alone. A pair of two names counts when both land in one entity;
// a pair of a person and a title phrase counts when the person holds a
// role whose evidence overlaps the phrase, or the phrase is a mention of
// the person. It reports the shares (-v) and fails below a floor.
func TestSynonymPairs(t *testing.T) {
	if testing.Short() {
		t.Skip("reads re3d")
	}
	dir := filepath.FromSlash("../../shared/data/ner/re3d")
	folders, err := filepath.Glob(filepath.Join(dir, "*", "documents.json"))
	if err != nil || len(folders) == 0 {
		t.Skipf("re3d not found in %s: it lives in ../shared/data/ner", dir)
	}
	g := loadGaz(t)
	var names, namesTogether, titles, titlesAttached int
	for _, docsPath := range folders {
		folder := filepath.Dir(docsPath)
		docs := readJSONLines[re3dDoc](t, docsPath)
		ents := readJSONLines[re3dSpan](t, filepath.Join(folder, "entities.json"))
		rels := readJSONLines[re3dRel](t, filepath.Join(folder, "relations.json"))
		for _, rd := range docs {
			toByte := charToByte(rd.Text)
			var spans []markSpan
			for _, e := range ents {
				typ := map[string]string{"Person": "PER", "Organisation": "ORG", "Location": "LOC", "Nationality": "MISC"}[e.Type]
				if e.DocumentID != rd.ID || e.Confidence < 0.5 || typ == "" || e.End > len(toByte)-1 || e.Begin >= e.End {
					continue
				}
				spans = append(spans, markSpan{toByte[e.Begin], toByte[e.End], typ})
			}
			spans = longestFirst(spans)
			d := document.New(rd.Text, document.Meta{})
			text.Segment(d)
			NewWith(&scriptTagger{doc: d, spans: spans}, g).Annotate(d)
			seen := map[[4]int]bool{}
			for _, rel := range rels {
				if rel.DocumentID != rd.ID || rel.Type != "IsSynonymOf" || rel.SourceEnd > len(toByte)-1 || rel.TargetEnd > len(toByte)-1 {
					continue
				}
				a := document.Span{Start: toByte[rel.SourceBegin], End: toByte[rel.SourceEnd]}
				b := document.Span{Start: toByte[rel.TargetBegin], End: toByte[rel.TargetEnd]}
				if b.Start < a.Start {
					a, b = b, a
				}
				if k := [4]int{a.Start, a.End, b.Start, b.End}; seen[k] {
					continue
				} else {
					seen[k] = true
				}
				ga, gb := goldType(spans, a), goldType(spans, b)
				// A side that states a title is a role, whatever type
				// the annotators gave it ("the Iraqi Foreign Minister").
				if hasTitle(d, a) {
					ga = ""
				}
				if hasTitle(d, b) {
					gb = ""
				}
				switch {
				case ga != "" && gb != "" && ga != "PER" == (gb != "PER") && properName(d.Slice(a)) && properName(d.Slice(b)):
					names++
					ea, eb := entityOver(d, a), entityOver(d, b)
					if ea != nil && ea == eb {
						namesTogether++
					} else if testing.Verbose() {
						t.Logf("apart: %q / %q", d.Slice(a), d.Slice(b))
					}
				case ga == "PER" && gb == "" || gb == "PER" && ga == "":
					person, phrase := a, b
					if gb == "PER" {
						person, phrase = b, a
					}
					titles++
					if e := entityOver(d, person); e != nil && (roleOver(e, phrase) || e == entityOver(d, phrase)) {
						titlesAttached++
					} else if testing.Verbose() {
						lo, hi := min(person.Start, phrase.Start), max(person.End, phrase.End)
						for _, g := range spans {
							if g.start < hi && lo < g.end {
								t.Logf("   gold %s %q", g.typ, d.Text[g.start:g.end])
							}
						}
						t.Logf("no role: %q / %q in %q: %s", d.Slice(person), d.Slice(phrase), d.Text[max(lo-40, 0):min(hi+40, len(d.Text))], describe(d, entityOver(d, person)))
					}
				}
			}
		}
	}
	t.Logf("name pairs:   %d, in one entity: %d (%.0f%%)", names, namesTogether, 100*float64(namesTogether)/float64(max(names, 1)))
	t.Logf("person+title: %d, role or mention: %d (%.0f%%)", titles, titlesAttached, 100*float64(titlesAttached)/float64(max(titles, 1)))
	if names < 5 || float64(namesTogether) < 0.6*float64(names) {
		t.Errorf("name pairs in one entity: %d of %d, floor 60%%", namesTogether, names)
	}
	if titles < 3 || float64(titlesAttached) < 0.7*float64(titles) {
		t.Errorf("person+title pairs attached: %d of %d, floor 70%%", titlesAttached, titles)
	}
}

type re3dDoc struct {
	ID   string `json:"_id"`
	Text string `json:"text"`
}

type re3dSpan struct {
	DocumentID string  `json:"documentId"`
	Begin      int     `json:"begin"`
	End        int     `json:"end"`
	Type       string  `json:"type"`
	Confidence float64 `json:"confidence"`
}

type re3dRel struct {
	DocumentID  string `json:"documentId"`
	Type        string `json:"type"`
	SourceBegin int    `json:"sourceBegin"`
	SourceEnd   int    `json:"sourceEnd"`
	TargetBegin int    `json:"targetBegin"`
	TargetEnd   int    `json:"targetEnd"`
}

func readJSONLines[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// charToByte maps character offsets (re3d counts UTF-16 code units, which
// are characters for the text it holds) to byte offsets.
func charToByte(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i, r := range s {
		out = append(out, i)
		if r > 0xFFFF {
			out = append(out, i)
		}
	}
	return append(out, len(s))
}

// longestFirst keeps the longest of overlapping gold spans.
func longestFirst(spans []markSpan) []markSpan {
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].end-spans[i].start > spans[j].end-spans[j].start })
	var out []markSpan
	for _, s := range spans {
		ok := true
		for _, o := range out {
			if s.start < o.end && o.start < s.end {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

func goldType(spans []markSpan, s document.Span) string {
	for _, g := range spans {
		if g.start < s.End && s.Start < g.end {
			return g.typ
		}
	}
	return ""
}

// entityOver returns the entity with the mention that overlaps s most.
func entityOver(d *document.Document, s document.Span) *document.Entity {
	var best *document.Entity
	bestN := 0
	for i := range d.Entities {
		for _, m := range d.Entities[i].Mentions {
			n := min(m.End, s.End) - max(m.Start, s.Start)
			if n > bestN {
				best, bestN = &d.Entities[i], n
			}
		}
	}
	return best
}

// properName reports whether s is written as a name: capitalised words
// (after a leading article) and lower-case particles, no digits. Pairs of
// descriptions ("a Muslim Cultural Center" / "the city center") or
// coordinates are out of this package's reach.
func properName(s string) bool {
	words := strings.Fields(s)
	if len(words) > 0 && (words[0] == "the" || words[0] == "The") {
		words = words[1:]
	}
	if len(words) == 0 {
		return false
	}
	for i, w := range words {
		if strings.ContainsAny(w, "0123456789") {
			return false
		}
		switch w {
		case "of", "the", "and", "for", "in", "al", "bin":
			if i > 0 {
				continue
			}
		}
		if !capitalised(w) && !strings.HasPrefix(w, "al-") {
			return false
		}
	}
	return true
}

// hasTitle reports whether the words of s hold a title of words.go.
func hasTitle(d *document.Document, s document.Span) bool {
	var toks []string
	for _, tk := range d.Tokens {
		if tk.Start >= s.Start && tk.End <= s.End {
			toks = append(toks, strings.TrimSuffix(strings.ToLower(d.Text[tk.Start:tk.End]), "."))
		}
	}
	for i := range toks {
		for j := i + 1; j <= len(toks) && j-i <= maxTitleWords; j++ {
			if _, ok := titles[strings.Join(toks[i:j], " ")]; ok {
				return true
			}
		}
	}
	return false
}

func roleOver(e *document.Entity, s document.Span) bool {
	for _, r := range e.Roles {
		if r.Span().Overlaps(s) {
			return true
		}
	}
	return false
}
