//go:build unix

package atomicfile

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
)

// WriteFile replaces path with data as Create, Write and Commit do (the
// same temporary name, kept permission bits, synced only with Sync), in
// about half their system calls: a file descriptor, not an *os.File, which
// registers every file with the runtime's poller. A batch of small files
// spent more time there than writing.
func WriteFile(path string, data []byte, perm fs.FileMode, flags Flags) error {
	if flags&Known == 0 {
		var st syscall.Stat_t
		switch err := syscall.Stat(path, &st); {
		case err == nil && st.Mode&syscall.S_IFMT != syscall.S_IFREG:
			return writeSlow(path, data, perm, flags) // a directory, FIFO or device: Create's cases
		case err == nil:
			perm = fs.FileMode(st.Mode) & fs.ModePerm
		case err != syscall.ENOENT:
			return &CreateError{&fs.PathError{Op: "stat", Path: path, Err: err}}
		}
	}
	dir, base := filepath.Split(path)
	var (
		fd   int
		name string
		err  error
	)
	for range 100 {
		name = dir + "." + base + ".artclean-" + strconv.FormatUint(uint64(rand.Uint32()), 10)
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o600)
		if err != syscall.EEXIST && err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return &CreateError{&fs.PathError{Op: "open", Path: name, Err: err}}
	}
	live.Store(name, struct{}{})
	defer live.Delete(name)
	err = writeFD(fd, data)
	if err == nil && flags&Sync != 0 {
		err = ignoringEINTR(func() error { return syscall.Fsync(fd) })
	}
	if err == nil {
		err = syscall.Fchmod(fd, uint32(perm))
	}
	if cerr := syscall.Close(fd); err == nil && cerr != nil {
		err = cerr
	}
	if err == nil {
		if err = syscall.Rename(name, path); err != nil {
			err = &fs.PathError{Op: "rename", Path: path, Err: err}
		}
	} else {
		err = &fs.PathError{Op: "write", Path: name, Err: err}
	}
	if err != nil {
		syscall.Unlink(name)
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
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return buf, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
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
	}
	start := len(buf)
	for len(buf)-start < limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		want := min(cap(buf)-len(buf), limit-(len(buf)-start))
		n, err := syscall.Read(fd, buf[len(buf):len(buf)+want])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return buf, &fs.PathError{Op: "read", Path: path, Err: err}
		case n == 0:
			return buf, nil
		}
		buf = buf[:len(buf)+n]
	}
	return buf, nil
}
