# artclean's Polish seed rules in Perl, for bench/compare.sh. Run as
#
#   perl -CSD -Mutf8 -00 -n bench/equiv/clean.pl FILE
#
# -00 reads paragraph by paragraph. What it does, as artclean does it:
#   - line ends: CRLF and CR become LF;
#   - spaces: NBSP and the other Unicode spaces become a space, zero-width
#     characters and soft hyphens go, runs of blanks fold to one, lines are
#     trimmed, and white-space-only lines are blank;
#   - intl/leading-date: a "date YYYY-MM[-DD]" or "data YYYY-MM-DD" token at
#     the very start of the input;
#   - pl/ad-marker: a line that is only "Reklama" (any case, punctuation or
#     brackets around), "Reklamy", "Materiał reklamowy", "Artykuł sponsorowany";
#   - pl/teaser: a line that starts with a teaser phrase ("Czytaj więcej",
#     "ZOBACZ TAKŻE >>", "Polecamy:"); after a bare marker ("CZYTAJ TAKŻE:")
#     its headline, the next line if short; and when the teaser opens its
#     paragraph and is short, the lines that continue it, up to five short
#     lines starting in lower case that end the paragraph (a hard-wrapped
#     teaser);
#   - pl/date-line and intl/date-line: a line made only of dates, labels
#     ("Opublikowano:"), weekdays and times ("godz. 14:35"), with at least one
#     date. "date" is a label too: artclean's date grammar reads it so (from
#     the en pack) in the leading tokens that are not at the start of the
#     input, as in a text dump of many articles;
#   - output: paragraphs separated by one blank line.
# It does not do NFC, the other language packs or artclean's general date
# grammar: it does less work than artclean, never more.
BEGIN {
	$punct = qr/[ :>»›|….\x{2013}\x{2014}-]/;
	$ad = qr/^\W*(?:reklam[ay]|materiał reklamowy|artykuł sponsorowany)\W*$/i;
	$teaser = qr/^\W*(?:
		(?:czytaj\ (?:więcej|też|także|również|dalej)|przeczytaj\ (?:też|także|również)
		  |zobacz\ (?:też|także|również|więcej)|sprawdź\ (?:też|także|również)|dowiedz\ się\ więcej)
		(?=$|$punct)
		|(?:polecamy|więcej\ na\ ten\ temat|czytaj|zobacz)(?=\ *(?:$|[:>»›|….\x{2013}\x{2014}-]))
	)/xi;
	$bare = qr/^\W*(?:czytaj\ (?:więcej|też|także|również|dalej)|przeczytaj\ (?:też|także|również)
		|zobacz\ (?:też|także|również|więcej)|sprawdź\ (?:też|także|również)|dowiedz\ się\ więcej
		|polecamy|więcej\ na\ ten\ temat|czytaj|zobacz)\W*$/xi;
	$month = qr/(?:stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia)/i;
	$day = qr/(?:\d{1,2}([.\/-])\d{1,2}\g{-1}(?:\d{4}|\d\d)|\d{4}-\d\d-\d\d|\d{1,2}\ $month\ \d{4}(?:\ r\.?)?)/i;
	$token = qr/(?:
		(?:opublikowano|aktualizacja|zaktualizowano|publikacja|data\ publikacji|data\ dodania
		  |data\ aktualizacji|ostatnia\ aktualizacja|dodano|data|date):?
		|(?:poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela),?
		|$day,?
		|(?:godz\.?\ )?\d{1,2}:\d\d(?::\d\d)?
	)/xi;
	# Only labels, weekdays, dates and times, with at least one date.
	$date = qr/^(?=.*?$day)$token(?:\ $token)*$/;
	$first = 1;
	$out = 0;
}
s/\r\n?/\n/g;
s/[\x{a0}\x{1680}\x{2000}-\x{200a}\x{202f}\x{205f}\x{3000}]/ /g;
s/[\x{200b}\x{2060}\x{feff}\x{ad}]//g;
s/[ \t\f\x0b]+/ /g;
s/^ //mg;
s/ $//mg;
for my $p (split /\n\n+/) {
	$p =~ s/\A\n+//;
	next if $p eq '';
	if ($first) {
		$first = 0;
		$p =~ s/\A(?:date|data) \d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?(?: |$)//m;
		$p =~ s/\A\n//;
		next if $p eq '';
	}
	my @l = split /\n/, $p;
	my @keep;
	for (my $i = 0; $i < @l; $i++) {
		local $_ = $l[$i];
		next if /$ad/ || (length() <= 160 && /\d/ && /$date/);
		if (/$teaser/) {
			my $wrap = $i == 0 && length() <= 100;
			my $j = $i + 1;
			$j++ if $j < @l && length($l[$j]) <= 100 && /$bare/;
			my $k = $j;
			$k++ while $wrap && $k < @l && $k - $j < 5 && length($l[$k]) <= 100 && $l[$k] =~ /^\p{Ll}/;
			$i = ($k == @l ? $k : $j) - 1;
			next;
		}
		push @keep, $_;
	}
	@l = @keep;
	next unless @l;
	print "\n" if $out++;
	print join("\n", @l), "\n";
}
