package cameo

import (
	"fmt"
	"os"
	"regexp"
	"strings"
)

// GoldSentence is one record of a PETRARCH validation file: a sentence
// and the events a human (or PETRARCH, corrected by hand) coded in it.
type GoldSentence struct {
	ID, Date, Category, Text string
	// Events is empty for a sentence coded as having no events.
	Events []GoldEvent
}

// GoldEvent is one expected coding: CAMEO actor codes (country plus
// agent, "USAGOV") and a CAMEO event code.
type GoldEvent struct {
	Source, Target, Code string
}

var (
	commentRE  = regexp.MustCompile(`(?s)<!--.*?-->`)
	sentenceRE = regexp.MustCompile(`(?s)<Sentence\s([^>]*)>(.*?)</Sentence>`)
	codingRE   = regexp.MustCompile(`<EventCoding\s([^>]*?)/?>`)
	attrRE     = regexp.MustCompile(`(\w+)="([^"]*)"`)
	textRE     = regexp.MustCompile(`(?s)<Text>(.*?)</Text>`)
)

// ReadPetrarch reads a PETRARCH validation XML file (PETR2_GSR_validation
// or PETR.UnitTest.records). Records inside comments are disabled and
// skipped, as are records whose coding is an error case. The files are
// not well-formed XML (their headers hold bare '#' lines and their
// <Sentence> tags are sometimes self-closed), so they are read with
// regular expressions rather than encoding/xml.
func ReadPetrarch(path string) ([]GoldSentence, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read petrarch gold: %w", err)
	}
	src := commentRE.ReplaceAllString(string(b), "")
	var out []GoldSentence
	for _, m := range sentenceRE.FindAllStringSubmatch(src, -1) {
		attrs := attrMap(m[1])
		body := m[2]
		tm := textRE.FindStringSubmatch(body)
		if tm == nil {
			continue
		}
		g := GoldSentence{ID: attrs["id"], Date: attrs["date"], Category: attrs["category"],
			Text: strings.Join(strings.Fields(tm[1]), " ")}
		skip := false
		for _, c := range codingRE.FindAllStringSubmatch(body, -1) {
			ca := attrMap(c[1])
			switch {
			case ca["error"] != "":
				skip = true
			case ca["noevents"] != "":
			case ca["eventcode"] != "":
				g.Events = append(g.Events, GoldEvent{Source: ca["sourcecode"], Target: ca["targetcode"], Code: ca["eventcode"]})
			}
		}
		if skip || g.Text == "" {
			continue
		}
		out = append(out, g)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("read petrarch gold %s: no sentences", path)
	}
	return out, nil
}

func attrMap(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRE.FindAllStringSubmatch(s, -1) {
		m[a[1]] = a[2]
	}
	return m
}

// CountryOf returns the country part of a CAMEO actor code ("USAGOV" ->
// "USA"), or "" when the actor is not a state's (international
// organisations, "---" unknown actors).
func CountryOf(actor string) string {
	if len(actor) < 3 {
		return ""
	}
	c := actor[:3]
	switch c {
	case "---", "IGO", "IMG", "NGO", "MNC", "UAF", "UIS", "NGM":
		return ""
	}
	for i := 0; i < 3; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return ""
		}
	}
	return c
}
