//go:build unix

package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Permission denied, for real even when the tests run as root (as CI does,
// where the superuser reads any file): the child runs as nobody.
func TestPermissionDenied(t *testing.T) {
	if testing.Short() {
		t.Skip("copies the test binary")
	}
	runAs := func(cmd *exec.Cmd) {}
	if os.Geteuid() == 0 {
		runAs = func(cmd *exec.Cmd) {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
	}
	// Everything the child needs must be reachable by nobody: a folder of
	// its own under the system temp dir, not t.TempDir's 0700 parents.
	base, err := os.MkdirTemp("", "artclean-perm-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	os.Chmod(base, 0o755)
	bin := filepath.Join(base, "artclean.test")
	copyFile(t, os.Args[0], bin, 0o755)

	in := filepath.Join(base, "in")
	os.MkdirAll(filepath.Join(in, "sub"), 0o755)
	write := func(rel string, mode os.FileMode) {
		p := filepath.Join(in, rel)
		if err := os.WriteFile(p, []byte("Tekst.\nReklama\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, mode)
	}
	write("ok.txt", 0o644)
	write("secret.txt", 0o000)
	write("sub/ok.txt", 0o644)
	os.Chmod(in, 0o777) // in-place writes temp files here

	run := func(args ...string) (int, string) {
		t.Helper()
		cmd := exec.Command(bin)
		cmd.Env = append(os.Environ(), "ARTCLEAN_CHILD_ARGS="+strings.Join(args, "\x1f"))
		cmd.Dir = base
		var stderr bytes.Buffer
		cmd.Stderr, cmd.Stdout = &stderr, io.Discard
		runAs(cmd)
		err := cmd.Run()
		t.Logf("artclean %s: exit %d\n%s", strings.Join(args, " "), cmd.ProcessState.ExitCode(), stderr.String())
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), stderr.String()
	}

	// An unreadable input: named, exit 2, the rest of the batch cleaned.
	out := filepath.Join(base, "out")
	os.Mkdir(out, 0o755)
	os.Chmod(out, 0o777) // past the umask
	code, stderr := run("-r", "-o", out, in)
	if code != ExitTrouble || !strings.Contains(stderr, "secret.txt: permission denied") {
		t.Errorf("unreadable input: exit %d, stderr %q", code, stderr)
	}
	for _, rel := range []string{"ok.txt", "sub/ok.txt"} {
		if got, err := os.ReadFile(filepath.Join(out, rel)); err != nil || string(got) != "Tekst.\n" {
			t.Errorf("%s not cleaned: %q %v; stderr %q", rel, got, err, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "secret.txt")); err == nil {
		t.Error("an output was written for the unreadable input")
	}

	// An output directory nobody may write: an error naming it, no
	// partial output.
	ro := filepath.Join(base, "ro")
	os.Mkdir(ro, 0o555)
	code, stderr = run("-o", filepath.Join(ro, "clean.txt"), filepath.Join(in, "ok.txt"))
	if code != ExitTrouble || !strings.Contains(stderr, "permission denied") || !strings.Contains(stderr, "ro") {
		t.Errorf("unwritable output: exit %d, stderr %q", code, stderr)
	}
	if entries, _ := os.ReadDir(ro); len(entries) > 0 {
		t.Errorf("left in the unwritable directory: %v", entries)
	}

	// In place on a read-only file in a read-only folder: refused, the
	// input untouched.
	lockedDir := filepath.Join(base, "locked")
	os.Mkdir(lockedDir, 0o755)
	locked := filepath.Join(lockedDir, "a.txt")
	os.WriteFile(locked, []byte("Tekst.\nReklama\n"), 0o644)
	code, stderr = run("-i", locked)
	if os.Geteuid() != 0 {
		t.Skip("the rest needs another user to own the folder")
	}
	if want := "a.txt: cannot create a temporary file beside it: permission denied\n"; code != ExitTrouble || !strings.Contains(stderr, want) {
		t.Errorf("in place in a folder nobody may write: exit %d, stderr %q, want %q", code, stderr, want)
	}
	if got, _ := os.ReadFile(locked); string(got) != "Tekst.\nReklama\n" {
		t.Errorf("input changed: %q", got)
	}
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}
