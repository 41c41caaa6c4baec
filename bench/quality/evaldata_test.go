package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sampleEvalJSON is the shape of trafilatura's tests/evaldata.json.
const sampleEvalJSON = `{
    "https://example.de/b": {
        "file": "example.de.b.html",
        "with": ["Die GEMA dreht v\u00f6llig am Zeiger!", "http://www.openpetition.de"],
        "without": ["31. Mai", "Impressum"]
    },
    "https://example.com/a": {
        "without": ["Twitter"],
        "with": ["Auch hier gilt"],
        "file": "kulinariaathome.com.mandelpl\u00e4tzchen.html",
        "note": "unknown keys are ignored"
    }
}
`

func TestParseEvalJSON(t *testing.T) {
	pages, err := ParseEvalJSON([]byte(sampleEvalJSON))
	if err != nil {
		t.Fatal(err)
	}
	// File order, not sorted; JSON escapes decoded.
	want := []Page{
		{URL: "https://example.de/b", File: "example.de.b.html", With: []string{"Die GEMA dreht völlig am Zeiger!", "http://www.openpetition.de"}, Without: []string{"31. Mai", "Impressum"}},
		{URL: "https://example.com/a", File: "kulinariaathome.com.mandelplätzchen.html", With: []string{"Auch hier gilt"}, Without: []string{"Twitter"}},
	}
	if !reflect.DeepEqual(pages, want) {
		t.Errorf("got  %#v\nwant %#v", pages, want)
	}

	for _, src := range []string{
		``,
		`[]`,
		`{"u": {"with": [], "without": []}}`,
		`{"u": {"file": "f", "without": []}}`,
		`{"u": {"file": "f", "with": []}}`,
		`{"u": {"file": "f", "with": "str", "without": []}}`,
		`{"u": {"file": "f", "with": [1], "without": []}}`,
		`{"u": {"file": "f", "with": [], "without": []}} {}`,
		`{"u": {"file": "f", "with": [], "without": []}`,
	} {
		if _, err := ParseEvalJSON([]byte(src)); err == nil {
			t.Errorf("ParseEvalJSON(%s): want an error", src)
		}
	}
}

func TestNormSpace(t *testing.T) {
	checkCases(t, "normSpace", normSpace, map[string]string{
		"  a \t b\n\nc  ":    "a b c",
		"x\u00a0y\u2009z":    "x y z",
		"p\u001cq":           "p q",
		"no\u200bspace":      "no\u200bspace",
		"":                   "",
		" \n ":               "",
		"Block one\nBlock 2": "Block one Block 2",
	})
}

// TestRunTrafEval runs a trafilatura-shaped tests folder: a snippet split
// over two blocks matches once whitespace is normalised, pages get a
// language, and the naive dump is cleaned with -page-args.
func TestRunTrafEval(t *testing.T) {
	bin := artcleanBin(t)
	dir := filepath.Join(t.TempDir(), "tests")
	for _, d := range []string{"cache", "eval"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var page strings.Builder
	page.WriteString(`<html><head><meta charset="utf-8"><title>Feuerwehr</title></head><body><nav>Startseite</nav><article><h1>Die Feuerwehr übt</h1><p>Am Samstag übte die Freiwillige Feuerwehr</p><p>den Ernstfall am Rathaus.</p>`)
	for i := 0; i < 5; i++ {
		page.WriteString(`<p>Mehr als vierzig Einsatzkräfte probten die Rettung von Menschen aus dem brennenden Dachgeschoss und die Versorgung der Verletzten.</p>`)
	}
	page.WriteString(`</article><footer>Impressum</footer></body></html>`)
	files := map[string]string{
		"evaldata.json": `{"https://feuerwehr.example.de/uebung": {"file": "feuerwehr.html",
			"with": ["Freiwillige Feuerwehr den Ernstfall", "Einsatzkräfte probten"], "without": ["Impressum", "Startseite"]},
			"https://example.de/missing": {"file": "missing.html", "with": ["x"], "without": ["y"]}}`,
		"cache/feuerwehr.html": page.String(),
	}
	for name, s := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Run(Config{DataDir: dir, TrafEval: true, Artclean: bin, Traf: TrafOptions{Fallback: true}, PageSets: []string{TrafEvalSet}, PageArgs: []string{"--input", "page"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sets) != 1 || res.Sets[0].Name != TrafEvalSet || len(res.Sets[0].Pages) != 1 || len(res.Sets[0].Skipped) != 1 {
		t.Fatalf("sets = %+v", res.Sets)
	}
	p := res.Sets[0].Pages[0]
	if p.Lang != "de" {
		t.Errorf("lang = %q", p.Lang)
	}
	nv := p.Kind(KindNaive)
	if want := (Counts{TP: 2, FP: 2}); nv.CountsBefore != want {
		t.Errorf("naive before = %+v, want %+v\n%s", nv.CountsBefore, want, nv.Before)
	}
	var out bytes.Buffer
	PrintReport(&out, res, false)
	for _, want := range []string{"independent check, not used for tuning", "By detected language", "trafeval: 2 entries, 1 run, 1 skipped"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
