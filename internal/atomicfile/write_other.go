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
// limit bytes.
func ReadFile(path string, buf []byte, limit int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, int64(limit)))
	return append(buf, b...), err
}
