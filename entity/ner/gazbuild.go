package ner

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Gazetteer categories. Each is one feature family; the model learns how
// far to trust each list, so noisy lists (Phoenix state actors, GeoNames
// alternate names) are kept apart from clean ones (country names).
const (
	GazCountry  = "loc.country"
	GazCityBig  = "loc.city.big" // population of 500,000 or more, and capitals
	GazCity     = "loc.city"
	GazRegion   = "loc.region"
	GazDemonym  = "misc.demonym"
	GazOrgIntl  = "org.international"
	GazOrgArmed = "org.armed"
	GazOrgState = "org.state"
	GazPerson   = "per.leader"
)

// BuildGazetteers reads the name lists under dir (../shared/data/gazetteers)
// into token sequences by category. It is run at training time; the model
// stores the lists it was trained with.
func BuildGazetteers(dir string) (map[string][][]string, error) {
	b := &gazBuilder{lists: map[string]map[string][]string{}}
	steps := []struct {
		name string
		fn   func(string) error
	}{
		{"countries/countries-demonyms.tsv", b.demonymsTSV},
		{"countryinfo/CountryInfo.120116.txt", b.countryInfo},
		{"cities/geonames-cities15000.zip", b.cities},
		{"orgs/phoenix-petrarch2/Phoenix.International.actors.txt", func(p string) error { return b.phoenix(p, GazOrgIntl) }},
		{"orgs/phoenix-petrarch2/Phoenix.MilNonState.actors.txt", func(p string) error { return b.phoenix(p, GazOrgArmed) }},
		{"orgs/phoenix-petrarch2/Phoenix.Countries.actors.txt", func(p string) error { return b.phoenix(p, GazOrgState) }},
		{"orgs/un-sc-sanctions/un-sc-consolidated-list-2018-10-29.xml", b.unSanctions},
	}
	for _, s := range steps {
		if err := s.fn(filepath.Join(dir, s.name)); err != nil {
			return nil, fmt.Errorf("build gazetteers: %s: %w", s.name, err)
		}
	}
	// A few forms the lists miss or list only as ISO codes.
	for _, n := range []string{"U.S.", "US", "U.S.A.", "UK", "U.K.", "Britain", "America"} {
		b.add(GazCountry, n)
	}
	// Current names of armed groups that the lists (Phoenix 2014, the UN
	// list of 2018) lack or only give in older forms; the gazetteers
	// README names this gap.
	for _, n := range armedGroups {
		b.add(GazOrgArmed, n)
	}
	out := map[string][][]string{}
	for cat, names := range b.lists {
		for _, k := range sortedKeys(names) {
			out[cat] = append(out[cat], names[k])
		}
	}
	return out, nil
}

// armedGroups are the short and current names of armed groups that
// conflict news uses most.
var armedGroups = []string{
	"Islamic State", "IS", "ISIS", "ISIL", "Daesh", "Da'esh", "al-Qaeda", "al-Qaida", "Al Qaeda",
	"al-Nusra Front", "Nusra Front", "Jabhat al-Nusra", "Hayat Tahrir al-Sham", "HTS", "Hezbollah",
	"Hizballah", "Hizbollah", "Hamas", "Islamic Jihad", "Taliban", "al-Shabaab", "Al-Shabab",
	"Boko Haram", "PKK", "YPG", "YPJ", "SDF", "Syrian Democratic Forces", "Free Syrian Army", "FSA",
	"Houthis", "Ansar Allah", "Peshmerga", "Popular Mobilization Forces", "PMF", "Hashd al-Shaabi",
	"Wagner Group", "Lashkar-e-Taiba", "Jaish-e-Mohammed", "Tehrik-i-Taliban Pakistan", "TTP",
	"ISIS-K", "Ahrar al-Sham", "Jaish al-Islam",
}

type gazBuilder struct {
	lists map[string]map[string][]string // category → lower-cased key → tokens
}

// add enters a name under a category, tokenised; empty names, names of
// more than eight tokens and names without a letter are skipped.
func (b *gazBuilder) add(cat, name string) {
	name = strings.Trim(name, " \"'`“”‘’,;:")
	toks := tokenStrings(name)
	if len(toks) == 0 || len(toks) > 8 || strings.Contains(name, ",") || !strings.ContainsFunc(name, unicode.IsLetter) {
		return
	}
	if b.lists[cat] == nil {
		b.lists[cat] = map[string][]string{}
	}
	k := strings.ToLower(strings.Join(toks, " "))
	if _, ok := b.lists[cat][k]; !ok {
		b.lists[cat][k] = toks
	}
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// demonymsTSV reads countries-demonyms.tsv: names, official names, spellings,
// capitals and demonyms with their plurals.
func (b *gazBuilder) demonymsTSV(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return err
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, want := range []string{"iso2", "name_common", "name_official", "demonym_m", "demonym_f", "capitals", "alt_spellings"} {
		if _, ok := col[want]; !ok {
			return fmt.Errorf("no column %q", want)
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		b.add(GazCountry, rec[col["name_common"]])
		b.add(GazCountry, rec[col["name_official"]])
		for _, s := range splitList(rec[col["alt_spellings"]]) {
			if s != rec[col["iso2"]] {
				b.add(GazCountry, s)
			}
		}
		for _, c := range splitList(rec[col["capitals"]]) {
			b.add(GazCityBig, c)
		}
		for _, d := range []string{rec[col["demonym_m"]], rec[col["demonym_f"]]} {
			if d == "" {
				continue
			}
			b.add(GazDemonym, d)
			if strings.HasSuffix(d, "an") || strings.HasSuffix(d, "i") {
				b.add(GazDemonym, d+"s")
			}
		}
	}
}

// countryInfo reads Schrodt's CountryInfo: country names, capitals, major cities, regions, geographic features
// and leaders.
func (b *gazBuilder) countryInfo(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	data = bytes.ReplaceAll(data, []byte{0}, nil)
	section := ""
	sections := map[string]string{
		"Capital": GazCityBig, "MajorCities": GazCityBig,
		"Regions": GazRegion, "GeogFeatures": GazRegion, "Leaders": GazPerson, "Government": GazPerson,
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "<CountryName>") && strings.HasSuffix(line, "</CountryName>") {
			b.add(GazCountry, underscores(strings.TrimSuffix(strings.TrimPrefix(line, "<CountryName>"), "</CountryName>")))
			continue
		}
		if strings.HasPrefix(line, "</") {
			if name := strings.Trim(line, "</>"); sections[name] != "" {
				section = ""
			}
			continue
		}
		if strings.HasPrefix(line, "<") {
			if name := strings.Trim(line, "<>"); sections[name] != "" {
				section = name
			}
			continue
		}
		if section == "" || line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cat := sections[section]
		for _, name := range ciNames(line) {
			b.add(cat, name)
		}
	}
	return sc.Err()
}

var braces = regexp.MustCompile(`\{([^}]*)\}`)

// ciNames reads the names on a CountryInfo line: "NAME_ [dates]" or
// "{NAME_A_}{NAME_B_} [dates]", with "#" comments.
func ciNames(line string) []string {
	if i := strings.IndexAny(line, "[#("); i >= 0 {
		line = line[:i]
	}
	var out []string
	if m := braces.FindAllStringSubmatch(line, -1); m != nil {
		for _, g := range m {
			if n := underscores(g[1]); n != "" {
				out = append(out, n)
			}
		}
		return out
	}
	if n := underscores(line); n != "" {
		out = append(out, n)
	}
	return out
}

// underscores turns "SADDAM_HUSSEIN_" into "SADDAM HUSSEIN".
func underscores(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " ")
}

// cities reads GeoNames cities15000: every name and ASCII name, and for
// places of 100,000 people or more their Latin-script alternate names.
func (b *gazBuilder) cities(path string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".txt") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		err = b.citiesTSV(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return nil
}

func (b *gazBuilder) citiesTSV(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 15 {
			continue
		}
		pop, _ := strconv.Atoi(cols[14])
		code := cols[7]
		cat := GazCity
		if pop >= 500000 || code == "PPLC" {
			cat = GazCityBig
		}
		b.add(cat, cols[1])
		b.add(cat, cols[2])
		if pop < 100000 {
			continue
		}
		for _, alt := range strings.Split(cols[3], ",") {
			if latinName(alt) {
				b.add(cat, alt)
			}
		}
	}
	return sc.Err()
}

// latinName reports whether s looks like a name in Latin script: starts
// with a capital, has no digits, only letters, spaces, hyphens, periods and
// apostrophes.
func latinName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if i == 0 && !unicode.IsUpper(r) {
			return false
		}
		if r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
			return false
		}
		if !unicode.IsLetter(r) && !strings.ContainsRune(" -.'", r) {
			return false
		}
	}
	return true
}

// phoenix reads a Phoenix/PETRARCH actor dictionary: entry lines
// ("NAME_ [CODE]"), alias lines ("+ALIAS_") and code lines ("[CODE dates]").
// In the Countries file an entry is a person when it is marked
// "# CountryInfo.txt" or its codes carry dates (terms of office), a country
// when its code is a bare three-letter country code (countries come from
// the country lists instead), and otherwise goes to cat.
func (b *gazBuilder) phoenix(path, cat string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var (
		names           []string
		person, country bool
	)
	flush := func() {
		c := cat
		if cat == GazOrgState {
			switch {
			case country:
				c = ""
			case person:
				c = GazPerson
			}
		}
		if c != "" {
			for _, n := range names {
				b.add(c, n)
			}
		}
		names, person, country = names[:0], false, false
	}
	code := func(s string) {
		for _, m := range codeRe.FindAllStringSubmatch(s, -1) {
			if len(m[1]) == 3 {
				country = true
			}
			if strings.ContainsAny(m[2], "0123456789") {
				person = true
			}
		}
	}
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "["):
			code(line)
			continue
		case strings.HasPrefix(line, "+"):
			names = append(names, phoenixName(line[1:]))
			continue
		}
		flush()
		if strings.Contains(line, "# CountryInfo") {
			person = true
		}
		code(line)
		names = append(names, phoenixName(line))
	}
	flush()
	return sc.Err()
}

var codeRe = regexp.MustCompile(`\[([A-Z]{3,})([^\]]*)\]`)
var parens = regexp.MustCompile(`\([^)]*\)`)

// phoenixName turns "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB] # note" into
// "ADEN ABYAN ISLAMIC ARMY".
func phoenixName(s string) string {
	if i := strings.IndexAny(s, "[#"); i >= 0 {
		s = s[:i]
	}
	s = parens.ReplaceAllString(s, " ")
	return underscores(strings.ReplaceAll(s, "+", "_"))
}

// unSanctions reads the UN Security Council consolidated list: entity
// names and aliases (organisations) and individuals' names and good
// aliases (persons).
func (b *gazBuilder) unSanctions(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var list struct {
		Individuals []struct {
			Names   []string `xml:"FIRST_NAME"`
			Second  string   `xml:"SECOND_NAME"`
			Third   string   `xml:"THIRD_NAME"`
			Fourth  string   `xml:"FOURTH_NAME"`
			Aliases []struct {
				Quality string `xml:"QUALITY"`
				Name    string `xml:"ALIAS_NAME"`
			} `xml:"INDIVIDUAL_ALIAS"`
		} `xml:"INDIVIDUALS>INDIVIDUAL"`
		Entities []struct {
			Name    string `xml:"FIRST_NAME"`
			Aliases []struct {
				Name string `xml:"ALIAS_NAME"`
			} `xml:"ENTITY_ALIAS"`
		} `xml:"ENTITIES>ENTITY"`
	}
	if err := xml.Unmarshal(data, &list); err != nil {
		return err
	}
	for _, in := range list.Individuals {
		var parts []string
		for _, p := range append(in.Names, in.Second, in.Third, in.Fourth) {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
		b.add(GazPerson, strings.Join(parts, " "))
		for _, a := range in.Aliases {
			if a.Quality == "Good" {
				b.add(GazPerson, a.Name)
			}
		}
	}
	for _, e := range list.Entities {
		b.add(GazOrgArmed, parens.ReplaceAllString(e.Name, " "))
		for _, a := range e.Aliases {
			b.add(GazOrgArmed, parens.ReplaceAllString(a.Name, " "))
		}
	}
	return nil
}

// Gazetteer categories harvested from WikiANN's silver labels: the names
// of Wikipedia link targets typed person, organisation or location, and
// the first and last tokens of person names.
const (
	GazWikiPER   = "wiki.per"
	GazWikiORG   = "wiki.org"
	GazWikiLOC   = "wiki.loc"
	GazWikiFirst = "wiki.first"
	GazWikiLast  = "wiki.last"
)

// WikiANNGazetteers builds name lists from the entities of WikiANN English
// in dir (../shared/data/ner/wikiann-en), all three splits. A name goes on
// a type's list only when WikiANN gives it that type at least twice as
// often as any other, which keeps out most of its labelling noise.
func WikiANNGazetteers(dir string) (map[string][][]string, error) {
	counts := map[string]map[string]int{} // lower-cased name → type → count
	forms := map[string][]string{}
	for _, split := range []string{"train", "dev", "test"} {
		docs, err := ReadWikiANN(dir, split)
		if err != nil {
			return nil, fmt.Errorf("wikiann gazetteers: %w", err)
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				for _, sp := range SpansFromTags(s.Tags) {
					words := s.Words[sp.Start:sp.End]
					if len(words) > 8 {
						continue
					}
					k := strings.ToLower(strings.Join(words, " "))
					if counts[k] == nil {
						counts[k] = map[string]int{}
						forms[k] = words
					}
					counts[k][sp.Type]++
				}
			}
		}
	}
	b := &gazBuilder{lists: map[string]map[string][]string{}}
	cat := map[string]string{"PER": GazWikiPER, "ORG": GazWikiORG, "LOC": GazWikiLOC}
	for _, k := range sortedKeys(counts) {
		best, bestN, second := "", 0, 0
		for _, t := range sortedKeys(counts[k]) {
			switch n := counts[k][t]; {
			case n > bestN:
				best, bestN, second = t, n, bestN
			case n > second:
				second = n
			}
		}
		if bestN < 2*second || cat[best] == "" {
			continue
		}
		words := forms[k]
		if !strings.ContainsFunc(k, unicode.IsLetter) {
			continue
		}
		b.addTokens(cat[best], words)
		if best == "PER" && len(words) >= 2 {
			b.addTokens(GazWikiFirst, words[:1])
			b.addTokens(GazWikiLast, words[len(words)-1:])
		}
	}
	out := map[string][][]string{}
	for c, names := range b.lists {
		for _, k := range sortedKeys(names) {
			out[c] = append(out[c], names[k])
		}
	}
	return out, nil
}

// addTokens enters an already tokenised name.
func (b *gazBuilder) addTokens(cat string, toks []string) {
	if b.lists[cat] == nil {
		b.lists[cat] = map[string][]string{}
	}
	k := strings.ToLower(strings.Join(toks, " "))
	if _, ok := b.lists[cat][k]; !ok {
		b.lists[cat][k] = toks
	}
}
