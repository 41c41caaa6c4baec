package main

import (
	"slices"
	"testing"
)

func TestListFlag(t *testing.T) {
	var vals []string
	comma := listFlag{&vals, true}
	for _, s := range []string{"pl,en", " de ", "a.rules,,b.rules"} {
		comma.Set(s)
	}
	if want := []string{"pl", "en", "de", "a.rules", "b.rules"}; !slices.Equal(vals, want) {
		t.Errorf("comma list: %q, want %q", vals, want)
	}
	var fields []string
	plain := listFlag{&fields, false}
	plain.Set("a,b")
	plain.Set("c")
	if want := []string{"a,b", "c"}; !slices.Equal(fields, want) {
		t.Errorf("repeatable: %q, want %q", fields, want)
	}
	if (listFlag{}).String() != "" {
		t.Error("zero listFlag has a value")
	}
}

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{`\f`: "\f", `---`: "---", `"\t"`: "\"\t\""} {
		if got, err := unescape(in); err != nil || got != want {
			t.Errorf("unescape(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := unescape(`\q`); err == nil {
		t.Error(`unescape(\q): no error`)
	}
}
