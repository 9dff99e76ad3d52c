package claim

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

// describe renders a document's events as "actor-code action target-code
// cameo place time" lines, for comparison.
func describe(doc *document.Document) []string {
	var out []string
	arg := func(a *document.Arg) string {
		if a == nil {
			return "-"
		}
		if a.Code != "" {
			return a.Code
		}
		return a.Text
	}
	for _, c := range doc.Claims {
		if c.Event == nil {
			continue
		}
		e := c.Event
		t := "-"
		if e.Time != nil {
			t = e.Time.Text
			if e.Time.Value != "" {
				t += "=" + e.Time.Value
			}
		}
		cam := e.CAMEO
		if cam == "" {
			cam = "--"
		}
		out = append(out, fmt.Sprintf("%s %s %s %s @%s %s", arg(e.Actor), e.Action, arg(e.Target), cam, arg(e.Place), t))
	}
	return out
}

func TestEvents(t *testing.T) {
	tests := []struct {
		name, text, published string
		ents                  []ent
		want                  []string // each must appear among the events
		not                   []string // substrings no event may show
	}{
		{
			name: "give arms", text: "Pakistan gave Iraq arms and ammunition.",
			ents: []ent{pakistan, iraq},
			want: []string{"PAK gave IRQ 07 @- -"},
		},
		{
			name: "assist in arms", text: "Pakistan also assisted Iraq and its security forces in arms, ammunition and medical assistance.",
			ents: []ent{pakistan, iraq},
			want: []string{"PAK assisted IRQ 07 @- -"},
		},
		{
			name: "help alone", text: "Officials said the Pakistan military secretly helped Iraq in its fight.",
			ents: []ent{pakistan, iraq},
			want: []string{"PAK helped IRQ 07"},
		},
		{
			name: "passive liberation", published: "2017-07-12",
			text: "Mosul was freed from IS last week by Iraqi security forces after a nine-month battle.",
			ents: []ent{mosul, isGroup, iraq},
			want: []string{"IRQ freed IS 19 @IRQ last week=2017-07-03/2017-07-09"},
		},
		{
			name: "active liberation", text: "Iraqi forces freed Mosul from IS.",
			ents: []ent{mosul, isGroup, iraq},
			want: []string{"IRQ freed IS 19 @IRQ -"},
		},
		{
			name: "passive occupation via relative clause", published: "2017-07-12",
			text: "The army entered Mosul, the Iraqi city which was occupied by IS three years ago.",
			ents: []ent{mosul, isGroup, iraq},
			want: []string{"IS occupied IRQ 19 @- three years ago=2014"},
		},
		{
			name: "trained in a country",
			text: "He said that some of the Iraqi pilots had been trained in Pakistan.",
			ents: []ent{iraq, pakistan},
			want: []string{"- trained IRQ 03 @PAK -"},
		},
		{
			name: "supply to", text: "The United States will supply arms to Israel.",
			ents: []ent{usa, israel},
			want: []string{"USA supply ISR 07"},
		},
		{
			name: "negated aid", text: "The United States would not provide support to Israel.",
			ents: []ent{usa, israel},
			want: []string{"USA not provide ISR 12"},
		},
		{
			name: "attack", text: "The United States attacked Russia on Friday.", published: "2017-07-12",
			ents: []ent{usa, russia},
			want: []string{"USA attacked RUS 19 @- Friday=2017-07-07"},
		},
		{
			name: "light verb with an event noun", text: "Russia launched an air strike on Israel.",
			ents: []ent{russia, israel},
			want: []string{"RUS launched ISR 19"},
		},
		{
			name: "reported attack is an accusation", text: "Israel said that Russia had attacked the United States.",
			ents: []ent{israel, russia, usa},
			want: []string{"ISR said RUS 11", "RUS attacked USA -- "},
		},
		{
			name: "claimed own attack", text: "Russia claimed that they had attacked Israel.",
			ents: []ent{russia, israel},
			want: []string{"RUS claimed ISR 01"},
		},
		{
			name: "wanting to attack threatens", text: "Russia wants to attack Israel.",
			ents: []ent{russia, israel},
			want: []string{"RUS wants ISR 13"},
			not:  []string{"attack ISR 19"},
		},
		{
			name: "infinitive under a coded verb", text: "Russia asked the United States to help Israel.",
			ents: []ent{russia, usa, israel},
			not:  []string{"help"},
		},
		{
			name: "plural subject with a demonym", text: "Russian forces attack Israeli positions.",
			ents: []ent{russia, israel},
			want: []string{"RUS attack ISR 19"},
		},
		// Must not fire.
		{
			name: "adjective after a number", text: "Russia hosted two exiled dissidents.",
			ents: []ent{russia},
			not:  []string{"exiled"},
		},
		{
			name: "verb ending in -ly is no adverb", text: "The United States will supply arms to Israel.",
			ents: []ent{usa, israel},
			not:  []string{" arms "},
		},
		{
			name: "noun use", text: "The attack on Russia drew condemnation.",
			ents: []ent{russia},
			not:  []string{"attack"},
		},
		{
			name: "reporting verb", text: "The United States said Russia was wrong.",
			ents: []ent{usa, russia},
			not:  []string{" said "},
		},
		{
			name: "no entities", text: "Someone gave somebody arms yesterday.",
			not: []string{"gave"},
		},
		{
			name: "headline noun phrase", text: "Iraq fight against IS",
			ents: []ent{iraq, isGroup},
			not:  []string{"fight"},
		},
		{
			name: "fighting for is not fighting against", text: "Volunteers from Russia are fighting for Israel.",
			ents: []ent{russia, israel},
			not:  []string{"ISR"},
		},
		{
			name: "target does not cross a closing quote", text: "‘We attacked the same enemy’, said Israel.",
			ents: []ent{israel},
			not:  []string{"attacked ISR"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := build(tt.text, tt.published, tt.ents...)
			Annotate(doc)
			got := describe(doc)
			all := strings.Join(got, "\n")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("missing event %q\nhave:\n%s", w, all)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(all, n) {
					t.Errorf("unwanted event with %q\nhave:\n%s", n, all)
				}
			}
		})
	}
}
