package cleaner

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/artclean/artclean/internal/corpus"
	"github.com/artclean/artclean/internal/ruleid"
)

// Benchmarks run on a generated corpus (internal/corpus, seed 1): noisy Polish
// article dumps with about one ad marker and one teaser per article, dates,
// NBSP and CRLF. Compare runs across commits with benchstat (bench/README.md).

// benchCorpusSize is the size of the text the pipeline benchmarks clean.
const benchCorpusSize = 8 << 20

var benchCorpus = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	if _, err := corpus.Generate(&buf, corpus.Options{Seed: 1, Size: benchCorpusSize, Format: corpus.FormatText}); err != nil {
		panic(err)
	}
	return buf.Bytes()
})

// BenchmarkClean cleans the whole corpus with every default rule and filter.
func BenchmarkClean(b *testing.B) {
	data := benchCorpus()
	c, err := New()
	if err != nil {
		b.Fatal(err)
	}
	benchmarkClean(b, c, data)
}

func benchmarkClean(b *testing.B, c *Cleaner, data []byte) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	r := bytes.NewReader(data)
	for b.Loop() {
		r.Reset(data)
		if _, err := c.Clean(io.Discard, r, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCleanOneStage is BenchmarkClean on one goroutine throughout: the
// stages of a long stream (stages.go) apart from the rule stage left out.
func BenchmarkCleanOneStage(b *testing.B) {
	defer func(n int) { readAheadAfter = n }(readAheadAfter)
	readAheadAfter = math.MaxInt
	c, err := New()
	if err != nil {
		b.Fatal(err)
	}
	benchmarkClean(b, c, benchCorpus())
}

// filterKinds are the switchable parts of the pipeline: the character
// filters and the rule kinds, each as the WithDisabled pattern that selects it.
var filterKinds = []struct{ name, pattern string }{
	{"nfc", IDNFC},
	{"spaces", IDSpaces},
	{"invisible", IDInvisible},
	{"ad-marker", "*/ad-marker"},
	{"teaser", "*/teaser"},
	{"date-line", "*/date-line"},
	{"leading-date", "intl/leading-date"},
}

type filterKind = struct{ name, pattern string }

// benchKinds returns filterKinds and, for every other built-in rule name, a
// kind "*/NAME", so that a rule added later gets its own sub-benchmark.
func benchKinds(tb testing.TB) []filterKind {
	tb.Helper()
	kinds := append([]filterKind(nil), filterKinds...)
	rules, err := BuiltinRules()
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range rules {
		known := false
		for _, k := range kinds {
			known = known || ruleid.Match(k.pattern, r.ID)
		}
		if !known {
			_, name, _ := strings.Cut(r.ID, "/")
			kinds = append(kinds, filterKind{name, "*/" + name})
		}
	}
	return kinds
}

// onlyKind returns the options that turn every filter and rule off except
// the kind keep selects, which is turned on even if it is off by default
// ("" keeps none).
func onlyKind(kinds []filterKind, keep string) []Option {
	var off []string
	for _, k := range kinds {
		if k.pattern != keep {
			off = append(off, k.pattern)
		}
	}
	opts := []Option{WithDisabled(off...)}
	if keep != "" {
		opts = append(opts, WithEnabled(keep))
	}
	return opts
}

// BenchmarkCleanPerFilter cleans the corpus with one filter or rule kind on
// and the others off; "none" is the bare pipeline: reading lines, trimming
// and folding blanks, paragraph breaks and writing. Rules other than the
// seed kinds (photo credits, bylines, …) get a sub-benchmark each, named
// after the rule.
func BenchmarkCleanPerFilter(b *testing.B) {
	data := benchCorpus()
	kinds := benchKinds(b)
	run := func(name, keep string) {
		b.Run(name, func(b *testing.B) {
			c, err := New(onlyKind(kinds, keep)...)
			if err != nil {
				b.Fatal(err)
			}
			benchmarkClean(b, c, data)
		})
	}
	run("none", "")
	for _, k := range kinds {
		run(k.name, k.pattern)
	}
}

// BenchmarkLineReader splits the corpus into lines and does nothing else.
func BenchmarkLineReader(b *testing.B) {
	data := benchCorpus()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	r := bytes.NewReader(data)
	lines := 0
	for b.Loop() {
		r.Reset(data)
		lr := newLineReader(r)
		for {
			_, _, ok := lr.next()
			if !ok {
				break
			}
			lines++
		}
		if lr.err != io.EOF {
			b.Fatal(lr.err)
		}
	}
	if lines == 0 {
		b.Fatal("no lines")
	}
}

// asciiFold replaces Polish letters with their ASCII base letters: the same
// line, all ASCII.
var asciiFold = strings.NewReplacer(
	"ą", "a", "ć", "c", "ę", "e", "ł", "l", "ń", "n", "ó", "o", "ś", "s", "ź", "z", "ż", "z",
	"Ą", "A", "Ć", "C", "Ę", "E", "Ł", "L", "Ń", "N", "Ó", "O", "Ś", "S", "Ź", "Z", "Ż", "Z",
)

// BenchmarkCharTier runs the character tier (appendLine, all filters on) on
// single lines: a Polish article paragraph, the same paragraph folded to
// ASCII (the fast path), with NBSP after one-letter words and double spaces,
// and decomposed (NFD), which NFC must recompose.
func BenchmarkCharTier(b *testing.B) {
	polish := strings.Join(corpus.Sentences()[:4], " ")
	nbsp := strings.NewReplacer(" w ", " w\u00a0", " i ", " i\u00a0", " z ", " z\u00a0", ", ", ",  ").Replace(polish)
	nfd := strings.NewReplacer("ą", "a\u0328", "ę", "e\u0328", "ó", "o\u0301", "ś", "s\u0301", "ż", "z\u0307", "ł", "ł").Replace(polish)
	lines := []struct{ name, line string }{
		{"ascii", asciiFold.Replace(polish)},
		{"polish", polish},
		{"polish-nbsp", nbsp},
		{"polish-nfd", nfd},
	}
	t := charTier{nfc: true, spaces: true, invisible: true, controls: true}
	for _, l := range lines {
		b.Run(l.name, func(b *testing.B) {
			src := []byte(l.line)
			dst := make([]byte, 0, 2*len(src))
			var scratch []byte
			var stats CharStats
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				var st foldState
				dst, _ = t.appendLine(dst[:0], src, &st, &stats, &scratch)
			}
			if len(dst) == 0 {
				b.Fatal("empty output")
			}
		})
	}
}

// TestBenchCorpusNoise checks that the benchmark corpus exercises the rules:
// cleaned article by article, every ad marker, teaser, leading date token and
// date line the generator put in is removed by its rule, and nothing else is.
func TestBenchCorpusNoise(t *testing.T) {
	var buf bytes.Buffer
	st, err := corpus.Generate(&buf, corpus.Options{Seed: 1, Size: 2 << 20, Format: corpus.FormatJSONL})
	if err != nil {
		t.Fatal(err)
	}
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	dec := json.NewDecoder(&buf)
	for dec.More() {
		var rec struct{ Text string }
		if err := dec.Decode(&rec); err != nil {
			t.Fatal(err)
		}
		_, err := c.Clean(io.Discard, strings.NewReader(rec.Text), &Hooks{Removal: func(r Removal) {
			_, name, _ := strings.Cut(r.Rule, "/")
			got[name]++
		}})

		if err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]int{
		"ad-marker":    st.AdMarkers,
		"teaser":       st.Teasers,
		"leading-date": st.LeadingDates,
		"date-line":    st.DateLines,
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d removals, the corpus has %d", k, got[k], n)
		}
		delete(got, k)
	}
	for k, n := range got {
		t.Errorf("%s: %d unexpected removals", k, n)
	}
}
