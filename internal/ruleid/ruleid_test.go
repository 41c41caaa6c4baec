package ruleid

import "testing"

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, id string
		want        bool
	}{
		{"pl/teaser", "pl/teaser", true},
		{"pl/*", "pl/teaser", true},
		{"*/ad-marker", "en/ad-marker", true},
		{"teaser", "pl/teaser", true},
		{"teaser", "pl/teaser-bare", false},
		{"en/teaser", "pl/teaser", false},
		{"nfc", "nfc", true},
		{"[", "pl/teaser", false}, // a bad glob selects nothing
	} {
		if got := Match(tc.pattern, tc.id); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.pattern, tc.id, got, tc.want)
		}
	}
}
