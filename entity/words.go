package entity

import "strings"

// The word tables below are written by hand: they are small closed classes
// of English (titles, honorifics, pronouns, the nouns that name a state's
// forces and bodies) that no gazetteer lists. All keys are lower-case.

// titleInfo is a title as written and what it normalises to.
type titleInfo struct {
	// norm is the normalised title shared by synonyms ("envoy" and
	// "ambassador" are both "ambassador").
	norm string
	// gender is 'm' or 'f' when the title tells ("spokeswoman").
	gender byte
}

// titles maps a title phrase (space-separated, lower-case) to its normal
// form. Longer phrases win over their prefixes when both match.
var titles = func() map[string]titleInfo {
	m := map[string]titleInfo{}
	add := func(norm string, gender byte, phrases ...string) {
		for _, p := range phrases {
			m[p] = titleInfo{norm: norm, gender: gender}
		}
	}
	add("ambassador", 0, "ambassador", "envoy", "emissary", "high commissioner", "ambassador-designate")
	add("special envoy", 0, "special envoy", "special representative")
	add("deputy ambassador", 0, "deputy ambassador", "deputy envoy")
	add("diplomat", 0, "diplomat", "top diplomat")
	add("consul general", 0, "consul general", "consul-general", "consul")
	add("spokesperson", 0, "spokesperson", "spokesperson")
	add("spokesperson", 'm', "spokesman")
	add("spokesperson", 'f', "spokeswoman")
	add("foreign minister", 0, "foreign minister", "minister of foreign affairs", "minister for foreign affairs",
		"foreign affairs minister", "foreign secretary", "minister of foreign relations")
	add("defence minister", 0, "defence minister", "defense minister", "minister of defence", "minister of defense",
		"defence secretary", "defense secretary", "secretary of defense", "secretary of defence", "minister for defence")
	add("interior minister", 0, "interior minister", "minister of interior", "minister of the interior",
		"home minister", "home secretary", "minister for home affairs", "minister of home affairs")
	add("finance minister", 0, "finance minister", "minister of finance", "minister for finance", "finance secretary")
	add("information minister", 0, "information minister", "minister of information", "minister for information")
	add("justice minister", 0, "justice minister", "minister of justice", "minister for justice")
	add("health minister", 0, "health minister", "minister of health", "minister for health")
	add("oil minister", 0, "oil minister", "minister of oil", "petroleum minister")
	add("minister", 0, "minister", "cabinet minister", "state minister", "minister of state")
	add("deputy minister", 0, "deputy minister")
	add("prime minister", 0, "prime minister", "premier", "pm")
	add("deputy prime minister", 0, "deputy prime minister", "deputy pm")
	add("president", 0, "president", "head of state")
	add("vice president", 0, "vice president", "vice-president")
	add("secretary of state", 0, "secretary of state")
	add("secretary-general", 0, "secretary-general", "secretary general")
	add("director-general", 0, "director-general", "director general", "general director")
	add("chief of staff", 0, "chief of staff")
	add("charge d'affaires", 0, "charge d'affaires", "chargé d'affaires")
	add("chief executive", 0, "chief executive", "chief executive officer", "ceo")
	add("chair", 0, "chairperson", "chair")
	add("chair", 'm', "chairman")
	add("chair", 'f', "chairwoman")
	add("director", 0, "director")
	add("leader", 0, "leader", "supreme leader", "head")
	add("commander", 0, "commander", "military commander", "army chief", "chief of army staff", "commanding general",
		"commanding officer",
		"army chief of staff", "chief of staff of the army", "commander-in-chief")
	add("general", 0, "general", "gen", "lieutenant general", "lt gen", "major general", "maj gen",
		"brigadier general", "brig gen")
	add("colonel", 0, "colonel", "col", "lieutenant colonel", "lt col")
	add("governor", 0, "governor", "gov", "provincial governor")
	add("mayor", 0, "mayor")
	add("senator", 0, "senator", "sen")
	add("lawmaker", 0, "lawmaker", "legislator", "member of parliament", "mp", "parliamentarian")
	add("lawmaker", 'm', "congressman")
	add("lawmaker", 'f', "congresswoman")
	add("speaker", 0, "speaker", "parliament speaker", "speaker of parliament")
	add("attorney general", 0, "attorney general", "attorney-general")
	add("chief justice", 0, "chief justice")
	add("judge", 0, "judge")
	add("prosecutor", 0, "prosecutor", "chief prosecutor", "public prosecutor")
	add("adviser", 0, "adviser", "advisor", "national security adviser", "national security advisor", "security adviser",
		"special adviser", "special advisor", "senior adviser", "senior advisor")
	add("king", 'm', "king")
	add("queen", 'f', "queen")
	add("emir", 'm', "emir", "amir")
	add("crown prince", 'm', "crown prince")
	add("prince", 'm', "prince")
	add("sultan", 'm', "sultan")
	add("police chief", 0, "police chief", "chief of police", "inspector general of police")
	add("intelligence chief", 0, "intelligence chief", "spy chief", "head of intelligence")
	return m
}()

// titleModifiers may precede a title without changing what it is
// ("senior", "former" and "acting" are kept out of the normal form; a
// former ambassador is still a role the text states).
var titleModifiers = map[string]bool{
	"former": true, "acting": true, "senior": true, "top": true, "new": true, "then": true,
	"outgoing": true, "incoming": true, "current": true, "interim": true, "caretaker": true,
}

// portfolios name a minister's department when they precede "minister"
// ("Transport Minister"); the departments with titles of their own
// ("foreign minister") are in titles above.
var portfolios = map[string]bool{
	"agriculture": true, "commerce": true, "communications": true, "culture": true, "development": true,
	"economy": true, "education": true, "energy": true, "environment": true, "fisheries": true,
	"housing": true, "immigration": true, "industry": true, "labour": true, "labor": true,
	"mining": true, "mines": true, "planning": true, "security": true, "sports": true,
	"tourism": true, "trade": true, "transport": true, "transportation": true, "water": true,
	"works": true, "youth": true,
}

// titleRanks make a different post of the title they precede: a deputy
// foreign minister is not the foreign minister.
var titleRanks = map[string]bool{
	"deputy": true, "vice": true, "assistant": true, "junior": true, "under": true, "associate": true,
}

// maxTitleWords bounds the title phrases above.
const maxTitleWords = 5

// honorifics precede a name and are part of how it is written; they tell
// the gender sometimes.
var honorifics = map[string]byte{
	"mr": 'm', "mr.": 'm', "mister": 'm', "sir": 'm', "lord": 'm',
	"mrs": 'f', "mrs.": 'f', "ms": 'f', "ms.": 'f', "miss": 'f', "madam": 'f', "dame": 'f', "lady": 'f',
	"dr": 0, "dr.": 0, "prof": 0, "prof.": 0, "professor": 0, "sheikh": 'm', "shaikh": 'm',
	"mullah": 'm', "imam": 'm', "rev": 0, "rev.": 0, "reverend": 0,
}

// pronounGender maps third-person personal pronouns to a gender.
var pronounGender = map[string]byte{
	"he": 'm', "him": 'm', "his": 'm', "himself": 'm',
	"she": 'f', "her": 'f', "hers": 'f', "herself": 'f',
}

// copulas link a person to a title that follows ("X is the ambassador"),
// and copulaFill may stand between the person and the copula (", who
// would later become").
var copulas = map[string]bool{
	"is": true, "was": true, "became": true, "becomes": true, "become": true, "remains": true,
	"remained": true, "as": true, "serves": true, "served": true, "named": true, "appointed": true,
}

var copulaFill = map[string]bool{
	",": true, "who": true, "would": true, "later": true, "has": true, "had": true, "have": true,
	"been": true, "also": true, "then": true, "now": true, "still": true, "since": true, "to": true,
	"will": true, "was": true, "is": true, "currently": true, "formerly": true,
}

// determiners open a definite description ("the envoy", "this minister").
var determiners = map[string]bool{"the": true, "this": true, "that": true}

// speechVerbs mark a speaker next to a person mention ("said Ali Yasin",
// "Ali Yasin says").
var speechVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true, "adds": true,
	"stated": true, "states": true, "claimed": true, "claims": true, "announced": true,
	"announces": true, "mentioned": true, "mentions": true, "revealed": true, "reveals": true,
	"explained": true, "explains": true, "noted": true, "notes": true, "insisted": true,
	"insists": true, "warned": true, "warns": true, "stressed": true, "stresses": true,
	"asserted": true, "argued": true, "argues": true, "denied": true, "denies": true,
	"confirmed": true, "confirms": true, "briefed": true, "wrote": true, "writes": true,
	"tweeted": true, "replied": true, "answered": true, "responded": true, "urged": true,
	"urges": true, "asked": true, "asks": true, "requested": true, "requests": true,
	"according": true, "declared": true, "declares": true, "alleged": true, "alleges": true,
}

// forcesKind is the kind of a state body: its code suffix, link kind and
// the English name of the link.
type forcesKind struct {
	code, linkKind, name string
}

var (
	forcesMil = forcesKind{"MIL", "forces", "forces of "}
	forcesCop = forcesKind{"COP", "forces", "police of "}
	forcesSpy = forcesKind{"SPY", "forces", "intelligence services of "}
	forcesGov = forcesKind{"GOV", "org", "government of "}
	forcesLeg = forcesKind{"LEG", "org", "parliament of "}
	forcesDip = forcesKind{"DIP", "org", "foreign ministry of "}
)

// forcesHeads maps the nouns that name a state's armed forces and bodies
// ("Iraqi security forces", "Pakistan military", "Iran's government") to
// their kind. The codes follow CAMEO's agent codes (MIL, COP, GOV, ...).
var forcesHeads = func() map[string]forcesKind {
	m := map[string]forcesKind{}
	add := func(k forcesKind, phrases ...string) {
		for _, p := range phrases {
			m[p] = k
		}
	}
	add(forcesMil, "military", "army", "armed forces", "security forces", "forces", "troops", "soldiers",
		"military forces", "government forces", "army troops", "ground forces", "special forces",
		"counter-terrorism forces", "counterterrorism forces", "air force", "navy", "naval forces",
		"marines", "coast guard", "border guards", "border forces", "national guard", "defence forces",
		"defense forces", "armed services", "paratroopers", "commandos", "air forces",
		"military personnel", "security personnel")
	add(forcesCop, "police", "police force", "police forces", "federal police", "riot police", "policemen")
	add(forcesSpy, "intelligence", "intelligence services", "intelligence agency", "intelligence agencies",
		"spy agency", "secret service", "security services")
	add(forcesGov, "government", "administration", "cabinet", "authorities", "regime", "presidency",
		"interior ministry", "defence ministry", "defense ministry", "finance ministry", "ministry of interior",
		"ministry of defence", "ministry of defense")
	add(forcesDip, "foreign ministry", "foreign office", "ministry of foreign affairs", "embassy", "high commission",
		"mission", "consulate")
	add(forcesLeg, "parliament", "legislature", "congress", "senate", "national assembly")
	return m
}()

// maxForcesWords bounds the phrases of forcesHeads.
const maxForcesWords = 3

// norpWords are nationalities' kin the gazetteer has no country for:
// religions, sects, ethnic and political groups. A MISC name that is one
// of them is a NORP.
var norpWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`muslim muslims islamic christian christians jewish jew jews
		sunni sunnis shia shias shiite shiites shi'ite shi'ites alawite alawites druze yazidi yazidis
		kurd kurds kurdish arab arabs arabic pashtun pashtuns baloch baluch balochi hazara hazaras
		tajik tajiks uzbek uzbeks turkmen uighur uighurs uyghur uyghurs rohingya tamil tamils sikh sikhs
		hindu hindus buddhist buddhists catholic catholics protestant protestants orthodox copt copts
		coptic evangelical evangelicals islamist islamists jihadist jihadists salafist salafists salafi
		wahhabi zionist zionists maronite maronites assyrian assyrians chaldean chaldeans armenian
		republican republicans democrat democrats conservative conservatives socialist socialists
		communist communists liberal liberals african africans european europeans asian asians
		latino latinos hispanic hispanics western westerners palestinians berber berbers tuareg
		fulani hausa yoruba igbo amhara oromo tigrayan tigrayans somali houthi houthis`) {
		m[w] = true
	}
	return m
}()

// locatives precede a place ("in Mosul", "from Karachi"): a city name the
// recogniser missed is taken there.
var locatives = map[string]bool{
	"in": true, "from": true, "near": true, "to": true, "at": true, "outside": true, "around": true,
	"into": true, "across": true, "towards": true, "toward": true, "inside": true, "via": true,
}

// acronymContext are words before or after an acronym that is also an
// English word ("IS", "WHO") which show it is a name: "against IS", "IS
// fighters".
var acronymBefore = map[string]bool{
	"against": true, "by": true, "from": true, "of": true, "the": true, "with": true, "for": true,
	"and": true, "fight": true, "fighting": true, "defeat": true, "defeated": true, "join": true,
	"joined": true, "joining": true, "to": true, "on": true, "between": true, "under": true,
	"vs": true, "versus": true, "including": true, "like": true, "as": true, "that": true, "than": true,
	"over": true, "about": true, "supported": true, "support": true, "backed": true, "battling": true,
}

var acronymAfter = map[string]bool{
	"fighters": true, "militants": true, "group": true, "terrorists": true, "jihadists": true,
	"members": true, "leader": true, "leaders": true, "commander": true, "commanders": true,
	"forces": true, "attack": true, "attacks": true, "control": true, "stronghold": true,
	"strongholds": true, "territory": true, "rule": true, "propaganda": true, "'s": true, "\u2019s": true,
	"said": true, "says": true, "claimed": true, "has": true, "had": true, "have": true, "was": true,
	"were": true, "official": true, "officials": true, "chief": true, "spokesman": true, "spokesperson": true,
	"report": true, "data": true, "envoy": true, ",": true, ".": true, ")": true,
}

// calendarWords are capitalised words that precede names without being
// part of them ("on Tuesday Ali Yasin said").
var calendarWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`monday tuesday wednesday thursday friday saturday sunday
		january february march april may june july august september october november december
		today yesterday tomorrow then but and or so yet also however meanwhile
		said says told added asked according`) {
		m[w] = true
	}
	return m
}()

// lower returns s in lower case, folding typographic apostrophes, without
// allocating when s is already lower-case ASCII.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ('A' <= c && c <= 'Z') || c >= 0x80 {
			return strings.ReplaceAll(strings.ToLower(s), "\u2019", "'")
		}
	}
	return s
}
