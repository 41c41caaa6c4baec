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
