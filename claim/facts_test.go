package claim

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

func renderFacts(doc *document.Document) []string {
	var out []string
	for _, f := range doc.Facts {
		ent := "-"
		if e := doc.Entity(f.Entity); e != nil {
			ent = e.Name
		}
		s := fmt.Sprintf("%s %s=%s", ent, f.Attribute, f.Value)
		if f.Unit != "" {
			s += " unit=" + f.Unit
		}
		if f.Scope != "" {
			s += " scope=" + f.Scope
		}
		s += " [" + doc.Text[f.Start:f.End] + "]"
		out = append(out, s)
	}
	return out
}

func TestFacts(t *testing.T) {
	kenya := ent{id: "E8", name: "Kenya", typ: document.GPE, link: country("KEN"), names: []string{"Kenya"}}
	mombasa := ent{id: "E9", name: "Mombasa", typ: document.GPE, link: city("KEN"), names: []string{"Mombasa"}}
	aleppo := ent{id: "E10", name: "Aleppo", typ: document.GPE, link: city("SYR"), names: []string{"Aleppo"}}
	syria := ent{id: "E11", name: "Syria", typ: document.GPE, link: country("SYR"), names: []string{"Syria"}}
	tests := []struct {
		name, text string
		ents       []ent
		want       []string
		not        []string
	}{
		{"rank by copula", "Mosul is an ancient city close to the border and second largest city of Iraq.",
			[]ent{mosul, iraq}, []string{"Mosul rank-by-size=2 scope=city in IRQ [second largest city of Iraq]"}, nil},
		{"rank by apposition", "Fighting reached Mombasa, the third largest city of Kenya, on Monday.",
			[]ent{mombasa, kenya}, []string{"Mombasa rank-by-size=3 scope=city in KEN"}, nil},
		{"possessive hyphenated", "Mosul, Iraq's second-largest city, fell in 2014.",
			[]ent{mosul, iraq}, []string{"Mosul rank-by-size=2 scope=city in IRQ"}, nil},
		{"second city", "Rebels shelled Syria's second city Aleppo overnight.",
			[]ent{aleppo, syria}, []string{"Aleppo rank-by-size=2 scope=city in SYR"}, nil},
		{"largest without ordinal", "Mosul is the largest city in the north of Iraq.",
			[]ent{mosul, iraq}, []string{"Mosul rank-by-size=1"}, nil},
		{"duration of a battle", "Mosul was freed after a nine-month battle.",
			[]ent{mosul}, []string{"Mosul duration=P9M unit=month scope=battle [nine-month battle]"}, nil},
		{"digit duration", "Mosul was freed after a 9-month compelling battle.",
			[]ent{mosul}, []string{"Mosul duration=P9M unit=month scope=battle"}, nil},
		{"duration of occupation", "The city after three years of brutal occupation is ruined.",
			nil, []string{"- duration=P3Y unit=year scope=occupation"}, nil},
		{"killed passive", "In Mosul 12 people were killed on Sunday.",
			[]ent{mosul}, []string{"Mosul killed=12 unit=people [12 people were killed]"}, nil},
		{"killing at least", "Insurgents bombarded Aleppo overnight, killing at least eight people.",
			[]ent{aleppo}, []string{"Aleppo killed=>=8 unit=people"}, nil},
		{"dead", "The blast left 14 crew members dead.", nil, []string{"killed=14"}, nil},
		{"money prefixed", "The bank lent Iraq $5 million last year.", []ent{iraq}, []string{"amount=USD 5000000 unit=USD [$5 million]"}, nil},
		{"money suffixed", "The fund pledged 2.5 billion euros.", nil, []string{"amount=EUR 2500000000 unit=EUR"}, nil},
		{"percentage", "Attacks fell by 50 percent.", nil, []string{"percentage=50 unit=%"}, nil},
		{"percentage sign", "Turnout was about 62% in Kenya.", []ent{kenya}, []string{"Kenya percentage=~62 unit=%"}, nil},
		{"count with qualifier", "People of over 100 nationalities are fighting for IS.",
			[]ent{isGroup}, []string{"Islamic State count=>100 unit=nationalities [over 100 nationalities]"}, nil},
		{"count plain", "Norwegian instructors trained 240 Kenyan sailors.", nil, []string{"count=240 unit=sailors"}, []string{"count=240 unit=kenyan"}},
		{"age", "A 45-year-old man was arrested.", nil, []string{"age=45 unit=year"}, []string{"duration"}},
		// Must not fire.
		{"years are not counts", "The war lasted three years.", nil, nil, []string{"count", "duration"}},
		{"a year is not a count", "In 2014 the city fell.", nil, nil, []string{"count"}},
		{"largest without a ranked noun", "The largest share went to him.", nil, nil, []string{"rank"}},
		{"one is not a count", "One man spoke.", nil, nil, []string{"count"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := build(tt.text, "", tt.ents...)
			Annotate(doc)
			all := strings.Join(renderFacts(doc), "\n")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("missing fact %q\nhave:\n%s", w, all)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(all, n) {
					t.Errorf("unwanted fact with %q\nhave:\n%s", n, all)
				}
			}
			for _, f := range doc.Facts {
				if !f.Span().Valid(len(doc.Text)) || f.Start >= f.End {
					t.Errorf("bad span %v", f.Span())
				}
			}
		})
	}
}
