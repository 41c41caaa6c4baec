package cleaner

import "strings"

// addKeep files a keep rule's phrases (KindKeep) as whole lines, written as
// the character tier leaves a line: trimmed (the parser did that) and runs
// of spaces folded to one.
func (m *matchers) addKeep(r *Rule) {
	if m.keeps == nil {
		m.keeps = map[string]*Rule{}
	}
	for _, p := range r.Phrases {
		m.keeps[strings.Join(strings.Fields(p), " ")] = r
	}
}

// kept reports a line that a keep rule names. The map is nil unless a user
// file has a keep rule, so the usual cost is one length check.
func (m *matchers) kept(t []byte) bool {
	return len(m.keeps) > 0 && m.keeps[string(t)] != nil
}

// keptByRule reports a line a keep rule excepts from the line and teaser
// rules: it goes on as an ordinary line (inline spans may still be cut).
func (d *lineRules) keptByRule(t []byte) bool {
	return d.m.kept(t) || d.c.extra != nil && d.c.extra.kept(t)
}
