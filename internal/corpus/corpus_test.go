package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func gen(t *testing.T, opts Options) ([]byte, Stats) {
	t.Helper()
	var buf bytes.Buffer
	st, err := Generate(&buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	if st.Bytes != int64(buf.Len()) {
		t.Fatalf("Stats.Bytes = %d, wrote %d", st.Bytes, buf.Len())
	}
	return buf.Bytes(), st
}

func TestDeterministic(t *testing.T) {
	for _, f := range []Format{FormatText, FormatJSONL} {
		t.Run(string(f), func(t *testing.T) {
			a, _ := gen(t, Options{Seed: 7, Size: 256 << 10, Format: f})
			b, _ := gen(t, Options{Seed: 7, Size: 256 << 10, Format: f})
			if !bytes.Equal(a, b) {
				t.Fatal("same seed, different bytes")
			}
			c, _ := gen(t, Options{Seed: 8, Size: 256 << 10, Format: f})
			if bytes.Equal(a, c) {
				t.Fatal("different seeds, same bytes")
			}
			// A bigger corpus starts with the smaller one's articles.
			d, _ := gen(t, Options{Seed: 7, Size: 512 << 10, Format: f})
			cut := bytes.LastIndex(a[:len(a)/2], []byte("\n\n"))
			if f == FormatJSONL {
				cut = bytes.LastIndexByte(a[:len(a)/2], '\n')
			}
			if !bytes.HasPrefix(d, a[:cut]) {
				t.Fatal("a bigger corpus does not start with the same articles")
			}
		})
	}
}

// TestGolden pins the generator's output: a change to it changes every
// benchmark's input, so results before and after it do not compare. Make
// such a change deliberately and update the hashes with the values the
// failure prints.
func TestGolden(t *testing.T) {
	for f, want := range map[Format]string{
		FormatText:  "8c23180bbf8215057ad833c621b7456c67d83823dbd86d6730e4553f01c7df8f",
		FormatJSONL: "d2f95ca05493a371319d9eb4eb55aa9f99635b9af535c63f5820af9715ca2974",
	} {
		data, _ := gen(t, Options{Seed: 1, Size: 64 << 10, Format: f})
		if got := fmt.Sprintf("%x", sha256.Sum256(data)); got != want {
			t.Errorf("%s, seed 1, 64 KiB: sha256 %s, want %s", f, got, want)
		}
	}
}

func TestSize(t *testing.T) {
	for _, f := range []Format{FormatText, FormatJSONL, FormatDir} {
		for _, size := range []int64{100 << 10, 1 << 20, 4 << 20} {
			opts := Options{Seed: 3, Size: size, Format: f}
			var st Stats
			if f == FormatDir {
				if size > 1<<20 {
					continue
				}
				opts.Dir = t.TempDir()
				var err error
				if st, err = Generate(nil, opts); err != nil {
					t.Fatal(err)
				}
			} else {
				_, st = gen(t, opts)
			}
			dev := float64(st.Bytes-size) / float64(size)
			if dev < -0.001 || dev > 0.02 {
				t.Errorf("%s %d: wrote %d bytes (%+.2f%%)", f, size, st.Bytes, 100*dev)
			}
		}
	}
	// At least one article, however small the target.
	_, st := gen(t, Options{Seed: 1, Size: 1})
	if st.Articles != 1 {
		t.Errorf("size 1: %d articles, want 1", st.Articles)
	}
}

func TestArticleSize(t *testing.T) {
	for _, as := range []int{1 << 10, 3 << 10, 16 << 10} {
		_, st := gen(t, Options{Seed: 1, Size: 4 << 20, ArticleSize: as})
		mean := float64(st.Bytes) / float64(st.Articles)
		if mean < 0.85*float64(as) || mean > 1.25*float64(as) {
			t.Errorf("article size %d: mean %.0f bytes", as, mean)
		}
	}
}

var dateLineRE = regexp.MustCompile(`(?m)^(?:\d\d\.\d\d\.\d{4}, \d\d:\d\d|Opublikowano: \d\d\.\d\d\.\d{4}(?: \d\d:\d\d)?)\r?$`)

func TestNoise(t *testing.T) {
	data, st := gen(t, Options{Seed: 1, Size: 4 << 20})
	n := float64(st.Articles)
	rates := []struct {
		name      string
		count     int
		low, high float64 // per article
	}{
		{"ad markers", st.AdMarkers, 0.9, 1.1},
		{"teasers", st.Teasers, 0.9, 1.1},
		{"wrapped teasers", st.WrappedTeasers, 0.1, 0.3},
		{"leading dates", st.LeadingDates, 0.25, 0.35},
		{"date lines", st.DateLines, 0.45, 0.55},
		{"CRLF articles", st.CRLFArticles, 0.07, 0.13},
		{"NBSP", st.NBSP, 0.2, 5},
	}
	for _, r := range rates {
		if got := float64(r.count) / n; got < r.low || got > r.high {
			t.Errorf("%s: %.3f per article, want %.2f to %.2f", r.name, got, r.low, r.high)
		}
	}
	s := string(data)
	for _, want := range []string{
		"\nReklama\n", "\nREKLAMA\n", "\n- Reklama -\n", "\n[Reklama]\n",
		"\nCzytaj więcej ", "\nZOBACZ TAKŻE >> ", "\nCzytaj też: ",
		"\ndate 20", "\ndata 20",
		"Opublikowano: ", " r., godz. ",
		"\u00a0", "\r\n\r\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the corpus has no %q", want)
		}
	}
	if got := len(dateLineRE.FindAllString(s, -1)); got < st.Articles/10 {
		t.Errorf("%d numeric date lines in %d articles", got, st.Articles)
	}
}

func TestJSONL(t *testing.T) {
	data, st := gen(t, Options{Seed: 1, Size: 1 << 20, Format: FormatJSONL})
	text, _ := gen(t, Options{Seed: 1, Size: 1 << 20, Format: FormatText})
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != st.Articles {
		t.Fatalf("%d lines, %d articles", len(lines), st.Articles)
	}
	var crlf bool
	for i, l := range lines {
		var rec struct {
			ID   int    `json:"id"`
			URL  string `json:"url"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if rec.ID != i+1 || rec.URL != "https://example.pl/a/"+itoa(i+1) {
			t.Fatalf("line %d: id %d url %s", i+1, rec.ID, rec.URL)
		}
		if strings.Contains(rec.Text, "\r\n") {
			crlf = true
			if strings.Count(rec.Text, "\n") != strings.Count(rec.Text, "\r\n") {
				t.Fatalf("article %d mixes line ends", i+1)
			}
		}
		// The text format holds the same articles, but the last few, which
		// may be cut short to meet the size.
		if i < st.Articles-3 && !bytes.Contains(text, []byte(rec.Text)) {
			t.Fatalf("article %d is not in the text corpus", i+1)
		}
	}
	if !crlf {
		t.Error("no CRLF article survived the JSON round trip")
	}
	if bytes.Contains(data, []byte(`\u003e`)) {
		t.Error("'>' is escaped")
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestDir(t *testing.T) {
	dir := t.TempDir()
	var list bytes.Buffer
	st, err := Generate(&list, Options{Seed: 1, Size: 4 << 20, Format: FormatDir, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles <= DirFiles {
		t.Fatalf("%d articles: too few for two folders", st.Articles)
	}
	names := strings.Fields(list.String())
	if len(names) != st.Articles || names[0] != "000/art-000001.txt" || names[DirFiles] != "001/art-001001.txt" {
		t.Fatalf("listing: %d names, %q …", len(names), names[:2])
	}
	var total int64
	for _, n := range names {
		fi, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		total += fi.Size()
	}
	if total != st.Bytes {
		t.Errorf("files hold %d bytes, Stats %d", total, st.Bytes)
	}
	sub, _ := os.ReadDir(filepath.Join(dir, "000"))
	if len(sub) != DirFiles {
		t.Errorf("folder 000 holds %d files", len(sub))
	}
	// The files are the text format's articles.
	first, _ := os.ReadFile(filepath.Join(dir, names[0]))
	text, _ := gen(t, Options{Seed: 1, Size: 64 << 10})
	if !bytes.HasPrefix(text, first) {
		t.Error("art-000001.txt is not the text corpus's first article")
	}
	if _, err := Generate(nil, Options{Size: 1, Format: FormatDir}); err == nil {
		t.Error("dir format without Dir: no error")
	}
}

// TestSentencesFromTestdata checks that every sentence and headline is taken
// verbatim from the project's test data.
func TestSentencesFromTestdata(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/golden/*.in.txt")
	files = append(files, "../../testdata/seed.expected.txt", "../../testdata/seed.raw.txt")
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Hard-wrapped test data: join its lines.
		all.WriteString(strings.NewReplacer("\r\n", " ", "\n", " ").Replace(string(b)) + "\n")
	}
	src := all.String()
	for _, s := range append(Sentences(), headlines...) {
		if !strings.Contains(src, s) {
			t.Errorf("not in testdata: %q", s)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"100MiB": 100 << 20, "3KiB": 3 << 10, "1GiB": 1 << 30, "512": 512, "10MB": 10e6,
		"2G": 2 << 30, "1.5k": 1536, "7 mib": 7 << 20, "0": 0,
	} {
		got, err := ParseSize(in)
		if err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MiB", "10XB", "-1", "1..2"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q): no error", in)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("ParseFormat(xml): no error")
	}
}
