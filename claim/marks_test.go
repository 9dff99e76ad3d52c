package claim

import "testing"

// TestWordMarks checks that a word's marks rule out only tables that do
// not have it, so lookupMarked answers as the map itself does.
func TestWordMarks(t *testing.T) {
	words := []string{"", "the", "said", "Said", "largest", "$", "usd", "killed", "record", "because", "more", "zzz"}
	tables := map[uint8]map[string]bool{}
	add := func(bit uint8, keys []string) {
		tables[bit] = map[string]bool{}
		for _, k := range keys {
			tables[bit][k] = true
			words = append(words, k, k+"s")
		}
	}
	add(markReport, keysOf(reportForms))
	add(markSuperlative, keysOf(superlatives))
	add(markCurrency, keysOf(currencies))
	add(markKilling, keysOf(killing))
	add(markRecord, keysOf(recordCues))
	add(markComparison, keysOf(comparisonCues))
	add(markCause, keysOf(causeCues))
	s := &sentence{lower: words, marks: make([]uint8, len(words))}
	for i, w := range words {
		s.marks[i] = wordMarks[w]
	}
	for i, w := range words {
		for bit, table := range tables {
			_, got := lookupMarked(s, i, bit, table)
			if got != table[w] {
				t.Errorf("%q, table bit %d: lookupMarked says %v, the table %v", w, bit, got, table[w])
			}
		}
	}
	// Without marks (a sentence not from prepare) every word is looked up.
	bare := &sentence{lower: words}
	for i, w := range words {
		if _, got := lookupMarked(bare, i, markReport, reportForms); got != tables[markReport][w] {
			t.Errorf("%q without marks: lookupMarked says %v", w, got)
		}
	}
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
