# artclean's Polish seed rules for JSON Lines in jq, for bench/compare.sh: the
# same rules as clean.pl and clean_jsonl.py, on the "text" field of each
# record; each record is one document.
#
#   jq -c -f bench/equiv/clean.jq corpus.jsonl
#
# The text is split into lines and paragraphs and the rules are tested line by
# line, as artclean does; gsub over a whole text is far slower in jq. jq
# compiles a regular expression at every test, so cheap substring checks
# come first and the regular expression runs only on lines that may match.
# Lone CR line ends are not handled (the corpus has none).

def hasany($subs): . as $s | any($subs[]; . as $x | $s | contains($x));

def ad:
  length <= 80
  and (ascii_downcase | hasany(["reklam", "materia", "sponsorowany"]))
  and test("^\\W*(?:reklam[ay]|materiał reklamowy|artykuł sponsorowany)\\W*$"; "i");

def phrases: "czytaj (?:więcej|też|także|również|dalej)|przeczytaj (?:też|także|również)|zobacz (?:też|także|również|więcej)|sprawdź (?:też|także|również)|dowiedz się więcej";

def teaser:
  (.[0:40] | ascii_downcase | hasany(["czytaj", "zobacz", "sprawd", "dowiedz", "polecamy", "cej na ten temat"]))
  and test("^\\W*(?:(?:" + phrases + ")(?=$|[ :>»›|….–—-])|(?:polecamy|więcej na ten temat|czytaj|zobacz)(?= *(?:$|[:>»›|….–—-])))"; "i");

# A teaser phrase alone, with only punctuation around: a marker that
# announces a headline on the next line.
def bare: test("^\\W*(?:" + phrases + "|polecamy|więcej na ten temat|czytaj|zobacz)\\W*$"; "i");

def day: "(?:\\d{1,2}\\.\\d{1,2}\\.(?:\\d{4}|\\d\\d)|\\d{1,2}/\\d{1,2}/(?:\\d{4}|\\d\\d)|\\d{1,2}-\\d{1,2}-(?:\\d{4}|\\d\\d)|\\d{4}-\\d\\d-\\d\\d|\\d{1,2} (?:stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia) \\d{4}(?: r\\.?)?)";

def token: "(?:(?:opublikowano|aktualizacja|zaktualizowano|publikacja|data publikacji|data dodania|data aktualizacji|ostatnia aktualizacja|dodano|data|date):?|(?:poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela),?|" + day + ",?|(?:godz\\.? )?\\d{1,2}:\\d\\d(?::\\d\\d)?)";

# Only labels, weekdays, dates and times, with at least one date.
def dateline:
  length <= 160
  and (explode | any(. >= 48 and . <= 57))
  and test("^(?=.*?" + day + ")" + token + "(?: " + token + ")*$"; "i");

def startslower: test("^\\p{Ll}");

def spaces: ["\u00a0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006",
  "\u2007", "\u2008", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000"];
def invisible: ["\u200b", "\u2060", "\ufeff", "\u00ad"];

def normline:
  rtrimstr("\r")
  | if hasany(spaces + invisible) then
      gsub("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"; " ") | gsub("[\u200b\u2060\ufeff\u00ad]"; "")
    else . end
  | if hasany(["  ", "\t", "\f", "\u000b"]) then gsub("[ \t\f\u000b]+"; " ") else . end
  | ltrimstr(" ") | rtrimstr(" ");

# Lines to paragraphs: arrays of non-blank lines.
def paragraphs:
  reduce .[] as $l ([[]]; if $l == "" then (if .[-1] == [] then . else . + [[]] end) else .[-1] += [$l] end)
  | map(select(length > 0));

def leading:
  if length == 0 then . else
    (.[0][0] | sub("^(?:date|data) \\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\\d|3[01]))?(?: |$)"; "")) as $first
    | if $first == "" then (.[0] = .[0][1:] | map(select(length > 0))) else .[0][0] = $first end
  end;

# The lines of one paragraph that stay. A teaser takes a bare marker's
# headline and, when it opens the paragraph and is short, up to five short
# lines starting in lower case that end the paragraph.
def block:
  . as $l | length as $n
  | def go($i):
      if $i >= $n then []
      else $l[$i] as $x
        | if ($x | ad or dateline) then go($i + 1)
          elif ($x | teaser) then
            (($i == 0) and ($x | length) <= 100) as $wrap
            | (if $i + 1 < $n and ($l[$i + 1] | length) <= 100 and ($x | bare) then $i + 2 else $i + 1 end) as $j
            | def cont($k):
                if $wrap and $k < $n and $k - $j < 5 and ($l[$k] | length) <= 100 and ($l[$k] | startslower)
                then cont($k + 1) else $k end;
              cont($j) as $k
            | go(if $k == $n then $k else $j end)
          else [$x] + go($i + 1)
          end
      end;
    go(0);

# A field holds text, not a file: no final line break (as artclean).
def clean:
  split("\n") | map(normline) | paragraphs | leading
  | map(block | select(length > 0) | join("\n")) | join("\n\n");

.text |= clean
