package cli

import (
	"slices"
	"strings"

	"github.com/artclean/artclean/cleaner"
	"github.com/spf13/cobra"
)

// Shell completion (cobra's 'completion' command and __complete protocol):
// FILE arguments complete file names; flags that take rule IDs, packs or
// a fixed set of words complete those, one item of a comma list at a time.

// completeWords completes the last item of a comma-separated list from
// words: "pl/ad-marker,pl/te" offers "pl/ad-marker,pl/teaser".
func completeWords(words func() []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		done, last := "", toComplete
		if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
			done, last = toComplete[:i+1], toComplete[i+1:]
		}
		var out []string
		for _, w := range words() {
			if strings.HasPrefix(w, last) {
				out = append(out, done+w)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// fixedWords completes one of a few words, with a space after it.
func fixedWords(words ...string) cobra.CompletionFunc {
	return cobra.FixedCompletions(words, cobra.ShellCompDirectiveNoFileComp)
}

// ruleIDWords are what --disable and --enable take: rule IDs, packs as
// globs ("pl/*"), family names ("teaser") and the character filters.
func ruleIDWords() []string {
	rules, err := cleaner.BuiltinRules()
	if err != nil {
		return nil
	}
	words := ruleWords(rules)
	for _, p := range packNames(rules) {
		words = append(words, p+"/*")
	}
	slices.Sort(words)
	return slices.Compact(words)
}

// packWords are the built-in language packs, for --lang.
func packWords() []string {
	rules, err := cleaner.BuiltinRules()
	if err != nil {
		return nil
	}
	return packNames(rules)
}

func packNames(rules []*cleaner.Rule) []string {
	var packs []string
	for _, r := range rules {
		if !slices.Contains(packs, r.Pack) {
			packs = append(packs, r.Pack)
		}
	}
	return packs
}

// encodingWords are common names --encoding takes (any WHATWG label works).
var encodingWords = []string{"utf-8", "windows-1250", "windows-1251", "windows-1252", "iso-8859-1", "iso-8859-2", "iso-8859-5", "koi8-r", "koi8-u", "utf-16le", "utf-16be"}

// registerCompletions wires the completions of the root command's flags.
func registerCompletions(root *cobra.Command) {
	// The FILE arguments are files; subcommands are offered beside them.
	root.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveDefault
	}
	for name, f := range map[string]cobra.CompletionFunc{
		"disable":     completeWords(ruleIDWords),
		"enable":      completeWords(ruleIDWords),
		"lang":        completeWords(packWords),
		"color":       fixedWords("auto", "always", "never"),
		"input":       fixedWords("text", "page"),
		"bad-records": fixedWords("keep", "skip", "fail"),
		"encoding":    fixedWords(encodingWords...),
		"field":       cobra.NoFileCompletions,
		"separator":   cobra.NoFileCompletions,
	} {
		_ = root.RegisterFlagCompletionFunc(name, f) // the flags exist: no error
	}
}
