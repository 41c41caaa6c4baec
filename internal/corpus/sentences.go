package corpus

// sentences are the article sentences the generator recombines. Each is taken
// verbatim from the project's test data (testdata/seed.expected.txt and
// testdata/golden/*.in.txt); TestSentencesFromTestdata checks that. "Zobacz,
// jak …" and "Polecamy wszystkim …" open like teasers but are article text:
// cleaners must keep them.
var sentences = []string{
	"Prezydenci Rosji i Białorusi złożyli wizytę na terenie kosmodromu Wostocznyj w obwodzie amurskim na wschodzie Rosji.",
	"- Wykorzystamy tę okazję, nasze spotkanie, aby porozmawiać o dalszej wspólnej pracy we wszystkich zidentyfikowanych przez nas obszarach oraz o dalszej budowie państwa związkowego - powiedział Władimir Putin, cytowany przez oficjalną rosyjską agencję TASS.",
	"Putin dodał, że w tej ostatniej kwestii jest jeszcze \"dużo pracy do wykonania\".",
	"Putin stwierdził, że mimo \"tzw. presji zewnętrznej\" relacje między Rosją a Białorusią w sferze gospodarczej \"rozwijają się pomyślnie\".",
	"Mówił, że jeśli chodzi o handel, Białoruś jest jednym z najważniejszych partnerów Rosji.",
	"- W nowych warunkach - tej zewnętrznej presji - mamy nowe możliwości wykorzystania całego naszego potencjału do wzajemnego wspierania się, do zapewniania sobie nawzajem rozwoju - powiedział prezydent Rosji dodając, że dotyczy to także sektora technologii zaawansowanych.",
	"Władimir Putin mówił też o współpracy w rolnictwie i przemyśle.",
	"Ocenił, że w ostatnich latach Moskwa i Mińsk wiele zrobiły w rozwoju wzajemnej współpracy.",
	"- Otworzyliśmy nasz rynek dla białoruskich towarów.",
	"Moim zdaniem to bardzo dobre wsparcie dla współpracy obu stron - oświadczył.",
	"Putin wyraził też zadowolenie z możliwości spotkania z Łukaszenką.",
	"Rosyjski prezydent powiedział także, że Zachód rozpętał przeciwko Rosji \"totalną wojnę sankcyjną\" i że w tych warunkach \"ważne, by wzmocnić integrację Rosji i Białorusi\".",
	"Głos zabrał również rządzący Białorusią Aleksander Łukaszenko.",
	"Powiedział, że bez względu na rozwój sytuacji Białoruś będzie stać przy Rosji.",
	"- Możecie liczyć na Białorusinów - powiedział Putinowi Łukaszenko.",
	"- Wiedzcie, że w każdej sytuacji, bez względu na to, co się stanie, możecie być przekonani, Rosjanie mogą być przekonani, że zawsze tam (przy was - red.) będziemy, bez względu na rozwój sytuacji - oświadczył.",
	"Dodał, że Białoruś \"ma coś do zaoferowania Rosji\".",
	"Zaproszenie na teren kosmodromu Łukaszenko określił jako dowód \"najwyższego zaufania\".",
	"24 lutego wojska rosyjskie rozpoczęły inwazję na Ukrainę, którą Kreml nazywa \"specjalną operacją wojskową\".",
	"W związku z agresją na Ukrainę szereg państw i organizacji międzynarodowych nałożył sankcje na Rosję, jej władze, rosyjskich oligarchów oraz rosyjskie przedsiębiorstwa.",
	"Rząd przyjął we wtorek projekt ustawy o podatkach lokalnych, który ma wejść w życie od przyszłego roku i objąć wszystkie gminy w kraju.",
	"Minister finansów podkreślił, że zmiana nie obciąży mieszkańców, a samorządy zyskają nowe źródła dochodów na inwestycje w drogi i szkoły.",
	"Opozycja zapowiedziała poprawki.",
	"Posłowie mają się zająć projektem na najbliższym posiedzeniu Sejmu, które rozpocznie się za dwa tygodnie.",
	"Zobacz, jak głosowali posłowie w poprzedniej kadencji - to pytanie zadawali sobie komentatorzy przez cały dzień obrad w parlamencie.",
	"Polecamy wszystkim lekturę raportu.",
}

// headlines are what teasers advertise, taken from the teasers in the test
// data; short sentences, without their final period, are added as more.
var headlines = []string{
	"Służby Żaryn: Rosyjski szpieg zatrzymany. Mieszkał w Polsce od 18 lat",
	"Inflacja w marcu wyższa od oczekiwań ekonomistów",
	"Rząd przyjął projekt ustawy o podatkach lokalnych",
}

// Sentences returns a copy of the article sentences the generator uses.
func Sentences() []string { return append([]string(nil), sentences...) }
