package cleaner

// Property checks shared by the fuzz targets in fuzz_test.go, and the
// deterministic tests that go with them: reader independence and long lines.

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// testCleaners are built once per test process: the default Cleaner and one
// with no rules, whose output is the character-tier-normalized input.
var testCleaners = sync.OnceValues(func() ([2]*Cleaner, error) {
	full, err := New()
	if err != nil {
		return [2]*Cleaner{}, err
	}
	plain, err := onlyRules()
	return [2]*Cleaner{full, plain}, err
})

func cleaners(t testing.TB) (full, plain *Cleaner) {
	t.Helper()
	cs, err := testCleaners()
	if err != nil {
		t.Fatal(err)
	}
	return cs[0], cs[1]
}

// refSplit is the reference line splitter: lines end with "\n", "\r\n" or
// "\r"; text after the last break is a line if it is not empty.
func refSplit(s string) []string {
	var lines []string
	for len(s) > 0 {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i])
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		s = s[i+1:]
	}
	return lines
}

// tierWhole runs the character tier over one whole line in one call.
func tierWhole(line string) string {
	t := charTier{nfc: true, spaces: true, invisible: true, controls: true}
	var st foldState
	var stats CharStats
	var scratch []byte
	out, moji := t.appendLine(nil, []byte(line), &st, &stats, &scratch)
	if moji != mayHaveMojibake([]byte(line)) {
		panic(fmt.Sprintf("appendLine(%q) says mojibake %v, mayHaveMojibake %v", line, moji, !moji))
	}
	return string(out)
}

// refTier is an independent statement of what the character tier does to a
// whole line: invalid bytes become U+FFFD, every space becomes U+0020,
// invisible characters and control characters go, blanks are folded and
// trimmed, then NFC.
func refTier(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\t' || r == '\v' || r == '\f' || unicode.IsSpace(r):
			b.WriteByte(' ')
		case isInvisible(r):
		case r < 0x20 || r >= 0x7F && r <= 0x9F: // C0 and C1 controls, DEL
		default:
			b.WriteRune(r)
		}
	}
	var words []string
	for w := range strings.SplitSeq(b.String(), " ") {
		if w != "" {
			words = append(words, w)
		}
	}
	return norm.NFC.String(strings.Join(words, " "))
}

// outputLines returns the lines of a cleaned document, without the final
// line break.
func outputLines(out string) []string {
	if out == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

func nonBlank(lines []string) []string {
	var nb []string
	for _, l := range lines {
		if l != "" {
			nb = append(nb, l)
		}
	}
	return nb
}

// checkFormat checks the shape every cleaned document has, whatever the
// rules: valid UTF-8, NFC, one final line break, no stray blanks, blank lines
// only single and only between paragraphs, no non-ASCII spaces or invisible
// characters left.
func checkFormat(out string) error {
	if !utf8.ValidString(out) {
		return fmt.Errorf("output is not valid UTF-8")
	}
	if out == "" {
		return nil
	}
	if !strings.HasSuffix(out, "\n") || strings.HasSuffix(out, "\n\n") {
		return fmt.Errorf("output does not end in exactly one line break")
	}
	lines := outputLines(out)
	if lines[0] == "" {
		return fmt.Errorf("output starts with a blank line")
	}
	if lines[len(lines)-1] == "" {
		return fmt.Errorf("output ends with a blank line")
	}
	for i, l := range lines {
		if l == "" {
			if lines[i-1] == "" {
				return fmt.Errorf("line %d: two blank lines in a row", i+1)
			}
			continue
		}
		if strings.HasPrefix(l, " ") || strings.HasSuffix(l, " ") {
			return fmt.Errorf("line %d %q: leading or trailing space", i+1, clip(l))
		}
		if strings.Contains(l, "  ") {
			return fmt.Errorf("line %d %q: double space", i+1, clip(l))
		}
		if strings.ContainsRune(l, '\r') {
			return fmt.Errorf("line %d %q: carriage return", i+1, clip(l))
		}
		for _, r := range l {
			if r != ' ' && unicode.IsSpace(r) {
				return fmt.Errorf("line %d %q: space %U left", i+1, clip(l), r)
			}
			if isInvisible(r) {
				return fmt.Errorf("line %d %q: invisible %U left", i+1, clip(l), r)
			}
		}
		if !norm.NFC.IsNormalString(l) {
			return fmt.Errorf("line %d %q: not NFC", i+1, clip(l))
		}
	}
	return nil
}

// clip shortens a string for an error message.
func clip(s string) string {
	if len(s) <= 200 {
		return s
	}
	return s[:100] + "…" + s[len(s)-100:]
}

type cleanResult struct {
	out      string
	removals []Removal
	stats    Stats
}

func runClean(t testing.TB, c *Cleaner, r io.Reader) cleanResult {
	t.Helper()
	var res cleanResult
	var b strings.Builder
	st, err := c.Clean(&b, r, &Hooks{Removal: func(rm Removal) { res.removals = append(res.removals, rm) }})
	if err != nil {
		t.Fatalf("CleanReport: %v", err)
	}
	res.out, res.stats = b.String(), st
	return res
}

// checkOptions say which of the checks that depend on the rules apply.
type checkOptions struct {
	// words: every word of the output is a word of the normalized input.
	// A user's leading pattern may cut a word in two, so this holds for the
	// built-in rules only.
	words bool
	// idempotent: cleaning the output again changes nothing.
	idempotent bool
}

// checkClean runs c over input and checks every invariant of a cleaned
// document against the character-tier-normalized input.
func checkClean(t testing.TB, c *Cleaner, input string, opt checkOptions) {
	t.Helper()
	_, plain := cleaners(t)
	res := runClean(t, c, strings.NewReader(input))
	if err := checkFormat(res.out); err != nil {
		t.Fatalf("output %q: %v", clip(res.out), err)
	}
	// With the controls filter on, no separator holding one and no
	// document left as it came, the only control character is "\n".
	onlyLineBreaks := c.chars.controls && c.maxRemoved == 0 && !slices.ContainsFunc(c.separator, func(b byte) bool { return b < ' ' })
	if onlyLineBreaks && strings.ContainsFunc(res.out, func(r rune) bool { return r < ' ' && r != '\n' }) {
		t.Fatalf("output %q holds a control character but a line break", clip(res.out))
	}

	// The same document read one byte at a time comes out the same.
	if len(input) <= 4096 {
		one := runClean(t, c, iotest.OneByteReader(strings.NewReader(input)))
		if one.out != res.out || len(one.removals) != len(res.removals) {
			t.Fatalf("one byte per Read: got %q (%d removals), want %q (%d removals)",
				clip(one.out), len(one.removals), clip(res.out), len(res.removals))
		}
	}

	// The normalized input, two ways: the rule-less Cleaner over the whole
	// stream, and the character tier line by line (which also gives line
	// numbers). Their non-blank lines must agree, and each line must match
	// the independent reference refTier.
	normRes := runClean(t, plain, strings.NewReader(input))
	if len(normRes.removals) > 0 {
		t.Fatalf("rule-less Cleaner reported removals: %+v", normRes.removals)
	}
	if err := checkFormat(normRes.out); err != nil {
		t.Fatalf("normalized output %q: %v", clip(normRes.out), err)
	}
	raw := refSplit(input)
	perLine := make([]string, len(raw))
	long := false
	for i, l := range raw {
		// The mojibake repair runs before the tier on whole lines (not on
		// long lines' pieces); it has its own tests and fuzz target.
		if len(l) <= maxLine {
			if fixed, ok := repairMojibake([]byte(l)); ok {
				l = string(fixed)
			}
		}
		perLine[i] = tierWhole(l)
		if ref := refTier(l); perLine[i] != ref {
			t.Fatalf("line %d %q: character tier gives %q, reference %q", i+1, clip(l), clip(perLine[i]), clip(ref))
		}
		long = long || len(l) > maxLine
	}
	if got, want := nonBlank(outputLines(normRes.out)), nonBlank(perLine); !slices.Equal(got, want) {
		t.Fatalf("rule-less Cleaner gives lines %q, character tier line by line %q", got, want)
	}

	// Stats.
	if res.stats.LinesIn != len(raw) {
		t.Errorf("Stats.LinesIn = %d, want %d", res.stats.LinesIn, len(raw))
	}
	outNB := nonBlank(outputLines(res.out))
	if res.stats.LinesOut != len(outNB) {
		t.Errorf("Stats.LinesOut = %d, want %d", res.stats.LinesOut, len(outNB))
	}

	// Nothing invented.
	if opt.words {
		words := map[string]bool{}
		for _, w := range strings.Fields(normRes.out) {
			words[w] = true
		}
		for _, w := range strings.Fields(res.out) {
			if !words[w] {
				t.Fatalf("output word %q is not in the normalized input %q", w, clip(normRes.out))
			}
		}
	}

	// Removals are in input order, name an enabled rule and take out lines
	// of the normalized input: a Strip takes a prefix of a line, a drop
	// takes whole consecutive lines starting at Removal.Line. What is left
	// is the output, line for line and in order (conservation; checking
	// the order too makes it stronger than comparing multisets).
	adj := slices.Clone(perLine)
	gone := make([]bool, len(adj))
	prev := 0
	for _, rm := range res.removals {
		if rm.Line < prev || rm.Line < 1 || rm.Line > len(adj) {
			t.Fatalf("removal %+v: line out of order or range (previous %d, %d lines)", rm, prev, len(adj))
		}
		prev = rm.Line
		if !c.Enabled(rm.Rule) {
			t.Fatalf("removal %+v: rule is not enabled", rm)
		}
		i := rm.Line - 1
		switch rm.Action {
		case Strip:
			if gone[i] || rm.Text == "" || !strings.HasPrefix(adj[i], rm.Text) {
				t.Fatalf("strip %+v: not a prefix of line %d %q", rm, rm.Line, adj[i])
			}
			adj[i] = strings.TrimLeft(adj[i][len(rm.Text):], " ")
		case StripSpan:
			k := strings.Index(adj[i], rm.Text)
			if gone[i] || rm.Text == "" || k < 0 {
				t.Fatalf("strip-span %+v: not in line %d %q", rm, rm.Line, adj[i])
			}
			adj[i] = strings.TrimSpace(string(collapseSpaces([]byte(adj[i][:k] + adj[i][k+len(rm.Text):]))))
		case DropLine, DropParagraph:
			parts := strings.Split(rm.Text, "\n")
			if (rm.Action == DropLine) != (len(parts) == 1) {
				t.Fatalf("removal %+v: %s of %d lines", rm, rm.Action, len(parts))
			}
			for k, p := range parts {
				j := i + k
				if j >= len(adj) || gone[j] || p == "" || adj[j] != p {
					t.Fatalf("removal %+v: line %q is not input line %d of %q", rm, p, j+1, perLine)
				}
				gone[j] = true
			}
		default:
			t.Fatalf("removal %+v: unknown action", rm)
		}
	}
	var kept []string
	for i, l := range adj {
		if !gone[i] && l != "" {
			kept = append(kept, l)
		}
	}
	if !slices.Equal(kept, outNB) {
		t.Fatalf("conservation: input lines less removals are %q, output lines %q (removals %+v)", kept, outNB, res.removals)
	}

	// Idempotence. A raw line longer than maxLine streams through with no
	// rule applied (documented: "no rule matches a line that long"), but
	// the character tier can shrink it below maxLine, and then a second
	// pass runs the rules on it. So idempotence is only promised for input
	// whose lines are all short.
	//
	// A leading rule strips one token from the start of the document, by
	// design: a user's pattern such as `\d+ ` must not eat every number the
	// first line starts with. So when what is left of the first line starts
	// with another such token ("date 2022-04 date 2022-04 Tekst"), the second
	// pass strips that too. That second pass may only strip, on its first
	// line, and only if that line is what the first pass left of a line it
	// stripped.
	if opt.idempotent && !long {
		again := runClean(t, c, strings.NewReader(res.out))
		repeated := false
		for _, rm := range res.removals {
			if i := rm.Line - 1; rm.Action == Strip && !gone[i] && adj[i] != "" && adj[i] == outNB[0] {
				repeated = len(again.removals) > 0
			}
		}
		for _, rm := range again.removals {
			repeated = repeated && rm.Action == Strip && rm.Line == 1
		}
		if !repeated && (again.out != res.out || len(again.removals) > 0) {
			t.Fatalf("not idempotent: %q cleans to %q, then to %q with removals %+v",
				clip(input), clip(res.out), clip(again.out), again.removals)
		}
	}
}

// seedInputs returns documents to seed FuzzClean and the deterministic
// tests: the sample article, every rule example and hand-written cases.
func seedInputs(t testing.TB) []string {
	t.Helper()
	seed, err := os.ReadFile("../testdata/seed.raw.txt")
	if err != nil {
		t.Fatal(err)
	}
	in := []string{string(seed)}
	rules, err := BuiltinRules()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		for _, ex := range append(slices.Clone(r.Remove), r.Keep...) {
			in = append(in, ex.Input)
		}
	}
	return append(in, trickyInputs...)
}

var trickyInputs = []string{
	"", "\n", "\n\n\n", "\r", "\r\n", "\r\r\n\n", "a\rb\r\nc\nd", "a\r\n\r\n\r\nb\r\n",
	"   ", " \t\v\f ", "\u00a0\u3000\u2000\u202f", "\t \u00a0x\u3000 y \t",
	"\ufeffReklama", "\u200b", "Rek\u00adlama", "Reklama\u200b", "\u2060- Reklama -\u2060",
	"A\n\n\n\nB", "  A  \n\n  B  ", "A\u00a0\u00a0B", "A \u200b B",
	"e\u0301", "e\u200b\u0301", "\u0301start", "e \u0301", "\u1100\u1161\u11a8", "a" + strings.Repeat("\u0301", 35),
	"\xff\xfe", "a\xe2\x82b", "\xe2\x82\xac", "\xed\xa0\x80", "\x00\x01\x1c\x7f",
	"date 2022-04",
	" date 2022-04-12 x", "date 2022-04\n\nCzytaj też: A\nb\n\nTekst", "date 2022-04 Czytaj też: A\nb",
	"\n\ndate 2022-04-12\u00a0Tekst",
	"Czytaj też:\nkrótka linia\n\nTekst", "Czytaj też: A\nb\nc\nd\ne\nf\ng", "Tekst\nCzytaj też: A\nb",
	"Czytaj też: A\n" + strings.Repeat("słowo ", 20), "Czytaj także:\nRząd\n\nReklama\n\nCzytaj też: B",
	"Czytaj też: A\nCzytaj też: B\n" + strings.Repeat("x", 120) + "\n", "Czytaj też: A\nReklama\n12.04.2022",
	"Polecamy: A\n\n\nPolecamy wszystkim lekturę.", "Zobacz\n\nZobacz też: x",
	"12.04.2022", "Opublikowano: 12.04.2022 14:35", "2022-04-12T14:35:00+02:00", "14:35 CET",
	"12 kwietnia 2022 r., godz. 14:35", "Tekst\n12.04.2022\nTekst",
	"Read more: x\r\nAdvertisement\r\n\r\nText", "- Reklama -\n- Reklama -", "REKLAMA\n\nREKLAMA\n\n",
	"Tekst.\n\n\u00a0\n\u200b\n\nDalej.",
}

// chunkReader returns its data in reads of the given sizes, in turn. A size
// of 0 is a read of (0, nil), never twice in a row. With eof set, the last
// read returns io.EOF with the data, as iotest.DataErrReader does.
type chunkReader struct {
	data  []byte
	sizes []int
	i     int
	zero  bool
	eof   bool
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := r.sizes[r.i%len(r.sizes)]
	r.i++
	if n == 0 && !r.zero {
		r.zero = true
		return 0, nil
	}
	r.zero = false
	n = max(n, 1)
	n = min(n, len(p), len(r.data))
	copy(p, r.data[:n])
	r.data = r.data[n:]
	if r.eof && len(r.data) == 0 {
		return n, io.EOF
	}
	return n, nil
}

func cleanWith(t testing.TB, c *Cleaner, r io.Reader) string {
	t.Helper()
	var b bytes.Buffer
	if _, err := c.Clean(&b, r, nil); err != nil {
		t.Fatalf("Clean: %v", err)
	}
	return b.String()
}

// TestInvariantsOnSeeds checks every seed input without fuzzing.
func TestInvariantsOnSeeds(t *testing.T) {
	full, _ := cleaners(t)
	for _, in := range seedInputs(t) {
		checkClean(t, full, in, checkOptions{words: true, idempotent: true})
	}
}

// TestCleanReaderIndependence: how the input arrives must not change the
// output, whatever the reader's read sizes.
func TestCleanReaderIndependence(t *testing.T) {
	full, _ := cleaners(t)
	seed, err := os.ReadFile("../testdata/seed.raw.txt")
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{string(seed), strings.ReplaceAll(string(seed), "\n", "\r\n"), strings.ReplaceAll(string(seed), "\n", "\r")}
	inputs = append(inputs, trickyInputs...)
	for i, in := range inputs {
		want := cleanWith(t, full, strings.NewReader(in))
		readers := map[string]io.Reader{
			"OneByteReader":  iotest.OneByteReader(strings.NewReader(in)),
			"HalfReader":     iotest.HalfReader(strings.NewReader(in)),
			"DataErrReader":  iotest.DataErrReader(strings.NewReader(in)),
			"zero reads":     &chunkReader{data: []byte(in), sizes: []int{0, 1, 0, 7, 0, 3}},
			"chunks+eof":     &chunkReader{data: []byte(in), sizes: []int{5, 11, 2}, eof: true},
			"HalfReader/One": iotest.HalfReader(iotest.OneByteReader(strings.NewReader(in))),
		}
		for name, r := range readers {
			if got := cleanWith(t, full, r); got != want {
				t.Errorf("input %d, %s: got %q, want %q", i, name, clip(got), clip(want))
			}
		}
		// Reads of 1 to 4096 bytes; those longer than the input are all
		// the same single read.
		for n := 1; n <= 4096 && (n <= len(in) || n == 1); n++ {
			if got := cleanWith(t, full, &chunkReader{data: []byte(in), sizes: []int{n}}); got != want {
				t.Fatalf("input %d, %d bytes per Read: got %q, want %q", i, n, clip(got), clip(want))
			}
		}
	}
}

// longReaders are the ways a long line is read in the long-line tests: one
// large read, reads around the cut size and small reads, so that the cuts
// fall in different places.
func longReaders(data []byte) map[string]io.Reader {
	rs := map[string]io.Reader{"one read": bytes.NewReader(data)}
	for _, n := range []int{1000, 4093, maxLine - 1, maxLine, maxLine + 1, 3*maxLine + 7} {
		rs[fmt.Sprintf("%d-byte reads", n)] = &chunkReader{data: data, sizes: []int{n}}
	}
	rs["mixed reads"] = &chunkReader{data: data, sizes: []int{1, maxLine + 3, 0, 17, 2*maxLine - 5, 3}, eof: true}
	return rs
}

// longLine builds a line of more than 1 MiB whose stretches put multibyte
// characters, combining marks (some behind invisible characters, which the
// character tier removes before NFC composes), Hangul jamo and invalid bytes
// around every point where a reader might cut: multiples of 64 KiB and of
// the reader's buffer, with and without ASCII nearby. Stretches of more than
// maxLine bytes without any ASCII force the cut to look for an NFC boundary
// among non-ASCII characters.
func longLine() string {
	ascii := "Zaże\u0301ółć gęślą jaźń, e\u0301 a\u200b\u0308 x\u00a0y\u00ad. "
	// No ASCII at all: NFD Cyrillic, a combining mark behind a zero-width
	// space, jamo that compose to a syllable, NBSP between words, an
	// invalid byte and a run of more than 30 combining marks.
	nonASCII := "и\u0306ё\u0308\u00a0е\u200b\u0308\u1100\u1161\u11a8\u3000й\u00adж\u0301\u0327\u00a0"
	var b strings.Builder
	for b.Len() < 1<<20+3*maxLine {
		for b.Len()%maxLine < maxLine-300 {
			b.WriteString(ascii)
		}
		n := b.Len()
		for b.Len() < n+maxLine+maxLine/2 {
			b.WriteString(nonASCII)
		}
		b.WriteString("\xff\u0439" + "о" + strings.Repeat("\u0301", 33) + "\u00a0")
	}
	return b.String()
}

// TestLongLineMatchesWholeLineTier checks safeCut: a line far longer than
// maxLine comes out exactly as the character tier leaves the whole line,
// whatever the reads.
func TestLongLineMatchesWholeLineTier(t *testing.T) {
	full, plain := cleaners(t)
	line := longLine()
	want := refTier(line)
	if len(line) <= 1<<20 || want == "" {
		t.Fatalf("bad test line: %d bytes", len(line))
	}
	docs := map[string]struct{ in, out string }{
		"alone":          {line + "\n", want + "\n"},
		"no final break": {line, want + "\n"},
		"between":        {"Akapit.\n\n" + line + "\r\n\nReklama\n\nKoniec.", "Akapit.\n\n" + want + "\n\nKoniec.\n"},
		"after a teaser": {"Czytaj też: A\nkrótka\n" + line + "\n", "krótka\n" + want + "\n"},
	}
	for name, doc := range docs {
		for rname, r := range longReaders([]byte(doc.in)) {
			got := cleanWith(t, full, r)
			if got != doc.out {
				t.Errorf("%s, %s: output differs from the whole-line reference at byte %d", name, rname, firstDiff(got, doc.out))
			}
		}
	}
	if got := plain.CleanString(line); got != want+"\n" {
		t.Errorf("rule-less Cleaner: output differs from the whole-line reference at byte %d", firstDiff(got, want+"\n"))
	}
}

func firstDiff(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestLongLineThreshold: lines up to maxLine bytes come whole, so rules apply
// to them; longer ones stream through with no rule applied. Which of the two
// a line gets must depend on its length only, never on the reads.
func TestLongLineThreshold(t *testing.T) {
	// No shipped rule matches a line this long (a teaser is a title, not
	// 64 KiB): a user's pattern does.
	rules, err := ParseRules("long.rules", strings.NewReader("pack long\nrule any\nkind pattern\npattern Czytaj też: x+\n"))
	if err != nil {
		t.Fatal(err)
	}
	full, err := New(WithRules(rules...), WithoutGuard())
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{maxLine - 100, maxLine, maxLine + 1, maxLine + 100, 2 * maxLine, readSize - 10} {
		line := "Czytaj też: " + strings.Repeat("x", n-len("Czytaj też: "))
		in := "Akapit.\n\n" + line + "\n\nKoniec.\n"
		want := "Akapit.\n\nKoniec.\n"
		if len(line) > maxLine {
			want = "Akapit.\n\n" + line + "\n\nKoniec.\n"
		}
		for rname, r := range longReaders([]byte(in)) {
			if got := cleanWith(t, full, r); got != want {
				t.Errorf("teaser line of %d bytes, %s: got %d bytes, want %d (%s)", len(line), rname, len(got), len(want),
					map[bool]string{true: "line kept", false: "line removed"}[len(line) > maxLine])
			}
		}
	}
}

// TestLongLineLeadingToken: a leading metadata token is stripped from a long
// first line as from a short one, and never leaves a leading space behind,
// wherever the line is cut.
func TestLongLineLeadingToken(t *testing.T) {
	full, _ := cleaners(t)
	body := strings.Repeat("Tekst artykułu. ", maxLine/8)
	for _, tc := range []struct {
		sep   string
		exact bool
	}{
		{" ", true},
		{strings.Repeat(" ", maxLine+10), true},
		{strings.Repeat("\u00a0", maxLine), true},
		// More than maxLine bytes of invisible characters after the token
		// leave no safe cut point but inside the token (cutting before an
		// invisible character could split a base from its combining mark
		// behind it), so the token may survive. The output is still well
		// formed.
		{strings.Repeat("\u200b", maxLine) + " ", false},
	} {
		in := "date 2022-04" + tc.sep + body + "\n"
		want := refTier(body) + "\n"
		for rname, r := range longReaders([]byte(in)) {
			got := cleanWith(t, full, r)
			if err := checkFormat(got); err != nil {
				t.Errorf("separator of %d bytes, %s: %v", len(tc.sep), rname, err)
			}
			if tc.exact && got != want {
				t.Errorf("separator of %d bytes, %s: got %q, want %q", len(tc.sep), rname, clip(got), clip(want))
			}
		}
	}
}

// TestLongBlankLine: a long line of blanks and invisible characters is a
// blank line.
func TestLongBlankLine(t *testing.T) {
	full, _ := cleaners(t)
	blank := strings.Repeat(" \t\u00a0\u200b\u3000", maxLine)
	in := "A\n" + blank + "\nB\n" + blank + "\n" + blank + "\nC"
	for rname, r := range longReaders([]byte(in)) {
		if got, want := cleanWith(t, full, r), "A\n\nB\n\nC\n"; got != want {
			t.Errorf("%s: got %q, want %q", rname, clip(got), want)
		}
	}
}
