package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/artclean/artclean/internal/batch"
)

// FileRef is one input file.
type FileRef struct {
	Path string // local path or URL, as listed
	Rel  string // relative to its root, "/"-separated: its name in the output
	// Dir is the "dir" group of scoped rule packs, as batch.Input.Dir: the
	// top-level folder under a listed directory, "" for a named file.
	Dir string
}

// isRemote tells a Beam file system URL (gs://, s3://) from a local path.
func isRemote(p string) bool { return strings.Contains(p, "://") }

func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[") }

// expandFn lists the inputs. It runs once, on one worker: the roots are
// expanded in order so that, as in the CLI, the first of two inputs with the
// same relative path wins.
type expandFn struct {
	Opts Options
	cc   counters
}

func (f *expandFn) ProcessElement(ctx context.Context, _ []byte, emit func(FileRef)) error {
	refs, err := f.Opts.expand(ctx, func(p string, err error) {
		if errors.Is(err, batch.ErrLoop) {
			log.Warnf(ctx, "artclean: %s: %v", p, err)
			return
		}
		log.Errorf(ctx, "artclean: %s: %v", p, err)
		f.cc.inc(ctx, CounterFilesFailed, 1)
	})
	if err != nil {
		return err
	}
	for _, r := range refs {
		emit(r)
	}
	return nil
}

// expand lists the inputs of every root. Problems with single entries go to
// warn and the listing goes on, as the CLI's walk does; an error listing a
// remote file system is returned, so that the runner retries it.
func (o *Options) expand(ctx context.Context, warn func(string, error)) ([]FileRef, error) {
	var refs []FileRef
	for _, root := range o.Inputs {
		if isRemote(root) {
			r, err := o.listRemote(ctx, root, warn)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", root, err)
			}
			refs = append(refs, r...)
			continue
		}
		refs = append(refs, o.listLocal(root, warn)...)
	}
	// Text shards and mirrored files are named by Rel: two inputs with the
	// same one would overwrite each other, so the later ones fail, as with
	// `artclean -r A B -o OUT`. Records carry no name: they all stay.
	if o.Mirror || !o.JSONL {
		refs = batch.DropCollisions(refs, func(r FileRef) string { return r.Rel }, func(r FileRef) string { return r.Path }, warn)
	}
	return refs, nil
}

func (o *Options) selection() batch.Selection {
	sel := batch.Selection{Include: o.include(), Exclude: o.Exclude, Hidden: o.Hidden, Follow: o.Follow}
	// A mirror's output folder inside an input tree is never read back, as
	// with the CLI (shards: see isOwnShard).
	if o.Mirror && !isRemote(o.Output) {
		if outInfo, err := os.Stat(o.Output); err == nil {
			sel.SkipDir = func(_ string, fi fs.FileInfo) bool { return os.SameFile(fi, outInfo) }
		}
	}
	return sel
}

// listLocal walks a local root with the CLI's own walk. A glob (for a shell
// that did not expand it, or a cluster that has no shell) names roots.
func (o *Options) listLocal(root string, warn func(string, error)) []FileRef {
	roots := []string{root}
	if hasMeta(root) {
		m, err := filepath.Glob(root)
		if err != nil {
			warn(root, err)
			return nil
		}
		if len(m) == 0 {
			warn(root, errors.New("no such file or directory"))
			return nil
		}
		roots = m
	}
	sel := o.selection()
	var refs []FileRef
	for _, in := range batch.Walk(roots, sel, warn) {
		if o.isOwnShard(in.Path) {
			continue
		}
		refs = append(refs, FileRef{Path: in.Path, Rel: in.Rel, Dir: in.Dir})
	}
	return refs
}

// isOwnShard tells a shard this run writes, named as a root or matched by a
// glob: batch.Walk takes such roots whatever their names.
func (o *Options) isOwnShard(p string) bool {
	if o.Mirror || isRemote(o.Output) != isRemote(p) {
		return false
	}
	out := o.Output
	if !isRemote(p) {
		out, p = absPath(out), absPath(p)
	}
	ok, _ := path.Match(filepath.ToSlash(out)+"-*-of-*.jsonl", filepath.ToSlash(p))
	return ok
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// listRemote lists a root in a Beam file system: a glob selects what it
// matches, a folder is listed with "**" and filtered with the selection.
// (Only the gs file system reads "**" as any depth; s3's matches one level,
// so give s3 a glob per depth.)
func (o *Options) listRemote(ctx context.Context, root string, warn func(string, error)) ([]FileRef, error) {
	fsys, err := filesystem.New(ctx, root)
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	if hasMeta(root) {
		names, err := fsys.List(ctx, root)
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
		// Rel is the path below the glob's last fixed folder.
		base := root[:strings.IndexAny(root, "*?[")]
		base = base[:strings.LastIndex(base, "/")+1]
		var refs []FileRef
		for _, n := range names {
			if strings.HasSuffix(n, "/") || o.isOwnShard(n) {
				continue
			}
			refs = append(refs, FileRef{Path: n, Rel: strings.TrimPrefix(n, base)})
		}
		if len(refs) == 0 {
			warn(root, errors.New("no file matches"))
		}
		return refs, nil
	}
	dir := strings.TrimSuffix(root, "/")
	names, err := fsys.List(ctx, dir+"/**")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		// Not a folder: a file root is an input whatever its name.
		if _, err := fsys.Size(ctx, root); err != nil {
			warn(root, err)
			return nil, nil
		}
		return []FileRef{{Path: root, Rel: path.Base(root)}}, nil
	}
	sort.Strings(names)
	sel := o.selection()
	var refs []FileRef
	for _, n := range names {
		rel := strings.TrimPrefix(n, dir+"/")
		if strings.HasSuffix(n, "/") || o.isOwnShard(n) || (o.Mirror && isRemote(o.Output) && strings.HasPrefix(n, strings.TrimSuffix(o.Output, "/")+"/")) {
			continue
		}
		if selected(sel, rel) {
			refs = append(refs, FileRef{Path: n, Rel: rel, Dir: batch.TopDir(rel)})
		}
	}
	return refs, nil
}

// selected applies a selection to a relative path as batch.Walk does: a
// glob without "/" matches the name, one with "/" the path; a hidden file or
// folder is left out unless Hidden.
func selected(sel batch.Selection, rel string) bool {
	if !sel.Hidden {
		for _, part := range strings.Split(rel, "/") {
			if strings.HasPrefix(part, ".") {
				return false
			}
		}
	}
	match := func(globs []string) bool {
		for _, g := range globs {
			name := rel
			if !strings.Contains(g, "/") {
				name = path.Base(rel)
			}
			if ok, _ := path.Match(g, name); ok {
				return true
			}
		}
		return false
	}
	return match(sel.Include) && !match(sel.Exclude)
}
