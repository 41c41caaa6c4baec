//go:build !unix

package atomicfile

import (
	"io"
	"io/fs"
	"os"
)

// WriteFile replaces path with data as Create, Write and Commit do.
func WriteFile(path string, data []byte, perm fs.FileMode, flags Flags) error {
	return writeSlow(path, data, perm, flags)
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
