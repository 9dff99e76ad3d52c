package claim

import (
	"strings"

	"github.com/crosscheck/crosscheck/claim/internal/lex"
	"github.com/crosscheck/crosscheck/document"
)

// Facts are normalised so that two articles' statements about the same
// entity compare with ==: ranks as "2", durations as ISO 8601, counts and
// casualties as plain numbers with a leading qualifier (">100" for "over
// 100", ">=8" for "at least 8", "~50" for "about 50"), money as
// "USD 5000000".

// superlatives maps a superlative to the attribute it ranks by.
var superlatives = map[string]string{
	"largest": "size", "biggest": "size", "smallest": "size-ascending", "most-populous": "population",
	"populous": "population", "oldest": "age", "richest": "wealth", "poorest": "wealth-ascending",
	"busiest": "traffic", "tallest": "height", "longest": "length", "highest": "height",
	"deadliest": "deaths", "strongest": "strength", "wealthiest": "wealth",
}

// rankNouns are what a rank can be among.
var rankNouns = set("city", "town", "port", "country", "economy", "producer", "exporter", "importer",
	"state", "province", "region", "island", "lake", "river", "mountain", "company", "bank", "party",
	"army", "market", "metropolis", "municipality", "employer", "airport", "oil", "shareholder", "donor", "contributor")

// casualty words and the attribute they state.
var casualtyVerbs = map[string]string{
	"killed": "killed", "dead": "killed", "died": "killed", "slain": "killed", "deaths": "killed",
	"wounded": "wounded", "injured": "wounded", "hurt": "wounded", "injuries": "wounded",
	"kidnapped": "abducted", "abducted": "abducted", "arrested": "arrested", "detained": "arrested",
	"displaced": "displaced", "missing": "missing", "executed": "killed",
}

var killing = map[string]string{"killing": "killed", "wounding": "wounded", "injuring": "wounded", "killed": "killed", "wounded": "wounded", "injured": "wounded"}

var qualifiers = map[string]string{
	"over": ">", "more than": ">", "above": ">", "upwards of": ">", "in excess of": ">",
	"at least": ">=", "no fewer than": ">=", "no less than": ">=",
	"about": "~", "around": "~", "approximately": "~", "some": "~", "roughly": "~", "nearly": "<~",
	"almost": "<~", "close to": "<~", "up to": "<=", "fewer than": "<", "less than": "<", "under": "<",
	"as many as": "<=",
}

var currencies = map[string]string{
	"$": "USD", "us$": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD",
	"€": "EUR", "euros": "EUR", "euro": "EUR", "eur": "EUR",
	"£": "GBP", "pounds": "GBP", "gbp": "GBP", "sterling": "GBP",
	"¥": "JPY", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "rupee": "INR",
	"rs": "INR", "dinars": "IQD", "rubles": "RUB", "roubles": "RUB",
}

// durationNouns are what a "nine-month" modifies when it is a fact
// about an event rather than a time of it.
var skipCountNouns = set("years", "months", "weeks", "days", "hours", "minutes", "times", "percent",
	"per", "cent", "%", "decades", "seconds", "am", "pm", "p.m", "a.m")

// findFacts states the facts of one sentence. events are the sentence's
// events, whose places and targets the facts about an event attach to.
func findFacts(doc *document.Document, s *sentence, events []found) []document.Fact {
	var out []document.Fact
	add := func(f document.Fact, first, last int) {
		f.Start, f.End = s.words[first].Start, s.words[last-1].End
		f.Text = doc.Text[f.Start:f.End]
		out = append(out, f)
	}
	// Numbers already read as part of a fact, so a casualty figure is not
	// also a count.
	taken := make([]bool, len(s.words))
	take := func(a, b int) {
		for k := a; k < b && k < len(taken); k++ {
			taken[k] = true
		}
	}

	// Ranks: "second largest city of Iraq", "Iraq's second-largest city".
	for i := range s.words {
		f, first, last, ok := rankAt(doc, s, i)
		if ok {
			add(f, first, last)
			take(first, last)
		}
	}

	// Durations of events: "a nine-month battle", "three years of occupation".
	for _, t := range s.times {
		if t.Kind != document.TimeDuration || t.Value == "" {
			continue
		}
		noun, last := durationNoun(s, t.Last)
		if noun == "" {
			continue
		}
		f := document.Fact{Entity: eventEntity(s, events), Attribute: "duration", Value: t.Value, Unit: durationUnit(t.Value), Scope: noun}
		add(f, t.First, last)
		take(t.First, last)
	}

	for i := 0; i < len(s.words); i++ {
		if taken[i] {
			continue
		}
		// Money: "$5 million", "5 billion euros", "US$ 2m".
		if f, first, last, ok := moneyAt(s, i); ok {
			f.Entity = nearestEntity(s, first, last)
			add(f, first, last)
			take(first, last)
			i = last - 1
			continue
		}
		// Percentages: "12 percent", "12%", "12 per cent".
		if v, j, ok := lex.Number(s.words, i); ok && j < len(s.words) {
			unitEnd := 0
			switch {
			case s.lower[j] == "%" || s.lower[j] == "percent":
				unitEnd = j + 1
			case s.lower[j] == "per" && j+1 < len(s.lower) && s.lower[j+1] == "cent":
				unitEnd = j + 2
			}
			if unitEnd > 0 {
				first, q := qualifierBefore(s, i)
				add(document.Fact{Entity: nearestEntity(s, first, unitEnd), Attribute: "percentage", Value: q + lex.FormatNumber(v), Unit: "%"}, first, unitEnd)
				take(first, unitEnd)
				i = unitEnd - 1
				continue
			}
		}
		// Casualties: "12 people were killed", "killing at least eight".
		if f, first, last, ok := casualtyAt(s, i); ok {
			f.Entity = placeEntity(s, events)
			add(f, first, last)
			take(first, last)
			i = last - 1
			continue
		}
		// Ages: "a 45-year-old man".
		if num, ok := strings.CutSuffix(s.lower[i], "-year-old"); ok {
			if v, ok := lex.Cardinal(num); ok {
				add(document.Fact{Entity: nearestEntityKind(s, i, document.Person), Attribute: "age", Value: lex.FormatNumber(v), Unit: "year"}, i, i+1)
				take(i, i+1)
				continue
			}
		}
		// Counts: "over 100 nationalities", "2,000 troops".
		if f, first, last, ok := countAt(s, i); ok {
			f.Entity = nearestEntity(s, first, last)
			add(f, first, last)
			take(first, last)
			i = last - 1
		}
	}
	for i := range out {
		if e := doc.Entity(out[i].Entity); e != nil {
			out[i].EntityName = e.Name
		}
	}
	return out
}

// rankAt reads a rank whose superlative (or ordinal + "city") is at i.
func rankAt(doc *document.Document, s *sentence, i int) (document.Fact, int, int, bool) {
	w := s.lower[i]
	ordinal := 1
	first := i
	supWord := ""
	// "second-largest" as one word.
	if o, sup, ok := strings.Cut(w, "-"); ok {
		if n, ok := lex.Ordinal(o); ok {
			if _, ok := superlatives[sup]; ok {
				ordinal, supWord = n, sup
			}
		}
	}
	if supWord == "" {
		if _, ok := lookupMarked(s, i, markSuperlative, superlatives); !ok {
			// "Syria's second city Aleppo": an ordinal straight before
			// "city" ranks by size.
			if i+1 >= len(s.lower) || s.lower[i+1] != "city" && s.lower[i+1] != "port" || i == 0 || s.lower[i-1] != "'s" && s.lower[i-1] != "the" {
				return document.Fact{}, 0, 0, false
			}
			n, ok := lex.Ordinal(w)
			if !ok || n < 2 {
				return document.Fact{}, 0, 0, false
			}
			ordinal, supWord = n, "largest"
		} else {
			supWord = w
			if w == "populous" {
				if i == 0 || s.lower[i-1] != "most" {
					return document.Fact{}, 0, 0, false
				}
				first = i - 1
			}
			if first > 0 {
				if n, ok := lex.Ordinal(s.lower[first-1]); ok {
					ordinal = n
					first--
				}
			}
		}
	}
	// The noun ranked among: the next noun in rankNouns within two words.
	nounAt := -1
	for k := i + 1; k < len(s.lower) && k <= i+3; k++ {
		if rankNouns[s.lower[k]] || rankNouns[strings.TrimSuffix(s.lower[k], "s")] {
			nounAt = k
			break
		}
	}
	if nounAt < 0 {
		return document.Fact{}, 0, 0, false
	}
	last := nounAt + 1
	noun := strings.TrimSuffix(s.lower[nounAt], "s")
	if s.lower[nounAt] == "oil" && last < len(s.lower) {
		noun = "oil " + s.lower[last]
		last++
	}
	// Scope: "of Iraq", "in Iraq", or a possessive before: "Iraq's".
	scope := noun
	var scopeMention *mention
	if last+1 < len(s.words) && (s.lower[last] == "of" || s.lower[last] == "in") {
		if m, ok := s.mentionAt(last + 1); ok {
			scopeMention = &m
			last = m.last
		} else if last+2 < len(s.words) && s.lower[last+1] == "the" {
			if m, ok := s.mentionAt(last + 2); ok {
				scopeMention = &m
				last = m.last
			}
		}
	}
	if scopeMention == nil {
		k := first - 1
		if k >= 0 && s.lower[k] == "the" {
			k--
		}
		if k >= 1 && s.lower[k] == "'s" {
			if m, ok := s.mentionAt(k - 1); ok {
				scopeMention = &m
				first = m.first
			}
		} else if k >= 0 {
			// "the Iraqi city": a demonym before the rank.
			if m, ok := s.mentionAt(k); ok && m.kind == document.MentionDemonym {
				scopeMention = &m
			}
		}
	}
	if scopeMention != nil {
		in := countryCode(scopeMention.ent)
		if in == "" {
			in = scopeMention.ent.Name
		}
		scope = noun + " in " + in
	}
	// The entity ranked: the subject of a copula before, an apposition,
	// or a name straight after ("second city Aleppo").
	ent := rankedEntity(s, first, last, scopeMention)
	attr := "rank-by-" + superlatives[supWord]
	return document.Fact{Entity: ent, Attribute: attr, Value: itoa(ordinal), Scope: scope}, first, last, true
}

// rankedEntity finds what a rank phrase words[first:last] is about.
func rankedEntity(s *sentence, first, last int, scope *mention) document.EntityID {
	// A name straight after: "Syria's second city Aleppo".
	if m, ok := s.mentionAt(last); ok && (scope == nil || m.ent != scope.ent) {
		return m.ent.ID
	}
	// Apposition: "Mosul, Iraq's second largest city".
	k := first - 1
	for k >= 0 && (s.lower[k] == "the" || s.lower[k] == "a" || s.lower[k] == "an") {
		k--
	}
	if k >= 1 && s.lower[k] == "," {
		if m, ok := s.mentionAt(k - 1); ok && (scope == nil || m.ent != scope.ent) {
			return m.ent.ID
		}
	}
	// Copula: "Mosul is an ancient city ... and second largest city".
	for j := first - 1; j > 0; j-- {
		if beForms[s.lower[j]] || s.lower[j] == "remains" || s.lower[j] == "became" || s.lower[j] == "becomes" {
			for k := j - 1; k >= 0 && k >= j-4; k-- {
				if m, ok := s.mentionAt(k); ok && (scope == nil || m.ent != scope.ent) {
					return m.ent.ID
				}
			}
			break
		}
	}
	return ""
}

// durationNoun returns the noun a duration modifies, skipping adjectives:
// "a 9-month compelling battle" -> "battle"; "three years of brutal
// occupation" -> "occupation".
func durationNoun(s *sentence, i int) (string, int) {
	if i < len(s.lower) && s.lower[i] == "of" {
		i++
	}
	for k := i; k < len(s.lower) && k < i+3; k++ {
		w := s.words[k]
		if w.IsPunct() || w.IsNumber() || prepositions[w.Lower] || boundaries[w.Lower] || determiners[w.Lower] || beForms[w.Lower] {
			return "", 0
		}
		if eventNouns[w.Lower] {
			return w.Lower, k + 1
		}
	}
	return "", 0
}

var eventNouns = set("battle", "war", "siege", "occupation", "offensive", "campaign", "conflict", "fight",
	"operation", "blockade", "ceasefire", "truce", "strike", "sentence", "term", "rule", "reign", "mission",
	"presidency", "tenure", "investigation", "trial", "delay", "deal", "contract", "program", "programme",
	"plan", "project", "lockdown", "ban", "embargo", "insurgency", "standoff", "crisis", "drought", "moratorium",
	"hunger", "search", "deployment", "detention", "captivity", "journey", "march", "process", "period")

func durationUnit(v string) string {
	switch {
	case strings.HasPrefix(v, "PT") && strings.HasSuffix(v, "H"):
		return "hour"
	case strings.HasPrefix(v, "PT"):
		return "minute"
	case strings.HasSuffix(v, "Y"):
		return "year"
	case strings.HasSuffix(v, "M"):
		return "month"
	case strings.HasSuffix(v, "W"):
		return "week"
	}
	return "day"
}

// qualifierBefore reads a qualifier ending just before i ("at least",
// "over") and returns where it starts and its symbol.
func qualifierBefore(s *sentence, i int) (int, string) {
	for n := 3; n >= 1; n-- {
		if i-n < 0 {
			continue
		}
		if q, ok := qualifiers[strings.Join(s.lower[i-n:i], " ")]; ok {
			return i - n, q
		}
	}
	return i, ""
}

// moneyAt reads an amount of money starting at i.
func moneyAt(s *sentence, i int) (document.Fact, int, int, bool) {
	w := s.lower[i]
	cur, prefixed := "", false
	j := i
	if c, ok := lookupMarked(s, i, markCurrency, currencies); ok && len(w) <= 3 {
		cur, prefixed = c, true
		j = i + 1
	} else if strings.HasPrefix(w, "us") && j+1 < len(s.lower) && s.lower[j+1] == "$" {
		cur, prefixed, j = "USD", true, i+2
	}
	if j >= len(s.words) {
		return document.Fact{}, 0, 0, false
	}
	// "5m", "2bn": a number glued to its scale.
	v, k, ok := lex.Number(s.words, j)
	if !ok {
		if n, scale, ok2 := gluedScale(s.lower[j]); ok2 {
			v, k, ok = n*scale, j+1, true
		}
	}
	if !ok {
		return document.Fact{}, 0, 0, false
	}
	if !prefixed {
		if k >= len(s.lower) {
			return document.Fact{}, 0, 0, false
		}
		c, ok := currencies[s.lower[k]]
		if !ok || len(s.lower[k]) <= 2 && s.lower[k] != "rs" {
			return document.Fact{}, 0, 0, false
		}
		cur = c
		k++
	}
	first, q := qualifierBefore(s, i)
	return document.Fact{Attribute: "amount", Value: q + cur + " " + lex.FormatNumber(v), Unit: cur}, first, k, true
}

var glued = []struct {
	suffix string
	scale  float64
}{{"bn", 1e9}, {"mn", 1e6}, {"tn", 1e12}, {"m", 1e6}, {"k", 1e3}}

func gluedScale(w string) (float64, float64, bool) {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return 0, 0, false
	}
	for _, g := range glued {
		if num, ok := strings.CutSuffix(w, g.suffix); ok {
			if v, ok := lex.Cardinal(num); ok {
				return v, g.scale, true
			}
		}
	}
	return 0, 0, false
}

// casualtyAt reads "12 people were killed", "8 dead", "killing at least
// eight people", "death toll rose to 40".
func casualtyAt(s *sentence, i int) (document.Fact, int, int, bool) {
	// "killing at least eight people"
	if attr, ok := lookupMarked(s, i, markKilling, killing); ok {
		j := i + 1
		qs, q := j, ""
		for n := 3; n >= 1; n-- {
			if j+n <= len(s.lower) {
				if sym, ok := qualifiers[strings.Join(s.lower[j:j+n], " ")]; ok {
					q, qs = sym, j+n
					break
				}
			}
		}
		if v, k, ok := lex.Number(s.words, qs); ok {
			last := k
			if last < len(s.lower) && victimNouns[s.lower[last]] {
				last++
			} else if !(qs == j && s.lower[i] == "killing") && last < len(s.lower) && !victimNouns[s.lower[last]] {
				return document.Fact{}, 0, 0, false
			}
			return document.Fact{Attribute: attr, Value: q + lex.FormatNumber(v), Unit: "people"}, i, last, true
		}
		return document.Fact{}, 0, 0, false
	}
	if (s.lower[i] == "toll" || s.lower[i] == "tally") && i > 0 && s.lower[i-1] == "death" {
		for k := i + 1; k < len(s.words) && k <= i+5; k++ {
			first, q := qualifierBefore(s, k)
			if first < i+1 {
				first = k
			}
			if v, j, ok := lex.Number(s.words, k); ok && !s.words[k].IsCapitalised() || ok && s.words[k].IsNumber() {
				return document.Fact{Attribute: "killed", Value: q + lex.FormatNumber(v), Unit: "people"}, i - 1, j, true
			}
		}
		return document.Fact{}, 0, 0, false
	}
	// "12 people were killed", "eight dead"
	v, j, ok := lex.Number(s.words, i)
	if !ok || v < 1 {
		return document.Fact{}, 0, 0, false
	}
	k := j
	// Up to three words naming the victims: "Russian soldiers", "people".
	for n := 0; n < 3 && k < len(s.lower) && !casualtyWord(s.lower[k]) && !beForms[s.lower[k]] && !s.words[k].IsPunct(); n++ {
		k++
	}
	for k < len(s.lower) && (beForms[s.lower[k]] || s.lower[k] == "have" || s.lower[k] == "had" || s.lower[k] == "reportedly" || s.lower[k] == "reported") {
		k++
	}
	if k >= len(s.lower) {
		return document.Fact{}, 0, 0, false
	}
	attr, ok := casualtyVerbs[s.lower[k]]
	if !ok {
		return document.Fact{}, 0, 0, false
	}
	first, q := qualifierBefore(s, i)
	return document.Fact{Attribute: attr, Value: q + lex.FormatNumber(v), Unit: "people"}, first, k + 1, true
}

func casualtyWord(w string) bool { _, ok := casualtyVerbs[w]; return ok }

var victimNouns = set("people", "civilians", "soldiers", "troops", "persons", "others", "children",
	"women", "men", "police", "policemen", "officers", "militants", "fighters", "rebels", "protesters",
	"students", "workers", "passengers", "migrants", "refugees", "residents", "villagers", "members")

// countAt reads a counted noun: "over 100 nationalities", "2,000 troops".
func countAt(s *sentence, i int) (document.Fact, int, int, bool) {
	v, j, ok := lex.Number(s.words, i)
	if !ok || j >= len(s.lower) || v < 2 {
		return document.Fact{}, 0, 0, false
	}
	if s.words[i].Lower == "a" || s.words[i].Lower == "an" {
		return document.Fact{}, 0, 0, false
	}
	// A four-digit number alone may be a year; timex read those.
	for _, t := range s.times {
		if t.First <= i && i < t.Last {
			return document.Fact{}, 0, 0, false
		}
	}
	noun := s.lower[j]
	// One modifier may stand between: "240 Kenyan sailors".
	if !strings.HasSuffix(noun, "s") && j+1 < len(s.lower) && !s.words[j].IsPunct() && !skipCountNouns[noun] &&
		strings.HasSuffix(s.lower[j+1], "s") && !s.words[j+1].IsCapitalised() && !skipCountNouns[s.lower[j+1]] {
		if _, ok := timeUnitWord[s.lower[j+1]]; !ok && !prepositions[noun] && !beForms[noun] {
			j++
			noun = s.lower[j]
		}
	}
	if skipCountNouns[noun] || !strings.HasSuffix(noun, "s") || s.words[j].IsCapitalised() || s.words[j].IsNumber() {
		if _, ok := timeUnitWord[noun]; ok || !victimNouns[noun] {
			return document.Fact{}, 0, 0, false
		}
	}
	first, q := qualifierBefore(s, i)
	return document.Fact{Attribute: "count", Value: q + lex.FormatNumber(v), Unit: noun}, first, j + 1, true
}

var timeUnitWord = set("years", "months", "weeks", "days", "hours", "minutes", "decades", "seconds")

// nearestEntity returns the entity closest to words[first:last] in the
// sentence, after it first ("fighting for IS"), then before.
func nearestEntity(s *sentence, first, last int) document.EntityID {
	best, dist := document.EntityID(""), 1<<30
	for _, m := range s.mentions {
		d := 0
		switch {
		case m.first >= last:
			d = m.first - last
		case m.last <= first:
			d = first - m.last + 1
		default:
			continue
		}
		if d < dist {
			best, dist = m.ent.ID, d
		}
	}
	return best
}

func nearestEntityKind(s *sentence, i int, typ string) document.EntityID {
	best, dist := document.EntityID(""), 1<<30
	for _, m := range s.mentions {
		if m.ent.Type != typ {
			continue
		}
		d := m.first - i
		if d < 0 {
			d = -d
		}
		if d < dist {
			best, dist = m.ent.ID, d
		}
	}
	return best
}

// eventEntity is the entity a fact about an event attaches to: the
// event's place, or its target when that is a place. Without one the
// fact has no entity rather than a guessed one.
func eventEntity(s *sentence, events []found) document.EntityID {
	for _, f := range events {
		if f.event.Place != nil && f.event.Place.Entity != "" {
			return f.event.Place.Entity
		}
	}
	for _, f := range events {
		if t := f.event.Target; t != nil && t.Entity != "" {
			for _, m := range s.mentions {
				if m.ent.ID == t.Entity && isPlace(m.ent) {
					return t.Entity
				}
			}
		}
	}
	return ""
}

func placeEntity(s *sentence, events []found) document.EntityID {
	for _, f := range events {
		if f.event.Place != nil && f.event.Place.Entity != "" {
			return f.event.Place.Entity
		}
	}
	for _, m := range s.mentions {
		if isPlace(m.ent) && m.kind != document.MentionDemonym {
			return m.ent.ID
		}
	}
	return ""
}

func itoa(n int) string { return lex.FormatNumber(float64(n)) }
