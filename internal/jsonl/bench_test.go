package jsonl

import (
	"bytes"
	"io"
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
func BenchmarkProcess(b *testing.B) {
	data := benchJSONL()
	c, err := cleaner.New()
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(c, Options{})
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
func BenchmarkProcessUnchanged(b *testing.B) {
	data := benchCleanJSONL()
	c, err := cleaner.New()
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(c, Options{})
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
