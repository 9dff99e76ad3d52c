package extract

import (
	"hash/fnv"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// The readability fallback. go-trafilatura is the better extractor on
// most pages, but it has two failure modes that a second opinion catches:
// it stops half-way through an article that an ad or a widget splits in
// two, and when its own selection comes out too short it falls back to one
// run of page text with no paragraph breaks. readeck's go-readability (a
// port of Mozilla's Readability.js) scores articles differently and
// usually gets those pages right.
//
// Running it on every page would cost about as much again as go-trafilatura,
// so it runs only when cheap signs say the first result is suspect, and its
// result is taken only when it holds what go-trafilatura found and more of
// it (or the same text with its paragraphs). Listing pages, where
// readability gathers teasers of many posts, are refused.

// Thresholds of the fallback, in words and as ratios.
const (
	// fallbackShort is a body short enough that a second opinion is cheap
	// and often better.
	fallbackShort = 150
	// blobWords is the length from which a body with a single paragraph
	// is taken for go-trafilatura's unstructured rescue.
	blobWords = 200
	// missingRatio: when the page's <p> text is this many times the body,
	// part of the article may be missing.
	missingRatio = 2.0
	// moreRatio is how much longer readability's body must be to replace
	// a complete-looking one.
	moreRatio = 1.5
	// containMin is the share of the first body's word 4-grams that the
	// replacement must hold.
	containMin = 0.9
)

// candidate is an alternative extraction.
type candidate struct {
	title, standfirst string
	blocks            []block
}

// readabilityFallback returns readability's extraction of the page when
// it should replace a's blocks, or nil.
func readabilityFallback(root *html.Node, u *url.URL, a *article, h head, description string, cfg config) *candidate {
	if cfg.noFallback {
		return nil
	}
	body := bodyText(a.blocks)
	words := wordCount(body)
	paras := 0
	for _, b := range a.blocks {
		if b.kind == "" {
			paras++
		}
	}
	blob := paras == 1 && words >= blobWords
	suspect := words < fallbackShort || blob || float64(h.pText) > missingRatio*float64(len(body))
	if !suspect {
		return nil
	}
	// go-trafilatura worked on clones, so root is ours to change.
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(root, u)
	if err != nil || art.Node == nil {
		return nil
	}
	title := cleanLine(art.Title())
	if a.title != "" {
		title = a.title
	}
	ld, blocks := blocksOf(render(art.Node, false), title, description, h.links, cfg)
	c := &candidate{title: title, standfirst: ld.standfirst, blocks: blocks}
	if c.title == "" {
		c.title = ld.headline
	}
	if !better(a.blocks, c.blocks, blob) {
		return nil
	}
	return c
}

// better reports whether alt should replace first: it holds what first
// found and more of the article, or the same text with the paragraphs
// first lost (blob), and it is not a listing of teasers.
func better(first, alt []block, blob bool) bool {
	body, altBody := bodyText(first), bodyText(alt)
	words, altWords := wordCount(body), wordCount(altBody)
	if altWords == 0 || listing(alt) {
		return false
	}
	if words == 0 {
		return true
	}
	contain := containment(body, altBody)
	switch {
	case blob && altWords*10 >= words*7 && altWords*10 <= words*14 && contain >= 0.8:
		return true
	case float64(altWords) >= moreRatio*float64(words) && contain >= containMin:
		return true
	}
	return false
}

// listing reports whether blocks look like a list of post teasers rather
// than one article: the same line (a share bar, a "read more") repeated,
// or several paragraphs cut off with an ellipsis.
func listing(bs []block) bool {
	seen := map[string]int{}
	cut := 0
	for _, b := range bs {
		t := strings.TrimSpace(b.text)
		if wordCount(t) <= 12 {
			seen[strings.ToLower(t)]++
			if seen[strings.ToLower(t)] >= 3 {
				return true
			}
		}
		if b.kind == "" && (strings.HasSuffix(t, "…") || strings.HasSuffix(t, "...") || strings.HasSuffix(t, "[…]")) {
			cut++
		}
	}
	return cut >= 3
}

// containment returns the share of a's word 4-grams that also occur in b.
func containment(a, b string) float64 {
	ga, gb := grams(a), grams(b)
	if len(ga) == 0 {
		return 1
	}
	in := 0
	for g, n := range ga {
		in += min(n, gb[g])
	}
	total := 0
	for _, n := range ga {
		total += n
	}
	return float64(in) / float64(total)
}

// grams counts the hashed 4-grams of lower-cased words in s.
func grams(s string) map[uint64]int {
	ws := wordsOf(strings.ToLower(s))
	out := make(map[uint64]int, len(ws))
	h := fnv.New64a()
	for i := 0; i+4 <= len(ws); i++ {
		h.Reset()
		for _, w := range ws[i : i+4] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		out[h.Sum64()]++
	}
	return out
}
