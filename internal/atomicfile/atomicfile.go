// Package atomicfile writes a file so that readers see either the old
// contents or the complete new ones, never a half-written file: data goes to
// a temporary file in the same directory, which is synced and renamed over
// the target only on Commit.
package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// File is a pending replacement of a file.
type File struct {
	*os.File
	// NoSync skips the fsync before the rename. Readers still see the old
	// or the complete new file, and a killed process leaves nothing half
	// written; only a power cut can lose the newest data. For outputs that
	// can be made again from their inputs, synced once at the end (SyncDir).
	NoSync bool
	path   string
	perm   fs.FileMode
	done   bool
	direct bool // the target itself is open: a FIFO or a device
}

// Create starts writing path. The target's permission bits are kept if it
// exists; a new file gets perm. A target that exists and is neither a
// regular file nor a directory (a FIFO, a device such as /dev/null) cannot
// be replaced by rename and holds no data to lose: it is opened and
// written directly, as sort -o does.
func Create(path string, perm fs.FileMode) (*File, error) {
	if fi, err := os.Stat(path); err == nil {
		switch {
		case fi.IsDir():
			return nil, &fs.PathError{Op: "create", Path: path, Err: syscall.EISDIR}
		case !fi.Mode().IsRegular():
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return nil, err
			}
			return &File{File: f, path: path, direct: true}, nil
		}
		perm = fi.Mode().Perm()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".artclean-*")
	if err != nil {
		return nil, err
	}
	live.add(f.Name())
	return &File{File: f, path: path, perm: perm}, nil
}

// live holds the names of the temporary files not yet committed or
// aborted, for RemoveAll. A map under a mutex: a sync.Map boxed every
// name and allocated an entry for it, for each file of a batch.
var live = liveFiles{names: map[string]struct{}{}}

type liveFiles struct {
	mu    sync.Mutex
	names map[string]struct{}
}

func (l *liveFiles) add(name string) {
	l.mu.Lock()
	l.names[name] = struct{}{}
	l.mu.Unlock()
}

func (l *liveFiles) remove(name string) {
	l.mu.Lock()
	delete(l.names, name)
	l.mu.Unlock()
}

// RemoveAll removes every temporary file still open: what a process that
// must exit at once (an interrupt it cannot wait out) calls last.
func RemoveAll() {
	live.mu.Lock()
	defer live.mu.Unlock()
	for name := range live.names {
		os.Remove(name)
		delete(live.names, name)
	}
}

// Commit syncs the data and renames the temporary file over the target.
// On error the temporary file is removed and the target is untouched.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: already committed or aborted")
	}
	f.done = true
	if f.direct {
		return f.File.Close()
	}
	var err error
	if !f.NoSync || !canSyncFS {
		err = f.File.Sync()
	}
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.File.Name(), f.perm)
	}
	if err == nil {
		err = os.Rename(f.File.Name(), f.path)
	}
	if err != nil {
		os.Remove(f.File.Name())
	}
	live.remove(f.File.Name())
	return err
}

// Matches reports whether what was written so far equals the file at path,
// byte for byte: a target that would not change need not be replaced, and
// keeps its modification time (make and rsync read it). The written data
// must be flushed to f first.
func (f *File) Matches(path string) bool {
	if f.direct || f.done {
		return false
	}
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	if st, err := f.File.Stat(); err != nil || st.Size() != fi.Size() {
		return false
	}
	old, err := os.Open(path)
	if err != nil {
		return false
	}
	defer old.Close()
	a := io.NewSectionReader(f.File, 0, fi.Size())
	bufA, bufB := make([]byte, 32<<10), make([]byte, 32<<10)
	for {
		n, errA := io.ReadFull(a, bufA)
		m, errB := io.ReadFull(old, bufB[:n])
		if m != n || !bytes.Equal(bufA[:n], bufB[:m]) {
			return false
		}
		if errA != nil || errB != nil {
			return errA == io.EOF || errA == io.ErrUnexpectedEOF
		}
	}
}

// Abort removes the temporary file, leaving the target as it was. It is safe
// to call after Commit, which makes "defer f.Abort()" the usual pattern.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close()
	if !f.direct {
		os.Remove(f.File.Name())
		live.remove(f.File.Name())
	}
}

// SyncDir flushes the file system holding dir to disk (syncfs on Linux):
// one call makes a whole batch of NoSync outputs durable.
func SyncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return syncFS(f)
}

// CreateError is WriteFile's error when it could not even start: the
// temporary file could not be made, Create's error.
type CreateError struct{ Err error }

func (e *CreateError) Error() string { return e.Err.Error() }
func (e *CreateError) Unwrap() error { return e.Err }

// Flags say how WriteFile writes.
type Flags uint8

const (
	// Sync makes the data durable before the rename (fsync), as Commit
	// does without NoSync.
	Sync Flags = 1 << iota
	// Known says the caller knows the target: it does not exist (it is in
	// a folder the caller has just made), or it is a regular file whose
	// permission bits are perm (the caller has just read it). WriteFile
	// then does not look at it first: one system call less for each file
	// of a batch. A target that is there after all is still replaced
	// atomically, with perm.
	Known
)

// writeSlow is WriteFile by Create, Write and Commit.
func writeSlow(path string, data []byte, perm fs.FileMode, flags Flags) error {
	f, err := Create(path, perm)
	if err != nil {
		return &CreateError{err}
	}
	defer f.Abort()
	f.NoSync = flags&Sync == 0
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Commit()
}
