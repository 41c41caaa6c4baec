package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/artclean/artclean/internal/corpus"
)

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestFileMatchesLibrary(t *testing.T) {
	for _, format := range []string{"text", "jsonl"} {
		out := filepath.Join(t.TempDir(), "sub", "corpus."+format)
		code, _, stderr := runCmd(t, "-size", "200KiB", "-format", format, "-seed", "5", "-article", "2KiB", "-out", out, "-v")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stderr, "articles") {
			t.Errorf("-v printed %q", stderr)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if _, err := corpus.Generate(&want, corpus.Options{Seed: 5, Size: 200 << 10, ArticleSize: 2 << 10, Format: corpus.Format(format)}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s: the file differs from corpus.Generate's output", format)
		}
		// No temporary file is left behind.
		if ents, _ := os.ReadDir(filepath.Dir(out)); len(ents) != 1 {
			t.Errorf("%d entries next to the output", len(ents))
		}
	}
}

func TestStdout(t *testing.T) {
	code, stdout, stderr := runCmd(t, "-size", "10KiB")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := len(stdout); n < 10<<10 || n > 11<<10 {
		t.Errorf("wrote %d bytes for 10 KiB", n)
	}
}

func TestDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	if code, _, stderr := runCmd(t, "-size", "64KiB", "-format", "dir", "-out", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "000", "art-000001.txt")); err != nil {
		t.Fatal(err)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-size", "lots"},
		{"-format", "xml"},
		{"-article", "10"},
		{"-nope"},
		{"extra"},
	} {
		if code, _, stderr := runCmd(t, args...); code != 2 || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
	if code, _, stderr := runCmd(t, "-format", "dir"); code != 1 || !strings.Contains(stderr, "-out") {
		t.Errorf("dir to stdout: exit %d, stderr %q", code, stderr)
	}
}
