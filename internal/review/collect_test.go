package review

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/artclean/artclean/cleaner"
)

// feed sends n one-line removals of rule through f's hooks, one document
// of a kept line and the removal each.
func feed(f *File, rule string, n int) {
	h := f.Hooks()
	for i := 1; i <= n; i++ {
		h.Kept(1, []byte(fmt.Sprintf("kept %d", i)))
		h.Removal(cleaner.Removal{Rule: rule, Doc: i, Line: 2, Action: cleaner.DropLine, Text: fmt.Sprintf("noise %d", i), Bytes: 7, Lines: 1})
		h.DocEnd(cleaner.DocStats{Doc: i, Line: 1, Kept: 7, Removed: 7})
	}
}

// The sample of a rule holds at most K removals, and exactly the K with the
// smallest keys over all the files: uniform, and the same whatever the
// order the files were cleaned in.
func TestReservoirBound(t *testing.T) {
	for _, tc := range []struct{ k, n1, n2 int }{
		{3, 0, 2},
		{3, 2, 1},
		{3, 3, 0},
		{20, 1000, 0},
		{20, 500, 700},
		{1, 50, 50},
	} {
		t.Run(fmt.Sprintf("k%d-%d+%d", tc.k, tc.n1, tc.n2), func(t *testing.T) {
			c := New(tc.k)
			var keys []uint64
			for i, n := range []int{tc.n1, tc.n2} {
				name := fmt.Sprintf("f%d.txt", i)
				f := c.NewFile(name, ".")
				feed(f, "x/noise", n)
				for j := 1; j <= n; j++ {
					keys = append(keys, splitmix(f.seed+uint64(j)))
				}
				c.Add(f, 0, 0)
			}
			n := tc.n1 + tc.n2
			rs := c.rules["x/noise"]
			if n == 0 {
				if rs != nil {
					t.Fatalf("a rule with no removals: %+v", rs)
				}
				return
			}
			if rs.Removals != n || rs.Docs != n || c.totals.Docs != n {
				t.Errorf("removals %d, documents %d (%d in all), want %d", rs.Removals, rs.Docs, c.totals.Docs, n)
			}
			slices.Sort(keys)
			want := keys[:min(n, tc.k)]
			var got []uint64
			for _, sm := range rs.Samples {
				got = append(got, sm.key)
			}
			if !slices.Equal(got, want) {
				t.Errorf("sample keys %v, want the %d smallest %v", got, len(want), want)
			}
		})
	}
}

func TestBucket(t *testing.T) {
	for _, tc := range []struct {
		share float64
		want  int
	}{
		{0.0001, 0}, {0.0499, 0}, {0.05, 1}, {0.25, 5}, {0.5, 10}, {0.5001, 10}, {0.99, 19}, {1, 19}, {1.5, 19},
	} {
		if got := Bucket(tc.share); got != tc.want {
			t.Errorf("Bucket(%g) = %d, want %d", tc.share, got, tc.want)
		}
	}
	c := New(0)
	f := c.NewFile("a.txt", ".")
	h := f.Hooks()
	for i, s := range [][2]int64{{100, 0}, {90, 10}, {50, 50}, {1, 99}, {0, 0}} {
		h.DocEnd(cleaner.DocStats{Doc: i + 1, Kept: s[0], Removed: s[1]})
	}
	c.Add(f, 0, 0)
	want := [buckets]int{}
	want[2], want[10], want[19] = 1, 1, 1
	if c.hist != want || c.totals.Docs != 5 || c.totals.Touched != 3 {
		t.Errorf("histogram %v, %d documents, %d touched; want %v, 5, 3", c.hist, c.totals.Docs, c.totals.Touched, want)
	}
	if len(c.docs) != 3 || c.docs[0].Share != 0.99 || c.docs[2].Share != 0.1 {
		t.Errorf("most stripped documents %+v: want 0.99, 0.5, 0.1", c.docs)
	}
}

func TestSourceKeys(t *testing.T) {
	for _, tc := range []struct{ dir, file, want string }{
		{"gazeta", "dumps/gazeta/2024/a.txt", "gazeta"},
		{".", "dumps/a.txt", "."},
		{"", "-", "(standard input)"},
		{"", "some/where/a.txt", "some/where"},
		{"", "a.txt", "."},
	} {
		if got := Source(tc.dir, tc.file); got != tc.want {
			t.Errorf("Source(%q, %q) = %q, want %q", tc.dir, tc.file, got, tc.want)
		}
	}
	// A JSON Lines record's source is its url's host; without one, the file's.
	c := New(0)
	f := c.NewFile("recs.jsonl", "dumps")
	for i, rec := range []string{
		`{"url":"https://www.Example.com/a?b=1","text":"x"}`,
		`{"text":"x","url":"http://news.example.org"}`,
		`{"text":"x"}`,
		`{"url":"","text":"x"}`,
	} {
		f.Record(i+1, i+1, []byte(rec))
		f.Hooks().DocEnd(cleaner.DocStats{Doc: 1, Kept: 1})
	}
	c.Add(f, 0, 0)
	var got []string
	for s, st := range c.sources {
		got = append(got, fmt.Sprintf("%s=%d", s, st.Docs))
	}
	slices.Sort(got)
	if want := []string{"dumps=2", "example.com=1", "news.example.org=1"}; !slices.Equal(got, want) {
		t.Errorf("sources %v, want %v", got, want)
	}
	// A report names files, not roots: the source is the folder under the
	// one all its files share.
	for _, tc := range []struct {
		files []string
		file  string
		want  string
	}{
		{[]string{"dumps/a/x.txt", "dumps/b/y.txt"}, "dumps/b/y.txt", "b"},
		{[]string{"dumps/a/x.txt", "dumps/a/z/y.txt"}, "dumps/a/z/y.txt", "z"},
		{[]string{"dumps/a/x.txt", "dumps/y.txt"}, "dumps/y.txt", "."},
		{[]string{"a.txt", "b/c.txt"}, "b/c.txt", "b"},
	} {
		if got := reportSource(commonDir(tc.files), tc.file); got != tc.want {
			t.Errorf("report of %v: source of %s is %q, want %q", tc.files, tc.file, got, tc.want)
		}
	}
}

// A sample carries the two lines before and after it in its document, cut
// at the document's ends; a span cut from a line has the line's rest after.
// Kept lines come before the removals, as when the guard holds a document.
func TestContext(t *testing.T) {
	type ev struct {
		num    int
		keep   string
		rm     string
		action cleaner.Action
	}
	for _, tc := range []struct {
		name          string
		events        []ev
		before, after string
	}{
		{"middle", []ev{{1, "a", "", ""}, {2, "b", "", ""}, {3, "c", "", ""}, {5, "d", "", ""}, {8, "e", "", ""}, {4, "", "X", ""}, {6, "", "Y\nZ", ""}}, "b|c", "d|-Y"},
		{"start", []ev{{2, "d", "", ""}, {1, "", "X", ""}}, "", "d"},
		{"end", []ev{{1, "a", "", ""}, {2, "", "X", ""}}, "a", ""},
		{"paragraph", []ev{{1, "a", "", ""}, {4, "b", "", ""}, {2, "", "X\nmore", ""}}, "a", "b"},
		{"span", []ev{{1, "a", "", ""}, {2, "rest of the line", "", ""}, {3, "b", "", ""}, {2, "", "[X]", cleaner.StripSpan}}, "a", "rest of the line|b"},
		{"chronology", []ev{{1, "a", "", ""}, {2, "z", "", ""}, {1, "a", "", ""}, {3, "b", "", ""}, {2, "", "X", ""}}, "a", "b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(50)
			f := c.NewFile("a.txt", ".")
			h := f.Hooks()
			for _, e := range tc.events {
				if e.rm == "" {
					h.Kept(e.num, []byte(e.keep))
					continue
				}
				a := cmpOr(e.action, cleaner.DropLine)
				h.Removal(cleaner.Removal{Rule: "x/" + strings.ToLower(e.rm[:1]), Doc: 1, Line: e.num, Action: a, Text: e.rm, Bytes: len(e.rm), Lines: strings.Count(e.rm, "\n") + 1})
			}
			h.DocEnd(cleaner.DocStats{Doc: 1, Kept: 10})
			c.Add(f, 0, 0)
			var sm *Sample
			for _, id := range []string{"x/x", "x/["} {
				if rs := c.rules[id]; rs != nil {
					sm = rs.Samples[0]
				}
			}
			if got := lines(sm.Before); got != tc.before {
				t.Errorf("before %q, want %q", got, tc.before)
			}
			if got := lines(sm.After); got != tc.after {
				t.Errorf("after %q, want %q", got, tc.after)
			}
		})
	}
}

func cmpOr(a, b cleaner.Action) cleaner.Action {
	if a != "" {
		return a
	}
	return b
}

func lines(ls []Line) string {
	var s []string
	for _, l := range ls {
		if l.Removed {
			s = append(s, "-"+l.Text)
		} else {
			s = append(s, l.Text)
		}
	}
	return strings.Join(s, "|")
}

// The snippets the page builds are what --rules and --disable read, and a
// keep rule made from a sample keeps that sample's line.
func TestSnippets(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Czytaj więcej: Jak oszczędzać prąd zimą", "Czytaj więcej: Jak oszczędzać prąd zimą"},
		{"Polecamy:\nPierwszy tytuł\nDrugi tytuł", "Polecamy:"},
		{"  Reklama   w  środku  ", "Reklama w środku"},
		{strings.Repeat("x", maxText+1), ""},
	} {
		if got := KeepLine(tc.text); got != tc.want {
			t.Errorf("KeepLine(%.40q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	for _, tc := range []struct {
		ids  []string
		want string
	}{
		{nil, ""},
		{[]string{"en/ad-marker"}, "--disable en/ad-marker"},
		{[]string{"en/ad-marker", "pl/teaser"}, "--disable en/ad-marker,pl/teaser"},
	} {
		if got := DisableFlag(tc.ids); got != tc.want {
			t.Errorf("DisableFlag(%q) = %q, want %q", tc.ids, got, tc.want)
		}
	}
	kept := []string{"Reklama", "Czytaj więcej: Jak oszczędzać prąd zimą", "Opublikowano: 12.04.2022 14:35"}
	rules, err := cleaner.ParseRules("keep.rules", strings.NewReader(RuleFile(kept)))
	if err != nil {
		t.Fatalf("RuleFile does not parse: %v\n%s", err, RuleFile(kept))
	}
	const in = "Pierwszy akapit artykułu o cenach prądu w Polsce i w Europie.\n\nReklama\n\nCzytaj więcej: Jak oszczędzać prąd zimą\n\nOstatni akapit artykułu o cenach prądu.\n\nOpublikowano: 12.04.2022 14:35\n"
	for _, tc := range []struct {
		rules []*cleaner.Rule
		keeps bool
	}{{nil, false}, {rules, true}} {
		c, err := cleaner.New(cleaner.WithRules(tc.rules...), cleaner.WithLanguages("pl"))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := c.Clean(&b, strings.NewReader(in), nil); err != nil {
			t.Fatal(err)
		}
		for _, l := range kept {
			if got := strings.Contains(b.String(), "\n"+l+"\n"); got != tc.keeps {
				t.Errorf("with %d keep rules, %q kept: %v\n%s", len(tc.rules), l, got, b.String())
			}
		}
	}
}

// Millions of removals make a page of a few MB at most: samples are bounded
// per rule, and so are their texts and context lines.
func TestPageBounded(t *testing.T) {
	c := New(DefaultK)
	long := strings.Repeat("słowo ", 2000)
	for file := range 20 {
		f := c.NewFile(fmt.Sprintf("dumps/s%d/f.txt", file), fmt.Sprintf("s%d", file))
		h := f.Hooks()
		for i := range 5000 {
			doc := i/50 + 1
			h.Kept(2*i+1, []byte(long))
			h.Removal(cleaner.Removal{Rule: fmt.Sprintf("p%d/r", i%100), Doc: doc, Line: 2*i + 2, Action: cleaner.DropParagraph, Text: long, Bytes: len(long), Lines: 1})
			if i%50 == 49 {
				h.DocEnd(cleaner.DocStats{Doc: doc, Kept: int64(50 * len(long)), Removed: int64(50 * len(long))})
			}
		}
		c.Add(f, 0, 0)
	}
	var b bytes.Buffer
	if err := c.Write(&b, "t"); err != nil {
		t.Fatal(err)
	}
	if c.rules["p0/r"].Removals != 1000 {
		t.Fatalf("p0/r: %d removals, want 1000", c.rules["p0/r"].Removals)
	}
	// 100 rules × 20 samples × (1,000 bytes + 4 × 200 of context), escaped.
	if b.Len() > 5<<20 {
		t.Errorf("a page of %d bytes for 100,000 removals", b.Len())
	}
	t.Logf("%d bytes", b.Len())
}
