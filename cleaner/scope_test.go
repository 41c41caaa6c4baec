package cleaner

import (
	"strings"
	"sync"
	"testing"
)

const scopedRules = `
pack site-a
scope dir=a
rule footer
kind marker
phrase Stopka serwisu A
remove Stopka serwisu A

pack site-b
scope domain=b.pl
rule footer
kind marker
phrase Stopka serwisu B
remove Stopka serwisu B

pack everywhere
rule footer
kind marker
phrase Stopka wspólna
remove Stopka wspólna
`

const scopedDoc = "Tekst artykułu.\nStopka serwisu A\nStopka serwisu B\nStopka wspólna\n"

// scopedCleaner is a Cleaner with scopedRules on top of the built-in ones.
func scopedCleaner(t *testing.T) *Cleaner {
	t.Helper()
	rules, err := ParseRules("scoped.rules", strings.NewReader(scopedRules))
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(WithRules(rules...))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestScopeApply(t *testing.T) {
	rules, err := ParseRules("scoped.rules", strings.NewReader(scopedRules))
	if err != nil {
		t.Fatal(err)
	}
	if rules[0].Scope != (Scope{"dir", "a"}) || rules[1].Scope != (Scope{"domain", "b.pl"}) || !rules[2].Scope.IsZero() {
		t.Fatalf("scopes: %v %v %v", rules[0].Scope, rules[1].Scope, rules[2].Scope)
	}
	c, err := New(WithRules(rules...))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.ScopeKeys(); strings.Join(got, ",") != "dir,domain" {
		t.Errorf("ScopeKeys = %q", got)
	}
	both := "Tekst artykułu.\n"
	onlyB := "Tekst artykułu.\nStopka serwisu B\n"
	onlyA := "Tekst artykułu.\nStopka serwisu A\n"
	none := "Tekst artykułu.\nStopka serwisu A\nStopka serwisu B\n"
	for _, tc := range []struct {
		name  string
		clean *Cleaner
		want  string
	}{
		{"no group: scoped packs stay out", c, none},
		{"empty group", c.In(nil), none},
		{"dir a", c.In(map[string]string{"dir": "a"}), onlyB},
		{"domain b.pl", c.In(map[string]string{"domain": "b.pl"}), onlyA},
		{"both in one call", c.In(map[string]string{"dir": "a", "domain": "b.pl"}), both},
		{"dir, then the record's field", c.In(map[string]string{"dir": "a"}).In(map[string]string{"domain": "b.pl"}), both},
		{"a look-alike value", c.In(map[string]string{"dir": "ab", "domain": "b.pl.evil"}), none},
		{"the value under another key", c.In(map[string]string{"site": "a", "dir": "b.pl"}), none},
		{"later value for the same key wins", c.In(map[string]string{"dir": "a"}).In(map[string]string{"dir": "x"}), none},
	} {
		if got := tc.clean.CleanString(scopedDoc); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	if c.In(map[string]string{"dir": "a"}) != c.In(map[string]string{"dir": "a"}) {
		t.Error("In builds a group's Cleaner again instead of reusing it")
	}
	if c.In(map[string]string{"dir": "zzz"}) != c {
		t.Error("a group without scoped packs should get the unscoped Cleaner")
	}

	off, err := New(WithRules(rules...), WithDisabled("site-a/*"))
	if err != nil {
		t.Fatal(err)
	}
	if got := off.In(map[string]string{"dir": "a"}).CleanString(scopedDoc); got != none {
		t.Errorf("disabled scoped rule still ran: %q", got)
	}
}

func TestScopeParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"scope dir=a\npack p\n", `"scope" before any "pack" line`},
		{"pack p\nrule r\nkind marker\nphrase X\nremove X\nscope dir=a\n", "belongs right after"},
		{"pack p\nscope dir\n", "scope is KEY=VALUE"},
		{"pack p\nscope =a\n", "scope is KEY=VALUE"},
		{"pack p\nscope dir=\n", "scope is KEY=VALUE"},
		{"pack p\nscope a b=c\n", "scope is KEY=VALUE"},
		{"pack p\nscope meta..site=c\n", "scope is KEY=VALUE"},
	} {
		_, err := ParseRules("x.rules", strings.NewReader(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.src, err, tc.want)
		}
	}
	// A new pack line ends the scope; dotted keys and values with spaces
	// or dots are fine.
	rules, err := ParseRules("x.rules", strings.NewReader("pack p\nscope meta.site = Gazeta Lokalna.pl\nrule r\nkind marker\nphrase X\nremove X\npack q\nrule r\nkind marker\nphrase Y\nremove Y\n"))
	if err != nil {
		t.Fatal(err)
	}
	if rules[0].Scope != (Scope{"meta.site", "Gazeta Lokalna.pl"}) || !rules[1].Scope.IsZero() {
		t.Errorf("scopes: %+v %+v", rules[0].Scope, rules[1].Scope)
	}
}

func TestScopeBadPatternFailsInNew(t *testing.T) {
	r := &Rule{ID: "p/r", Pack: "p", Kind: KindPattern, Patterns: []string{"(unclosed"}, Scope: Scope{"dir", "a"}}
	if _, err := New(WithRules(r)); err == nil {
		t.Error("New accepted a scoped rule with a bad pattern")
	}
}

// Scoped teaser and leading rules take part like the unscoped ones.
func TestScopeTeaserAndLeading(t *testing.T) {
	rules, err := ParseRules("x.rules", strings.NewReader(`
pack site
scope dir=s
rule teaser
kind teaser
phrase Przeczytaj na stronie
remove Przeczytaj na stronie: coś innego
rule leading
kind leading
pattern ID-\d+
remove ID-12 Tekst => Tekst
`))
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(WithRules(rules...))
	if err != nil {
		t.Fatal(err)
	}
	in := "ID-12 Tekst artykułu.\n\nPrzeczytaj na stronie: Inny artykuł\n"
	if got, want := c.In(map[string]string{"dir": "s"}).CleanString(in), "Tekst artykułu.\n"; got != want {
		t.Errorf("in group: got %q, want %q", got, want)
	}
	if got, want := c.CleanString(in), "ID-12 Tekst artykułu.\n\nPrzeczytaj na stronie: Inny artykuł\n"; got != want {
		t.Errorf("without group: got %q, want %q", got, want)
	}
}

// Workers share a Cleaner: In builds and caches group Cleaners under
// concurrent calls, and each group still gets its own rules (go test -race
// checks the cache).
func TestScopeConcurrent(t *testing.T) {
	c := scopedCleaner(t)
	groups := []map[string]string{{"dir": "a"}, {"domain": "b.pl"}, {"dir": "a", "domain": "b.pl"}, {"dir": "x"}}
	want := make([]string, len(groups))
	for i, g := range groups {
		want[i] = c.In(g).CleanString(scopedDoc)
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 100 {
				i := (w + j) % len(groups)
				if got := c.In(groups[i]).CleanString(scopedDoc); got != want[i] {
					t.Errorf("group %v: got %q, want %q", groups[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// Picking a document's Cleaner runs per JSON Lines record: for one group
// it must not allocate once the group's Cleaner exists.
func TestScopeInAllocs(t *testing.T) {
	c := scopedCleaner(t)
	group := map[string]string{"domain": "b.pl"}
	c.In(group)
	if n := testing.AllocsPerRun(100, func() { c.In(group) }); n != 0 {
		t.Errorf("In allocates %v times per call", n)
	}
}
