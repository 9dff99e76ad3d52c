package text

// abbrKind says how an abbreviation that keeps its period behaves at a
// possible sentence end.
type abbrKind uint8

const (
	// notAbbr: the period after the word is a full stop.
	notAbbr abbrKind = iota
	// abbrTitle precedes a name or a number ("Mr. Smith", "vs. Chelsea",
	// "No. 10"): it never ends a sentence, except before a line break.
	abbrTitle
	// abbrOther may end a sentence ("in the U.S. The next day", "Acme
	// Inc. It said"): it does when a typical sentence opener, an opening
	// quote or a line break follows.
	abbrOther
	// abbrNumber is "No." and "Nos.": an abbreviation only before a
	// number; otherwise it is the word "no" and a full stop.
	abbrNumber
)

// abbreviations lists the words that keep their period, as written
// (matching is case-sensitive: "Gen." is a rank, "gen." is not). Dotted
// acronyms (U.S., a.m., Ph.D.) and single-letter initials are recognised by
// shape, not listed. Built once, never written.
var abbreviations = map[string]abbrKind{
	// Titles and ranks.
	"Mr": abbrTitle, "Mrs": abbrTitle, "Ms": abbrTitle, "Messrs": abbrTitle,
	"Mme": abbrTitle, "Mlle": abbrTitle, "Dr": abbrOther, "Prof": abbrTitle,
	"Rev": abbrTitle, "Fr": abbrTitle, "Hon": abbrTitle, "Pres": abbrTitle,
	"Gov": abbrTitle, "Sen": abbrTitle, "Rep": abbrTitle, "Reps": abbrTitle,
	"Sens": abbrTitle, "Amb": abbrTitle, "Atty": abbrTitle, "Supt": abbrTitle,
	"Det": abbrTitle, "Insp": abbrTitle, "Gen": abbrTitle, "Lt": abbrTitle,
	"Col": abbrTitle, "Maj": abbrTitle, "Capt": abbrTitle, "Cmdr": abbrTitle,
	"Cdr": abbrTitle, "Adm": abbrTitle, "Brig": abbrTitle, "Sgt": abbrTitle,
	"Cpl": abbrTitle, "Pvt": abbrTitle, "Lieut": abbrTitle, "Gens": abbrTitle,
	"Spc": abbrTitle, "Pfc": abbrTitle, "Ens": abbrTitle, "Cpt": abbrTitle,
	"SSgt": abbrTitle, "TSgt": abbrTitle, "MSgt": abbrTitle, "Cmdt": abbrTitle,
	// Saint or Street, Mount, Fort, Doctor or Drive: a street may end a
	// sentence ("on Main St. The house").
	"St": abbrOther, "Ste": abbrOther, "Mt": abbrOther, "Ft": abbrOther,
	// In capitals, as datelines write them ("ST. JOSEPH, Mich.").
	"ST": abbrTitle, "MT": abbrTitle, "FT": abbrTitle,
	// Words that precede what they qualify.
	"vs": abbrTitle, "v": abbrTitle, "Vs": abbrTitle, "e.g": abbrTitle,
	"i.e": abbrTitle, "cf": abbrTitle, "approx": abbrTitle, "ca": abbrTitle,
	"Fig": abbrTitle, "fig": abbrTitle, "Vol": abbrTitle, "vol": abbrTitle,
	"pp": abbrTitle, "Sec": abbrTitle, "Dept": abbrOther, "Univ": abbrOther,
	"No": abbrNumber, "Nos": abbrNumber, "no": abbrNumber, "nos": abbrNumber,
	// Months: usually before a day ("Jan. 5"), but a sentence may end on one.
	"Jan": abbrOther, "Feb": abbrOther, "Mar": abbrOther, "Apr": abbrOther,
	"Jun": abbrOther, "Jul": abbrOther, "Aug": abbrOther, "Sep": abbrOther,
	"Sept": abbrOther, "Oct": abbrOther, "Nov": abbrOther, "Dec": abbrOther,
	// Weekdays as datelines write them.
	"Mon": abbrOther, "Tue": abbrOther, "Tues": abbrOther, "Wed": abbrOther,
	"Thu": abbrOther, "Thur": abbrOther, "Thurs": abbrOther, "Fri": abbrOther,
	"Sat": abbrOther,
	// Company and name suffixes, which often end a sentence.
	"Inc": abbrOther, "Corp": abbrOther, "Ltd": abbrOther, "Co": abbrOther,
	"Cos": abbrOther, "Bros": abbrOther, "Plc": abbrOther, "Jr": abbrOther,
	"Sr": abbrOther, "Esq": abbrOther, "Assn": abbrOther, "Intl": abbrOther,
	"etc": abbrOther, "al": abbrOther, "Ave": abbrOther, "Rd": abbrOther,
	"Blvd": abbrOther, "Hwy": abbrOther, "Sq": abbrOther, "est": abbrOther,
	// US states as AP style abbreviates them in datelines ("Austin, Tex.").
	"Ala": abbrOther, "Ariz": abbrOther, "Ark": abbrOther, "Calif": abbrOther,
	"Colo": abbrOther, "Conn": abbrOther, "Del": abbrOther, "Fla": abbrOther,
	"Ga": abbrOther, "Ill": abbrOther, "Ind": abbrOther, "Kan": abbrOther,
	"Ky": abbrOther, "La": abbrOther, "Md": abbrOther, "Mich": abbrOther,
	"Minn": abbrOther, "Miss": abbrOther, "Mo": abbrOther, "Mont": abbrOther,
	"Neb": abbrOther, "Nev": abbrOther, "Okla": abbrOther, "Ore": abbrOther,
	"Pa": abbrOther, "Tenn": abbrOther, "Tex": abbrOther, "Va": abbrOther,
	"Vt": abbrOther, "Wash": abbrOther, "Wis": abbrOther, "Wyo": abbrOther,
}

// starters are words that typically open an English sentence. After an
// abbreviation that may end a sentence ("U.S.", "Inc.", an initial), a
// capitalised starter means a new sentence; any other capitalised word is
// taken as part of a name ("U.S. President", "Acme Inc. Chief Executive").
// Built once, never written.
var starters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true,
	"They": true, "We": true, "I": true, "You": true, "This": true,
	"That": true, "These": true, "Those": true, "There": true, "Here": true,
	"His": true, "Her": true, "Its": true, "Their": true, "Our": true,
	"My": true, "Your": true, "In": true, "On": true, "At": true, "By": true,
	"For": true, "From": true, "With": true, "Without": true, "But": true,
	"And": true, "Or": true, "So": true, "Yet": true, "However": true,
	"Meanwhile": true, "Also": true, "After": true, "Before": true,
	"When": true, "While": true, "If": true, "As": true, "Although": true,
	"Though": true, "Because": true, "Since": true, "Some": true,
	"Many": true, "Most": true, "All": true, "Both": true, "Each": true,
	"Other": true, "Others": true, "One": true, "No": true, "Not": true,
	"What": true, "Who": true, "Why": true, "How": true, "Where": true,
	"Which": true, "Then": true, "Now": true, "Still": true, "Such": true,
	"Under": true, "During": true, "Last": true, "Earlier": true,
	"Later": true, "According": true, "Officials": true, "Police": true,
	"Mr.": true, "Mrs.": true, "Ms.": true, "Dr.": true,
}
