package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// artcleanBin builds the repository's artclean once per test run.
func artcleanBin(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the artclean CLI; skipped with -short")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "quality-test-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin, buildErr = buildArtclean("../..", dir)
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

const fakeNews = `EVAL_PAGES = {
'https://example.pl/sejm': {
    'file': 'Sejm przyjął ustawę.html',
    'with': ['Posłowie zagłosowali', 'Inny artykuł o podatkach'],
    'without': ['Reklama', 'Opublikowano:', 'Polityka prywatności'],
},
'https://example.pl/empty': {
    'file': '',
    'with': ['x'],
    'without': ['y'],
},
}
`

const fakeForums = `EVAL_PAGES = {
'https://forum.example.pl/missing': {
    'file': 'not downloaded.html',
    'with': ['x'],
    'without': ['y'],
},
'https://forum.example.pl/t1': {
    'file': 'Wątek.html',
    'with': ['Mam pytanie o świetlówki'],
    'without': ['Dołączył:'],
},
}
`

func writeFakeData(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "tests — comparison")
	if err := os.MkdirAll(filepath.Join(dir, "eval"), 0o755); err != nil {
		t.Fatal(err)
	}
	var article strings.Builder
	article.WriteString(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2"><title>Sejm</title></head><body><nav>Strona główna</nav><article><h1>Sejm przyjął ustawę</h1>`)
	for i := 0; i < 5; i++ {
		article.WriteString(`<p>Posłowie zagłosowali w piątek nad projektem, który zmienia zasady rozliczania podatków przez małe firmy i samorządy w całym kraju.</p>`)
	}
	article.WriteString(`<p>Reklama</p><p>Czytaj więcej: Inny artykuł o podatkach</p><p>Opublikowano: 12.04.2022 14:35</p></article><footer>Polityka prywatności</footer></body></html>`)
	iso, err := charmap.ISO8859_2.NewEncoder().Bytes([]byte(article.String()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"evaldata_news.py":              []byte(fakeNews),
		"evaldata_forums.py":            []byte(fakeForums),
		"eval/Sejm przyjął ustawę.html": iso,
		"eval/Wątek.html":               []byte(`<html><body><div class="post"><span>Dołączył: 2020</span><p>Mam pytanie o świetlówki LED, które przepalają się co miesiąc po przesznurowaniu lampy.</p></div></body></html>`),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRunFakeData(t *testing.T) {
	bin := artcleanBin(t)
	data := writeFakeData(t)
	res, err := Run(Config{DataDir: data, Artclean: bin, Traf: TrafOptions{Fallback: true}, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sets) != 2 || len(res.Sets[0].Pages) != 1 || len(res.Sets[1].Pages) != 1 {
		t.Fatalf("sets = %+v", res.Sets)
	}
	if s := res.Sets[0].Skipped; len(s) != 1 || s[0].Reason != "empty 'file'" {
		t.Errorf("news skipped = %+v", s)
	}
	if s := res.Sets[1].Skipped; len(s) != 1 || s[0].Reason != "file not in cache/ or eval/" {
		t.Errorf("forums skipped = %+v", s)
	}
	news := res.Sets[0].Pages[0]
	if news.Encoding != "iso-8859-2" || news.EncFrom != "meta" {
		t.Errorf("encoding = %s (%s)", news.Encoding, news.EncFrom)
	}
	nv := news.Kind(KindNaive)
	if !strings.Contains(nv.Before, "Posłowie zagłosowali") {
		t.Fatalf("naive text not decoded:\n%s", nv.Before)
	}
	if want := (Counts{TP: 2, FP: 3}); nv.CountsBefore != want {
		t.Errorf("naive before = %+v, want %+v", nv.CountsBefore, want)
	}
	// artclean drops the ad marker, the teaser (with a 'with' snippet in it)
	// and the date line; the footer stays.
	if want := (Counts{TP: 1, FN: 1, FP: 1, TN: 2}); nv.CountsAfter != want {
		t.Errorf("naive after = %+v, want %+v\nafter:\n%s\nremovals: %+v", nv.CountsAfter, want, nv.After, nv.Removals)
	}
	if got := nv.With[1]; !got.Before || got.After || !reflect.DeepEqual(got.Rules, []string{"pl/teaser"}) {
		t.Errorf("lost snippet = %+v", got)
	}
	for _, k := range []string{KindTrafLines, KindTrafOneLine} {
		kr := news.Kind(k)
		if !kr.OK || !strings.Contains(kr.Before, "Posłowie zagłosowali") {
			t.Errorf("%s: ok=%v err=%s text=%q", k, kr.OK, kr.Err, kr.Before)
		}
	}
	if one := news.Kind(KindTrafOneLine).Before; strings.Count(one, "\n") != 1 {
		t.Errorf("traf-oneline has more than one line: %q", one)
	}

	var out bytes.Buffer
	PrintReport(&out, res, true)
	for _, want := range []string{"news: 2 entries, 1 run, 1 skipped", "F1 after", "naive", `"Inny artykuł o podatkach"  rules: pl/teaser`, "'without' snippets still present"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}

	dir := t.TempDir()
	if err := WriteJSON(filepath.Join(dir, "r.json"), res); err != nil {
		t.Fatal(err)
	}
	var decoded map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, "r.json"))
	if err := json.Unmarshal(b, &decoded); err != nil || decoded["sets"] == nil || decoded["table"] == nil {
		t.Errorf("json: %v %v", err, decoded)
	}
	if err := WriteDump(filepath.Join(dir, "dump"), res); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(filepath.Join(dir, "dump", "news", "Sejm przyjął ustawę", "naive.after.txt"))
	if err != nil || string(after) != nv.After {
		t.Errorf("dump: %v %q", err, after)
	}

	// Extra artclean flags are passed through: without the teaser rule the
	// snippet stays.
	res2, err := Run(Config{DataDir: data, Artclean: bin, ExtraArgs: []string{"--disable", "teaser"}, Traf: TrafOptions{Fallback: true}})
	if err != nil {
		t.Fatal(err)
	}
	if got := res2.Sets[0].Pages[0].Kind(KindNaive).With[1]; !got.After {
		t.Errorf("with --disable teaser the snippet should stay: %+v", got)
	}
}

// TestPLBench runs the whole benchmark when PLBENCH_DIR names the
// "tests — comparison" folder of Text_extraction_comparison_PL.
func TestPLBench(t *testing.T) {
	data := os.Getenv("PLBENCH_DIR")
	if data == "" {
		t.Skip(`set PLBENCH_DIR to the "tests — comparison" folder of github.com/tsolewski/Text_extraction_comparison_PL`)
	}
	bin := artcleanBin(t)
	res, err := Run(Config{DataDir: data, Artclean: bin, Traf: TrafOptions{Fallback: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sets) != len(Sets) {
		t.Fatalf("ran %d sets, want %d", len(res.Sets), len(Sets))
	}
	for i, s := range res.Sets {
		pages, err := LoadEvalPages(filepath.Join(data, Sets[i].File))
		if err != nil {
			t.Fatal(err)
		}
		withFiles := 0
		for _, pg := range pages {
			if pg.File == "" {
				continue
			}
			if _, err := os.Stat(pagePath(data, pg.File)); err == nil {
				withFiles++
			}
		}
		if withFiles == 0 || len(s.Pages) != withFiles || len(s.Pages)+len(s.Skipped) != len(pages) {
			t.Errorf("%s: ran %d pages, skipped %d; the data has %d entries, %d with a file", s.Name, len(s.Pages), len(s.Skipped), len(pages), withFiles)
		}
		extracted := 0
		for _, p := range s.Pages {
			if len(p.Kinds) != len(Kinds) {
				t.Errorf("%s: %d kinds", p.File, len(p.Kinds))
				continue
			}
			if p.Kind(KindTrafLines).OK {
				extracted++
			}
			nv := p.Kind(KindNaive)
			if !nv.OK || nv.Before == "" {
				t.Errorf("%s: empty naive text", p.File)
			}
			// Decoding: Polish letters, and no U+FFFD beyond undecodable input bytes.
			if !strings.ContainsAny(nv.Before, "ąęłńśźżĄĘŁŃŚŹŻ") {
				t.Errorf("%s (%s): no Polish letters in the naive text", p.File, p.Encoding)
			}
			if n := strings.Count(nv.Before, "\uFFFD"); n > p.Invalid {
				t.Errorf("%s (%s): %d U+FFFD in the text, %d undecodable bytes", p.File, p.Encoding, n, p.Invalid)
			}
		}
		if extracted < len(s.Pages)/2 {
			t.Errorf("%s: go-trafilatura extracted only %d of %d pages", s.Name, extracted, len(s.Pages))
		}
	}
	var out bytes.Buffer
	PrintReport(&out, res, false)
	t.Log("\n" + out.String())
}
