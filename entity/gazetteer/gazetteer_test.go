package gazetteer

import (
	"strings"
	"testing"
)

func load(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLoad(t *testing.T) {
	g := load(t)
	counts := map[Kind]int{}
	for i := 0; i < g.Len(); i++ {
		counts[g.Entry(int32(i)).Kind]++
	}
	for k, min := range map[Kind]int{Country: 240, City: 5000, Region: 500, Org: 1000} {
		if counts[k] < min {
			t.Errorf("%v: %d entries, want at least %d", k, counts[k], min)
		}
	}
	e, ok := g.ByID("IRQ")
	if !ok || e.Name != "Iraq" || e.Kind != Country || e.Population < 10_000_000 {
		t.Errorf("ByID(IRQ) = %+v, %v", e, ok)
	}
}

// match runs Match over a space-separated text and describes the result as
// "WORDS:ID/form ..." (first three hits).
func match(g *Gazetteer, text string) string {
	words := strings.Fields(text)
	hits, n := g.Match(nil, words, 0)
	if n == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(strings.Join(words[:n], " "))
	b.WriteString(":")
	for i, h := range hits {
		if i == 3 {
			break
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(g.Entry(h.Entry).ID)
		switch h.Form {
		case FormAdjective:
			b.WriteString("/adj")
		case FormPeople:
			b.WriteString("/people")
		}
	}
	return b.String()
}

func TestMatch(t *testing.T) {
	g := load(t)
	for _, tc := range []struct{ text, want string }{
		{"Iraq fight", "Iraq:IRQ"},
		{"Iraqi envoy", "Iraqi:IRQ/adj"},
		{"Pakistanis were", "Pakistanis:PAK/people"},
		{"Iranian officials", "Iranian:IRN/adj"},
		{"British troops", "British:GBR/adj"},
		{"American forces", "American:USA/adj"},
		{"U.S. officials", "U.S.:USA"},
		{"US officials", "US:USA"},
		{"us", ""},
		{"Us", ""},
		{"IS fighters", "IS:islamic-state"},
		{"is", ""},
		{"Is", ""},
		{"ISIS", "ISIS:islamic-state"},
		{"Isis", "Isis:islamic-state"},
		{"ISIL", "ISIL:islamic-state"},
		{"Daesh", "Daesh:islamic-state"},
		{"Da'esh", "Da'esh:islamic-state"},
		{"Da’esh", "Da’esh:islamic-state"},
		{"Islamic State group said", "Islamic State group:islamic-state"},
		{"Islamic State said", "Islamic State:islamic-state"},
		{"Islamic state", ""},
		{"islamic state", ""},
		{"ISLAMIC STATE", "ISLAMIC STATE:islamic-state"},
		{"al-Qaeda", "al-Qaeda:al-qaeda"},
		{"Al Qaeda", "Al Qaeda:al-qaeda"},
		{"al Qaeda", "al Qaeda:al-qaeda"},
		{"U.N.", "U.N.:united-nations"},
		{"UN Security Council", "UN Security Council:un-security-council"},
		{"NATO", "NATO:nato"},
		{"Nato", "Nato:nato"},
		{"Mosul", "Mosul:geonames:99072"},
		{"Baghdad", "Baghdad:geonames:98182"},
		{"Anbar province", "Anbar province:region:IRQ:anbar"},
		{"Kurdistan Workers ' Party", "Kurdistan Workers ' Party:pkk"},
		{"Kurdistan Workers' Party", "Kurdistan Workers' Party:pkk"},
		{"Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa:region:PAK:khyber-pakhtunkhwa"},
		{"Khyber-Pakhtunkhwa", "Khyber-Pakhtunkhwa:region:PAK:khyber-pakhtunkhwa"},
		{"WHO said", "WHO:who"},
		{"who said", ""},
		// A country comes before a region or city of the same name.
		{"Georgia", "Georgia:GEO,region:USA:georgia"},
		{"Jordan", "Jordan:JOR"},
		// Cities of one name come most populous first.
		{"Paris", "Paris:geonames:2988507,geonames:966166"}, // and Parys, South Africa
		{"United States of America", "United States of America:USA"},
		{"the", ""},
		{",", ""},
	} {
		if got := match(g, tc.text); got != tc.want {
			t.Errorf("Match(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestMatchFlags(t *testing.T) {
	g := load(t)
	hits, n := g.Match(nil, []string{"IS"}, 0)
	if n != 1 || len(hits) != 1 {
		t.Fatalf("IS: %d words, %d hits", n, len(hits))
	}
	if f := hits[0].Flags; f&Acronym == 0 || f&CommonWord == 0 {
		t.Errorf("IS flags = %b, want Acronym|CommonWord", f)
	}
	hits, _ = g.Match(nil, []string{"Daesh"}, 0)
	if len(hits) != 1 || hits[0].Flags != 0 {
		t.Errorf("Daesh hits = %+v, want one plain hit", hits)
	}
	// A leader's name filed as an alias of his group is link-only.
	hits, n = g.Match(nil, []string{"Hassan", "Nasrallah"}, 0)
	for _, h := range hits {
		if h.Flags&LinkOnly == 0 {
			t.Errorf("Hassan Nasrallah: hit %+v is not link-only", h)
		}
	}
	_ = n
}

func TestLookup(t *testing.T) {
	g := load(t)
	hits := g.Lookup(nil, "islamic", "state")
	if len(hits) == 0 || g.Entry(hits[0].Entry).ID != "islamic-state" {
		t.Errorf("Lookup(islamic state) = %+v", hits)
	}
	if hits := g.Lookup(nil, "."); len(hits) != 0 {
		t.Errorf("Lookup(.) = %+v", hits)
	}
}

func TestMatchAllocs(t *testing.T) {
	g := load(t)
	words := strings.Fields("Iraqi security forces freed Mosul from the Islamic State group last week")
	buf := make([]Hit, 0, 16)
	allocs := testing.AllocsPerRun(100, func() {
		for i := range words {
			buf, _ = g.Match(buf[:0], words, i)
		}
	})
	if allocs != 0 {
		t.Errorf("Match allocates %.1f times per sentence", allocs)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	g := load(b)
	words := strings.Fields("Iraqi security forces freed Mosul from the Islamic State group last week , the ambassador of Iran said in Islamabad on Tuesday .")
	buf := make([]Hit, 0, 16)
	b.ReportAllocs()
	for b.Loop() {
		for i := range words {
			buf, _ = g.Match(buf[:0], words, i)
		}
	}
	b.ReportMetric(float64(b.N*len(words))/b.Elapsed().Seconds(), "words/s")
}

func FuzzMatch(f *testing.F) {
	f.Add("Iraqi security forces freed Mosul from the Islamic State group")
	g := load(f)
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(s)
		var buf []Hit
		for i := range words {
			var n int
			buf, n = g.Match(buf[:0], words, i)
			if n < 0 || i+n > len(words) || (n == 0) != (len(buf) == 0) {
				t.Fatalf("Match(%q, %d) = %d words, %d hits", words, i, n, len(buf))
			}
			for _, h := range buf {
				if h.Entry < 0 || int(h.Entry) >= g.Len() {
					t.Fatalf("hit %+v out of range", h)
				}
			}
		}
		g.Lookup(nil, words...)
	})
}
