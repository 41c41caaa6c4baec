package cleaner

import (
	"strings"
	"testing"
)

// A pattern is checked on its own as well as wrapped in the anchors a
// pattern rule adds: ")|x|(" parses wrapped, and would match every line.
func TestPatternMustParseAlone(t *testing.T) {
	for _, p := range []string{")|x|(", `\Qabc`, "(a"} {
		src := "pack x\nrule r\nkind pattern\ndescription d\npattern " + p + "\n"
		if _, err := ParseRules("x.rules", strings.NewReader(src)); err == nil {
			t.Errorf("ParseRules accepted pattern %q", p)
		}
		r := &Rule{ID: "x/r", Pack: "x", Kind: KindPattern, Patterns: []string{p}}
		if _, err := New(WithRules(r)); err == nil {
			t.Errorf("New accepted a rule with pattern %q", p)
		}
	}
}
