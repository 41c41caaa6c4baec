// Package pipeline runs artclean on Apache Beam: it lists text or JSON Lines
// inputs, cleans them with package cleaner exactly as the artclean command
// does with the same flags, writes the result as sharded JSON Lines or as a
// mirrored tree, and counts the removals per rule as Beam metrics.
//
// The graph is
//
//	Impulse → expand (list inputs) → Reshuffle → per file:
//	  text:   read + clean           → shard key → GroupByKey → write shards
//	  jsonl:  read + split into chunks of records → Reshuffle → clean chunk → shard key → GroupByKey → write shards
//	  mirror: read + clean + write OUTPUT/REL
//
// Inputs are listed inside the pipeline, not at construction time, so that a
// tree of a million files does not end up in the job graph, and so that the
// workers, which can read the bucket, do the listing.
//
// Equality with the command line:
//
//   - Text mode writes, per input file, one line {"path": REL, "text": CLEAN}
//     where CLEAN decodes to exactly the bytes `artclean -r DIR -o OUT`
//     writes to OUT/REL.
//   - JSON Lines mode writes, per record, exactly the line `artclean --jsonl`
//     writes for it (its own line end kept; a final record without one gets
//     "\n"). Shards hold the records in no particular order; blank lines,
//     which are not records, are left out.
//   - Mirror mode writes OUTPUT/REL byte for byte as `artclean -r DIR -o
//     OUTPUT` does, compressed as its input was.
//
// Every file is decompressed by its magic bytes and decoded to UTF-8 as the
// CLI does (internal/compress, internal/decode), files with a NUL byte in
// their first 8 KiB are skipped as with -r, and records are cleaned by the
// CLI's own internal/jsonl, so nothing is re-implemented that could drift.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/batch"
	"github.com/artclean/artclean/internal/config"
	"github.com/artclean/artclean/internal/decode"
	"github.com/artclean/artclean/internal/jsonl"
)

// DefaultShards is the number of output shards when Options.Shards is 0.
// Writing is cheap next to cleaning, so a few shards are enough to keep
// the writers from being the bottleneck.
const DefaultShards = 16

// The default selections of a directory walk: the CLI's defaults, split by
// mode, because a run is either text or JSON Lines.
var (
	TextInclude  = []string{"*.txt", "*.text", "*.txt.gz", "*.text.gz", "*.txt.zst", "*.text.zst"}
	JSONLInclude = []string{"*.jsonl", "*.ndjson", "*.jsonl.gz", "*.ndjson.gz", "*.jsonl.zst", "*.ndjson.zst"}
)

// RuleFile is a user rule file, read where the pipeline is built and shipped
// to the workers as text: they cannot see the launcher's disk.
type RuleFile struct {
	Name string // for FILE:LINE in errors
	Text string
}

// Options say what a run cleans and how. They are copied into the DoFns,
// which Beam serialises as JSON for the workers, so they are plain data.
type Options struct {
	// Inputs are files, directories (walked recursively) or globs, local or
	// in a Beam file system (gs://bucket/dir, s3://bucket/dir/*.txt).
	Inputs []string
	// Output is the prefix of the shards OUTPUT-SSSSS-of-NNNNN.jsonl, or the
	// folder of the mirrored tree with Mirror.
	Output string
	Mirror bool
	Shards int // 0 means DefaultShards
	// JSONL treats every input as JSON Lines; otherwise every input is text.
	JSONL bool
	// ChunkSize is how many bytes of records are cleaned in one call;
	// 0 means DefaultChunkSize.
	ChunkSize int

	// Directory walks: as the CLI's --include, --exclude, --hidden, --follow.
	Include, Exclude []string
	Hidden, Follow   bool

	// Cleaning: as the CLI's flags of the same names.
	Langs, Disable, Enable []string
	Rules                  []RuleFile
	MaxRemoved             float64 // 0: the cleaner's default
	NoGuard                bool
	AllPacks               bool
	Separator              string // already unescaped
	Encoding               string
	Strict                 bool

	// JSON Lines: as --field, --bad-records and --drop-empty.
	Fields     []string
	BadRecords string
	DropEmpty  bool
}

func (o *Options) shards() int {
	if o.Shards <= 0 {
		return DefaultShards
	}
	return o.Shards
}

func (o *Options) chunkSize() int {
	if o.ChunkSize <= 0 {
		return DefaultChunkSize
	}
	return o.ChunkSize
}

func (o *Options) include() []string {
	if len(o.Include) > 0 {
		return o.Include
	}
	if o.JSONL {
		return JSONLInclude
	}
	return TextInclude
}

// Validate reports a mistake in the options before a job is submitted: bad
// rules, IDs, globs, fields or encodings fail here, not on every worker.
func (o *Options) Validate() error {
	switch {
	case len(o.Inputs) == 0:
		return errors.New("no input: name files, directories or globs")
	case o.Output == "":
		return errors.New("no output: set the output prefix (or folder with mirror)")
	case o.Shards < 0:
		return fmt.Errorf("shards must be at least 1, not %d", o.Shards)
	case o.MaxRemoved < 0 || o.MaxRemoved > 1:
		return fmt.Errorf("max-removed takes a share above 0 and at most 1 (such as 0.5; 0: the default), not %g", o.MaxRemoved)
	}
	if err := batch.ValidateGlobs(o.Include); err != nil {
		return err
	}
	if err := batch.ValidateGlobs(o.Exclude); err != nil {
		return err
	}
	if o.Encoding != "" {
		if _, err := decode.Lookup(o.Encoding); err != nil {
			return err
		}
	}
	c, err := o.newCleaner()
	if err != nil {
		return err
	}
	_, err = o.newProcessor(c, jsonl.Options{})
	return err
}

// newCleaner builds the Cleaner as the CLI does (internal/config), so that
// the same flags select the same rules.
func (o *Options) newCleaner() (*cleaner.Cleaner, error) {
	var rules []*cleaner.Rule
	for _, rf := range o.Rules {
		rs, err := cleaner.ParseRules(rf.Name, strings.NewReader(rf.Text))
		if err != nil {
			return nil, err
		}
		rules = append(rules, rs...)
	}
	return config.Cleaner{Rules: rules, Disable: o.Disable, Enable: o.Enable, Langs: o.Langs,
		MaxRemoved: o.MaxRemoved, NoGuard: o.NoGuard, AllPacks: o.AllPacks, Separator: o.Separator}.New()
}

// newProcessor returns a JSON Lines processor with the record options and
// the callbacks in cb.
func (o *Options) newProcessor(c *cleaner.Cleaner, cb jsonl.Options) (*jsonl.Processor, error) {
	cb.Fields, cb.Bad, cb.DropEmpty = o.Fields, jsonl.BadRecords(o.BadRecords), o.DropEmpty
	return jsonl.New(c, cb)
}

// LoadRuleFiles reads rule files, local or in a Beam file system, for
// Options.Rules. They are parsed here too, so that a mistake is reported as
// FILE:LINE before the job starts.
func LoadRuleFiles(ctx context.Context, names []string) ([]RuleFile, error) {
	var out []RuleFile
	for _, name := range names {
		fs, err := filesystem.New(ctx, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		rc, err := fs.OpenRead(ctx, name)
		if err != nil {
			fs.Close()
			return nil, fmt.Errorf("%s: %v", name, batch.UnwrapPathError(err))
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		fs.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, batch.UnwrapPathError(err))
		}
		if _, err := cleaner.ParseRules(name, strings.NewReader(string(b))); err != nil {
			return nil, err
		}
		out = append(out, RuleFile{Name: name, Text: string(b)})
	}
	return out, nil
}
