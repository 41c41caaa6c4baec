package cleaner_test

import (
	"strings"
	"testing"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/ruletest"
)

// Every built-in rule's examples run as tests: a rule is only as good as
// what it is shown to remove and to keep.
func TestBuiltinRuleExamples(t *testing.T) {
	rules, err := cleaner.BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 {
		t.Fatal("no built-in rules")
	}
	for _, r := range rules {
		t.Run(r.ID, func(t *testing.T) {
			for _, err := range ruletest.Examples(r) {
				t.Error(err)
			}
		})
	}
}

// A scoped rule's examples run without its group, and a keep rule's
// examples (keep lines only) pass with nothing removed.
func TestRuleExamplesScopedAndKeep(t *testing.T) {
	for name, src := range map[string]string{
		"scoped": "pack p\nscope meta.site = Gazeta Lokalna.pl\nrule r\nkind marker\nphrase X\nremove X\n",
		"keep":   "pack review-keep\nrule keep\nkind keep\nphrase Reklama\nkeep Reklama\n",
	} {
		rules, err := cleaner.ParseRules(name+".rules", strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if errs := ruletest.Examples(rules[0]); len(errs) > 0 {
			t.Errorf("%s: %v", name, errs)
		}
	}
}
