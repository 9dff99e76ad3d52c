package extract

import (
	"strings"

	"github.com/abadojack/whatlanggo"
)

// langSample bounds the text given to the detector: a few paragraphs tell
// the language as well as the whole article, at a fraction of the cost.
const langSample = 4000

// detectLanguage detects the language of text with whatlanggo, using the
// page's declared language (<html lang>, "" when none) as a hint. It
// returns an ISO 639-1 code and a confidence in [0, 1], or "" and 0.
func detectLanguage(text, declared string) (string, float64) {
	if len(text) > langSample {
		cut := langSample
		for cut > 0 && text[cut]&0xC0 == 0x80 { // do not split a rune
			cut--
		}
		text = text[:cut]
	}
	declared = primaryTag(declared)
	info := whatlanggo.Detect(text)
	code := ""
	if info.Lang >= 0 {
		code = info.Lang.Iso6391()
	}
	conf := info.Confidence
	switch {
	case code != "" && code == declared:
		// Two independent sources agree.
		return code, max(conf, 0.95)
	case code == "" || !info.IsReliable() && declared != "":
		if declared != "" {
			return declared, 0.5
		}
		return code, conf
	}
	return code, conf
}

// primaryTag returns the language subtag of a BCP 47 tag ("en-GB" → "en"),
// when it is a two-letter code.
func primaryTag(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 {
		return ""
	}
	return tag
}
