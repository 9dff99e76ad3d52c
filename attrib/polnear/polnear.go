// Package polnear reads the PolNeAR attribution corpus (Newell, Margolin
// and Ruths, LREC 2018) and scores attributions against it.
//
// PolNeAR's annotations are brat standoff files whose offsets count
// Unicode code points, not bytes; Load converts them to byte offsets into
// the article text, as everything in crosscheck uses. A content span may
// be discontinuous (its fragments separated by ";"). Articles annotated by
// several annotators are read once, with the first annotator listed in
// data/metadata.tsv, so that no article counts twice.
package polnear

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/document"
)

// Relation is one gold attribution. Source is nil when the attribution
// has none; Content holds the fragments of the content span.
type Relation struct {
	Source  *document.Span
	Cue     document.Span
	Content []document.Span
}

// Article is one annotated article.
type Article struct {
	Name      string
	Annotator string
	Text      string
	Relations []Relation
}

// Splits are the corpus splits Load reads.
var Splits = []string{"train", "dev", "test"}

// Load reads one split ("train", "dev" or "test") from dir, the corpus
// root (the folder holding data/ and README.md).
func Load(dir, split string) ([]Article, error) {
	base := filepath.Join(dir, "data", split)
	first, err := firstAnnotators(filepath.Join(dir, "data", "metadata.tsv"))
	if err != nil {
		return nil, err
	}
	names, err := filepath.Glob(filepath.Join(base, "text", "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("list %s texts: %w", split, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("load polnear %s: no texts under %s", split, base)
	}
	sort.Strings(names)
	out := make([]Article, 0, len(names))
	for _, p := range names {
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		ann, who, err := pickAnnotation(filepath.Join(base, "attributions"), name, first[name])
		if err != nil {
			return nil, err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if !utf8.Valid(raw) {
			return nil, fmt.Errorf("read %s: text is not UTF-8", name)
		}
		a := Article{Name: name, Annotator: who, Text: string(raw)}
		f, err := os.Open(ann)
		if err != nil {
			return nil, fmt.Errorf("read annotations of %s: %w", name, err)
		}
		a.Relations, err = ParseBrat(f, a.Text)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", filepath.Base(ann), err)
		}
		out = append(out, a)
	}
	return out, nil
}

// firstAnnotators maps an article name to the first annotator that
// metadata.tsv lists for it.
func firstAnnotators(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read polnear metadata: %w", err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 4 || cols[0] == "compartment" {
			continue
		}
		out[cols[1]] = strings.Split(cols[3], "|")[0]
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read polnear metadata: %w", err)
	}
	return out, nil
}

// pickAnnotation returns the .ann file of name by annotator want, or the
// first one in name order when want has none.
func pickAnnotation(dir, name, want string) (string, string, error) {
	if want != "" {
		p := filepath.Join(dir, name+"_"+want+".ann")
		if _, err := os.Stat(p); err == nil {
			return p, want, nil
		}
	}
	ms, err := filepath.Glob(filepath.Join(dir, name+"_*.ann"))
	if err != nil || len(ms) == 0 {
		return "", "", fmt.Errorf("no annotation for %s in %s", name, dir)
	}
	sort.Strings(ms)
	who := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(ms[0]), name+"_"), ".ann")
	return ms[0], who, nil
}

type textSpan struct {
	typ   string
	frags []document.Span
}

// ParseBrat reads brat standoff annotations of text: T lines give spans
// in code points, E lines tie them into relations. Lines that are not
// T, E or # lines (a covered text broken by a newline) are skipped.
func ParseBrat(r io.Reader, text string) ([]Relation, error) {
	return parseBrat(bufio.NewScanner(r), text)
}

func parseBrat(sc *bufio.Scanner, text string) ([]Relation, error) {
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	idx := runeIndex(text)
	spans := map[string]textSpan{}
	var events [][]string
	for sc.Scan() {
		line := sc.Text()
		if len(line) < 2 || !isIDLine(line) {
			continue
		}
		cols := strings.SplitN(line, "\t", 3)
		if len(cols) < 2 {
			continue
		}
		switch line[0] {
		case 'T':
			typ, offs, ok := strings.Cut(cols[1], " ")
			if !ok {
				return nil, fmt.Errorf("line %q: no offsets", line)
			}
			var ts textSpan
			ts.typ = typ
			for _, fr := range strings.Split(offs, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(fr), " ")
				if !ok {
					return nil, fmt.Errorf("line %q: bad offsets", line)
				}
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(b)
				if err1 != nil || err2 != nil || s < 0 || e < s || e >= len(idx) {
					return nil, fmt.Errorf("line %q: offsets out of range", line)
				}
				ts.frags = append(ts.frags, document.Span{Start: idx[s], End: idx[e]})
			}
			spans[cols[0]] = ts
		case 'E':
			events = append(events, strings.Fields(cols[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []Relation
	for _, ev := range events {
		var r Relation
		var hasCue, hasContent bool
		for _, arg := range ev {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			ts, ok := spans[id]
			if !ok {
				return nil, fmt.Errorf("relation %v: no span %s", ev, id)
			}
			switch role {
			case "Source":
				s := document.Span{Start: ts.frags[0].Start, End: ts.frags[len(ts.frags)-1].End}
				r.Source = &s
			case "Cue":
				r.Cue = document.Span{Start: ts.frags[0].Start, End: ts.frags[len(ts.frags)-1].End}
				hasCue = true
			case "Content":
				r.Content = ts.frags
				hasContent = true
			}
		}
		if !hasCue || !hasContent {
			continue
		}
		out = append(out, r)
	}
	if len(events) > 0 && len(out) == 0 {
		return nil, errors.New("no relation has both a cue and a content")
	}
	return out, nil
}

func isIDLine(line string) bool {
	if line[0] != 'T' && line[0] != 'E' && line[0] != '#' {
		return false
	}
	i := 1
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return i > 1 && i < len(line) && line[i] == '\t'
}

// runeIndex maps code-point offsets to byte offsets; it has one entry
// per rune plus one for the end of text.
func runeIndex(text string) []int {
	idx := make([]int, 0, len(text)+1)
	for i := range text {
		idx = append(idx, i)
	}
	return append(idx, len(text))
}
