package batch

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/jsonl"
)

func TestOrderedKeepsInputOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 4, 16} {
		var got []int
		n := Ordered(context.Background(), 200, workers, func(i int) int {
			time.Sleep(time.Duration(rand.Intn(200)) * time.Microsecond)
			return i * i
		}, func(i, r int) {
			if r != i*i {
				t.Errorf("result for %d is %d", i, r)
			}
			got = append(got, i)
		})
		if n != 200 || len(got) != 200 {
			t.Fatalf("workers=%d: emitted %d", workers, n)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("workers=%d: position %d holds job %d", workers, i, v)
			}
		}
	}
}

func TestOrderedBoundsRunAhead(t *testing.T) {
	workers := 3
	for _, ahead := range []int{0, 2 * workers, 20} {
		var started, emitted atomic.Int64
		bound := int64(max(ahead, workers))
		n := OrderedAhead(context.Background(), 100, workers, ahead, func(i int) int {
			started.Add(1)
			return i
		}, func(i, r int) {
			if got := started.Load() - emitted.Load(); got > bound {
				t.Errorf("ahead %d: %d jobs ahead of the writer, bound %d", ahead, got, bound)
			}
			time.Sleep(50 * time.Microsecond)
			emitted.Add(1)
		})
		if n != 100 {
			t.Errorf("ahead %d: %d jobs emitted, want 100", ahead, n)
		}
	}
}

func TestOrderedStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var ran atomic.Int64
	n := Ordered(ctx, 1000, 2, func(i int) int {
		ran.Add(1)
		if i == 10 {
			cancel()
		}
		return i
	}, func(i, r int) {})
	if n >= 1000 || ran.Load() >= 1000 {
		t.Errorf("cancel did not stop the batch: emitted %d, ran %d", n, ran.Load())
	}
	if int64(n) != ran.Load() {
		t.Errorf("every started job must be emitted: emitted %d, ran %d", n, ran.Load())
	}
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func rels(inputs []Input) []string {
	var r []string
	for _, in := range inputs {
		r = append(r, in.Rel)
	}
	return r
}

func TestWalkSelection(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.txt": "", "b.md": "", "c.jsonl": "", "sub/d.txt": "", "sub/e.ndjson": "",
		".hidden.txt": "", ".git/f.txt": "", "sub/skip/g.txt": "", "x.text": "",
	})
	noWarn := func(p string, err error) { t.Errorf("%s: %v", p, err) }
	for _, tc := range []struct {
		sel  Selection
		want []string
	}{
		{Selection{}, []string{"a.txt", "c.jsonl", "sub/d.txt", "sub/e.ndjson", "sub/skip/g.txt", "x.text"}},
		{Selection{Hidden: true}, []string{".git/f.txt", ".hidden.txt", "a.txt", "c.jsonl", "sub/d.txt", "sub/e.ndjson", "sub/skip/g.txt", "x.text"}},
		{Selection{Include: []string{"*.md"}}, []string{"b.md"}},
		{Selection{Exclude: []string{"sub/skip/*"}}, []string{"a.txt", "c.jsonl", "sub/d.txt", "sub/e.ndjson", "x.text"}},
		{Selection{Include: []string{"sub/*.txt"}}, []string{"sub/d.txt"}},
		{Selection{Exclude: []string{"*.txt"}}, []string{"c.jsonl", "sub/e.ndjson", "x.text"}},
	} {
		got := rels(Walk([]string{dir}, tc.sel, noWarn))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: got %v, want %v", tc.sel, got, tc.want)
		}
	}
}

func TestWalkSymlinks(t *testing.T) {
	dir := writeTree(t, map[string]string{"real/a.txt": "x"})
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Skip(err)
	}
	os.Symlink(dir, filepath.Join(dir, "real", "loop"))
	os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "broken.txt"))
	var warned []string
	warn := func(p string, err error) { warned = append(warned, filepath.Base(p)+": "+err.Error()) }
	if got := rels(Walk([]string{dir}, Selection{}, warn)); !reflect.DeepEqual(got, []string{"real/a.txt"}) {
		t.Errorf("links not followed: got %v", got)
	}
	if len(warned) != 0 {
		t.Errorf("unfollowed links must not warn: %v", warned)
	}
	got := rels(Walk([]string{dir}, Selection{Follow: true}, warn))
	if !reflect.DeepEqual(got, []string{"link/a.txt", "real/a.txt"}) {
		t.Errorf("links followed: got %v", got)
	}
	joined := strings.Join(warned, "\n")
	if !strings.Contains(joined, "loop: symbolic link loop skipped") || !strings.Contains(joined, "broken.txt: no such file") {
		t.Errorf("want a loop and a broken link reported, got %q", joined)
	}
}

func TestProcessModes(t *testing.T) {
	c, err := cleaner.New()
	if err != nil {
		t.Fatal(err)
	}
	const dirty, clean = "Tekst.\n\nReklama\n\nDalej.\n", "Tekst.\n\nDalej.\n"
	dir := writeTree(t, map[string]string{"in/a.txt": dirty, "in/b.txt": clean, "in/bin.txt": "a\x00b"})
	inputs := Walk([]string{filepath.Join(dir, "in")}, Selection{}, func(p string, err error) { t.Error(err) })
	ctx := context.Background()
	results := map[string]Result{}
	printed := map[string]string{}
	run := func(o *Options) {
		for _, in := range inputs {
			var b strings.Builder
			results[in.Rel] = Process(ctx, o, in, &b)
			printed[in.Rel] = b.String()
		}
	}

	run(&Options{Mode: Check, Cleaner: c, SkipBinary: true})
	if results["a.txt"].Status != Changed || results["b.txt"].Status != Unchanged || !IsBinary(results["bin.txt"].Err) {
		t.Errorf("check: %+v", results)
	}
	if rs := results["a.txt"].Rules["pl/ad-marker"]; rs == nil || rs.Lines != 1 || rs.Docs != 1 {
		t.Errorf("removal counts: %+v", results["a.txt"].Rules)
	}

	run(&Options{Mode: Diff, Cleaner: c, SkipBinary: true})
	if d := printed["a.txt"]; !strings.Contains(d, "-Reklama") || !strings.Contains(d, "+++ b/") || printed["b.txt"] != "" {
		t.Errorf("diff: %q", d)
	}

	out := filepath.Join(dir, "out")
	run(&Options{Mode: Mirror, Cleaner: c, OutDir: out, SkipBinary: true})
	for name, want := range map[string]string{"a.txt": clean, "b.txt": clean} {
		if got, _ := os.ReadFile(filepath.Join(out, name)); string(got) != want {
			t.Errorf("mirror %s: %q", name, got)
		}
	}
	run(&Options{Mode: Mirror, Cleaner: c, OutDir: out, Resume: true, SkipBinary: true})
	if results["a.txt"].Status != Skipped {
		t.Errorf("resume must skip an input whose output is as new or newer: %+v", results["a.txt"])
	}
	// An output older than its input (the input changed since) is redone.
	old := inputs[0].Info.ModTime().Add(-time.Hour)
	for _, name := range []string{"a.txt", "b.txt"} {
		os.Chtimes(filepath.Join(out, name), old, old)
	}
	run(&Options{Mode: Mirror, Cleaner: c, OutDir: out, Resume: true, SkipBinary: true})
	if results["a.txt"].Status == Skipped {
		t.Errorf("resume must redo an input newer than its output: %+v", results["a.txt"])
	}

	a := filepath.Join(dir, "in", "a.txt")
	os.Chmod(a, 0o600)
	run(&Options{Mode: InPlace, Cleaner: c, Suffix: ".bak", SkipBinary: true})
	if got, _ := os.ReadFile(a); string(got) != clean {
		t.Errorf("in place: %q", got)
	}
	if got, _ := os.ReadFile(a + ".bak"); string(got) != dirty {
		t.Errorf("backup: %q", got)
	}
	if fi, _ := os.Stat(a); fi.Mode().Perm() != 0o600 {
		t.Errorf("in place lost the permission bits: %v", fi.Mode())
	}
	if _, err := os.Stat(filepath.Join(dir, "in", "b.txt.bak")); err == nil {
		t.Error("an unchanged file must not be rewritten or backed up")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "in", "bin.txt")); string(got) != "a\x00b" {
		t.Error("a binary file was touched")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "in"))
	for _, e := range entries {
		if tempName.MatchString(e.Name()) {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestSpill(t *testing.T) {
	for _, size := range []int{0, 10, spillLimit, spillLimit + 1, 3*spillLimit + 7} {
		data := bytes.Repeat([]byte("abcdefg\n"), size/8+1)[:size]
		s := NewSpill()
		for off := 0; off < len(data); off += 100000 {
			end := min(off+100000, len(data))
			if _, err := s.Write(data[off:end]); err != nil {
				t.Fatal(err)
			}
		}
		var got bytes.Buffer
		if _, err := s.WriteTo(&got); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if !bytes.Equal(got.Bytes(), data) {
			t.Errorf("size %d: spill lost data", size)
		}
	}
}

func TestRemoveStaleTemps(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": "", "sub/.a.txt.artclean-123456": "", "sub/.keep": "", "b.artclean-1": ""})
	if n := RemoveStaleTemps(dir); n != 1 {
		t.Errorf("removed %d, want 1", n)
	}
	for _, keep := range []string{"a.txt", "sub/.keep", "b.artclean-1"} {
		if _, err := os.Stat(filepath.Join(dir, keep)); err != nil {
			t.Errorf("%s removed", keep)
		}
	}
}

// Without a report the tally is told removals' sizes, not their text
// (cleaner.Hooks.OmitText): the rule counts must not change.
func TestRuleStatsWithoutReport(t *testing.T) {
	c, err := cleaner.New()
	if err != nil {
		t.Fatal(err)
	}
	const text = "Tekst artykułu.\n\nReklama\n\nCzytaj też: Inny tekst\no czymś innym\n\nDalej.\n"
	dir := writeTree(t, map[string]string{
		"in/a.txt":   text,
		"in/b.jsonl": `{"text":"Tekst.\n\nReklama\n\nCzytaj też: Inny tekst\no czymś innym\n\nDalej."}` + "\n",
	})
	inputs := Walk([]string{filepath.Join(dir, "in")}, Selection{}, func(p string, err error) { t.Error(err) })
	for _, in := range inputs {
		stats := func(report bool) map[string]RuleStats {
			res := Process(context.Background(), &Options{Mode: Check, Cleaner: c, JSONL: &jsonl.Options{}, Report: report}, in, nil)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			m := map[string]RuleStats{}
			for id, rs := range res.Rules {
				m[id] = *rs
			}
			return m
		}
		with, without := stats(true), stats(false)
		if len(with) != 2 || with["pl/teaser"].Lines != 2 {
			t.Errorf("%s: rule stats %+v, want an ad marker and a teaser of two lines", in.Rel, with)
		}
		if !reflect.DeepEqual(with, without) {
			t.Errorf("%s: rule stats %+v with a report, %+v without", in.Rel, with, without)
		}
	}
}

// adDirty is a text with an ad marker, adClean the same cleaned.
const adDirty, adClean = "Tekst.\n\nReklama\n\nDalej.\n", "Tekst.\n\nDalej.\n"

func newCleaner(t testing.TB) *cleaner.Cleaner {
	t.Helper()
	c, err := cleaner.New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A mirrored output in a folder the batch made is new and written without
// looking for it; one in a folder that was there is compared first, left
// alone if it is up to date, and keeps its permission bits if it is not.
func TestMirrorNewAndExistingFolders(t *testing.T) {
	c := newCleaner(t)
	dir := writeTree(t, map[string]string{"in/sub/deep/a.txt": adDirty, "in/b.txt": adDirty})
	os.Chmod(filepath.Join(dir, "in/sub/deep/a.txt"), 0o640)
	inputs := Walk([]string{filepath.Join(dir, "in")}, Selection{}, func(p string, err error) { t.Error(err) })
	out := filepath.Join(dir, "out")
	run := func() {
		t.Helper()
		o := &Options{Mode: Mirror, Cleaner: c, OutDir: out}
		for _, in := range inputs {
			if res := Process(context.Background(), o, in, nil); res.Err != nil {
				t.Fatalf("%s: %v", in.Rel, res.Err)
			}
		}
	}
	a, b := filepath.Join(out, "sub/deep/a.txt"), filepath.Join(out, "b.txt")
	stat := func(p string) os.FileInfo {
		t.Helper()
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	check := func() {
		t.Helper()
		for _, p := range []string{a, b} {
			if got, _ := os.ReadFile(p); string(got) != adClean {
				t.Errorf("%s: %q", p, got)
			}
		}
	}
	run()
	check()
	if m := stat(a).Mode().Perm(); m != 0o640 {
		t.Errorf("a new output has mode %v, want its input's 0640", m)
	}

	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	os.Chtimes(a, old, old)
	os.Chmod(b, 0o600)
	os.WriteFile(b, []byte("stale"), 0o600)
	run()
	check()
	if !stat(a).ModTime().Equal(old) {
		t.Error("an output that was up to date was rewritten")
	}
	if m := stat(b).Mode().Perm(); m != 0o600 {
		t.Errorf("a replaced output has mode %v, want its own 0600", m)
	}
}

// -i rewrites a file reached through a linked folder in that folder, and
// the target of a linked file (--follow): links stay links.
func TestInPlaceThroughLinks(t *testing.T) {
	c := newCleaner(t)
	dir := writeTree(t, map[string]string{"real/a.txt": adDirty, "other/b.txt": adDirty})
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Skip(err)
	}
	os.Symlink(filepath.Join(dir, "other", "b.txt"), filepath.Join(dir, "real", "c.txt"))
	inputs := Walk([]string{filepath.Join(dir, "link")}, Selection{Follow: true}, func(p string, err error) { t.Error(err) })
	if got := rels(inputs); !reflect.DeepEqual(got, []string{"a.txt", "c.txt"}) {
		t.Fatalf("walked %v", got)
	}
	o := &Options{Mode: InPlace, Cleaner: c}
	for _, in := range inputs {
		if res := Process(context.Background(), o, in, nil); res.Err != nil || res.Status != Changed {
			t.Fatalf("%s: %+v", in.Rel, res)
		}
	}
	for _, p := range []string{"real/a.txt", "other/b.txt", "link/c.txt"} {
		if got, _ := os.ReadFile(filepath.Join(dir, p)); string(got) != adClean {
			t.Errorf("%s: %q", p, got)
		}
	}
	for _, p := range []string{"link", "real/c.txt"} {
		if fi, err := os.Lstat(filepath.Join(dir, p)); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link", p)
		}
	}
}

// The walk lists regular files without a stat of each; their FileInfo is
// read when asked for, or taken from the open file when Process reads them.
func TestWalkedFileInfo(t *testing.T) {
	c := newCleaner(t)
	dir := writeTree(t, map[string]string{"in/a.txt": adDirty, "in/b.txt": adDirty, "in/gone.txt": adDirty})
	a := filepath.Join(dir, "in/a.txt")
	os.Chmod(a, 0o604)
	inputs := Walk([]string{filepath.Join(dir, "in")}, Selection{}, func(p string, err error) { t.Error(err) })
	if len(inputs) != 3 {
		t.Fatalf("walked %v", rels(inputs))
	}
	if fi := inputs[0].Info; fi.Name() != "a.txt" || fi.Size() != int64(len(adDirty)) || fi.Mode() != 0o604 || fi.IsDir() {
		t.Errorf("a.txt: %v %d %v", fi.Name(), fi.Size(), fi.Mode())
	}
	// Removed after the walk: that input fails, named, and the rest go on.
	os.Remove(filepath.Join(dir, "in/gone.txt"))
	o := &Options{Mode: InPlace, Cleaner: c}
	for _, in := range inputs {
		res := Process(context.Background(), o, in, nil)
		if in.Rel == "gone.txt" {
			if res.Status != Failed || !os.IsNotExist(res.Err) {
				t.Errorf("gone.txt: %+v", res)
			}
			continue
		}
		if res.Status != Changed {
			t.Errorf("%s: %+v", in.Rel, res)
		}
	}
	if fi, err := os.Stat(a); err != nil || fi.Mode().Perm() != 0o604 {
		t.Errorf("-i lost a.txt's permission bits: %v, %v", fi.Mode(), err)
	}
	for _, p := range []string{a, filepath.Join(dir, "in/b.txt")} {
		if got, _ := os.ReadFile(p); string(got) != adClean {
			t.Errorf("%s: %q", p, got)
		}
	}
}

// A file over what is read whole streams, in every mode that writes.
func TestLargeFileStreams(t *testing.T) {
	c := newCleaner(t)
	big := strings.Repeat(adDirty, wholeMax/len(adDirty)+10)
	want := strings.Repeat(adClean, wholeMax/len(adDirty)+10)
	dir := writeTree(t, map[string]string{"in/big.txt": big})
	inputs := Walk([]string{filepath.Join(dir, "in")}, Selection{}, func(p string, err error) { t.Error(err) })
	out := filepath.Join(dir, "out")
	for _, o := range []*Options{{Mode: Mirror, Cleaner: c, OutDir: out}, {Mode: InPlace, Cleaner: c}} {
		res := Process(context.Background(), o, inputs[0], nil)
		if res.Status != Changed || res.BytesIn != int64(len(big)) {
			t.Fatalf("mode %d: %+v", o.Mode, res)
		}
	}
	for _, p := range []string{filepath.Join(out, "big.txt"), filepath.Join(dir, "in/big.txt")} {
		if got, _ := os.ReadFile(p); string(got) != want {
			t.Errorf("%s: %d bytes, want %d", p, len(got), len(want))
		}
	}
}

// A batch over many folders keeps a few open (maxOpenFolders), whatever
// their number, and Close closes them.
func TestOpenFoldersBounded(t *testing.T) {
	fds := func() int {
		entries, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Skip(err)
		}
		return len(entries)
	}
	c := newCleaner(t)
	files := map[string]string{}
	for i := range 3 * maxOpenFolders {
		files[fmt.Sprintf("in/%02d/a.txt", i)] = adDirty
	}
	dir := writeTree(t, files)
	inputs := Walk([]string{filepath.Join(dir, "in")}, Selection{}, func(p string, err error) { t.Error(err) })
	before := fds()
	o := &Options{Mode: Mirror, Cleaner: c, OutDir: filepath.Join(dir, "out")}
	Ordered(context.Background(), len(inputs), 4, func(i int) Result { return Process(context.Background(), o, inputs[i], nil) },
		func(i int, res Result) {
			if res.Err != nil || res.Status != Changed {
				t.Errorf("%s: %+v", inputs[i].Rel, res)
			}
		})
	if n := fds() - before; n > maxOpenFolders {
		t.Errorf("%d more files open after the batch, want at most %d", n, maxOpenFolders)
	}
	for rel := range files {
		p := filepath.Join(dir, "out", strings.TrimPrefix(rel, "in/"))
		if got, _ := os.ReadFile(p); string(got) != adClean {
			t.Errorf("%s: %q", p, got)
		}
	}
	o.Close()
	if n := fds() - before; n > 0 {
		t.Errorf("%d more files open once the folders are closed", n)
	}
}

// TestOrderedFeed: jobs added while the workers run are all done, and
// emitted in order, whether the feed grows faster or slower than they work.
func TestOrderedFeed(t *testing.T) {
	for _, workers := range []int{1, 2, 5} {
		f := NewFeed[int]()
		go func() {
			for i := range 2500 { // three blocks of the feed
				f.Add(i * 10)
				if i%500 == 0 {
					time.Sleep(time.Millisecond) // the workers catch up
				}
			}
			f.Close()
		}()
		var got []int
		n := OrderedFeed(context.Background(), f, workers, 4*workers, func(i, x int) int {
			if rand.Intn(4) == 0 {
				time.Sleep(10 * time.Microsecond)
			}
			return x + i
		}, func(i, x, r int) {
			if x != i*10 || r != x+i {
				t.Errorf("workers %d: job %d: item %d, result %d", workers, i, x, r)
			}
			got = append(got, i)
		})
		if n != 2500 || len(got) != 2500 {
			t.Fatalf("workers %d: %d emitted (%d calls), want 2500", workers, n, len(got))
		}
		for i, g := range got {
			if g != i {
				t.Fatalf("workers %d: emitted %d at %d", workers, g, i)
			}
		}
		if all := f.All(); len(all) != 2500 || all[2499] != 24990 {
			t.Errorf("All: %d items", len(all))
		}
	}
	// An empty feed ends the run at once.
	f := NewFeed[int]()
	f.Close()
	if n := OrderedFeed(context.Background(), f, 2, 4, func(i, x int) int { return x }, func(int, int, int) { t.Error("emitted") }); n != 0 {
		t.Errorf("empty feed: %d emitted", n)
	}
}

// TestWalkEachStops: WalkEach lists what Walk does, problems in their
// place, and stops as soon as yield says so.
func TestWalkEachStops(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a/1.txt", "a/2.txt", "b/3.txt", "c.txt"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("x\n"), 0o644)
	}
	roots := []string{dir, filepath.Join(dir, "missing")}
	var all []string
	WalkEach(roots, Selection{}, func(in Input, err error) bool {
		if err != nil {
			all = append(all, "!"+filepath.Base(in.Path))
		} else {
			all = append(all, in.Rel)
		}
		return true
	})
	if want := []string{"a/1.txt", "a/2.txt", "b/3.txt", "c.txt", "!missing"}; !reflect.DeepEqual(all, want) {
		t.Errorf("WalkEach listed %q, want %q", all, want)
	}
	var some []string
	WalkEach(roots, Selection{}, func(in Input, err error) bool {
		some = append(some, in.Rel)
		return len(some) < 2
	})
	if want := []string{"a/1.txt", "a/2.txt"}; !reflect.DeepEqual(some, want) {
		t.Errorf("stopped after 2: listed %q, want %q", some, want)
	}
}
