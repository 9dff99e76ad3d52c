package extract

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/document"
)

// The residue pass. Extractors keep, and scraped text carries, lines that
// belong to the page around the article: comment forms, share buttons,
// related-article lists, cookie and newsletter notices, photo credits,
// promos, navigation and copyright lines. Readers do not want them, and
// later stages would read them as claims.
//
// Every rule matches a whole line (or a bracketed aside, or a known
// trailing button label), and is written in the imperative or boilerplate
// form such lines take, so that an article sentence that merely mentions a
// newsletter, a comment or a photo stays. Rules that depend on a line being
// short count words, so that a long paragraph is never taken for a label.

// exact holds labels that are residue when a line says nothing else. Keys
// are lower case, with the punctuation around them trimmed (see bare).
var exact = map[string]string{}

// maxExactLen is the length in bytes of the longest key in exact.
var maxExactLen int

func init() {
	add := func(kind string, labels ...string) {
		for _, l := range labels {
			exact[l] = kind
			maxExactLen = max(maxExactLen, len(l))
		}
	}
	add(document.ResidueCommentForm,
		"please enter your comment", "please enter your name here", "please enter your name",
		"please enter your email address here", "please enter your email address", "please enter your email",
		"please enter your website", "you have entered an incorrect email address",
		"leave a reply", "leave a comment", "post a comment", "add a comment", "write a comment",
		"cancel reply", "submit comment", "post comment", "comments", "comment", "reply",
		"you must be logged in to post a comment", "log in to comment", "login to comment",
		"sign in to comment", "log in to leave a comment", "comments are closed", "comments closed",
		"comments for this article are closed", "commenting is closed", "join the conversation",
		"join the discussion", "be the first to comment", "no comments yet", "no comments",
		"show comments", "view comments", "load comments", "read comments", "see comments",
		"notify me of follow-up comments by email", "notify me of new posts by email",
		"save my name, email, and website in this browser for the next time i comment",
		"name", "email", "website", "name *", "email *", "your name", "your email",
		"comment on this story", "have your say",
		"deja un comentario", "deixe um comentário", "lascia un commento", "laisser un commentaire",
		"kommentar schreiben", "comentários", "comentarios", "commenti", "commentaires", "kommentare")
	add(document.ResidueShare,
		"share", "share this", "share this article", "share this story", "share this post",
		"share this page", "share article", "share story", "share on facebook", "share on twitter",
		"share on linkedin", "share on whatsapp", "share via email", "share by email", "share with friends",
		"tweet", "tweet this", "click to tweet", "print", "print this", "print this article",
		"email this", "email this article", "copy link", "copy url", "link copied", "shares",
		"follow us", "follow", "like us on facebook", "share this with", "compartilhe", "compartilhar",
		"condividi", "partager", "teilen", "поделиться", "공유하기")
	add(document.ResidueRelated,
		"related", "related posts", "related articles", "related stories", "related content",
		"related coverage", "related news", "related links", "related reading", "related topics",
		"related video", "related videos", "related items", "related articles and links",
		"read more", "read also", "also read", "also see", "see also", "read next", "read this next",
		"more from", "more stories", "more news", "more articles", "more on this", "more on this story",
		"more like this", "more to explore", "more coverage", "recommended", "recommended for you",
		"recommended stories", "recommended articles", "recommended reading", "you may also like",
		"you might also like", "you may be interested in", "you might be interested in",
		"you may have missed", "trending", "trending now", "trending stories", "most read",
		"most popular", "most viewed", "popular posts", "popular stories", "popular now",
		"latest news", "latest stories", "latest posts", "latest articles", "top stories",
		"what to read next", "up next", "keep reading", "don't miss", "editor's picks",
		"leia também", "leia mais", "veja também", "leggi anche", "lire aussi", "à lire aussi",
		"lesen sie auch", "baca juga", "читайте также", "관련기사")
	add(document.ResiduePromo,
		"advertisement", "advertisements", "advertising", "sponsored", "sponsored content",
		"paid content", "paid post", "promoted content", "partner content", "ad",
		"story continues below advertisement", "article continues below advertisement",
		"continue reading below", "article continues below", "story continues below",
		"scroll to continue with content", "continue reading the main story",
		"continue reading", "click here", "download the app", "publicidade", "pubblicità", "anzeige",
		"реклама", "광고")
	add(document.ResidueNavigation,
		"skip to content", "skip to main content", "skip to navigation", "back to top",
		"go to top", "home", "menu", "search", "close", "open menu", "close menu",
		"previous article", "next article", "previous post", "next post", "previous", "next",
		"previous story", "next story", "toggle navigation", "main menu", "sign in", "log in",
		"sign up", "register", "subscribe now", "newsletters", "subscribe", "loading",
		"loading...", "image", "photo", "video", "gallery", "view gallery", "enlarge this image",
		"expand", "collapse", "show more", "show less", "see more", "view more")
	add(document.ResidueNewsletter,
		"newsletter", "sign up for our newsletter", "subscribe to our newsletter",
		"get our newsletter", "join our newsletter", "thanks for signing up", "thank you for signing up",
		"thanks for subscribing", "thank you for subscribing", "you're all set", "you are now subscribed",
		"enter your email", "enter your email address", "your email address", "email address",
		"sign up now", "sign up today", "sign up here", "subscribe today", "subscribe here")
	add(document.ResiduePhotoCredit,
		"media playback is unsupported on your device", "image copyright", "image caption",
		"getty images", "photo credit", "image credit", "image source", "photo courtesy",
		"media caption", "hide caption", "toggle caption", "show caption", "enlarge image",
		"view image in fullscreen", "caption")
	add(document.ResidueCopyright, "all rights reserved", "all rights reserved.")
}

// pattern is a residue rule over one line. maxWords bounds the line's
// length in words. need, when set, lists substrings separated by "|" of
// which the line must hold one before the regular expression is tried:
// most lines are article text, and a substring search rules them out far
// faster than an unanchored regular expression.
type pattern struct {
	kind     string
	rx       *regexp.Regexp
	maxWords int
	need     string
	// first, when set, holds the bytes a matching line can start with,
	// worked out from rx (see firstBytes).
	first *[256]bool
}

func init() {
	for i := range patterns {
		if set, ok := firstBytes(patterns[i].rx.String()); ok {
			patterns[i].first = set
		}
	}
}

// firstBytes works out the bytes a match of an expression anchored at the
// start of the text can begin with. Most lines are article text whose
// first byte no label starts with, and a table lookup rules them out far
// faster than running thirty expressions. ok is false when the expression
// is not anchored or too involved to tell; it is then always run.
func firstBytes(expr string) (*[256]bool, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, false
	}
	re = re.Simplify()
	var set [256]bool
	var add func(re *syntax.Regexp, anchored bool) bool
	add = func(re *syntax.Regexp, anchored bool) bool {
		switch re.Op {
		case syntax.OpAlternate:
			for _, sub := range re.Sub {
				if !add(sub, anchored) {
					return false
				}
			}
			return true
		case syntax.OpCapture, syntax.OpPlus:
			return add(re.Sub[0], anchored)
		case syntax.OpConcat:
			subs := re.Sub
			if len(subs) > 0 && subs[0].Op == syntax.OpBeginText {
				subs, anchored = subs[1:], true
			}
			if !anchored {
				return false
			}
			// The first part that cannot match nothing bounds the set;
			// optional parts before it add theirs.
			for _, sub := range subs {
				if sub.Op == syntax.OpQuest || sub.Op == syntax.OpStar {
					if !add(sub.Sub[0], true) {
						return false
					}
					continue
				}
				return add(sub, true)
			}
			return false
		case syntax.OpLiteral:
			if !anchored || re.Flags&syntax.FoldCase != 0 || len(re.Rune) == 0 {
				return false
			}
			var buf [utf8.UTFMax]byte
			utf8.EncodeRune(buf[:], re.Rune[0])
			set[buf[0]] = true
			return true
		case syntax.OpCharClass:
			if !anchored {
				return false
			}
			for i := 0; i+1 < len(re.Rune); i += 2 {
				lo, hi := re.Rune[i], re.Rune[i+1]
				for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
					set[r] = true
				}
				if hi >= utf8.RuneSelf {
					for b := 0xC0; b < 0x100; b++ { // any multi-byte start
						set[b] = true
					}
				}
			}
			return true
		}
		return false
	}
	if !add(re, false) {
		return nil, false
	}
	return &set, true
}

// maxPatternWords is the longest line any pattern looks at.
const maxPatternWords = 80

func (p *pattern) match(lower string, words int) bool {
	if words > p.maxWords || p.first != nil && (lower == "" || !p.first[lower[0]]) {
		return false
	}
	if p.need != "" {
		found := false
		for n := range strings.SplitSeq(p.need, "|") {
			if strings.Contains(lower, n) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return p.rx.MatchString(lower)
}

// patterns are tried on each line's lower-cased form.
var patterns = []pattern{
	// Comment forms and comment policies.
	{document.ResidueCommentForm, regexp.MustCompile(`^(please )?(enter|type) your (comment|name|email|e-mail|website)\b`), 12, "", nil},
	{document.ResidueCommentForm, regexp.MustCompile(`^your (email|e-mail) address will not be published`), 30, "", nil},
	{document.ResidueCommentForm, regexp.MustCompile(`^required fields are marked`), 12, "", nil},
	{document.ResidueCommentForm, regexp.MustCompile(`^you must be (logged|signed) in to (post|leave|add) a comment`), 20, "", nil},
	{document.ResidueCommentForm, regexp.MustCompile(`^\d+ (comments?|responses?|replies)$`), 3, "", nil},
	{document.ResidueCommentForm, regexp.MustCompile(`^(leave|post|add|write) a (reply|comment|response)\b`), 12, "", nil},
	{document.ResidueCommentForm, regexp.MustCompile(`^(comments|commenting) (are|is) (closed|disabled|moderated)`), 25, "", nil},
	{document.ResidueCommentForm, regexp.MustCompile(`^(this site uses akismet|save my name,? email)`), 30, "", nil},
	// A comment policy: what will be done to comments, in one short
	// notice, in the languages the corpus holds. The plural and the modal
	// keep "a comment he posted was later deleted" in the article.
	{document.ResidueCommentForm, regexp.MustCompile(`\b(comments|comentários|comentarios|commentaires|kommentare|commenti)\b.*\b(will|may|are|serão|podem|serán|seront|werden|saranno)\b.*\b(moderat|moderad|approv|aprovad|aprobad|delet|exclu[ií]d|remov)`), 50, "moder|approv|aprov|aprob|delet|exclu|remov", nil},

	// Share and follow lines.
	{document.ResidueShare, regexp.MustCompile(`^(share|tweet|post|pin)( (this|it))?( (article|story|post|page))?( on| via| to)? ?(facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|email|e-mail|flipboard|telegram|messenger)\b`), 8, "", nil},
	{document.ResidueShare, regexp.MustCompile(`^(follow|like|join) (us|me)\b.{0,60}\b(on|at|via) (facebook|twitter|x|instagram|linkedin|youtube|tiktok|threads|google news|telegram|whatsapp|bluesky|mastodon)`), 30, "", nil},
	{document.ResidueShare, regexp.MustCompile(`^follow (@\w+|the [\w ]{1,40}|[\p{L}.' ]{1,40}) on (twitter|facebook|instagram|linkedin|youtube|tiktok|threads|bluesky)\b`), 25, "", nil},
	{document.ResidueShare, regexp.MustCompile(`^(follow|like) (us|me)$`), 2, "", nil},

	// Inline related-article links: "Read more: <headline>".
	{document.ResidueRelated, regexp.MustCompile(`^(read more|read also|also read|see also|related|related articles?|related stories|related story|related links?|related coverage|related content|more|more from [\w .'-]{1,40}|recommended|you may also like|you might also like|more on this( story)?|further reading|leia também|leia mais|veja também|leggi anche|lire aussi|baca juga|читайте также)\s*(:|\.\.\.|…|>>|»|\|)\s*\S`), 35, "", nil},
	// With a dash, "More – much more – was needed" is a sentence.
	{document.ResidueRelated, regexp.MustCompile(`^(read more|read also|also read|see also|related|related articles?|related stories|related story|related links?|related coverage|related content|more from [\w .'-]{1,40}|recommended|you may also like|you might also like|more on this( story)?|further reading|leia também|leia mais|veja também|leggi anche|lire aussi|baca juga|читайте также)\s+[-–—]\s*\S`), 35, "", nil},
	{document.ResidueRelated, regexp.MustCompile(`^\[(related|read more|see also|also read|more|read)\s*:.*\]$`), 40, "", nil},

	// Cookie notices, in the site's own voice.
	{document.ResidueCookie, regexp.MustCompile(`\b(we|this (web)?site|our (web)?site|this page|our partners) (use|uses|are using|is using) cookies\b`), 80, "cookie", nil},
	{document.ResidueCookie, regexp.MustCompile(`^(accept|allow|manage|reject|decline) (all |our )?cookies\b|^cookie (settings|preferences|consent|policy|notice)\b`), 8, "", nil},
	{document.ResidueCookie, regexp.MustCompile(`^by (continuing to (use|browse)|using) (this|our) (site|website)`), 60, "", nil},

	// Newsletter and subscription calls: imperative, at the start of a
	// line or sentence.
	{document.ResidueNewsletter, regexp.MustCompile(`^(get|receive) (our|the) [\w ,'-]{0,50}newsletter\b`), 40, "", nil},
	{document.ResidueNewsletter, regexp.MustCompile(`^subscribe\b`), 40, "", nil},
	{document.ResidueNewsletter, regexp.MustCompile(`^[\w'’ -]{0,40} newsletter$`), 5, "", nil},
	{document.ResidueNewsletter, regexp.MustCompile(`^(enter|type) your (email|e-mail)\b`), 15, "", nil},
	{document.ResidueNewsletter, regexp.MustCompile(`\bdelivered (straight |directly )?to your inbox\b`), 40, "inbox", nil},
	{document.ResidueNewsletter, regexp.MustCompile(`^keep an eye on your inbox\b|\berror processing your subscription\b`), 20, "", nil},

	// Photo and media credits and captions.
	{document.ResiduePhotoCredit, regexp.MustCompile(`^(image|photo|picture|video|media|graphic|illustration)s? (copyright|caption|credit|source|courtesy)\b`), 40, "", nil},
	{document.ResiduePhotoCredit, regexp.MustCompile(`^\(?(photos?|images?|pictures?|foto|credit|photo credit|image credit|photograph)\s*(:|by\b|courtesy of\b|©)`), 25, "", nil},
	{document.ResiduePhotoCredit, regexp.MustCompile(`\((photo|image|foto|credit|photo credit)\s*:\s*[^()]{1,80}\)$`), 30, "(", nil},
	{document.ResiduePhotoCredit, regexp.MustCompile(`^©\s*[^\d\s][^\d]{0,59}$`), 5, "", nil},
	{document.ResiduePhotoCredit, regexp.MustCompile(`[/|]\s*(getty images|shutterstock|istock|istockphoto|ap photo|afp via getty images)\s*\)?$`), 30, "getty|shutterstock|istock|ap photo", nil},

	// Promos.
	{document.ResiduePromo, regexp.MustCompile(`^click here (to|for)\b`), 30, "", nil},
	{document.ResiduePromo, regexp.MustCompile(`\bclick(ing)? here\b`), 15, "click", nil},
	{document.ResiduePromo, regexp.MustCompile(`^(download|get|install) (the|our) [\w ]{0,40}\bapps?\b`), 20, "", nil},
	{document.ResiduePromo, regexp.MustCompile(`^join (our|the) [\w ]{0,40}\b(forums?|community|discord|club|conversation on)\b`), 30, "", nil},
	{document.ResiduePromo, regexp.MustCompile(`^(advertisement|sponsored|story continues below|article continues below|continue reading below)\b`), 6, "", nil},

	// Navigation and page furniture.
	{document.ResidueNavigation, regexp.MustCompile(`^(filed under|tags|tagged|tagged with|topics|categories|category|posted in|published in|more about)\s*:`), 40, "", nil},
	{document.ResidueNavigation, regexp.MustCompile(`^(\d+|one|two|three|four|five|six|seven|eight|nine|ten) ?(-| )?min(ute)?s?\.? read$`), 4, "", nil},
	{document.ResidueNavigation, regexp.MustCompile(`^(reading time|tempo de leitura|tiempo de lectura|tempo di lettura|temps de lecture|lesezeit)\s*:?`), 8, "", nil},
	{document.ResidueNavigation, regexp.MustCompile(`^home\s*(>|»|/|\|)`), 20, "", nil},
	// A dateline left in the body ("Published 18 November 2019",
	// "Updated: Nov. 15, 2019 at 3:10 pm"): the date is in the metadata.
	{document.ResidueNavigation, regexp.MustCompile(`^(published|updated|posted|last updated|first published)( on)?:?\s+((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(\d{1,2}(st|nd|rd|th)?\s+[a-z]+\.?|[a-z]+\.?\s+\d{1,2}(st|nd|rd|th)?),?\s+(19|20)\d\d(,?\s+(at\s+)?\d{1,2}[:.]\d\d\s*([ap]\.?m\.?)?(\s+[a-z]{2,4})?)?\.?$`), 12, "", nil},

	// Copyright lines.
	{document.ResidueCopyright, regexp.MustCompile(`^(©|ⓒ|\(c\) ?(19|20)\d\d)|^copyright:? ?(©|ⓒ|\(c\)|(19|20)\d\d|[\pL&.' -]{1,40}(19|20)\d\d)`), 40, "", nil},
	{document.ResidueCopyright, regexp.MustCompile(`\ball rights reserved\b`), 40, "rights reserved", nil},
	{document.ResidueCopyright, regexp.MustCompile(`저작권자|무단\s*전재|재배포\s*금지`), 60, "저작권|무단|재배포", nil},
	{document.ResidueCopyright, regexp.MustCompile(`this material may not be published, broadcast, rewritten,? or redistributed`), 60, "material may not", nil},
}

// trailingLabels are button labels that extractors glue to the end of the
// paragraph they followed.
var trailingLabels = []struct {
	kind  string
	label string
}{
	{document.ResidueShare, "click to tweet"},
	{document.ResidueShare, "tweet this"},
}

// sentenceCalls are calls to action that can follow article sentences in
// the same paragraph: they start a sentence, and the paragraph is residue
// from there to its end.
var sentenceCalls = []struct {
	kind string
	rx   *regexp.Regexp
	need string
}{
	{document.ResidueNewsletter, regexp.MustCompile(`(?i)(^|[.!?]["”’]? +)((sign up|subscribe|register) (now |today |here )?(for|to) (our|the|my|this)\b.{0,80}\b(newsletters?|digest|briefing|inbox|email updates|email alerts)\b.*)$`), "newsletter|digest|briefing|inbox|email"},
	{document.ResidueNewsletter, regexp.MustCompile(`(?i)(^|[.!?]["”’]? +)((thanks|thank you) for (signing up|subscribing)\b.*)$`), "thank"},
	{document.ResidueShare, regexp.MustCompile(`(?i)(^|[.!?]["”’]? +)((follow|like|join) (us|me)\b.{0,60}\b(on|at|via) (facebook|twitter|x|instagram|linkedin|youtube|tiktok|threads|bluesky|mastodon)\b.*)$`), "follow|like|join"},
	{document.ResiduePromo, regexp.MustCompile(`(?i)(^|[.!?]["”’]? +)(click here (to|for)\b.*)$`), "click here"},
	{document.ResidueCommentForm, regexp.MustCompile(`(?i)(^|[.!?]["”’]? +)((leave|post|add|write|drop) (us )?a (reply|comment)\b.*)$`), "reply|comment"},
}

// splitCall returns where a trailing call to action starts in line, and
// its kind; -1 when there is none. The call must be short: a long tail is
// more likely an article sentence that happens to match.
func splitCall(line string) (int, string) {
	lower := strings.ToLower(line)
	for _, c := range sentenceCalls {
		found := false
		for n := range strings.SplitSeq(c.need, "|") {
			if strings.Contains(lower, n) {
				found = true
				break
			}
		}
		if !found {
			continue
		}
		if m := c.rx.FindStringSubmatchIndex(line); m != nil && wordCount(line[m[4]:]) <= 50 {
			return m[4], c.kind
		}
	}
	return -1, ""
}

// rxBracketAside matches "[Related: …]"-style asides inside a paragraph.
var rxBracketAside = regexp.MustCompile(`(?i)\[\s*(related|read more|see also|also read|read)\s*:[^\]]{1,200}\]`)

// linkSet holds the texts of a page's links, as normalizeWords gives them,
// so that a paragraph that is nothing but a link can be told from
// article text. It is nil for plain text, where links are unknown.
type linkSet map[string]bool

func (ls linkSet) has(line string) bool {
	return ls != nil && ls[normalizeWords(line)]
}

// cleanResidue runs the residue pass over the blocks of one article, and
// returns them with residue split off and tagged. Article blocks keep
// kind "".
func cleanResidue(blocks []block, links linkSet) []block {
	out := make([]block, 0, len(blocks))
	inRelated := false
	for _, b := range blocks {
		var kept []string
		flushKept := func() {
			if len(kept) > 0 {
				out = append(out, block{text: strings.Join(kept, "\n"), heading: b.heading, item: b.item})
				kept = nil
			}
		}
		for line := range strings.SplitSeq(b.text, "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			kind := classifyLine(line)
			switch {
			case kind != "":
			case inRelated && headlineLike(line, b, links):
				kind = document.ResidueRelated
			case !b.heading && shouting(line) && links.has(line):
				// A linked headline in capitals between paragraphs is a
				// teaser for another story; the article's own headings
				// in capitals are not links.
				kind = document.ResidueRelated
			}
			if kind != "" {
				// A bare "Related" or "You may also like" heads a list:
				// the headline-like lines after it go with it.
				inRelated = kind == document.ResidueRelated && (inRelated || exact[bare(line)] == kind)
				flushKept()
				out = append(out, block{text: line, kind: kind})
				continue
			}
			inRelated = false
			var call *block
			if at, kind := splitCall(line); at == 0 {
				flushKept()
				out = append(out, block{text: line, kind: kind})
				continue
			} else if at > 0 {
				call = &block{text: line[at:], kind: kind}
				line = strings.TrimSpace(line[:at])
			}
			for _, p := range splitAsides(line) {
				if p.kind != "" {
					flushKept()
					out = append(out, p)
					continue
				}
				kept = append(kept, p.text)
			}
			if call != nil {
				flushKept()
				out = append(out, *call)
			}
		}
		flushKept()
	}
	absorbBetween(out)
	trailingLinks(out, links)
	return out
}

// boxKinds are the residue that comes as a box of several lines, whose
// lines in between are residue too.
var boxKinds = map[string]bool{
	document.ResidueNewsletter: true, document.ResidueCookie: true, document.ResidueCommentForm: true,
}

// absorbBetween gives a short article block that sits between two pieces
// of box residue of one kind that kind too: the rest of a newsletter box
// ("Get the day's big stories…" between "Pick Six Newsletter" and "Thanks
// for signing up!").
func absorbBetween(bs []block) {
	for i := 0; i < len(bs); i++ {
		if !boxKinds[bs[i].kind] || i+1 >= len(bs) || bs[i+1].kind != "" {
			continue
		}
		kind := bs[i].kind
		j := i + 1
		for j < len(bs) && bs[j].kind == "" && wordCount(bs[j].text) <= 25 && !bs[j].heading && j-i <= 4 {
			j++
		}
		if j < len(bs) && j > i+1 && bs[j].kind == kind {
			for k := i + 1; k < j; k++ {
				bs[k].kind = kind
			}
		}
		i = j - 1
	}
}

// trailingLinks marks the list of linked headlines many pages end with
// ("more stories", teasers with a line of summary each) as related. The
// run is read backwards from the end over linked lines, short lines and
// residue; it must hold at least two linked lines, and is trimmed to start
// and end with one, so that the article's own short last paragraph and a
// closing editor's note are not taken with it.
func trailingLinks(bs []block, links linkSet) {
	if links == nil {
		return
	}
	first, last, linked := -1, -1, 0
	for i := len(bs) - 1; i >= 0; i-- {
		b := bs[i]
		if b.kind != "" {
			continue
		}
		if wordCount(b.text) >= 2 && links.has(b.text) {
			linked++
			first = i
			if last < 0 {
				last = i
			}
			continue
		}
		if wordCount(b.text) > 30 {
			break // a full paragraph ends the run
		}
	}
	if linked < 2 {
		return
	}
	for i := first; i <= last; i++ {
		if bs[i].kind == "" {
			bs[i].kind = document.ResidueRelated
		}
	}
}

// shouting reports whether line is four words or more in capitals.
func shouting(line string) bool {
	upper := 0
	for _, r := range line {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 12 && wordCount(line) >= 4
}

func wordCount(s string) int {
	n := 0
	for range strings.FieldsSeq(s) {
		n++
	}
	return n
}

// headlineLike reports whether a line after a "Related" header reads like
// one more linked headline: short, not a heading of the article, and a
// link where links are known, or without the final punctuation of a
// sentence where they are not.
func headlineLike(line string, b block, links linkSet) bool {
	n := wordCount(line)
	if n == 0 || n > 25 || b.heading {
		return false
	}
	if links != nil {
		return links.has(line)
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune(".!?:;\"”’»", last)
}

// splitAsides takes bracketed related-link asides and trailing button
// labels out of an article line.
func splitAsides(line string) []block {
	var out []block
	for {
		loc := rxBracketAside.FindStringIndex(line)
		if loc == nil {
			break
		}
		if before := strings.TrimSpace(line[:loc[0]]); before != "" {
			out = append(out, block{text: before})
		}
		out = append(out, block{text: line[loc[0]:loc[1]], kind: document.ResidueRelated})
		line = strings.TrimSpace(line[loc[1]:])
	}
	var tail []block
	for changed := true; changed && line != ""; {
		changed = false
		lower := strings.ToLower(line)
		for _, t := range trailingLabels {
			if strings.HasSuffix(lower, t.label) && len(line) > len(t.label) {
				cut := len(line) - len(t.label)
				r, _ := utf8.DecodeLastRuneInString(line[:cut])
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					continue // part of a longer word
				}
				tail = append([]block{{text: line[cut:], kind: t.kind}}, tail...)
				line = strings.TrimSpace(line[:cut])
				changed = true
			}
		}
	}
	if line != "" {
		out = append(out, block{text: line})
	}
	return append(out, tail...)
}

// classifyLine returns the residue kind of a whole line, or "".
func classifyLine(line string) string {
	words := wordCount(line)
	if words > maxPatternWords {
		return ""
	}
	var key string
	if len(line) <= maxExactLen+8 {
		key = bare(line)
		if key == "" {
			return ""
		}
		if kind, ok := exact[key]; ok {
			return kind
		}
	}
	// Lines reach here with their white space already collapsed, by the
	// HTML renderer or by splitParagraphs.
	lower := strings.ToLower(line)
	for i := range patterns {
		if patterns[i].match(lower, words) {
			return patterns[i].kind
		}
	}
	if key != "" && isShareBar(key) {
		return document.ResidueShare
	}
	if at, kind := splitCall(line); at == 0 {
		return kind
	}
	return ""
}

// bare lower-cases a line, collapses its spaces and trims the punctuation
// and bullets around it, for exact matching.
func bare(line string) string {
	s := strings.Join(strings.Fields(strings.ToLower(line)), " ")
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '*' && r != '\'' || unicode.IsSymbol(r)
	})
}

// shareWords make up the rows of share buttons pages render as text.
var shareWords = map[string]bool{
	"share": true, "shares": true, "tweet": true, "facebook": true, "twitter": true, "x": true,
	"email": true, "e-mail": true, "mail": true, "print": true, "whatsapp": true, "linkedin": true,
	"pinterest": true, "reddit": true, "tumblr": true, "flipboard": true, "telegram": true,
	"messenger": true, "copy": true, "link": true, "pin": true, "it": true, "sms": true, "this": true,
	"on": true, "via": true, "comments": true, "comment": true, "save": true, "google": true,
	"instagram": true, "youtube": true, "threads": true, "bluesky": true, "line": true, "more": true,
	"url": true, "article": true, "story": true,
}

// networks are the words a share bar cannot do without.
var networks = map[string]bool{
	"facebook": true, "twitter": true, "whatsapp": true, "linkedin": true, "pinterest": true,
	"reddit": true, "tumblr": true, "flipboard": true, "telegram": true, "messenger": true,
	"email": true, "instagram": true, "youtube": true, "share": true, "tweet": true,
}

// isShareBar reports whether key is nothing but share-button labels, with
// at least two of them naming a network or the act of sharing.
func isShareBar(key string) bool {
	ws := strings.FieldsFunc(key, func(r rune) bool {
		return unicode.IsSpace(r) || r == '|' || r == '/' || r == '·' || r == '•' || r == ','
	})
	if len(ws) < 2 || len(ws) > 16 {
		return false
	}
	nets := 0
	for _, w := range ws {
		w = strings.Trim(w, ".:!()[]")
		if !shareWords[w] {
			return false
		}
		if networks[w] {
			nets++
		}
	}
	return nets >= 2
}
