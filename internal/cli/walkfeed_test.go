package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWalkProblemsInOrder: a problem the walk meets is told in its place
// among the results, the same at every -j, and the rest is cleaned.
func TestWalkProblemsInOrder(t *testing.T) {
	dir := t.TempDir()
	for _, rel := range []string{"a/1.txt", "b/2.txt", "c/3.txt"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755)
		os.WriteFile(filepath.Join(dir, rel), []byte("Tekst.\n\nReklama\n"), 0o644)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "b", "broken.txt")); err != nil {
		t.Skip(err)
	}
	var first string
	for _, j := range []string{"1", "2", "4"} {
		out := filepath.Join(t.TempDir(), "out")
		code, stderr := runInProcess(t, "-r", "--follow", "-j", j, dir, "-o", out)
		if code != ExitTrouble || !strings.Contains(stderr, "broken.txt: no such file or directory") {
			t.Fatalf("-j %s: exit %d, %q", j, code, stderr)
		}
		for _, rel := range []string{"a/1.txt", "b/2.txt", "c/3.txt"} {
			if b, err := os.ReadFile(filepath.Join(out, rel)); err != nil || strings.Contains(string(b), "Reklama") {
				t.Errorf("-j %s: %s: %q, %v", j, rel, b, err)
			}
		}
		if first == "" {
			first = stderr
		} else if stderr != first {
			t.Errorf("-j %s told\n%s\nnot as -j 1:\n%s", j, stderr, first)
		}
	}
}
