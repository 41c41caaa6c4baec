package decode

// Realistic news paragraphs, about 200–400 bytes each, by language.
var paragraphs = map[string][]string{
	"pl": {
		"Wczoraj wieczorem w Krakowie odbyło się spotkanie mieszkańców z przedstawicielami urzędu miasta. Rozmawiano o planowanej przebudowie ulicy Długiej, która ma się rozpocząć jesienią. Część uczestników obawia się, że prace potrwają dłużej niż zapowiadano.",
		"Źródła w ministerstwie zdrowia potwierdzają, że nowe przepisy wejdą w życie już w przyszłym miesiącu. Pacjenci będą mogli umówić wizytę przez internet, a lekarze rodzinni otrzymają dodatkowe środki na opiekę nad osobami starszymi.",
		"Ślązacy od lat zabiegają o uznanie swojej mowy za język regionalny. Projekt ustawy trafił do Sejmu jesienią, ale prace nad nim utknęły w komisji. „To sprawa naszej tożsamości” – mówi jeden z autorów petycji.",
		"Mecz zakończył się remisem 1:1. Gospodarze prowadzili od dwudziestej minuty po golu z rzutu karnego, ale goście wyrównali tuż przed przerwą. W drugiej połowie żadna z drużyn nie zdołała przechylić szali zwycięstwa.",
	},
	"cs": {
		"Vláda dnes schválila návrh zákona, který má zjednodušit stavební řízení. Podle ministra pro místní rozvoj se doba čekání na povolení zkrátí až o polovinu. Opozice však upozorňuje, že změny mohou ohrozit ochranu přírody.",
		"Šťastný řidič už třetí týden čeká na opravu silnice u Žďáru nad Sázavou. Úřad tvrdí, že peníze chybějí, ale místní lidé si stěžují na díry, které poškozují auta a ohrožují cyklisty.",
		"Ceny potravin v obchodech rostly i v říjnu. Nejvíce zdražilo máslo, mléko a vejce, naopak zelenina a ovoce mírně zlevnily. Ekonomové očekávají, že inflace začne klesat až na jaře příštího roku.",
	},
	"sk": {
		"Mestské zastupiteľstvo v Bratislave v utorok schválilo rozpočet na budúci rok. Poslanci sa zhodli, že viac peňazí pôjde na údržbu ciest a mostov, ktoré sú v zlom stave. Primátor povedal, že ďalšie investície závisia od štátnej dotácie.",
	},
	"hu": {
		"A kormány szerdán bejelentette, hogy jövőre emelkednek a nyugdíjak. A döntés több mint kétmillió embert érint, és az ellenzék szerint nem elég ahhoz, hogy ellensúlyozza az árak növekedését a következő hónapokban.",
	},
	"de": {
		"Die Bundesregierung hat am Mittwoch neue Maßnahmen gegen die steigenden Energiepreise beschlossen. Haushalte mit geringem Einkommen sollen einen Zuschuss für die Heizkosten erhalten. Kritiker bemängeln, dass die Hilfe zu spät komme.",
		"In München wurde am Wochenende das größte Volksfest der Welt eröffnet. Bürgermeister und Gäste zapften das erste Fass an, während draußen Tausende Besucher auf Einlass warteten. Die Polizei meldete bislang keine größeren Zwischenfälle.",
	},
	"fr": {
		"Le gouvernement a présenté mercredi un nouveau plan pour l'école. Les élèves de collège auront deux heures de français en plus chaque semaine, et les enseignants recevront une prime. Le ministre espère voir les premiers résultats dès l'année prochaine.",
		"À Lyon, la fête des Lumières a attiré près de deux millions de visiteurs. Les hôtels étaient complets et les restaurateurs se réjouissent d'une saison exceptionnelle, malgré la pluie qui a gâché la dernière soirée.",
	},
	"es": {
		"El Gobierno aprobó el martes una reforma que cambiará la forma en que se calculan las pensiones. Según los expertos, los trabajadores jóvenes pagarán más, pero recibirán una pensión más alta cuando se jubilen dentro de unos años.",
	},
	"ru": {
		"В среду правительство объявило о новых мерах поддержки малого бизнеса. Предприниматели смогут получить льготные кредиты и отсрочку по налогам. Эксперты считают, что эти шаги помогут сохранить рабочие места.",
		"Вчера в центре города прошёл фестиваль уличной еды, который собрал тысячи гостей. Организаторы обещают повторить его летом и пригласить больше участников из других регионов страны.",
	},
	"uk": {
		"Київська міська рада ухвалила рішення про ремонт мостів через Дніпро. Роботи розпочнуться навесні і триватимуть два роки. Депутати наголосили, що ґрунтовний ремонт потрібен негайно, бо стан конструкцій погіршується.",
	},
}

// Paragraphs with typographic punctuation only windows-1252 (not
// ISO-8859-1) can encode, to tell the two apart.
var typographic = map[string]string{
	"de": "„Wir müssen jetzt handeln“, sagte die Ministerin – und kündigte weitere Hilfen an… Die Opposition nannte das Paket „völlig unzureichend“.",
	"fr": "« C’est une réforme très attendue », a déclaré le ministre — qui n’a pas caché son émotion… Les syndicats, eux, restent prudents.",
}
