package cleaner

import (
	"regexp/syntax"
	"strings"
	"testing"
)

// An inline pattern that ends in a sentence end cuts whole sentences only:
// the reader prompt a flattened page carries goes, the same words inside a
// longer sentence, or a part of a sentence, stay. A bracketed pattern still
// cuts wherever it matches.
func TestInlineSentences(t *testing.T) {
	const file = `pack site
rule prompt
kind inline
description reader prompt
pattern Widziałeś\s+coś\s+ważnego\?\s+Wyślij\s+nam\s+zdjęcie\.
pattern ZOBACZ:\s+Pożar\s+hali\s+w\s+Nowym\s+Mieście\.
pattern Tekst\s+chroniony\s+prawem\s+autorskim\.”
remove Burmistrz otworzył most. Widziałeś coś ważnego? Wyślij nam zdjęcie. Ruch ruszy w piątek. => Burmistrz otworzył most. Ruch ruszy w piątek.

rule bracket
kind inline
description bracketed teaser
pattern \[(?i:czytaj więcej)\]
pattern \(Foto: [^()]{1,40}\.\)
remove Zdanie. [CZYTAJ WIĘCEJ] Drugie. => Zdanie. Drugie.
`
	rules, err := ParseRules("site.rules", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(WithoutBuiltins(), WithoutGuard(), WithRules(rules...))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, in, want string }{
		{"middle", "Burmistrz otworzył most. Widziałeś coś ważnego? Wyślij nam zdjęcie. Ruch ruszy w piątek.",
			"Burmistrz otworzył most. Ruch ruszy w piątek."},
		{"line start", "Widziałeś coś ważnego? Wyślij nam zdjęcie. Ruch ruszy w piątek.", "Ruch ruszy w piątek."},
		{"line end", "Burmistrz otworzył most. Widziałeś coś ważnego? Wyślij nam zdjęcie.", "Burmistrz otworzył most."},
		{"twice, with spaces", "Most. Widziałeś  coś ważnego? Wyślij nam zdjęcie. Droga. Widziałeś coś ważnego?\tWyślij nam zdjęcie. Koniec!",
			"Most. Droga. Koniec!"},
		{"after ! and ?", "Brawo! Widziałeś coś ważnego? Wyślij nam zdjęcie. Kto? ZOBACZ: Pożar hali w Nowym Mieście. Dalej.",
			"Brawo! Kto? Dalej."},
		{"after a closing quote", "Powiedział: „Tak.” ZOBACZ: Pożar hali w Nowym Mieście. Dalej.", "Powiedział: „Tak.” Dalej."},
		{"pattern ends in a closer", "Koniec. Tekst chroniony prawem autorskim.” Dalej.", "Koniec. Dalej."},
		{"the whole line", "Widziałeś coś ważnego? Wyślij nam zdjęcie.", ""},
		{"bracketed", "Zdanie. [CZYTAJ WIĘCEJ] Drugie.", "Zdanie. Drugie."},
		{"bracketed inside a sentence", "Tekst [czytaj więcej] dalej.", "Tekst dalej."},
		{"bracketed, a period before the bracket", "Minister przemawia (Foto: PAP/Jan Nowak.) w Sejmie.", "Minister przemawia w Sejmie."},

		// Kept: the same words in a longer sentence.
		{"after a comma", "Sąsiad pytał, Widziałeś coś ważnego? Wyślij nam zdjęcie. Dalej.", ""},
		{"after a colon", "Napisali: ZOBACZ: Pożar hali w Nowym Mieście. Dalej.", ""},
		{"inside a quotation", "Hasło „Widziałeś coś ważnego? Wyślij nam zdjęcie.” wisi na słupie.", ""},
		{"glued to the next word", "Most. Widziałeś coś ważnego? Wyślij nam zdjęcie.Dalej.", ""},
		// Kept: partial matches.
		{"only the first sentence", "Most. Widziałeś coś ważnego? Nie. Dalej.", ""},
		{"sentence goes on", "Most. ZOBACZ: Pożar hali w Nowym Mieście.pl i okolic. Dalej.", ""},
		{"an ellipsis goes on", "Most. Widziałeś coś ważnego? Wyślij nam zdjęcie... albo nie.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if want == "" && !strings.HasPrefix(tc.name, "the whole") {
				want = strings.TrimSpace(tc.in)
			}
			if got := strings.TrimSuffix(c.CleanString(tc.in+"\n"), "\n"); got != want {
				t.Errorf("\n in  %q\n got %q\nwant %q", tc.in, got, want)
			}
		})
	}
}

// Which reading a pattern gets: a sentence end last (before closers) means
// whole sentences; anything else keeps the delimited reading.
func TestInlinePatternEndsSentence(t *testing.T) {
	for p, want := range map[string]bool{
		`Wyślij\s+nam\s+zdjęcie\.`:         true,
		`Masz newsa\?`:                     true,
		`Brawo!`:                           true,
		`Koniec\.”`:                        true,
		`(?:Jeden\.|Dwa\?)`:                true,
		`ZOBACZ: [^.]{1,80}[.!?]`:          true,
		`(?i)zobacz też\.`:                 true,
		`\[(?i:czytaj więcej)\]`:           false,
		`\((?:AP|AFP)(?: Photo)?/[^()]+\)`: false,
		`(?:Jeden\.|Dwa)`:                  false,
		`Koniec\.?`:                        false,
		`Koniec\..*`:                       false,
	} {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := patternEndsSentence(re.Simplify()); got != want {
			t.Errorf("%s: got %v, want %v", p, got, want)
		}
	}
}
