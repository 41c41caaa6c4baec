package atomicfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestReplaceRegularFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Create(path, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("new")
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("target changed before Commit: %q", b)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new" || err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("after Commit: %q, mode %v (%v); want \"new\" with the old mode 0600", b, fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestAbortLeavesTarget(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	os.WriteFile(path, []byte("old"), 0o644)
	f, err := Create(path, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("half")
	f.Abort()
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("after Abort: %q, want the old contents", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestDirectoryRefused(t *testing.T) {
	dir := t.TempDir()
	if _, err := Create(dir, 0o644); !errors.Is(err, syscall.EISDIR) {
		t.Errorf("Create(a directory) = %v, want EISDIR", err)
	}
	var pe *fs.PathError
	if _, err := Create(dir, 0o644); !errors.As(err, &pe) || pe.Path != dir {
		t.Errorf("Create(a directory) = %v, want a *fs.PathError naming it", err)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	mode := func() fs.FileMode {
		t.Helper()
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Mode().Perm()
	}
	check := func(want string) {
		t.Helper()
		if b, err := os.ReadFile(path); string(b) != want || err != nil {
			t.Errorf("%s holds %q (%v), want %q", path, b, err, want)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("temporary files left: %v", entries)
		}
	}
	// New: perm exactly, whatever the umask.
	if err := WriteFile(path, []byte("one"), 0o666, 0); err != nil {
		t.Fatal(err)
	}
	check("one")
	if m := mode(); m != 0o666 {
		t.Errorf("new file has mode %v, want 0666", m)
	}
	// There: its permission bits are kept.
	os.Chmod(path, 0o600)
	if err := WriteFile(path, []byte("two"), 0o644, Sync); err != nil {
		t.Fatal(err)
	}
	check("two")
	if m := mode(); m != 0o600 {
		t.Errorf("replaced file has mode %v, want its own 0600", m)
	}
	// Known: not looked at; replaced all the same, with perm.
	if err := WriteFile(path, []byte("three"), 0o640, Known); err != nil {
		t.Fatal(err)
	}
	check("three")
	if m := mode(); m != 0o640 {
		t.Errorf("Known: mode %v, want perm 0640", m)
	}
	other := filepath.Join(dir, "new.txt")
	if err := WriteFile(other, []byte("four"), 0o644, Known|Sync); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(other); string(b) != "four" {
		t.Errorf("Known, new: %q", b)
	}
	os.Remove(other)
	// A folder is not replaced, known or not.
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	for _, flags := range []Flags{0, Known} {
		if err := WriteFile(sub, []byte("x"), 0o644, flags); err == nil {
			t.Errorf("flags %d: a folder was replaced", flags)
		}
	}
	os.Remove(sub)
	check("three")
}

func TestReadFileCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.txt")
	data := bytes.Repeat([]byte("0123456789"), 1000)
	if err := os.WriteFile(path, data, 0o640); err != nil {
		t.Fatal(err)
	}
	var seen fs.FileInfo
	got, err := ReadFile(path, []byte("head:"), 1<<20, func(fi fs.FileInfo) error { seen = fi; return nil })
	if err != nil || string(got) != "head:"+string(data) {
		t.Fatalf("ReadFile = %d bytes, %v", len(got), err)
	}
	if seen == nil || seen.Name() != "in.txt" || seen.Size() != int64(len(data)) || seen.Mode() != 0o640 || seen.IsDir() {
		t.Errorf("check saw %v", seen)
	} else if want, _ := os.Stat(path); !seen.ModTime().Equal(want.ModTime()) {
		t.Errorf("check saw mtime %v, want %v", seen.ModTime(), want.ModTime())
	}
	stop := errors.New("no")
	if got, err := ReadFile(path, nil, 1<<20, func(fs.FileInfo) error { return stop }); err != stop || len(got) != 0 {
		t.Errorf("a check's error: ReadFile = %d bytes, %v", len(got), err)
	}
	if got, err := ReadFile(path, nil, 5, nil); err != nil || string(got) != "01234" {
		t.Errorf("limit 5: %q, %v", got, err)
	}
}

// TestReadFileSizeChanges: ReadFile stops at the size fstat told only when
// the file ends there; one that grew or shrank since is read as it is.
func TestReadFileSizeChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.txt")
	for _, tc := range []struct {
		name   string
		change func() error
		want   string
	}{
		{"grown", func() error {
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteString(" and more")
			return err
		}, "some text and more"},
		{"shrunk", func() error { return os.Truncate(path, 4) }, "some"},
		{"same", func() error { return nil }, "some text"},
	} {
		if err := os.WriteFile(path, []byte("some text"), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(path, nil, 1<<20, func(fs.FileInfo) error { return tc.change() })
		if err != nil || string(got) != tc.want {
			t.Errorf("%s: ReadFile = %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}
