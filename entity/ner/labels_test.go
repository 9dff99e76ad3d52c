package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestSpansFromTags(t *testing.T) {
	tests := []struct {
		name string
		tags string
		want []Span
	}{
		{"empty", "", nil},
		{"all O", "O O O", nil},
		{"IOB2", "B-PER I-PER O B-LOC", []Span{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{"IOB2 adjacent same type", "B-PER B-PER I-PER", []Span{{0, 1, "PER"}, {1, 3, "PER"}}},
		{"IOB1 starts with I", "I-ORG I-ORG O I-LOC", []Span{{0, 2, "ORG"}, {3, 4, "LOC"}}},
		{"IOB1 B only between same type", "I-PER B-PER", []Span{{0, 1, "PER"}, {1, 2, "PER"}}},
		{"type change inside", "B-PER I-ORG", []Span{{0, 1, "PER"}, {1, 2, "ORG"}}},
		{"BILOU", "B-ORG I-ORG L-ORG U-LOC O", []Span{{0, 3, "ORG"}, {3, 4, "LOC"}}},
		{"BILOU L then I same type", "U-PER I-PER L-PER", []Span{{0, 1, "PER"}, {1, 3, "PER"}}},
		{"entity at end", "O B-MISC I-MISC", []Span{{1, 3, "MISC"}}},
		{"unknown tag is O", "B-PER X I-PER", []Span{{0, 1, "PER"}, {2, 3, "PER"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SpansFromTags(strings.Fields(tt.tags))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SpansFromTags(%q) = %v, want %v", tt.tags, got, tt.want)
			}
		})
	}
}

func TestTagsFromSpansRoundTrip(t *testing.T) {
	spans := []Span{{0, 2, "PER"}, {2, 3, "PER"}, {5, 6, "LOC"}}
	tags := TagsFromSpans(7, spans)
	if got := strings.Join(tags, " "); got != "B-PER I-PER B-PER O O B-LOC O" {
		t.Fatalf("TagsFromSpans = %q", got)
	}
	if got := SpansFromTags(tags); !reflect.DeepEqual(got, spans) {
		t.Errorf("round trip = %v, want %v", got, spans)
	}
}

func TestBILOU(t *testing.T) {
	spans := []Span{{0, 1, "LOC"}, {2, 5, "ORG"}, {5, 7, "PER"}, {8, 9, "NOPE"}}
	labels := bilouFromSpans(9, spans)
	var names []string
	for _, l := range labels {
		names = append(names, labelNames[l])
	}
	want := "U-LOC O B-ORG I-ORG L-ORG B-PER L-PER O O"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("bilouFromSpans = %q, want %q", got, want)
	}
	if got := spansFromLabels(labels); !reflect.DeepEqual(got, spans[:3]) {
		t.Errorf("spansFromLabels = %v, want %v", got, spans[:3])
	}
	var bio []string
	for _, l := range labels {
		bio = append(bio, bioNames[l])
	}
	if got := SpansFromTags(bio); !reflect.DeepEqual(got, spans[:3]) {
		t.Errorf("BIO spans = %v, want %v", got, spans[:3])
	}
}

func TestTransitions(t *testing.T) {
	l := func(name string) int {
		for i, n := range labelNames {
			if n == name {
				return i
			}
		}
		t.Fatalf("no label %s", name)
		return 0
	}
	tests := []struct {
		a, b string
		ok   bool
	}{
		{"O", "B-PER", true}, {"O", "U-PER", true}, {"O", "I-PER", false}, {"O", "L-PER", false},
		{"B-PER", "I-PER", true}, {"B-PER", "L-PER", true}, {"B-PER", "L-ORG", false}, {"B-PER", "O", false},
		{"I-ORG", "I-ORG", true}, {"I-ORG", "U-ORG", false}, {"L-LOC", "B-LOC", true}, {"U-MISC", "O", true},
	}
	for _, tt := range tests {
		if got := allowed[l(tt.a)][l(tt.b)]; got != tt.ok {
			t.Errorf("allowed[%s][%s] = %v, want %v", tt.a, tt.b, got, tt.ok)
		}
	}
	if startOK(l("I-PER")) || !startOK(l("B-PER")) || endOK(l("B-PER")) || !endOK(l("L-PER")) {
		t.Error("start/end constraints wrong")
	}
}
