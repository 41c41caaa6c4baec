package cleaner

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMatchPrefixes(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{`AFP|AP`, `"afp" "ap"`},
		{`Reuters`, `"reut"*`},
		{`(?i)fot\.`, `"fot."*`},
		{`[(\[]?dpa`, `"(dpa"* "[dpa"* "dpa"`},
		{`© ?[^ ].*`, `"©"*`}, // © is two bytes: the class after it is too big to list
		{`ab*c`, `"ab"* "ac"`},
		{`ab?c`, `"abc" "ac"`},
		{`a(?:bc){2}`, `"abc"*`},
		{`a(?:bc){1}d`, `"abcd"*`},
		{`\d{1,2}\.`, `"0"* "1"* "2"* "3"* "4"* "5"* "6"* "7"* "8"* "9"*`},
		{`.+`, `""*`},
		{`\p{Lu}{2}`, `""*`},
		{`(?i)źle`, `"Źle"* "źle"*`}, // ź is two bytes
		{`x|`, `"" "x"`},
		{`^(?:(?i)czytaj|zobacz)$`, `"czyt"* "zoba"*`},
	} {
		re, err := syntax.Parse(tc.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := prefixString(matchPrefixes(re)); got != tc.want {
			t.Errorf("matchPrefixes(%q) = %s, want %s", tc.expr, got, tc.want)
		}
	}
}

func prefixString(set []prefix) string {
	var parts []string
	for _, p := range set {
		s := `"` + p.String() + `"`
		if !p.whole {
			s += "*"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// TestNormPrefixesBounds checks that a set too large is cut to shorter
// prefixes, and stays one every string of the old set starts with.
func TestNormPrefixesBounds(t *testing.T) {
	var set []prefix
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			set = append(set, makePrefix([]byte(string([]rune{a, b, 'x'})), true))
		}
	}
	got := normPrefixes(set)
	if len(got) > maxPrefixes {
		t.Fatalf("%d prefixes, more than %d", len(got), maxPrefixes)
	}
	for _, p := range set {
		ok := false
		for _, g := range got {
			ok = ok || !g.whole && strings.HasPrefix(p.String(), g.String()) || g == p
		}
		if !ok {
			t.Fatalf("%q is in no prefix of %s", p, prefixString(got))
		}
	}
}

// TestPrefixIndexAdmitsMatches generates matches of every built-in pattern
// and checks that the index lets each through to its pattern: a prefix set
// that missed a case variant, a class or an optional part would skip
// lines the pattern removes.
func TestPrefixIndexAdmitsMatches(t *testing.T) {
	c, err := New(WithEnabled("*"))
	if err != nil {
		t.Fatal(err)
	}
	c.allMatchers() // built on first use; read directly here
	pi := &c.patterns
	rng := rand.New(rand.NewPCG(1, 2))
	for i, p := range pi.all {
		re := p.re.get()
		for _, s := range generateMatches(t, re, rng, 200) {
			if set := pi.prefixes.set(pi.prefixes.lookup([]byte(s))); set[i>>6]&(1<<(i&63)) == 0 {
				t.Fatalf("%s: the index rules out %q, which %s matches", p.rule.ID, s, re)
			}
		}
	}
}

// Every leading rule's pre-check admits the lines its regexp finds a match
// at the start of: generated matches, with text after them.
func TestLeadingPrefixesAdmitMatches(t *testing.T) {
	c, err := New(WithEnabled("*"))
	if err != nil {
		t.Fatal(err)
	}
	c.allMatchers() // built on first use; read directly here
	if len(c.leading) == 0 {
		t.Fatal("no leading rules")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, p := range c.leading {
		re := p.re.get()
		for _, s := range generateMatches(t, re, rng, 200) {
			for _, line := range []string{s, s + " Dalszy tekst."} {
				if re.MatchString(line) && !mayStartWith([]byte(line), p.prefixes) {
					t.Fatalf("%s: the pre-check rules out %q, which %s matches", p.rule.ID, line, re)
				}
			}
		}
	}
	i := slices.IndexFunc(c.leading, func(p *patternRule) bool { return p.rule.ID == "intl/leading-date" })
	if i < 0 {
		t.Fatal("no intl/leading-date")
	}
	set := c.leading[i].prefixes
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"date 2022-04 Tekst", true}, {"DATA 2022-04", true}, {"dat", false}, {"Prezydent", false}, {"", false},
	} {
		if got := mayStartWith([]byte(tc.line), set); got != tc.want {
			t.Errorf("mayStartWith(%q, %v) = %v", tc.line, set, got)
		}
	}
}

// generateMatches returns up to n distinct strings re matches, made at
// random from its syntax.
func generateMatches(t *testing.T, re *regexp.Regexp, rng *rand.Rand, n int) []string {
	t.Helper()
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out []string
	for try := 0; try < 10*n && len(out) < n; try++ {
		var b strings.Builder
		generate(parsed, rng, &b)
		if s := b.String(); !seen[s] && re.MatchString(s) {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		t.Fatalf("generated no match of %s", re)
	}
	return out
}

// someRunes stand in for "any character".
var someRunes = []rune("aZ09 .,:;/-–„”«»©éłŹżÄ€ЖжΩ")

func generate(re *syntax.Regexp, rng *rand.Rand, b *strings.Builder) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 {
				vs := caseVariants(nil, r, true)
				r = vs[rng.IntN(len(vs))]
			}
			b.WriteRune(r)
		}
	case syntax.OpCharClass:
		for {
			k := rng.IntN(len(re.Rune) / 2)
			// Huge classes ([^ ], \P{L}) only to their first few thousand runes.
			lo, hi := re.Rune[2*k], min(re.Rune[2*k+1], re.Rune[2*k]+0x3000)
			r := lo + rune(rng.IntN(int(hi-lo)+1))
			if utf8.ValidRune(r) && (r != '\n' || rng.IntN(2) == 0) {
				b.WriteRune(r)
				return
			}
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteRune(someRunes[rng.IntN(len(someRunes))])
	case syntax.OpCapture:
		generate(re.Sub[0], rng, b)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := 0, 3
		switch re.Op {
		case syntax.OpPlus:
			lo = 1
		case syntax.OpQuest:
			hi = 1
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
			if hi < 0 {
				hi = lo + 3
			}
		}
		for range lo + rng.IntN(hi-lo+1) {
			generate(re.Sub[0], rng, b)
		}
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			generate(sub, rng, b)
		}
	case syntax.OpAlternate:
		generate(re.Sub[rng.IntN(len(re.Sub))], rng, b)
	}
}

// FuzzPatternIndex checks the pattern index's pre-checks (prefixes,
// literals exact or scanned, marks, lengths) on any pattern: the index
// must find the pattern on every line its regexp matches, the fuzzed line
// and matches generated from the pattern's syntax.
func FuzzPatternIndex(f *testing.F) {
	for _, s := range []struct{ expr, line string }{
		{`(?:ČTK|TASR)/\p{Lu}{2}`, "ČTK/AB"},
		{`(?i)fot\. ?.{0,40}`, "FOT. Jan Nowak"},
		{`[(\[]?(?:dpa|AFP|AP)(?: ?/ ?\p{L}{1,6}){0,3}[)\]]?\.?`, "(dpa/lkl)"},
		{`.*(?i:todos los derechos reservados)[.!]?`, "© 2024, Todos los derechos reservados."},
		{`x*ſ|k{2,3}`, "KK"},
	} {
		f.Add(s.expr, s.line)
	}
	f.Fuzz(func(t *testing.T, expr, line string) {
		full := `^(?:` + expr + `)$`
		if len(full) > 300 || checkPattern(expr) != nil {
			return // ParseRules and New refuse it
		}
		parsed, err := syntax.Parse(full, syntax.Perl)
		if err != nil {
			return
		}
		re, err := regexp.Compile(full)
		if err != nil {
			return
		}
		var pi patternIndex
		r := &Rule{ID: "fuzz/pattern"}
		pi.add(&patternRule{re: &lazyRegexp{expr: full}, rule: r}, factsOf(parsed))
		pi.finish()
		var sc patternScratch
		lines := []string{line}
		rng := rand.New(rand.NewPCG(uint64(len(expr)), uint64(len(line))))
		for range 20 {
			var b strings.Builder
			generate(parsed, rng, &b)
			lines = append(lines, b.String())
		}
		for _, l := range lines {
			if l == "" || !utf8.ValidString(l) {
				continue
			}
			if want, got := re.MatchString(l), pi.match([]byte(l), &sc) != nil; want != got {
				t.Fatalf("pattern %s on %q: the index says %v, the regexp %v", full, l, got, want)
			}
		}
	})
}
