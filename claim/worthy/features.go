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

// Word classes, in one table so that each word costs one lookup.
const (
	classP1 = 1 + iota
	classP2
	classP3
	classModal
	classScale
)

var wordClass = func() map[string]uint8 {
	m := map[string]uint8{}
	for _, w := range []string{"i", "me", "my", "we", "us", "our"} {
		m[w] = classP1
	}
	for _, w := range []string{"you", "your"} {
		m[w] = classP2
	}
	for _, w := range []string{"he", "she", "they", "him", "her", "them", "his", "their"} {
		m[w] = classP3
	}
	for _, w := range []string{"will", "would", "should", "could", "must", "can", "might", "may", "shall", "'ll", "'d"} {
		m[w] = classModal
	}
	for _, w := range []string{"percent", "%", "million", "billion", "trillion", "thousand", "hundred", "dollars",
		"$", "times", "half", "third", "quarter", "twice", "double"} {
		m[w] = classScale
	}
	return m
}()

var pronounNames = [...]string{classP1: "p1", classP2: "p2", classP3: "p3"}

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
		switch c := wordClass[w.Lower]; c {
		case classP1, classP2, classP3:
			e.emit("pron", pronounNames[c], "")
		case classModal:
			e.emit("modal", "", "")
		case classScale:
			scales++
		}
		if w.IsNumber() {
			nums++
		} else if w.IsNum && w.Lower != "one" {
			nums++
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
