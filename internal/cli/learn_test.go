package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/ruletest"
)

func learnSentence(r *rand.Rand) string {
	who := []string{"Burmistrz", "Radny", "Lekarz", "Sołtys", "Strażak", "Nauczycielka"}
	what := []string{"zapowiedział remont drogi", "ogłosił przetarg na most", "mówił o nowym boisku", "przypomniał o festynie"}
	where := []string{"w Opolu", "w Nysie", "w Brzegu", "w Kluczborku", "w Oleśnie", "w Namysłowie", "w Prudniku", "w Krapkowicach"}
	return fmt.Sprintf("%s %s %s, który będzie kosztował %d zł, jak poinformował w piątek rzecznik urzędu.", who[r.IntN(len(who))], what[r.IntN(len(what))], where[r.IntN(len(where))], 1000+r.IntN(90000))
}

// learnDoc is an article with the boilerplate of site s (0 or 1).
func learnDoc(r *rand.Rand, s int) string {
	var b strings.Builder
	for range 3 + r.IntN(4) {
		b.WriteString(learnSentence(r) + "\n")
	}
	if s == 0 {
		fmt.Fprintf(&b, "Zobacz galerię (%d zdjęć)\nObserwuj nas na Facebooku i Twitterze\n", 2+r.IntN(30))
	} else {
		b.WriteString("Copyright Kurier Miejski\n")
	}
	return b.String()
}

func runLearnCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := newLearnCmd(IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	cmd.SilenceErrors = true
	cmd.SilenceUsage = true
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), errb.String(), err
}

func checkRuleFile(t *testing.T, text string) []*cleaner.Rule {
	t.Helper()
	rules, err := cleaner.ParseRules("learned.rules", strings.NewReader(text))
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	for _, r := range rules {
		for _, e := range ruletest.Examples(r) {
			t.Errorf("%v", e)
		}
	}
	return rules
}

func TestLearnTextFiles(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	var args []string
	for i := range 40 {
		p := filepath.Join(dir, fmt.Sprintf("a%02d.txt", i))
		os.WriteFile(p, []byte(learnDoc(r, 0)), 0o644)
		args = append(args, p)
	}
	out, stderr, err := runLearnCmd(t, append([]string{"--pack", "site"}, args...)...)
	if err != nil {
		t.Fatal(err, stderr)
	}
	rules := checkRuleFile(t, out)
	if len(rules) != 2 || rules[0].Pack != "site" {
		t.Fatalf("want 2 rules of pack site:\n%s", out)
	}
	if strings.Contains(out, "kosztował") {
		t.Errorf("sentence proposed:\n%s", out)
	}
	// A directory needs -r; the error names it, exit code 2.
	_, stderr, err = runLearnCmd(t, dir)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != ExitTrouble || !strings.Contains(stderr, "use -r") {
		t.Errorf("directory without -r: %v %q", err, stderr)
	}
	// No arguments: a usage error.
	if _, _, err := runLearnCmd(t); !errors.As(err, new(usageError)) {
		t.Errorf("no args: %v", err)
	}
}

func TestLearnRecursiveGroupByDir(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(3, 4))
	for s, site := range []string{"gazeta", "kurier"} {
		os.MkdirAll(filepath.Join(dir, site, "2022"), 0o755)
		for i := range 30 {
			os.WriteFile(filepath.Join(dir, site, "2022", fmt.Sprintf("%d.txt", i)), []byte(learnDoc(r, s)), 0o644)
		}
	}
	os.WriteFile(filepath.Join(dir, "skip.html"), []byte("Copyright Kurier Miejski\n"), 0o644)
	outFile := filepath.Join(t.TempDir(), "learned.rules")

	// Without grouping: one pack.
	out, stderr, err := runLearnCmd(t, "-r", dir)
	if err != nil {
		t.Fatal(err, stderr)
	}
	if rules := checkRuleFile(t, out); len(rules) != 3 {
		t.Errorf("want 3 rules:\n%s", out)
	}

	_, stderr, err = runLearnCmd(t, "-r", "--group-by", "dir", "-o", outFile, dir)
	if err != nil {
		t.Fatal(err, stderr)
	}
	data, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	rules := checkRuleFile(t, text)
	packs := map[string]int{}
	for _, r := range rules {
		packs[r.Pack]++
	}
	if packs["learned-gazeta"] != 2 || packs["learned-kurier"] != 1 || len(packs) != 2 {
		t.Errorf("packs %v:\n%s", packs, text)
	}
	for _, r := range rules {
		if want := strings.TrimPrefix(r.Pack, "learned-"); r.Scope != (cleaner.Scope{Key: "dir", Value: want}) {
			t.Errorf("rule %s: scope %v, want dir=%s", r.ID, r.Scope, want)
		}
	}

	// Applied, a group's rules clean only that group's files: kurier's own
	// article quoting gazeta's footer line keeps it.
	quote := filepath.Join(dir, "kurier", "quote.txt")
	os.WriteFile(quote, []byte("Artykuł o mediach społecznościowych.\nObserwuj nas na Facebooku i Twitterze\nCopyright Kurier Miejski\n"), 0o644)
	outDir := t.TempDir()
	if code, stderr := runInProcess(t, "-r", "--rules", outFile, "-o", outDir, dir); code != 0 {
		t.Fatalf("clean exit %d: %s", code, stderr)
	}
	for _, site := range []string{"gazeta", "kurier"} {
		for i := range 30 {
			got, err := os.ReadFile(filepath.Join(outDir, site, "2022", fmt.Sprintf("%d.txt", i)))
			if err != nil {
				t.Fatal(err)
			}
			for _, planted := range []string{"Zobacz galerię", "Obserwuj nas", "Copyright Kurier"} {
				if strings.Contains(string(got), planted) {
					t.Errorf("%s/%d.txt keeps %q:\n%s", site, i, planted, got)
				}
			}
		}
	}
	got, _ := os.ReadFile(filepath.Join(outDir, "kurier", "quote.txt"))
	if want := "Artykuł o mediach społecznościowych.\nObserwuj nas na Facebooku i Twitterze\n"; string(got) != want {
		t.Errorf("kurier/quote.txt: got %q, want %q", got, want)
	}
	// 'artclean rules test' accepts the file.
	var rout, rerr bytes.Buffer
	rc := newRulesCmd(IO{Out: &rout, Err: &rerr})
	rc.SetArgs([]string{"test", outFile})
	if err := rc.Execute(); err != nil || !strings.Contains(rout.String(), "all examples pass") {
		t.Errorf("rules test: %v %s %s", err, rout.String(), rerr.String())
	}
}

func TestLearnJSONLGroupByField(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(5, 6))
	var b bytes.Buffer
	for i := range 120 {
		s := i % 2
		host := []string{"https://www.gazeta.pl/a/", "http://kurier.pl/b/"}[s]
		rec := map[string]any{
			"url":     fmt.Sprintf("%s%d", host, i),
			"domain":  []string{"gazeta.pl", "kurier.pl"}[s],
			"article": map[string]string{"body": learnDoc(r, s)},
			"text":    "Ten sam tekst w każdym rekordzie",
		}
		json.NewEncoder(&b).Encode(rec)
	}
	b.WriteString("not json\n")
	p := filepath.Join(dir, "dump.jsonl")
	os.WriteFile(p, b.Bytes(), 0o644)

	for _, groupBy := range []string{"domain", "url"} {
		// The bad line is named, the rules are still written, and the run
		// exits 2.
		out, stderr, err := runLearnCmd(t, "--field", "article.body", "--group-by", groupBy, p)
		if ee, ok := err.(exitError); !ok || ee.code != ExitTrouble {
			t.Errorf("err %v, want exit %d for the bad line", err, ExitTrouble)
		}
		if !strings.Contains(stderr, "dump.jsonl:121: invalid JSON") || strings.Count(stderr, "invalid JSON") != 1 {
			t.Errorf("bad line report %q", stderr)
		}
		rules := checkRuleFile(t, out)
		packs := map[string]int{}
		for _, r := range rules {
			packs[r.Pack]++
		}
		if packs["learned-gazeta-pl"] != 2 || packs["learned-kurier-pl"] != 1 || len(packs) != 2 {
			t.Errorf("group-by %s: packs %v:\n%s", groupBy, packs, out)
		}
		for _, r := range rules {
			want := cleaner.Scope{Key: groupBy, Value: map[string]string{"learned-gazeta-pl": "gazeta.pl", "learned-kurier-pl": "kurier.pl"}[r.Pack]}
			if r.Scope != want {
				t.Errorf("group-by %s: rule %s has scope %v, want %v", groupBy, r.ID, r.Scope, want)
			}
		}
		if strings.Contains(out, "Ten sam tekst") {
			t.Errorf("read the wrong field:\n%s", out)
		}
	}
	// --jsonl forces JSON Lines on another name; the default field is text.
	q := filepath.Join(dir, "dump.txt")
	os.Rename(p, q)
	out, _, _ := runLearnCmd(t, "--jsonl", q)
	if !strings.Contains(out, "phrase Ten sam tekst w każdym rekordzie") {
		t.Errorf("--jsonl with field text:\n%s", out)
	}
}
