package learn

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/ruletest"
)

// The boilerplate a flattened page carries inside its one line.
const (
	prompt = "Byłeś świadkiem ważnego zdarzenia? Wyślij nam zdjęcie lub film na adres alarm@gazeta.pl."
	teaser = "ZOBACZ: Pożar hali magazynowej w Nowym Mieście."
	footer = "Wszelkie prawa zastrzeżone, kopiowanie bez zgody redakcji zabronione."
	// prose repeats too: a wire sentence in 10% of the articles.
	wire = "Przypomnijmy, że w ubiegłym roku gmina wydała na remonty dróg ponad dwa miliony złotych."
)

// flatCorpus returns n one-line articles: prose sentences (sentence(r)
// from learn_test.go) with the prompt in 60%, the teaser in 15% (under --sentence-share:
// it passes by its shape, a label in capitals) and the
// footer in 80% of them, at varying places.
func flatCorpus(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 2))
	docs := make([]string, n)
	for i := range docs {
		var s []string
		for range 4 + r.IntN(5) {
			s = append(s, sentence(r))
		}
		if r.IntN(20) < 3 {
			s = append(s[:2], append([]string{teaser}, s[2:]...)...)
		}
		if r.IntN(10) < 6 {
			at := 1 + r.IntN(len(s)-1)
			s = append(s[:at], append([]string{prompt}, s[at:]...)...)
		}
		if i%10 == 0 {
			s = append(s[:1], append([]string{wire}, s[1:]...)...)
		}
		if r.IntN(10) < 8 {
			s = append(s, footer)
		}
		docs[i] = strings.Join(s, " ") + "\n"
	}
	return docs
}

func TestLearnSpans(t *testing.T) {
	docs := flatCorpus(300, 5)
	// One article quotes the prompt's words in its own sentence.
	quoted := "Rzecznik zaapelował, Byłeś świadkiem ważnego zdarzenia? Wyślij nam zdjęcie lub film na adres alarm@gazeta.pl. Apel trafił do mieszkańców."
	docs = append(docs, quoted+"\n")
	file := learnDocs(t, docs, Options{})
	t.Log(file)
	rules, err := cleaner.ParseRules("learned.rules", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	var inline []*cleaner.Rule
	for _, r := range rules {
		for _, e := range ruletest.Examples(r) {
			t.Errorf("rule %s: %v", r.ID, e)
		}
		if r.Kind != cleaner.KindInline {
			t.Errorf("rule %s: kind %s proposed for a corpus of one-line documents", r.ID, r.Kind)
			continue
		}
		if len(r.Keep) == 0 {
			t.Errorf("rule %s: no keep example", r.ID)
		}
		inline = append(inline, r)
	}
	if len(inline) != 3 {
		t.Errorf("got %d inline rules, want 3 (prompt, teaser, footer)", len(inline))
	}
	for _, r := range inline {
		if p := r.Patterns[0]; strings.Contains(p, "Przypomnijmy") || strings.Contains(p, "koszt") {
			t.Errorf("rule %s: a prose sentence was proposed: %s", r.ID, p)
		}
	}
	c, err := cleaner.New(cleaner.WithoutGuard(), cleaner.WithRules(rules...))
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs[:300] {
		got := c.CleanString(d)
		want := d
		for _, noise := range []string{prompt + " ", teaser + " ", " " + footer} {
			want = strings.ReplaceAll(want, noise, "")
		}
		if got != want {
			t.Fatalf("doc %d:\n got %q\nwant %q", i, got, want)
		}
	}
	if got := c.CleanString(quoted + "\n"); got != quoted+"\n" {
		t.Errorf("the prompt's words inside a longer sentence were cut: %q", got)
	}
}

// A span is the sentences that come together: the two sentences of the
// prompt are one rule, not two, and a teaser that sometimes stands next to
// the prompt stays a rule of its own.
func TestSpanChains(t *testing.T) {
	l := New(Options{MinDocs: 3})
	var docs []string
	for i := range 20 {
		// Numbers fold in counting: words make the articles differ.
		w := string(rune('a'+i)) + string(rune('a'+i))
		d := fmt.Sprintf("Artykuł %s opisuje sprawę. ", w) + prompt
		if i%2 == 0 {
			d = teaser + " " + d
		}
		docs = append(docs, d+fmt.Sprintf(" Koniec artykułu %s.\n", w))
	}
	for _, d := range docs {
		l.Count("", strings.NewReader(d))
	}
	for _, d := range docs {
		l.Collect("", strings.NewReader(d))
	}
	var got []string
	for _, sp := range l.Spans() {
		got = append(got, fmt.Sprintf("%d:%s", sp.Docs, strings.Join(firstForms(sp.Sentences), " | ")))
	}
	want := []string{
		"20:Byłeś świadkiem ważnego zdarzenia? | Wyślij nam zdjęcie lub film na adres alarm@gazeta.pl.",
		"10:ZOBACZ: Pożar hali magazynowej w Nowym Mieście.",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("spans\n got %q\nwant %q", got, want)
	}
}

// Pass one's sentence map is pruned with the line map: together they stay
// within MaxKeys and one document's keys.
func TestPruneSentences(t *testing.T) {
	l := New(Options{MaxKeys: 50})
	for i := range 200 {
		w := string(rune('a'+i%26)) + string(rune('a'+i/26))
		l.Count("", strings.NewReader(fmt.Sprintf("Zdanie numer %s pierwsze. Zdanie drugie %s tutaj.\n", w, w)))
		if n := len(l.groups[""].counts) + len(l.groups[""].scounts); n > 50+3 {
			t.Fatalf("after %d documents pass one holds %d keys, want at most 53", i+1, n)
		}
	}
}

// A teaser under --sentence-share passes by its shape alone: the article
// sentence that always follows it in a syndicated story stays out of its
// span.
func TestSpanShapePerSentence(t *testing.T) {
	l := New(Options{MinDocs: 3})
	var docs []string
	for i := range 20 {
		w := string(rune('a'+i)) + string(rune('a'+i))
		d := fmt.Sprintf("Artykuł %s opisuje sprawę. Koniec artykułu %s.\n", w, w)
		if i < 3 {
			d = fmt.Sprintf("Artykuł %s opisuje sprawę. %s Mężczyzna jechał o wiele za szybko. Koniec artykułu %s.\n", w, teaser, w)
		}
		docs = append(docs, d)
	}
	for _, d := range docs {
		l.Count("", strings.NewReader(d))
	}
	for _, d := range docs {
		l.Collect("", strings.NewReader(d))
	}
	var got []string
	for _, sp := range l.Spans() {
		got = append(got, strings.Join(firstForms(sp.Sentences), " | "))
	}
	if want := []string{teaser}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("spans\n got %q\nwant %q", got, want)
	}
}

// A prune frees half the maps even when every key is in two documents, so
// that the next prune is many documents away, not one.
func TestPruneToHalf(t *testing.T) {
	l := New(Options{MaxKeys: 100})
	doc := func(k int) string {
		var b strings.Builder
		for j := range 9 {
			fmt.Fprintf(&b, "Zdanie %c%c numer %c%c. ", 'a'+k%26, 'a'+k/26, 'a'+j, 'a'+j) // not one letter: an initial
		}
		return b.String() + "\n" // nine sentences and the line: ten keys
	}
	for k := range 10 {
		l.Count("", strings.NewReader(doc(k)))
		l.Count("", strings.NewReader(doc(k)))
	}
	g := l.groups[""]
	if n := len(g.counts) + len(g.scounts); n != 100 {
		t.Fatalf("%d keys before the prune, want 100", n)
	}
	l.Count("", strings.NewReader(doc(10)))
	if n := len(g.counts) + len(g.scounts); n > 50 {
		t.Errorf("%d keys after the prune, want at most 50", n)
	}
}
