package pipeline_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/artclean/artclean/beam/pipeline"
	"github.com/artclean/artclean/internal/cli"
	"github.com/artclean/artclean/internal/corpus"
)

// benchSize is the corpus size of the benchmarks: ARTCLEAN_BEAM_BENCH_SIZE
// (such as 10MiB), 50 MiB by default.
func benchSize(b *testing.B) int64 {
	s := os.Getenv("ARTCLEAN_BEAM_BENCH_SIZE")
	if s == "" {
		s = "50MiB"
	}
	n, err := corpus.ParseSize(s)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// benchCorpus writes the corpus once per benchmark and returns its input
// path and size in bytes.
func benchCorpus(b *testing.B, format corpus.Format) (string, int64) {
	b.Helper()
	dir := b.TempDir()
	o := corpus.Options{Seed: 1, Size: benchSize(b), Format: format}
	var st corpus.Stats
	var err error
	in := filepath.Join(dir, "in")
	if format == corpus.FormatDir {
		o.Dir = in
		st, err = corpus.Generate(nil, o)
	} else {
		var buf bytes.Buffer
		if st, err = corpus.Generate(&buf, o); err == nil {
			err = os.MkdirAll(in, 0o755)
		}
		if err == nil {
			err = os.WriteFile(filepath.Join(in, "corpus.jsonl"), buf.Bytes(), 0o644)
		}
	}
	if err != nil {
		b.Fatal(err)
	}
	return in, st.Bytes
}

func benchPipeline(b *testing.B, format corpus.Format, mirror bool) {
	in, size := benchCorpus(b, format)
	b.SetBytes(size)
	b.ResetTimer()
	start := time.Now()
	for i := 0; b.Loop(); i++ {
		o := pipeline.Options{Inputs: []string{in}, Output: filepath.Join(b.TempDir(), "out"), Mirror: mirror, JSONL: format == corpus.FormatJSONL}
		p, s := beam.NewPipelineWithRoot()
		if err := pipeline.Build(s, o); err != nil {
			b.Fatal(err)
		}
		if err := ptest.Run(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)*float64(b.N)/(1<<20)/time.Since(start).Seconds(), "MiB/s")
}

// BenchmarkText cleans a tree of 3 KiB articles into text shards.
func BenchmarkText(b *testing.B) { benchPipeline(b, corpus.FormatDir, false) }

// BenchmarkTextMirror cleans a tree of 3 KiB articles into a mirrored tree.
func BenchmarkTextMirror(b *testing.B) { benchPipeline(b, corpus.FormatDir, true) }

// BenchmarkJSONL cleans one JSON Lines file, record by record, into shards.
func BenchmarkJSONL(b *testing.B) { benchPipeline(b, corpus.FormatJSONL, false) }

// BenchmarkJSONLMirror cleans one JSON Lines file into its mirror: one
// worker, as the CLI.
func BenchmarkJSONLMirror(b *testing.B) { benchPipeline(b, corpus.FormatJSONL, true) }

// BenchmarkCLI is the yardstick: `artclean -r IN -o OUT` in this process,
// one worker per CPU, on the same corpora.
func BenchmarkCLI(b *testing.B) {
	for _, format := range []corpus.Format{corpus.FormatDir, corpus.FormatJSONL} {
		b.Run(string(format), func(b *testing.B) {
			in, size := benchCorpus(b, format)
			b.SetBytes(size)
			b.ResetTimer()
			start := time.Now()
			for b.Loop() {
				var errb strings.Builder
				if code := cli.Run(context.Background(), []string{"-q", "-r", in, "-o", filepath.Join(b.TempDir(), "out")}, cli.IO{In: strings.NewReader(""), Out: &errb, Err: &errb}); code != 0 {
					b.Fatalf("exit %d: %s", code, errb.String())
				}
			}
			b.ReportMetric(float64(size)*float64(b.N)/(1<<20)/time.Since(start).Seconds(), "MiB/s")
		})
	}
}
