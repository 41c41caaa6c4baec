package cleaner

import (
	"strings"
	"testing"
)

// A keep rule spares exactly the lines it names, from line rules and teaser
// rules alike, and nothing else: the same rules still take the other lines.
func TestKeepRule(t *testing.T) {
	const file = `pack review-keep
rule keep
kind keep
description lines kept after review
phrase Reklama
phrase   Czytaj więcej:   Jak oszczędzać prąd zimą
keep Reklama
`
	rules, err := ParseRules("keep.rules", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	const in = "Pierwszy akapit artykułu o cenach prądu w Polsce.\n\nReklama\n\n- REKLAMA -\n\nCzytaj więcej: Jak oszczędzać prąd zimą\n\nCzytaj więcej: Inny tytuł artykułu\n\nOstatni akapit artykułu.\n"
	for _, tc := range []struct {
		name  string
		rules []*Rule
		want  []string // rules of the removals, in order
	}{
		{"without", nil, []string{"pl/ad-marker", "pl/ad-marker", "pl/teaser", "pl/teaser"}},
		{"with", rules, []string{"pl/ad-marker", "pl/teaser"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New(WithRules(tc.rules...), WithLanguages("pl"))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var texts []string
			var b strings.Builder
			if _, err := c.Clean(&b, strings.NewReader(in), &Hooks{Removal: func(r Removal) {
				got = append(got, r.Rule)
				texts = append(texts, r.Text)
			}}); err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("removals %q (%q), want %q", got, texts, tc.want)
			}
			if tc.rules != nil {
				for _, kept := range []string{"\nReklama\n", "Czytaj więcej: Jak oszczędzać prąd zimą\n"} {
					if !strings.Contains(b.String(), kept) {
						t.Errorf("output lost %q:\n%s", kept, b.String())
					}
				}
			}
		})
	}
}

func TestKeepRuleParseErrors(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"pack p\nrule k\nkind keep\nkeep x\n", "keep.rules:2: rule p/k: kind keep needs at least one phrase"},
		{"pack p\nrule k\nkind keep\nphrase x\nremove x\n", "keep.rules:2: rule p/k: kind keep removes nothing: no strict-phrase, no remove examples"},
		{"pack p\nrule k\nkind keep\nphrase x\npattern x\n", "keep.rules:2: rule p/k: pattern is only for pattern, leading and inline rules"},
	} {
		_, err := ParseRules("keep.rules", strings.NewReader(tc.file))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q: got %v, want %s", tc.file, err, tc.want)
		}
	}
}
