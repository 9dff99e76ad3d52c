// Package gazetteer holds crosscheck's linking tables and finds their names
// in tokenised text: countries with ISO 3166-1 alpha-3 codes, their names,
// short names, demonyms and nouns for their people (Iraqi, Iraqis -> IRQ);
// cities and regions with the country they lie in (Mosul -> IRQ); and
// organisations with their aliases (IS, ISIS, ISIL, Daesh -> one entry).
//
// The tables are built from ../shared/data/gazetteers and small curated
// lists by the generator in ./gengazetteer (run `go generate` here), and
// embedded compressed. PROVENANCE.md beside them gives sources and
// licences: the country table is derived from ODbL data and stays ODbL.
//
// Lookup is a hash of normalised words: no regular expressions, no
// allocation per token. A name is found only when the text writes it the
// way names are written (capitalised words, acronyms in capitals), so
// "IS" can name the Islamic State while "is" never does.
package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"strconv"
	"strings"
)

//go:generate go run ./gengazetteer -data ../../../shared/data/gazetteers -curated curated -out data

//go:embed data/*.tsv.gz
var tableFS embed.FS

// tableFiles lists the embedded tables in load order. Entries keep this
// order, so a country is always looked at before a city of the same name.
var tableFiles = []string{"countries", "regions", "cities", "orgs"}

// Kind says what an entry is.
type Kind uint8

// Entry kinds.
const (
	Country Kind = iota + 1
	City
	Region
	Org
)

var kindNames = [...]string{Country: "country", City: "city", Region: "region", Org: "org"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

func parseKind(s string) (Kind, bool) {
	for k, n := range kindNames {
		if n != "" && n == s {
			return Kind(k), true
		}
	}
	return 0, false
}

// Entry is one country, city, region or organisation.
type Entry struct {
	Kind Kind
	// ID is the ISO 3166-1 alpha-3 code of a country, "geonames:N" for a
	// city, "region:ISO3:slug" for a region and a slug for an
	// organisation ("islamic-state").
	ID string
	// Name is the entry's usual English name.
	Name string
	// Country is the alpha-3 code of the country a city or region lies in
	// or an organisation is based in; "" for international bodies.
	Country string
	// Population is known for countries and cities; 0 otherwise.
	Population int
}

// Form says how a matched alias names its entry.
type Form uint8

// Alias forms.
const (
	// FormName is a name, short name or acronym: "Iraq", "ISIL".
	FormName Form = iota
	// FormAdjective is a country's demonym adjective: "Iraqi".
	FormAdjective
	// FormPeople is a noun for a country's people: "Iraqis", "Briton".
	FormPeople
)

// Flags qualify a matched alias.
type Flags uint8

const (
	// Acronym: the alias is an acronym and matches only in capitals
	// ("IS", "U.N.").
	Acronym Flags = 1 << iota
	// CommonWord: the alias, lower-cased, is a common English word ("IS",
	// "WHO", "US"). Callers should want context before trusting it.
	CommonWord
	// LinkOnly: the alias is good for linking a name a recogniser found,
	// but too weak to mark a name on its own (single words from large
	// third-party lists).
	LinkOnly
)

// Hit is one entry an alias names.
type Hit struct {
	// Entry indexes Gazetteer.Entry.
	Entry int32
	Form  Form
	Flags Flags
	// words is the number of normalised words in the alias; capMask has
	// bit k set when word k must be capitalised in the text.
	words   uint8
	capMask uint32
}

// Gazetteer is the loaded tables. It is read-only after Load and safe for
// concurrent use.
type Gazetteer struct {
	entries []Entry
	hits    []Hit
	// index maps the hash of a normalised alias to hits[off:off+n],
	// packed as off<<32|n. n == 0 marks a proper prefix of some alias, so
	// that a scan can stop as soon as no alias can start with the words
	// read so far.
	index     map[uint64]uint64
	byID      map[string]int32
	maxTokens int
}

// Load parses the embedded tables. It takes a few tens of milliseconds;
// load once and share the result.
func Load() (*Gazetteer, error) {
	g := &Gazetteer{byID: make(map[string]int32, 1<<14)}
	var b builder
	for _, name := range tableFiles {
		raw, err := tableFS.ReadFile("data/" + name + ".tsv.gz")
		if err != nil {
			return nil, fmt.Errorf("gazetteer: read table %s: %w", name, err)
		}
		if err := g.parse(raw, &b); err != nil {
			return nil, fmt.Errorf("gazetteer: table %s: %w", name, err)
		}
	}
	b.build(g)
	return g, nil
}

// Entry returns entry i, as a Hit refers to it.
func (g *Gazetteer) Entry(i int32) Entry { return g.entries[i] }

// Len returns the number of entries.
func (g *Gazetteer) Len() int { return len(g.entries) }

// ByID returns the entry with the given ID ("IRQ", "islamic-state").
func (g *Gazetteer) ByID(id string) (Entry, bool) {
	i, ok := g.byID[id]
	if !ok {
		return Entry{}, false
	}
	return g.entries[i], true
}

// parse reads one table. Each line is
//
//	kind  id  name  country  population  names  adjectives  people
//
// with lists separated by "|". A name starting with "~" is LinkOnly.
func (g *Gazetteer) parse(raw []byte, b *builder) error {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	var f [8]string
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		n := splitTabs(s, f[:])
		if n != len(f) {
			return fmt.Errorf("line %d: %d fields, want %d", line, n, len(f))
		}
		kind, ok := parseKind(f[0])
		if !ok {
			return fmt.Errorf("line %d: unknown kind %q", line, f[0])
		}
		e := Entry{Kind: kind, ID: f[1], Name: f[2], Country: f[3]}
		if f[4] != "" {
			if e.Population, err = strconv.Atoi(f[4]); err != nil {
				return fmt.Errorf("line %d: population: %w", line, err)
			}
		}
		if e.ID == "" || e.Name == "" {
			return fmt.Errorf("line %d: empty id or name", line)
		}
		if _, dup := g.byID[e.ID]; dup {
			return fmt.Errorf("line %d: duplicate id %q", line, e.ID)
		}
		idx := int32(len(g.entries))
		g.entries = append(g.entries, e)
		g.byID[e.ID] = idx
		// A name listed as link-only ("~Name") is not added strong.
		if !strings.Contains("|"+f[5]+"|", "|~"+e.Name+"|") {
			b.add(idx, e.Name, FormName)
		}
		for _, group := range [...]struct {
			list string
			form Form
		}{{f[5], FormName}, {f[6], FormAdjective}, {f[7], FormPeople}} {
			for list := group.list; list != ""; {
				var a string
				a, list, _ = strings.Cut(list, "|")
				b.add(idx, a, group.form)
			}
		}
	}
	return sc.Err()
}

// splitTabs splits s at tabs into f without allocating and returns the
// number of fields found (which may exceed len(f)).
func splitTabs(s string, f []string) int {
	n := 0
	for {
		i := strings.IndexByte(s, '\t')
		if n < len(f) {
			if i < 0 {
				f[n] = s
			} else {
				f[n] = s[:i]
			}
		}
		n++
		if i < 0 {
			return n
		}
		s = s[i+1:]
	}
}

// builder collects aliases before the index is laid out.
type builder struct {
	items []item
	// prefixes holds the hashes of the proper prefixes of every alias.
	prefixes []uint64
}

type item struct {
	key uint64
	hit Hit
}

// add registers alias a of entry idx.
func (b *builder) add(idx int32, a string, form Form) {
	var flags Flags
	if strings.HasPrefix(a, "~") {
		a = a[1:]
		flags |= LinkOnly
	}
	if a == "" {
		return
	}
	var h hasher
	nprefix := len(b.prefixes)
	var mask uint32
	words := 0
	upper, letters := 0, 0
	wordStart := true
	for i := 0; i < len(a); {
		r, size := decodeRune(a, i)
		switch c := classify(r); c {
		case charSkip:
		case charSep:
			if h.started && !h.pendingSep {
				b.prefixes = append(b.prefixes, h.sum)
			}
			h.sep()
			wordStart = true
		default:
			if wordStart {
				if words < 32 && isUpperRune(r) {
					mask |= 1 << words
				}
				words++
				wordStart = false
			}
			if isLetterRune(r) {
				letters++
				if isUpperRune(r) {
					upper++
				}
			}
			h.rune(r)
		}
		i += size
	}
	if words == 0 || words > 255 {
		b.prefixes = b.prefixes[:nprefix]
		return
	}
	if words == 1 && letters >= 2 && letters <= 5 && upper == letters {
		flags |= Acronym
	}
	if words == 1 && commonWords[strings.ToLower(strings.Map(dropDots, a))] {
		flags |= CommonWord
	}
	b.items = append(b.items, item{
		key: h.sum,
		hit: Hit{Entry: idx, Form: form, Flags: flags, words: uint8(words), capMask: mask},
	})
}

func dropDots(r rune) rune {
	if r == '.' {
		return -1
	}
	return r
}

// build lays the aliases out in g.hits, grouped by key, in entry order
// within a key. Counting per key in the index map and then filling (no
// sort) keeps Load fast.
func (b *builder) build(g *Gazetteer) {
	g.index = make(map[uint64]uint64, len(b.items)+len(b.prefixes)/2)
	for _, it := range b.items {
		g.index[it.key]++
	}
	off := uint64(0)
	for k, n := range g.index {
		g.index[k] = off << 32
		off += n
	}
	g.hits = make([]Hit, off)
	for _, it := range b.items {
		v := g.index[it.key]
		o, n := v>>32, v&0xffffffff
		h := it.hit
		// The same alias twice for one entry and form ("ISIS" and "Isis"):
		// the looser spelling wins, so that "Isis" lets "ISIS" match too.
		dup := false
		for k := o; k < o+n; k++ {
			if last := &g.hits[k]; last.Entry == h.Entry && last.Form == h.Form {
				both := last.Flags & h.Flags
				last.Flags = both&(Acronym|LinkOnly) | (last.Flags|h.Flags)&CommonWord
				last.capMask &= h.capMask
				dup = true
				break
			}
		}
		if !dup {
			g.hits[o+n] = h
			g.index[it.key] = o<<32 | (n + 1)
		}
	}
	for _, p := range b.prefixes {
		if _, ok := g.index[p]; !ok {
			g.index[p] = 0
		}
	}
	// maxTokens bounds a scan: no alias has more words than this, and a
	// token holds at least one word.
	for _, h := range g.hits {
		if int(h.words) > g.maxTokens {
			g.maxTokens = int(h.words)
		}
	}
	// The builder's maps are garbage now.
	b.items, b.prefixes = nil, nil
}

// commonWords are English words that acronyms in the tables spell ("IS",
// "WHO", "US", "AU"): a match on one of them needs context. Written by
// hand: short words only, since long acronyms rarely collide.
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a am an as at be by do go he hi if in is it me my
		no of oh ok on or so to up us we ye
		act add age ago aid aim air all and any are arm art ask bad ban bar bat bay
		bed bet bid big bit box boy bus but buy can cap car cat cut day did die dig
		dog due ear eat end era eve eye far fat few fit fly for fun gap gas get god
		got gun guy had has hat her hid him hip his hit hot how ice ill its jet job
		joy key kid lab law lay led leg let lie lot low mad man map may men met mix
		mob mom new nor not now nut odd off oil old one our out owe own pad pan pay
		pen per pet pie pin pit pop pot put ran raw red rid rob rod row run sad saw
		say sea see set she shy sir sit six sky son spy sue sum sun tax tea ten the
		tie tip toe too top toy try two use van via war was way web wet who why win
		won yes yet you
		also area army back bank base bear beat best body bold bomb both call came
		camp care case cash cell city club code cold come cost crew cuts data dawn
		deal dear deep does done door down draw drop duty each east easy edge else
		even ever exit face fact fail fair fall farm fast fear feel fell felt file
		fill film find fine fire firm five flag flow food foot form four free from
		fuel full fund gain game gate gave give glad goal goes gold gone good grew
		grow half hall hand hard harm have head hear heat held help here hero hide
		high hill hire hold hole home hope host hour huge idea into iron item join
		jump just keep kept kill kind king knew know lack laid lake land last late
		lead left less life lift like line link list live load loan lock long look
		lord lose loss lost love made mail main make male many mark mass mean meet
		mind mine miss mode more most move much must name navy near need news next
		nice nine none note once only open over pace pact page paid pain part pass
		past path peak plan play plot poll pool poor port post pull push race rain
		rank rate read real rely rest rice rich ride ring rise risk road rock role
		rule safe said sale same save seat seek seem seen sell send sent ship shop
		shot show shut side sign site size slow snow soft sold sole some song soon
		sort spot star stay step stop such sure take talk tall task team tell tend
		term test than that them then they this thus time told took tour town tree
		trip true turn type unit upon used user vast very view vote wage wait walk
		wall want warm wave ways weak wear week well went were west what when whom
		wide wife will wind wine wise wish with word wore work yard year your zone
		about above after again agree ahead alarm alert alive allow alone along
		among angry apply arise aside avoid award aware basic begin being below
		birth black blame blast blind block blood board brain bread break brief
		bring broad brown build built buyer cable carry catch cause chain chair
		chart cheap check chief child claim class clean clear climb clock close
		coach coast count court cover crime cross crowd dance death delay depth
		doubt draft drama dream dress drink drive early earth eight elite empty
		enemy enjoy enter entry equal error event every exact exist extra faith
		false fault field fifth fight final first floor focus force frame fresh
		front fruit funds giant given glass grand grant grass great green gross
		group guard guess guest guide happy heart heavy horse hotel house human
		ideal image index inner input issue joint judge known label labor large
		later laugh layer learn lease least leave legal level light limit local
		logic loose lower lucky lunch major maker march match mayor media metal
		might minor model money month moral motor mount mouth music naval never
		night noise north novel nurse occur ocean offer often order other owner
		paint panel paper party peace phase phone photo piece pilot pitch place
		plain plane plant plate point pound power press price pride prime print
		prior prize proof proud prove queen quick quiet quite radio raise range
		rapid ratio reach ready refer relax reply right rival river rough round
		route royal rural scale scene scope score sense serve seven shall shape
		share sharp sheet shelf shell shift shirt shock shoot short sight since
		skill sleep slide small smart smile smoke solid solve sorry sound south
		space spare speak speed spend spent sport staff stage stake stand start
		state steam steel stick still stock stone store storm story strip stuck
		study stuff style sugar suite super sweet table taken taste teach terms
		thank theme there these thick thing think third those three throw tight
		title today topic total touch tough tower track trade train treat trend
		trial trust truth twice under union unity until upper upset urban usage
		usual valid value video virus visit vital voice waste watch water wheel
		where which while white whole whose woman women world worry worth would
		wound write wrong young youth`) {
		m[w] = true
	}
	return m
}()
