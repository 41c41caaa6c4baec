package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"path"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/compress"
	"github.com/artclean/artclean/internal/jsonl"
)

func init() {
	// Workers find DoFns and element types by these registrations.
	beam.RegisterType(reflect.TypeOf((*FileRef)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Chunk)(nil)).Elem())
	register.DoFn3x1[context.Context, []byte, func(FileRef), error](&expandFn{})
	register.DoFn3x1[context.Context, FileRef, func(int, string), error](&cleanTextFn{})
	register.DoFn3x1[context.Context, FileRef, func(Chunk), error](&splitFn{})
	register.DoFn3x1[context.Context, Chunk, func(int, string), error](&cleanChunkFn{})
	register.DoFn2x1[context.Context, FileRef, error](&mirrorFn{})
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeShardFn{})
	register.Emitter1[FileRef]()
	register.Emitter1[Chunk]()
	register.Emitter2[int, string]()
	register.Iter1[string]()
}

// Build adds the cleaning pipeline to s. It validates the options first, so
// that a mistake is reported before anything runs.
func Build(s beam.Scope, o Options) error {
	if err := o.Validate(); err != nil {
		return err
	}
	s = s.Scope("artclean")
	files := beam.ParDo(s.Scope("list"), &expandFn{Opts: o}, beam.Impulse(s))
	// The listing is one element's output: without a reshuffle the runner
	// would fuse the cleaning to it and clean every file on one worker.
	files = beam.Reshuffle(s.Scope("spread files"), files)
	if o.Mirror {
		beam.ParDo0(s.Scope("clean and mirror"), &mirrorFn{Opts: o}, files)
		return nil
	}
	var lines beam.PCollection
	if o.JSONL {
		chunks := beam.ParDo(s.Scope("split records"), &splitFn{Opts: o}, files)
		// Spread the records of a big file over the workers.
		chunks = beam.Reshuffle(s.Scope("spread records"), chunks)
		lines = beam.ParDo(s.Scope("clean records"), &cleanChunkFn{Opts: o}, chunks)
	} else {
		lines = beam.ParDo(s.Scope("clean files"), &cleanTextFn{Opts: o}, files)
	}
	shards := beam.GroupByKey(s.Scope("group shards"), lines)
	beam.ParDo0(s.Scope("write shards"), &writeShardFn{Output: o.Output, Shards: o.shards()}, shards)
	return nil
}

// ShardName is the name of shard i of n.
func ShardName(prefix string, i, n int) string {
	return fmt.Sprintf("%s-%05d-of-%05d.jsonl", prefix, i, n)
}

// shardOf spreads outputs over the shards by name, deterministically, so
// that a rerun writes the same shards.
func shardOf(rel string, line, n int) int {
	h := fnv.New32a()
	io.WriteString(h, rel)
	h.Write([]byte{0})
	io.WriteString(h, strconv.Itoa(line))
	return int(h.Sum32() % uint32(n))
}

// Doc is a text shard's line: a file's relative path and its cleaned text.
type Doc struct {
	Path string `json:"path"`
	Text string `json:"text"`
}

func docLine(rel string, text []byte) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // "<", ">" and "&" are common in articles; keep them readable
	if err := enc.Encode(Doc{Path: rel, Text: string(text)}); err != nil {
		return "", err
	}
	return b.String(), nil
}

// cleanTextFn cleans a text file, one document (or several, with a
// separator), into a text shard line.
type cleanTextFn struct {
	Opts Options
	w    worker
}

func (f *cleanTextFn) Setup() error { return f.w.setup(&f.Opts) }
func (f *cleanTextFn) Teardown()    { f.w.teardown() }

func (f *cleanTextFn) ProcessElement(ctx context.Context, ref FileRef, emit func(int, string)) error {
	f.w.cc.inc(ctx, CounterFiles, 1)
	in, err := f.w.open(ctx, &f.Opts, ref)
	if in == nil {
		return err
	}
	defer in.close()
	var out bytes.Buffer
	var t tally
	if _, err := f.w.cleaner(ref.Dir).Clean(&out, in, t.hooks()); err != nil {
		if err = f.w.failed(ctx, ref, err); err == nil {
			t.flush(ctx, &f.w.cc) // the CLI counts what a failed file removed
		}
		return err
	}
	t.flush(ctx, &f.w.cc)
	line, err := docLine(ref.Rel, out.Bytes())
	if err != nil {
		return err
	}
	emit(shardOf(ref.Rel, 0, f.Opts.shards()), line)
	return nil
}

// Chunk is a run of whole lines of a JSON Lines input, each with its own
// line end: records travel in chunks because cleaning one record per call
// spent more time setting up buffers than cleaning.
type Chunk struct {
	Path  string // the file, for messages
	Rel   string
	Dir   string // FileRef.Dir
	Line  int    // of the first line, from 1
	Data  []byte
	Blank bool // holds blank lines, which are not records
}

// DefaultChunkSize is the size a chunk grows to before it is emitted when
// Options.ChunkSize is 0: big enough to make the cost of a call vanish,
// small enough to spread a big file over many workers. A record longer
// than that is a chunk of its own.
const DefaultChunkSize = 1 << 20

// splitFn reads a JSON Lines file into chunks of records.
type splitFn struct {
	Opts Options
	w    worker
}

func (f *splitFn) Setup() error { return f.w.setup(&f.Opts) }
func (f *splitFn) Teardown()    { f.w.teardown() }

func (f *splitFn) ProcessElement(ctx context.Context, ref FileRef, emit func(Chunk)) error {
	// An archive that turns out truncated or corrupt, or undecodable text
	// with Strict, must leave no output, as with the CLI. Records that were
	// emitted cannot be taken back, so such input is read through once
	// before any is emitted: decompressing is cheap next to cleaning.
	f.w.cc.inc(ctx, CounterFiles, 1)
	in, err := f.w.open(ctx, &f.Opts, ref)
	if in == nil {
		return err
	}
	if in.Format != compress.None || f.Opts.Strict {
		_, err := io.Copy(io.Discard, in)
		in.close()
		if err != nil {
			return f.w.failed(ctx, ref, err)
		}
		if in, err = f.w.open(ctx, &f.Opts, ref); in == nil {
			return err
		}
	}
	defer in.close()
	c := Chunk{Path: ref.Path, Rel: ref.Rel, Dir: ref.Dir, Line: 1}
	// Whole lines, however long: Process bounds a record as the CLI does.
	lines := jsonl.NewLines(in.Reader, 0)
	for {
		var line []byte
		var num int
		line, num, _, err = lines.Next()
		c.Data = append(c.Data, line...)
		if err == nil && len(c.Data) < f.Opts.chunkSize() {
			continue
		}
		if err != nil && err != io.EOF {
			return f.w.failed(ctx, ref, err)
		}
		if len(c.Data) > 0 {
			c.Blank = hasBlankLine(c.Data)
			emit(c)
		}
		if err == io.EOF {
			return nil
		}
		c = Chunk{Path: ref.Path, Rel: ref.Rel, Dir: ref.Dir, Line: num + 1}
	}
}

func hasBlankLine(data []byte) bool {
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n') + 1
		if i == 0 {
			i = len(data)
		}
		if jsonl.IsBlank(data[:i]) {
			return true
		}
		data = data[i:]
	}
	return false
}

// cleanChunkFn cleans a chunk of records with the CLI's own JSON Lines
// code, so that each output line is the one `artclean --jsonl` writes for
// its record.
type cleanChunkFn struct {
	Opts Options
	w    worker
}

func (f *cleanChunkFn) Setup() error { return f.w.setup(&f.Opts) }
func (f *cleanChunkFn) Teardown()    { f.w.teardown() }

func (f *cleanChunkFn) ProcessElement(ctx context.Context, c Chunk, emit func(int, string)) error {
	var t tally
	p, err := f.Opts.newProcessor(f.w.cleaner(c.Dir), jsonl.Options{
		// Record numbers are distinct within the chunk, so that per-rule
		// document counts come out per record, as in the CLI.
		Hooks: func(record, _ int) cleaner.Hooks { return t.recordHooks(record) },
		OnBadLine: func(line int, err error) {
			log.Errorf(ctx, "artclean: %s:%d: %v", c.Path, c.Line+line-1, err)
		},
	})
	if err != nil {
		return err
	}
	var out bytes.Buffer
	out.Grow(len(c.Data) + len(c.Data)/8)
	st, err := p.Process(&out, bytes.NewReader(c.Data))
	if err != nil {
		var le *jsonl.LineError
		if errors.As(err, &le) {
			return fmt.Errorf("%s:%d: %v", c.Path, c.Line+le.Line-1, le.Err) // --bad-records=fail
		}
		return err
	}
	t.flush(ctx, &f.w.cc)
	f.w.cc.inc(ctx, CounterRecords, int64(st.Records))
	f.w.cc.inc(ctx, CounterBadRecords, int64(st.Invalid))
	f.w.cc.inc(ctx, CounterTooLong, int64(st.TooLong))
	b := out.Bytes()
	if c.Blank {
		// Blank lines came through as they were: a shard has no place for
		// them. Every other output line is a whole record.
		kept := b[:0]
		for len(b) > 0 {
			i := bytes.IndexByte(b, '\n') + 1
			if i == 0 {
				i = len(b)
			}
			if !jsonl.IsBlank(b[:i]) {
				kept = append(kept, b[:i]...)
			}
			b = b[i:]
		}
		b = kept
	}
	if len(b) > 0 {
		emit(shardOf(c.Rel, c.Line, f.Opts.shards()), string(b))
	}
	return nil
}

// mirrorFn cleans a file into OUTPUT/REL as `artclean -r -o OUTPUT` does,
// streaming, so memory stays bounded whatever the file's size.
type mirrorFn struct {
	Opts Options
	w    worker
}

func (f *mirrorFn) Setup() error { return f.w.setup(&f.Opts) }
func (f *mirrorFn) Teardown()    { f.w.teardown() }

// MirrorPath is where a mirrored input goes.
func MirrorPath(out, rel string) string {
	if isRemote(out) {
		return strings.TrimSuffix(out, "/") + "/" + path.Clean(rel)
	}
	return filepath.Join(out, filepath.FromSlash(rel))
}

func (f *mirrorFn) ProcessElement(ctx context.Context, ref FileRef) error {
	f.w.cc.inc(ctx, CounterFiles, 1)
	in, err := f.w.open(ctx, &f.Opts, ref)
	if in == nil {
		return err
	}
	defer in.close()
	out, err := f.w.create(ctx, MirrorPath(f.Opts.Output, ref.Rel))
	if err != nil {
		return err
	}
	defer out.abort()
	zw, err := compress.NewWriter(out, in.Format)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(zw, 64<<10)
	var t tally
	if f.Opts.JSONL {
		var p *jsonl.Processor
		p, err = f.Opts.newProcessor(f.w.cleaner(ref.Dir), jsonl.Options{
			Hooks: func(record, _ int) cleaner.Hooks { return t.recordHooks(record) },
			OnBadLine: func(line int, err error) {
				log.Errorf(ctx, "artclean: %s:%d: %v", ref.Path, line, err)
			},
		})
		if err != nil {
			return err
		}
		var st jsonl.Stats
		st, err = p.Process(bw, in)
		f.w.cc.inc(ctx, CounterRecords, int64(st.Records))
		f.w.cc.inc(ctx, CounterBadRecords, int64(st.Invalid))
		f.w.cc.inc(ctx, CounterTooLong, int64(st.TooLong))
	} else {
		_, err = f.w.cleaner(ref.Dir).Clean(bw, in, t.hooks())
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = zw.Close() // the archive's trailer
	}
	if err != nil {
		if err = f.w.failed(ctx, ref, err); err == nil {
			t.flush(ctx, &f.w.cc)
		}
		return err
	}
	t.flush(ctx, &f.w.cc)
	return out.commit()
}

// writeShardFn writes one shard. A shard that got no line is not written.
type writeShardFn struct {
	Output string
	Shards int
	w      worker
}

func (f *writeShardFn) Teardown() { f.w.teardown() }

func (f *writeShardFn) ProcessElement(ctx context.Context, shard int, lines func(*string) bool) error {
	out, err := f.w.create(ctx, ShardName(f.Output, shard, f.Shards))
	if err != nil {
		return err
	}
	defer out.abort()
	bw := bufio.NewWriterSize(out, 1<<20)
	var s string
	for lines(&s) {
		bw.WriteString(s)
		// A last record without a line end still ends its line in a shard.
		if !strings.HasSuffix(s, "\n") {
			bw.WriteByte('\n')
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return out.commit()
}
