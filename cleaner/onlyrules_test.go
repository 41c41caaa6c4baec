package cleaner

// onlyRules returns a Cleaner with exactly these rules, every one on, and
// neither the built-in rules nor the guard: a rule's effect alone.
func onlyRules(rules ...*Rule) (*Cleaner, error) {
	on := make([]*Rule, len(rules))
	for i, r := range rules {
		c := *r
		c.Off = false
		on[i] = &c
	}
	return New(WithoutBuiltins(), WithoutGuard(), WithRules(on...))
}
