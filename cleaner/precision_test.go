package cleaner

import (
	"strings"
	"testing"
)

// The classes of content the rules once removed from real text, each with
// the noise of the same family that must still go. Named after the defect.
func TestPrecisionClasses(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Die Regierung hat heute neue Regeln für den Bahnverkehr beschlossen. ", 80)
	cases := []struct{ name, in, want string }{
		{"1 one-line document opening with a teaser marker",
			"Das könnte Sie auch interessieren " + long + "\n",
			"Das könnte Sie auch interessieren " + strings.TrimSpace(long) + "\n"},
		{"1 headline after a bare marker stays when it is the article's",
			"Das könnte Sie auch interessieren\n\nBahn streicht Züge\n\n" + long + "\n",
			"Bahn streicht Züge\n\n" + strings.TrimSpace(long) + "\n"},
		{"2 teaser words opening a sentence",
			"Tytuł\n\nCzytaj więcej o tym w raporcie NIK – zachęcał rzecznik.\nZobacz też dokładnie nadawcę SMS-a, zanim klikniesz.\nDowiedz się więcej o objawach: gorączka, kaszel.\nSee also how the vote split across districts.\nRelated: the two cases share a judge.\nZobacz – tam, gdzie rzeka płynie,\n",
			"Tytuł\n\nCzytaj więcej o tym w raporcie NIK – zachęcał rzecznik.\nZobacz też dokładnie nadawcę SMS-a, zanim klikniesz.\nDowiedz się więcej o objawach: gorączka, kaszel.\nSee also how the vote split across districts.\nRelated: the two cases share a judge.\nZobacz – tam, gdzie rzeka płynie,\n"},
		{"2 true teasers still go",
			"Akapit.\n\nCzytaj więcej: Rosyjski szpieg zatrzymany\n\nRead more: Inflation hits a record\n\nDalej.\n",
			"Akapit.\n\nDalej.\n"},
		{"3 chronology: date headings stay, the first one too",
			"Wojna w Ukrainie: kronika\n\n24 lutego 2022 r.\nRosja zaatakowała Ukrainę o świcie.\n\n25 lutego 2022 r.\nWojska dotarły pod Kijów.\n",
			"Wojna w Ukrainie: kronika\n\n24 lutego 2022 r.\nRosja zaatakowała Ukrainę o świcie.\n\n25 lutego 2022 r.\nWojska dotarły pod Kijów.\n"},
		{"3 stray dates still go: above the lead, labelled, at the end",
			"Tytuł artykułu\n\n12 kwietnia 2022\n\nPierwszy akapit.\n\nOpublikowano: 12.04.2022 14:35\n\nDrugi akapit.\n\n13.04.2022\n",
			"Tytuł artykułu\n\nPierwszy akapit.\n\nDrugi akapit.\n"},
		{"3 exam dates in a list",
			"Harmonogram\n\nMatura: 4 maja 2023 – język polski\nMatura: 5 maja 2023 – matematyka\n",
			"Harmonogram\n\nMatura: 4 maja 2023 – język polski\nMatura: 5 maja 2023 – matematyka\n"},
		{"4 a list item, a figure caption, © in prose",
			"Ustawa obejmuje:\n- Reklama zewnętrzna na budynkach\n- Szyldy\n\nFot. 1. Schemat instalacji grzewczej w budynku\n\n© 2022 to rok, w którym wszystko się zmieniło.\n",
			"Ustawa obejmuje:\n- Reklama zewnętrzna na budynkach\n- Szyldy\n\nFot. 1. Schemat instalacji grzewczej w budynku\n\n© 2022 to rok, w którym wszystko się zmieniło.\n"},
		{"4 markers and credits still go",
			"Akapit pierwszy.\n\nReklama\n\nAkapit drugi.\n\nFot. PAP/Rafał Guz\n\n© 2022 Agora SA\n",
			"Akapit pierwszy.\n\nAkapit drugi.\n"},
		{"5 a teaser block goes whole",
			"Akapit.\n\nZOBACZ TAKŻE >>\nPierwszy tytuł innego artykułu o czymś\nDrugi tytuł innego artykułu o czymś\nTrzeci tytuł innego artykułu o czymś\n\nDalej.\n",
			"Akapit.\n\nDalej.\n"},
		{"5 a review's recommendations stay whole",
			"Recenzja.\n\nPolecamy:\nZupa pomidorowa\nPierogi ruskie\nSernik\n\nDalej.\n",
			"Recenzja.\n\nPolecamy:\nZupa pomidorowa\nPierogi ruskie\nSernik\n\nDalej.\n"},
		{"6 English date headings in an English article",
			"A chronology\n\nThe first weeks of the war.\n\nFebruary 24, 2022\nRussian forces invade.\n\n24. Februar 2022\nDie Truppen rücken vor.\n",
			"A chronology\n\nThe first weeks of the war.\n\nFebruary 24, 2022\nRussian forces invade.\n\n24. Februar 2022\nDie Truppen rücken vor.\n"},
		{"7 one-line document: a bare marker takes nothing with it",
			"Pierwsze zdanie artykułu. Czytaj także: " + strings.Repeat("Dalsza treść artykułu. ", 40) + "\n",
			"Pierwsze zdanie artykułu. Czytaj także: " + strings.TrimSpace(strings.Repeat("Dalsza treść artykułu. ", 40)) + "\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.CleanString(tc.in); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestGuard: out of the box the guard keeps what a rule would take too much
// of, in place, and says so.
func TestGuard(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := New(WithDisabled("*/*")) // the character tier alone
	long := "Czytaj także: " + strings.Repeat("Treść artykułu, która trwa. ", 200)
	cases := []struct {
		name, in, reason string
	}{
		{"a one-line document a teaser would swallow", long + "\n", "opens a paragraph"},
		{"a document the rules would empty", "Reklama\n", "all of it"},
		{"more than half of a document", "Krótko.\n\n" + strings.Repeat("Reklama\n\n", 40), "over the 50% bound"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var gs []Guarded
			var out strings.Builder
			st, err := c.Clean(&out, strings.NewReader(tc.in), &Hooks{Guard: func(g Guarded) { gs = append(gs, g) }})
			if err != nil {
				t.Fatal(err)
			}
			want := plain.CleanString(tc.in)
			if out.String() != want {
				t.Errorf("got %q, want the document as the character tier leaves it, %q", out.String(), want)
			}
			if len(gs) != 1 || !strings.Contains(gs[0].Reason, tc.reason) || gs[0].Rule == "" || st.Guarded != 1 {
				t.Errorf("guard reports %+v, stats %+v; want one with %q", gs, st, tc.reason)
			}
		})
	}
	// A span over the bound stays; the same span under it goes.
	rules, err := ParseRules("x.rules", strings.NewReader("pack x\nrule big\nkind pattern\npattern BIG .*\n"))
	if err != nil {
		t.Fatal(err)
	}
	small, _ := New(WithRules(rules...), WithMaxSpan(100), WithMaxRemoved(1))
	in := "Tekst artykułu, który zostaje w całości.\nBIG " + strings.Repeat("x", 200) + "\nBIG y\n"
	if got, want := small.CleanString(in), "Tekst artykułu, który zostaje w całości.\nBIG "+strings.Repeat("x", 200)+"\n"; got != want {
		t.Errorf("span bound: got %q, want %q", got, want)
	}
	off, _ := New(WithoutGuard())
	if got := off.CleanString("Reklama\n"); got != "" {
		t.Errorf("WithoutGuard: got %q, want nothing", got)
	}
}
