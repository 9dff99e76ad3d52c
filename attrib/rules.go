package attrib

// reportingVerbs are the lemmas (as lemma() makes them) of verbs that
// report speech or belief. The tagger learns its cues from data; this
// list only gives the verbs PolNeAR never showed a cue feature, and lets
// the rules recognise a cue next to a quotation.
var reportingVerbs = func() map[string]bool {
	words := []string{
		"say", "says", "said", "saying", "claim", "claims", "claimed", "claiming",
		"reveal", "reveals", "revealed", "mention", "mentions", "mentioned",
		"tell", "tells", "told", "telling", "add", "adds", "added", "adding",
		"insist", "insists", "insisted", "deny", "denies", "denied", "warn", "warns", "warned",
		"state", "states", "stated", "note", "notes", "noted", "explain", "explains", "explained",
		"announce", "announces", "announced", "argue", "argues", "argued", "confirm", "confirms", "confirmed",
		"admit", "admits", "admitted", "discover", "discovered", "assert", "asserted", "allege", "alleged",
		"report", "reported", "write", "wrote", "writes", "tweet", "tweeted", "declare", "declared",
		"stress", "stressed", "acknowledge", "acknowledged", "contend", "contended", "maintain", "maintained",
		"suggest", "suggested", "predict", "predicted", "recall", "recalled", "reply", "replied",
		"respond", "responded", "ask", "asked", "answer", "answered", "brief", "briefed", "remark", "remarked",
		"testify", "testified", "concede", "conceded", "observe", "observed", "emphasize", "emphasized",
		"emphasise", "emphasised", "according", "quoted", "quote", "told", "estimate", "estimated",
	}
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[lemma(w)] = true
	}
	return m
}()

// addQuoteRules adds the attributions that rules find surely and the
// tagger missed. For now it returns rels unchanged.
func addQuoteRules(text string, l layout, m *Model, rels []relation) []relation {
	return rels
}
