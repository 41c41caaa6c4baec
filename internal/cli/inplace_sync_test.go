package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/artclean/artclean/cleaner"
)

// TestInPlaceSync: -i with and without --fsync (each file synced before
// its rename, or the file system once at the end) writes the same files.
func TestInPlaceSync(t *testing.T) {
	c, err := cleaner.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-r", "-i", "-q"}, {"-r", "-i", "-q", "--fsync", "-j", "3"}} {
		dir := t.TempDir()
		want := map[string]string{}
		for i := range 12 {
			rel := fmt.Sprintf("d%d/a%02d.txt", i%3, i)
			text := fmt.Sprintf("Artykuł %d, zdanie za zdaniem, i jeszcze jedno.\n\nReklama\n\nKoniec tekstu %d.\n", i, i)
			os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755)
			if err := os.WriteFile(filepath.Join(dir, rel), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			want[rel] = c.CleanString(text)
		}
		if code, stderr := runInProcess(t, append(args, dir)...); code != 0 || stderr != "" {
			t.Fatalf("%v: exit %d, %q", args, code, stderr)
		}
		for rel, w := range want {
			got, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil || string(got) != w || strings.Contains(string(got), "Reklama") {
				t.Errorf("%v: %s = %q, %v; want %q", args, rel, got, err, w)
			}
		}
	}
}
