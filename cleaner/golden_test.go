package cleaner

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestSeed is the project's reference pair: the expected file is the
// specification and is never rewritten by -update.
func TestSeed(t *testing.T) {
	raw := readFile(t, "../testdata/seed.raw.txt")
	want := readFile(t, "../testdata/seed.expected.txt")
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	var removed []Removal
	if _, err := c.Clean(&got, bytes.NewReader(raw), &Hooks{Removal: func(r Removal) { removed = append(removed, r) }}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("seed output differs from seed.expected.txt:\n%s", got.String())
	}
	var ids []string
	for _, r := range removed {
		ids = append(ids, r.Rule+"@"+string(r.Action))
	}
	wantIDs := "intl/leading-date@strip pl/ad-marker@drop-line pl/teaser@drop-line pl/ad-marker@drop-line"
	if strings.Join(ids, " ") != wantIDs {
		t.Errorf("removals: got %v, want %s", ids, wantIDs)
	}
}

// TestGolden cleans every testdata/golden/NAME.in.txt and compares with
// NAME.out.txt; go test -run TestGolden -update rewrites the outputs.
func TestGolden(t *testing.T) {
	ins, err := filepath.Glob("../testdata/golden/*.in.txt")
	if err != nil || len(ins) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range ins {
		name := strings.TrimSuffix(filepath.Base(in), ".in.txt")
		t.Run(name, func(t *testing.T) {
			raw := readFile(t, in)
			var got bytes.Buffer
			if _, err := c.Clean(&got, bytes.NewReader(raw), nil); err != nil {
				t.Fatal(err)
			}
			outPath := strings.TrimSuffix(in, ".in.txt") + ".out.txt"
			if *update {
				if err := os.WriteFile(outPath, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := readFile(t, outPath); !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s: got\n%s\nwant\n%s", name, got.Bytes(), want)
			}
			// The same bytes whatever the reads look like.
			var slow bytes.Buffer
			if _, err := c.Clean(&slow, iotest.OneByteReader(bytes.NewReader(raw)), nil); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(slow.Bytes(), got.Bytes()) {
				t.Errorf("%s: one-byte reads give different output", name)
			}
		})
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
