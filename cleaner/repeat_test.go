package cleaner

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// What intl/repeated-text takes (a copy standing apart) beside what looks
// like one and stays (a wrapped part of a paragraph, a refrain, a sentence
// that ends in a quotation, prose said again).
func TestRepeatedText(t *testing.T) {
	const par = "Premier zapowiedział, że budżet będzie ostrożny. „To nie jest czas na rozdawanie pieniędzy” – mówił w Sejmie, odpowiadając opozycji."
	for _, tc := range []struct {
		name, in, want string
	}{
		{"a pull quote set apart goes",
			par + "\n„To nie jest czas na rozdawanie pieniędzy”\nOpozycja zapowiada głosowanie przeciw.",
			par + "\nOpozycja zapowiada głosowanie przeciw.\n"},
		{"a headline given twice goes once",
			"Nowy budżet: deficyt niższy niż w tym roku\nNowy budżet: deficyt niższy niż w tym roku\n" + par,
			"Nowy budżet: deficyt niższy niż w tym roku\n" + par + "\n"},
		{"a headline given twice with a caption between goes once",
			"Nowy budżet: deficyt niższy niż w tym roku\nFot. PAP\nNowy budżet: deficyt niższy niż w tym roku\n" + par,
			"Nowy budżet: deficyt niższy niż w tym roku\nFot. PAP\n" + par + "\n"},
		{"a paragraph given twice in a row stays", par + "\n" + par, ""},
		{"a quotation not set apart stays: its line goes on in lower case",
			par + "\n„To nie jest czas na rozdawanie pieniędzy”\nmówił jeszcze raz premier.", ""},
		{"a sentence that ends in a quotation stays",
			par + "\nMówił też, że „to nie jest czas na rozdawanie pieniędzy”.", ""},
		{"prose said again stays", par + "\nOpozycja protestuje.\n" + par, ""},
		{"a refrain stays",
			"Hej, sokoły, omijajcie góry, lasy, doły\nDzwoń, dzwoń, dzwoneczku, mój stepowy skowroneczku\nHej, sokoły, omijajcie góry, lasy, doły\nDzwoń, dzwoń, dzwoneczku, mój stepowy skowroneczku", ""},
		{"a short line given twice stays", "Tak, to prawda.\nTak, to prawda.", ""},
		{"a line given twice far apart stays",
			"Nowy budżet: deficyt niższy niż w tym roku\n" + par + "\nA.\nB.\nC.\nNowy budżet: deficyt niższy niż w tym roku", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New(WithoutBuiltins(), WithRules(builtinRule(t, "intl/repeated-text")))
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			if want == "" {
				want = tc.in + "\n"
			}
			if got := c.CleanString(tc.in); got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
		})
	}
}

// builtinRule returns one built-in rule by ID.
func builtinRule(t *testing.T, id string) *Rule {
	t.Helper()
	rules, err := builtinRules()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no built-in rule %s", id)
	return nil
}

// A quotation whose paragraph is a page's furniture vouches for nothing: the
// quotation is all that is left of those words.
func TestRepeatedTextAfterFurniture(t *testing.T) {
	c, err := New(WithPages())
	if err != nil {
		t.Fatal(err)
	}
	in := "Polecamy\nPremier w Sejmie: „To nie jest czas na rozdawanie pieniędzy.” i inne cytaty tygodnia\n" + parA + "\n„To nie jest czas na rozdawanie pieniędzy.”\n" + parB
	got := c.CleanString(in)
	if strings.Contains(got, "Polecamy") || !strings.Contains(got, "\n„To nie jest czas na rozdawanie pieniędzy.”\n") {
		t.Errorf("the quotation went with its furniture paragraph:\n%s", got)
	}
}

// isQuoteMark's ASCII answer is the unicode tables' answer.
func TestIsQuoteMarkASCII(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		want := unicode.Is(unicode.Pi, r) || unicode.Is(unicode.Pf, r) || r == '"'
		if got := isQuoteMark(r); got != want {
			t.Errorf("isQuoteMark(%q) = %v, want %v", r, got, want)
		}
	}
}
