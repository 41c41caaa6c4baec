package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkSmallFiles is the cost of one small file of a batch: walked
// already, read, cleaned and written (-r -o into a new tree, or -i). The
// cleaning of 2 KB is a small part of it; the rest is what each file costs
// whatever its size. Set TMPDIR to a tmpfs (/dev/shm) to leave the disk out:
// -i syncs every file it replaces.
func BenchmarkSmallFiles(b *testing.B) {
	c := newCleaner(b)
	text := strings.Repeat("Akapit tekstu artykułu, zdanie za zdaniem, i jeszcze jedno.\n\n", 30) + "Reklama\n\nKoniec.\n"
	const files = 400
	dir := b.TempDir()
	in := filepath.Join(dir, "in")
	for i := range files {
		p := filepath.Join(in, fmt.Sprintf("%02d/art-%04d.txt", i%20, i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	inputs := Walk([]string{in}, Selection{}, func(p string, err error) { b.Fatal(p, err) })
	ctx := context.Background()
	// run processes the inputs in passes, each with opts(pass) and after
	// between (untimed) has put the inputs back as they were: every file
	// is cleaned and written.
	run := func(b *testing.B, opts func(pass int) *Options, between func()) {
		var o *Options
		i, pass := 0, 0
		for b.Loop() {
			if i == len(inputs) {
				i = 0
			}
			if i == 0 {
				if between != nil {
					b.StopTimer()
					between()
					b.StartTimer()
				}
				o = opts(pass)
				pass++
			}
			if res := Process(ctx, o, inputs[i], nil); res.Err != nil || res.Status != Changed {
				b.Fatalf("%s: %+v", inputs[i].Path, res)
			}
			i++
		}
	}
	b.Run("mirror", func(b *testing.B) {
		run(b, func(pass int) *Options {
			return &Options{Mode: Mirror, Cleaner: c, OutDir: filepath.Join(dir, "out", fmt.Sprint(pass))}
		}, nil)
	})
	b.Run("inplace", func(b *testing.B) {
		o := &Options{Mode: InPlace, Cleaner: c}
		run(b, func(int) *Options { return o }, func() {
			for _, in := range inputs {
				os.WriteFile(in.Path, []byte(text), 0o644)
			}
		})
	})
}
