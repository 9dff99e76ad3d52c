package extract

import (
	"strings"

	"github.com/abadojack/whatlanggo"
)

// langSample bounds the text given to the detector: a couple of
// paragraphs tell the language about as well as the whole article, and the
// detector's cost grows with its input.
const langSample = 1200

// detectLanguage returns the language of text as an ISO 639-1 code and a
// confidence in [0, 1], or "" and 0. declared is the page's own claim
// (<html lang>), and detected a language already found for the whole text
// (go-trafilatura runs whatlanggo over its output); either may be "".
//
// When the page's claim and the detection agree, two independent sources
// say the same and no more work is needed. Otherwise whatlanggo runs on a
// sample of the text and its own confidence counts, capped for texts too
// short to tell.
func detectLanguage(text, declared, detected string) (string, float64) {
	declared = primaryTag(declared)
	if detected != "" && detected == declared && len(text) >= shortText {
		return detected, 0.95
	}
	if len(text) > langSample {
		cut := langSample
		for cut > 0 && text[cut]&0xC0 == 0x80 { // do not split a rune
			cut--
		}
		text = text[:cut]
	}
	info := whatlanggo.Detect(text)
	code := ""
	if info.Lang >= 0 {
		code = info.Lang.Iso6391()
	}
	if info.Lang >= 0 && info.Confidence == 0 {
		// whatlanggo gives confidence 0 exactly when its two best
		// languages tie, and then picks one of them by map order, so the
		// answer would change from run to run. A tie is no answer; the
		// page's declaration, if any, decides.
		if declared != "" {
			return declared, 0.6
		}
		return "", 0
	}
	conf := info.Confidence
	if len(text) < shortText {
		conf = min(conf, 0.5)
	}
	switch {
	case code == "":
		if declared != "" {
			return declared, 0.6
		}
		return detected, 0.3 * b2f(detected != "")
	case code == declared:
		return code, max(conf, 0.9)
	case !info.IsReliable() && declared != "":
		return declared, 0.6
	}
	return code, conf
}

// shortText is the length in bytes below which a text says too little
// about its language for a confident answer.
const shortText = 80

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
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
