package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A disk that fills up mid-write: the error names the output, no partial
// output file and no temporary file is left, and the input is untouched.
// It needs a small tmpfs, so it runs as root only (as CI does).
func TestDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	full := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", full).Run()

	in := filepath.Join(t.TempDir(), "big.txt")
	text := strings.Repeat("Akapit artykułu, który się nie zmieści na dysku.\n\n", 20000)
	if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	check := func(args ...string) {
		t.Helper()
		var stderr bytes.Buffer
		code := Run(context.Background(), args, IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &stderr})
		if code != ExitTrouble || !strings.Contains(stderr.String(), "no space left on device") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr.String())
		}
		entries, _ := os.ReadDir(full)
		for _, e := range entries {
			if e.Name() != "out" {
				t.Errorf("%v left %s behind", args, e.Name())
			}
		}
		if got, _ := os.ReadFile(in); string(got) != text {
			t.Errorf("%v changed the input", args)
		}
	}
	check("-o", filepath.Join(full, "clean.txt"), in)
	check("-q", "-r", filepath.Dir(in), "-o", filepath.Join(full, "out"))
	filepath.WalkDir(filepath.Join(full, "out"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			t.Errorf("a mirrored output was left: %s", p)
		}
		return nil
	})
}

// /dev/full: writing to stdout fails with ENOSPC; the error is reported.
func TestStdoutFull(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var stderr bytes.Buffer
	code := Run(context.Background(), nil, IO{In: strings.NewReader("Tekst.\n"), Out: f, Err: &stderr})
	if code != ExitTrouble || !strings.Contains(stderr.String(), "artclean: standard output: write error: no space left on device") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
