package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestSplitArgs(t *testing.T) {
	tests := map[string][]string{
		"":                                   nil,
		"--disable teaser":                   {"--disable", "teaser"},
		"  --disable   'pl/*,nfc'  --stats ": {"--disable", "pl/*,nfc", "--stats"},
		`--separator "a b" x\ y`:             {"--separator", "a b", "x y"},
		`--rules ''`:                         {"--rules", ""},
		`"say \"hi\""`:                       {`say "hi"`},
	}
	for in, want := range tests {
		got, err := splitArgs(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("splitArgs(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{`'open`, `"open`, `trailing\`} {
		if _, err := splitArgs(bad); err == nil {
			t.Errorf("splitArgs(%q): want an error", bad)
		}
	}
}

func TestReadReport(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	report := filepath.Join(dir, "r.jsonl")
	data := `{"file":"` + in + `/news-001.txt","doc":1,"line":3,"rule":"pl/ad-marker","action":"drop-line","text":"Reklama"}
{"file":"` + in + `/news-001.txt","doc":1,"line":5,"rule":"pl/teaser","action":"drop-paragraph","text":"CZYTAJ TAKŻE:\nInny tekst"}

{"file":"` + in + `/forums-002.txt","doc":1,"line":1,"rule":"intl/leading-date","action":"strip","text":"date 2022-04 "}
`
	if err := os.WriteFile(report, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readReport(report, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(got["news-001.txt"]) != 2 || len(got["forums-002.txt"]) != 1 || len(got) != 2 {
		t.Fatalf("got %+v", got)
	}
	if r := got["news-001.txt"][1]; r.Rule != "pl/teaser" || r.Line != 5 || r.Text != "CZYTAJ TAKŻE:\nInny tekst" {
		t.Errorf("record = %+v", r)
	}
	if err := os.WriteFile(report, []byte("{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readReport(report, in); err == nil {
		t.Error("want an error for a bad record")
	}
}

func TestMatchRules(t *testing.T) {
	rms := []Removal{
		{Rule: "pl/teaser", Text: "Czytaj też: Sejm zagłosował za ustawą"},
		{Rule: "intl/leading-date", Text: "date 2022-04 "},
		{Rule: "pl/date-line", Text: "12 maja 2021"},
		{Rule: "pl/teaser", Text: "ZOBACZ TAKŻE"},
	}
	tests := []struct {
		snippet string
		want    []string
	}{
		{"Sejm zagłosował", []string{"pl/teaser"}},                  // inside a removed line
		{"x date 2022-04 Prezydent", []string{"intl/leading-date"}}, // a stripped token inside the snippet
		{"wyrok z 12 maja", []string{"pl/date-line"}},               // overlaps the start of a removal
		{"nic wspólnego", []string{"(no removal: character filter or line normalisation)"}},
	}
	for _, tt := range tests {
		if got := matchRules(tt.snippet, rms); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("matchRules(%q) = %q, want %q", tt.snippet, got, tt.want)
		}
	}
	if n := endOverlap("abcdef", "defgh"); n != 3 {
		t.Errorf("endOverlap = %d, want 3", n)
	}
	if n := endOverlap("żółć", "łćxyz"); n != 2 {
		t.Errorf("endOverlap in runes = %d, want 2", n)
	}
}
