package corpus

import (
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// rng is SplitMix64: tiny, fast and fixed, so that a seed gives the same
// corpus on every Go version (math/rand makes no such promise for the
// methods built on its sources).
type rng struct{ s uint64 }

// newRNG returns the generator of article n under seed.
func newRNG(seed, n uint64) *rng {
	r := &rng{s: seed ^ 0x6a09e667f3bcc909}
	r.s ^= r.next() + n*0xbb67ae8584caa73b
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n). The modulo bias is far below what a
// corpus can show.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// chance returns true with probability p.
func (r *rng) chance(p float64) bool { return float64(r.next()>>11)/(1<<53) < p }

// count returns 0, 1 or 2 with probabilities 20%, 60% and 20%: a mean of one.
func (r *rng) count() int {
	switch x := r.intn(10); {
	case x < 2:
		return 0
	case x < 8:
		return 1
	}
	return 2
}

func pick[T any](r *rng, list []T) T { return list[r.intn(len(list))] }

type layout int

const (
	layoutBlocks  layout = iota // paragraphs separated by blank lines
	layoutLines                 // one line per paragraph, no blank lines
	layoutWrapped               // blank-line paragraphs hard-wrapped at wrapWidth
)

const wrapWidth = 72

// Rough mean sizes in bytes, to aim article sizes.
const (
	meanParagraph = 430
	meanNoise     = 150
)

// Noise rates.
const (
	pLeading   = 0.30
	pDateLine  = 0.50
	pCRLF      = 0.10
	pNBSP      = 0.08 // paragraphs with NBSP after one-letter words
	pSpaces    = 0.05 // paragraphs with a double or trailing space
	pWrapTease = 0.25 // teasers, in blank-line layouts, hard-wrapped
	pExtraGap  = 0.05 // paragraph gaps of several or white-space blank lines
)

var adMarkers = []string{
	"Reklama", "Reklama", "Reklama", "REKLAMA", "REKLAMA", "- Reklama -", "- REKLAMA -",
	"[Reklama]", "[REKLAMA]", "*** reklama ***", "Reklama:", "Materiał reklamowy", "Artykuł sponsorowany",
}

var teaserOpeners = []string{
	"Czytaj więcej ", "ZOBACZ TAKŻE >> ", "Czytaj też: ", "» Przeczytaj także: ", "Polecamy: ",
	"Zobacz również: ", "CZYTAJ TAKŻE: ", "Sprawdź też >> ", "CZYTAJ WIĘCEJ >> ",
}

var wrappedTeaserOpeners = []string{"CZYTAJ TAKŻE:", "Czytaj także:", "ZOBACZ RÓWNIEŻ:", "Przeczytaj też:"}

var monthsGenitive = []string{
	"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
	"lipca", "sierpnia", "września", "października", "listopada", "grudnia",
}

var weekdays = []string{"niedziela", "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota"}

// allHeadlines are the teaser headlines: the test data's, and short article
// sentences without their final period. They are gathered on first use:
// artclean links this package for ParseSize alone.
var allHeadlines = sync.OnceValue(func() []string {
	hs := append([]string(nil), headlines...)
	for _, s := range sentences {
		if strings.HasPrefix(s, "-") || utf8.RuneCountInString(s) > 90 {
			continue
		}
		hs = append(hs, strings.TrimSuffix(s, "."))
	}
	return hs
})

// article is one generated article; its buffers are reused.
type article struct {
	text []byte
	eol  string

	crlf, leading                           bool
	ads, teasers, wrappedTeasers, dateLines int

	paras   []string
	inserts [][][]string // noise blocks to put before body paragraph i (i == len(paras): at the end)
}

// build makes an article of about target bytes of body text plus noise.
func (a *article) build(r *rng, target int) {
	a.text = a.text[:0]
	a.ads, a.teasers, a.wrappedTeasers, a.dateLines = 0, 0, 0, 0

	lay := layoutBlocks
	switch x := r.intn(100); {
	case x >= 90:
		lay = layoutWrapped
	case x >= 75:
		lay = layoutLines
	}
	a.crlf = r.chance(pCRLF)
	a.eol = "\n"
	if a.crlf {
		a.eol = "\r\n"
	}

	a.paras = a.paras[:0]
	// Stop when half a paragraph more would pass the target less the noise:
	// the mean article then comes out close to the target.
	for size := 0; len(a.paras) == 0 || size+meanParagraph/2+meanNoise < target; {
		p := paragraph(r)
		a.paras = append(a.paras, p)
		size += len(p) + 2
	}
	n := len(a.paras)
	for i := range a.inserts {
		a.inserts[i] = a.inserts[i][:0]
	}
	for len(a.inserts) < n+1 {
		a.inserts = append(a.inserts, nil)
	}
	a.inserts = a.inserts[:n+1]
	insert := func(pos int, block []string) { a.inserts[pos] = append(a.inserts[pos], block) }
	// Ads and teasers go between paragraphs or at the end, never first.
	for range r.count() {
		insert(1+r.intn(n), []string{pick(r, adMarkers)})
		a.ads++
	}
	for range r.count() {
		insert(1+r.intn(n), a.teaser(r, lay))
		a.teasers++
	}
	if r.chance(pDateLine) {
		pos := []int{0, 1, n}[r.intn(3)]
		insert(min(pos, n), []string{dateLine(r)})
		a.dateLines++
	}

	var blocks [][]string
	for i := 0; i <= n; i++ {
		blocks = append(blocks, a.inserts[i]...)
		if i < n {
			p := a.paras[i]
			if lay == layoutWrapped {
				blocks = append(blocks, wrap(p, wrapWidth))
			} else {
				blocks = append(blocks, []string{p})
			}
		}
	}

	a.leading = r.chance(pLeading)
	if a.leading {
		tok := leadingToken(r)
		first := blocks[0]
		if strings.HasSuffix(tok, " ") {
			first = append([]string{tok + first[0]}, first[1:]...)
		} else {
			first = append([]string{tok}, first...)
		}
		blocks[0] = first
	}

	for i, b := range blocks {
		if i > 0 {
			a.text = append(a.text, a.eol...)
			if lay != layoutLines {
				a.text = append(a.text, a.gap(r)...)
			}
		}
		for j, line := range b {
			if j > 0 {
				a.text = append(a.text, a.eol...)
			}
			a.text = append(a.text, line...)
		}
	}
	a.text = append(a.text, a.eol...)
}

// gap returns what goes between two paragraphs after the first line end:
// usually one blank line, now and then several or one holding spaces.
func (a *article) gap(r *rng) string {
	if !r.chance(pExtraGap) {
		return a.eol
	}
	switch r.intn(3) {
	case 0:
		return a.eol + a.eol + a.eol
	case 1:
		return " \u00a0" + a.eol
	}
	return "\t" + a.eol + a.eol
}

// paragraph joins two to five sentences, with the occasional NBSP after
// one-letter words and a stray double or trailing space.
func paragraph(r *rng) string {
	k := 2 + r.intn(4)
	var b strings.Builder
	prev := -1
	for i := 0; i < k; i++ {
		j := r.intn(len(sentences))
		if j == prev {
			j = (j + 1) % len(sentences)
		}
		prev = j
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sentences[j])
	}
	p := b.String()
	if r.chance(pNBSP) {
		p = nbspAfterShortWords(p)
	}
	if r.chance(pSpaces) {
		if r.intn(2) == 0 {
			p += " "
		} else if i := strings.Index(p[len(p)/2:], " "); i >= 0 {
			i += len(p) / 2
			p = p[:i] + "  " + p[i+1:]
		}
	}
	return p
}

// nbspAfterShortWords puts NBSP after one-letter words ("w\u00a0Polsce"), as
// Polish typesetting does.
func nbspAfterShortWords(p string) string {
	words := strings.Split(p, " ")
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			if utf8.RuneCountInString(words[i-1]) == 1 && strings.ContainsAny(words[i-1], "wzioauWZIOAU") {
				b.WriteString("\u00a0")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

// wrap breaks p at spaces into lines of at most width runes (longer words
// stay whole).
func wrap(p string, width int) []string {
	var lines []string
	for utf8.RuneCountInString(p) > width {
		cut, n := -1, 0
		for i, c := range p {
			if n > width {
				break
			}
			if c == ' ' {
				cut = i
			}
			n++
		}
		if cut <= 0 {
			break
		}
		lines = append(lines, p[:cut])
		p = p[cut+1:]
	}
	return append(lines, p)
}

// teaser returns a teaser block: one line, or in blank-line layouts now and
// then a marker line with the headline hard-wrapped under it.
func (a *article) teaser(r *rng, lay layout) []string {
	h := pick(r, allHeadlines())
	if lay != layoutLines && r.chance(pWrapTease) {
		a.wrappedTeasers++
		return append([]string{pick(r, wrappedTeaserOpeners)}, wrap(h, 30)...)
	}
	opener := pick(r, teaserOpeners)
	if opener == "Czytaj więcej " && r.chance(0.5) {
		// The seed's kind: a long teaser with the other article's lead.
		return []string{opener + h + " " + pick(r, sentences) + " " + pick(r, sentences)}
	}
	return []string{opener + h}
}

type date struct{ y, m, d, hh, mm, ss int }

func randomDate(r *rng) date {
	return date{2015 + r.intn(10), 1 + r.intn(12), 1 + r.intn(28), r.intn(24), r.intn(60), r.intn(60)}
}

func (d date) weekday() string {
	return weekdays[time.Date(d.y, time.Month(d.m), d.d, 12, 0, 0, 0, time.UTC).Weekday()]
}

// dateLine returns a line that holds only a date, as news sites print them.
func dateLine(r *rng) string {
	d := randomDate(r)
	month := monthsGenitive[d.m-1]
	switch r.intn(8) {
	case 0:
		return fmt.Sprintf("%02d.%02d.%d, %02d:%02d", d.d, d.m, d.y, d.hh, d.mm)
	case 1:
		return fmt.Sprintf("Opublikowano: %02d.%02d.%d", d.d, d.m, d.y)
	case 2:
		return fmt.Sprintf("Opublikowano: %02d.%02d.%d %02d:%02d", d.d, d.m, d.y, d.hh, d.mm)
	case 3:
		return fmt.Sprintf("%d %s %d r., godz. %02d:%02d", d.d, month, d.y, d.hh, d.mm)
	case 4:
		wd := d.weekday()
		if r.intn(2) == 0 {
			c, n := utf8.DecodeRuneInString(wd)
			wd = strings.ToUpper(string(c)) + wd[n:]
		}
		return fmt.Sprintf("%s, %d %s %d", wd, d.d, month, d.y)
	case 5:
		return fmt.Sprintf("Aktualizacja: %02d.%02d.%d, %02d:%02d", d.d, d.m, d.y, d.hh, d.mm)
	case 6:
		return fmt.Sprintf("%d-%02d-%02d %02d:%02d:%02d", d.y, d.m, d.d, d.hh, d.mm, d.ss)
	}
	return fmt.Sprintf("Data dodania: %d %s %d", d.d, month, d.y)
}

// leadingToken returns a metadata date token. One that ends in a space is
// glued to the first line; one without is a line of its own.
func leadingToken(r *rng) string {
	d := randomDate(r)
	switch x := r.intn(10); {
	case x < 5:
		return fmt.Sprintf("date %d-%02d ", d.y, d.m)
	case x < 6:
		return fmt.Sprintf(" date %d-%02d ", d.y, d.m)
	case x < 8:
		return fmt.Sprintf("date %d-%02d-%02d ", d.y, d.m, d.d)
	case x < 9:
		return fmt.Sprintf("data %d-%02d-%02d ", d.y, d.m, d.d)
	}
	return fmt.Sprintf("date %d-%02d", d.y, d.m)
}
