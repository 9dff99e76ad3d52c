package claim

import (
	"github.com/crosscheck/crosscheck/claim/cameo"
	"github.com/crosscheck/crosscheck/document"
)

// The PETRARCH2 dictionary codes some shapes only through a parse tree
// (the object of "assist ... in", the "from" of a liberation), or codes
// them by the verb alone where the object decides. These hand-written
// rules cover the shapes common in war and diplomacy reporting.

// aidVerbs give or help; what is given decides the kind of aid.
var aidVerbs = set("assist", "help", "aid", "support", "provide", "give", "supply", "send", "deliver",
	"grant", "donate", "contribute", "lend", "back", "equip", "arm", "fund", "finance", "ship")

// aidNouns maps what is given to its CAMEO aid code. Military aid wins
// over the others when a list names several.
var aidNouns = map[string]string{
	"arms": "072", "weapons": "072", "weapon": "072", "ammunition": "072", "munitions": "072",
	"missiles": "072", "rifles": "072", "tanks": "072", "artillery": "072", "troops": "074",
	"peacekeepers": "074", "military": "072", "equipment": "072", "jets": "072", "drones": "072",
	"money": "071", "funds": "071", "funding": "071", "loans": "071", "loan": "071", "cash": "071",
	"financial": "071", "economic": "071", "budget": "071", "credit": "071", "investment": "071",
	"food": "073", "medicine": "073", "medicines": "073", "medical": "073", "humanitarian": "073",
	"relief": "073", "shelter": "073", "water": "073", "tents": "073", "vaccines": "073",
	"aid": "070", "assistance": "070", "help": "070", "support": "070",
	"asylum": "075", "refuge": "075",
}

// aidRank orders aid codes by how much they say.
var aidRank = map[string]int{"072": 5, "074": 4, "073": 3, "071": 2, "075": 2, "070": 1}

// liberateVerbs free a place from someone: a fight with the one driven out.
var liberateVerbs = set("free", "liberate", "recapture", "retake", "reclaim", "wrest", "clear")

// lightVerbs carry an event noun that says what happened: "launched an
// air strike", "staged a protest".
var lightVerbs = set("launch", "carry", "conduct", "stage", "mount", "hold", "unleash", "begin", "start")

// eventNounCodes codes the event nouns a light verb carries.
var eventNounCodes = map[string]string{
	"attack": "190", "attacks": "190", "strike": "190", "strikes": "190", "airstrike": "195", "airstrikes": "195",
	"raid": "190", "raids": "190", "offensive": "190", "assault": "190", "bombing": "195", "bombardment": "195",
	"shelling": "190", "invasion": "192", "incursion": "192",
	"protest": "140", "protests": "140", "demonstration": "141", "demonstrations": "141", "rally": "141",
	"march": "141", "strike-action": "143", "boycott": "143", "sit-in": "144",
	"talks": "040", "negotiations": "046", "summit": "043", "meeting": "040",
}

// seizeVerbs take or hold ground: an occupation when the object is a place.
var seizeVerbs = set("seize", "capture", "take", "hold", "overrun", "occupy", "control", "storm", "conquer")

// refine adjusts the dictionary's code and arguments for the verb at i.
// It returns the code, the target, and a place when the rule moved the
// place out of the target (a liberated city).
func refine(doc *document.Document, s *sentence, v cameo.Verb, i, hi int, passive bool, code string,
	target *document.Arg, used map[int]bool) (string, *document.Arg, *document.Arg) {
	switch {
	case aidVerbs[v.Lemma]:
		best := ""
		// What is given may follow a coordinated object ("Iraq and its
		// forces in arms"), so the search runs past "and" to the end of
		// the sentence or the next clause.
		for k := i + v.Len; k < len(s.lower); k++ {
			if w := s.lower[k]; w == ";" || w == "which" || w == "that" || w == "who" || w == "but" || w == "while" || w == "." {
				break
			}
			if c, ok := aidNouns[s.lower[k]]; ok && aidRank[c] > aidRank[best] {
				best = c
			}
		}
		// "help" and "support" alone stay what the dictionary says;
		// only named aid turns them into provide-aid.
		if best != "" && (best != "070" || cameo.Root(code) != "07") {
			code = best
		}
	case liberateVerbs[v.Lemma]:
		if from, ok := afterPrep(s, i+v.Len, hi, "from", used); ok {
			used[from.first] = true
			return "190", argFromMention(doc, s, from), target
		}
	case lightVerbs[v.Lemma] && lightNounCode(s, i+v.Len, hi) != "":
		code = lightNounCode(s, i+v.Len, hi)
	case seizeVerbs[v.Lemma]:
		if target != nil && target.Entity != "" {
			if e := doc.Entity(target.Entity); e != nil && isPlace(e) {
				code = "192"
			}
		}
	}
	return code, target, nil
}

// lightNounCode finds an event noun within the first words of the
// object ("an air strike", "a dramatic protest").
func lightNounCode(s *sentence, from, hi int) string {
	for k := from; k < hi && k < from+4; k++ {
		if c, ok := eventNounCodes[s.lower[k]]; ok {
			return c
		}
	}
	return ""
}
