// Package worthy scores how worth checking a sentence is: a logistic
// regression over word, bigram, word-shape, number and name features,
// trained on the ClaimBuster sentences (see PROVENANCE.md) and embedded.
//
// It is written by hand because the model is small and the features are
// ours: a general ML library would add a dependency for twenty lines of
// arithmetic, and could not embed its weights as plainly.
package worthy

import (
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/claim/internal/lex"
)

// emitter receives one feature: its kind and up to two parts. The
// inference path only hashes them; training also keeps the names.
type emitter interface {
	emit(kind, a, b string)
}

// normWord maps a word to the form features use: numbers by shape, so
// that "1995" and "2003" share a feature.
func normWord(w lex.Word) string {
	if w.IsNumber() {
		l := w.Lower
		switch {
		case len(l) == 4 && (strings.HasPrefix(l, "19") || strings.HasPrefix(l, "20")):
			return "<year>"
		case strings.Contains(l, "."):
			return "<dec>"
		case len(l) > 3:
			return "<bignum>"
		}
		return "<num>"
	}
	return w.Lower
}

var pronounClass = map[string]string{
	"i": "p1", "me": "p1", "my": "p1", "we": "p1", "us": "p1", "our": "p1",
	"you": "p2", "your": "p2",
	"he": "p3", "she": "p3", "they": "p3", "him": "p3", "her": "p3", "them": "p3", "his": "p3", "their": "p3",
}

var modal = map[string]bool{
	"will": true, "would": true, "should": true, "could": true, "must": true,
	"can": true, "might": true, "may": true, "shall": true, "'ll": true, "'d": true,
}

var scaleWords = map[string]bool{
	"percent": true, "%": true, "million": true, "billion": true, "trillion": true,
	"thousand": true, "hundred": true, "dollars": true, "$": true, "times": true,
	"half": true, "third": true, "quarter": true, "twice": true, "double": true,
}

// features emits the features of one sentence.
func features(words []lex.Word, e emitter) {
	e.emit("bias", "", "")
	n := 0
	caps, nums, scales := 0, 0, 0
	prev := "<s>"
	for i, w := range words {
		if w.IsPunct() && w.Lower != "%" && w.Lower != "$" {
			if w.Lower == "?" {
				e.emit("q", "", "")
			}
			continue
		}
		n++
		nw := normWord(w)
		e.emit("w", nw, "")
		e.emit("b", prev, nw)
		if i == 0 || prev == "<s>" {
			e.emit("first", nw, "")
		}
		prev = nw
		if len(nw) > 5 && !w.IsNumber() {
			e.emit("s3", nw[len(nw)-3:], "")
		}
		if c, ok := pronounClass[w.Lower]; ok {
			e.emit("pron", c, "")
		}
		if modal[w.Lower] {
			e.emit("modal", "", "")
		}
		if w.IsNumber() {
			nums++
		} else if w.IsNum && w.Lower != "one" {
			nums++
		}
		if scaleWords[w.Lower] {
			scales++
		}
		if i > 0 && w.IsCapitalised() && w.Lower != "i" {
			caps++
		}
	}
	e.emit("b", prev, "</s>")
	e.emit("len", bucket(n, 5, 10, 20, 35), "")
	e.emit("caps", bucket(caps, 1, 2, 4), "")
	e.emit("nums", bucket(nums, 1, 2, 3), "")
	if scales > 0 {
		e.emit("scale", "", "")
		if nums > 0 {
			e.emit("scale+num", "", "")
		}
	}
}

// bucket names the range of n among ascending bounds.
func bucket(n int, bounds ...int) string {
	for _, b := range bounds {
		if n < b {
			return "<" + strconv.Itoa(b)
		}
	}
	return ">=" + strconv.Itoa(bounds[len(bounds)-1])
}

// FNV-1a, inlined so that hashing a feature allocates nothing.
const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}

// featureHash is the key a feature's weight is stored under.
func featureHash(kind, a, b string) uint64 {
	h := hashString(offset64, kind)
	h = hashString(h^0xff, a)
	return hashString(h^0xfe, b)
}
