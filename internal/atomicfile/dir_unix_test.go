//go:build unix

package atomicfile

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/sys/unix"
)

// Dir.WriteFile is WriteFile relative to an open folder: the same files,
// the same modes, whether or not it can make the file with its mode at
// once.
func TestDirWriteFile(t *testing.T) {
	root := t.TempDir()
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, tc := range []struct {
		name string
		perm fs.FileMode
	}{
		{"a.txt", 0o644}, // a umask of 022 keeps it: made so
		{"b.txt", 0o666}, // a umask of 022 would clear bits: set after
		{"c.txt", 0o400},
	} {
		if err := d.WriteFile(tc.name, []byte(tc.name), tc.perm, Known); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(filepath.Join(root, tc.name))
		if err != nil || fi.Mode().Perm() != tc.perm {
			t.Errorf("%s: mode %v (%v), want %v", tc.name, fi.Mode(), err, tc.perm)
		}
		if b, _ := os.ReadFile(filepath.Join(root, tc.name)); string(b) != tc.name {
			t.Errorf("%s holds %q", tc.name, b)
		}
	}
	// There: replaced, its mode kept.
	if err := d.WriteFile("c.txt", []byte("new"), 0o644, Sync); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(filepath.Join(root, "c.txt")); fi.Mode().Perm() != 0o400 {
		t.Errorf("replaced c.txt has mode %v, want its own 0400", fi.Mode())
	}
	os.Mkdir(filepath.Join(root, "sub"), 0o755)
	if err := d.WriteFile("sub", []byte("x"), 0o644, 0); err == nil {
		t.Error("a folder was replaced")
	}
	if entries, _ := os.ReadDir(root); len(entries) != 4 {
		t.Errorf("files left: %v", entries)
	}
}

// A folder with a default ACL gives new files a mode of its own: the file
// is given perm after it is made.
func TestDirWriteFileDefaultACL(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("POSIX ACLs as Linux stores them")
	}
	root := t.TempDir()
	// user::rw-, group::---, other::---
	acl := binary.LittleEndian.AppendUint32(nil, 2)
	for _, e := range [][2]uint16{{0x01, 6}, {0x04, 0}, {0x20, 0}} {
		acl = binary.LittleEndian.AppendUint16(acl, e[0])
		acl = binary.LittleEndian.AppendUint16(acl, e[1])
		acl = binary.LittleEndian.AppendUint32(acl, 0xffffffff)
	}
	if err := unix.Setxattr(root, "system.posix_acl_default", acl, 0); err != nil {
		t.Skipf("no default ACL here: %v", err)
	}
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.exact {
		t.Error("the folder's default ACL went unseen")
	}
	if err := d.WriteFile("a.txt", []byte("a"), 0o644, Known); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(root, "a.txt")); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v (%v), want 0644", fi.Mode(), err)
	}
}
