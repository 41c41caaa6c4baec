package cleaner

import (
	"embed"
	"io/fs"
	"slices"
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

// BuiltinRules returns a copy of the rules embedded in artclean.
func BuiltinRules() ([]*Rule, error) {
	rules, err := builtinRules()
	return cloneRules(rules), err
}

// builtinRules returns the built-in rules themselves, shared by every
// Cleaner: nothing may change them.
func builtinRules() ([]*Rule, error) { return builtin() }
