// Package synth generates synthetic news articles for the story grouping
// benchmarks: events reported by several outlets in versions that copy,
// rewrite, shorten and extend each other, among many other events that
// share their people and places. It knows which story each article
// belongs to, so that grouping quality can be measured at any scale.
//
// The text is not English, but it has the statistics grouping depends on:
// function words at their usual rate, a Zipf-distributed vocabulary of
// pseudo-words, capitalised names drawn from pools where a few people and
// places are in the news every day, numbers and dates, sentences of
// realistic length and articles of 150 to 900 words.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck/document"
)

// Options shape the generated corpus. Zero values mean the defaults.
type Options struct {
	// Seed makes the corpus reproducible.
	Seed uint64
	// PerDay is how many articles are published each day (default 2,700,
	// about a million a year).
	PerDay int
	// Vocabulary is the number of distinct content words (default 60,000).
	Vocabulary int
	// People, Places and Orgs size the name pools (defaults 30,000,
	// 8,000 and 3,000).
	People, Places, Orgs int
	// MeanVersions is the mean number of versions of an event (default
	// 2.2; one in two events has a single version).
	MeanVersions float64
	// Start is the first publication day (default 2024-01-01).
	Start time.Time
}

func (o Options) withDefaults() Options {
	if o.PerDay <= 0 {
		o.PerDay = 2700
	}
	if o.Vocabulary <= 0 {
		o.Vocabulary = 60000
	}
	if o.People <= 0 {
		o.People = 30000
	}
	if o.Places <= 0 {
		o.Places = 8000
	}
	if o.Orgs <= 0 {
		o.Orgs = 3000
	}
	if o.MeanVersions <= 1 {
		o.MeanVersions = 2.2
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return o
}

// Article is one generated article and the story it truly belongs to.
type Article struct {
	Doc   *document.Document
	Story int
}

// Generator makes articles in order of publication. It is not safe for
// concurrent use.
type Generator struct {
	opts    Options
	rng     *rand.Rand
	vocab   []string
	people  []string
	places  []string
	orgs    []string
	outlets []string
	zWord   *rand.Zipf
	zPerson *rand.Zipf
	zPlace  *rand.Zipf
	zOrg    *rand.Zipf

	n       int      // articles made
	stories int      // events started
	pending []*event // versions still to publish, soonest first
	b       strings.Builder
}

// event is one happening that outlets report.
type event struct {
	id      int
	day     int
	names   []string
	topic   []string
	numbers []string
	base    [][]string // sentences of words
	left    int        // versions still to publish
	due     int        // article number at which the next version is due
}

// function words at roughly their rate in English news, most frequent
// first.
var function = strings.Fields(`the the the the of of of to to to and and in in a a that is for on said was with
he it as at by from his be has have are were an which not this but after had its they their who been will
would also more than about over into up one two there when some could while other before against during`)

var syllables = strings.Fields(`ka ro mel ti san ve lo ur pa ne di mo ra li to ba ser gon ar fi el qu om
ni zu be hal ter vin co pra du les ma ri on so tan ge mi ul va do pe sha ki ro zen bra tel`)

// New returns a Generator.
func New(opts Options) *Generator {
	o := opts.withDefaults()
	g := &Generator{opts: o, rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))}
	g.vocab = g.words(o.Vocabulary, 2, 4, false)
	g.people = make([]string, o.People)
	first := g.words(2000, 2, 3, true)
	last := g.words(8000, 2, 4, true)
	for i := range g.people {
		g.people[i] = first[g.rng.IntN(len(first))] + " " + last[g.rng.IntN(len(last))]
	}
	g.places = g.words(o.Places, 2, 4, true)
	g.orgs = g.words(o.Orgs, 2, 3, true)
	for i := range g.orgs {
		g.orgs[i] += " " + []string{"Council", "Ministry", "Union", "Group", "Agency", "Party"}[i%6]
	}
	g.outlets = g.words(400, 2, 3, true)
	for i := range g.outlets {
		g.outlets[i] = "The " + g.outlets[i] + " " + []string{"Times", "Post", "Herald", "Daily", "Wire", "News"}[i%6]
	}
	g.zWord = rand.NewZipf(g.rng, 1.07, 2, uint64(len(g.vocab)-1))
	g.zPerson = rand.NewZipf(g.rng, 1.1, 5, uint64(len(g.people)-1))
	g.zPlace = rand.NewZipf(g.rng, 1.1, 3, uint64(len(g.places)-1))
	g.zOrg = rand.NewZipf(g.rng, 1.1, 3, uint64(len(g.orgs)-1))
	return g
}

// words makes n distinct pseudo-words of lo to hi syllables.
func (g *Generator) words(n, lo, hi int, capital bool) []string {
	seen := make(map[string]bool, n)
	out := make([]string, 0, n)
	for len(out) < n {
		var b strings.Builder
		k := lo + g.rng.IntN(hi-lo+1)
		for range k {
			b.WriteString(syllables[g.rng.IntN(len(syllables))])
		}
		w := b.String()
		if seen[w] {
			continue
		}
		seen[w] = true
		if capital {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		out = append(out, w)
	}
	return out
}

// Stories returns the number of events started so far.
func (g *Generator) Stories() int { return g.stories }

// Next returns the next article.
func (g *Generator) Next() Article {
	day := g.n / g.opts.PerDay
	// Publish a pending version when one is due, else start an event.
	var e *event
	if len(g.pending) > 0 && g.pending[0].due <= g.n {
		e = g.pending[0]
		g.pending = g.pending[1:]
	} else {
		e = g.newEvent(day)
	}
	a := g.version(e, day)
	e.left--
	if e.left > 0 {
		// The next version comes within about two days.
		e.due = g.n + 1 + g.rng.IntN(2*g.opts.PerDay)
		g.schedule(e)
	}
	g.n++
	return a
}

// schedule inserts e into the pending queue by due time.
func (g *Generator) schedule(e *event) {
	i := len(g.pending)
	g.pending = append(g.pending, e)
	for i > 0 && g.pending[i-1].due > e.due {
		g.pending[i] = g.pending[i-1]
		i--
	}
	g.pending[i] = e
}

func (g *Generator) newEvent(day int) *event {
	e := &event{id: g.stories, day: day}
	g.stories++
	// Versions: 1 + geometric, so that half the events have one.
	p := 1 / g.opts.MeanVersions
	e.left = 1
	for e.left < 12 && g.rng.Float64() > p {
		e.left++
	}
	for range 1 + g.rng.IntN(3) {
		e.names = append(e.names, g.people[g.zPerson.Uint64()])
	}
	e.names = append(e.names, g.places[g.zPlace.Uint64()])
	if g.rng.IntN(2) == 0 {
		e.names = append(e.names, g.orgs[g.zOrg.Uint64()])
	}
	// Topic words: what happened, drawn from the middle of the
	// vocabulary, neither function-like nor unique.
	for range 8 + g.rng.IntN(8) {
		e.topic = append(e.topic, g.vocab[200+g.rng.IntN(len(g.vocab)-200)])
	}
	for range 2 + g.rng.IntN(3) {
		e.numbers = append(e.numbers, strconv.Itoa(2+g.rng.IntN(5000)))
	}
	n := 10 + g.rng.IntN(25)
	for range n {
		e.base = append(e.base, g.sentence(e))
	}
	return e
}

// sentence makes one sentence about e: function words, general
// vocabulary, the event's topic words, names and numbers.
func (g *Generator) sentence(e *event) []string {
	n := 12 + g.rng.IntN(17)
	s := make([]string, 0, n)
	for range n {
		r := g.rng.IntN(100)
		switch {
		case r < 45:
			s = append(s, function[g.rng.IntN(len(function))])
		case r < 75:
			s = append(s, g.vocab[g.zWord.Uint64()])
		case r < 88:
			s = append(s, e.topic[g.rng.IntN(len(e.topic))])
		case r < 96:
			s = append(s, e.names[g.rng.IntN(len(e.names))])
		case r < 98:
			s = append(s, e.numbers[g.rng.IntN(len(e.numbers))])
		default:
			// Someone else in the news, mentioned in passing.
			s = append(s, g.people[g.zPerson.Uint64()])
		}
	}
	return s
}

// version writes one outlet's version of e: a copy, a rewrite or a fresh
// account, published within days of the event.
func (g *Generator) version(e *event, day int) Article {
	copyRate := []float64{0.95, 0.6, 0.2, 0.0}[g.rng.IntN(4)] // wire copy .. own reporting
	keep := 0.6 + 0.4*g.rng.Float64()
	g.b.Reset()
	title := g.sentence(e)[:6+g.rng.IntN(5)]
	title[0] = e.names[0]
	g.b.WriteString(capitalise(strings.Join(title, " ")))
	head := g.b.Len()
	g.b.WriteString("\n\n")
	sents := 0
	for i, s := range e.base {
		if g.rng.Float64() > keep && i > 0 {
			continue
		}
		if g.rng.Float64() >= copyRate {
			s = g.rewrite(s)
		}
		if sents > 0 {
			if sents%3 == 0 {
				g.b.WriteString("\n\n")
			} else {
				g.b.WriteByte(' ')
			}
		}
		g.b.WriteString(capitalise(strings.Join(s, " ")))
		g.b.WriteByte('.')
		sents++
		if g.rng.IntN(6) == 0 {
			g.b.WriteByte(' ')
			g.b.WriteString(capitalise(strings.Join(g.sentence(e), " ")))
			g.b.WriteByte('.')
			sents++
		}
	}
	text := g.b.String()
	pub := g.opts.Start.AddDate(0, 0, day).Format(time.DateOnly)
	meta := document.Meta{
		Title:     text[:head],
		Outlet:    g.outlets[g.rng.IntN(len(g.outlets))],
		URL:       fmt.Sprintf("https://news.example/%d", g.n),
		Published: pub,
		Language:  "en",
	}
	d := document.New(text, meta)
	d.Headline = &document.Span{Start: 0, End: head}
	return Article{Doc: d, Story: e.id}
}

// rewrite paraphrases a sentence: about a third of its general words
// replaced, now and then a number changed (versions do disagree).
func (g *Generator) rewrite(s []string) []string {
	out := make([]string, len(s))
	copy(out, s)
	for i, w := range out {
		switch {
		case isNumber(w):
			if g.rng.IntN(20) == 0 {
				out[i] = strconv.Itoa(2 + g.rng.IntN(5000))
			}
		case w[0] >= 'A' && w[0] <= 'Z':
		case g.rng.IntN(3) == 0:
			out[i] = g.vocab[g.zWord.Uint64()]
		}
	}
	if len(out) > 4 && g.rng.IntN(2) == 0 {
		i := g.rng.IntN(len(out) - 1)
		out[i], out[i+1] = out[i+1], out[i]
	}
	return out
}

func isNumber(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
