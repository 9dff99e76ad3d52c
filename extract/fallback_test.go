package extract

import "testing"

func blocksFrom(paras ...string) []block {
	var bs []block
	for _, p := range paras {
		bs = append(bs, block{text: p})
	}
	return bs
}

func TestContainment(t *testing.T) {
	a := "The council voted on Tuesday to approve the budget"
	if c := containment(a, "Before that. "+a+" And after."); c != 1 {
		t.Errorf("contained text: %v", c)
	}
	if c := containment(a, "Nothing in common with the other text at all"); c != 0 {
		t.Errorf("unrelated text: %v", c)
	}
	if c := containment("", "x"); c != 1 {
		t.Errorf("empty: %v", c)
	}
}

func TestListing(t *testing.T) {
	teasers := blocksFrom("First post begins and then…", "Whatsapp Facebook", "Second post begins…", "Whatsapp Facebook", "Third post…", "Whatsapp Facebook")
	if !listing(teasers) {
		t.Error("teasers not taken for a listing")
	}
	if listing(blocksFrom("One paragraph.", "Another paragraph...", "A third one.")) {
		t.Error("an article taken for a listing")
	}
}

func TestBetter(t *testing.T) {
	half := "The bridge reopened on Monday after eight weeks of repairs, the council said."
	rest := "Traffic was light in the morning. A spokesman said the work had cost less than planned. The ferry will keep running until Friday for those who prefer it."
	tests := []struct {
		name       string
		first, alt []block
		blob, want bool
	}{
		{"more of the same article", blocksFrom(half), blocksFrom(half, rest), false, true},
		{"nothing found first", nil, blocksFrom(half), false, true},
		{"same length, not a blob", blocksFrom(half, rest), blocksFrom(half, rest), false, false},
		{"different text", blocksFrom(half), blocksFrom(rest, rest, rest), false, false},
		{"blob split into paragraphs", blocksFrom(half + " " + rest), blocksFrom(half, rest), true, true},
		{"empty alternative", blocksFrom(half), nil, false, false},
		{"listing", blocksFrom(half), blocksFrom(half, "Share", rest+"…", "Share", "More…", "Share", "Again…"), false, false},
	}
	for _, tt := range tests {
		if got := better(tt.first, tt.alt, tt.blob); got != tt.want {
			t.Errorf("%s: better = %v, want %v", tt.name, got, tt.want)
		}
	}
}
