package extract

import "testing"

func TestParseDate(t *testing.T) {
	tests := map[string]string{
		"2019-11-19":                      "2019-11-19",
		"2019-11-19T23:30:00-05:00":       "2019-11-19", // the day as written, in its own zone
		"2019/1/5":                        "2019-01-05",
		"20191119":                        "2019-11-19",
		"Tue, 19 Nov 2019 10:00:00 +0000": "2019-11-19",
		"November 19, 2019":               "2019-11-19",
		"Nov. 3rd, 2020":                  "2020-11-03",
		"3 March 2021":                    "2021-03-03",
		"19 de novembro de 2019":          "",
		"2019-02-30":                      "", // no such day
		"1889-01-01":                      "", // before the web
		"3000-01-01":                      "", // far future
		"":                                "",
		"yesterday":                       "",
	}
	for in, want := range tests {
		if got := parseDate(in); got != want {
			t.Errorf("parseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestURLDate(t *testing.T) {
	tests := map[string]string{
		"https://example.com/2019/11/18/browns-fight/": "2019-11-18",
		"https://example.com/news/2019-11-18-story":    "2019-11-18",
		"https://example.com/20191118/story":           "2019-11-18",
		"https://example.com/2019/11/story":            "",
		"https://example.com/story-12345678":           "",
		"https://example.com/2019/13/40/story":         "",
		"https://example.com/state/2019/nov/18/story/": "2019-11-18",
		"https://example.com/tuft-cells-20191115/":     "2019-11-15",
		"https://example.com/news-474349633.html":      "",
	}
	for in, want := range tests {
		if got := urlDate(in); got != want {
			t.Errorf("urlDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJSONLDDate(t *testing.T) {
	tests := []struct {
		name   string
		blocks []string
		want   string
	}{
		{"article", []string{`{"@type":"NewsArticle","datePublished":"2020-05-01T10:00:00Z"}`}, "2020-05-01"},
		{"graph prefers the article", []string{`{"@graph":[{"@type":"WebPage","datePublished":"2018-01-01"},{"@type":["Article"],"datePublished":"2020-05-02"}]}`}, "2020-05-02"},
		{"array", []string{`[{"@type":"Organization"},{"@type":"BlogPosting","datePublished":"2020-05-03"}]`}, "2020-05-03"},
		{"other type as fallback", []string{`{"@type":"WebPage","datePublished":"2020-05-04"}`}, "2020-05-04"},
		{"created", []string{`{"@type":"WebPage","dateCreated":"2020-05-05"}`}, "2020-05-05"},
		{"broken JSON then good", []string{`{"@type":`, `{"@type":"Article","datePublished":"2020-05-06"}`}, "2020-05-06"},
		{"none", []string{`{"@type":"Article"}`}, ""},
	}
	for _, tt := range tests {
		if got := jsonLDDate(tt.blocks); got != tt.want {
			t.Errorf("%s: jsonLDDate = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFindDateOrder(t *testing.T) {
	h := head{
		metas: []metaTag{{"article:published_time", "2021-06-01T09:00:00Z"}},
		times: []timeTag{{"2021-06-03", false}},
	}
	if d := findDate(h, "https://x.test/2021/06/02/a", ""); d.value != "2021-06-01" || d.from != FromMeta {
		t.Errorf("meta first: %+v", d)
	}
	h.metas = nil
	if d := findDate(h, "https://x.test/2021/06/02/a", ""); d.value != "2021-06-02" || d.from != FromURL {
		t.Errorf("url next: %+v", d)
	}
	if d := findDate(h, "", ""); d.value != "2021-06-03" || d.from != FromHTML {
		t.Errorf("time element: %+v", d)
	}
	if d := findDate(head{}, "", "Posted on March 4, 2021 by the desk. The vote..."); d.value != "2021-03-04" || d.from != FromText || d.confidence >= 0.5 {
		t.Errorf("text: %+v", d)
	}
	if d := findDate(head{metas: []metaTag{{"article:modified_time", "2021-07-01"}}}, "", ""); d.confidence > 0.6 {
		t.Errorf("a modification date is trusted too much: %+v", d)
	}
	if d := findDate(head{}, "", "No dates here."); d.value != "" || d.from != "" {
		t.Errorf("nothing: %+v", d)
	}
}
