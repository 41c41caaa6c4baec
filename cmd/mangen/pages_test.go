package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write the man pages into ../../man")

// TestPagesCurrent: the committed pages are what the command tree gives
// now (go generate ./cmd/mangen, or go test ./cmd/mangen -update).
func TestPagesCurrent(t *testing.T) {
	const dir = "../../man"
	if *update {
		if err := writePages(dir); err != nil {
			t.Fatal(err)
		}
	}
	pages, err := render()
	if err != nil {
		t.Fatal(err)
	}
	committed, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	for _, f := range committed {
		if _, ok := pages[filepath.Base(f)]; !ok {
			t.Errorf("%s: no such command now; remove it", f)
		}
	}
	for name, want := range pages {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is out of date: run go generate ./cmd/mangen", name)
		}
	}
}

// TestPagesSections: artclean.1 has the sections a man page should, in
// man-pages(7) order, and every page renders without a warning where
// groff is installed.
func TestPagesSections(t *testing.T) {
	pages, err := render()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(string(pages["artclean.1"]), "\n") {
		if title, ok := strings.CutPrefix(line, ".SH "); ok {
			got = append(got, strings.Trim(title, `"`))
		}
	}
	want := []string{"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXAMPLES", "EXIT STATUS", "ENVIRONMENT", "FILES", "SEE ALSO"}
	if !slices.Equal(got, want) {
		t.Errorf("sections %q, want %q", got, want)
	}
	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Log("no groff: pages not rendered (apt-get install groff)")
		return
	}
	for name, page := range pages {
		cmd := exec.Command(groff, "-k", "-man", "-Tutf8", "-ww", "-z")
		cmd.Stdin = bytes.NewReader(page)
		out, err := cmd.CombinedOutput()
		if err != nil || len(out) > 0 {
			t.Errorf("%s: groff: %v\n%s", name, err, out)
		}
	}
}
