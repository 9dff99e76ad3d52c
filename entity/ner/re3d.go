package ner

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// re3d is annotated with character offsets and 13 types of its own, with
// conventions that differ from CoNLL-2003 (titles inside person names,
// descriptions such as "rebels" as organisations). ReadRe3d maps it onto
// the CoNLL types as follows, and the mapping is part of what the re3d
// score measures:
//
//   - Person → PER, Organisation → ORG, Location → LOC, Nationality → MISC;
//     Weapon, MilitaryPlatform, Vehicle and DocumentReference → MISC when
//     they are names; Temporal, Quantity, Money, Frequency and
//     CommsIdentifier are dropped.
//   - A mention that is a name, once leading determiners and (for
//     persons) titles are cut, keeps its type: "the Free Syrian Army" →
//     ORG "Free Syrian Army". A mention that is a description keeps only
//     the names inside it, the capitalised runs, split at titles:
//     "ISIL terrorists" → ORG "ISIL"; "Iraqi Prime Minister Haider
//     al-Abadi" → MISC "Iraqi", PER "Haider al-Abadi". A run inside a
//     description is typed LOC when it is a country or city name, MISC
//     when it is a nationality (from the gazetteers, when given), else
//     ORG, or PER when it is the last run of a person mention.
//   - Only entities with confidence ≥ 0.5 are kept; where they overlap,
//     the longest wins.
//
// Held out: within each source folder, documents sorted by id, every fifth
// starting with the third (index 2, 7, 12, ...). Training never sees them;
// they give the re3d domain score.

// Re3dHeldOut reports whether the i-th document (0-based, by id) of a
// source folder belongs to the held-out part.
func Re3dHeldOut(i int) bool { return i%5 == 2 }

// ReadRe3d reads the re3d corpus in dir (../shared/data/ner/re3d) and
// returns the training part and the held-out part. gaz (from
// BuildGazetteers, may be nil) types the names found inside descriptions.
func ReadRe3d(dir string, gaz map[string][][]string) (train, heldOut []Document, err error) {
	ty := newRunTyper(gaz)
	sources, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read re3d: %w", err)
	}
	for _, src := range sources {
		if !src.IsDir() {
			continue
		}
		docs, err := readRe3dSource(filepath.Join(dir, src.Name()), ty)
		if err != nil {
			return nil, nil, fmt.Errorf("read re3d: %w", err)
		}
		for i, d := range docs {
			if Re3dHeldOut(i) {
				heldOut = append(heldOut, d)
			} else {
				train = append(train, d)
			}
		}
	}
	return train, heldOut, nil
}

type re3dDoc struct {
	ID    string `json:"_id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

type re3dEntity struct {
	DocumentID string  `json:"documentId"`
	Begin      int     `json:"begin"`
	End        int     `json:"end"`
	Type       string  `json:"type"`
	Confidence float64 `json:"confidence"`
}

// readJSONLines decodes one JSON object per line of path into fn.
func readJSONLines[T any](path string, fn func(T)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return fmt.Errorf("%s line %d: %w", path, line, err)
		}
		fn(v)
	}
	return sc.Err()
}

func readRe3dSource(dir string, ty *runTyper) ([]Document, error) {
	var docs []re3dDoc
	if err := readJSONLines(filepath.Join(dir, "documents.json"), func(d re3dDoc) { docs = append(docs, d) }); err != nil {
		return nil, err
	}
	ents := map[string][]re3dEntity{}
	if err := readJSONLines(filepath.Join(dir, "entities.json"), func(e re3dEntity) {
		if e.Confidence >= 0.5 {
			ents[e.DocumentID] = append(ents[e.DocumentID], e)
		}
	}); err != nil {
		return nil, err
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	out := make([]Document, 0, len(docs))
	for _, d := range docs {
		out = append(out, re3dDocument(filepath.Base(dir)+"/"+d.ID, d.Text, ents[d.ID], ty))
	}
	return out, nil
}

// re3dTypes maps re3d types to CoNLL types; "" drops the type.
var re3dTypes = map[string]string{
	"Person": "PER", "Organisation": "ORG", "Location": "LOC", "Nationality": "MISC",
	"Weapon": "MISC", "MilitaryPlatform": "MISC", "Vehicle": "MISC", "DocumentReference": "MISC",
}

// re3dDocument tokenises a document, splits it into sentences and maps its
// entities onto token spans.
func re3dDocument(id, text string, ents []re3dEntity, ty *runTyper) Document {
	toks := tokenize(text)
	// Character (code point) offsets to byte offsets.
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	// Token index by byte offset of its start and end.
	startTok := map[int]int{}
	endTok := map[int]int{}
	for i, t := range toks {
		startTok[t[0]] = i
		endTok[t[1]] = i
	}
	type span struct{ start, end, typ int } // token indices, end exclusive
	var spans []span
	for _, e := range ents {
		typ := re3dTypes[e.Type]
		if typ == "" || e.Begin < 0 || e.End > len(byteAt)-1 || e.Begin >= e.End {
			continue
		}
		b, en := byteAt[e.Begin], byteAt[e.End]
		// Snap to tokens: the first token starting at or after b, the last
		// ending at or before en.
		s, ok1 := startTok[b]
		l, ok2 := endTok[en]
		if !ok1 || !ok2 {
			s, l = -1, -1
			for i, t := range toks {
				if t[0] >= b && s < 0 {
					s = i
				}
				if t[1] <= en {
					l = i
				}
			}
			if s < 0 || l < s {
				continue
			}
		}
		words := make([]string, 0, l-s+1)
		for i := s; i <= l; i++ {
			words = append(words, text[toks[i][0]:toks[i][1]])
		}
		for _, n := range namesIn(words, typ, ty) {
			spans = append(spans, span{s + n.Start, s + n.End, typeIndex(n.Type)})
		}
	}
	// Longest first; drop any span that overlaps one already kept.
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].end-spans[i].start > spans[j].end-spans[j].start })
	taken := make([]bool, len(toks))
	labels := make([]string, len(toks))
	for i := range labels {
		labels[i] = "O"
	}
	for _, sp := range spans {
		free := true
		for i := sp.start; i < sp.end; i++ {
			free = free && !taken[i]
		}
		if !free {
			continue
		}
		for i := sp.start; i < sp.end; i++ {
			taken[i] = true
			if i == sp.start {
				labels[i] = "B-" + Types[sp.typ]
			} else {
				labels[i] = "I-" + Types[sp.typ]
			}
		}
	}
	doc := Document{ID: "re3d/" + id}
	var cur Sentence
	for i, t := range toks {
		w := text[t[0]:t[1]]
		if len(cur.Words) > 0 && strings.Contains(text[toks[i-1][1]:t[0]], "\n") {
			doc.Sentences = append(doc.Sentences, cur)
			cur = Sentence{}
		}
		if len(cur.Words) > 0 && labels[i] != "O" && labels[i][0] == 'I' {
			// never split inside an entity
		} else if len(cur.Words) > 0 && endsSentence(cur.Words[len(cur.Words)-1], w) {
			doc.Sentences = append(doc.Sentences, cur)
			cur = Sentence{}
		}
		cur.Words = append(cur.Words, w)
		cur.Tags = append(cur.Tags, labels[i])
	}
	if len(cur.Words) > 0 {
		doc.Sentences = append(doc.Sentences, cur)
	}
	return doc
}

// endsSentence reports whether a sentence ends between prev and next.
func endsSentence(prev, next string) bool {
	if prev != "." && prev != "!" && prev != "?" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“'‘(", r)
}

// titles are cut from the front of re3d mentions: CoNLL-2003 leaves them
// out of names.
var titles = map[string]bool{
	"president": true, "mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true,
	"dr": true, "dr.": true, "secretary": true, "general": true, "gen": true, "gen.": true,
	"minister": true, "prime": true, "foreign": true, "defence": true, "defense": true, "sheikh": true,
	"king": true, "prince": true, "queen": true, "ambassador": true, "lt": true, "lt.": true,
	"col": true, "col.": true, "colonel": true, "major": true, "maj.": true, "captain": true, "capt.": true,
	"commander": true, "chief": true, "deputy": true, "vice": true, "senator": true, "sen.": true,
	"governor": true, "gov.": true, "pope": true, "emir": true, "sultan": true, "special": true,
	"envoy": true, "representative": true, "high": true, "commissioner": true, "director": true,
	"spokesman": true, "spokesperson": true, "chairman": true, "head": true, "leader": true,
	"lieutenant": true, "sgt.": true, "sergeant": true, "admiral": true, "adm.": true, "state": true,
	"u.s.": false, "army": true, "marine": true, "staff": true, "brig.": true, "brigadier": true,
	"first": true, "sir": true, "lord": true, "baroness": true, "rt": true,
	"hon": true, "rt.": true, "hon.": true, "dame": true,
}

// particles may stand between the capitalised words of a name.
var particles = map[string]bool{
	"al": true, "al-": true, "bin": true, "bint": true, "ibn": true, "abu": true, "el": true,
	"de": true, "del": true, "der": true, "di": true, "da": true, "du": true, "la": true, "le": true,
	"van": true, "von": true, "of": true, "and": true, "for": true, "the": true, "&": true,
	"on": true, "in": true, "-": true, "'s": true, "y": true,
}

// namesIn returns the names in a mention of type typ, as spans over its
// words: the whole mention when it is a name, else the capitalised runs
// inside it (see ReadRe3d).
func namesIn(words []string, typ string, ty *runTyper) []Span {
	person := typ == "PER"
	from, to := 0, len(words)
	for from < to {
		lw := strings.ToLower(words[from])
		if lw == "the" || lw == "a" || lw == "an" || person && titles[lw] {
			from++
			continue
		}
		break
	}
	for to > from && (words[to-1] == "'s" || words[to-1] == "’s" || isTrailPunct([]rune(words[to-1])[0])) {
		to--
	}
	if from >= to || to-from == 1 && pronouns[strings.ToLower(words[from])] {
		return nil
	}
	if isName(words[from:to]) && !(person && containsTitle(words[from:to])) {
		return []Span{{Start: from, End: to, Type: typ}}
	}
	// A description: the capitalised runs, split at titles.
	var runs []Span
	start := -1
	for i := from; i <= to; i++ {
		capital := false
		if i < to {
			capital = (capWord(words[i]) || start >= 0 && startsWithDigit(words[i])) && !titles[strings.ToLower(words[i])] && !pronouns[strings.ToLower(words[i])]
			if !capital && start >= 0 && particles[strings.ToLower(words[i])] && i+1 < to {
				r2, _ := utf8.DecodeRuneInString(words[i+1])
				capital = unicode.IsUpper(r2) && words[i] != "'s" && strings.ToLower(words[i]) != "of"
			}
		}
		if capital && start < 0 {
			start = i
		}
		if !capital && start >= 0 {
			runs = append(runs, Span{Start: start, End: i})
			start = -1
		}
	}
	for k := range runs {
		t := ty.typeOf(words[runs[k].Start:runs[k].End])
		switch {
		case t != "":
		case person && k == len(runs)-1 && runs[k].End == to && !affiliation(words, runs[k].Start):
			t = "PER"
		case person:
			t = "ORG"
		default:
			t = typ
		}
		runs[k].Type = t
	}
	return runs
}

// capWord reports whether w is capitalised, counting "al-Abadi" and
// "bin-Laden" as capitalised.
func capWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	if i := strings.IndexByte(w, '-'); i > 0 && i+1 < len(w) && particles[strings.ToLower(w[:i])] {
		r, _ := utf8.DecodeRuneInString(w[i+1:])
		return unicode.IsUpper(r)
	}
	return false
}

func startsWithDigit(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// affiliation reports whether the word before position i links a title to
// the body it belongs to ("commander of", "minister for").
func affiliation(words []string, i int) bool {
	if i == 0 {
		return false
	}
	switch strings.ToLower(words[i-1]) {
	case "of", "for", "at", "'s", "’s":
		return true
	}
	return false
}

// isName reports whether words are capitalised words, with name particles
// between them, ending in a capitalised word or a number.
func isName(words []string) bool {
	if first, _ := utf8.DecodeRuneInString(words[0]); !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) || particles[strings.ToLower(w)] || strings.HasPrefix(strings.ToLower(w), "al-") {
			continue
		}
		return false
	}
	last, _ := utf8.DecodeRuneInString(words[len(words)-1])
	return unicode.IsUpper(last) || unicode.IsDigit(last)
}

func containsTitle(words []string) bool {
	for _, w := range words {
		if titles[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// runTyper types a name found inside a description from the gazetteers:
// LOC for countries and cities, MISC for nationalities.
type runTyper struct {
	types map[string]string
}

func newRunTyper(gaz map[string][][]string) *runTyper {
	t := &runTyper{types: map[string]string{}}
	for cat, typ := range map[string]string{GazCountry: "LOC", GazCityBig: "LOC", GazDemonym: "MISC"} {
		for _, p := range gaz[cat] {
			t.types[strings.ToLower(strings.Join(p, " "))] = typ
		}
	}
	return t
}

func (t *runTyper) typeOf(words []string) string {
	if t == nil {
		return ""
	}
	return t.types[strings.ToLower(strings.Join(words, " "))]
}

var pronouns = map[string]bool{
	"i": true, "we": true, "us": true, "you": true, "he": true, "she": true, "it": true, "they": true,
	"them": true, "him": true, "her": true, "our": true, "their": true, "its": true, "his": true,
}
