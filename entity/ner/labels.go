package ner

import "strings"

// Types are the entity types the recogniser knows, in the CoNLL-2003 tag
// set. Their order fixes the label numbering inside a model file.
var Types = [...]string{"PER", "ORG", "LOC", "MISC"}

// The model predicts BILOU labels (Begin, Inside, Last, Unit, Outside):
// Ratinov and Roth (2009) found them better than BIO for exactly this kind
// of model, because the last token of a name ("Ltd", "Inc", a surname) is
// as telling as the first. Tag converts them to BIO on the way out.
const (
	labelO    = 0
	numTypes  = len(Types)
	numLabels = 1 + 4*numTypes
)

// Position of a token in its entity, the low part of a BILOU label.
const (
	posB = iota
	posI
	posL
	posU
)

// label returns the BILOU label number of position pos in an entity of
// type t.
func label(t, pos int) int { return 1 + 4*t + pos }

// labelType returns the type index of label l, or -1 for O.
func labelType(l int) int {
	if l == labelO {
		return -1
	}
	return (l - 1) / 4
}

// labelPos returns the BILOU position of label l; meaningless for O.
func labelPos(l int) int { return (l - 1) % 4 }

// labelNames holds the BILOU label names, for debugging and tests.
var labelNames = func() [numLabels]string {
	var n [numLabels]string
	n[labelO] = "O"
	for t, name := range Types {
		for p, prefix := range [...]string{"B-", "I-", "L-", "U-"} {
			n[label(t, p)] = prefix + name
		}
	}
	return n
}()

// bioNames maps each BILOU label to the BIO (IOB2) label Tag returns.
var bioNames = func() [numLabels]string {
	var n [numLabels]string
	n[labelO] = "O"
	for t, name := range Types {
		n[label(t, posB)] = "B-" + name
		n[label(t, posU)] = "B-" + name
		n[label(t, posI)] = "I-" + name
		n[label(t, posL)] = "I-" + name
	}
	return n
}()

// allowed[a][b] reports whether label b may follow label a. The decoder
// never produces an ill-formed sequence, so every output converts cleanly to
// BIO spans.
var allowed = func() (ok [numLabels][numLabels]bool) {
	for a := 0; a < numLabels; a++ {
		for b := 0; b < numLabels; b++ {
			ok[a][b] = transitionOK(a, b)
		}
	}
	return ok
}()

// predecessors[b] lists the labels that may precede b, so that Viterbi
// never looks at a forbidden transition.
var predecessors = func() (p [numLabels][]uint8) {
	for b := 0; b < numLabels; b++ {
		for a := 0; a < numLabels; a++ {
			if allowed[a][b] {
				p[b] = append(p[b], uint8(a))
			}
		}
	}
	return p
}()

// openers are the labels that may follow a closed entity or O (O, B-,
// U-), and closers the labels that close one (O, L-, U-), each in
// increasing order: exactly the labels that may precede an opener.
var openers, closers = func() (o, c [1 + 2*numTypes]uint8) {
	o[0], c[0] = labelO, labelO
	for t := 0; t < numTypes; t++ {
		o[1+2*t], o[2+2*t] = uint8(label(t, posB)), uint8(label(t, posU))
		c[1+2*t], c[2+2*t] = uint8(label(t, posL)), uint8(label(t, posU))
	}
	return o, c
}()

func transitionOK(a, b int) bool {
	open := a != labelO && (labelPos(a) == posB || labelPos(a) == posI)
	if open {
		return b != labelO && labelType(b) == labelType(a) && (labelPos(b) == posI || labelPos(b) == posL)
	}
	return b == labelO || labelPos(b) == posB || labelPos(b) == posU
}

// startOK and endOK say which labels may begin and end a sentence.
func startOK(l int) bool { return l == labelO || labelPos(l) == posB || labelPos(l) == posU }
func endOK(l int) bool   { return l == labelO || labelPos(l) == posL || labelPos(l) == posU }

// typeIndex returns the index of type name t in Types, or -1.
func typeIndex(t string) int {
	for i, name := range Types {
		if name == t {
			return i
		}
	}
	return -1
}

// Span is one entity found in a sentence: tokens [Start, End) of type Type.
type Span struct {
	Start, End int
	Type       string
}

// SpansFromTags reads entity spans from per-token tags the way conlleval
// does, so it accepts IOB2 (B- starts every entity), IOB1 (I- starts an
// entity unless it continues one of the same type) and BILOU/BIOES
// (L-/E- and U-/S- are read as I- and B-). A tag without a known prefix is
// read as O.
func SpansFromTags(tags []string) []Span {
	var spans []Span
	open := -1
	openType := ""
	closeAt := func(i int) {
		if open >= 0 {
			spans = append(spans, Span{Start: open, End: i, Type: openType})
			open = -1
		}
	}
	prevEnded := false // the previous tag ended its entity (L-, E-, U-, S-)
	for i, tag := range tags {
		prefix, typ, ok := splitTag(tag)
		if !ok {
			closeAt(i)
			prevEnded = false
			continue
		}
		switch prefix {
		case 'B', 'U', 'S':
			closeAt(i)
			open, openType = i, typ
		default: // I, L, E
			if open < 0 || openType != typ || prevEnded {
				closeAt(i)
				open, openType = i, typ
			}
		}
		prevEnded = prefix == 'L' || prefix == 'E' || prefix == 'U' || prefix == 'S'
	}
	closeAt(len(tags))
	return spans
}

// splitTag splits "B-PER" into 'B' and "PER". ok is false for "O" and for
// anything that is not a prefixed tag.
func splitTag(tag string) (prefix byte, typ string, ok bool) {
	if len(tag) < 3 || tag[1] != '-' || !strings.ContainsRune("BILUES", rune(tag[0])) {
		return 0, "", false
	}
	return tag[0], tag[2:], true
}

// TagsFromSpans writes spans over n tokens as IOB2 tags. Overlapping spans
// are not expected; a later span overwrites an earlier one.
func TagsFromSpans(n int, spans []Span) []string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = "O"
	}
	for _, s := range spans {
		for i := s.Start; i < s.End && i < n; i++ {
			if i == s.Start {
				tags[i] = "B-" + s.Type
			} else {
				tags[i] = "I-" + s.Type
			}
		}
	}
	return tags
}

// bilouFromSpans writes spans as BILOU label numbers. Spans of unknown
// types are left as O.
func bilouFromSpans(n int, spans []Span) []uint8 {
	labels := make([]uint8, n)
	for _, s := range spans {
		t := typeIndex(s.Type)
		if t < 0 || s.Start < 0 || s.End > n || s.Start >= s.End {
			continue
		}
		if s.End-s.Start == 1 {
			labels[s.Start] = uint8(label(t, posU))
			continue
		}
		labels[s.Start] = uint8(label(t, posB))
		for i := s.Start + 1; i < s.End-1; i++ {
			labels[i] = uint8(label(t, posI))
		}
		labels[s.End-1] = uint8(label(t, posL))
	}
	return labels
}
