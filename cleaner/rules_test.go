package cleaner

import "testing"

// Every built-in rule's examples run as tests: a rule is only as good as
// what it is shown to remove and to keep.
func TestBuiltinRuleExamples(t *testing.T) {
	rules, err := BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 {
		t.Fatal("no built-in rules")
	}
	for _, r := range rules {
		t.Run(r.ID, func(t *testing.T) {
			for _, err := range TestRule(r) {
				t.Error(err)
			}
		})
	}
}
