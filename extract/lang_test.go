package extract

import "testing"

func TestDetectLanguage(t *testing.T) {
	en := "The council approved the budget on Tuesday after a long debate about the cost of new buses and the repair of the old bridge."
	pt := "O conselho aprovou o orçamento na terça-feira depois de um longo debate sobre o custo dos novos autocarros e a reparação da ponte."
	tests := []struct {
		name, text, declared, detected string
		want                           string
		minConf, maxConf               float64
	}{
		{"agree", en, "en-US", "en", "en", 0.95, 0.95},
		{"detect alone", en, "", "", "en", 0.5, 1},
		{"declared agrees with sample", en, "en", "", "en", 0.9, 1},
		{"text outweighs a wrong declaration", pt, "en", "pt", "pt", 0.5, 1},
		{"too short to tell", "Menu Home", "", "", "", 0, 0.5},
		{"nothing detectable uses the declaration", "12345 67890 !!!", "fr", "", "fr", 0.6, 0.6},
		{"a short guess is no verdict", "SOCCER - RESULTS .", "", "", "", 0, 0.5},
	}
	for _, tt := range tests {
		lang, conf := detectLanguage(tt.text, tt.declared, tt.detected)
		if tt.want != "" && lang != tt.want || conf < tt.minConf || conf > tt.maxConf {
			t.Errorf("%s: detectLanguage = %q, %v; want %q in [%v, %v]", tt.name, lang, conf, tt.want, tt.minConf, tt.maxConf)
		}
	}
}

func TestPrimaryTag(t *testing.T) {
	for in, want := range map[string]string{"en-GB": "en", "PT_br": "pt", " de ": "de", "zh-Hant-TW": "zh", "eng": "", "": ""} {
		if got := primaryTag(in); got != want {
			t.Errorf("primaryTag(%q) = %q, want %q", in, got, want)
		}
	}
}
