package cleaner_test

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/artclean/artclean/cleaner"
)

const article = "Opening paragraph of the article about the harbour.\n" +
	"\n" +
	"Advertisement\n" +
	"\n" +
	"Read more: Ten things to do in the harbour this summer\n" +
	"\n" +
	"Closing paragraph,\u00a0with a non-breaking space.\n"

// The whole library in two calls: New with the built-in rules, and a clean.
func Example() {
	c, err := cleaner.New()
	if err != nil {
		panic(err)
	}
	fmt.Print(c.CleanString(article))
	// Output:
	// Opening paragraph of the article about the harbour.
	//
	// Closing paragraph, with a non-breaking space.
}

// Clean streams a document from a reader to a writer; its hooks hear every
// removal as it happens and the Stats count the rest.
func ExampleCleaner_Clean() {
	c, err := cleaner.New()
	if err != nil {
		panic(err)
	}
	hooks := &cleaner.Hooks{
		Removal: func(r cleaner.Removal) {
			fmt.Printf("line %d: %s %s %q (%d bytes, %d line)\n", r.Line, r.Rule, r.Action, r.Text, r.Bytes, r.Lines)
		},
		DocEnd: func(d cleaner.DocStats) {
			fmt.Printf("document %d (%s): kept %d bytes, removed %.0f%%\n", d.Doc, d.Lang, d.Kept, 100*d.Share())
		},
	}
	st, err := c.Clean(os.Stdout, strings.NewReader(article), hooks)
	if err != nil {
		panic(err)
	}
	fmt.Printf("lines %d in, %d out; spaces mapped %d\n", st.LinesIn, st.LinesOut, st.Chars.Spaces)
	// Output:
	// line 3: en/ad-marker drop-line "Advertisement" (13 bytes, 1 line)
	// line 5: en/teaser drop-line "Read more: Ten things to do in the harbour this summer" (54 bytes, 1 line)
	// document 1 (en): kept 96 bytes, removed 41%
	// Opening paragraph of the article about the harbour.
	//
	// Closing paragraph, with a non-breaking space.
	// lines 7 in, 2 out; spaces mapped 1
}

// An Event hook sees the document in order, kept lines and removals in
// place: what --explain prints.
func ExampleHooks() {
	c, err := cleaner.New()
	if err != nil {
		panic(err)
	}
	names := map[cleaner.EventKind]string{cleaner.EventKeep: "keep", cleaner.EventRemove: "remove",
		cleaner.EventBreak: "break", cleaner.EventSeparator: "separator", cleaner.EventGuard: "guard"}
	c.Clean(new(strings.Builder), strings.NewReader(article), &cleaner.Hooks{Event: func(e cleaner.Event) {
		switch e.Kind {
		case cleaner.EventRemove:
			fmt.Printf("%-6s %d %s\n", names[e.Kind], e.Line, e.Removal.Rule)
		default:
			fmt.Printf("%-6s %d %.20q\n", names[e.Kind], e.Line, e.Text)
		}
	}})
	// Output:
	// keep   1 "Opening paragraph of"
	// remove 3 en/ad-marker
	// remove 5 en/teaser
	// break  0 ""
	// keep   7 "Closing paragraph, w"
}

// A user's rules are data, read by ParseRules and added with WithRules;
// each carries examples of what it removes and keeps.
func ExampleParseRules() {
	const file = `pack site
rule promo
kind prefix
description the shop's promotion line
phrase Subscribe now
remove Subscribe now for 1 euro
keep Subscribe now, the editor wrote, and read on.
`
	rules, err := cleaner.ParseRules("site.rules", strings.NewReader(file))
	if err != nil {
		panic(err)
	}
	r := rules[0]
	fmt.Println(r.ID, r.Kind == cleaner.KindPrefix, r.Remove[0].Input, r.Scope.IsZero())
	c, err := cleaner.New(cleaner.WithRules(rules...), cleaner.WithLanguages("en"))
	if err != nil {
		panic(err)
	}
	fmt.Print(c.CleanString("Text.\nSubscribe now for 1 euro\nMore text.\n"))

	_, err = cleaner.ParseRules("bad.rules", strings.NewReader("pack site\nrule x\nkind nonsense\n"))
	var pe *cleaner.ParseError
	fmt.Println(errors.As(err, &pe), pe.File, pe.Line)
	// Output:
	// site/promo true Subscribe now for 1 euro true
	// Text.
	// More text.
	// true bad.rules 3
}

// Rules and character filters are turned off and on by ID, glob or bare
// name; the rules a Cleaner knows can be listed.
func ExampleWithDisabled() {
	c, err := cleaner.New(cleaner.WithDisabled("*/ad-marker", cleaner.IDSpaces))
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Enabled("en/ad-marker"), c.Enabled("en/teaser"), c.Enabled(cleaner.IDNFC))
	fmt.Print(c.CleanString(article))

	all, _ := cleaner.BuiltinRules()
	fmt.Println(len(c.Rules()) == len(all))
	// Output:
	// false true true
	// Opening paragraph of the article about the harbour.
	//
	// Advertisement
	//
	// Closing paragraph, with a non-breaking space.
	// true
}

// A separator line splits a stream into documents; document-start rules
// apply to each.
func ExampleWithSeparator() {
	c, err := cleaner.New(cleaner.WithSeparator("\f"))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%q\n", c.CleanString("First text.\nAdvertisement\n\f\nSecond text.\n"))
	// Output:
	// "First text.\n\f\nSecond text.\n"
}

// The guard keeps a document whole when the rules would take too much of
// it, and says so.
func ExampleWithMaxRemoved() {
	c, err := cleaner.New(cleaner.WithMaxRemoved(cleaner.DefaultMaxRemoved), cleaner.WithMaxSpan(cleaner.DefaultMaxSpan))
	if err != nil {
		panic(err)
	}
	st, _ := c.Clean(os.Stdout, strings.NewReader("Advertisement\n"), &cleaner.Hooks{Guard: func(g cleaner.Guarded) {
		fmt.Println(g.Rule, g.Whole, g.Reason)
	}})
	fmt.Println(st.KeptWhole, st.Guarded)

	off, _ := cleaner.New(cleaner.WithoutGuard())
	fmt.Printf("%q\n", off.CleanString("Advertisement\n"))
	// Output:
	// en/ad-marker true the rules would remove all of it
	// Advertisement
	// 1 1
	// ""
}

// WithoutBuiltins leaves the character tier alone; WithAllPacks applies
// every language's rules to every document.
func ExampleWithoutBuiltins() {
	plain, _ := cleaner.New(cleaner.WithoutBuiltins())
	fmt.Printf("%q\n", plain.CleanString("Advertisement\u00a0 \nText\u200b.\n"))

	every, _ := cleaner.New(cleaner.WithAllPacks())
	fmt.Printf("%q\n", every.CleanString("The article begins here.\nReklama\nAnzeige\nThe article ends here.\n"))
	// Output:
	// "Advertisement\nText.\n"
	// "The article begins here.\nThe article ends here.\n"
}

// A pack with a scope applies to one group of documents: In picks the
// Cleaner for a group.
func ExampleCleaner_In() {
	rules, err := cleaner.ParseRules("sites.rules", strings.NewReader("pack harbour\nscope dir=harbour\nrule sponsor\nkind marker\nphrase Sponsored by the harbour\nremove Sponsored by the harbour\n"))
	if err != nil {
		panic(err)
	}
	c, err := cleaner.New(cleaner.WithRules(rules...))
	if err != nil {
		panic(err)
	}
	fmt.Println(c.ScopeKeys(), rules[0].Scope)
	const doc = "Text of the article.\nSponsored by the harbour\n"
	fmt.Printf("%q\n", c.CleanString(doc))
	fmt.Printf("%q\n", c.In(map[string]string{"dir": "harbour"}).CleanString(doc))
	// Output:
	// [dir] dir=harbour
	// "Text of the article.\nSponsored by the harbour\n"
	// "Text of the article.\n"
}

// WithPages cleans a page's whole visible text, menus and footers too.
func ExampleWithPages() {
	c, err := cleaner.New(cleaner.WithPages())
	if err != nil {
		panic(err)
	}
	const page = "Home\nNews\nSport\nContact\n\n" +
		"The council voted on Tuesday to close the old harbour bridge to cars from June, after two years of repairs and a long public consultation.\n\n" +
		"The mayor said the bridge would reopen to cyclists in the autumn, once the new deck is in place and the railings have been replaced.\n\n" +
		"Share on Facebook\nTwitter\nEmail\n"
	for _, line := range strings.Split(c.CleanString(page), "\n") {
		fmt.Printf("%.30q\n", line)
	}
	// Output:
	// "The council voted on Tuesday t"
	// ""
	// "The mayor said the bridge woul"
	// ""
}

// A Kept hook sees each kept line as it is written, without a copy.
func ExampleHooks_kept() {
	c, err := cleaner.New(cleaner.WithoutGuard())
	if err != nil {
		panic(err)
	}
	c.Clean(new(strings.Builder), strings.NewReader(article), &cleaner.Hooks{Kept: func(line int, text []byte) {
		fmt.Printf("%d %.20s\n", line, text)
	}})
	// Output:
	// 1 Opening paragraph of
	// 7 Closing paragraph, w
}

// A long stream is cleaned on every core unless WithCores bounds it; the
// output is the same either way.
func ExampleWithCores() {
	long := strings.Repeat(article, 30000) // 5 MiB
	var out [2]strings.Builder
	for i, cores := range []int{1, 0} {
		c, err := cleaner.New(cleaner.WithCores(cores))
		if err != nil {
			panic(err)
		}
		if _, err := c.Clean(&out[i], strings.NewReader(long), nil); err != nil {
			panic(err)
		}
	}
	fmt.Println(out[0].String() == out[1].String(), out[0].Len() < len(long))
	// Output:
	// true true
}
