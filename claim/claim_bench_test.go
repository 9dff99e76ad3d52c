package claim

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

// BenchmarkAnnotate runs the claim stage alone over the pipeline's
// benchmark articles, with the fallback sentence splitter and the test
// entities, one article per iteration.
func BenchmarkAnnotate(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("..", "pipeline", "testdata", "bench", "*.txt"))
	if len(paths) == 0 {
		b.Skip("no benchmark articles in ../pipeline/testdata/bench")
	}
	var texts []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	ghana := ent{id: "E30", name: "Ghana", typ: "GPE", link: country("GHA"), names: []string{"Ghana"}, demonyms: []string{"Ghanaian"}}
	togo := ent{id: "E31", name: "Togo", typ: "GPE", link: country("TGO"), names: []string{"Togo"}, demonyms: []string{"Togolese"}}
	nigeria := ent{id: "E32", name: "Nigeria", typ: "GPE", link: country("NGA"), names: []string{"Nigeria", "Kaduna"}}
	var docs []*document.Document
	for _, t := range texts {
		docs = append(docs, build(t, "2023-05-19", ghana, togo, nigeria))
	}
	b.ReportAllocs()
	// Annotate replaces what it filled before, so a document can be
	// annotated again and again.
	for i := 0; b.Loop(); i++ {
		Annotate(docs[i%len(docs)])
	}
}
