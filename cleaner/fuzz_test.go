package cleaner

// Fuzz targets. Run one with, for example:
//
//	go test ./cleaner -run XXX -fuzz FuzzClean -fuzztime 60s
//
// Without -fuzz, go test runs each target over its seeds and over the
// regression inputs kept in testdata/fuzz/.

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzClean checks the whole Cleaner: see checkClean for the invariants.
func FuzzClean(f *testing.F) {
	for _, in := range seedInputs(f) {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		full, _ := cleaners(t)
		checkClean(t, full, in, checkOptions{words: true, idempotent: true})
	})
}

// FuzzLineReader feeds head + body×reps + tail to a lineReader through reads
// of fuzzed sizes (one byte at a time when chunks is empty) and checks the
// lines against refSplit: pieces of a line put together are the line, line
// numbers go up by one a line, a line comes in pieces exactly when it is
// longer than maxLine, cuts never split a UTF-8 sequence and, where the line
// offers NFC boundaries, the character tier over the pieces gives what it
// gives over the whole line. reps lets the fuzzer build long lines cheaply.
func FuzzLineReader(f *testing.F) {
	for _, in := range seedInputs(f) {
		f.Add([]byte(in), []byte(nil), uint16(0), []byte(nil), []byte(nil), false)
		f.Add([]byte(nil), []byte(in), uint16(3), []byte("\r"), []byte{1, 0, 2, 200}, true)
	}
	f.Add([]byte("Tekst "), []byte("и\u0306"), uint16(40000), []byte("\r\nkoniec"), []byte{7, 255, 0, 3}, true)
	f.Add([]byte("a"), []byte("x"), uint16(65535), []byte("\n"), []byte{255}, false)
	f.Add([]byte("a"), []byte("xyzw"), uint16(maxLine/4), []byte("\nb"), []byte{128}, false)
	f.Add([]byte(nil), []byte("e\u200b\u0301\u00a0"), uint16(20000), []byte(nil), []byte{100, 101}, false)
	f.Add([]byte("Czytaj też: "), []byte("\u1100\u1161\u11a8"), uint16(30000), []byte("\r\n\r\n"), []byte{250, 3}, true)
	f.Add([]byte(nil), []byte("\u0301"), uint16(50000), []byte(nil), []byte{255, 255}, false)
	f.Fuzz(func(t *testing.T, head, body []byte, reps uint16, tail, chunks []byte, eof bool) {
		n := int(reps)
		if len(body) == 0 {
			n = 0
		} else if len(body)*n > 600<<10 {
			n = (600 << 10) / len(body)
		}
		data := slices.Concat(head, bytes.Repeat(body, n), tail)
		var r io.Reader
		switch {
		case len(chunks) == 0 && len(data) <= 16<<10:
			r = iotest.OneByteReader(bytes.NewReader(data))
		case len(chunks) == 0:
			r = bytes.NewReader(data)
		default:
			sizes := make([]int, len(chunks))
			for i, c := range chunks {
				sizes[i] = int(c) * int(c)
				if len(data) > 16<<10 && sizes[i] < 4096 {
					// Tiny reads of a long line cost a rescan of the
					// buffer each: keep big inputs fast to fuzz.
					sizes[i] = 4096 + sizes[i]
				}
			}
			r = &chunkReader{data: data, sizes: sizes, eof: eof}
		}
		checkLineReader(t, data, r)
	})
}

func checkLineReader(t *testing.T, data []byte, r io.Reader) {
	ref := refSplit(string(data))
	lr := newLineReader(r)
	var got [][][]byte // the pieces of each line
	var cur [][]byte
	for {
		piece, final, ok := lr.next()
		if !ok {
			break
		}
		if len(got) >= len(ref) {
			t.Fatalf("more than the %d lines of the reference", len(ref))
		}
		if lr.num != len(got)+1 {
			t.Fatalf("line %d: lr.num = %d", len(got)+1, lr.num)
		}
		if len(piece) > readSize {
			t.Fatalf("line %d: piece of %d bytes", len(got)+1, len(piece))
		}
		if bytes.ContainsAny(piece, "\r\n") {
			t.Fatalf("line %d: piece holds a line break", len(got)+1)
		}
		cur = append(cur, bytes.Clone(piece))
		if final {
			got, cur = append(got, cur), nil
		} else if len(piece) == 0 {
			t.Fatalf("line %d: empty piece before the last", len(got)+1)
		}
	}
	if cur != nil {
		t.Fatalf("input ended inside line %d", len(got)+1)
	}
	if lr.err != io.EOF {
		t.Fatalf("lr.err = %v", lr.err)
	}
	if len(got) != len(ref) {
		t.Fatalf("got %d lines, want %d", len(got), len(ref))
	}
	for i, want := range ref {
		pieces := got[i]
		if line := string(bytes.Join(pieces, nil)); line != want {
			t.Fatalf("line %d: got %q, want %q", i+1, clip(line), clip(want))
		}
		if long := len(want) > maxLine; long != (len(pieces) > 1) {
			t.Fatalf("line %d of %d bytes came in %d pieces; lines longer than maxLine (%d), and only those, come in pieces",
				i+1, len(want), len(pieces), maxLine)
		}
		if len(pieces) == 1 {
			continue
		}
		// Every cut is where decoding the whole line puts a rune start.
		starts := map[int]bool{}
		for p := 0; p < len(want); {
			starts[p] = true
			_, size := utf8.DecodeRuneInString(want[p:])
			p += size
		}
		at := 0
		for _, p := range pieces[:len(pieces)-1] {
			at += len(p)
			if !starts[at] {
				t.Fatalf("line %d: cut at byte %d splits a UTF-8 sequence", i+1, at)
			}
		}
		if !denseBoundaries(want) {
			// Stretches of more than maxLine/2 bytes with no NFC
			// boundary (a run of combining marks) must be cut somewhere:
			// memory stays bounded. Only UTF-8 safety is promised then.
			continue
		}
		tier := charTier{nfc: true, spaces: true, invisible: true, controls: true}
		var st foldState
		var stats CharStats
		var scratch, out []byte
		for _, p := range pieces {
			out, _ = tier.appendLine(out, p, &st, &stats, &scratch)
		}
		if whole := tierWhole(want); string(out) != whole {
			t.Fatalf("line %d: character tier over %d pieces differs from the whole line at byte %d",
				i+1, len(pieces), firstDiff(string(out), whole))
		}
	}
}

// denseBoundaries reports whether every stretch of s between safe cut points
// is shorter than maxLine/2 bytes. A safe cut point is before a valid rune
// that the character tier keeps and that never composes with what precedes
// it under NFC: an ASCII byte, or a starter that is not invisible.
func denseBoundaries(s string) bool {
	last := 0
	for p := 0; p < len(s); {
		r, size := utf8.DecodeRuneInString(s[p:])
		if r < utf8.RuneSelf || r != utf8.RuneError && !isInvisible(r) && norm.NFC.PropertiesString(s[p:]).BoundaryBefore() {
			if p-last >= maxLine/2 {
				return false
			}
			last = p
		}
		p += size
	}
	return len(s)-last < maxLine/2
}

// dateTest is the recognizer of the built-in date-line rules and the letter
// runs of their vocabulary, case-folded.
type dateTest struct {
	rec   *dateRecognizer
	vocab map[string]bool
}

var dateTestData = sync.OnceValues(func() (*dateTest, error) {
	rules, err := BuiltinRules()
	if err != nil {
		return nil, err
	}
	dt := &dateTest{rec: &dateRecognizer{}, vocab: map[string]bool{}}
	for _, r := range rules {
		if r.Kind != KindDateLine {
			continue
		}
		dt.rec.addRule(r)
		for _, w := range slices.Concat(r.Months, r.Weekdays, r.Words, r.Labels) {
			for _, run := range letterRuns(foldString(strings.TrimPrefix(w, "!"))) {
				dt.vocab[run] = true
			}
		}
	}
	return dt, nil
})

// letterRuns returns the maximal runs of letters in s.
func letterRuns(s string) []string {
	var runs []string
	start := -1
	for i, r := range s + " " {
		switch {
		case unicode.IsLetter(r) && i < len(s):
			if start < 0 {
				start = i
			}
		case start >= 0:
			runs = append(runs, s[start:i])
			start = -1
		}
	}
	return runs
}

// FuzzDate checks the date recogniser on raw and normalized lines: it never
// panics, it only claims short lines with a digit, and never a line with a
// lowercase word of four or more letters outside every date vocabulary: the
// words of a sentence keep a date inside it from being taken for a date line.
func FuzzDate(f *testing.F) {
	rules, err := BuiltinRules()
	if err != nil {
		f.Fatal(err)
	}
	for _, r := range rules {
		if r.Kind != KindDateLine {
			continue
		}
		for _, ex := range append(slices.Clone(r.Remove), r.Keep...) {
			for _, l := range strings.Split(ex.Input, "\n") {
				f.Add(l)
			}
		}
	}
	for _, in := range seedInputs(f) {
		for _, l := range refSplit(in) {
			if len(l) <= 2*maxDateLine {
				f.Add(l)
			}
		}
	}
	for _, l := range []string{
		"12.04.2022 abcd", "2022-04-12T14:35:00.123Z", "2022-04-12t14:35-02:00", "12/31/2022",
		"14:35:61", "24:00", "godz.14:35", "2022r.", "14:35uhr", "Mon, 12 Apr 2022 14:35:00 GMT",
		"Published on Tuesday, April 12, 2022 at 2:35 p.m. CET", "12. 4. 2022", "12 de abril de 2022 a las 14:35",
		"data dodania: 12.04.2022, 14:35", "99999999999999999999.1.2022", "1.1.1 1:1:1",
	} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line string) {
		dt, err := dateTestData()
		if err != nil {
			t.Fatal(err)
		}
		fo := newFolder()
		var toks []string
		for _, l := range []string{line, tierWhole(line)} {
			r := dt.rec.match([]byte(l), fo, &toks)
			// The pre-check on the first token decides as the whole
			// line's tokens would.
			if len(l) <= maxDateLine && hasDigit([]byte(l)) {
				if all := dt.rec.matchAll([]byte(l), fo, &toks); all != r {
					t.Fatalf("%q: match says %v, matchAll %v", l, r, all)
				}
			}
			if r == nil {
				continue
			}
			if r.Kind != KindDateLine {
				t.Fatalf("%q claimed by %s, a %s rule", l, r.ID, r.Kind)
			}
			if !strings.ContainsAny(l, "0123456789") {
				t.Fatalf("%q claimed by %s has no digit", l, r.ID)
			}
			if len(l) > maxDateLine {
				t.Fatalf("%q claimed by %s is longer than %d bytes", l, r.ID, maxDateLine)
			}
			for _, w := range letterRuns(l) {
				lower := true
				for _, c := range w {
					lower = lower && unicode.IsLower(c)
				}
				if lower && utf8.RuneCountInString(w) >= 4 && !dt.vocab[foldString(w)] {
					t.Fatalf("%q claimed by %s holds the word %q, in no date vocabulary", l, r.ID, w)
				}
			}
		}
	})
}

// maxRulesSrc bounds the rule files FuzzParseRules tries: a rule of the
// shipped packs takes under 2 KiB, and larger inputs only make every
// execution slower, as each of their rules is compiled and its examples run.
const maxRulesSrc = 4 << 10

// FuzzParseRules checks ParseRules on any input: no panic; an error is made
// of *ParseError values naming the file and a line; rules it accepts
// compile, load into New and clean documents into well-formed output.
//
// The seeds are the shipped rules one at a time (each with its pack line),
// not whole packs: an execution compiles and tests every rule of its input,
// so a pack a seed made the fuzzer crawl. TestBuiltinPacksParse holds the
// whole packs to ParseRules.
func FuzzParseRules(f *testing.F) {
	for _, s := range singleRules(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"", "pack x", "rule y", "pack x\nrule y", "pack x\nrule y\nkind marker\n",
		"pack x\nrule y\nkind marker\nphrase Ad\nremove Ad\nkeep Ad hoc\n",
		"pack x\nrule y\nkind teaser\nstrict-phrase More\nphrase See:\nremove More: x\\ny => y\n",
		"pack x\nrule y\nkind pattern\npattern [0-9]+\nremove 12\n",
		"pack x\nrule y\nkind leading\npattern id:\\d+ \nremove id:1 Text => Text\n",
		"pack x\nrule y\nkind date-line\nmonth Foo\nword !ZZ of\nlabel On the day\nremove 12 Foo 2022\n",
		"pack x\nrule y\nkind pattern\npattern (\n", "pack x\nrule y\nkind nope\n", "pack bad name\n",
		"pack x\nrule y\nkind marker\nphrase a\npattern b\n", "pack x\nrule y\ndefault maybe\n",
		"\tpack  x \r\n rule\ty\r\n", "# only a comment\n\n",
		"pack x\nscope dir=gazeta\nrule y\nkind marker\nphrase Ad\nremove Ad\n",
		"pack pl\nrule ad-marker\nkind marker\nphrase Reklama\nremove Reklama\n",
		"pack x\nrule y\nkind prefix\nphrase Foto:\nremove Foto: PAP\nrule z\nkind marker\nphrase Ad\nremove Ad\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > maxRulesSrc {
			t.Skip("larger than maxRulesSrc")
		}
		checkParseRules(t, src)
	})
}

// singleRules splits the shipped packs into their rules: for each, a rule
// file of the pack line and the rule's lines, comments and blank lines left
// out.
func singleRules(t testing.TB) []string {
	t.Helper()
	names, err := fs.Glob(packFS, "rules/*.rules")
	if err != nil || len(names) == 0 {
		t.Fatalf("no packs: %v", err)
	}
	var out []string
	for _, name := range names {
		b, err := fs.ReadFile(packFS, name)
		if err != nil {
			t.Fatal(err)
		}
		head := "" // the pack line, and a scope line if there is one
		var rule []string
		flush := func() {
			if rule != nil {
				out = append(out, head+strings.Join(rule, "\n")+"\n")
			}
			rule = nil
		}
		for _, l := range strings.Split(string(b), "\n") {
			key, _, _ := strings.Cut(strings.TrimSpace(l), " ")
			switch {
			case key == "" || strings.HasPrefix(key, "#"):
			case key == "pack":
				flush()
				head = l + "\n"
			case key == "scope" && rule == nil:
				head += l + "\n"
			case key == "rule":
				flush()
				rule = []string{l}
			case rule != nil:
				rule = append(rule, l)
			}
		}
		flush()
	}
	for _, s := range out {
		if len(s) > maxRulesSrc {
			t.Fatalf("a shipped rule is over maxRulesSrc (%d bytes): %.60q…", maxRulesSrc, s)
		}
	}
	return out
}

func checkParseRules(t *testing.T, src string) {
	rules, err := ParseRules("fuzz.rules", strings.NewReader(src))
	if err != nil {
		if rules != nil {
			t.Fatalf("rules and error both returned: %v", err)
		}
		checkParseError(t, err)
		return
	}
	c, err := onlyRules(rules...)
	if err != nil {
		t.Fatalf("parsed rules do not compile: %v", err)
	}
	// New loads the rules among the built-in ones of their own packs and
	// the neutral pack (WithLanguages): where they replace a shipped rule
	// or share its phrases. Compiling all eleven packs as well took nine
	// tenths of an execution.
	var packs []string
	for _, r := range rules {
		if !slices.Contains(packs, r.Pack) {
			packs = append(packs, r.Pack)
		}
	}
	if len(packs) > 0 {
		if _, err := New(WithRules(rules...), WithLanguages(packs...)); err != nil {
			t.Fatalf("parsed rules do not load: %v", err)
		}
	}
	var inputs []string
	for _, r := range rules {
		for _, ex := range append(slices.Clone(r.Remove), r.Keep...) {
			c.CleanString(ex.Input) // must not panic; the examples may well fail
		}
		for _, ex := range append(slices.Clone(r.Remove), r.Keep...) {
			inputs = append(inputs, ex.Input, ex.Want)
		}
	}
	if len(inputs) > 8 {
		inputs = inputs[:8]
	}
	for _, in := range append(inputs, "date 2022-04 Tekst.\n\nReklama\n\nCzytaj też: A\nb\n\n12.04.2022\nKoniec.") {
		checkClean(t, c, in, checkOptions{})
	}
}

// checkParseError checks that err is a *ParseError or errors.Join of them,
// each with the file name and a line number.
func checkParseError(t *testing.T, err error) {
	leaves := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		leaves = j.Unwrap()
	}
	if len(leaves) == 0 {
		t.Fatalf("empty joined error %v", err)
	}
	for _, e := range leaves {
		pe, ok := e.(*ParseError)
		if !ok {
			// A line over the scanner's 1 MiB limit is a reading error,
			// not a mistake in a rule: ParseRules passes it on wrapped.
			if len(leaves) == 1 && errors.Is(e, bufio.ErrTooLong) {
				continue
			}
			t.Fatalf("error %T %v is not a *ParseError", e, e)
		}
		if pe.Line < 1 || pe.File != "fuzz.rules" {
			t.Fatalf("parse error %+v: bad file or line", pe)
		}
	}
}
