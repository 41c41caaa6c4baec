// Command artclean-beam runs artclean on Apache Beam: locally on the Go SDK's
// prism runner, or on Dataflow, Flink or Spark with the usual runner flags.
// See beam/README.md.
//
//	artclean-beam --input dumps/ --output out/clean                 # text → out/clean-SSSSS-of-NNNNN.jsonl
//	artclean-beam --jsonl --field article.body --input 'dumps/*.jsonl' --output out/clean
//	artclean-beam --mirror --input dumps/ --output clean/           # as artclean -r dumps/ -o clean/
//	artclean-beam --runner=dataflow --project=P --region=R --staging_location=gs://B/staging \
//	    --input gs://B/dumps --output gs://B/clean/part
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/options/jobopts"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/artclean/artclean/beam/pipeline"

	// beamx registers the local and gs:// file systems; s3:// is added here
	// so that a cluster run needs no code change.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
)

// listFlag is a repeatable flag that also takes comma lists, as the CLI's
// --disable and --lang do.
type listFlag struct {
	vals  *[]string
	comma bool
}

func (l listFlag) String() string {
	if l.vals == nil {
		return ""
	}
	return strings.Join(*l.vals, ",")
}

func (l listFlag) Set(s string) error {
	if !l.comma {
		*l.vals = append(*l.vals, s)
		return nil
	}
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l.vals = append(*l.vals, v)
		}
	}
	return nil
}

func main() {
	var (
		o         pipeline.Options
		ruleFiles []string
		separator string
		stats     bool
	)
	flag.Var(listFlag{&o.Inputs, false}, "input", "clean `PATH`: a file, a directory (walked) or a glob; local, gs:// or s3:// (repeatable; arguments too)")
	flag.StringVar(&o.Output, "output", "", "write shards `PREFIX`-SSSSS-of-NNNNN.jsonl; with --mirror, the output folder")
	flag.BoolVar(&o.Mirror, "mirror", false, "write each input to OUTPUT/REL, byte for byte as artclean -r DIR -o OUTPUT")
	flag.IntVar(&o.Shards, "shards", 0, fmt.Sprintf("number of output shards (default %d)", pipeline.DefaultShards))
	flag.BoolVar(&o.JSONL, "jsonl", false, "inputs are JSON Lines (default selection *.jsonl *.ndjson); otherwise text (*.txt *.text)")
	flag.Var(listFlag{&o.Fields, false}, "field", "with --jsonl, clean the string at `PATH` (dotted, repeatable; default text)")
	flag.StringVar(&o.BadRecords, "bad-records", "keep", "with --jsonl, a line that is not JSON is kept, skipped or fails the run (`POLICY`)")
	flag.BoolVar(&o.DropEmpty, "drop-empty", false, "with --jsonl, leave out records whose cleaned text is empty")
	flag.Var(listFlag{&o.Langs, true}, "lang", "use only these language packs (`LANG`s such as pl,en; default all)")
	flag.Var(listFlag{&ruleFiles, true}, "rules", "add the rules in `FILE` (local or gs://; repeatable or a comma list)")
	flag.Var(listFlag{&o.Disable, true}, "disable", "turn off rules or filters: `ID`s, globs (pl/*, */teaser) or rule names")
	flag.Var(listFlag{&o.Enable, true}, "enable", "turn on rules that are off by default (`ID`s or globs)")
	flag.Float64Var(&o.MaxRemoved, "max-removed", 0, "guard: leave a document as it came when rules would remove more than this `SHARE` (0: the default, 0.5)")
	flag.BoolVar(&o.NoGuard, "no-guard", false, "turn the guard off: rules may remove any span and whole documents")
	flag.BoolVar(&o.AllPacks, "all-packs", false, "apply every language pack to every document instead of the pack of its language")
	flag.StringVar(&separator, "separator", "", "a line equal to `LINE` separates documents in a text file (Go escapes: '\\f')")
	flag.StringVar(&o.Encoding, "encoding", "", "read inputs in `NAME` instead of detecting it")
	flag.BoolVar(&o.Strict, "strict", false, "fail a file with bytes that cannot be decoded instead of replacing them")
	flag.Var(listFlag{&o.Include, false}, "include", "in directories, clean only files matching `GLOB` (repeatable)")
	flag.Var(listFlag{&o.Exclude, false}, "exclude", "in directories, skip files matching `GLOB` (repeatable)")
	flag.BoolVar(&o.Hidden, "hidden", false, "also clean hidden files and folders")
	flag.BoolVar(&o.Follow, "follow", false, "follow symbolic links in local directories")
	flag.BoolVar(&stats, "stats", false, "print per-rule counts (documents, lines, bytes) from the job's metrics on stderr")
	flag.Parse()
	// After flag.Parse: on a worker, Init runs the SDK harness and never
	// returns.
	beam.Init()
	os.Exit(run(context.Background(), o, ruleFiles, separator, stats))
}

func run(ctx context.Context, o pipeline.Options, ruleFiles []string, separator string, stats bool) int {
	o.Inputs = append(o.Inputs, flag.Args()...)
	sep, err := unescape(separator)
	if err != nil {
		return fail(2, fmt.Errorf("--separator: %v", err))
	}
	o.Separator = sep
	if o.Rules, err = pipeline.LoadRuleFiles(ctx, ruleFiles); err != nil {
		return fail(1, err)
	}
	p, s := beam.NewPipelineWithRoot()
	if err := pipeline.Build(s, o); err != nil {
		return fail(2, err)
	}
	pr, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return fail(1, err)
	}
	if *jobopts.Async || pr == nil {
		// Submitted without waiting: the counters are in the runner's UI.
		if pr != nil {
			fmt.Fprintf(os.Stderr, "artclean-beam: submitted job %s\n", pr.JobID())
		}
		return 0
	}
	st := pipeline.ReadStats(pr)
	if stats {
		st.WriteTable(os.Stderr)
	}
	fmt.Fprintf(os.Stderr, "artclean-beam: %d files, %d skipped, %d failed; %d documents", st.Files, st.FilesSkipped, st.FilesFailed, st.Documents)
	if o.JSONL {
		fmt.Fprintf(os.Stderr, "; %d records, %d invalid", st.Records, st.BadRecords)
	}
	fmt.Fprintln(os.Stderr)
	// As the CLI: a file that failed or a record that is not JSON makes
	// the run fail, though everything else was written.
	if st.FilesFailed > 0 || st.BadRecords > 0 {
		return 1
	}
	return 0
}

func fail(code int, err error) int {
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintf(os.Stderr, "artclean-beam: %s\n", line)
	}
	return code
}

// unescape reads Go escapes in --separator, as the CLI does, so that a
// form feed can be given without the shell's help.
func unescape(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	u, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`)
	if err != nil {
		return "", errors.New("bad escape")
	}
	return u, nil
}
