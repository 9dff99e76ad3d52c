package attrib

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/document"
)

// layout is the view of a Document the tagger works on: paragraphs (the
// unit a content span may run across sentences within), sentences and
// tokens, all taken from the text stage when it ran and rebuilt here when
// it did not (unit tests, or a Document built by hand).
type layout struct {
	tokens     []document.Token
	sentences  []document.Sentence
	paragraphs []document.Span
	// units are the paragraphs ready for the tagger.
	units []unit
	// cueScore[i], once the tagger has run, is how much a cue tag
	// outscored the best other tag at token i (negative when another
	// tag won), for the cue stage.
	cueScore []float32
}

// newLayout takes the text stage's segmentation from doc, filling in
// whatever part of it is missing.
func newLayout(doc *document.Document) layout {
	// Paragraphs are split at every line break, not only at blank lines:
	// many pages put one paragraph on a line, and a quote's content never
	// runs on past a paragraph without reopening.
	l := layout{tokens: doc.Tokens, sentences: doc.Sentences, paragraphs: splitParagraphs(doc.Text)}
	if len(l.tokens) == 0 {
		l.tokens = tokenize(doc.Text, l.paragraphs)
		l.sentences = nil
	}
	if len(l.sentences) == 0 || !sentencesIndexTokens(l.sentences, len(l.tokens)) {
		l.sentences = splitSentences(doc.Text, l.tokens, l.paragraphs)
	}
	l.units = units(doc.Text, l)
	l.cueScore = make([]float32, len(l.tokens))
	return l
}

// sentencesIndexTokens reports whether the sentences' From/To fields
// index the tokens (they are not encoded in JSON, so a Document read back
// from JSON has them zero).
func sentencesIndexTokens(ss []document.Sentence, n int) bool {
	last := 0
	for _, s := range ss {
		if s.From < last || s.To < s.From || s.To > n {
			return false
		}
		last = s.To
	}
	return last > 0
}

// splitParagraphs splits text at blank lines, and at single newlines too:
// extracted articles put one paragraph on a line.
func splitParagraphs(text string) []document.Span {
	var out []document.Span
	start := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && text[i] != '\n' {
			continue
		}
		s := trimSpan(text, document.Span{Start: start, End: i})
		if s.Len() > 0 {
			out = append(out, s)
		}
		start = i + 1
	}
	return out
}

// trimSpan narrows s to exclude surrounding white space.
func trimSpan(text string, s document.Span) document.Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}

// tokenize is the fallback tokenizer, PTB-like: words, numbers, and each
// punctuation mark apart, with "'s" and "n't" split off.
func tokenize(text string, paras []document.Span) []document.Token {
	var toks []document.Token
	for _, p := range paras {
		i := p.Start
		for i < p.End {
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				i += n
				continue
			}
			j := i
			for j < p.End {
				r, n := utf8.DecodeRuneInString(text[j:])
				if unicode.IsSpace(r) {
					break
				}
				j += n
			}
			toks = splitChunk(text, i, j, toks)
			i = j
		}
	}
	return toks
}

// abbreviations keep their final period.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "st": true, "jr": true, "sr": true,
	"prof": true, "rev": true, "inc": true, "corp": true, "co": true, "ltd": true, "vs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "aug": true, "sept": true, "sep": true,
	"oct": true, "nov": true, "dec": true, "no": true, "u.s": true, "u.k": true, "u.n": true,
	"d.c": true, "a.m": true, "p.m": true, "e.g": true, "i.e": true, "etc": true, "ft": true,
	"mt": true, "pres": true, "supt": true, "adm": true, "capt": true, "cmdr": true, "maj": true,
}

func isPunct(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// splitChunk splits one white-space-free chunk text[i:j] into tokens.
func splitChunk(text string, i, j int, toks []document.Token) []document.Token {
	// Leading punctuation, one mark at a time.
	for i < j {
		r, n := utf8.DecodeRuneInString(text[i:j])
		if !isPunct(r) || r == '$' && i+n < j && isDigitAt(text, i+n) {
			break
		}
		if r == '.' && i+n < j && isDigitAt(text, i+n) {
			break // .45
		}
		if r == '.' && strings.HasPrefix(text[i:j], "...") {
			toks = append(toks, document.Token{Start: i, End: i + 3})
			i += 3
			continue
		}
		toks = append(toks, document.Token{Start: i, End: i + n})
		i += n
	}
	if i >= j {
		return toks
	}
	// Dashes inside the chunk split it ("exertions—My").
	for k := i; k < j; {
		r, n := utf8.DecodeRuneInString(text[k:j])
		if r == '—' || r == '–' || (r == '-' && k+1 < j && text[k+1] == '-') || r == '/' && k > i {
			w := 1
			if r == '-' {
				w = 2
			} else {
				w = n
			}
			if k > i {
				toks = splitChunk(text, i, k, toks)
			}
			toks = append(toks, document.Token{Start: k, End: k + w})
			if k+w < j {
				toks = splitChunk(text, k+w, j, toks)
			}
			return toks
		}
		k += n
	}
	// Trailing punctuation, collected from the end.
	var tail []document.Token
	for j > i {
		r, n := utf8.DecodeLastRuneInString(text[i:j])
		if !isPunct(r) || r == '%' {
			break
		}
		if r == '.' {
			word := strings.ToLower(text[i : j-1])
			if strings.HasSuffix(text[i:j], "...") {
				tail = append(tail, document.Token{Start: j - 3, End: j})
				j -= 3
				continue
			}
			if abbreviations[word] || isInitialism(word) {
				break
			}
		}
		tail = append(tail, document.Token{Start: j - n, End: j})
		j -= n
	}
	if j > i {
		w := text[i:j]
		// Clitics: "Trump's" -> "Trump" "'s", "don't" -> "do" "n't".
		switch {
		case hasSuffixFold(w, "'s") && len(w) > 2:
			toks = append(toks, document.Token{Start: i, End: j - 2}, document.Token{Start: j - 2, End: j})
		case hasSuffixFold(w, "’s") && len(w) > len("’s"):
			toks = append(toks, document.Token{Start: i, End: j - len("’s")}, document.Token{Start: j - len("’s"), End: j})
		case hasSuffixFold(w, "n't") && len(w) > 3:
			toks = append(toks, document.Token{Start: i, End: j - 3}, document.Token{Start: j - 3, End: j})
		case hasSuffixFold(w, "n’t") && len(w) > len("n’t"):
			toks = append(toks, document.Token{Start: i, End: j - len("n’t")}, document.Token{Start: j - len("n’t"), End: j})
		default:
			toks = append(toks, document.Token{Start: i, End: j})
		}
	}
	for k := len(tail) - 1; k >= 0; k-- {
		toks = append(toks, tail[k])
	}
	return toks
}

func isDigitAt(text string, i int) bool { return i < len(text) && text[i] >= '0' && text[i] <= '9' }

// isInitialism reports whether w (without its final period) looks like
// "U.S" or "a.m": letters separated by periods.
func isInitialism(w string) bool {
	if w == "" {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		r, n := utf8.DecodeRuneInString(part)
		if n != len(part) || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// splitSentences is the fallback sentence splitter: a sentence ends at
// a paragraph end, or after ". ! ?" (and any closing quotes or brackets)
// when the next token starts with a capital, a digit or an opening quote.
func splitSentences(text string, toks []document.Token, paras []document.Span) []document.Sentence {
	var out []document.Sentence
	pi := 0
	from := 0
	for k := range toks {
		end := k == len(toks)-1
		for pi < len(paras) && paras[pi].End <= toks[k].Start {
			pi++
		}
		if !end && pi < len(paras) && toks[k+1].Start >= paras[pi].End {
			end = true
		}
		if !end {
			w := text[toks[k].Start:toks[k].End]
			if w == "." || w == "!" || w == "?" || w == "..." {
				m := k + 1
				for m < len(toks) && isClosing(text[toks[m].Start:toks[m].End]) {
					m++
				}
				// With closing marks after the stop, the sentence ends
				// after them (the case below), not here.
				if m == k+1 && m < len(toks) && startsSentence(text[toks[m].Start:toks[m].End]) {
					end = true
				}
			} else if isClosing(w) && k > from {
				// "... enemy.’ Next": end after the closing mark.
				p := text[toks[k-1].Start:toks[k-1].End]
				if (p == "." || p == "!" || p == "?") && startsSentence(text[toks[k+1].Start:toks[k+1].End]) {
					end = true
				}
			}
		}
		if end {
			out = append(out, document.Sentence{Start: toks[from].Start, End: toks[k].End, From: from, To: k + 1})
			from = k + 1
		}
	}
	return out
}

func isClosing(w string) bool {
	switch w {
	case "”", "\"", "’", "'", ")", "]", "»":
		return true
	}
	return false
}

func startsSentence(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '“' || r == '"' || r == '‘' || r == '«' || r == '('
}
