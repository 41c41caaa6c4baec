package cli

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/batch"
	"github.com/spf13/cobra"
)

func newRulesCmd(stdio IO) *cobra.Command {
	var ruleFiles []string
	allRules := func() ([]*cleaner.Rule, error) {
		user, err := loadRuleFiles(ruleFiles)
		if err != nil {
			return nil, err
		}
		c, err := cleaner.New(cleaner.WithRules(user...))
		if err != nil {
			return nil, err
		}
		return c.Rules(), nil
	}
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules and character filters with their IDs",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			rules, err := allRules()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(stdio.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tKIND\tDEFAULT\tDESCRIPTION")
			for _, id := range []string{cleaner.IDMojibake, cleaner.IDNFC, cleaner.IDSpaces, cleaner.IDInvisible, cleaner.IDControls} {
				fmt.Fprintf(tw, "%s\tcharacter\ton\t%s\n", id, charDescriptions[id])
			}
			for _, r := range rules {
				def := onOff(!r.Off)
				if !r.Scope.IsZero() {
					def += " (" + r.Scope.String() + " only)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Kind, def, r.Description)
			}
			return tw.Flush()
		},
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "show ID",
		Short: "Print one rule with its phrases and examples",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			rules, err := allRules()
			if err != nil {
				return err
			}
			for _, r := range rules {
				if r.ID == args[0] {
					printRule(stdio, r)
					return nil
				}
			}
			if d, ok := charDescriptions[args[0]]; ok {
				fmt.Fprintf(stdio.Out, "filter %s\nkind character\ndefault on\ndescription %s\n", args[0], d)
				return nil
			}
			return usageError{fmt.Errorf("no rule %q (see 'artclean rules')", args[0])}
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "test FILE",
		Short: "Run the examples of the rules in a rule file",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], batch.UnwrapPathError(err))
			}
			defer f.Close()
			rules, err := cleaner.ParseRules(args[0], f)
			if err != nil {
				return err
			}
			failed := 0
			for _, r := range rules {
				for _, e := range cleaner.TestRule(r) {
					fmt.Fprintf(stdio.Err, "artclean: %v\n", e)
					failed++
				}
			}
			if failed > 0 {
				return exitError{ExitChanges}
			}
			fmt.Fprintf(stdio.Out, "%d rules, all examples pass\n", len(rules))
			return nil
		},
	})
	cmd.PersistentFlags().StringArrayVar(&ruleFiles, "rules", nil, "also list the rules in `FILE` (repeatable)")
	return cmd
}

var charDescriptions = map[string]string{
	cleaner.IDMojibake:  "repair text that was UTF-8 read as windows-1250/1252 (Ĺ‚ → ł, Ã³ → ó) where the repair is unambiguous",
	cleaner.IDNFC:       "compose text to Unicode NFC",
	cleaner.IDSpaces:    "map NBSP and other Unicode spaces to a plain space",
	cleaner.IDInvisible: "remove zero-width spaces, word joiners, stray BOMs and soft hyphens",
	cleaner.IDControls:  "remove C0 and C1 control characters (NUL, ESC, DEL, …); tab is a blank",
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

func printRule(stdio IO, r *cleaner.Rule) {
	w := stdio.Out
	// The output is itself a rule file: copy it, edit it, load it with --rules.
	name := strings.TrimPrefix(r.ID, r.Pack+"/")
	fmt.Fprintf(w, "pack %s\n", r.Pack)
	if !r.Scope.IsZero() {
		fmt.Fprintf(w, "scope %s\n", r.Scope)
	}
	fmt.Fprintf(w, "rule %s\nkind %s\ndefault %s\ndescription %s\n", name, r.Kind, onOff(!r.Off), r.Description)
	list := func(key string, vals []string) {
		for _, v := range vals {
			fmt.Fprintf(w, "%s %s\n", key, v)
		}
	}
	list("phrase", r.Phrases)
	list("strict-phrase", r.StrictPhrases)
	list("pattern", r.Patterns)
	list("label", r.Labels)
	if len(r.Months) > 0 {
		list("month", []string{strings.Join(r.Months, " ")})
	}
	if len(r.Weekdays) > 0 {
		list("weekday", []string{strings.Join(r.Weekdays, " ")})
	}
	if len(r.Words) > 0 {
		list("word", []string{strings.Join(r.Words, " ")})
	}
	for _, e := range r.Remove {
		fmt.Fprintf(w, "remove %s\n", exampleText(e))
	}
	for _, e := range r.Keep {
		fmt.Fprintf(w, "keep %s\n", exampleText(e))
	}
}

func exampleText(e cleaner.Example) string {
	s := strings.ReplaceAll(strings.ReplaceAll(e.Input, `\`, `\\`), "\n", `\n`)
	if e.Want != "" {
		s += " => " + strings.ReplaceAll(strings.ReplaceAll(e.Want, `\`, `\\`), "\n", `\n`)
	}
	return s
}
