package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/artclean/artclean/beam/pipeline"
	"github.com/artclean/artclean/internal/cli"
	"github.com/artclean/artclean/internal/compress"
	"github.com/artclean/artclean/internal/corpus"
	"golang.org/x/text/encoding/charmap"
)

// TestMain runs the pipelines on the SDK's default local runner (prism, in
// this process); -runner picks another.
func TestMain(m *testing.M) { ptest.Main(m) }

const customRules = `pack site
rule footer
kind marker
description the footer of the test site
phrase Wszystkie prawa zastrzeżone Kurier
remove Wszystkie prawa zastrzeżone Kurier.
keep Nie wszystkie prawa zastrzeżone Kurier przestrzega.

pack folder-extra
scope dir=extra
rule lead
kind marker
description a line only the files under extra/ lose
phrase Rozmowy trwały dwie godziny
remove Rozmowy trwały dwie godziny.

pack site-kurier
scope site=kurier
rule footer
kind marker
description the footer of one site's records
phrase Stopka Kuriera
remove Stopka Kuriera
`

// scopedRemoved fails unless the scoped packs of customRules removed
// something: else comparing with the CLI would not show they work.
func scopedRemoved(t *testing.T, st pipeline.Stats, id string) {
	t.Helper()
	if st.Rules[id].Lines == 0 {
		t.Errorf("the scoped rule %s removed nothing", id)
	}
}

// cliResult is what the CLI did: its exit code and its --stats table.
type cliResult struct {
	code   int
	stats  pipeline.Stats
	stderr string
}

// runCLI runs artclean in this process with -q --stats and parses the table.
func runCLI(t *testing.T, args ...string) cliResult {
	t.Helper()
	var out, errb bytes.Buffer
	args = append([]string{"-q", "--stats"}, args...)
	code := cli.Run(context.Background(), args, cli.IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	res := cliResult{code: code, stderr: errb.String(), stats: pipeline.Stats{Rules: map[string]pipeline.RuleStats{}}}
	inTable := false
	for _, line := range strings.Split(res.stderr, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 4 && f[0] == "RULE":
			inTable = true
		case !inTable || len(f) == 0:
		case len(f) == 6 && f[0] == "all" && f[1] == "rules":
			res.stats.Documents = atoi(t, f[2])
			inTable = false
		case len(f) == 4:
			res.stats.Rules[f[0]] = pipeline.RuleStats{Docs: atoi(t, f[1]), Lines: atoi(t, f[2]), Bytes: atoi(t, f[3])}
		default:
			t.Fatalf("unexpected --stats line %q", line)
		}
	}
	if res.stats.Documents == 0 {
		t.Fatalf("no --stats table from artclean %q (exit %d):\n%s", args, code, res.stderr)
	}
	return res
}

func atoi(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func runBeam(t *testing.T, o pipeline.Options) pipeline.Stats {
	t.Helper()
	p, s := beam.NewPipelineWithRoot()
	if err := pipeline.Build(s, o); err != nil {
		t.Fatal(err)
	}
	pr, err := ptest.RunWithMetrics(p)
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.ReadStats(pr)
}

// checkStats compares the pipeline's counters with the CLI's --stats.
func checkStats(t *testing.T, got, want pipeline.Stats) {
	t.Helper()
	if got.Documents != want.Documents {
		t.Errorf("documents: beam %d, cli %d", got.Documents, want.Documents)
	}
	for id, w := range want.Rules {
		if g := got.Rules[id]; g != w {
			t.Errorf("%s: beam %+v, cli %+v", id, g, w)
		}
	}
	for id, g := range got.Rules {
		if _, ok := want.Rules[id]; !ok {
			t.Errorf("%s: beam %+v, cli has no such row", id, g)
		}
	}
	t.Logf("%d documents, %d files (%d skipped, %d failed), %d records (%d invalid); removals: %v",
		got.Documents, got.Files, got.FilesSkipped, got.FilesFailed, got.Records, got.BadRecords, got.Rules)
	if len(want.Rules) < 4 {
		t.Errorf("only %d rules removed anything: the corpus is too tame to test", len(want.Rules))
	}
}

// readTree reads every file under root by relative path; decompress
// undoes the CLI's keeping of an input's compression.
func readTree(t *testing.T, root string, decompress bool) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if decompress {
			zr, _, err := compress.NewReader(bytes.NewReader(b))
			if err != nil {
				return err
			}
			if b, err = io.ReadAll(zr); err != nil {
				return fmt.Errorf("%s: %v", p, err)
			}
		}
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func shardPaths(t *testing.T, prefix string) []string {
	t.Helper()
	m, err := filepath.Glob(prefix + "-*-of-*.jsonl")
	if err != nil || len(m) == 0 {
		t.Fatalf("no shards %s-*: %v", prefix, err)
	}
	return m
}

func compareTrees(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	for rel, w := range want {
		g, ok := got[rel]
		switch {
		case !ok:
			t.Errorf("%s: the CLI wrote it, the pipeline did not", rel)
		case !bytes.Equal(g, w):
			t.Errorf("%s: differs from the CLI's output:\nbeam: %q\ncli:  %q", rel, clip(g), clip(w))
		}
	}
	for rel := range got {
		if _, ok := want[rel]; !ok {
			t.Errorf("%s: the pipeline wrote it, the CLI did not", rel)
		}
	}
}

func clip(b []byte) []byte {
	if len(b) > 300 {
		return b[:300]
	}
	return b
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := compress.NewWriter(&buf, compress.Gzip)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// textCorpus is a generated tree of articles plus the cases a crawl brings:
// CRLF, an empty file, windows-1250, gzip, a truncated gzip, a binary file,
// a hidden folder and a file the selection leaves out.
func textCorpus(t *testing.T) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "in")
	if _, err := corpus.Generate(nil, corpus.Options{Seed: 7, Size: 200 << 10, Format: corpus.FormatDir, Dir: in}); err != nil {
		t.Fatal(err)
	}
	article := "date 2022-04 Prezydent\u00a0odwiedził Opole.\r\n\r\n- REKLAMA -\r\n\r\nRozmowy trwały dwie godziny.\r\n\r\nCzytaj więcej: Burmistrz o budżecie\r\n\r\nWszystkie prawa zastrzeżone Kurier.\r\n"
	write(t, filepath.Join(in, "extra", "crlf.txt"), []byte(article))
	write(t, filepath.Join(in, "extra", "empty.txt"), nil)
	cp, err := charmap.Windows1250.NewEncoder().String("Zażółć gęślą jaźń – relacja z sesji rady.\n\nReklama\n\nŹródło: PAP\n\nRadni przyjęli uchwałę o budżecie na przyszły rok.\n")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(in, "extra", "cp1250.text"), []byte(cp))
	gz := gzipped(t, []byte(article+"\nOpublikowano: 12.04.2022 14:35\n"))
	write(t, filepath.Join(in, "extra", "art.txt.gz"), gz)
	write(t, filepath.Join(in, "extra", "cut.txt.gz"), gz[:len(gz)/2])
	write(t, filepath.Join(in, "extra", "bin.txt"), []byte("Reklama\n\x00\x01\x02"))
	write(t, filepath.Join(in, ".hidden", "h.txt"), []byte("Reklama\n\nukryty\n"))
	write(t, filepath.Join(in, "extra", "notes.md"), []byte("Reklama\n"))
	write(t, filepath.Join(in, "other", "lead.txt"), []byte("Tekst.\n\nRozmowy trwały dwie godziny.\n")) // outside extra/: kept
	return in
}

func TestText(t *testing.T) {
	in := textCorpus(t)
	rules := filepath.Join(t.TempDir(), "site.rules")
	write(t, rules, []byte(customRules))
	rf, err := pipeline.LoadRuleFiles(context.Background(), []string{rules})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		flags []string
		opts  pipeline.Options
	}{
		{name: "defaults"},
		{
			name:  "flags",
			flags: []string{"--lang", "pl,en", "--disable", "teaser", "--rules", rules, "--enable", "pl/initials-signature"},
			opts:  pipeline.Options{Langs: []string{"pl", "en"}, Disable: []string{"teaser"}, Rules: rf, Enable: []string{"pl/initials-signature"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			cliOut := filepath.Join(dir, "cli")
			want := runCLI(t, append(tc.flags, "-r", in, "-o", cliOut)...)
			if want.code != 2 || !strings.Contains(want.stderr, "cut.txt.gz") {
				t.Errorf("artclean: exit %d, want 2 (trouble) for the truncated archive:\n%s", want.code, want.stderr)
			}
			wantTree := readTree(t, cliOut, false)
			if tc.opts.Rules != nil {
				scopedRemoved(t, want.stats, "folder-extra/lead")
			}

			t.Run("shards", func(t *testing.T) {
				o := tc.opts
				o.Inputs, o.Output, o.Shards = []string{in}, filepath.Join(dir, "beam", "clean"), 3
				st := runBeam(t, o)
				checkStats(t, st, want.stats)
				if st.FilesFailed != 1 || st.FilesSkipped != 1 {
					t.Errorf("files failed %d, skipped %d; want 1 and 1", st.FilesFailed, st.FilesSkipped)
				}
				got := map[string][]byte{}
				for _, p := range shardPaths(t, o.Output) {
					b, err := os.ReadFile(p)
					if err != nil {
						t.Fatal(err)
					}
					for _, line := range strings.SplitAfter(string(b), "\n") {
						if line == "" {
							continue
						}
						var d pipeline.Doc
						if err := json.Unmarshal([]byte(line), &d); err != nil {
							t.Fatalf("%s: %v", p, err)
						}
						if _, dup := got[d.Path]; dup {
							t.Errorf("%s twice in the shards", d.Path)
						}
						got[d.Path] = []byte(d.Text)
					}
				}
				compareTrees(t, got, readTree(t, cliOut, true))
			})
			t.Run("mirror", func(t *testing.T) {
				o := tc.opts
				o.Inputs, o.Output, o.Mirror = []string{in}, filepath.Join(dir, "mirror"), true
				checkStats(t, runBeam(t, o), want.stats)
				compareTrees(t, readTree(t, o.Output, false), wantTree)
			})
		})
	}
}

// jsonlCorpus splits a generated JSON Lines corpus over three files and
// adds the records a crawl brings: not JSON, blank, CRLF, without the
// field, nested, and a last line without a line end; one file is gzipped.
func jsonlCorpus(t *testing.T) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := corpus.Generate(&buf, corpus.Options{Seed: 11, Size: 200 << 10, Format: corpus.FormatJSONL}); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(buf.String(), "\n")
	third := len(lines) / 3
	in := filepath.Join(t.TempDir(), "in")
	write(t, filepath.Join(in, "a.jsonl"), []byte(strings.Join(lines[:third], "")))
	write(t, filepath.Join(in, "sub", "b.ndjson"), []byte(strings.Join(lines[third:2*third], "")))
	extra := strings.Join(lines[2*third:], "") +
		"{not json\n" +
		"\n   \n" +
		`{"id":1,"text":"Reklama\n\nTreść artykułu.\n\nCzytaj więcej: inny tekst","n":1.50}` + "\r\n" +
		`{"id":2,"title":"no text field"}` + "\n" +
		`{"id":3,"text":42}` + "\n" +
		`{"id":4,"article":{"body":"date 2022-04 Tekst\u00a0z\u00a0NBSP.\n\nREKLAMA"},"text":"Reklama"}` + "\n" +
		`{"id":6,"site":"kurier","text":"Tekst Kuriera.\nStopka Kuriera"}` + "\n" +
		`{"id":7,"site":"gazeta","text":"Gazeta cytuje:\nStopka Kuriera"}` + "\n" +
		`{"id":5,"text":"Opublikowano: 12.04.2022\n\nOstatni rekord bez końca linii."}`
	write(t, filepath.Join(in, "sub", "c.jsonl.gz"), gzipped(t, []byte(extra)))
	return in
}

// TestJSONLFail checks that --bad-records=fail stops the run at the invalid
// record and names its file and line.
func TestJSONLFail(t *testing.T) {
	in := jsonlCorpus(t)
	b, err := os.ReadFile(filepath.Join(in, "a.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	bad := 17
	lines[bad-1] = "{bad\n"
	write(t, filepath.Join(in, "a.jsonl"), []byte(strings.Join(lines, "")))
	p, s := beam.NewPipelineWithRoot()
	o := pipeline.Options{Inputs: []string{filepath.Join(in, "a.jsonl")}, Output: filepath.Join(t.TempDir(), "out"), JSONL: true, BadRecords: "fail", ChunkSize: 4 << 10}
	if err := pipeline.Build(s, o); err != nil {
		t.Fatal(err)
	}
	_, err = ptest.RunWithMetrics(p)
	if want := fmt.Sprintf("a.jsonl:%d: invalid JSON record", bad); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want one with %q", err, want)
	}
}

// shardLines are the lines of every shard, sorted.
func shardLines(t *testing.T, prefix string) []string {
	t.Helper()
	var lines []string
	for _, p := range shardPaths(t, prefix) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.SplitAfter(string(b), "\n") {
			if l != "" {
				lines = append(lines, l)
			}
		}
	}
	slices.Sort(lines)
	return lines
}

// recordLines are the records of the CLI's outputs, sorted, each ending in
// "\n" as a shard line does; blank lines are not records.
func recordLines(tree map[string][]byte) []string {
	var lines []string
	for _, b := range tree {
		for _, l := range strings.SplitAfter(string(b), "\n") {
			if strings.TrimSpace(l) == "" {
				continue
			}
			if !strings.HasSuffix(l, "\n") {
				l += "\n"
			}
			lines = append(lines, l)
		}
	}
	slices.Sort(lines)
	return lines
}

func TestJSONL(t *testing.T) {
	in := jsonlCorpus(t)
	rules := filepath.Join(t.TempDir(), "site.rules")
	write(t, rules, []byte(customRules))
	rf, err := pipeline.LoadRuleFiles(context.Background(), []string{rules})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		flags []string
		opts  pipeline.Options
	}{
		{name: "defaults"},
		{
			name:  "fields",
			flags: []string{"--field", "text", "--field", "article.body", "--bad-records", "skip", "--drop-empty", "--disable", "pl/date-line"},
			opts:  pipeline.Options{Fields: []string{"text", "article.body"}, BadRecords: "skip", DropEmpty: true, Disable: []string{"pl/date-line"}},
		},
		{
			name:  "scoped-rules",
			flags: []string{"--rules", rules},
			opts:  pipeline.Options{Rules: rf},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			cliOut := filepath.Join(dir, "cli")
			want := runCLI(t, append(tc.flags, "-r", in, "-o", cliOut)...)
			if want.code != 2 || !strings.Contains(want.stderr, "invalid JSON") {
				t.Errorf("artclean: exit %d, want 2 (trouble) for the invalid record:\n%s", want.code, want.stderr)
			}
			wantTree := readTree(t, cliOut, false)
			if tc.opts.Rules != nil {
				scopedRemoved(t, want.stats, "site-kurier/footer")
				if rs := want.stats.Rules["site-kurier/footer"]; rs.Lines != 1 {
					t.Errorf("site-kurier/footer removed %d lines, want 1 (gazeta's quote stays)", rs.Lines)
				}
			}

			t.Run("shards", func(t *testing.T) {
				o := tc.opts
				o.Inputs, o.Output, o.Shards, o.JSONL = []string{in}, filepath.Join(dir, "beam", "clean"), 4, true
				o.ChunkSize = 8 << 10 // many chunks, blank lines inside one
				st := runBeam(t, o)
				checkStats(t, st, want.stats)
				if st.BadRecords != 1 {
					t.Errorf("bad records %d, want 1", st.BadRecords)
				}
				got, wantLines := shardLines(t, o.Output), recordLines(readTree(t, cliOut, true))
				if len(wantLines) < 50 {
					t.Fatalf("only %d records", len(wantLines))
				}
				if !slices.Equal(got, wantLines) {
					for i := range min(len(got), len(wantLines)) {
						if got[i] != wantLines[i] {
							t.Fatalf("%d lines from beam, %d from the CLI; first difference:\nbeam: %q\ncli:  %q", len(got), len(wantLines), clip([]byte(got[i])), clip([]byte(wantLines[i])))
						}
					}
					t.Fatalf("%d lines from beam, %d from the CLI", len(got), len(wantLines))
				}
			})
			t.Run("mirror", func(t *testing.T) {
				o := tc.opts
				o.Inputs, o.Output, o.Mirror, o.JSONL = []string{in}, filepath.Join(dir, "mirror"), true, true
				checkStats(t, runBeam(t, o), want.stats)
				compareTrees(t, readTree(t, o.Output, false), wantTree)
			})
		})
	}
}

func TestValidate(t *testing.T) {
	for _, o := range []pipeline.Options{
		{Output: "x"},
		{Inputs: []string{"x"}},
		{Inputs: []string{"x"}, Output: "y", Disable: []string{"[bad"}},
		{Inputs: []string{"x"}, Output: "y", Langs: []string{"xx"}},
		{Inputs: []string{"x"}, Output: "y", Fields: []string{".a"}},
		{Inputs: []string{"x"}, Output: "y", BadRecords: "drop"},
		{Inputs: []string{"x"}, Output: "y", Rules: []pipeline.RuleFile{{Name: "r.rules", Text: "rule x\n"}}},
		{Inputs: []string{"x"}, Output: "y", MaxRemoved: 1.5},
	} {
		if err := o.Validate(); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}
