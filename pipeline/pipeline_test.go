package pipeline

import (
	"testing"

	"github.com/crosscheck/crosscheck/document"
)

func TestEnglish(t *testing.T) {
	for _, tc := range []struct {
		lang string
		conf float64
		want bool
	}{
		{"", 0, true},
		{"en", 0.99, true},
		{"fr", 0.5, true}, // a short text's guess
		{"fr", 0.6, false},
		{"pt", 0.95, false},
	} {
		if got := English(document.Meta{Language: tc.lang, LanguageConfidence: tc.conf}); got != tc.want {
			t.Errorf("English(%s, %.2f) = %v, want %v", tc.lang, tc.conf, got, tc.want)
		}
	}
}
