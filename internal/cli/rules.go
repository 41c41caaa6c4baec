package cli

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/batch"
	"github.com/artclean/artclean/internal/ruleid"
	"github.com/artclean/artclean/internal/ruletest"
	"github.com/artclean/artclean/internal/suggest"
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
		Example: `  artclean rules                    every rule: ID, kind, default, description
  artclean rules --rules my.rules   with a rule file's rules too
  artclean rules show pl/teaser     one rule with its phrases and examples
  artclean rules test my.rules      run a rule file's examples`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			rules, err := allRules()
			if err != nil {
				return err
			}
			return printRuleTable(stdio, rules, true)
		},
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "show ID|PACK|FAMILY",
		Short: "Print one rule with its phrases and examples, or list a pack's or a family's rules",
		Example: `  artclean rules show pl/teaser     one rule: phrases, patterns, examples
  artclean rules show pl            the Polish pack's rules
  artclean rules show teaser        the teaser rule of every pack`,
		Args: usageArgs(cobra.ExactArgs(1)),
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeWords(ruleIDWords)(nil, nil, toComplete)
		},
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
			// A pack ("pl"), a family ("teaser") or a glob ("*/date-line"):
			// the table of its rules.
			var some []*cleaner.Rule
			for _, r := range rules {
				if r.Pack == args[0] || ruleid.Match(args[0], r.ID) {
					some = append(some, r)
				}
			}
			if len(some) > 0 {
				return printRuleTable(stdio, some, false)
			}
			if near := suggest.Closest(args[0], ruleWords(rules)); near != "" {
				return usageError{fmt.Errorf("no rule, pack or family %q: did you mean %s?", args[0], near)}
			}
			return usageError{fmt.Errorf("no rule, pack or family %q (see 'artclean rules')", args[0])}
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "test FILE",
		Short: "Run the examples of the rules in a rule file",
		Example: `  artclean rules test my.rules      exit 0 when every example passes, 1 when one fails,
                                    2 when the file cannot be read or parsed`,
		Args: usageArgs(cobra.ExactArgs(1)),
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
				for _, e := range ruletest.Examples(r) {
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

// printRuleTable lists rules, and with chars the character filters first.
func printRuleTable(stdio IO, rules []*cleaner.Rule, chars bool) error {
	tw := tabwriter.NewWriter(stdio.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tDEFAULT\tDESCRIPTION")
	if chars {
		for _, id := range charIDs {
			fmt.Fprintf(tw, "%s\tcharacter\ton\t%s\n", id, charDescriptions[id])
		}
	}
	for _, r := range rules {
		def := onOff(!r.Off)
		if !r.Scope.IsZero() {
			def += " (" + r.Scope.String() + " only)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Kind, def, r.Description)
	}
	return tw.Flush()
}

// charIDs are the character filters' IDs, in the order 'artclean rules'
// lists them.
var charIDs = []string{cleaner.IDMojibake, cleaner.IDNFC, cleaner.IDSpaces, cleaner.IDInvisible, cleaner.IDControls}

// ruleWords are what a user may name a rule by: IDs, packs, family names
// and the character filters' IDs, each once.
func ruleWords(rules []*cleaner.Rule) []string {
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	for _, id := range charIDs {
		add(id)
	}
	for _, r := range rules {
		add(r.ID)
		add(r.Pack)
		if _, name, ok := strings.Cut(r.ID, "/"); ok {
			add(name)
		}
	}
	return words
}
