package cleaner

// The built-in rule packs are the files rules/LANG.rules. They are compiled
// into Go data (builtin_rules.go) rather than embedded and parsed: parsing
// them was a fifth of the start-up of every run, and as data they cost
// nothing until a rule is read. TestBuiltinRules holds the data to what
// ParseRules reads from the files; after editing a pack, run go generate.
//
//go:generate go test -run ^TestBuiltin(Rules|Facts)$ -update

// BuiltinRules returns a copy of the rules built into artclean.
func BuiltinRules() ([]*Rule, error) {
	rules, err := builtinRules()
	return cloneRules(rules), err
}

// builtinRules returns the built-in rules themselves, shared by every
// Cleaner: nothing may change them. They are in pack order: the neutral
// pack first, then Polish, the primary language, then the rest by name;
// where two packs share a phrase, the earlier one claims it.
func builtinRules() ([]*Rule, error) { return builtinRuleList, nil }
