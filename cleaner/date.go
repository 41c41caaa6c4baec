package cleaner

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The date recogniser decides whether a line holds only a date or time, with
// optional labels ("Opublikowano:"), weekday and filler words ("r.", "godz.",
// "CET"). The grammar is fixed; the words come from the date-line rules of
// the enabled packs. A line is removed only when every token is understood
// and the tokens make a real date or time (see dateEvidence.strong), so a
// date inside a sentence always survives: the sentence's words are not in
// any vocabulary.

// maxDateLine bounds the lines the recogniser looks at: a date line is short.
const maxDateLine = 160

type dateClass uint8

const (
	dateLabel dateClass = iota + 1
	dateMonth
	dateWeekday
	dateWord
	dateZone // a filler that pins a time: "CET", "UTC", "Uhr", "godz."
)

type dateWordInfo struct {
	class dateClass
	rule  *Rule
}

type dateRecognizer struct {
	words  map[string]dateWordInfo // folded single-token vocabulary
	labels map[string][]multiLabel // first folded token → labels of several tokens
	intl   *Rule                   // rule for lines made only of numbers
	n      int
}

// multiLabel is a label of several tokens, such as "data dodania".
type multiLabel struct {
	toks []string
	rule *Rule
}

func (d *dateRecognizer) addRule(r *Rule) {
	if d.words == nil {
		d.words = map[string]dateWordInfo{}
		d.labels = map[string][]multiLabel{}
	}
	d.n++
	if r.Pack == "intl" && d.intl == nil {
		d.intl = r
	}
	add := func(list []string, c dateClass) {
		for _, w := range list {
			f := foldString(w)
			if _, dup := d.words[f]; !dup {
				d.words[f] = dateWordInfo{class: c, rule: r}
			}
		}
	}
	add(r.Months, dateMonth)
	add(r.Weekdays, dateWeekday)
	for _, w := range r.Words {
		c := dateWord
		if strings.HasPrefix(w, "!") {
			// "!CET": a word that pins a bare time as a timestamp.
			c, w = dateZone, w[1:]
		}
		add([]string{w}, c)
	}
	for _, l := range r.Labels {
		toks := strings.Fields(foldString(l))
		for i, t := range toks {
			toks[i] = strings.TrimRight(t, ":")
		}
		if len(toks) == 1 {
			add(toks, dateLabel)
			continue
		}
		d.labels[toks[0]] = append(d.labels[toks[0]], multiLabel{toks: toks, rule: r})
	}
}

// dateEvidence collects what the tokens of a line add up to.
type dateEvidence struct {
	numDate, time, seconds, day, year, month, weekday, label, zone bool
	rule                                                           *Rule
}

func (e *dateEvidence) strong() bool {
	switch {
	case e.numDate:
		return true
	case e.time && (e.label || e.zone || e.seconds || e.day || e.month || e.weekday):
		return true
	case e.month && e.year:
		return true
	case e.month && e.day && (e.label || e.weekday):
		return true
	}
	return false
}

// maxDateTokens bounds the tokens of a date line.
const maxDateTokens = 16

// match returns the rule that claims line as a date line, or nil. toks is
// the caller's to reuse.
func (d *dateRecognizer) match(line []byte, f *folder, toks *[]string) *Rule {
	if d.n == 0 || len(line) > maxDateLine || !hasDigit(line) {
		return nil
	}
	// Most short lines with a digit are prose, which their first token
	// rules out: it alone is folded and looked at before the whole line
	// is folded and split. Folding maps rune by rune and leaves spaces
	// and separators alone, so it is the folded line's first token.
	if first := firstDateToken(line); first == nil || !d.mayStart(string(f.fold(first))) {
		return nil
	}
	return d.matchAll(line, f, toks)
}

// matchAll is match without the pre-check on the first token.
func (d *dateRecognizer) matchAll(line []byte, f *folder, toks *[]string) *Rule {
	*toks = appendDateTokens((*toks)[:0], string(f.fold(line)), maxDateTokens+1)
	if len(*toks) == 0 || len(*toks) > maxDateTokens {
		return nil
	}
	return d.matchTokens(*toks)
}

// mayStart reports whether a date line may start with token t: what
// matchTokens asks of its first token.
func (d *dateRecognizer) mayStart(t string) bool {
	var e dateEvidence
	return len(d.labels[t]) > 0 || d.token(t, &e)
}

// firstDateToken returns the first token appendDateTokens would find in
// line, nil if none.
func firstDateToken(line []byte) []byte {
	for i := 0; i < len(line); {
		start := i
		for i < len(line) {
			r, size := utf8.DecodeRune(line[i:])
			if unicode.IsSpace(r) || isDateSeparator(r) {
				break
			}
			i += size
		}
		if t := bytes.TrimRight(line[start:i], ":"); dateToken(string(t)) {
			return t
		}
		if i < len(line) {
			_, size := utf8.DecodeRune(line[i:])
			i += size
		}
	}
	return nil
}

func (d *dateRecognizer) matchTokens(toks []string) *Rule {
	var e dateEvidence
	for i := 0; i < len(toks); i++ {
		if n := d.matchLabel(toks[i:], &e); n > 0 {
			i += n - 1
			continue
		}
		if !d.token(toks[i], &e) {
			return nil
		}
	}
	if !e.strong() {
		return nil
	}
	if e.rule != nil {
		return e.rule
	}
	return d.intl
}

// hasDigit reports an ASCII digit in b, which every date line has,
// testing 32 bytes at a time with AVX2, else eight. (bytes.IndexAny builds
// its byte set on every call.)
func hasDigit(b []byte) bool {
	if useAVX2 && len(b) >= 32 {
		return hasDigitVector(b)
	}
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		// A digit is 0x30-0x39: high nibble 3 (the xor leaves 0 there) and
		// a low nibble that adding 6 does not carry out of.
		x := (w ^ 0x3030303030303030) & 0xF0F0F0F0F0F0F0F0
		low := (w&0x0F0F0F0F0F0F0F0F + 0x0606060606060606) & 0x1010101010101010
		// A byte of x is zero at a digit: the zero-byte test, exact as
		// only whether there is one counts.
		if (x-0x0101010101010101)&^x&0x8080808080808080&(^low<<3) != 0 {
			return true
		}
	}
	for ; i < len(b); i++ {
		if b[i]-'0' < 10 {
			return true
		}
	}
	return false
}

func (d *dateRecognizer) matchLabel(toks []string, e *dateEvidence) int {
	for _, l := range d.labels[toks[0]] {
		if len(l.toks) <= len(toks) && slices.Equal(l.toks, toks[:len(l.toks)]) {
			e.label = true
			e.claim(l.rule)
			return len(l.toks)
		}
	}
	return 0
}

func (e *dateEvidence) claim(r *Rule) {
	if e.rule == nil && r != nil && r.Pack != "intl" {
		e.rule = r
	}
}

// token classifies one token; false means the line is not a date line.
func (d *dateRecognizer) token(t string, e *dateEvidence) bool {
	if info, ok := d.lookup(t); ok {
		switch info.class {
		case dateLabel:
			e.label = true
		case dateMonth:
			e.month = true
		case dateWeekday:
			e.weekday = true
		case dateZone:
			e.zone = true
		}
		e.claim(info.rule)
		return true
	}
	t = strings.TrimSuffix(t, ".")
	switch {
	case isNumericDate(t):
		e.numDate = true
	case isTime(t):
		e.time = true
		e.seconds = e.seconds || strings.Count(t, ":") == 2
	case isISODateTime(t):
		e.numDate = true
	case isClock(t):
		e.time, e.seconds = true, true
	case isDay(t):
		e.day = true
	case isYear(t):
		e.year = true
	default:
		// "2022r", "14:35h": a number glued to a filler word.
		for i := len(t) - 1; i > 0; i-- {
			if isDigit(t[i-1]) && !isDigit(t[i]) {
				if info, ok := d.lookup(t[i:]); ok && info.class == dateWord || ok && info.class == dateZone {
					return d.token(t[:i], e) && d.token(t[i:], e)
				}
				break
			}
		}
		return false
	}
	return true
}

func (d *dateRecognizer) lookup(t string) (dateWordInfo, bool) {
	if info, ok := d.words[t]; ok {
		return info, true
	}
	if strings.HasSuffix(t, ".") {
		info, ok := d.words[strings.TrimSuffix(t, ".")]
		return info, ok
	}
	return dateWordInfo{}, false
}

// appendDateTokens appends the tokens of s, a folded line, to toks, up to
// limit of them: s is split at spaces and at the separators , ; | ( ) • ·,
// a trailing ':' is dropped and a lone dash, slash or "@" is a separator.
// The tokens are substrings of s: nothing is copied.
func appendDateTokens(toks []string, s string, limit int) []string {
	start := -1
	for i, r := range s {
		switch {
		case !unicode.IsSpace(r) && !isDateSeparator(r):
			if start < 0 {
				start = i
			}
			continue
		case start >= 0:
			toks = appendDateToken(toks, s[start:i])
			start = -1
			if len(toks) >= limit {
				return toks
			}
		}
	}
	if start >= 0 {
		toks = appendDateToken(toks, s[start:])
	}
	return toks
}

func isDateSeparator(r rune) bool {
	switch r {
	case ',', ';', '|', '(', ')', '•', '·':
		return true
	}
	return false
}

func appendDateToken(toks []string, t string) []string {
	if t = strings.TrimRight(t, ":"); !dateToken(t) {
		return toks
	}
	return append(toks, t)
}

// dateToken reports whether t, split off and trimmed, is a token: a lone
// dash, slash or "@" only separates.
func dateToken(t string) bool {
	switch t {
	case "", "-", "–", "—", "/", "@":
		return false
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digits returns how many ASCII digits s starts with.
func digits(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// isNumericDate accepts D.M.YYYY, DD/MM/YY, YYYY-MM-DD and the like: three
// numbers joined by one kind of separator, with a plausible day and month.
func isNumericDate(s string) bool {
	var parts [3]string
	sep := byte(0)
	for i := 0; i < 3; i++ {
		n := digits(s)
		if n == 0 {
			return false
		}
		parts[i], s = s[:n], s[n:]
		if i == 2 {
			break
		}
		if len(s) == 0 || (s[0] != '.' && s[0] != '/' && s[0] != '-') || (sep != 0 && s[0] != sep) {
			return false
		}
		sep, s = s[0], s[1:]
	}
	if s != "" {
		return false
	}
	var day, month, year string
	switch {
	case len(parts[0]) == 4: // YYYY-MM-DD
		year, month, day = parts[0], parts[1], parts[2]
	case len(parts[2]) == 4 || len(parts[2]) == 2: // DD.MM.YYYY, DD.MM.YY
		day, month, year = parts[0], parts[1], parts[2]
	default:
		return false
	}
	if len(day) > 2 || len(month) > 2 || len(year) == 4 && !isYear(year) {
		return false
	}
	d, m := atoi(day), atoi(month)
	// MM/DD/YYYY (American) is accepted too: either order must be a date.
	return d >= 1 && m >= 1 && (d <= 31 && m <= 12 || m <= 31 && d <= 12)
}

// isTime accepts H:MM and HH:MM:SS.
func isTime(s string) bool {
	n := digits(s)
	if n == 0 || n > 2 || atoi(s[:n]) > 24 {
		return false
	}
	s = s[n:]
	if s == "" {
		return false
	}
	for k := 0; k < 2 && s != ""; k++ {
		if s[0] != ':' || len(s) < 3 || digits(s[1:]) != 2 || atoi(s[1:3]) > 59 {
			return false
		}
		s = s[3:]
	}
	return s == ""
}

// isISODateTime accepts 2022-04-12T14:35, with seconds, fraction and zone.
func isISODateTime(s string) bool {
	date, rest, ok := strings.Cut(s, "t")
	return ok && isNumericDate(date) && isClock(rest)
}

// isClock accepts a time of day with seconds' fraction and zone, as a
// database or an API prints it: 17:13:04.031886+02:00, 14:35z.
func isClock(rest string) bool {
	rest = strings.TrimSuffix(rest, "z")
	if i := strings.IndexAny(rest, "+-"); i > 0 {
		// The zone offset: "02", "0200" or "02:00".
		z := rest[i+1:]
		if n := digits(z); !(n == len(z) && (n == 2 || n == 4) || n == 2 && len(z) == 5 && z[2] == ':' && digits(z[3:]) == 2) {
			return false
		}
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '.'); i > 0 && digits(rest[i+1:]) == len(rest)-i-1 {
		rest = rest[:i]
	}
	return isTime(rest)
}

func isDay(s string) bool {
	n := digits(s)
	return n == len(s) && n >= 1 && n <= 2 && atoi(s) >= 1 && atoi(s) <= 31
}

func isYear(s string) bool {
	return len(s) == 4 && digits(s) == 4 && atoi(s) >= 1900 && atoi(s) <= 2100
}
