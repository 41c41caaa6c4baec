//go:build unix

package atomicfile

import (
	"cmp"
	"errors"
	"io/fs"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// WriteFile replaces path with data as Create, Write and Commit do (the
// same temporary name, kept permission bits, synced only with Sync), in
// about half their system calls: a file descriptor, not an *os.File, which
// registers every file with the runtime's poller. A batch of small files
// spent more time there than writing.
func WriteFile(path string, data []byte, perm fs.FileMode, flags Flags) error {
	dir, base := filepath.Split(path)
	return writeAt(&Dir{fd: unix.AT_FDCWD, prefix: dir}, base, data, perm, flags)
}

// Dir is an open folder that WriteFile writes files in by name: the
// temporary file is made, and renamed, relative to the folder's descriptor.
// The kernel then does not walk the folder's path again for each file (a
// third of what opening and renaming a small file cost on a tmpfs).
type Dir struct {
	fd     int
	prefix string // the folder's path and a separator: names in messages, and for Create's fallbacks
	// exact says a file made in the folder gets the mode it is made
	// with, less the umask: no default ACL of the folder changes it.
	exact bool
}

// OpenDir opens the folder at path ("" for the current one) for WriteFile.
func OpenDir(path string) (*Dir, error) {
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = unix.Open(cmp.Or(path, "."), unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	prefix := path
	if prefix != "" && !strings.HasSuffix(prefix, string(filepath.Separator)) {
		prefix += string(filepath.Separator)
	}
	return &Dir{fd: fd, prefix: prefix, exact: !hasDefaultACL(fd)}, nil
}

// Close closes the folder.
func (d *Dir) Close() error { return unix.Close(d.fd) }

// WriteFile is WriteFile of the file name (no separator in it) in the
// folder.
func (d *Dir) WriteFile(name string, data []byte, perm fs.FileMode, flags Flags) error {
	return writeAt(d, name, data, perm, flags)
}

// writeAt is WriteFile of base in the folder d.
func writeAt(d *Dir, base string, data []byte, perm fs.FileMode, flags Flags) error {
	at := func(name string) string { // for the kernel: relative to d.fd
		if d.fd == unix.AT_FDCWD {
			return d.prefix + name
		}
		return name
	}
	path := d.prefix + base
	if flags&Known == 0 {
		var st unix.Stat_t
		switch err := unix.Fstatat(d.fd, at(base), &st, 0); {
		case err == nil && st.Mode&unix.S_IFMT != unix.S_IFREG:
			return writeSlow(path, data, perm, flags) // a directory, FIFO or device: Create's cases
		case err == nil:
			perm = fs.FileMode(st.Mode) & fs.ModePerm
		case err != unix.ENOENT:
			return &CreateError{&fs.PathError{Op: "stat", Path: path, Err: err}}
		}
	}
	// A new file is made with perm where that is the mode it gets; else
	// owner-only, and perm is set once it is written.
	mode, chmod := uint32(perm), true
	if m := umask(); d.exact && m >= 0 && perm&fs.FileMode(m) == 0 {
		chmod = false
	} else {
		mode = 0o600
	}
	var (
		fd   int
		temp string
		err  error
	)
	for range 100 {
		temp = "." + base + ".artclean-" + strconv.FormatUint(uint64(rand.Uint32()), 10)
		fd, err = unix.Openat(d.fd, at(temp), unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, mode)
		if err != unix.EEXIST && err != unix.EINTR {
			break
		}
	}
	name := d.prefix + temp
	if err != nil {
		return &CreateError{&fs.PathError{Op: "open", Path: name, Err: err}}
	}
	live.add(name)
	defer live.remove(name)
	err = writeFD(fd, data)
	if err == nil && flags&Sync != 0 {
		err = ignoringEINTR(func() error { return unix.Fsync(fd) })
	}
	if err == nil && chmod {
		err = unix.Fchmod(fd, uint32(perm))
	}
	if cerr := unix.Close(fd); err == nil && cerr != nil {
		err = cerr
	}
	if err == nil {
		if err = unix.Renameat(d.fd, at(temp), d.fd, at(base)); err != nil {
			err = &fs.PathError{Op: "rename", Path: path, Err: err}
		}
	} else {
		err = &fs.PathError{Op: "write", Path: name, Err: err}
	}
	if err != nil {
		unix.Unlinkat(d.fd, at(temp), 0)
	}
	return err
}

func writeFD(fd int, data []byte) error {
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return err
		case n == 0:
			return errors.New("short write")
		}
		data = data[n:]
	}
	return nil
}

func ignoringEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}

// ReadFile appends the content of the file at path to buf, reading at most
// limit bytes: os.ReadFile without an *os.File, for the same reason as
// WriteFile. If check is not nil, it is first given the open file's
// FileInfo (fstat: no second look-up of the path, and no stat of every
// file while a batch lists them), and an error it returns ends ReadFile
// before anything is read.
func ReadFile(path string, buf []byte, limit int, check func(fs.FileInfo) error) ([]byte, error) {
	return readAt(unix.AT_FDCWD, path, path, buf, limit, check)
}

// ReadFile is ReadFile of the file name (no separator in it) in the folder.
func (d *Dir) ReadFile(name string, buf []byte, limit int, check func(fs.FileInfo) error) ([]byte, error) {
	return readAt(d.fd, name, d.prefix+name, buf, limit, check)
}

// readAt is ReadFile of name relative to the folder dirfd; path names it
// in messages.
func readAt(dirfd int, name, path string, buf []byte, limit int, check func(fs.FileInfo) error) ([]byte, error) {
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return buf, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	size := int64(-1) // a regular file's size as fstat told it
	if check != nil {
		fi, err := fstat(fd, path)
		if err != nil {
			return buf, &fs.PathError{Op: "stat", Path: path, Err: err}
		}
		if err := check(fi); err != nil {
			return buf, err
		}
		// Room for the whole file, and a byte more to see its end: one
		// read, not one for each time a new buffer doubles.
		buf = slices.Grow(buf, int(min(fi.Size(), int64(limit)))+1)
		if fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	start := len(buf)
	for len(buf)-start < limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		want := min(cap(buf)-len(buf), limit-(len(buf)-start))
		n, err := unix.Read(fd, buf[len(buf):len(buf)+want])
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return buf, &fs.PathError{Op: "read", Path: path, Err: err}
		case n == 0:
			return buf, nil
		}
		buf = buf[:len(buf)+n]
		if n < want && int64(len(buf)-start) == size {
			// A regular file gave less than asked for, and as much as
			// fstat said it holds: that is its end, and the read that
			// would return 0 to say so is spared (a system call a file
			// of a batch).
			return buf, nil
		}
	}
	return buf, nil
}
