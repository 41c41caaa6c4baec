// Command gencorpus writes a deterministic corpus of noisy Polish article
// dumps for benchmarking artclean. See package internal/corpus for what the
// articles hold.
//
//	gencorpus -size 100MiB -format text  -out bench/out/corpus.txt
//	gencorpus -size 100MiB -format jsonl -out bench/out/corpus.jsonl
//	gencorpus -size 10MiB  -format dir   -out bench/out/corpus.d
//
// The same flags always give the same bytes.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/artclean/artclean/internal/corpus"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	size := fs.String("size", "100MiB", "target corpus `size` (B, KiB, MiB, GiB; KB, MB, GB are decimal)")
	format := fs.String("format", "text", "`format`: text (one file, articles separated by a blank line), jsonl or dir (one file per article)")
	out := fs.String("out", "-", "output `PATH`: a file (\"-\" is stdout) or, for -format dir, a folder")
	seed := fs.Uint64("seed", 1, "random `seed`; the same seed gives the same bytes")
	article := fs.String("article", "3KiB", "mean article `size`")
	verbose := fs.Bool("v", false, "print what was written to stderr")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: gencorpus [flags]\n\nWrites a deterministic noisy Polish article corpus for benchmarks.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gencorpus: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	opts := corpus.Options{Seed: *seed}
	var err error
	if opts.Size, err = corpus.ParseSize(*size); err != nil {
		return usage(stderr, "-size", err)
	}
	as, err := corpus.ParseSize(*article)
	if err != nil {
		return usage(stderr, "-article", err)
	}
	if as < 256 || as > 1<<30 {
		return usage(stderr, "-article", errors.New("must be between 256 B and 1 GiB"))
	}
	opts.ArticleSize = int(as)
	if opts.Format, err = corpus.ParseFormat(*format); err != nil {
		return usage(stderr, "-format", err)
	}

	start := time.Now()
	st, err := generate(opts, *out, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "gencorpus: %v\n", err)
		return 1
	}
	if *verbose {
		fmt.Fprintf(stderr, "gencorpus: %s: %d bytes (%.1f MiB), %d articles, %d ad markers, %d teasers (%d wrapped), %d leading dates, %d date lines, %d NBSP, %d CRLF articles, in %.2fs\n",
			*out, st.Bytes, float64(st.Bytes)/(1<<20), st.Articles, st.AdMarkers, st.Teasers, st.WrappedTeasers,
			st.LeadingDates, st.DateLines, st.NBSP, st.CRLFArticles, time.Since(start).Seconds())
	}
	return 0
}

func usage(stderr io.Writer, flag string, err error) int {
	fmt.Fprintf(stderr, "gencorpus: %s: %v\n", flag, err)
	return 2
}

// generate writes the corpus to path: stdout for "-", a file written through
// a temporary name and renamed, or a folder for the dir format.
func generate(opts corpus.Options, path string, stdout io.Writer) (corpus.Stats, error) {
	if opts.Format == corpus.FormatDir {
		if path == "-" || path == "" {
			return corpus.Stats{}, errors.New("-format dir needs -out FOLDER")
		}
		opts.Dir = path
		return corpus.Generate(nil, opts)
	}
	if path == "-" || path == "" {
		bw := bufio.NewWriterSize(stdout, 256<<10)
		st, err := corpus.Generate(bw, opts)
		if err == nil {
			err = bw.Flush()
		}
		return st, err
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return corpus.Stats{}, err
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return corpus.Stats{}, err
	}
	defer os.Remove(tmp.Name())
	st, err := corpus.Generate(tmp, opts)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return st, err
}
