package gazetteer_test

import (
	"fmt"
	"strings"

	"github.com/crosscheck/crosscheck/entity/gazetteer"
)

func ExampleGazetteer_Match() {
	g, err := gazetteer.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	words := strings.Fields("Iraqi forces freed Mosul from the Islamic State group , which is also called IS")
	var hits []gazetteer.Hit
	for i := 0; i < len(words); {
		var n int
		hits, n = g.Match(hits[:0], words, i)
		if n == 0 {
			i++
			continue
		}
		e := g.Entry(hits[0].Entry)
		fmt.Printf("%q: %s %s", strings.Join(words[i:i+n], " "), e.Kind, e.ID)
		if e.Country != "" {
			fmt.Print(" in ", e.Country)
		}
		fmt.Println()
		i += n
	}
	// Output:
	// "Iraqi": country IRQ
	// "Mosul": city geonames:99072 in IRQ
	// "Islamic State group": org islamic-state
	// "IS": org islamic-state
}
