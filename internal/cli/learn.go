package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/atomicfile"
	"github.com/artclean/artclean/internal/batch"
	"github.com/artclean/artclean/internal/compress"
	"github.com/artclean/artclean/internal/input"
	"github.com/artclean/artclean/internal/jsonl"
	"github.com/artclean/artclean/internal/learn"
	"github.com/spf13/cobra"
)

type learnOpts struct {
	recursive     bool
	field         string
	forceJSONL    bool
	minDocs       int
	minShare      float64
	sentenceShare float64
	pack          string
	groupBy       string
	output        string
	noProgress    bool
}

// newLearnCmd builds 'artclean learn': mine lines repeated across documents
// and write them as a rule file for review.
func newLearnCmd(stdio IO) *cobra.Command {
	var o learnOpts
	cmd := &cobra.Command{
		Use:   "learn [flags] PATH...",
		Short: "Write a rule file of lines and sentences repeated across documents, for review",
		Long: `learn reads documents (a text file each, or a JSON Lines record each) and
writes a rule file (the format --rules reads) with one marker rule per line
that occurs in at least --min-docs documents and --min-share of them. Lines
are compared trimmed, case-folded, with numbers and punctuation folded.

Inside lines of several sentences (a page flattened to one line), runs of
sentences repeated across documents become inline rules that cut exactly
those sentences; they need --sentence-share too, unless they open with a
label in capitals ("ZOBACZ:") or hold an address or ©.

Review the rules before using them.`,
		Example: `  artclean learn -r dumps/ -o site.rules          propose rules from a tree of dumps
  artclean learn --group-by url dump.jsonl         one pack per site (the URL's host)
  artclean rules test site.rules                   then review, test and use them:
  artclean --rules site.rules -r dumps/ -o clean/`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLearn(stdio, o, args)
		},
	}
	fl := cmd.Flags()
	fl.BoolVarP(&o.recursive, "recursive", "r", false, "read the text and JSON Lines files under directories")
	fl.StringVar(&o.field, "field", "text", "JSON Lines: the string field `PATH` holding a document (dotted)")
	fl.BoolVar(&o.forceJSONL, "jsonl", false, "read every input as JSON Lines (automatic for *.jsonl, *.ndjson)")
	fl.IntVar(&o.minDocs, "min-docs", 5, "propose lines seen in at least `N` documents")
	fl.Float64Var(&o.minShare, "min-share", 0.005, "…and in at least this `SHARE` of the documents")
	fl.Float64Var(&o.sentenceShare, "sentence-share", 0.2, "share a sentence-like line (ends in . ? !, over 12 words) or a span of sentences inside a line needs")
	fl.StringVar(&o.pack, "pack", "learned", "pack `NAME` of the rules")
	fl.StringVar(&o.groupBy, "group-by", "", "learn per group: dir (top-level folder) or a JSON Lines `FIELD` (url: its host); one pack per group, scoped to it")
	fl.StringVarP(&o.output, "output", "o", "", "write the rule file to `FILE` (atomically) instead of stdout")
	fl.BoolVar(&o.noProgress, "no-progress", false, "no progress bar (shown only when stderr is a terminal)")
	return cmd
}

func runLearn(stdio IO, o learnOpts, args []string) error {
	if o.minDocs < 1 {
		return usageError{fmt.Errorf("--min-docs must be at least 1")}
	}
	if o.minShare < 0 || o.minShare > 1 || o.sentenceShare < 0 || o.sentenceShare > 1 {
		return usageError{fmt.Errorf("--min-share and --sentence-share are between 0 and 1")}
	}
	if !validPack(o.pack) {
		return usageError{fmt.Errorf("bad pack name %q (use letters, digits and -)", o.pack)}
	}
	field, err := jsonl.Path(o.field)
	if err != nil {
		return usageError{err}
	}
	groupField := ""
	if o.groupBy != "" && o.groupBy != "dir" {
		if _, err = jsonl.Path(o.groupBy); err != nil {
			return usageError{err}
		}
		groupField = o.groupBy
	}
	base, err := cleaner.New()
	if err != nil {
		return err
	}
	l := learn.New(learn.Options{
		MinDocs:       o.minDocs,
		MinShare:      o.minShare,
		SentenceShare: o.sentenceShare,
		Pack:          o.pack,
		GroupBy:       o.groupBy,
		Removed:       func(line string) bool { return base.CleanString(line) == "" },
	})

	failed := false
	var bar *progress
	warn := func(path string, err error) {
		bar.clearLine()
		fmt.Fprintf(stdio.Err, "artclean: %s: %v\n", path, err)
		failed = true
	}
	var inputs []batch.Input
	names := map[string]string{} // a spooled standard input's temporary file → its name
	for _, a := range args {
		if a == "-" {
			// Learning reads each input twice: standard input is kept in
			// a temporary file (TMPDIR) for the second pass.
			tmp, err := spool(stdio.In)
			if err != nil {
				warn("standard input", err)
				continue
			}
			defer os.Remove(tmp)
			fi, err := os.Stat(tmp)
			if err != nil {
				warn("standard input", err)
				continue
			}
			names[tmp] = "standard input"
			inputs = append(inputs, batch.Input{Path: tmp, Rel: "-", Info: fi})
			continue
		}
		fi, err := os.Stat(a)
		if err == nil && fi.IsDir() && !o.recursive {
			warn(a, errors.New("is a directory (use -r to read a directory)"))
			continue
		}
		if err == nil && fi.IsDir() {
			inputs = append(inputs, batch.Walk([]string{a}, batch.Selection{}, warn)...)
			continue
		}
		if err != nil {
			warn(a, batch.UnwrapPathError(err))
			continue
		}
		inputs = append(inputs, batch.Input{Path: a, Rel: filepath.Base(a), Info: fi})
	}
	if stdio.ErrIsTerminal && !o.noProgress && len(inputs) > 0 {
		var total int64
		for _, in := range inputs {
			total += in.Info.Size()
		}
		bar = newBar(stdio, 2*total, "learning from "+plural(len(inputs), "file")+" (read twice)")
	}

	// Pass one counts, pass two collects: each input is read twice.
	bad := map[string]bool{}
	docs, grouped := 0, 0 // documents, and those with a --group-by value
	for pass := 1; pass <= 2; pass++ {
		for _, in := range inputs {
			if bad[in.Path] {
				continue
			}
			doc := func(group string, r io.Reader) error {
				if o.groupBy == "dir" {
					group = in.Dir // what scoped packs match at clean time
				}
				if pass == 1 {
					docs++
					if group != "" {
						grouped++
					}
					return l.Count(group, r)
				}
				return l.Collect(group, r)
			}
			name := in.Path
			if n, ok := names[in.Path]; ok {
				name = n
			}
			if err := learnFile(in.Path, name, o, field, groupField, pass == 1, stdio, bar, &failed, doc); err != nil {
				bad[in.Path] = true
				warn(name, err)
			}
		}
	}
	if bar != nil {
		bar.Finish() // clears the bar
	}
	if groupField != "" && docs > 0 && grouped == 0 {
		// Nothing silently does nothing: the rules come out as one pack.
		fmt.Fprintf(stdio.Err, "artclean: --group-by %s: no document has the field; the rules are one pack for all\n", o.groupBy)
	}

	out := stdio.Out
	var af *atomicfile.File
	if o.output != "" {
		if af, err = atomicfile.Create(o.output, 0o644); err != nil {
			return err
		}
		out = af
	}
	n, err := l.Write(out)
	if af != nil {
		if err != nil {
			af.Abort()
		} else {
			err = af.Commit()
		}
	}
	if err != nil {
		return err
	}
	if o.output != "" {
		fmt.Fprintf(stdio.Err, "artclean: %d rules written to %s\n", n, o.output)
	}
	if failed {
		return exitError{ExitTrouble}
	}
	return nil
}

// learnFile feeds the documents of one file to doc: the whole file, or each
// JSON Lines record's field. Invalid records are reported in the first pass.
// learnFile reads the documents of the file at path, called name in
// messages; a record that is not JSON is reported (on the first pass) and
// sets *badRecords.
func learnFile(path, name string, o learnOpts, field, groupField string, report bool, stdio IO, bar *progress, badRecords *bool, doc func(group string, r io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return batch.UnwrapPathError(err)
	}
	defer f.Close()
	var src io.Reader = f
	if bar != nil {
		src = io.TeeReader(f, bar) // the bar counts the file's bytes as read
	}
	// Read as the cleaner reads it: decompressed and decoded to UTF-8.
	zr, err := input.Open(src, input.Options{}, nil)
	if err != nil {
		return err
	}
	defer zr.Close()
	base, _ := compress.Base(path)
	isJSONL := o.forceJSONL || strings.HasSuffix(base, ".jsonl") || strings.HasSuffix(base, ".ndjson")
	if !isJSONL {
		return doc("", zr)
	}
	badLine := func(line int, err error) {
		if report {
			bar.clearLine()
			fmt.Fprintf(stdio.Err, "artclean: %s:%d: %v\n", name, line, err)
			*badRecords = true
		}
	}
	return learn.Records(zr, field, groupField, jsonl.DefaultMaxRecord, badLine, func(group, text string) error {
		return doc(group, strings.NewReader(text))
	})
}

func validPack(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// spool copies r to a temporary file and returns its name.
func spool(r io.Reader) (string, error) {
	f, err := os.CreateTemp("", "artclean-learn-*")
	if err != nil {
		return "", fmt.Errorf("cannot keep it for the second pass: %v", batch.UnwrapPathError(err))
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}
