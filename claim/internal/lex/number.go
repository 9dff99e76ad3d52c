package lex

import (
	"strconv"
	"strings"
)

var units = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tens = map[string]float64{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

// numberWords holds units and tens together: one lookup per word.
var numberWords = func() map[string]float64 {
	m := make(map[string]float64, len(units)+len(tens))
	for k, v := range units {
		m[k] = v
	}
	for k, v := range tens {
		m[k] = v
	}
	return m
}()

var scales = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
	"trillion": 1e12, "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3,
	"hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
}

var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
	"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
	"twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
	"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20,
}

// Ordinal reads an ordinal word: "second", "3rd", "21st". It also reads
// "second-largest" style compounds as their ordinal part.
func Ordinal(lower string) (int, bool) {
	if i := strings.IndexByte(lower, '-'); i > 0 {
		lower = lower[:i]
	}
	if n, ok := ordinals[lower]; ok {
		return n, true
	}
	if len(lower) < 3 {
		return 0, false
	}
	suf := lower[len(lower)-2:]
	if suf != "st" && suf != "nd" && suf != "rd" && suf != "th" {
		return 0, false
	}
	n, err := strconv.Atoi(lower[:len(lower)-2])
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}

// Cardinal reads one word as a number: "12", "1,000", "3.5", "nine",
// "twenty-five". Scale words alone ("million") are not cardinals.
func Cardinal(lower string) (float64, bool) {
	if lower == "" || len(lower) > 24 {
		return 0, false
	}
	if c := lower[0]; c >= '0' && c <= '9' {
		if strings.Count(lower, ".") > 1 || strings.ContainsAny(lower, "/:") {
			return 0, false
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(lower, ",", ""), 64)
		if err != nil {
			return 0, false
		}
		return v, true
	}
	switch lower[0] {
	case 'z', 'o', 't', 'f', 's', 'e', 'n':
	default:
		return 0, false // no number word starts otherwise
	}
	if v, ok := numberWords[lower]; ok {
		return v, true
	}
	if t, u, ok := strings.Cut(lower, "-"); ok {
		tv, ok1 := tens[t]
		uv, ok2 := units[u]
		if ok1 && ok2 && uv < 10 && uv > 0 {
			return tv + uv, true
		}
	}
	return 0, false
}

// Number reads a number starting at words[i]: digits or number words,
// with scale words ("1.5 million", "two hundred", "a dozen",
// "a hundred"). It returns the value and the index just past it.
func Number(words []Word, i int) (float64, int, bool) {
	if i >= len(words) {
		return 0, i, false
	}
	j := i
	var v float64
	w := words[j].Lower
	switch {
	case (w == "a" || w == "an") && j+1 < len(words):
		next := words[j+1].Lower
		if next == "dozen" {
			return 12, j + 2, true
		}
		if s, ok := scales[next]; ok && s >= 100 && !strings.HasSuffix(next, "s") {
			v, j = s, j+2
			if s == 100 && j+1 < len(words) && words[j].Lower == "and" {
				if c, ok := Cardinal(words[j+1].Lower); ok && c < 100 {
					return v + c, j + 2, true
				}
			}
		} else {
			return 0, i, false
		}
	case w == "dozen":
		return 12, j + 1, true
	default:
		if !words[j].IsNum {
			return 0, i, false
		}
		v, j = words[j].Num, j+1
	}
	// Scale words multiply: "two hundred thousand", "1.5 million".
	for j < len(words) {
		s, ok := scales[words[j].Lower]
		if !ok || strings.HasSuffix(words[j].Lower, "s") {
			break
		}
		// Bare "m" and "k" count only glued to digits ("5m" is one word
		// anyway); as separate words they are too ambiguous.
		if len(words[j].Lower) == 1 {
			break
		}
		v *= s
		j++
		// "one hundred and twenty"
		if j+1 < len(words) && words[j].Lower == "and" {
			if c, ok := Cardinal(words[j+1].Lower); ok && c < 100 && s == 100 {
				v += c
				j += 2
			}
		}
	}
	return v, j, true
}

// FormatNumber writes v without a trailing ".0", and without exponent.
func FormatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
