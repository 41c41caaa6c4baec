package suggest

import "testing"

func TestClosest(t *testing.T) {
	ids := []string{"pl/teaser", "pl/ad-marker", "en/teaser", "nfc", "rules", "learn"}
	for _, tc := range []struct{ word, want string }{
		{"pl/teasr", "pl/teaser"},
		{"pl/ad-maker", "pl/ad-marker"},
		{"rulse", "rules"},
		{"lern", "learn"},
		{"nfd", "nfc"},
		{"zzzzzz", ""},
	} {
		got := Closest(tc.word, ids)
		if got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}
