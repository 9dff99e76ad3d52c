package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenize splits text into tokens the way CoNLL-2003 is tokenised, and
// returns their byte offsets. It is used only to turn gazetteer names and
// character-offset corpora (re3d) into token sequences at training time;
// the pipeline's own tokeniser lives in package text. Rules: split at white
// space; split off leading and trailing punctuation; keep a final period
// on abbreviations ("U.S.", "Mr.", "Jan."); split "'s" and "n't"; keep
// hyphens, inner periods and digit groups ("al-Qaeda", "3.5", "1,000").
func tokenize(text string) [][2]int {
	var out [][2]int
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		out = splitChunk(text, i, j, out)
		i = j
	}
	return out
}

// splitChunk splits the white-space-free chunk text[start:end].
func splitChunk(text string, start, end int, out [][2]int) [][2]int {
	switch text[start:end] {
	case "'s", "’s", "'S", "n't":
		return append(out, [2]int{start, end})
	}
	// Leading punctuation, one token each.
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !isLeadPunct(r) {
			break
		}
		out = append(out, [2]int{start, start + n})
		start += n
	}
	// Trailing punctuation, collected right to left.
	var tail [][2]int
	for start < end {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if r == '.' && keepsPeriod(text[start:end]) {
			break
		}
		if !isTrailPunct(r) {
			break
		}
		tail = append(tail, [2]int{end - n, end})
		end -= n
	}
	if start < end {
		word := text[start:end]
		if k := clitic(word); k > 0 {
			out = append(out, [2]int{start, start + k}, [2]int{start + k, end})
		} else {
			out = append(out, [2]int{start, end})
		}
	}
	for k := len(tail) - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

// clitic returns where a clitic starts in word ("do|n't", "Iraq|'s",
// "players|'"), or 0 when it has none.
func clitic(word string) int {
	for _, suf := range []string{"n't", "N'T", "n’t", "'s", "'S", "’s", "’S"} {
		if strings.HasSuffix(word, suf) && len(word) > len(suf) {
			return len(word) - len(suf)
		}
	}
	for _, suf := range []string{"s'", "S'", "s’"} {
		if strings.HasSuffix(word, suf) && len(word) > len(suf) {
			return len(word) - len(suf) + 1
		}
	}
	return 0
}

func isLeadPunct(r rune) bool {
	return strings.ContainsRune("\"'([{“‘«<`", r)
}

func isTrailPunct(r rune) bool {
	return strings.ContainsRune(".,;:!?\"')]}”’»>…", r)
}

// abbreviations keep their final period as part of the token.
var abbreviations = map[string]bool{
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "prof.": true, "st.": true, "mt.": true,
	"jr.": true, "sr.": true, "gen.": true, "lt.": true, "col.": true, "sgt.": true, "capt.": true,
	"maj.": true, "adm.": true, "gov.": true, "sen.": true, "rep.": true, "rev.": true, "ft.": true,
	"inc.": true, "corp.": true, "co.": true, "ltd.": true, "bros.": true, "no.": true, "vs.": true,
	"jan.": true, "feb.": true, "mar.": true, "apr.": true, "jun.": true, "jul.": true, "aug.": true,
	"sep.": true, "sept.": true, "oct.": true, "nov.": true, "dec.": true, "etc.": true, "approx.": true,
}

// keepsPeriod reports whether a chunk ending in a period is an
// abbreviation that keeps it: a known one, or letters and periods like
// "U.S." and "a.m.".
func keepsPeriod(chunk string) bool {
	if abbreviations[strings.ToLower(chunk)] {
		return true
	}
	inner := chunk[:len(chunk)-1]
	if !strings.Contains(inner, ".") {
		return len(inner) == 1 && unicode.IsUpper(rune(inner[0])) // initials: "J."
	}
	for _, r := range inner {
		if r != '.' && !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// tokenStrings returns the token texts of s.
func tokenStrings(s string) []string {
	spans := tokenize(s)
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = s[sp[0]:sp[1]]
	}
	return out
}
