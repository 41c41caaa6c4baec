package cleaner

import (
	"bytes"
	"math/rand/v2"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

var scannerLiterals = []string{"foto", "fot.", "źródło", "pap", "ap", "komentarz", "he", "she", "his", "hers", "a", "ı", "i̇x"}

// The scanner finds exactly the literals strings.Contains finds in the
// lower case of the runes it was given, whether it scans a line at once or
// in steps.
func TestLiteralScanner(t *testing.T) {
	var s literalScanner
	for _, l := range scannerLiterals {
		s.id(l)
	}
	s.compile()
	checkLiteralScanner(t, &s, rand.New(rand.NewPCG(1, 1)), 20000)
}

// Scans share a scanner, whose table they fill as they go: run with -race.
func TestLiteralScannerConcurrent(t *testing.T) {
	var s literalScanner
	for _, l := range scannerLiterals {
		s.id(l)
	}
	s.compile()
	var wg sync.WaitGroup
	for k := range 4 {
		wg.Go(func() { checkLiteralScanner(t, &s, rand.New(rand.NewPCG(2, uint64(k))), 5000) })
	}
	wg.Wait()
}

func checkLiteralScanner(t *testing.T, s *literalScanner, rng *rand.Rand, n int) {
	alphabet := []string{"f", "o", "t", ".", "ź", "r", "ó", "d", "ł", "p", "a", "h", "e", "s", "i", " ", "k", "m", "n", "z",
		"F", "O", "T", "Ź", "Ó", "Ł", "P", "A", "İ", "I", "X", "x", "\xff", "ſ", "S", "\u212a"}
	var sc litScan
	for range n {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		line := []byte(b.String())
		runes := []rune(string(line))
		limit := rng.IntN(len(runes)+2) - 1 // -1: the whole line
		s.start(&sc)
		if limit > 0 && rng.IntN(2) == 0 {
			s.scan(line, &sc, rng.IntN(limit)) // a first step, then the rest
		}
		s.scan(line, &sc, limit)
		seen := runes
		if limit >= 0 && limit < len(runes) {
			seen = runes[:limit]
		}
		lower := caseKeys(string(seen))
		for _, l := range scannerLiterals {
			id := s.ids[l]
			got := sc.found[id>>6]&(1<<(id&63)) != 0
			if want := strings.Contains(lower, l); got != want {
				t.Errorf("%q in the first %d runes of %q: scanner says %v", l, limit, line, got)
				return
			}
		}
	}
}

// TestCaseKey checks that runes (?i) matches to each other, the orbits of
// unicode.SimpleFold, share a case key: the literal scanner relies on it.
func TestCaseKey(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if caseKey(f) != caseKey(r) {
				t.Fatalf("caseKey(%q) = %q, caseKey(%q) = %q: (?i) matches one to the other", f, caseKey(f), r, caseKey(r))
			}
		}
	}
	for _, tc := range []struct{ in, want string }{{"WHATſAPP", "whatsapp"}, {"\u212aM", "km"}, {"ΣΟΦΟΣ", "σοφοσ"}, {"ς", "σ"}} {
		if got := caseKeys(tc.in); got != tc.want {
			t.Errorf("caseKeys(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// requiredLiterals' bound on where a literal ends.
func TestRequiredLiteralsEnd(t *testing.T) {
	for _, tc := range []struct {
		expr     string
		lits     []string
		end      int
		tailLits []string // with fromEnd
		fromEnd  int
	}{
		{`^(?:(?i:fot\.) ?[^ ].{0,99})$`, []string{"fot."}, 4, []string{"fot."}, 105},
		{`^(?:[(\[]?(?i:źródło|tekst) ?:.*)$`, []string{"źródło", "tekst"}, 7, []string{"źródło", "tekst"}, -1},
		{`^(?:\d{1,6} comments?)$`, []string{" comment"}, 14, []string{" comment"}, 9},
		{`^(?:.*(?i:all rights reserved))$`, []string{"all rights reserved"}, -1, []string{"all rights reserved"}, 19},
		{`^(?:(?:© ?.{0,100}?)?(?i:todos los derechos reservados)[.!]?)$`, []string{"todos los derechos reservados"}, 131, []string{"todos los derechos reservados"}, 30},
		{`^(?:(?:ab){1,3}xyz)$`, []string{"xyz"}, 9, []string{"xyz"}, 3},
		{`^(?:(?:x|.+)(?:abc|defg))$`, []string{"abc", "defg"}, -1, []string{"abc", "defg"}, 4},
		{`^(?:copyright .{0,40} reserved)$`, []string{"copyright "}, 10, []string{" reserved"}, 9},
		{`^(?:a)$`, nil, 0, nil, 0},
	} {
		re, err := syntax.Parse(tc.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		lits, end, _ := requiredLiterals(re, false)
		lits = caseKeyList(lits)
		if !slices.Equal(lits, tc.lits) || end != tc.end {
			t.Errorf("requiredLiterals(%s) = %q, %d; want %q, %d", tc.expr, lits, end, tc.lits, tc.end)
		}
		lits, end, _ = requiredLiterals(re, true)
		lits = caseKeyList(lits)
		if !slices.Equal(lits, tc.tailLits) || end != tc.fromEnd {
			t.Errorf("requiredLiterals(%s, fromEnd) = %q, %d; want %q, %d", tc.expr, lits, end, tc.tailLits, tc.fromEnd)
		}
	}
}

func TestTailStart(t *testing.T) {
	for _, s := range []string{"", "abc", "zażółć gęślą jaźń", "日本語のテキスト", "😀x😀"} {
		runes := []rune(s)
		for n := 0; n <= len(runes)+2; n++ {
			want := len(string(runes[:max(0, len(runes)-n)]))
			if got := tailStart([]byte(s), n); got != want {
				t.Errorf("tailStart(%q, %d) = %d, want %d", s, n, got, want)
			}
		}
	}
}

func TestRunesUpTo(t *testing.T) {
	for _, s := range []string{"", "abc", "zażółć gęślą jaźń", "ЧИТАЙТЕ ТАКЖЕ", "日本語のテキスト", "😀x😀", "a\uFFFDb"} {
		n := utf8.RuneCountInString(s)
		for limit := 1; limit <= n+2; limit++ {
			if got, want := runesUpTo([]byte(s), limit), min(n, limit); got != want {
				t.Errorf("runesUpTo(%q, %d) = %d, want %d", s, limit, got, want)
			}
		}
	}
}

// The pattern index's pre-checks (first byte, length, literals) only ever
// skip lines no pattern matches: on every rule example, corpus line and
// case and prefix variants of them, it finds a match exactly when running
// every regexp does.
func TestPatternIndexAgreesWithRegexps(t *testing.T) {
	c, err := New(WithEnabled("*"))
	if err != nil {
		t.Fatal(err)
	}
	c.allMatchers() // built on first use; read directly here
	all := c.patterns.all
	var lines []string
	for _, r := range c.Rules() {
		for _, ex := range append(slices.Clone(r.Remove), r.Keep...) {
			lines = append(lines, strings.Split(ex.Input, "\n")...)
		}
	}
	for l := range strings.Lines(string(benchCorpus()[:1<<20])) {
		lines = append(lines, strings.TrimSpace(l))
	}
	// And matches made from each pattern's syntax: case variants,
	// optional parts and classes the examples do not show.
	rng := rand.New(rand.NewPCG(3, 4))
	for _, p := range all {
		lines = append(lines, generateMatches(t, p.re.get(), rng, 30)...)
	}
	var sc patternScratch
	check := func(line string) {
		t.Helper()
		if line == "" {
			return
		}
		var want *Rule
		for _, p := range all {
			if p.re.get().MatchString(line) {
				want = p.rule
				break
			}
		}
		if got := c.patterns.match([]byte(line), &sc); got != want {
			t.Fatalf("index match of %q = %v, regexps in order say %v", line, got, want)
		}
	}
	n := len(lines)
	for _, l := range lines[:n] {
		check(l)
		check(strings.ToUpper(l))
		check(strings.ToLower(l))
		check("(" + l + ")")
		check("Ab " + l)
		check("© 2024 " + strings.Repeat("Żółw ", 15) + l) // literals far from the start
	}
}

// BenchmarkLiteralScan runs the pattern rules' literal scanner over every
// line of the benchmark corpus, whole: its cost per byte of text.
func BenchmarkLiteralScan(b *testing.B) {
	c, err := New()
	if err != nil {
		b.Fatal(err)
	}
	c.allMatchers() // built on first use; read directly here
	lines := bytes.Split(benchCorpus(), []byte("\n"))
	var sc litScan
	b.SetBytes(int64(len(benchCorpus())))
	for b.Loop() {
		for _, l := range lines {
			c.patterns.lits.start(&sc)
			c.patterns.lits.scan(l, &sc, -1)
		}
	}
}

func caseKeyList(lits []string) []string {
	var keys []string
	for _, l := range lits {
		keys = append(keys, caseKeys(l))
	}
	return keys
}

// requiredLiterals tells literals matched in their case from those under
// (?i): the first are looked for as they are.
func TestRequiredLiteralsExact(t *testing.T) {
	for _, tc := range []struct {
		expr  string
		lits  []string
		exact bool
	}{
		{`^(?:\(?(?:ČTK|ČTK/AP)\)?)$`, []string{"ČTK"}, true}, // the parser factors ČTK out
		{`^(?:(?i)čtk)$`, []string{"čtk"}, false},
		{`^(?:(?:TASR|(?i:sita)) x)$`, []string{"TASR", "sita"}, false},
		{`^(?:ab(?:Reuters|AFP)cd.*)$`, []string{"Reuters", "AFP"}, true},
	} {
		re, err := syntax.Parse(tc.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		lits, _, exact := requiredLiterals(re, false)
		if !slices.Equal(caseKeyList(lits), caseKeyList(tc.lits)) || exact != tc.exact {
			t.Errorf("requiredLiterals(%s) = %q, exact %v; want %q, %v", tc.expr, lits, exact, tc.lits, tc.exact)
		}
	}
}

// holdsExact looks as far as a literal can end, however many bytes the
// runes before it take: four bytes a rune, which ASCII text does not
// reach.
func TestHoldsExactBounds(t *testing.T) {
	p := &patternRule{exact: [][]byte{[]byte("ČTK")}, litEnd: 5}
	for _, tc := range []struct {
		line    string
		fromEnd bool
		want    bool
	}{
		{"𝐚𝐛ČTK and more text after it", false, true}, // ends at rune 5, byte 14
		{"abcdefghijklmnopqrstuvwxyzČTK", false, false},
		{"text before it, then 𝐚𝐛ČTK", true, true}, // starts 5 runes before the end
		{"ČTK abcdefghijklmnopqrstuvwxyz", true, false},
		{"ČTK", true, true},
	} {
		p.fromEnd = tc.fromEnd
		if got := p.holdsExact([]byte(tc.line)); got != tc.want {
			t.Errorf("holdsExact(%q), fromEnd %v = %v, want %v", tc.line, tc.fromEnd, got, tc.want)
		}
	}
}
