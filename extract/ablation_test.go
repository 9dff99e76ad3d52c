package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/extract/scoring"
)

// TestAblation scores HTML extraction on the shared benchmark with each
// stage switched off in turn, to show what each adds. It takes about a
// minute, so it runs only when CROSSCHECK_ABLATION is set:
//
//	CROSSCHECK_ABLATION=1 go test ./extract -run TestAblation -v
func TestAblation(t *testing.T) {
	if os.Getenv("CROSSCHECK_ABLATION") == "" {
		t.Skip("set CROSSCHECK_ABLATION=1 to run")
	}
	items := loadPages(t)
	configs := []struct {
		name string
		cfg  config
	}{
		{"go-trafilatura tree rendered to paragraphs, nothing else", config{noResidue: true, noLead: true, noFallback: true}},
		{"+ residue pass", config{noLead: true, noFallback: true}},
		{"+ headline and standfirst", config{noFallback: true}},
		{"+ readability fallback (all stages)", config{}},
		{"all stages, without residue pass", config{noResidue: true}},
		{"all stages, without pruning", config{noPrune: true}},
	}
	var sb strings.Builder
	sb.WriteString("\n| stages | F1 | P | R | dev F1 (ids 0-7) | held-out F1 (ids 8-f) |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, c := range configs {
		var all, dev, held []scoring.Page
		for _, it := range items {
			body := ""
			if a, err := fromHTML(it.HTML, it.URL, c.cfg); err == nil {
				body = bodyText(a.blocks)
			}
			p := scoring.Score(it.Truth, body)
			all = append(all, p)
			if it.ID[0] < '8' {
				dev = append(dev, p)
			} else {
				held = append(held, p)
			}
		}
		s, d, h := scoring.Summarize(all), scoring.Summarize(dev), scoring.Summarize(held)
		fmt.Fprintf(&sb, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f |\n", c.name, s.F1, s.Precision, s.Recall, d.F1, h.F1)
	}
	t.Log(sb.String())
}
