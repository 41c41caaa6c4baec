# artclean's Polish seed rules as a line-by-line GNU sed -E script, for
# bench/compare.sh. Run in a UTF-8 locale (for case-insensitive "TAKŻE"):
#
#   LC_ALL=C.UTF-8 sed -E -f bench/equiv/clean.sed FILE | cat -s
#
# cat -s squeezes the blank lines left where lines were deleted. sed sees one
# line at a time, so it removes teaser lines but not the headline under a bare
# marker ("CZYTAJ TAKŻE:") or the continuation lines of a hard-wrapped teaser,
# and it leaves a blank line at the start of the output when the first
# paragraph goes: it does a little less than artclean.
# Line ends and spaces: CR, NBSP (and narrow NBSP), zero-width characters and
# soft hyphens; runs of blanks fold to one; lines are trimmed.
s/\r$//
s/\xc2\xa0|\xe2\x80\xaf/ /g
s/\xe2\x80\x8b|\xe2\x81\xa0|\xef\xbb\xbf|\xc2\xad//g
s/[[:blank:]]+/ /g
s/^ //
s/ $//
# intl/leading-date: a metadata token at the start of the input.
1s/^(date|data) [0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?( |$)//
# pl/ad-marker: a line that is only an ad marker.
/^[^[:alnum:]]*(reklam[ay]|materiał reklamowy|artykuł sponsorowany)[^[:alnum:]]*$/Id
# pl/date-line, intl/date-line: a line of dates, labels, weekdays and times.
/^(((opublikowano|aktualizacja|zaktualizowano|publikacja|data publikacji|data dodania|data aktualizacji|ostatnia aktualizacja|dodano|data|date):?|(poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela),?|([0-9]{1,2}[.][0-9]{1,2}[.][0-9]{2,4}|[0-9]{1,2}\/[0-9]{1,2}\/[0-9]{2,4}|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2} (stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia) [0-9]{4}( r\.?)?),?|(godz\.? )?[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?) ?)+$/I{
	/[0-9]{1,2}[.\/-][0-9]{1,2}[.\/-][0-9]{2}|[0-9] [[:alpha:]]+ [0-9]{4}/Id
}
# pl/teaser: a line that starts with a teaser phrase.
/^[^[:alnum:]]*((czytaj (więcej|też|także|również|dalej)|przeczytaj (też|także|również)|zobacz (też|także|również|więcej)|sprawdź (też|także|również)|dowiedz się więcej)([ :>»›|….–—-]|$)|(polecamy|więcej na ten temat|czytaj|zobacz) *([:>»›|….–—-]|$))/Id
