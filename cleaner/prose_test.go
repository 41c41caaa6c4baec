package cleaner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProseCorpus runs every default rule over article prose written for
// this project (testdata/prose: dense with look-alikes of noise) and fails
// on any removal: each line there is the article's own.
func TestProseCorpus(t *testing.T) {
	files, err := filepath.Glob("../testdata/prose/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no prose corpus: %v", err)
	}
	c, err := New(WithSeparator("====="))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var guarded []Guarded
			_, err = c.Clean(&strings.Builder{}, strings.NewReader(string(b)), &Hooks{
				Removal: func(r Removal) { t.Errorf("%s:%d: %s removed %q", f, r.Line, r.Rule, r.Text) },
				Guard:   func(g Guarded) { guarded = append(guarded, g) },
			})

			if err != nil {
				t.Fatal(err)
			}
			for _, g := range guarded {
				t.Errorf("%s:%d: the guard stopped %s: %s", f, g.Line, g.Rule, g.Reason)
			}
		})
	}
}
