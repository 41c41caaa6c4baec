package cleaner

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
)

// The built-in packs are read without checking their patterns (see
// TestBuiltinFacts): ParseRules, which checks everything, must accept them
// and give the same rules.
func TestBuiltinPacksParse(t *testing.T) {
	names, err := fs.Glob(packFS, "rules/*.rules")
	if err != nil || len(names) == 0 {
		t.Fatalf("no packs: %v", err)
	}
	builtin, err := BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range names {
		data, err := fs.ReadFile(packFS, name)
		if err != nil {
			t.Fatal(err)
		}
		rules, err := ParseRules(name, bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		n += len(rules)
	}
	if n != len(builtin) {
		t.Errorf("ParseRules read %d rules from the packs, BuiltinRules has %d", n, len(builtin))
	}
}

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
