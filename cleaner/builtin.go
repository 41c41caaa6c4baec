package cleaner

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

// The built-in rule packs, one file per language, embedded in the binary.
//
//go:embed rules/*.rules
var packFS embed.FS

var builtin = sync.OnceValues(func() ([]*Rule, error) {
	names, err := fs.Glob(packFS, "rules/*.rules")
	if err != nil {
		return nil, err
	}
	// The neutral pack first, then Polish, the primary language, then the
	// rest by name: where two packs share a phrase, the earlier one claims it.
	slices.SortStableFunc(names, func(a, b string) int { return packRank(a) - packRank(b) })
	var all []*Rule
	for _, name := range names {
		f, err := packFS.Open(name)
		if err != nil {
			return nil, err
		}
		rules, err := parseRules(name, f, false)
		f.Close()
		if err != nil {
			return nil, err
		}
		all = append(all, rules...)
	}
	return all, nil
})

func packRank(name string) int {
	switch name {
	case "rules/intl.rules":
		return 0
	case "rules/pl.rules":
		return 1
	}
	return 2
}

// BuiltinRules returns the rules embedded in artclean. They are shared: do
// not modify them.
func BuiltinRules() ([]*Rule, error) { return builtin() }

// compileOnly returns a Cleaner with exactly these rules and the character
// tier on: how a rule's examples are run.
func compileOnly(rules ...*Rule) (*Cleaner, error) {
	c := &Cleaner{rules: rules, enabled: map[string]bool{}, chars: charTier{nfc: true, spaces: true, invisible: true, mojibake: true, controls: true}}
	for _, r := range rules {
		c.enabled[r.ID] = true
		if err := c.add(r); err != nil {
			return nil, err
		}
	}
	c.patterns.finish()
	return c, nil
}

// TestRule runs a rule's examples: each Remove example must come out as its
// Want text with a removal by the rule, each Keep example must come out as
// the character tier alone leaves it, with no removal. It returns one error
// per failing example.
func TestRule(r *Rule) []error {
	c, err := compileOnly(r)
	if err != nil {
		return []error{err}
	}
	plain, _ := compileOnly()
	run := func(in string) (string, int) {
		var b strings.Builder
		n := 0
		c.CleanReport(&b, strings.NewReader(in), func(Removal) { n++ })
		return b.String(), n
	}
	var errs []error
	fail := func(ex Example, format string, args ...any) {
		errs = append(errs, &ParseError{File: r.File, Line: ex.Line, Msg: fmt.Sprintf("rule %s: %s", r.ID, fmt.Sprintf(format, args...))})
	}
	for _, ex := range r.Remove {
		got, n := run(ex.Input)
		want := plain.CleanString(ex.Want)
		if n == 0 || got != want {
			fail(ex, "remove %q: got %q, want %q", ex.Input, got, want)
		}
	}
	for _, ex := range r.Keep {
		got, n := run(ex.Input)
		if want := plain.CleanString(ex.Input); n > 0 || got != want {
			fail(ex, "keep %q: got %q", ex.Input, got)
		}
	}
	if len(r.Remove) == 0 && len(r.Keep) == 0 {
		errs = append(errs, &ParseError{File: r.File, Line: r.Line, Msg: fmt.Sprintf("rule %s has no examples", r.ID)})
	}
	return errs
}
