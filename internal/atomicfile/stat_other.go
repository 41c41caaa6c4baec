//go:build unix && !linux

package atomicfile

import (
	"errors"
	"io/fs"
	"os"
)

// fstat is the FileInfo of the open file fd, named name. Where the fields
// of syscall.Stat_t are not those of Linux, the file is looked up by name.
func fstat(_ int, name string) (fs.FileInfo, error) {
	fi, err := os.Stat(name)
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		err = pe.Err // ReadFile names the file
	}
	return fi, err
}

// umask is unknown here: every file is made owner-only, and then given its
// mode.
func umask() int { return -1 }

func hasDefaultACL(int) bool { return true }
