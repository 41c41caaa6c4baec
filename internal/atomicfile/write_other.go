//go:build !unix

package atomicfile

import (
	"cmp"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile replaces path with data as Create, Write and Commit do.
func WriteFile(path string, data []byte, perm fs.FileMode, flags Flags) error {
	return writeSlow(path, data, perm, flags)
}

// Dir is a folder that WriteFile writes files in by name.
type Dir struct{ path string }

// OpenDir opens the folder at path ("" for the current one) for WriteFile.
func OpenDir(path string) (*Dir, error) {
	fi, err := os.Stat(cmp.Or(path, "."))
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: errors.New("not a directory")}
	}
	return &Dir{path}, nil
}

// Close closes the folder.
func (d *Dir) Close() error { return nil }

// WriteFile is WriteFile of the file name in the folder.
func (d *Dir) WriteFile(name string, data []byte, perm fs.FileMode, flags Flags) error {
	return WriteFile(filepath.Join(d.path, name), data, perm, flags)
}

// ReadFile is ReadFile of the file name in the folder.
func (d *Dir) ReadFile(name string, buf []byte, limit int, check func(fs.FileInfo) error) ([]byte, error) {
	return ReadFile(filepath.Join(d.path, name), buf, limit, check)
}

// ReadFile appends the content of the file at path to buf, reading at most
// limit bytes. If check is not nil, it is first given the open file's
// FileInfo, and an error it returns ends ReadFile before anything is read.
func ReadFile(path string, buf []byte, limit int, check func(fs.FileInfo) error) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	if check != nil {
		fi, err := f.Stat()
		if err != nil {
			return buf, err
		}
		if err := check(fi); err != nil {
			return buf, err
		}
	}
	b, err := io.ReadAll(io.LimitReader(f, int64(limit)))
	return append(buf, b...), err
}
