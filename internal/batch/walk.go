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
	for _, root := range roots {
		info, err := os.Stat(root)
		if err != nil {
			warn(root, UnwrapPathError(err))
			continue
		}
		if !info.IsDir() {
			inputs = append(inputs, Input{Path: root, Rel: filepath.Base(root), Info: info})
			continue
		}
		w := walker{sel: sel, warn: warn, out: &inputs}
		w.dir(root, "", info, nil)
	}
	return inputs
}

type walker struct {
	sel  Selection
	warn func(string, error)
	out  *[]Input
}

// ErrLoop reports a symbolic link that leads back to a directory being walked.
var ErrLoop = errors.New("symbolic link loop skipped")

// dir walks directory path; stack holds the directories it lies in, for
// loop detection (os.SameFile: the device and inode on Unix, the volume
// and file index on Windows).
func (w *walker) dir(path, rel string, info fs.FileInfo, stack []fs.FileInfo) {
	if w.sel.SkipDir != nil && w.sel.SkipDir(path, info) {
		return
	}
	for _, s := range stack {
		if os.SameFile(s, info) {
			w.warn(path, ErrLoop)
			return
		}
	}
	stack = append(stack, info)
	entries, err := os.ReadDir(path)
	if err != nil {
		w.warn(path, UnwrapPathError(err))
		// ReadDir returns what it read before the error: go on with that.
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
		if typ&fs.ModeSymlink != 0 {
			if !w.sel.Follow {
				continue
			}
			if fi, err = os.Stat(p); err != nil {
				w.warn(p, UnwrapPathError(err))
				continue
			}
		} else if fi, err = e.Info(); err != nil {
			w.warn(p, UnwrapPathError(err))
			continue
		}
		switch {
		case fi.IsDir():
			w.dir(p, r, fi, stack)
		case w.sel.selected(r):
			*w.out = append(*w.out, Input{Path: p, Rel: r, Info: fi, Dir: TopDir(filepath.ToSlash(r)), noLink: typ&fs.ModeSymlink == 0})
		}
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
	first := map[string]string{}
	kept := items[:0]
	for _, it := range items {
		r, p := rel(it), path(it)
		if prev, dup := first[r]; dup {
			fail(p, fmt.Errorf("would overwrite the output of %s (same relative path %s)", prev, r))
			continue
		}
		first[r] = p
		kept = append(kept, it)
	}
	return kept
}
