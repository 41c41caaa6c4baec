// Package batch cleans many files: it walks directories, selects inputs,
// runs the cleaner on them in parallel with results in input order, and
// writes outputs atomically (mirrored tree, in place, or not at all for
// --check and --diff).
package batch

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// DefaultInclude are the names cleaned when no --include is given: text
// dumps and JSON Lines, plain or compressed.
var DefaultInclude = []string{
	"*.txt", "*.text", "*.jsonl", "*.ndjson",
	"*.txt.gz", "*.text.gz", "*.jsonl.gz", "*.ndjson.gz",
	"*.txt.zst", "*.text.zst", "*.jsonl.zst", "*.ndjson.zst",
}

// Input is one file to clean.
type Input struct {
	Path string      // as found: root joined with Rel
	Rel  string      // relative to its root ("a/b.txt"); a file root's base name
	Info fs.FileInfo // of the file itself (after following a link with --follow)
	// Dir is the top-level folder under the walked root that holds the
	// file ("." for a file right in the root; "" for a file named as an
	// argument): the "dir" group of scoped rule packs and learn --group-by.
	Dir string
	// Reader, if set, is read instead of opening Path (standard input).
	Reader io.Reader
	// Label, if set, is what messages and diff headers call the input:
	// "-" for standard input kept in a temporary file at Path.
	Label string
	// noLink says the walk saw that Path itself is no symbolic link: -i
	// then replaces Path without resolving it (EvalSymlinks looks at every
	// folder on the way, six system calls a file in a batch).
	noLink bool
}

// Name is what messages call the input.
func (in Input) Name() string {
	if in.Label != "" {
		return in.Label
	}
	return in.Path
}

// Selection says which files of a walk are inputs.
type Selection struct {
	Include []string // globs; DefaultInclude when empty
	Exclude []string
	Hidden  bool // also names starting with "."
	Follow  bool // follow symbolic links (loops are detected)
	// SkipDir, if set, is called for each directory; true leaves it out
	// (the output directory inside an input tree).
	SkipDir func(path string, info fs.FileInfo) bool
}

// matchGlob matches a glob without "/" on the base name and one with "/" on
// the whole relative path, as .gitignore and rsync do.
func matchGlob(glob, rel string) bool {
	if strings.Contains(glob, "/") {
		ok, _ := filepath.Match(glob, rel)
		return ok
	}
	ok, _ := filepath.Match(glob, filepath.Base(rel))
	return ok
}

// ValidateGlobs reports a malformed glob before any work starts.
func ValidateGlobs(globs []string) error {
	for _, g := range globs {
		if _, err := filepath.Match(g, ""); err != nil {
			return fmt.Errorf("bad glob %q: %v", g, err)
		}
	}
	return nil
}

func (s *Selection) selected(rel string) bool {
	inc := s.Include
	if len(inc) == 0 {
		inc = DefaultInclude
	}
	ok := false
	for _, g := range inc {
		if matchGlob(g, rel) {
			ok = true
			break
		}
	}
	if !ok {
		return false
	}
	for _, g := range s.Exclude {
		if matchGlob(g, rel) {
			return false
		}
	}
	return true
}

// Walk lists the inputs under roots in a stable order (roots as given,
// directory entries by name). A root that is a file is an input whatever its
// name. Problems with single entries (unreadable directory, broken link,
// symlink loop) go to warn and the walk goes on.
func Walk(roots []string, sel Selection, warn func(path string, err error)) []Input {
	var inputs []Input
	WalkEach(roots, sel, func(in Input, err error) bool {
		if err != nil {
			warn(in.Path, err)
		} else {
			inputs = append(inputs, in)
		}
		return true
	})
	return inputs
}

// WalkEach is Walk that gives each input to yield as it is found, and each
// problem as an Input with only its Path and the error, in the order of
// Walk. The walk stops when yield returns false.
func WalkEach(roots []string, sel Selection, yield func(in Input, err error) bool) {
	for _, root := range roots {
		info, err := os.Stat(root)
		if err != nil {
			if !yield(Input{Path: root}, UnwrapPathError(err)) {
				return
			}
			continue
		}
		if !info.IsDir() {
			if !yield(Input{Path: root, Rel: filepath.Base(root), Info: info}, nil) {
				return
			}
			continue
		}
		w := walker{sel: sel, yield: yield}
		if !w.dir(root, "", info, nil) {
			return
		}
	}
}

type walker struct {
	sel   Selection
	yield func(Input, error) bool
}

func (w *walker) warn(path string, err error) bool { return w.yield(Input{Path: path}, err) }

// ErrLoop reports a symbolic link that leads back to a directory being walked.
var ErrLoop = errors.New("symbolic link loop skipped")

// dir walks directory path; stack holds the directories it lies in, for
// loop detection (os.SameFile: the device and inode on Unix, the volume
// and file index on Windows). It returns false once yield has.
func (w *walker) dir(path, rel string, info fs.FileInfo, stack []fs.FileInfo) bool {
	if w.sel.SkipDir != nil && w.sel.SkipDir(path, info) {
		return true
	}
	for _, s := range stack {
		if os.SameFile(s, info) {
			return w.warn(path, ErrLoop)
		}
	}
	stack = append(stack, info)
	entries, err := os.ReadDir(path)
	if err != nil && !w.warn(path, UnwrapPathError(err)) {
		// (ReadDir returns what it read before the error: the walk goes
		// on with that.)
		return false
	}
	for _, e := range entries {
		name := e.Name()
		if !w.sel.Hidden && strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(path, name)
		r := name
		if rel != "" {
			r = rel + "/" + name
		}
		typ := e.Type()
		var fi fs.FileInfo
		switch {
		case typ.IsRegular():
			// The directory entry tells a regular file; its FileInfo
			// waits until it is asked for (entryInfo).
			if w.sel.selected(r) && !w.yield(Input{Path: p, Rel: r, Info: &entryInfo{e: e}, Dir: TopDir(filepath.ToSlash(r)), noLink: true}, nil) {
				return false
			}
			continue
		case typ&fs.ModeSymlink != 0:
			if !w.sel.Follow {
				continue
			}
			if fi, err = os.Stat(p); err != nil {
				if !w.warn(p, UnwrapPathError(err)) {
					return false
				}
				continue
			}
		default:
			if fi, err = e.Info(); err != nil {
				if !w.warn(p, UnwrapPathError(err)) {
					return false
				}
				continue
			}
		}
		ok := true
		switch {
		case fi.IsDir():
			ok = w.dir(p, r, fi, stack)
		case w.sel.selected(r):
			ok = w.yield(Input{Path: p, Rel: r, Info: fi, Dir: TopDir(filepath.ToSlash(r)), noLink: typ&fs.ModeSymlink == 0}, nil)
		}
		if !ok {
			return false
		}
	}
	return true
}

// entryInfo is the FileInfo of a walked regular file, read when first
// asked for: Process opens the file anyway and learns it there (fstat,
// setInfo), which spares the walk a stat by path of each file.
type entryInfo struct {
	e    fs.DirEntry
	once sync.Once
	fi   fs.FileInfo
}

func (i *entryInfo) get() fs.FileInfo {
	i.once.Do(func() {
		fi, err := i.e.Info()
		if err != nil {
			// Gone since the walk: opening it will say so.
			fi = goneInfo(i.e.Name())
		}
		i.fi = fi
	})
	return i.fi
}

func (i *entryInfo) Name() string       { return i.e.Name() }
func (i *entryInfo) IsDir() bool        { return false }
func (i *entryInfo) Mode() fs.FileMode  { return i.get().Mode() }
func (i *entryInfo) Size() int64        { return i.get().Size() }
func (i *entryInfo) ModTime() time.Time { return i.get().ModTime() }
func (i *entryInfo) Sys() any           { return i.get().Sys() }

// goneInfo is the FileInfo of a file removed since it was listed.
type goneInfo string

func (g goneInfo) Name() string     { return string(g) }
func (goneInfo) IsDir() bool        { return false }
func (goneInfo) Mode() fs.FileMode  { return 0 }
func (goneInfo) Size() int64        { return 0 }
func (goneInfo) ModTime() time.Time { return time.Time{} }
func (goneInfo) Sys() any           { return nil }

// regular says whether the input is a regular file; for a walked one the
// directory entry said so.
func (in Input) regular() bool {
	if _, ok := in.Info.(*entryInfo); ok {
		return true
	}
	return in.Info.Mode().IsRegular()
}

// setInfo gives a walked input the FileInfo of the file as Process opened
// it, unless its FileInfo was read already.
func (in Input) setInfo(fi fs.FileInfo) {
	if ei, ok := in.Info.(*entryInfo); ok {
		ei.once.Do(func() { ei.fi = fi })
	}
}

// UnwrapPathError drops the operation and path of an *fs.PathError:
// messages name the file once, in front.
func UnwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// TopDir is the first folder of a slash-separated relative path, or "." for
// a file with none: Input.Dir of a walked file.
func TopDir(rel string) string {
	if d, _, ok := strings.Cut(rel, "/"); ok {
		return d
	}
	return "."
}

// DropCollisions keeps the first of the items that would be written to the
// same relative path (rel) under one output directory, and reports each
// later one to fail, by its path: inputs from different roots can share a
// relative path.
func DropCollisions[T any](items []T, rel, path func(T) string, fail func(path string, err error)) []T {
	first := Collisions{}
	kept := items[:0]
	for _, it := range items {
		if err := first.Check(rel(it), path(it)); err != nil {
			fail(path(it), err)
			continue
		}
		kept = append(kept, it)
	}
	return kept
}

// Collisions are the relative paths seen so far of the items that go under
// one output directory, each with the path of the first item: what
// DropCollisions checks, one item at a time.
type Collisions map[string]string

// Check reports an item whose relative path an earlier item has, and
// records a new one.
func (c Collisions) Check(rel, path string) error {
	if prev, dup := c[rel]; dup {
		return fmt.Errorf("would overwrite the output of %s (same relative path %s)", prev, rel)
	}
	c[rel] = path
	return nil
}
