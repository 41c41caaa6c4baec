"""artclean's Polish seed rules for JSON Lines, with json and re, for
bench/compare.sh: the same rules as clean.pl, applied to the "text" field of
each record; each record is one document.

    python3 bench/equiv/clean_jsonl.py < corpus.jsonl > clean.jsonl
    python3 bench/equiv/clean_jsonl.py --text < corpus.txt > clean.txt

(--text cleans plain text, to check the rules against artclean.)
"""
import json
import re
import sys

PUNCT = r"[ :>»›|….\u2013\u2014-]"
AD = re.compile(r"^\W*(?:reklam[ay]|materiał reklamowy|artykuł sponsorowany)\W*$", re.I)
TEASER = re.compile(
    r"^\W*(?:(?:czytaj (?:więcej|też|także|również|dalej)|przeczytaj (?:też|także|również)"
    r"|zobacz (?:też|także|również|więcej)|sprawdź (?:też|także|również)|dowiedz się więcej)"
    r"(?=$|" + PUNCT + r")"
    r"|(?:polecamy|więcej na ten temat|czytaj|zobacz)(?= *(?:$|[:>»›|….\u2013\u2014-])))",
    re.I,
)
BARE = re.compile(
    r"^\W*(?:czytaj (?:więcej|też|także|również|dalej)|przeczytaj (?:też|także|również)"
    r"|zobacz (?:też|także|również|więcej)|sprawdź (?:też|także|również)|dowiedz się więcej"
    r"|polecamy|więcej na ten temat|czytaj|zobacz)\W*$",
    re.I,
)
MONTH = (r"(?:stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września"
         r"|października|listopada|grudnia)")
DAY = (r"(?:\d{1,2}\.\d{1,2}\.(?:\d{4}|\d\d)|\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)|\d{1,2}-\d{1,2}-(?:\d{4}|\d\d)"
       r"|\d{4}-\d\d-\d\d|\d{1,2} " + MONTH + r" \d{4}(?: r\.?)?)")
TOKEN = (r"(?:(?:opublikowano|aktualizacja|zaktualizowano|publikacja|data publikacji|data dodania"
         r"|data aktualizacji|ostatnia aktualizacja|dodano|data|date):?"
         r"|(?:poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela),?"
         r"|" + DAY + r",?|(?:godz\.? )?\d{1,2}:\d\d(?::\d\d)?)")
# Only labels, weekdays, dates and times, with at least one date.
DATE = re.compile(r"(?=.*?" + DAY + r")" + TOKEN + r"(?: " + TOKEN + r")*", re.I)
DIGIT = re.compile(r"\d")
LEADING = re.compile(r"(?:date|data) \d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?(?: |$)", re.M)
EOL = re.compile(r"\r\n?")
SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
BLANKS = re.compile(r"[ \t\f\v]+")
TRIM = re.compile(r"^ | $", re.M)
PARA = re.compile(r"\n\n+")


def dropped(line):
    """Whether a line is an ad marker or a date line."""
    if AD.match(line):
        return True
    return bool(len(line) <= 160 and DIGIT.search(line) and DATE.fullmatch(line))


def starts_lower(line):
    return line[:1].islower()


def block(lines):
    """The lines of one paragraph that stay."""
    keep = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if dropped(line):
            i += 1
            continue
        if TEASER.match(line):
            wrap = i == 0 and len(line) <= 100
            j = i + 1
            if j < n and len(lines[j]) <= 100 and BARE.match(line):
                j += 1  # a bare marker's headline
            k = j
            while wrap and k < n and k - j < 5 and len(lines[k]) <= 100 and starts_lower(lines[k]):
                k += 1
            i = k if k == n else j
            continue
        keep.append(line)
        i += 1
    return keep


def clean(text):
    text = EOL.sub("\n", text)
    text = SPACES.sub(" ", text)
    text = INVISIBLE.sub("", text)
    text = BLANKS.sub(" ", text)
    text = TRIM.sub("", text)
    out = []
    first = True
    for p in PARA.split(text):
        p = p.strip("\n")
        if not p:
            continue
        if first:
            first = False
            m = LEADING.match(p)
            if m:
                p = p[m.end():].lstrip("\n")
                if not p:
                    continue
        lines = block(p.split("\n"))
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n" if out else ""


def main():
    if sys.argv[1:] == ["--text"]:
        sys.stdout.write(clean(sys.stdin.read()))
        return
    write = sys.stdout.write
    for line in sys.stdin:
        rec = json.loads(line)
        # A field holds text, not a file: no final line break (as artclean).
        rec["text"] = clean(rec["text"]).removesuffix("\n")
        write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
