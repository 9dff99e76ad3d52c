package claim

import (
	"encoding/json"
	"testing"
)

// TestAnnotatorReusesBuffers checks that an Annotator, whose buffers
// carry over from document to document (long ones after short ones and
// back), annotates each document exactly as Annotate does.
func TestAnnotatorReusesBuffers(t *testing.T) {
	texts := []string{
		"Pakistan gave Iraq 40 tanks on Monday. The army said it was the largest delivery since 2003.",
		"Floods killed 12 people.",
		"Police arrested three men in Mosul last week, the second largest city of Iraq. They didn't say why. " +
			"The ministry's spokesman said the operation cost $2.5 million and took nine months. " +
			"Prices rose by 4% in March, more than in any month since the record of 1990.",
		"",
		"Rain.",
	}
	a := NewAnnotator()
	for round := range 2 {
		for _, text := range texts {
			want := build(text, "2024-05-10")
			Annotate(want)
			got := build(text, "2024-05-10")
			a.Annotate(got)
			wj, _ := json.Marshal(want)
			gj, _ := json.Marshal(got)
			if string(wj) != string(gj) {
				t.Errorf("round %d, %q:\nAnnotator %s\nAnnotate  %s", round, text, gj, wj)
			}
		}
	}
}
