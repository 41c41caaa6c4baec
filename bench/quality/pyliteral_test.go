package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParsePyLiteralStrings(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{`'single'`, "single"},
		{`"double"`, "double"},
		{`'it\'s'`, "it's"},
		{`"say \"hi\""`, `say "hi"`},
		{`'"inner" double'`, `"inner" double`},
		{`"'inner' single"`, `'inner' single`},
		{`'a\\b'`, `a\b`},
		{`'tab\there\nnew'`, "tab\there\nnew"},
		{`'\x41\u0105\U0001F600'`, "Aą😀"},
		{`'\101\0'`, "A\x00"},
		{`'\d stays'`, `\d stays`},
		{`r'raw\n\d'`, `raw\n\d`},
		{`R"raw \" quote"`, `raw \" quote`},
		{`u'unicode ł'`, "unicode ł"},
		{`'Zażółć gęślą jaźń „cudzysłów” – '`, "Zażółć gęślą jaźń „cudzysłów” – "},
		{`'adjacent' "concat" 'ed'`, "adjacentconcated"},
		{"('wrapped '\n 'over lines')", "wrapped over lines"},
		{`'''triple 'quoted' "string"'''`, `triple 'quoted' "string"`},
		{"\"\"\"multi\nline\"\"\"", "multi\nline"},
		{"'continued \\\nline'", "continued line"},
		{`'# not a comment'`, "# not a comment"},
		{`''`, ""},
	}
	for _, tt := range tests {
		got, err := ParsePyLiteral(tt.src)
		if err != nil {
			t.Errorf("ParsePyLiteral(%s): %v", tt.src, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParsePyLiteral(%s) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestParsePyLiteralContainers(t *testing.T) {
	src := `{
    # a comment line
    'a': ['x', "y",],   # trailing comma, comment after
    "b": {'k': 'v', },
    'c': [],
    'd': (1, -2, 3.5, 0x10,),
    'e': (True, False, None),
    'f': ('only',),
    'g': ('paren'),
    'a': ['replaced'],  # a repeated key keeps its first position
}`
	v, err := ParsePyLiteral(src)
	if err != nil {
		t.Fatal(err)
	}
	d, ok := v.(*PyDict)
	if !ok {
		t.Fatalf("got %T, want *PyDict", v)
	}
	if want := []any{"a", "b", "c", "d", "e", "f", "g"}; !reflect.DeepEqual(d.Keys, want) {
		t.Errorf("keys = %v, want %v", d.Keys, want)
	}
	if got := d.Values["a"]; !reflect.DeepEqual(got, []any{"replaced"}) {
		t.Errorf("a = %#v", got)
	}
	b := d.Values["b"].(*PyDict)
	if b.Values["k"] != "v" || len(b.Keys) != 1 {
		t.Errorf("b = %#v", b)
	}
	if got := d.Values["c"]; !reflect.DeepEqual(got, []any{}) {
		t.Errorf("c = %#v", got)
	}
	if _, ok := d.Values["d"].(PyTuple); !ok {
		t.Errorf("d = %#v, want a tuple", d.Values["d"])
	}
	if _, ok := d.Values["f"].(PyTuple); !ok {
		t.Errorf("f = %#v, want a one-element tuple", d.Values["f"])
	}
	if d.Values["g"] != "paren" {
		t.Errorf("g = %#v, want the string (parentheses without comma)", d.Values["g"])
	}
}

func TestParsePyLiteralErrors(t *testing.T) {
	for _, src := range []string{
		`'unterminated`,
		`"newline` + "\n" + `in string"`,
		`{'a' 'b': 1, 'c'}`,
		`{'a': 1 'b': 2}`,
		`['a' ['b']]`,
		`{'a': os.path}`,
		`f'{x}'`,
		`{'a': 1}} extra`,
		`{['unhashable']: 1}`,
	} {
		if v, err := ParsePyLiteral(src); err == nil {
			t.Errorf("ParsePyLiteral(%s) = %#v, want an error", src, v)
		}
	}
}

const sampleEvalData = `"""Docstring with EVAL_PAGES = {'not': 'this'} inside."""
import os
# EVAL_PAGES = {} in a comment
EVAL_PAGES = {
    'https://example.pl/a': {
    'file': 'a page.html',
    'with': ['Pierwsze zdanie', "it's \"quoted\"", 'ends with space ' ],
    'without': ['Reklama', 'Czytaj też'],
},
'https://example.pl/empty': {
    'file': '',
    'with': ['x'],
    'without': ['y'],
},
'https://example.pl/missing': {
    'file': 'missing.html',
    'with': ['x'],
    'without': ['y'],
    'comments': [''],
},
# '': {
#     'file': '.html',
#     'with': [''],
#     'without': [''],
# },
}
`

func TestParseEvalPages(t *testing.T) {
	pages, err := ParseEvalPages(sampleEvalData)
	if err != nil {
		t.Fatal(err)
	}
	want := []Page{
		{URL: "https://example.pl/a", File: "a page.html", With: []string{"Pierwsze zdanie", `it's "quoted"`, "ends with space "}, Without: []string{"Reklama", "Czytaj też"}},
		{URL: "https://example.pl/empty", File: "", With: []string{"x"}, Without: []string{"y"}},
		{URL: "https://example.pl/missing", File: "missing.html", With: []string{"x"}, Without: []string{"y"}},
	}
	if !reflect.DeepEqual(pages, want) {
		t.Errorf("got  %#v\nwant %#v", pages, want)
	}

	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "eval"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "eval", "a page.html"), []byte("<p>x"), 0o644); err != nil {
		t.Fatal(err)
	}
	run, skipped := selectPages(dir, pages)
	if len(run) != 1 || run[0].File != "a page.html" {
		t.Errorf("run = %v", run)
	}
	if len(skipped) != 2 || skipped[0].Reason != "empty 'file'" || skipped[1].Reason != "file not in cache/ or eval/" {
		t.Errorf("skipped = %v", skipped)
	}
}

func TestParseEvalPagesErrors(t *testing.T) {
	for _, src := range []string{
		"OTHER = {}",
		"EVAL_PAGES = []",
		"EVAL_PAGES = {'u': {'with': [], 'without': []}}",
		"EVAL_PAGES = {'u': {'file': 'f', 'without': []}}",
		"EVAL_PAGES = {'u': {'file': 'f', 'with': 'str', 'without': []}}",
		"EVAL_PAGES = {'u': {'file': 'f', 'with': [1], 'without': []}}",
	} {
		if _, err := ParseEvalPages(src); err == nil {
			t.Errorf("ParseEvalPages(%s): want an error", strings.TrimSpace(src))
		}
	}
}
