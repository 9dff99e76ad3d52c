// Command gengazetteer builds the embedded tables of package gazetteer from
// the shared gazetteer data and the curated lists beside the package.
//
//	go run ./gengazetteer -data ../../../shared/data/gazetteers -curated curated -out data
//
// (go generate in entity/gazetteer runs exactly that.) It writes four
// gzip-compressed TSV tables, one per licence, so that each keeps its own
// terms (see ../PROVENANCE.md):
//
//	countries.tsv.gz  mledoze/countries demonyms (ODbL 1.0) + GeoNames
//	                  country populations (CC BY 4.0) + curated names
//	cities.tsv.gz     GeoNames cities15000 (CC BY 4.0)
//	regions.tsv.gz    CountryInfo regions (CC BY-SA 3.0) + curated regions
//	orgs.tsv.gz       Phoenix/PETRARCH2 dictionaries (MIT) + curated orgs
//
// Every line of a table is
//
//	kind  id  name  country  population  names  adjectives  people
//
// with lists joined by "|"; a name starting with "~" is link-only. The
// output is deterministic: the same inputs give the same bytes.
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

func main() {
	data := flag.String("data", "../../../shared/data/gazetteers", "shared gazetteer data `dir`")
	curated := flag.String("curated", "curated", "curated lists `dir`")
	out := flag.String("out", "data", "output `dir`")
	minPop := flag.Int("min-population", 50000, "smallest city kept (capitals are always kept)")
	altPop := flag.Int("alt-population", 1000000, "smallest city whose alternate names are kept")
	flag.Parse()
	if err := run(*data, *curated, *out, *minPop, *altPop); err != nil {
		fmt.Fprintln(os.Stderr, "gengazetteer:", err)
		os.Exit(1)
	}
}

// row is one line of an output table.
type row struct {
	kind, id, name, country string
	pop                     int
	names, adjs, people     []string
}

func run(data, curated, out string, minPop, altPop int) error {
	countries, err := buildCountries(data, curated)
	if err != nil {
		return fmt.Errorf("countries: %w", err)
	}
	iso2to3 := map[string]string{}
	valid := map[string]bool{}
	for _, c := range countries {
		iso2to3[c.iso2] = c.id
		valid[c.id] = true
	}
	cities, err := buildCities(filepath.Join(data, "cities", "geonames-cities15000.zip"), iso2to3, minPop, altPop)
	if err != nil {
		return fmt.Errorf("cities: %w", err)
	}
	regions, err := buildRegions(data, curated, valid)
	if err != nil {
		return fmt.Errorf("regions: %w", err)
	}
	orgs, err := buildOrgs(data, curated, valid)
	if err != nil {
		return fmt.Errorf("orgs: %w", err)
	}
	rows := make([]row, len(countries))
	for i, c := range countries {
		rows[i] = c.row
	}
	for name, rs := range map[string][]row{"countries": rows, "cities": cities, "regions": regions, "orgs": orgs} {
		if err := write(filepath.Join(out, name+".tsv.gz"), rs); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		slog.Info("table written", "table", name, "rows", len(rs))
	}
	return nil
}

func write(path string, rows []row) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(zw)
	for _, r := range rows {
		pop := ""
		if r.pop > 0 {
			pop = strconv.Itoa(r.pop)
		}
		fields := []string{r.kind, r.id, r.name, r.country, pop,
			strings.Join(r.names, "|"), strings.Join(r.adjs, "|"), strings.Join(r.people, "|")}
		for _, f := range fields {
			if strings.ContainsAny(f, "\t\n") {
				return fmt.Errorf("row %s: field %q holds a tab or newline", r.id, f)
			}
		}
		w.WriteString(strings.Join(fields, "\t"))
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// readTSV returns the non-comment lines of a tab-separated file, split.
func readTSV(path string, minFields int) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < minFields {
			return nil, fmt.Errorf("%s:%d: %d fields, want at least %d", path, i+1, len(f), minFields)
		}
		out = append(out, f)
	}
	return out, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// set keeps the first of each string, in order.
type set struct {
	list []string
	seen map[string]bool
}

func (s *set) add(v ...string) {
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	for _, x := range v {
		x = strings.TrimSpace(x)
		if x == "" || s.seen[x] {
			continue
		}
		s.seen[x] = true
		s.list = append(s.list, x)
	}
}

// ---- countries ----

type country struct {
	row
	iso2 string
}

func buildCountries(data, curated string) ([]country, error) {
	recs, err := readTSV(filepath.Join(data, "countries", "countries-demonyms.tsv"), 13)
	if err != nil {
		return nil, err
	}
	pops, err := countryPopulations(filepath.Join(data, "countries", "geonames-countryInfo.txt"))
	if err != nil {
		return nil, err
	}
	extra, err := readTSV(filepath.Join(curated, "countries.tsv"), 4)
	if err != nil {
		return nil, err
	}
	extraBy := map[string][]string{}
	for _, f := range extra {
		extraBy[f[0]] = f
	}
	var out []country
	for _, f := range recs[1:] { // the first line is the header
		iso2, iso3, common, official := f[0], f[1], f[3], f[4]
		if len(iso3) != 3 {
			continue
		}
		var names, adjs, people set
		names.add(common, fold(common))
		if usableName(official) {
			names.add(official)
		}
		for _, a := range splitList(f[8]) {
			if a != iso2 && usableName(a) && (len(a) > 3 || isUpperWord(a)) {
				names.add(a)
			}
		}
		for _, d := range append(strings.Split(f[5], ","), strings.Split(f[6], ",")...) {
			d = strings.TrimSpace(d)
			if d == "" || !usableName(d) {
				continue
			}
			adjs.add(d)
			if p := plural(d); p != "" {
				people.add(p)
			}
		}
		if x, ok := extraBy[iso3]; ok {
			names.add(splitList(x[1])...)
			adjs.add(splitList(x[2])...)
			people.add(splitList(x[3])...)
			delete(extraBy, iso3)
		}
		out = append(out, country{iso2: iso2, row: row{
			kind: "country", id: iso3, name: common, pop: pops[iso3],
			names: names.list[1:], adjs: adjs.list, people: people.list,
		}})
	}
	if len(extraBy) > 0 {
		var left []string
		for k := range extraBy {
			left = append(left, k)
		}
		sort.Strings(left)
		return nil, fmt.Errorf("curated countries not in the country list: %v", left)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	dropSharedDemonyms(out)
	return out, nil
}

// dropSharedDemonyms keeps a demonym or people noun that several countries
// share only for the most populous of them: "American" names the United
// States, not the Northern Mariana Islands as well.
func dropSharedDemonyms(cs []country) {
	owner := map[string]int{}
	for i, c := range cs {
		for _, d := range append(append([]string(nil), c.adjs...), c.people...) {
			if j, ok := owner[d]; !ok || cs[j].pop < c.pop {
				owner[d] = i
			}
		}
	}
	keep := func(i int, list []string) []string {
		var out []string
		for _, d := range list {
			if owner[d] == i {
				out = append(out, d)
			}
		}
		return out
	}
	for i := range cs {
		cs[i].adjs = keep(i, cs[i].adjs)
		cs[i].people = keep(i, cs[i].people)
	}
}

func countryPopulations(path string) (map[string]int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pops := map[string]int{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 8 {
			continue
		}
		if n, err := strconv.Atoi(f[7]); err == nil {
			pops[f[1]] = n
		}
	}
	if len(pops) < 200 {
		return nil, fmt.Errorf("%s: only %d populations read", path, len(pops))
	}
	return pops, nil
}

// plural returns the noun for a country's people from its demonym, or ""
// when the demonym has no plural of its own (British, Chinese, Swiss).
func plural(d string) string {
	l := strings.ToLower(d)
	for _, suf := range []string{"sh", "ch", "ss", "ese", "x", "s", "z"} {
		if strings.HasSuffix(l, suf) {
			return ""
		}
	}
	return d + "s"
}

// usableName reports whether a name from a third-party list can be matched
// in English text: Latin letters, spaces, hyphens, periods, apostrophes;
// no inverted forms ("Congo, the Democratic Republic of the").
func usableName(s string) bool {
	if s == "" || strings.ContainsAny(s, ",()/;") {
		return false
	}
	letters := 0
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || r == ' ' || r == '-' || r == '.' || r == '\''):
			if unicode.IsLetter(r) {
				letters++
			}
		case r == '\u2019':
		case unicode.Is(unicode.Latin, r):
			letters++
		default:
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return letters >= 2 && unicode.IsUpper(r)
}

func isUpperWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// ---- cities ----

func buildCities(path string, iso2to3 map[string]string, minPop, altPop int) ([]row, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var f *zip.File
	for _, zf := range zr.File {
		if zf.Name == "cities15000.txt" {
			f = zf
		}
	}
	if f == nil {
		return nil, errors.New("cities15000.txt not in the archive")
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	var out []row
	line := 0
	for sc.Scan() {
		line++
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 19 {
			return nil, fmt.Errorf("line %d: %d fields, want 19", line, len(fs))
		}
		pop, err := strconv.Atoi(fs[14])
		if err != nil {
			return nil, fmt.Errorf("line %d: population: %w", line, err)
		}
		capital := fs[7] == "PPLC"
		if pop < minPop && !capital {
			continue
		}
		iso3, ok := iso2to3[fs[8]]
		if !ok {
			continue
		}
		name := fs[1]
		if !usableName(name) {
			if !usableName(fs[2]) {
				continue
			}
			name = fs[2]
		}
		var names set
		names.add(name, fold(name), stripArticle(fold(name)))
		if usableName(fs[2]) {
			names.add(fs[2], stripArticle(fs[2]))
		}
		// Alternate names: all Latin ones for large cities; for the
		// others, the spellings of the same name ("Raqqa", "Raqqah" for
		// "Ar Raqqah"), not other languages' names for it.
		stem := prefix3(bare(fold(name)))
		seen := map[string]bool{strings.ToLower(name): true}
		for _, a := range strings.Split(fs[3], ",") {
			if len(a) < 4 || !usableName(a) || isUpperWord(a) || !asciiOnly(a) || seen[strings.ToLower(a)] {
				continue
			}
			if pop < altPop && prefix3(bare(fold(a))) != stem {
				continue
			}
			seen[strings.ToLower(a)] = true
			names.add(a, stripArticle(a))
		}
		out = append(out, row{kind: "city", id: "geonames:" + fs[0], name: name, country: iso3, pop: pop, names: names.list[1:]})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].pop != out[j].pop {
			return out[i].pop > out[j].pop
		}
		return out[i].id < out[j].id
	})
	return out, nil
}

// stripArticle drops a leading Arabic article from a place name, which
// English text often leaves out: "Ar Raqqah" -> "Raqqah", "Al-Hasakah" ->
// "Hasakah". It returns "" when there is none, or too little is left.
func stripArticle(s string) string {
	for _, a := range []string{"Al ", "Al-", "Ar ", "Ar-", "As ", "As-", "Ash ", "Ash-", "Ad ", "Ad-",
		"An ", "An-", "Az ", "Az-", "At ", "At-", "El ", "El-", "Ed ", "Es ", "Ez "} {
		if strings.HasPrefix(s, a) && len(s) >= len(a)+4 {
			return s[len(a):]
		}
	}
	return ""
}

// bare returns s without its Arabic article.
func bare(s string) string {
	if b := stripArticle(s); b != "" {
		return b
	}
	return s
}

// prefix3 returns the first three letters of s, lower-cased.
func prefix3(s string) string {
	s = strings.ToLower(s)
	if len(s) > 3 {
		return s[:3]
	}
	return s
}

// fold removes the diacritics of Latin letters: "Zürich" -> "Zurich" (the
// GeoNames ASCII name is "Zuerich"), as English text usually writes them.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// ---- regions ----

func buildRegions(data, curated string, valid map[string]bool) ([]row, error) {
	b, err := os.ReadFile(filepath.Join(data, "countryinfo", "CountryInfo.120116.txt"))
	if err != nil {
		return nil, err
	}
	b = bytes.ReplaceAll(b, []byte{0}, nil) // the file holds one stray NUL
	type key struct{ country, name string }
	byKey := map[key]*row{}
	var order []key
	addRegion := func(iso3, name string, aliases []string) {
		k := key{iso3, strings.ToLower(name)}
		r, ok := byKey[k]
		if !ok {
			r = &row{kind: "region", id: "region:" + iso3 + ":" + slug(name), name: name, country: iso3}
			byKey[k] = r
			order = append(order, k)
		}
		var s set
		s.add(r.names...)
		s.add(aliases...)
		r.names = s.list
	}
	var iso3 string
	inRegions := false
	for _, line := range strings.Split(string(b), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "<Country>":
			iso3 = ""
		case strings.HasPrefix(t, "<ISO3166-alpha3>"):
			iso3 = strings.TrimSuffix(strings.TrimPrefix(t, "<ISO3166-alpha3>"), "</ISO3166-alpha3>")
		case t == "<Regions>":
			inRegions = true
		case t == "</Regions>":
			inRegions = false
		case inRegions && t != "" && t[0] != '#' && valid[iso3]:
			name := phoenixName(t)
			if name == "" || nickname(t) {
				continue
			}
			addRegion(iso3, name, nil)
		}
	}
	recs, err := readTSV(filepath.Join(curated, "regions.tsv"), 2)
	if err != nil {
		return nil, err
	}
	for _, f := range recs {
		if !valid[f[0]] {
			return nil, fmt.Errorf("curated region %q: unknown country %q", f[1], f[0])
		}
		var aliases []string
		if len(f) > 2 {
			aliases = splitList(f[2])
		}
		addRegion(f[0], f[1], aliases)
	}
	out := make([]row, 0, len(order))
	ids := map[string]bool{}
	for _, k := range order {
		r := *byKey[k]
		for n := 2; ids[r.id]; n++ {
			r.id = "region:" + r.country + ":" + slug(r.name) + "-" + strconv.Itoa(n)
		}
		ids[r.id] = true
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, nil
}

// nickname reports CountryInfo region entries that are nicknames ("GOLDEN_STATE_",
// "LAND_OF_OPPORTUNITY_") rather than names.
func nickname(s string) bool {
	u := "_" + strings.ToUpper(s)
	for _, w := range []string{"_STATE_", "_LAND_", "_OF_THE_", "_STATE", "_CAPITAL_"} {
		if strings.Contains(u, w) {
			return true
		}
	}
	return false
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '\u2019' || r == '.':
		default:
			if r >= utf8.RuneSelf && unicode.IsLetter(r) {
				if dash && b.Len() > 0 {
					b.WriteByte('-')
				}
				dash = false
				b.WriteRune(r)
				continue
			}
			dash = true
		}
	}
	return b.String()
}

// ---- organisations ----

func buildOrgs(data, curated string, valid map[string]bool) ([]row, error) {
	recs, err := readTSV(filepath.Join(curated, "orgs.tsv"), 3)
	if err != nil {
		return nil, err
	}
	var out []*row
	byAlias := map[string]*row{} // normalised alias -> org
	ids := map[string]bool{}
	register := func(r *row, a string) {
		k := normKey(a)
		if _, ok := byAlias[k]; !ok {
			byAlias[k] = r
		}
	}
	for _, f := range recs {
		if f[2] != "" && !valid[f[2]] {
			return nil, fmt.Errorf("curated org %s: unknown country %q", f[0], f[2])
		}
		if ids[f[0]] {
			return nil, fmt.Errorf("curated org %s: duplicate id", f[0])
		}
		ids[f[0]] = true
		r := &row{kind: "org", id: f[0], name: f[1], country: f[2]}
		if len(f) > 3 {
			r.names = splitList(f[3])
		}
		out = append(out, r)
		register(r, r.name)
		for _, a := range r.names {
			register(r, strings.TrimPrefix(a, "~"))
		}
	}
	dir := filepath.Join(data, "orgs", "phoenix-petrarch2")
	var actors []actor
	for _, file := range []string{"Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt"} {
		as, err := readActors(filepath.Join(dir, file))
		if err != nil {
			return nil, err
		}
		mil := strings.Contains(file, "MilNonState")
		for _, a := range as {
			if mil || keepInternational(a) {
				actors = append(actors, a)
			}
		}
	}
	for _, a := range mergeByAcronym(actors) {
		name := phoenixName(a.name)
		if name == "" {
			continue
		}
		var aliases []string
		for _, x := range a.aliases {
			if n := phoenixName(x); n != "" {
				aliases = append(aliases, n)
			}
		}
		aliases = append(aliases, a.acronyms...)
		// A known organisation takes the Phoenix entry's aliases.
		var r *row
		for _, n := range append([]string{name}, aliases...) {
			if r = byAlias[normKey(n)]; r != nil {
				break
			}
		}
		if r == nil {
			id := slug(name)
			for n := 2; ids[id]; n++ {
				id = slug(name) + "-" + strconv.Itoa(n)
			}
			ids[id] = true
			r = &row{kind: "org", id: id, name: name, country: codeCountry(a.code, valid)}
			if weakAlias(name) {
				r.names = []string{"~" + name}
			}
			out = append(out, r)
			register(r, name)
		}
		have := map[string]bool{normKey(r.name): true}
		for _, n := range r.names {
			have[normKey(n)] = true
		}
		for _, n := range aliases {
			k := normKey(n)
			// An alias another organisation already holds stays with it:
			// the curated lists come first and are current.
			if have[k] || (byAlias[k] != nil && byAlias[k] != r) {
				continue
			}
			have[k] = true
			if weakAlias(n) {
				n = "~" + n
			}
			r.names = append(r.names, n)
			register(r, n)
		}
	}
	rows := make([]row, len(out))
	for i, r := range out {
		rows[i] = *r
	}
	return rows, nil
}

// weakAlias reports whether a name from the Phoenix lists is too weak to
// mark an organisation in text on its own, and so is link-only: one or two
// words ("GREECE" is an alias of a Greek group; "Popular Resistance" is a
// phrase as often as a name, and headlines capitalise phrases), or words
// without any that names an organisation (the lists file leaders' names as
// aliases of their groups).
func weakAlias(n string) bool {
	words := strings.FieldsFunc(strings.ToUpper(n), func(r rune) bool { return r == ' ' || r == '-' })
	if len(words) < 3 {
		return true
	}
	for _, w := range words {
		if orgWords[w] || groupWords[w] {
			return false
		}
	}
	return true
}

// groupWords name armed groups in the MilNonState list, beside orgWords.
var groupWords = wordSet(`ARMY BRIGADE BRIGADES BATTALION BATTALIONS CELLS CELL NUCLEI NUCLEUS
	FACTION FIGHTERS GUERRILLA GUERRILLAS COMMANDOS COMMANDO MILITIA MILITIAS JIHAD MUJAHIDEEN
	MUJAHIDIN LIBERATION REVOLUTIONARY RESISTANCE COMMAND SQUAD SQUADS TIGERS HAWKS
	LEGION ORGANIZATION ORGANISATION`)

// normKey is a case-, punctuation- and hyphen-insensitive form of a name.
func normKey(s string) string {
	s = strings.TrimPrefix(s, "~")
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '.' || r == '\'' || r == '\u2019':
		case r == ' ' || r == '-' || r == '_':
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// actor is one entry of a Phoenix/TABARI actor dictionary.
type actor struct {
	name     string
	aliases  []string
	acronyms []string
	code     string
}

// readActors parses a Phoenix actor file: an entry line (NAME_ [CODE]),
// optional +ALIAS lines, optional indented [CODE] lines; '#' starts a
// comment.
func readActors(path string) ([]actor, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []actor
	var cur *actor
	for _, line := range strings.Split(string(b), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		switch {
		case t[0] == '+':
			if cur == nil {
				continue
			}
			for _, a := range strings.Split(t, "+") {
				if a = strings.TrimSpace(a); a != "" {
					cur.aliases = append(cur.aliases, a)
				}
			}
		case t[0] == '[':
			if cur != nil && cur.code == "" {
				cur.code = bracketCode(t)
			}
		default:
			name := t
			code := ""
			if i := strings.IndexByte(t, '['); i >= 0 {
				name, code = strings.TrimSpace(t[:i]), bracketCode(t[i:])
			}
			if i := strings.IndexAny(name, " \t"); i >= 0 {
				name = name[:i]
			}
			out = append(out, actor{name: name, code: code})
			cur = &out[len(out)-1]
		}
	}
	// Entries without a code of their own inherit the next coded one's
	// (TABARI writes synonyms as consecutive entries).
	for i := len(out) - 2; i >= 0; i-- {
		if out[i].code == "" {
			out[i].code = out[i+1].code
		}
	}
	for i := range out {
		out[i].name, out[i].acronyms = splitAcronym(out[i].name)
		for j, a := range out[i].aliases {
			var acr []string
			out[i].aliases[j], acr = splitAcronym(a)
			out[i].acronyms = append(out[i].acronyms, acr...)
		}
	}
	return out, nil
}

func bracketCode(s string) string {
	s = strings.TrimPrefix(s, "[")
	if i := strings.IndexAny(s, "] "); i >= 0 {
		s = s[:i]
	}
	return s
}

// splitAcronym takes "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" apart into the name
// and its acronym.
func splitAcronym(s string) (string, []string) {
	i := strings.IndexByte(s, '(')
	if i < 0 {
		return s, nil
	}
	j := strings.IndexByte(s[i:], ')')
	if j < 0 {
		return s[:i], nil
	}
	acr := strings.Trim(s[i+1:i+j], "_ ")
	rest := s[:i] + s[i+j+1:]
	if acr == "" || strings.ContainsAny(acr, "_ ") {
		return rest, nil
	}
	return rest, []string{acr}
}

// Words that make an International-file entry an organisation, and words
// that make it a person or a post.
var orgWords, personWords = wordSet(`ORGANIZATION ORGANISATION UNION NATIONS COUNCIL FUND BANK
	AGENCY COMMISSION COMMITTEE COURT TRIBUNAL PROGRAMME PROGRAM OFFICE INSTITUTE FOUNDATION
	ASSOCIATION FEDERATION LEAGUE ALLIANCE MOVEMENT FRONT PARTY GROUP SOCIETY CENTER CENTRE
	NETWORK COALITION FORUM CONFERENCE ASSEMBLY SECRETARIAT AUTHORITY BOARD WATCH
	INTERNATIONAL TRUST CORPS CROSS CRESCENT MISSION FORCE FORCES COMMUNITY COOPERATION
	PARLIAMENT INITIATIVE CAMPAIGN SERVICE SERVICES RELIEF PARTNERSHIP BUREAU UNIVERSITY
	ACADEMY CONGRESS CHURCH PROJECT ORGANIZATIONS ORGANISATIONS AMNESTY`),
	wordSet(`SECRETARY PRESIDENT MINISTER CHIEF DIRECTOR SPOKESMAN SPOKESWOMAN SPOKESPERSON
	ENVOY AMBASSADOR OFFICIAL OFFICIALS PEACEKEEPER PEACEKEEPERS CHAIRMAN CHAIRWOMAN HEAD
	COMMANDER LORD BARON SIR DR JUDGE PROSECUTOR ADVISER ADVISOR REPRESENTATIVE COORDINATOR
	OBSERVER OBSERVERS WORKER WORKERS STAFF DELEGATE DELEGATION GENERAL CHIEFS INSPECTOR
	INSPECTORS MONITOR MONITORS EXPERT EXPERTS TROOPS SOLDIERS RAPPORTEUR`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// keepInternational keeps the intergovernmental and non-governmental
// organisations of Phoenix.International, not the people listed with them
// or the companies.
func keepInternational(a actor) bool {
	if !strings.HasPrefix(a.code, "IGO") && !strings.HasPrefix(a.code, "NGO") {
		return false
	}
	words := strings.FieldsFunc(strings.ToUpper(a.name), func(r rune) bool { return r == '_' || r == '-' })
	org := false
	for _, w := range words {
		if personWords[w] {
			return false
		}
		if orgWords[w] {
			org = true
		}
	}
	if org {
		return true
	}
	// A lone acronym: "IAEA_", "U.N._".
	return len(words) == 1 && len(strings.ReplaceAll(words[0], ".", "")) <= 6 && len(a.aliases) == 0 && isUpperWord(words[0])
}

// mergeByAcronym merges entries with the same code when one is the acronym
// of the other (INTERNATIONAL_ATOMIC_ENERGY_AGENCY_ and IAEA_): codes alone
// are shared by many bodies.
func mergeByAcronym(as []actor) []actor {
	var out []actor
	byCode := map[string][]int{}
	for _, a := range as {
		merged := false
		if w := strings.ReplaceAll(strings.Trim(a.name, "_"), ".", ""); isAcronymShape(w) {
			for _, i := range byCode[a.code] {
				if initials(out[i].name) == w {
					out[i].acronyms = append(out[i].acronyms, w)
					merged = true
					break
				}
			}
		} else {
			for _, i := range byCode[a.code] {
				if w := strings.ReplaceAll(strings.Trim(out[i].name, "_"), ".", ""); isAcronymShape(w) && initials(a.name) == w {
					// The acronym came first: the full name becomes the entry.
					acr := out[i].name
					out[i].name = a.name
					out[i].aliases = append(out[i].aliases, a.aliases...)
					out[i].acronyms = append(out[i].acronyms, strings.Trim(acr, "_"))
					merged = true
					break
				}
			}
		}
		if !merged {
			byCode[a.code] = append(byCode[a.code], len(out))
			out = append(out, a)
		}
	}
	return out
}

func isAcronymShape(w string) bool {
	return len(w) >= 2 && len(w) <= 6 && !strings.ContainsAny(w, "_ -") && isUpperWord(w)
}

// initials returns the capitals of the content words of a Phoenix name:
// INTERNATIONAL_ATOMIC_ENERGY_AGENCY_ -> IAEA.
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == ' ' }) {
		if particles[strings.ToLower(w)] || w == "THE" {
			continue
		}
		b.WriteByte(w[0])
	}
	return b.String()
}

// codeCountry returns the ISO 3166 alpha-3 country a CAMEO code names, if
// any: YEMREB -> YEM, NGOUSAENV -> USA.
func codeCountry(code string, valid map[string]bool) string {
	if len(code) >= 3 && valid[code[:3]] {
		return code[:3]
	}
	if len(code) >= 6 && (strings.HasPrefix(code, "NGO") || strings.HasPrefix(code, "IGO")) && valid[code[3:6]] {
		return code[3:6]
	}
	return ""
}

// particles stay lower-case in names and match any case.
var particles = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "at": true,
	"to": true, "de": true, "la": true, "el": true, "al": true, "du": true, "des": true,
	"del": true, "da": true, "di": true, "le": true, "les": true, "wal": true, "fi": true,
	"bin": true, "ibn": true, "ul": true, "ud": true, "e": true, "i": true, "y": true,
	"an": true, "ash": true, "as": true, "ad": true, "ar": true, "az": true, "by": true,
	"with": true, "against": true, "from": true, "et": true, "und": true, "der": true,
}

// phoenixName turns a Phoenix or CountryInfo phrase ("IRAQI_KURDISTAN_",
// "AL-INTIQAMI_AL-PAKISTANI_") into an English name ("Iraqi Kurdistan",
// "al-Intiqami al-Pakistani"): particles lower-case, words without vowels
// and short words in capitals (acronyms), others title-cased.
func phoenixName(s string) string {
	s = strings.Trim(strings.TrimSpace(s), "_")
	if u := strings.ToUpper(s); strings.HasPrefix(u, "THE_") || strings.HasPrefix(u, "THE ") {
		s = s[4:]
	}
	if s == "" {
		return ""
	}
	var words []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == ' ' }) {
		parts := strings.Split(w, "-")
		for i, p := range parts {
			parts[i] = caseWord(p, len(words) == 0 && i == 0)
		}
		words = append(words, strings.Join(parts, "-"))
	}
	name := strings.Join(words, " ")
	if !usableName(name) && !usableName(strings.ToUpper(name[:1])+name[1:]) {
		return ""
	}
	return name
}

func caseWord(w string, first bool) string {
	l := strings.ToLower(w)
	if l == "" {
		return ""
	}
	if particles[l] && !(first && l != "al" && l != "el" && l != "ad" && l != "as" && l != "ash" && l != "ar" && l != "az") {
		return l
	}
	letters := strings.ReplaceAll(w, ".", "")
	if strings.Contains(w, ".") || !strings.ContainsAny(strings.ToUpper(letters), "AEIOUY") || len(letters) == 2 {
		return strings.ToUpper(w)
	}
	r, n := utf8.DecodeRuneInString(l)
	return string(unicode.ToUpper(r)) + l[n:]
}
