package cleaner

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Page furniture: the lines a page's layout puts around an article
// (navigation, share bars, tag lists, related headlines, footers) that no
// single rule names. Plain text has no tags to tell them by, but it keeps
// what jusText reads in HTML paragraphs: length, the share of the
// language's stop words, whether the line ends a sentence. A line is
// classified by those features alone, then revised by its neighbours: a
// short line between two article paragraphs is a subheading, between two
// furniture lines it is furniture.

// lineClass is a line's class, first by its own features, then revised.
type lineClass uint8

const (
	classShort    lineClass = iota // too short to tell by itself
	classBad                       // furniture by its own features
	classNearGood                  // a sentence, too short to vouch for itself
	classGood                      // article prose
)

// The thresholds, in runes and stop-word shares. The stop-word lists are
// the packs' identification lists (rules/LANG.stop), shorter than jusText's:
// on this project's prose corpus a paragraph has a share of 0.1 to 0.4.
const (
	furnShort      = 30   // below: short, whatever else
	furnLong       = 150  // a sentence this long vouches for itself
	furnHeadline   = 70   // an unpunctuated line this long is a headline or a list of links
	furnMinStops   = 2    // a sentence has function words
	furnProseStops = 0.25 // an unpunctuated line with this share of stop words is written prose
)

// lineFeatures are what the classifier reads of one line.
type lineFeatures struct {
	runes, words, stops int
	sentence            bool // ends as a sentence or a clause does
	lowerWords          int  // words that start lower-case
	copyright           bool
}

// featuresOf reads a line's features; stop words are those of the languages
// in langs (bits over stopWords().langs).
func featuresOf(t []byte, langs uint32) lineFeatures {
	x := stopWords()
	var f lineFeatures
	var word [maxStopWord]byte
	t = bytes.TrimRightFunc(t, unicode.IsSpace)
	f.runes = utf8.RuneCount(t)
	// A line that ends in a comma or a semicolon goes on in the next:
	// a line of verse, a wrapped sentence, an item of an enumeration.
	// Menus and headlines never end so.
	f.sentence = endsSentence(t) || bytes.HasSuffix(t, []byte(",")) || bytes.HasSuffix(t, []byte(";"))
	f.copyright = bytes.Contains(t, []byte("©"))
	for len(t) > 0 {
		r, size := utf8.DecodeRune(t)
		if !unicode.IsLetter(r) {
			t = t[size:]
			continue
		}
		f.words++
		if unicode.IsLower(r) {
			f.lowerWords++
		}
		n, long, rest := lowerWord(t, &word)
		t = rest
		if n == 0 {
			// An apostrophe alone, say: no word to look up.
			if !long {
				_, size = utf8.DecodeRune(t)
				t = t[size:]
			}
			continue
		}
		if long || x.lens[word[0]]&(1<<n) == 0 {
			continue
		}
		if x.words[string(word[:n])]&langs != 0 {
			f.stops++
		}
	}
	return f
}

// classify is a line's class by its own features.
func (f lineFeatures) classify() lineClass {
	switch {
	case f.copyright:
		return classBad
	case f.words == 0:
		return classShort
	case f.sentence && f.lowerWords > 0:
		// A sentence is never furniture by itself: at worst its
		// neighbours make it so.
		switch {
		case f.runes < furnShort:
			return classShort
		case f.runes >= furnLong && f.stops >= furnMinStops:
			return classGood
		}
		return classNearGood
	case f.runes < furnShort:
		return classShort
	case f.runes >= furnLong && f.prose():
		// Unpunctuated, but written: a paragraph cut short.
		return classNearGood
	}
	return classBad
}

// prose reports a line dense in function words, as written text is and a
// menu or a headline is not.
func (f lineFeatures) prose() bool {
	return f.stops >= furnMinStops && float64(f.stops) >= furnProseStops*float64(f.words)
}

// furnReach is how many lines away a sentence's neighbours may decide it.
// jusText looks as far as it must; in a forum thread that reaches past
// every short post and signature to the page's menu, and a thread is all
// short posts. A sentence with no furniture near it stays.
const furnReach = 4

// revise settles the short and near-good lines by their neighbours, as
// jusText does: the nearest good or bad line on each side (the document's
// edges count as furniture) decides. Sentences (near-good lines, and short
// ones that end as sentences do) are decided by near neighbours only.
func revise(classes []lineClass, sentence []bool) []lineClass {
	out := append([]lineClass(nil), classes...)
	// neighbour finds the nearest good or bad line from i in direction
	// step, skipping short lines (and near-good ones when skipNear), at
	// most reach lines away; past the edge it is bad, past reach short.
	neighbour := func(i, step int, skipNear bool, reach int) lineClass {
		for j := i + step; j >= 0 && j < len(classes); j += step {
			if reach > 0 && (j-i)*step > reach {
				return classShort
			}
			switch c := classes[j]; {
			case c == classShort:
			case c == classNearGood && skipNear:
			default:
				return c
			}
		}
		if reach > 0 {
			return classShort
		}
		return classBad
	}
	for i, c := range classes {
		reach := 0
		switch {
		case c == classNearGood || (c == classShort && sentence[i]):
			reach = furnReach
		case c != classShort:
			continue
		}
		prev, next := neighbour(i, -1, true, reach), neighbour(i, 1, true, reach)
		switch {
		case prev == classBad && next == classBad:
			out[i] = classBad
		case c == classNearGood || reach > 0 && (prev != classBad || next != classBad):
			out[i] = classGood
		case prev == classGood && next == classGood:
			out[i] = classGood
		case prev == classBad && neighbour(i, -1, false, 0) == classNearGood,
			next == classBad && neighbour(i, 1, false, 0) == classNearGood:
			out[i] = classGood
		default:
			out[i] = classBad
		}
	}
	return out
}

// furnHeadingReach is how far (in runes of the lines between) a heading
// may stand above the article paragraph it heads.
const furnHeadingReach = 300

// classifyPage classes the non-blank lines of a page; stop words are those of
// langs, and noise, if not nil, reports a line a rule matches or a teaser
// phrase opens. The result is
// revised: good lines are the article's, bad ones furniture.
func classifyPage(lines [][]byte, langs uint32, noise func([]byte) bool) []lineClass {
	feats := make([]lineFeatures, len(lines))
	classes := make([]lineClass, len(lines))
	sentence := make([]bool, len(lines))
	for i, l := range lines {
		feats[i] = featuresOf(l, langs)
		classes[i] = feats[i].classify()
		sentence[i] = feats[i].sentence && feats[i].lowerWords > 0
	}
	joinFragments(lines, langs, classes, sentence)
	// A list is one unit: its items ("• 5G networks (1.4 bn)", "300 g
	// mąki", "9:30 Otwarcie") need no full stop, and a hard-wrapped item
	// or one without a figure ("szczypta soli") goes on in lower case.
	// The run takes the best class of its items.
	for i := 0; i < len(lines); {
		j, lead := i, itemLead(lines[i])
		for j < len(lines) && lead != 0 && (itemLead(lines[j]) == lead || (j > i && startsLower(lines[j]))) {
			j++
		}
		if j-i >= 2 {
			best := classShort
			for k := i; k < j; k++ {
				if classes[k] != classBad && classes[k] > best {
					best = classes[k]
				}
			}
			for k := i; k < j; k++ {
				classes[k] = best
			}
			i = j
			continue
		}
		i = max(j, i+1)
	}
	introducedLists(lines, feats, classes, noise)
	// A heading stands just above an article paragraph: what comes between
	// reads as sentences, and is short.
	for i := range lines {
		if classes[i] == classGood || classes[i] == classNearGood || !headingShaped(lines[i], feats[i]) {
			continue
		}
		reach := 0
		for j := i + 1; j < len(lines) && reach <= furnHeadingReach; j++ {
			if classes[j] == classGood {
				classes[i] = classNearGood
				break
			}
			if classes[j] != classNearGood {
				break
			}
			reach += feats[j].runes
		}
	}
	return revise(classes, sentence)
}

// How a list's item opens.
const (
	leadNone   = iota
	leadBullet // a bullet or an ordinal: "• …", "2. …"
	leadFigure // a figure: a quantity, a time ("300 g mąki", "9:30 Otwarcie")
)

// itemLead tells how t opens, as an item of a list.
func itemLead(t []byte) int {
	switch {
	case bulleted(t):
		return leadBullet
	case len(t) > 0 && '0' <= t[0] && t[0] <= '9' && bytes.IndexByte(t, ' ') > 0:
		return leadFigure
	}
	return leadNone
}

// joinFragments classes a paragraph that the page's markup broke into
// lines (a link, a bold phrase or a name set on a line of its own: "Minister
// przedstawił", "projekt budżetu", "na przyszły rok.") as one paragraph:
// each fragment alone is short or unpunctuated, the paragraph is prose. A
// line goes on the one before when it opens in lower case and the one
// before ends no sentence. Such a run takes the class of its joined text
// where that is better than furniture; a run of lower-case menu items or
// tags joins into no sentence and stays as its lines are.
func joinFragments(lines [][]byte, langs uint32, classes []lineClass, sentence []bool) {
	var joined []byte
	for i := 0; i < len(lines); {
		j := i + 1
		for j < len(lines) && startsLower(lines[j]) && !endsSentence(lines[j-1]) {
			j++
		}
		if j-i >= 2 {
			joined = joined[:0]
			for k := i; k < j; k++ {
				if k > i {
					joined = append(joined, ' ')
				}
				joined = append(joined, bytes.TrimSpace(lines[k])...)
			}
			f := featuresOf(joined, langs)
			if c := f.classify(); c == classGood || c == classNearGood || c == classShort && f.sentence && f.lowerWords > 0 {
				for k := i; k < j; k++ {
					classes[k], sentence[k] = c, f.sentence && f.lowerWords > 0
				}
			}
		}
		i = j
	}
}

// furnMaxItems is the most items a list under an introducing line takes.
const furnMaxItems = 30

// introducedLists keeps the lists the article introduces: a line of the
// article's prose that ends in a colon ("Do ciasta potrzebujemy:") and
// the short lines under it ("mąka", "Wygodne buty"), which are the
// list's items, not a menu: a menu has no sentence introducing it. A
// widget's heading ("Zobacz również:") is a rule's to remove, and a
// list of headlines has items too long to be short.
func introducedLists(lines [][]byte, feats []lineFeatures, classes []lineClass, noise func([]byte) bool) {
	for i := 1; i+1 < len(lines); i++ {
		f := feats[i]
		if !bytes.HasSuffix(bytes.TrimRight(lines[i], " "), []byte(":")) ||
			f.words < 3 || f.lowerWords == 0 || f.stops == 0 || f.runes > furnHeadline ||
			classes[i-1] != classGood && classes[i-1] != classNearGood ||
			classes[i+1] != classShort || noise != nil && noise(lines[i]) {
			continue
		}
		j := i + 1
		for j < len(lines) && j-i <= furnMaxItems && classes[j] == classShort && !feats[j].copyright &&
			(noise == nil || !noise(lines[j])) {
			j++
		}
		if j-i < 3 {
			continue // one item is no list
		}
		for k := i; k < j; k++ {
			classes[k] = classNearGood
		}
		i = j - 1
	}
}

// bulleted reports a line that opens with a bullet or a number, as a list's
// items do.
func bulleted(t []byte) bool {
	r, size := utf8.DecodeRune(t)
	switch r {
	case '•', '·', '-', '–', '—', '*', '►', '▪', '■', '●', '○', '?', '✓', '✔':
		next, _ := utf8.DecodeRune(t[size:])
		return next == ' '
	}
	n := 0
	for n < len(t) && n < 3 && '0' <= t[n] && t[n] <= '9' {
		n++
	}
	return n > 0 && n+1 < len(t) && (t[n] == '.' || t[n] == ')') && t[n+1] == ' '
}

// headingShaped reports a line that may head a paragraph: two words or more,
// starting with a capital or a digit, not ending as a sentence (a colon may
// end it).
func headingShaped(t []byte, f lineFeatures) bool {
	if f.words < 2 || f.runes > furnHeadline || f.sentence || f.copyright {
		return false
	}
	r, _ := utf8.DecodeRune(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}
