package check

import (
	"fmt"

	"github.com/crosscheck/crosscheck/document"
)

// Penalties subtracted from 100 per flag in a score's area. A score never
// drops below 0. Style flags are listed but do not move either score: they
// say how an article reads, not whether it holds together.
var penalties = map[string]int{
	document.High:    35,
	document.Warning: 15,
	document.Info:    3,
}

// score sums flags into the consistency and sourcing scores and lists the
// reason for every point taken off.
func score(flags []document.Flag, areas map[string]Area) *document.Scores {
	s := &document.Scores{Consistency: 100, Sourcing: 100, Reasons: []string{}}
	for _, f := range flags {
		p := penalties[f.Severity]
		switch areas[f.Kind] {
		case Consistency:
			s.Consistency = max(0, s.Consistency-p)
			s.Reasons = append(s.Reasons, fmt.Sprintf("consistency −%d: %s (%s)", p, f.Kind, f.Severity))
		case Sourcing:
			s.Sourcing = max(0, s.Sourcing-p)
			s.Reasons = append(s.Reasons, fmt.Sprintf("sourcing −%d: %s (%s)", p, f.Kind, f.Severity))
		}
	}
	return s
}
