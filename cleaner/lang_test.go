package cleaner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestDetectLanguage: on the prose corpus, where each file is one language,
// detection names that language or none (every pack then applies), never
// another; a text in two languages and a short one get none.
func TestDetectLanguage(t *testing.T) {
	x := stopWords()
	all := uint32(1)<<len(x.langs) - 1
	files, _ := filepath.Glob("../testdata/prose/*.txt")
	if len(files) == 0 {
		t.Fatal("no prose corpus")
	}
	told, docs := 0, 0
	for _, f := range files {
		lang := strings.TrimSuffix(filepath.Base(f), ".txt")
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, doc := range strings.Split(string(b), "=====\n") {
			docs++
			switch got := detectLanguage([]byte(doc), all); got {
			case lang:
				told++
			case "":
			default:
				t.Errorf("%s document %d: detected %s", f, i+1, got)
			}
		}
	}
	t.Logf("%d of %d documents told, the rest left to every pack", told, docs)
	if told < docs*3/4 {
		t.Errorf("only %d of %d documents told", told, docs)
	}
	for _, in := range []string{
		"Reklama",
		"The talks began on April 12, 2022 in Geneva.\nDie Gespräche begannen am Dienstag, und die Minister waren nicht da.\nThe ministers were not there, and it is what it is.",
	} {
		if got := detectLanguage([]byte(in), all); got != "" {
			t.Errorf("detectLanguage(%q) = %s, want none", in, got)
		}
	}
}

// A document's language picks its pack: the German date rule does not read
// an English article's date heading, though it still cleans German text.
func TestLanguagePicksPack(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	en := "The council met on Monday and it was the first time that the members had agreed on the budget for the year.\n\n12. April 2022\n\nIt is the best result that the city has had in a decade, and the mayor said so.\n"
	var ds DocStats
	c.Clean(&strings.Builder{}, strings.NewReader(en), &Hooks{DocEnd: func(s DocStats) { ds = s }})
	if ds.Lang != "en" {
		t.Errorf("language %q, want en", ds.Lang)
	}
	all, _ := New(WithAllPacks())
	if got := all.CleanString("Tytuł\n\nReklama\n\nTo jest tekst artykułu, który się nie zmienia, bo jest w nim treść, a nie szum.\n"); strings.Contains(got, "Reklama\n") {
		t.Errorf("WithAllPacks: the Polish marker stayed: %q", got)
	}
	de := "Die Gespräche begannen am Dienstag, und es war das erste Mal, dass die Minister sich nicht einigen konnten.\n\nAnzeige\n\nDie Sitzung wird am Freitag fortgesetzt, wie der Sprecher der Regierung sagte, und die Opposition ist dagegen.\n"
	if got := c.CleanString(de); strings.Contains(got, "Anzeige") {
		t.Errorf("the German marker stayed in German text: %q", got)
	}
}

// BenchmarkDetectLanguage detects the language of a document's head, as
// every JSON Lines record and every document after a separator pays.
func BenchmarkDetectLanguage(b *testing.B) {
	data := benchCorpus()
	heads := [][]byte{}
	for i := 0; i+detectBytes <= len(data) && len(heads) < 1000; i += len(data) / 1000 {
		heads = append(heads, data[i:i+detectBytes])
	}
	c, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(detectBytes)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		detectLanguage(heads[i%len(heads)], c.detect)
	}
}

// lowerLetter2's cache answers as the unicode package does, for every rune
// of two UTF-8 bytes, asked twice (filled, then read).
func TestLowerLetter2(t *testing.T) {
	for range 2 {
		for r := rune(0x80); r < 0x800; r++ {
			lower, letter := lowerLetter2(r)
			if lower != unicode.ToLower(r) || letter != unicode.IsLetter(r) {
				t.Fatalf("lowerLetter2(%U) = %U, %v; want %U, %v", r, lower, letter, unicode.ToLower(r), unicode.IsLetter(r))
			}
		}
	}
}

// stopIndex.lookup answers as the map of stop words does, for every stop
// word and for words that are none.
func TestStopLookup(t *testing.T) {
	x := stopWords()
	for w, langs := range x.words {
		if got := x.lookup([]byte(w)); got != langs {
			t.Fatalf("lookup(%q) = %b, want %b", w, got, langs)
		}
		for _, other := range []string{w + "x", "x" + w, w[:len(w)-1]} {
			if got := x.lookup([]byte(other)); got != x.words[other] {
				t.Fatalf("lookup(%q) = %b, want %b", other, got, x.words[other])
			}
		}
	}
	if got := x.lookup(nil); got != x.words[""] {
		t.Errorf("lookup of no word = %b", got)
	}
}
