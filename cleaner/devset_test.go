package cleaner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDevSet cleans the English and German dev set (testdata/devset: news
// documents written for this project, with the noise real pages carry and
// the text they should come to) and fails on any article line lost; the
// share of noise removed is logged, to be raised without losing a line.
func TestDevSet(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "de"} {
		raws, _ := filepath.Glob(filepath.Join("..", "testdata", "devset", lang, "*.raw.txt"))
		if len(raws) == 0 {
			t.Fatalf("no dev set for %s", lang)
		}
		noise, removed, content := 0, 0, 0
		for _, raw := range raws {
			in, err := os.ReadFile(raw)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(raw, ".raw.txt") + ".expected.txt")
			if err != nil {
				t.Fatal(err)
			}
			out := c.CleanString(string(in))
			got := lineSet(out)
			if strings.Count(strings.TrimSpace(string(in)), "\n") == 0 {
				// A document flattened to one line: its words must all be
				// there, in order (inline noise is not removed yet).
				content++
				if w, ok := subsequence(strings.Fields(string(want)), strings.Fields(out)); !ok {
					t.Errorf("%s: lost the article's words from %q on", raw, w)
				}
				continue
			}
			keep := lineSet(string(want))
			for line := range keep {
				if content++; !got[line] {
					t.Errorf("%s: lost %q", raw, line)
				}
			}
			for line := range lineSet(string(in)) {
				if !keep[line] {
					noise++
					if !got[line] {
						removed++
					}
				}
			}
		}
		t.Logf("%s: %d article lines (and flattened documents) kept; noise removed %d of %d lines (%.0f%%)", lang, content, removed, noise, 100*float64(removed)/float64(noise))
	}
}

// lineSet is the set of non-blank lines of s, trimmed.
func lineSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			set[l] = true
		}
	}
	return set
}

// subsequence reports whether want's words occur in got in order, and if
// not, the first word missing.
func subsequence(want, got []string) (string, bool) {
	j := 0
	for _, w := range want {
		for j < len(got) && got[j] != w {
			j++
		}
		if j == len(got) {
			return w, false
		}
		j++
	}
	return "", true
}
