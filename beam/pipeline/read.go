package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	// Local paths are always inputs and outputs; a program that uses
	// gs:// or s3:// imports those file systems (beamx imports gs).
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/atomicfile"
	"github.com/artclean/artclean/internal/batch"
	"github.com/artclean/artclean/internal/compress"
	"github.com/artclean/artclean/internal/decode"
	textinput "github.com/artclean/artclean/internal/input"
	"github.com/artclean/artclean/internal/jsonl"
)

// worker is the per-DoFn-instance state every cleaning step shares. A DoFn
// instance runs one element at a time, so none of it is locked.
type worker struct {
	c   *cleaner.Cleaner
	fss map[string]filesystem.Interface // by scheme: a GCS client is costly to make
	cc  counters
	br  *bufio.Reader // reused: most inputs are a few KiB, the buffer 64 KiB
}

// cleaner is the Cleaner for a file in a folder group (FileRef.Dir): the
// CLI's, with the packs scoped to dir=GROUP.
func (w *worker) cleaner(dir string) *cleaner.Cleaner {
	if dir == "" {
		return w.c
	}
	return w.c.In(map[string]string{"dir": dir})
}

func (w *worker) setup(o *Options) error {
	c, err := o.sharedCleaner()
	if err != nil {
		return err
	}
	w.c = c
	return nil
}

// cleaners holds the Cleaners of this process by their options. Building
// one compiles a few hundred patterns (tens of milliseconds) and runners
// make DoFn instances often (prism one per bundle); a Cleaner is safe for
// concurrent use, so the instances of a process share it.
var cleaners struct {
	sync.Mutex
	m map[string]*cleaner.Cleaner
}

func (o *Options) sharedCleaner() (*cleaner.Cleaner, error) {
	key, err := json.Marshal([]any{o.Langs, o.Disable, o.Enable, o.Rules, o.MaxRemoved, o.NoGuard, o.AllPacks, o.Separator})
	if err != nil {
		return nil, err
	}
	cleaners.Lock()
	defer cleaners.Unlock()
	if c := cleaners.m[string(key)]; c != nil {
		return c, nil
	}
	c, err := o.newCleaner()
	if err != nil {
		return nil, err
	}
	if cleaners.m == nil {
		cleaners.m = map[string]*cleaner.Cleaner{}
	}
	cleaners.m[string(key)] = c
	return c, nil
}

func (w *worker) teardown() {
	for _, f := range w.fss {
		f.Close()
	}
	w.fss = nil
}

func (w *worker) fs(ctx context.Context, p string) (filesystem.Interface, error) {
	scheme := ""
	if i := strings.Index(p, "://"); i > 0 {
		scheme = p[:i]
	}
	if f, ok := w.fss[scheme]; ok {
		return f, nil
	}
	if w.fss == nil {
		w.fss = map[string]filesystem.Interface{}
	}
	f, err := filesystem.New(ctx, p)
	if err != nil {
		return nil, err
	}
	w.fss[scheme] = f
	return f, nil
}

// input is an opened input file, read as the CLI reads its inputs
// (internal/input). A worker has one open at a time.
type input struct {
	*textinput.Text
	close func()
}

// open opens ref as the CLI's batch mode does. It returns nil, nil for a
// file that is skipped (binary) or that failed for good; both are counted
// and logged. Other errors are returned for the runner to retry.
func (w *worker) open(ctx context.Context, o *Options, ref FileRef) (*input, error) {
	fsys, err := w.fs(ctx, ref.Path)
	if err != nil {
		return nil, err
	}
	rc, err := fsys.OpenRead(ctx, ref.Path)
	if err != nil {
		return nil, w.failed(ctx, ref, err)
	}
	if w.br == nil {
		w.br = bufio.NewReaderSize(nil, textinput.BufferSize)
	}
	text, err := textinput.Open(rc, textinput.Options{Encoding: o.Encoding, Strict: o.Strict}, w.br)
	if err != nil {
		rc.Close()
		return nil, w.failed(ctx, ref, err)
	}
	in := &input{Text: text, close: func() { text.Close(); rc.Close() }}
	if in.Binary() {
		in.close()
		w.cc.inc(ctx, CounterFilesSkipped, 1)
		log.Infof(ctx, "artclean: %s: binary file skipped", ref.Path)
		return nil, nil
	}
	return in, nil
}

// permanent tells an error that a retry cannot mend: the file's own data is
// bad, or it is missing or unreadable. The CLI reports those and goes on.
func permanent(err error) bool {
	var de *compress.DataError
	return errors.As(err, &de) || decode.IsInvalid(err) || errors.Is(err, jsonl.ErrBadRecord) ||
		errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission)
}

// failed reports a file that cannot be cleaned and returns nil when the
// error is permanent, else the error for the runner to retry.
func (w *worker) failed(ctx context.Context, ref FileRef, err error) error {
	if !permanent(err) {
		return err
	}
	log.Errorf(ctx, "artclean: %s: %v", ref.Path, batch.UnwrapPathError(err))
	w.cc.inc(ctx, CounterFilesFailed, 1)
	return nil
}

// output is a file being written: local files go through a temporary file
// and a rename, as the CLI's do; a bucket object appears whole when its
// writer is closed, so an aborted one is never closed.
type output struct {
	io.Writer
	commit func() error
	abort  func()
}

func (w *worker) create(ctx context.Context, name string) (*output, error) {
	if !isRemote(name) {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return nil, err
		}
		af, err := atomicfile.Create(name, 0o644)
		if err != nil {
			return nil, err
		}
		// An output can be made again from its input: no fsync per file,
		// as for the CLI's mirrored tree.
		af.NoSync = true
		return &output{Writer: af, commit: af.Commit, abort: af.Abort}, nil
	}
	fsys, err := w.fs(ctx, name)
	if err != nil {
		return nil, err
	}
	wctx, cancel := context.WithCancel(ctx)
	wc, err := fsys.OpenWrite(wctx, name)
	if err != nil {
		cancel()
		return nil, err
	}
	return &output{
		Writer: wc,
		commit: func() error { defer cancel(); return wc.Close() },
		abort:  cancel,
	}, nil
}
