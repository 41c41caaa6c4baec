package learn

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/jsonl"
	"github.com/artclean/artclean/internal/ruletest"
)

var (
	subjects = []string{"Burmistrz", "Radny", "Mieszkaniec", "Dyrektor szkoły", "Policjant", "Lekarz", "Sołtys", "Nauczycielka", "Strażak", "Przedsiębiorca"}
	verbs    = []string{"powiedział", "zapowiedział", "ogłosił", "przypomniał", "zauważył", "stwierdził", "podkreślił", "dodał"}
	objects  = []string{"że remont drogi potrwa do jesieni", "że budżet gminy wzrośnie", "iż szkoła dostanie nowe boisko", "że w parku staną ławki",
		"że most zostanie zamknięty", "iż festyn odbędzie się w sobotę", "że ceny biletów nie zmienią się", "że przetarg ogłoszono w marcu"}
	tails = []string{"w rozmowie z dziennikarzami", "podczas sesji rady", "na konferencji prasowej", "w środę rano", "w liście do mieszkańców", ""}
)

func sentence(r *rand.Rand) string {
	s := fmt.Sprintf("%s %s %s", subjects[r.IntN(len(subjects))], verbs[r.IntN(len(verbs))], objects[r.IntN(len(objects))])
	if t := tails[r.IntN(len(tails))]; t != "" {
		s += " " + t
	}
	return s + fmt.Sprintf(", a koszt wyniesie %d zł.", 1000+r.IntN(90000))
}

// planted boilerplate; %d is filled per document.
var planted = []string{
	"Obserwuj nas na Facebooku i Twitterze",
	"Copyright Gazeta Lokalna %d",
	"Zobacz galerię (%d zdjęć)",
	"*** Redakcja poleca: Gazeta Lokalna ***",
}

// builtin boilerplate the built-in rules already remove: never proposed.
var builtinLines = []string{"Reklama", "--- Udostępnij artykuł ---"}

func plant(p string, n int) string {
	if strings.Contains(p, "%d") {
		return fmt.Sprintf(p, n)
	}
	return p
}

func corpus(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	docs := make([]string, n)
	for i := range docs {
		var b strings.Builder
		b.WriteString(sentence(r) + "\n")
		if r.IntN(10) < 8 {
			fmt.Fprintf(&b, planted[2]+"\n", 2+r.IntN(40))
		}
		for range 3 + r.IntN(5) {
			b.WriteString(sentence(r) + "\n")
		}
		if r.IntN(10) < 9 {
			b.WriteString(planted[0] + "\n")
		}
		if r.IntN(10) < 7 {
			b.WriteString(planted[3] + "\n")
		}
		if i%3 == 0 {
			b.WriteString("OBSERWUJ NAS NA FACEBOOKU I TWITTERZE!\n")
		}
		fmt.Fprintf(&b, planted[1]+"\n", 2019+r.IntN(4))
		for _, l := range builtinLines {
			b.WriteString(l + "\n")
		}
		docs[i] = b.String()
	}
	return docs
}

func learnDocs(t *testing.T, docs []string, opts Options) string {
	t.Helper()
	base, err := cleaner.New(cleaner.WithoutGuard())
	if err != nil {
		t.Fatal(err)
	}
	opts.Removed = func(s string) bool { return base.CleanString(s) == "" }
	l := New(opts)
	for _, d := range docs {
		if err := l.Count("", strings.NewReader(d)); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range docs {
		if err := l.Collect("", strings.NewReader(d)); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if _, err := l.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestLearnCorpus(t *testing.T) {
	docs := corpus(200, 7)
	file := learnDocs(t, docs, Options{})
	t.Log(file)
	rules, err := cleaner.ParseRules("learned.rules", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		for _, e := range ruletest.Examples(r) {
			t.Errorf("rule %s: %v", r.ID, e)
		}
		if r.Pack != "learned" {
			t.Errorf("rule %s: pack %q", r.ID, r.Pack)
		}
	}
	if len(rules) != len(planted) {
		t.Errorf("got %d rules, want %d (one per planted line)", len(rules), len(planted))
	}
	for _, p := range planted {
		want := Normalize(plant(p, 7))
		found := false
		for _, r := range rules {
			for _, e := range r.Remove {
				if Normalize(e.Input) == want {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("planted line %q not learned", p)
		}
	}
	if strings.Contains(file, "koszt wyniesie") || strings.Contains(file, "Reklama") || strings.Contains(file, "Udostępnij") {
		t.Errorf("an ordinary sentence or a built-in marker was proposed")
	}
	c, err := cleaner.New(cleaner.WithRules(rules...))
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		got := c.CleanString(d)
		for _, line := range strings.Split(got, "\n") {
			n := Normalize(line)
			for _, p := range planted {
				if n == Normalize(plant(p, 7)) {
					t.Fatalf("doc %d: planted line %q left:\n%s", i, line, got)
				}
			}
		}
		if !strings.Contains(got, "koszt wyniesie") {
			t.Fatalf("doc %d lost its text:\n%s", i, got)
		}
	}
}

func TestLearnThresholds(t *testing.T) {
	docs := corpus(200, 3)
	// A sentence in 10% of the documents is below the sentence share.
	long := "To jest zwykłe długie zdanie które powtarza się w wielu artykułach tego samego portalu od lat."
	for i := 0; i < 20; i++ {
		docs[i] += long + "\n"
	}
	file := learnDocs(t, docs, Options{})
	if strings.Contains(file, "zwykłe długie zdanie") {
		t.Errorf("sentence-like line under 20%% proposed")
	}
	file = learnDocs(t, docs, Options{SentenceShare: 0.05})
	if !strings.Contains(file, "phrase To jest zwykłe długie zdanie") {
		t.Errorf("sentence-like line over --sentence-share not proposed:\n%s", file)
	}
	// --min-docs above every count proposes nothing.
	file = learnDocs(t, docs, Options{MinDocs: 1000})
	if strings.Contains(file, "\nrule ") {
		t.Errorf("rules proposed over --min-docs:\n%s", file)
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"  Zobacz galerię (12 zdjęć)  ": "zobacz galerię 0 zdjęć",
		"--- Udostępnij   artykuł! ---": "udostępnij artykuł",
		"Copyright © 2022":              "copyright 0",
		"a1b22":                         "a0b0",
		"...":                           "",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrune(t *testing.T) {
	l := New(Options{MaxKeys: 10, MinDocs: 2})
	for i := range 50 {
		l.Count("", strings.NewReader(fmt.Sprintf("unique line %c%c\nshared footer\n", 'a'+i%26, 'a'+i/26)))
	}
	if n := len(l.groups[""].counts); n > 11 {
		t.Errorf("pass one holds %d keys, want at most MaxKeys+1", n)
	}
	for i := range 50 {
		l.Collect("", strings.NewReader(fmt.Sprintf("unique line %c%c\nshared footer\n", 'a'+i%26, 'a'+i/26)))
	}
	c := l.Candidates()
	if len(c) != 1 || c[0].Forms[0] != "shared footer" || c[0].Docs != 50 {
		t.Errorf("candidates %+v", c)
	}
}

func TestRecordsGroups(t *testing.T) {
	in := `{"url":"https://www.a.pl/x/1","text":"one\nfoot"}
not json
{"url":"http://b.pl/2","article":{"body":"two"},"text":"t"}
{"text":5}
`
	type rec struct{ g, t string }
	var got []rec
	var bad []int
	err := Records(strings.NewReader(in), "text", "url", 1<<20, func(l int, err error) { bad = append(bad, l) }, func(g, text string) error {
		got = append(got, rec{g, text})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []rec{{"a.pl", "one\nfoot"}, {"b.pl", "t"}}
	if fmt.Sprint(got) != fmt.Sprint(want) || fmt.Sprint(bad) != "[2]" {
		t.Errorf("got %v bad %v", got, bad)
	}
	p, _ := jsonl.Path("article.body")
	got = nil
	Records(strings.NewReader(in), p, "", 1<<20, nil, func(g, text string) error { got = append(got, rec{g, text}); return nil })
	if fmt.Sprint(got) != fmt.Sprint([]rec{{"", "two"}}) {
		t.Errorf("dotted field: %v", got)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"a.pl": "a-pl", "Gazeta Łódź": "gazeta-d", "": "other", "...": "other"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// A group that a scope line cannot name (records without the field) is
// left out: its pack, unscoped, would run on every document.
func TestWriteScopes(t *testing.T) {
	l := New(Options{MinDocs: 2, GroupBy: "domain"})
	docs := map[string]string{"a.pl": "Stopka A\n", "": "Stopka bez domeny\n", " b.pl": "Stopka B\n"}
	for pass := 1; pass <= 2; pass++ {
		for _, g := range []string{"a.pl", "", " b.pl"} {
			for i := range 3 {
				doc := strings.NewReader([]string{"Pierwszy tekst.\n", "Drugi tekst.\n", "Trzeci tekst.\n"}[i] + docs[g])
				var err error
				if pass == 1 {
					err = l.Count(g, doc)
				} else {
					err = l.Collect(g, doc)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var out bytes.Buffer
	if _, err := l.Write(&out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	rules, err := cleaner.ParseRules("learned.rules", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 1 || rules[0].Scope != (cleaner.Scope{Key: "domain", Value: "a.pl"}) || rules[0].Phrases[0] != "Stopka A" {
		t.Fatalf("want only a.pl's rule, scoped:\n%s", text)
	}
}
