package extract

import (
	"slices"
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

func TestClassifyLineRemoves(t *testing.T) {
	tests := []struct {
		line string
		kind string
	}{
		{"Please enter your comment!", document.ResidueCommentForm},
		{"Please enter your name here", document.ResidueCommentForm},
		{"Leave a Reply", document.ResidueCommentForm},
		{"Leave a reply Cancel reply", document.ResidueCommentForm},
		{"You must be logged in to post a comment.", document.ResidueCommentForm},
		{"Your email address will not be published. Required fields are marked *", document.ResidueCommentForm},
		{"12 Comments", document.ResidueCommentForm},
		{"ATENÇÃO: Comentários ofensivos não serão aprovados pelo moderador.", document.ResidueCommentForm},
		{"Comments that break our rules will be removed.", document.ResidueCommentForm},
		{"Share this:", document.ResidueShare},
		{"Share on Facebook", document.ResidueShare},
		{"Facebook | Twitter | WhatsApp | Email", document.ResidueShare},
		{"Follow us on Twitter and Instagram", document.ResidueShare},
		{"Follow The Daily Example on Facebook and Twitter.", document.ResidueShare},
		{"Click To Tweet", document.ResidueShare},
		{"Related Posts", document.ResidueRelated},
		{"You may also like...", document.ResidueRelated},
		{"Read more: Harbour bridge reopens after eight weeks", document.ResidueRelated},
		{"READ MORE: Council approves the budget", document.ResidueRelated},
		{"[Related: Budget talks stall again]", document.ResidueRelated},
		{"See also – Ten facts about the harbour", document.ResidueRelated},
		{"We use cookies to improve your experience on our site.", document.ResidueCookie},
		{"By continuing to use this site you agree to our cookie policy.", document.ResidueCookie},
		{"Accept all cookies", document.ResidueCookie},
		{"Sign up for our daily newsletter", document.ResidueNewsletter},
		{"Subscribe to the Morning Brief newsletter", document.ResidueNewsletter},
		{"SUBSCRIBE Subscribe to the Example Weekly and stay informed.", document.ResidueNewsletter},
		{"Thanks for signing up!", document.ResidueNewsletter},
		{"Get the day's top headlines delivered to your inbox every morning.", document.ResidueNewsletter},
		{"Image copyright Getty Images", document.ResiduePhotoCredit},
		{"Image caption The bridge at dawn", document.ResiduePhotoCredit},
		{"Photo: Ann Example", document.ResiduePhotoCredit},
		{"(Photo Credit : Example Agency)", document.ResiduePhotoCredit},
		{"Media playback is unsupported on your device", document.ResiduePhotoCredit},
		{"The bridge at dawn. (Photo: Ann Example/Valley Post)", document.ResiduePhotoCredit},
		{"CLICK HERE TO GET THE EXAMPLE NEWS APP", document.ResiduePromo},
		{"Download the Example app for breaking news", document.ResiduePromo},
		{"Advertisement", document.ResiduePromo},
		{"Story continues below advertisement", document.ResiduePromo},
		{"Skip to content", document.ResidueNavigation},
		{"Filed under: Politics |", document.ResidueNavigation},
		{"Tags: budget, council", document.ResidueNavigation},
		{"5 min read", document.ResidueNavigation},
		{"Tempo de leitura: 2 minutos", document.ResidueNavigation},
		{"Published 18 November 2019", document.ResidueNavigation},
		{"Updated: Nov. 15, 2019 at 3:10 pm EST", document.ResidueNavigation},
		{"Posted on Monday, March 4th, 2024", document.ResidueNavigation},
		{"© 2024 Example Media Group. All rights reserved.", document.ResidueCopyright},
		{"Copyright 2019 Valley Post", document.ResidueCopyright},
		{"저작권자 ⓒ 예제뉴스, 무단전재 및 재배포금지", document.ResidueCopyright},
	}
	for _, tt := range tests {
		if got := classifyLine(tt.line); got != tt.kind {
			t.Errorf("classifyLine(%q) = %q, want %q", tt.line, got, tt.kind)
		}
	}
}

// TestClassifyLineKeeps holds article sentences that mention what residue
// is about, and must stay.
func TestClassifyLineKeeps(t *testing.T) {
	for _, line := range []string{
		"The senator said in her newsletter that she would vote against the bill.",
		"Subscribers to the newsletter rose by 12 percent last year, the company said.",
		"He told readers to sign up for the programme before the deadline in March.",
		"The company said it would use cookies only with consent, after the regulator's ruling.",
		"Bakers sold 4,000 cookies at the fair, a record for the town.",
		"Photographers were kept away from the scene by police.",
		"Published in March 2019, the report found the bridge unsafe.",
		"Updated figures from 12 March 2020 show a rise in cases.",
		"The photo, taken in 2019, shows the minister at a rally.",
		"She shared the video on Facebook and Twitter, where it was viewed a million times.",
		"Readers left more than 300 comments under the article within an hour.",
		"The minister declined to comment.",
		"Comments on the proposal can be sent to the council until May 1.",
		"Comments on the proposal will be reviewed by the council until May 1.",
		"He posted a comment that was later deleted by moderators.",
		"Related parties must disclose their stakes, the rules say.",
		"Read the full report on the council's website.",
		"More than 2,500 civilians have been killed this year.",
		"Click the button, the instructions said, and wait.",
		"The regulator told sites to let users reject all cookies by default.",
		"More-or-less stable prices helped the bakery through the winter.",
		"More – much more – was needed, the mayor said.",
		"Copyright law was the subject of the second panel.",
		"The app was downloaded two million times in its first week.",
		"Share prices fell 3 percent on Monday.",
		"Follow-up tests found no trace of the virus.",
		"Home prices rose in every region.",
		"Tags were attached to each of the birds.",
		"Subscription numbers have doubled since the paywall went up.",
		"The agency's press release was titled 'Sign up for our new service'.",
	} {
		if got := classifyLine(line); got != "" {
			t.Errorf("classifyLine(%q) = %q, want it kept", line, got)
		}
	}
}

func TestCleanResidueRelatedList(t *testing.T) {
	blocks := []block{
		{text: "The bridge reopened on Monday."},
		{text: "Related stories"},
		{text: "Council budget approved"},
		{text: "New bus routes start in the valley"},
		{text: "Traffic was light on the first day, a spokesman said."},
	}
	got := cleanResidue(blocks, nil)
	kinds := make([]string, len(got))
	for i, b := range got {
		kinds[i] = b.kind
	}
	want := []string{"", document.ResidueRelated, document.ResidueRelated, document.ResidueRelated, ""}
	if !slices.Equal(kinds, want) {
		t.Errorf("kinds = %q, want %q", kinds, want)
	}
}

func TestCleanResidueRelatedListKeepsHeadings(t *testing.T) {
	// With links known, a heading after a related list is article text
	// unless it is a link.
	links := linkSet{normalizeWords("Council budget approved"): true}
	blocks := []block{
		{text: "Related"},
		{text: "Council budget approved"},
		{text: "What happens next"},
		{text: "The council meets again in June."},
	}
	got := cleanResidue(blocks, links)
	if got[2].kind != "" || got[1].kind != document.ResidueRelated {
		t.Errorf("got %+v", got)
	}
}

func TestCleanResidueTrailingCall(t *testing.T) {
	blocks := []block{{text: "The council votes on Tuesday. Sign up for our daily newsletter to follow the story."}}
	got := cleanResidue(blocks, nil)
	if len(got) != 2 || got[0].text != "The council votes on Tuesday." || got[0].kind != "" ||
		got[1].text != "Sign up for our daily newsletter to follow the story." || got[1].kind != document.ResidueNewsletter {
		t.Errorf("got %+v", got)
	}
}

func TestCleanResidueInlineAndLines(t *testing.T) {
	blocks := []block{
		{text: "The budget passes. [Related: Budget talks stall again] Councillors cheered."},
		{text: "A short quote worth sharing. Click to Tweet"},
		{text: "First line of a poem\nShare this\nSecond line"},
	}
	got := cleanResidue(blocks, nil)
	var texts, kinds []string
	for _, b := range got {
		texts = append(texts, b.text)
		kinds = append(kinds, b.kind)
	}
	wantTexts := []string{"The budget passes.", "[Related: Budget talks stall again]", "Councillors cheered.",
		"A short quote worth sharing.", "Click to Tweet", "First line of a poem", "Share this", "Second line"}
	wantKinds := []string{"", "related", "", "", "share", "", "share", ""}
	if !slices.Equal(texts, wantTexts) || !slices.Equal(kinds, wantKinds) {
		t.Errorf("got %q %q\nwant %q %q", texts, kinds, wantTexts, wantKinds)
	}
}

func TestSplitCall(t *testing.T) {
	for _, tt := range []struct {
		line, tail, kind string
	}{
		{"Email the author at ann@example.com. Follow us on Twitter @ValleyPost or Facebook.", "Follow us on Twitter @ValleyPost or Facebook.", document.ResidueShare},
		{"The trial runs until May. Click here for more information.", "Click here for more information.", document.ResiduePromo},
		{"That was our list. Leave a comment and let us know which gadget you liked best this year.", "Leave a comment and let us know which gadget you liked best this year.", document.ResidueCommentForm},
		// Article sentences stay.
		{"Fans were asked to follow the team on its tour of Kenya.", "", ""},
		{"He said voters should click here and there without thinking. Nobody did.", "", ""},
		{"Readers may leave a comment under the story, the editor said.", "", ""},
	} {
		at, kind := splitCall(tt.line)
		tail := ""
		if at >= 0 {
			tail = tt.line[at:]
		}
		if tail != tt.tail || kind != tt.kind {
			t.Errorf("splitCall(%q) = %q (%s), want %q (%s)", tt.line, tail, kind, tt.tail, tt.kind)
		}
	}
}

func TestAbsorbBetween(t *testing.T) {
	bs := []block{
		{text: "Body paragraph one with enough words to be a real paragraph of the article."},
		{text: "Morning Newsletter", kind: document.ResidueNewsletter},
		{text: "The day's news, before breakfast."},
		{text: "Thanks for signing up!", kind: document.ResidueNewsletter},
		{text: "Body paragraph two."},
	}
	absorbBetween(bs)
	if bs[2].kind != document.ResidueNewsletter || bs[0].kind != "" || bs[4].kind != "" {
		t.Errorf("got %+v", bs)
	}
}

func TestTrailingLinks(t *testing.T) {
	links := linkSet{}
	for _, l := range []string{"Council budget approved", "New bus routes start", "Stadium plans unveiled"} {
		links[normalizeWords(l)] = true
	}
	bs := []block{
		{text: "A long paragraph of the article that goes on for quite a while, with more than thirty words in it so that it ends any run of teasers that might come after it at the end."},
		{text: "He was 72."},
		{text: "Council budget approved"},
		{text: "The vote was close, and the debate ran late."},
		{text: "New bus routes start"},
		{text: "Stadium plans unveiled"},
		{text: "Editor's note: this story was updated."},
	}
	trailingLinks(bs, links)
	var kinds []string
	for _, b := range bs {
		kinds = append(kinds, b.kind)
	}
	want := []string{"", "", "related", "related", "related", "related", ""}
	if !slices.Equal(kinds, want) {
		t.Errorf("kinds = %q, want %q", kinds, want)
	}
	// One link alone is not a list.
	bs = []block{{text: "Body."}, {text: "Council budget approved"}}
	trailingLinks(bs, links)
	if bs[1].kind != "" {
		t.Errorf("a lone link was removed")
	}
}

func TestShouting(t *testing.T) {
	for line, want := range map[string]bool{
		"CO-FOUNDER PROUD OF EMPLOYEES LIVING OUT THEIR DREAM": true,
		"WHAT YOU NEED":                   false, // three words
		"NASA AND ESA agree on a mission": false,
		"GDP ROSE 2%":                     false,
	} {
		if got := shouting(line); got != want {
			t.Errorf("shouting(%q) = %v", line, got)
		}
	}
}

func TestFirstBytes(t *testing.T) {
	set, ok := firstBytes(`^(please )?(enter|type) your`)
	if !ok {
		t.Fatal("not worked out")
	}
	for c := 0; c < 256; c++ {
		want := c == 'p' || c == 'e' || c == 't'
		if set[c] != want {
			t.Errorf("byte %q: %v, want %v", rune(c), set[c], want)
		}
	}
	for _, expr := range []string{`\bcookie`, `(^|[.!?] )thanks`, `^\w+ x`} {
		if set, ok := firstBytes(expr); ok && !set['z'] {
			t.Errorf("%s: worked out %v, but it can start anywhere", expr, ok)
		}
	}
	// Every anchored pattern still matches its own examples: the table
	// of removals in TestClassifyLineRemoves runs through the first-byte
	// check. Count how many patterns got a table, so that a change that
	// silently disables it shows.
	n := 0
	for _, p := range patterns {
		if p.first != nil {
			n++
		}
	}
	if n < len(patterns)/2 {
		t.Errorf("only %d of %d patterns have a first-byte table", n, len(patterns))
	}
}
