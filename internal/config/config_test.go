package config

import (
	"strings"
	"testing"

	"github.com/artclean/artclean/cleaner"
)

func TestCleaner(t *testing.T) {
	long := "Reklama " + strings.Repeat("x", 3000) // one span over the default bound
	prose := strings.TrimSpace(strings.Repeat("Zdanie artykułu o czymś ważnym. ", 150))
	for _, tc := range []struct {
		name string
		c    Cleaner
		in   string
		want string
	}{
		{"zero is the default", Cleaner{}, "Tekst artykułu o czymś ważnym.\nReklama\n", "Tekst artykułu o czymś ważnym.\n"},
		{"disable", Cleaner{Disable: []string{"ad-marker"}}, "Tekst.\nReklama\n", "Tekst.\nReklama\n"},
		{"the default span bound", Cleaner{Rules: prefixRule(t)}, prose + "\n" + long + "\n", prose + "\n" + long + "\n"},
		{"no span bound", Cleaner{MaxSpan: -1, Rules: prefixRule(t)}, prose + "\n" + long + "\n", prose + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.c.New()
			if err != nil {
				t.Fatal(err)
			}
			if got := c.CleanString(tc.in); got != tc.want {
				t.Errorf("got %.80q, want %.80q", got, tc.want)
			}
		})
	}
	if _, err := (Cleaner{Disable: []string{"no-such-rule"}}).New(); err == nil {
		t.Error("an unknown rule was accepted")
	}
	if _, err := (Cleaner{Cores: -1}).New(); err == nil {
		t.Error("Cores -1 was accepted: the bound does not reach the Cleaner")
	}
}

// prefixRule removes a line that starts with "Reklama ", however long.
func prefixRule(t *testing.T) []*cleaner.Rule {
	rules, err := cleaner.ParseRules("t.rules", strings.NewReader("pack t\nrule ad\nkind prefix\nphrase Reklama\nremove Reklama x\n"))
	if err != nil {
		t.Fatal(err)
	}
	return rules
}
