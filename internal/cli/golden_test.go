package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.golden from the current output")

// The views of a run (--explain, --report, --stats, --diff, --check) and the
// order in which rule packs and --enable/--disable apply, held to golden
// files: any change to what a user sees shows in review as a diff of
// testdata/golden. go test ./internal/cli -run TestGolden -update rewrites
// them.
func TestGolden(t *testing.T) {
	const in = "testdata/golden/in/"
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"plain", []string{in + "article.txt", in + "records.jsonl"}},
		{"explain", []string{"--explain", in + "article.txt"}},
		{"explain_jsonl", []string{"--explain", in + "records.jsonl"}},
		{"explain_encoding", []string{"--explain", in + "latin2.txt"}},
		{"report", []string{"--report", "REPORT", in + "article.txt", in + "records.jsonl"}},
		{"stats", []string{"--stats", in + "article.txt", in + "records.jsonl"}},
		{"stats_no_guard", []string{"--stats", "--no-guard", in + "article.txt", in + "records.jsonl"}},
		{"diff", []string{"--diff", in + "article.txt", in + "records.jsonl"}},
		{"check", []string{"--check", in + "article.txt", in + "records.jsonl", in + "precedence.txt"}},

		// A user's rule with a built-in rule's ID replaces it; a new one
		// adds to the packs.
		{"rules_user", []string{"--explain", "--rules", in + "user.rules", in + "precedence.txt"}},
		{"builtin", []string{"--explain", in + "precedence.txt"}},
		// Enabling wins over disabling, whichever comes first.
		{"disable_enable", []string{"--explain", "--disable", "pl/ad-marker", "--enable", "pl/ad-marker", in + "precedence.txt"}},
		{"enable_disable", []string{"--explain", "--enable", "pl/ad-marker", "--disable", "pl/ad-marker", in + "precedence.txt"}},
		{"disable_pack_enable_one", []string{"--explain", "--disable", "pl/*", "--enable", "pl/teaser", in + "precedence.txt"}},
		{"disable_user_rule", []string{"--explain", "--rules", in + "user.rules", "--disable", "user/ad", in + "precedence.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			report := filepath.Join(t.TempDir(), "report.jsonl")
			args := append([]string(nil), tc.args...)
			for i, a := range args {
				if a == "REPORT" {
					args[i] = report
				}
			}
			var out, errb bytes.Buffer
			code := Run(context.Background(), args, IO{In: strings.NewReader(""), Out: &out, Err: &errb})
			var got bytes.Buffer
			fmt.Fprintf(&got, "$ artclean %s\n-- exit --\n%d\n-- stdout --\n%s-- stderr --\n%s", strings.Join(tc.args, " "), code, out.String(), errb.String())
			if b, err := os.ReadFile(report); err == nil {
				fmt.Fprintf(&got, "-- report --\n%s", b)
			}
			file := filepath.Join("testdata", "golden", tc.name+".golden")
			if *update {
				if err := os.WriteFile(file, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (go test ./internal/cli -run TestGolden -update writes it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("output differs from %s (go test ./internal/cli -run TestGolden -update rewrites it):\n%s", file, got.String())
			}
		})
	}
}
