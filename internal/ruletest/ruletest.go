// Package ruletest runs the examples a rule carries (`remove` and `keep`
// lines in a rule file): what `artclean rules test` and `artclean learn`
// check a rule by.
package ruletest

import (
	"fmt"
	"strings"

	"github.com/artclean/artclean/cleaner"
)

// Examples runs r's examples with r alone: each Remove example must come
// out as its Want text with a removal by r, each Keep example as the
// character tier alone leaves it, with no removal. A rule that is off by
// default or scoped to a group is run as if on for every document. It
// returns one error per failing example.
func Examples(r *cleaner.Rule) []error {
	alone := *r
	alone.Off, alone.Scope = false, cleaner.Scope{}
	c, err := cleaner.New(cleaner.WithoutBuiltins(), cleaner.WithoutGuard(), cleaner.WithRules(&alone))
	if err != nil {
		return []error{err}
	}
	plain, err := cleaner.New(cleaner.WithoutBuiltins(), cleaner.WithoutGuard())
	if err != nil {
		return []error{err}
	}
	run := func(in string) (string, int) {
		var b strings.Builder
		n := 0
		c.Clean(&b, strings.NewReader(in), &cleaner.Hooks{Removal: func(cleaner.Removal) { n++ }})
		return b.String(), n
	}
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &cleaner.ParseError{File: r.File, Line: line, Msg: fmt.Sprintf("rule %s: %s", r.ID, fmt.Sprintf(format, args...))})
	}
	for _, ex := range r.Remove {
		got, n := run(ex.Input)
		want := plain.CleanString(ex.Want)
		if n == 0 || got != want {
			fail(ex.Line, "remove %q: got %q, want %q", ex.Input, got, want)
		}
	}
	for _, ex := range r.Keep {
		got, n := run(ex.Input)
		if want := plain.CleanString(ex.Input); n > 0 || got != want {
			fail(ex.Line, "keep %q: got %q", ex.Input, got)
		}
	}
	if len(r.Remove) == 0 && len(r.Keep) == 0 {
		errs = append(errs, &cleaner.ParseError{File: r.File, Line: r.Line, Msg: fmt.Sprintf("rule %s has no examples", r.ID)})
	}
	return errs
}
