package batch

import (
	"io/fs"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/artclean/artclean/internal/atomicfile"
)

// maxOpenFolders bounds the folders a batch keeps open: the inputs come
// folder by folder, so a few serve every worker.
const maxOpenFolders = 16

// folders are the open folders a batch reads and writes small files in
// (atomicfile.Dir): relative to its folder, a file is opened, made and
// renamed without the kernel walking the folder's path again each time.
type folders struct {
	mu   sync.Mutex
	open map[string]*folder
	tick uint64
}

type folder struct {
	d    *atomicfile.Dir
	refs int    // writes under way
	used uint64 // folders.tick when last asked for
}

// writeFile is atomicfile.WriteFile, relative to the file's folder.
func (o *Options) writeFile(path string, data []byte, perm fs.FileMode, flags atomicfile.Flags) error {
	d, base, release := o.folder(path)
	if d == nil {
		return atomicfile.WriteFile(path, data, perm, flags) // which tells what is wrong
	}
	defer release()
	return d.WriteFile(base, data, perm, flags)
}

// readFile is atomicfile.ReadFile, relative to the file's folder.
func (o *Options) readFile(path string, buf []byte, limit int, check func(fs.FileInfo) error) ([]byte, error) {
	d, base, release := o.folder(path)
	if d == nil {
		return atomicfile.ReadFile(path, buf, limit, check)
	}
	defer release()
	return d.ReadFile(base, buf, limit, check)
}

// Close closes the folders the batch kept open to read and write its
// files in. Options are for one batch: Close it once the batch is done.
// (Options left unclosed close their folders when they are collected.)
func (o *Options) Close() {
	if o.folders != nil {
		o.folders.closeAll()
	}
}

// folder returns the folder of path, open, path's name in it and the
// function to call once done with the folder; nil if it cannot be opened.
func (o *Options) folder(path string) (d *atomicfile.Dir, base string, release func()) {
	o.foldersOnce.Do(func() {
		o.folders = &folders{open: map[string]*folder{}}
		// The folders are closed with the Options that opened them.
		runtime.AddCleanup(o, (*folders).closeAll, o.folders)
	})
	dir, base := filepath.Split(path)
	d, release, err := o.folders.get(dir)
	if err != nil {
		return nil, "", nil
	}
	return d, base, release
}

// get returns the folder at path, open, and the function to call once done
// with it.
func (f *folders) get(path string) (*atomicfile.Dir, func(), error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tick++
	e := f.open[path]
	if e == nil {
		d, err := atomicfile.OpenDir(path)
		if err != nil {
			return nil, nil, err
		}
		e = &folder{d: d}
		if len(f.open) >= maxOpenFolders && !f.evict() {
			// Every cached folder is in use: this one is not kept.
			return d, func() { d.Close() }, nil
		}
		f.open[path] = e
	}
	e.refs++
	e.used = f.tick
	return e.d, func() {
		f.mu.Lock()
		e.refs--
		f.mu.Unlock()
	}, nil
}

// evict closes the least recently used folder not in use, if there is one.
func (f *folders) evict() bool {
	var oldest string
	for p, e := range f.open {
		if e.refs == 0 && (oldest == "" || e.used < f.open[oldest].used) {
			oldest = p
		}
	}
	if oldest == "" {
		return false
	}
	f.open[oldest].d.Close()
	delete(f.open, oldest)
	return true
}

func (f *folders) closeAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for p, e := range f.open {
		e.d.Close()
		delete(f.open, p)
	}
}
