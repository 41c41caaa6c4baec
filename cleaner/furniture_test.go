package cleaner

import (
	"slices"
	"strings"
	"testing"
)

func pageLines(s string) [][]byte {
	var out [][]byte
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		out = append(out, []byte(l))
	}
	return out
}

const (
	parA = "Minister finansów przedstawił w poniedziałek projekt budżetu na przyszły rok. Jak zapowiedział, deficyt ma być niższy niż w tym roku, a wydatki na obronność wzrosną."
	parB = "Ekonomiści, z którymi rozmawialiśmy, uważają, że plan jest realny, o ile gospodarka nie zwolni bardziej, niż zakłada rząd w swoich prognozach na ten rok."
	parC = "Opozycja zapowiada, że będzie głosować przeciw, bo jej zdaniem rząd nie mówi całej prawdy o stanie finansów publicznych i o długu, który ukrywa w funduszach."
)

// The classifier's verdicts on whole pages: what goes (menus, related
// headlines and their leads, footers) beside what looks like it and stays
// (subheadings, list items, short sentences between paragraphs).
func TestClassifyPage(t *testing.T) {
	pl := uint32(1) << slices.Index(stopWords().langs, "pl")
	for _, tc := range []struct {
		name, page string
		drop       []string // the lines classed furniture; every other line stays
	}{
		{"menu and footer around the article",
			"Strona główna\nBiznes i finanse osobiste\nWiadomości\nSport\n" + parA + "\n" + parB + "\nPolityka prywatności\nRegulamin serwisu\n© 2021 Wydawca",
			[]string{"Strona główna", "Biznes i finanse osobiste", "Wiadomości", "Sport", "Polityka prywatności", "Regulamin serwisu", "© 2021 Wydawca"}},
		{"a subheading between paragraphs stays",
			parA + "\nCo dalej z deficytem\n" + parB, nil},
		{"a short sentence between paragraphs stays",
			parA + "\nTak się nie stało.\n" + parB, nil},
		{"a list of unpunctuated items under an intro stays",
			parA + "\nNa co pójdą pieniądze:\n• rozwój sieci 5G (1,4 mld zł)\n• ochrona zdrowia (4,5 mld zł)\n• transport w miastach\n" + parB, nil},
		// The line just above the first paragraph may be its title: a
		// menu's last item, if shaped as a heading, stays with it.
		{"a heading above the first paragraph stays",
			"Menu\nZaloguj się\nBudżet na przyszły rok\n" + parA + "\n" + parB,
			[]string{"Menu", "Zaloguj się"}},
		{"related headlines with their leads go",
			parA + "\n" + parB + "\n" + parC + "\nPolecamy\nNapoli pokonało Udinese w 36. kolejce Serie A, gol Zielińskiego\nPiłkarze z Neapolu są coraz bliżej awansu do Ligi Mistrzów.\nIzrael grozi kolejnymi atakami, polskie MSZ wzywa do rozejmu\nKomentarze\nDodaj komentarz",
			[]string{"Polecamy", "Napoli pokonało Udinese w 36. kolejce Serie A, gol Zielińskiego", "Piłkarze z Neapolu są coraz bliżej awansu do Ligi Mistrzów.", "Izrael grozi kolejnymi atakami, polskie MSZ wzywa do rozejmu", "Komentarze", "Dodaj komentarz"}},
		{"a list of quantities under an intro stays, the menu and related recipes go",
			"Przepisy\nObiady\nDesery\nSzarlotka babci Zosi\n" + parA + "\nSkładniki:\n300 g mąki pszennej\n200 g zimnego masła\n2 żółtka\n1,5 kg kwaśnych jabłek\nszczypta soli\nPrzygotowanie\n" + parB + "\nPodobne przepisy\nSernik na zimno\nBrownie z malinami\n© 2023 Kuchnia Domowa",
			[]string{"Przepisy", "Obiady", "Desery", "Podobne przepisy", "Sernik na zimno", "Brownie z malinami", "© 2023 Kuchnia Domowa"}},
		// The items of a timetable are as long as headlines, and only
		// the figure they open with tells them apart from a menu.
		{"a timetable between paragraphs stays",
			parA + "\nProgram:\n9:00 Rejestracja uczestników\n9:30 Otwarcie konferencji\n11:30 Przerwa kawowa\n12:00 Prezentacja planu rowerowego\n13:00 Podsumowanie\n" + parB + "\nUdostępnij\nFacebook",
			[]string{"Udostępnij", "Facebook"}},
		{"a run of timed headlines after the article goes",
			parA + "\n" + parB + "\nNajnowsze\n12:45 Pożar hali w Łodzi, strażacy na miejscu\n12:30 Tusk spotkał się z przywódcami UE\n12:10 Kurs franka znowu w górę\nRegulamin\nKontakt",
			[]string{"Najnowsze", "12:45 Pożar hali w Łodzi, strażacy na miejscu", "12:30 Tusk spotkał się z przywódcami UE", "12:10 Kurs franka znowu w górę", "Regulamin", "Kontakt"}},
		{"lines of verse that end in commas stay",
			parA + "\nJak pisał poeta:\nLitwo! Ojczyzno moja! ty jesteś jak zdrowie,\nIle cię trzeba cenić, ten tylko się dowie,\nKto cię stracił. Dziś piękność twą w całej ozdobie\nWidzę i opisuję, bo tęsknię po tobie.\n" + parB + "\nTagi\nPolityka, Sport, Kultura",
			[]string{"Tagi", "Polityka, Sport, Kultura"}},
		{"a menu under a label with a colon goes",
			parA + "\nKategorie:\nWiadomości\nSport\nKultura\nRegulamin\nKontakt",
			[]string{"Kategorie:", "Wiadomości", "Sport", "Kultura", "Regulamin", "Kontakt"}},
		{"a list of headlines under a colon goes",
			parA + "\nNajczęściej czytane w tym tygodniu:\nPożar hali w Łodzi, strażacy walczą z ogniem od rana\nTusk spotkał się z przywódcami Unii Europejskiej w Brukseli\nRegulamin",
			[]string{"Najczęściej czytane w tym tygodniu:", "Pożar hali w Łodzi, strażacy walczą z ogniem od rana", "Tusk spotkał się z przywódcami Unii Europejskiej w Brukseli", "Regulamin"}},
		{"a paragraph broken into lines by its links stays",
			"Strona główna\nSport\nMinister finansów przedstawił w poniedziałek\nprojekt budżetu\nna przyszły rok, a deficyt ma być niższy niż w tym roku, jak zapowiedział\nw Sejmie.\n" + parB + "\nRegulamin\nKontakt",
			[]string{"Strona główna", "Sport", "Regulamin", "Kontakt"}},
		{"lower-case menu items and tags still go",
			"strona główna\nwiadomości\nsport\n" + parA + "\n" + parB + "\nTagi\npolityka\nsejm\nbudżet",
			[]string{"strona główna", "wiadomości", "sport", "Tagi", "polityka", "sejm", "budżet"}},
		{"an unpunctuated paragraph of prose stays",
			parA + "\nRząd chce, żeby ustawa weszła w życie jeszcze w tym roku, ale to zależy od tego, jak szybko Senat zajmie się projektem i czy prezydent go podpisze bez zwłoki\n" + parB, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := pageLines(tc.page)
			classes := classifyPage(lines, pl, nil)
			var got []string
			for i, c := range classes {
				if c == classBad {
					got = append(got, string(lines[i]))
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.drop, "\n") {
				t.Errorf("furniture:\n got %q\nwant %q", got, tc.drop)
			}
		})
	}
}

// Through the cleaner: --input page's rule removes the furniture, reports it
// under its ID, and the share guard, made for the rules that read an
// article's lines, lets a page lose most of its lines to it.
func TestPageFurnitureRule(t *testing.T) {
	page := "Strona główna\nWiadomości\nSport\nBiznes i finanse osobiste\nKultura i rozrywka\nPogoda na weekend\nMotoryzacja\n" +
		parA + "\nPolityka prywatności\nRegulamin serwisu\nKontakt z redakcją\nReklama w serwisie\nPraca w redakcji\nMapa strony\n"
	c, err := New(WithPages())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var out strings.Builder
	if _, err := c.Clean(&out, strings.NewReader(page), &Hooks{Removal: func(r Removal) { ids = append(ids, r.Rule) }}); err != nil {
		t.Fatal(err)
	}
	if want := parA + "\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
	if len(ids) != 13 || ids[0] != "intl/page-furniture" {
		t.Errorf("removals: %q, want 13 by intl/page-furniture", ids)
	}
	off, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if got := off.CleanString(page); !strings.Contains(got, "Strona główna") {
		t.Errorf("page-furniture is off by default, yet the menu went: %q", got)
	}
}

// A list the article introduces stays in page mode though furniture follows
// it; the rules tell where the list ends (a share bar) and which colon
// lines are a widget's heading.
func TestPageIntroducedList(t *testing.T) {
	c, err := New(WithPages())
	if err != nil {
		t.Fatal(err)
	}
	list := "Na wycieczkę w góry warto zabrać:\nWygodne buty\nKurtkę przeciwdeszczową\nMapę okolicy\nLatarkę czołową\n"
	for _, tc := range []struct{ page, want string }{
		{parA + "\n" + list + "Udostępnij\nFacebook\nTwitter\n© 2023 Wydawca\n", parA + "\n" + list},
		{parA + "\nZobacz również inne artykuły:\nSernik na zimno\nBrownie z malinami\nSzarlotka babci\n© 2023 Wydawca\n", parA + "\n"},
	} {
		if got := c.CleanString(tc.page); got != tc.want {
			t.Errorf("CleanString(%q)\n got %q\nwant %q", tc.page, got, tc.want)
		}
	}
}
