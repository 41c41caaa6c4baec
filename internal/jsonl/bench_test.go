package jsonl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/corpus"
)

var benchJSONL = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	if _, err := corpus.Generate(&buf, corpus.Options{Seed: 1, Size: 8 << 20, Format: corpus.FormatJSONL}); err != nil {
		panic(err)
	}
	return buf.Bytes()
})

// BenchmarkProcess cleans the text field of 8 MiB of generated JSON Lines
// records (3 KiB articles) with every default rule: the --jsonl path
// without file I/O. Compare with cleaner's BenchmarkClean for the cost of
// the JSON work itself.
func BenchmarkProcess(b *testing.B) { benchProcess(b, benchJSONL()) }

// BenchmarkAppendToSpecial copies 3 KiB of Polish text with a quote or a
// line break every ~300 bytes up to each of them, as decoding and escaping
// a field do: the AVX2 kernel against the portable special and append.
func BenchmarkAppendToSpecial(b *testing.B) {
	sentence := "Rząd przyjął we wtorek projekt ustawy o podatkach lokalnych, który ma wejść w życie od przyszłego roku. "
	var text []byte
	for i := 0; len(text) < 3<<10; i++ {
		text = append(text, sentence...)
		if i%3 == 2 {
			text = append(text, "\"\n"[i/3%2])
		}
	}
	dst := make([]byte, 0, len(text))
	run := func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			dst = dst[:0]
			for s := text; len(s) > 0; {
				var i int
				dst, i = appendToSpecial(dst, s)
				s = s[min(i+1, len(s)):]
			}
		}
	}
	if useAVX2 {
		b.Run("avx2", run)
		useAVX2 = false
		defer func() { useAVX2 = true }()
	}
	b.Run("portable", run)
}

// benchCleanJSONL is benchJSONL cleaned once: cleaning it again changes
// (nearly) no record, so BenchmarkProcessUnchanged times the path of a
// record that comes out as it came.
var benchCleanJSONL = sync.OnceValue(func() []byte {
	c, err := cleaner.New()
	if err != nil {
		panic(err)
	}
	p, err := New(c, Options{})
	if err != nil {
		panic(err)
	}
	var out bytes.Buffer
	if _, err := p.Process(&out, bytes.NewReader(benchJSONL())); err != nil {
		panic(err)
	}
	return out.Bytes()
})

// BenchmarkProcessUnchanged cleans records that are clean already.
func BenchmarkProcessUnchanged(b *testing.B) { benchProcess(b, benchCleanJSONL()) }

// benchTexts are the text fields of benchJSONL, decoded.
var benchTexts = sync.OnceValue(func() []string {
	var texts []string
	for line := range bytes.Lines(benchJSONL()) {
		var rec struct{ Text string }
		if err := json.Unmarshal(line, &rec); err != nil {
			panic(err)
		}
		texts = append(texts, rec.Text)
	}
	return texts
})

// benchASCIIJSONL is benchJSONL as Python's json.dumps writes it: every
// character above ASCII as \uXXXX.
var benchASCIIJSONL = sync.OnceValue(func() []byte {
	var out []byte
	for i, text := range benchTexts() {
		out = fmt.Appendf(out, `{"id": %d, "url": "https://example.pl/a/%d", "text": "`, i+1, i+1)
		out = append(out, encodeStyled(nil, text, true, false, false)...)
		out = append(out, `"}`+"\n"...)
	}
	return out
})

func benchProcess(b *testing.B, data []byte) { benchProcessWith(b, data, Options{}) }

func benchProcessWith(b *testing.B, data []byte, opts Options) {
	c, err := cleaner.New()
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(c, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	r := bytes.NewReader(data)
	for b.Loop() {
		r.Reset(data)
		if _, err := p.Process(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProcessASCII is BenchmarkProcess on the records as json.dumps
// writes them, a \uXXXX escape every 16 bytes of Polish.
func BenchmarkProcessASCII(b *testing.B) { benchProcess(b, benchASCIIJSONL()) }

// BenchmarkCleanDocs cleans the texts of BenchmarkProcess's records as
// text, without JSON: as one document, as plain-text artclean reads a
// dump of articles separated by blank lines (the yardstick of issue #21),
// and as one document each, separated by a --separator line, which costs
// the cleaner's work per document (language, the document's end) that
// records cost too. The difference between BenchmarkProcess and "each"
// is the JSON work. The bytes counted are the JSON Lines input's, so
// that MB/s compare.
func BenchmarkCleanDocs(b *testing.B) {
	for _, tc := range []struct {
		name string
		sep  string
	}{{"one", "\n"}, {"each", "\n\f\n"}} {
		b.Run(tc.name, func(b *testing.B) {
			text := []byte(strings.Join(benchTexts(), tc.sep) + "\n")
			var opts []cleaner.Option
			if tc.name == "each" {
				opts = append(opts, cleaner.WithSeparator("\f"))
			}
			c, err := cleaner.New(opts...)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(benchJSONL())))
			b.ReportAllocs()
			r := bytes.NewReader(text)
			for b.Loop() {
				r.Reset(text)
				if _, err := c.Clean(io.Discard, r, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkUnescape decodes the text fields as the validator does, from
// raw UTF-8 records and from json.dumps ones.
func BenchmarkUnescape(b *testing.B) {
	for _, tc := range []struct {
		name  string
		ascii bool
	}{{"utf8", false}, {"ascii", true}} {
		b.Run(tc.name, func(b *testing.B) {
			var raws [][]byte
			n := 0
			for _, text := range benchTexts() {
				raw := append(encodeStyled(nil, text, tc.ascii, false, false), `", "n": 1}`...)
				raws = append(raws, raw)
				n += len(raw)
			}
			var dst []byte
			var ends []lineEnd
			b.SetBytes(int64(n))
			for b.Loop() {
				for _, raw := range raws {
					ends = ends[:0]
					dst, _, _, _ = unescape(dst[:0], raw, true, &ends)
				}
			}
		})
	}
}

// BenchmarkProcessWorkers is BenchmarkProcess and BenchmarkProcessASCII
// with records cleaned on 2 workers.
func BenchmarkProcessWorkers(b *testing.B) {
	b.Run("utf8", func(b *testing.B) { benchProcessWith(b, benchJSONL(), Options{Workers: 2}) })
	b.Run("ascii", func(b *testing.B) { benchProcessWith(b, benchASCIIJSONL(), Options{Workers: 2}) })
}
