// Package learn mines lines that repeat across documents (site boilerplate:
// follow prompts, copyright lines, gallery links) and writes them as a rule
// file of marker rules for a person to review; and sentences that repeat
// inside lines (a reader prompt inside a page flattened to one line), as
// inline rules (spans.go).
//
// Mining takes two passes over the same documents. Pass one (Count) counts,
// per group, the documents each normalised line occurs in, keyed by the
// 64-bit FNV-1a hash of the normalised line: a map[uint64]uint32, about 40
// bytes per distinct line; the sentences of lines of two or more sentences
// are counted the same way in a second map. When a group's maps pass
// Options.MaxKeys entries together, keys seen in only one document so far
// are dropped (a line first seen after such a prune may be under-counted),
// down to half of MaxKeys (keys seen in two documents go next if need be),
// so pass one holds at most MaxKeys entries (and one document's) per group.
// Pass two (Collect) looks only at the lines and sentences whose pass-one
// count reaches the thresholds, counts them exactly and keeps at most
// MaxForms verbatim forms of each (and, for a sentence, a few contexts and
// the counts of which candidate follows which). Memory is therefore
// bounded by groups × MaxKeys × ~40 bytes plus the candidates, whatever the
// corpus size; a line is split into sentences up to its first MiB.
package learn

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"io"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/ruletest"
	"golang.org/x/text/cases"
)

// Options configure a Learner.
type Options struct {
	MinDocs       int     // a candidate occurs in at least this many documents (5)
	MinShare      float64 // …and in at least this share of them (0.005)
	SentenceShare float64 // share a sentence-like line needs (0.2)
	Pack          string  // pack name ("learned"); groups get "-<group>"
	GroupBy       string  // what groups are: "dir" or a JSON field; their packs get a scope line
	// Removed, if set, reports a line the active rules already remove;
	// such lines are not counted.
	Removed  func(line string) bool
	MaxKeys  int // distinct lines counted per group in pass one (8<<20)
	MaxForms int // verbatim forms kept per candidate (32)
}

// MaxLine is the longest line considered; longer lines are not boilerplate.
const MaxLine = 1000

type form struct {
	text string
	docs int
}

type cand struct {
	norm  string
	docs  int
	forms map[string]*form // verbatim trimmed line → count
	last  int              // document number of the last count
}

type group struct {
	name   string
	docs   int // pass one
	docs2  int // pass two
	counts map[uint64]uint32
	seen   map[uint64]int // hash → last document counting it (pass one)
	cands  map[uint64]*cand
	// Sentences inside lines (spans.go): pass one, pass two.
	scounts map[uint64]uint32
	scands  map[uint64]*scand
	pairs   map[[2]uint64]*pairCount // candidate sentence → the next one in a line
}

// Learner mines one corpus. Call Count for every document, then Collect for
// the same documents in any order, then Write.
type Learner struct {
	opts    Options
	groups  map[string]*group
	order   []string
	removed map[string]bool
	pass2   bool
}

// New returns a Learner; zero options take their defaults.
func New(opts Options) *Learner {
	if opts.MinDocs <= 0 {
		opts.MinDocs = 5
	}
	if opts.MinShare <= 0 {
		opts.MinShare = 0.005
	}
	if opts.SentenceShare <= 0 {
		opts.SentenceShare = 0.2
	}
	if opts.Pack == "" {
		opts.Pack = "learned"
	}
	if opts.MaxKeys <= 0 {
		opts.MaxKeys = 8 << 20
	}
	if opts.MaxForms <= 0 {
		opts.MaxForms = 32
	}
	return &Learner{opts: opts, groups: map[string]*group{}, removed: map[string]bool{}}
}

func (l *Learner) group(name string) *group {
	g := l.groups[name]
	if g == nil {
		g = &group{name: name, counts: map[uint64]uint32{}, seen: map[uint64]int{}, scounts: map[uint64]uint32{}}
		l.groups[name] = g
		l.order = append(l.order, name)
	}
	return g
}

// Normalize folds a line for counting: trimmed, lower case, each run of
// digits to "0", each run of spaces, punctuation and symbols to one space.
func Normalize(s string) string {
	var b strings.Builder
	sep, digit := false, false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsDigit(r):
			if !digit {
				if sep && b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteByte('0')
			}
			sep, digit = false, true
		case unicode.IsLetter(r) || unicode.IsMark(r):
			if sep && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			sep, digit = false, false
		default:
			sep, digit = true, false
		}
	}
	return b.String()
}

func hash(s string) uint64 {
	h := fnv.New64a()
	io.WriteString(h, s)
	return h.Sum64()
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// normKey is hash(prefix + Normalize(s)) and the number of words of the
// normalised text, without building it: every line and sentence is keyed
// in both passes, and the string and its lower-case copy were most of
// the time spent on a corpus of one-line documents.
func normKey(prefix string, s string) (key uint64, words int) {
	h := uint64(fnvOffset)
	for i := 0; i < len(prefix); i++ {
		h = (h ^ uint64(prefix[i])) * fnvPrime
	}
	sep, digit := false, false
	var buf [utf8.UTFMax]byte
	for _, r := range s {
		var letter, dig bool
		if r < utf8.RuneSelf { // most text; the unicode tables cost a third of the time
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			letter, dig = 'a' <= r && r <= 'z', '0' <= r && r <= '9'
		} else {
			r = unicode.ToLower(r)
			letter, dig = unicode.IsLetter(r) || unicode.IsMark(r), unicode.IsDigit(r)
		}
		switch {
		case dig:
			if !digit {
				if sep && words > 0 {
					h = (h ^ ' ') * fnvPrime
				}
				if sep || words == 0 {
					words++
				}
				h = (h ^ '0') * fnvPrime
			}
			sep, digit = false, true
		case letter:
			if sep && words > 0 {
				h = (h ^ ' ') * fnvPrime
			}
			if sep || words == 0 {
				words++
			}
			for _, b := range utf8.AppendRune(buf[:0], r) {
				h = (h ^ uint64(b)) * fnvPrime
			}
			sep, digit = false, false
		default:
			sep, digit = true, false
		}
	}
	return h, words
}

// readers are reused: a fresh 64 KiB buffer per document was an eighth of
// the time on a corpus of short documents.
var readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

// maxFlatLine is the most of one line split into sentences: a flattened
// document is one line, and a line longer than this (no article is) is
// split only as far as here, so that memory stays bounded.
const maxFlatLine = 1 << 20

// eachLine calls fn with every trimmed, non-empty line of r under MaxLine
// bytes, except the lines that continue a sentence broken at a fixed
// width: a line whose predecessor in the same paragraph ends inside a
// sentence ("…relacje między Rosją a" / "Białorusią.") is a piece of prose,
// however often its words repeat. Longer lines are not lines of
// boilerplate. If sents is not nil, it gets the sentences of every line
// that has two or more (up to maxFlatLine bytes of it): the line is prose
// or a flattened page, where boilerplate sits inside the line.
func eachLine(r io.Reader, fn func(line string), sents func([]sent)) error {
	br := readers.Get().(*bufio.Reader)
	br.Reset(r)
	defer func() { br.Reset(nil); readers.Put(br) }()
	midSentence := false // the previous line of this paragraph ended inside a sentence
	var buf []byte
	for {
		buf = buf[:0]
		cut := false // the line is longer than maxFlatLine
		chunk, err := br.ReadSlice('\n')
		for err == bufio.ErrBufferFull {
			if len(buf) < maxFlatLine {
				buf = append(buf, chunk...)
			} else {
				cut = true
			}
			chunk, err = br.ReadSlice('\n')
		}
		if len(buf)+len(chunk) > maxFlatLine {
			cut = true
		}
		if len(buf) < maxFlatLine {
			buf = append(buf, chunk...)
		}
		if err != nil && err != io.EOF {
			return err
		}
		raw := buf[:min(len(buf), maxFlatLine)]
		t := strings.TrimSpace(string(raw))
		switch {
		case t == "":
			midSentence = false
		default:
			if len(t) <= MaxLine && !midSentence {
				fn(t)
			}
			if sents != nil {
				ss := splitSentences(t, midSentence)
				if cut && len(ss) > 0 {
					ss = ss[:len(ss)-1] // cut off in the middle
				}
				if len(ss) >= 2 {
					sents(ss)
				}
			}
			// A wrapped line is long (near the wrap width) and stops inside
			// a sentence; short lines such as "Udostępnij" stand alone.
			last, _ := utf8.DecodeLastRuneInString(t)
			midSentence = !cut && len(t) <= MaxLine && utf8.RuneCountInString(t) >= 40 &&
				(unicode.IsLetter(last) || unicode.IsDigit(last) || last == ',' || last == '-')
		}
		if err == io.EOF {
			return nil
		}
	}
}

// Count is pass one: it counts the lines of one document of a group ("" for
// no grouping).
func (l *Learner) Count(groupName string, doc io.Reader) error {
	g := l.group(groupName)
	g.docs++
	n := g.docs
	err := eachLine(doc, func(line string) {
		if h, words := normKey("", line); words > 0 {
			g.countOnce(g.counts, h, n)
		}
	}, func(ss []sent) { g.countSentences(ss, n) })
	// The per-document set lives only as long as the document.
	clear(g.seen)
	g.prune(l.opts.MaxKeys)
	return err
}

// countOnce counts key h in m once per document n.
func (g *group) countOnce(m map[uint64]uint32, h uint64, n int) {
	if g.seen[h] == n {
		return
	}
	g.seen[h] = n
	m[h]++
}

// prune bounds pass one: past maxKeys lines and sentences together, the
// ones seen in only one document so far are dropped (a line first seen
// after a prune may be under-counted). It prunes down to half of maxKeys,
// raising the floor past one document if it must: otherwise a map full of
// keys seen twice would be scanned whole after every document.
func (g *group) prune(maxKeys int) {
	if len(g.counts)+len(g.scounts) <= maxKeys {
		return
	}
	for floor := uint32(1); len(g.counts)+len(g.scounts) > maxKeys/2; floor++ {
		for _, m := range []map[uint64]uint32{g.counts, g.scounts} {
			for h, c := range m {
				if c <= floor {
					delete(m, h)
				}
			}
		}
	}
}

func (l *Learner) threshold(g *group, share float64) int {
	t := int(share*float64(g.docs) + 0.999999)
	return max(t, l.opts.MinDocs)
}

func (l *Learner) startPass2() {
	if l.pass2 {
		return
	}
	l.pass2 = true
	for _, g := range l.groups {
		g.cands = map[uint64]*cand{}
		t := l.threshold(g, l.opts.MinShare)
		for h, c := range g.counts {
			if int(c) >= t {
				g.cands[h] = &cand{forms: map[string]*form{}}
			}
		}
		g.scands = map[uint64]*scand{}
		g.pairs = map[[2]uint64]*pairCount{}
		for h, c := range g.scounts {
			if int(c) >= t {
				g.scands[h] = &scand{forms: map[string]*form{}}
			}
		}
		g.counts, g.scounts = nil, nil
		g.seen = nil
	}
}

func (l *Learner) isRemoved(line string) bool {
	if l.opts.Removed == nil {
		return false
	}
	r, ok := l.removed[line]
	if !ok {
		r = l.opts.Removed(line)
		l.removed[line] = r
	}
	return r
}

// Collect is pass two: it gathers exact counts and verbatim forms of the
// pass-one candidates in one document.
func (l *Learner) Collect(groupName string, doc io.Reader) error {
	l.startPass2()
	g := l.groups[groupName]
	if g == nil {
		return nil
	}
	g.docs2++
	n := g.docs2
	return eachLine(doc, func(line string) {
		h, words := normKey("", line)
		if words == 0 {
			return
		}
		c := g.cands[h]
		if c == nil || l.isRemoved(line) {
			return
		}
		if c.norm == "" {
			c.norm = Normalize(line)
		}
		if c.last != n {
			c.last = n
			c.docs++
		}
		if f := c.forms[line]; f != nil {
			f.docs++
		} else if len(c.forms) < l.opts.MaxForms {
			c.forms[line] = &form{text: line, docs: 1}
		}
	}, func(ss []sent) { g.collectSentences(ss, n, l.opts.MaxForms) })
}

// Candidate is a learned line.
type Candidate struct {
	Group string
	Norm  string
	Docs  int      // documents holding it
	Total int      // documents in the group
	Forms []string // verbatim forms, most frequent first
}

// Candidates returns the lines that pass the thresholds, per group in the
// order groups were first seen, most frequent first.
func (l *Learner) Candidates() []Candidate {
	l.startPass2()
	var out []Candidate
	for _, name := range l.order {
		g := l.groups[name]
		var list []Candidate
		for _, c := range g.cands {
			if c.docs < l.threshold(g, l.opts.MinShare) || len(c.forms) == 0 {
				continue
			}
			forms := sortedForms(c.forms)
			if sentenceLike(forms[0]) && c.docs < l.threshold(g, l.opts.SentenceShare) {
				continue
			}
			list = append(list, Candidate{Group: name, Norm: c.norm, Docs: c.docs, Total: g.docs, Forms: forms})
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].Docs != list[j].Docs {
				return list[i].Docs > list[j].Docs
			}
			return list[i].Norm < list[j].Norm
		})
		out = append(out, list...)
	}
	return out
}

// sentenceLike reports a line that reads as prose: it ends in . ? or ! and
// has more than 12 words.
func sentenceLike(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return r == '"' || r == '\'' || r == ')' || r == '”' || r == '»' })
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		return false
	}
	return len(strings.Fields(s)) > 12
}

func notWord(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}

var folder = cases.Fold()

// MaxPhrases is the most distinct verbatim forms a marker rule lists; a
// candidate with more (numbers that vary) becomes a pattern rule.
const MaxPhrases = 8

// Rule turns a candidate into a rule of pack named name, or returns nil when
// no rule made from it passes its own examples.
func (c Candidate) Rule(pack, name string) *cleaner.Rule {
	r := &cleaner.Rule{
		ID:          pack + "/" + name,
		Pack:        pack,
		Description: fmt.Sprintf("seen in %d of %d documents (%.1f%%)", c.Docs, c.Total, 100*float64(c.Docs)/float64(max(c.Total, 1))),
	}
	var phrases []string
	seen := map[string]bool{}
	for _, f := range c.Forms {
		core := strings.TrimFunc(f, notWord)
		if k := folder.String(core); core != "" && !seen[k] {
			seen[k] = true
			phrases = append(phrases, core)
		}
	}
	if len(phrases) == 0 {
		return nil
	}
	for _, f := range c.Forms {
		if len(r.Remove) == 3 {
			break
		}
		if !strings.Contains(f, " => ") {
			r.Remove = append(r.Remove, cleaner.Example{Input: f})
		}
	}
	if len(r.Remove) == 0 {
		return nil
	}
	if len(phrases) <= MaxPhrases {
		r.Kind = cleaner.KindMarker
		r.Phrases = phrases
	} else {
		r.Kind = cleaner.KindPattern
		r.Patterns = []string{Pattern(c.Norm)}
	}
	if len(ruletest.Examples(r)) > 0 {
		return nil
	}
	return r
}

// Pattern is an RE2 pattern matching any line that normalises to norm:
// case-insensitive, any number for "0", any punctuation between words.
func Pattern(norm string) string {
	const sep = `[^\p{L}\p{N}\p{M}]`
	var b strings.Builder
	b.WriteString(`(?i)` + sep + `*`)
	for i, tok := range strings.Split(norm, " ") {
		if i > 0 {
			b.WriteString(sep + `+`)
		}
		for j, part := range strings.Split(tok, "0") {
			if j > 0 {
				b.WriteString(`\d+`)
			}
			b.WriteString(regexp.QuoteMeta(part))
		}
	}
	b.WriteString(sep + `*`)
	return b.String()
}

// Slug makes a group name usable in a pack name: lower-case letters and
// digits joined by single dashes.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "other"
	}
	return b.String()
}

// scopable reports a group name that a scope line can carry whole: one
// line, not empty, no white space at its ends.
func scopable(name string) bool {
	return name != "" && strings.TrimSpace(name) == name && !strings.ContainsAny(name, "\r\n")
}

func escape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "\n", `\n`)
}

// Write writes the candidates as a rule file: one pack per group, one rule
// per candidate. It returns the number of rules written.
func (l *Learner) Write(w io.Writer) (int, error) {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Learned by 'artclean learn': lines and sentences repeated across documents.")
	fmt.Fprintln(bw, "# Review every rule before use; delete the ones that remove real text.")
	grouped := len(l.order) > 1 || (len(l.order) == 1 && l.order[0] != "")
	if grouped {
		fmt.Fprintln(bw, "# One pack per group, scoped to it: artclean applies a pack only to its")
		fmt.Fprintln(bw, "# group's documents (the same -r directory layout or JSON field).")
	}
	cands := l.Candidates()
	spans := l.Spans()
	n := 0
	i, si := 0, 0
	for _, name := range l.order {
		pack := l.opts.Pack
		if grouped {
			pack += "-" + Slug(name)
		}
		if grouped && !scopable(name) {
			// A pack without its scope would run on every document.
			fmt.Fprintf(bw, "\n# group %q (%d documents) left out: it cannot be a scope value\n", name, l.groups[name].docs)
			for ; i < len(cands) && cands[i].Group == name; i++ {
			}
			for ; si < len(spans) && spans[si].Group == name; si++ {
			}
			continue
		}
		fmt.Fprintf(bw, "\npack %s\n", pack)
		if grouped {
			if l.opts.GroupBy != "" {
				fmt.Fprintf(bw, "scope %s=%s\n", l.opts.GroupBy, name)
			}
			fmt.Fprintf(bw, "# group %q: %d documents\n", name, l.groups[name].docs)
		}
		k := 0
		for ; i < len(cands) && cands[i].Group == name; i++ {
			c := cands[i]
			r := c.Rule(pack, fmt.Sprintf("line-%d", k+1))
			if r == nil {
				fmt.Fprintf(bw, "\n# skipped (no rule passes its examples): %s\n", escape(c.Forms[0]))
				continue
			}
			k++
			n++
			fmt.Fprintf(bw, "\nrule line-%d\nkind %s\ndescription %s\n", k, r.Kind, r.Description)
			for _, p := range r.Phrases {
				fmt.Fprintf(bw, "phrase %s\n", p) // phrases are not unescaped
			}
			for _, p := range r.Patterns {
				fmt.Fprintf(bw, "pattern %s\n", p)
			}
			for j, f := range c.Forms {
				if j == 3 {
					break
				}
				fmt.Fprintf(bw, "# example: %s\n", escape(f))
			}
			for _, e := range r.Remove {
				fmt.Fprintf(bw, "remove %s\n", escape(e.Input))
			}
		}
		k = 0
		for ; si < len(spans) && spans[si].Group == name; si++ {
			sp := spans[si]
			r := sp.Rule(pack, fmt.Sprintf("inline-%d", k+1))
			if r == nil {
				fmt.Fprintf(bw, "\n# skipped (no rule passes its examples): %s\n", escape(strings.Join(firstForms(sp.Sentences), " ")))
				continue
			}
			k++
			n++
			fmt.Fprintf(bw, "\nrule inline-%d\nkind %s\ndescription %s\n", k, r.Kind, r.Description)
			for _, p := range r.Patterns {
				fmt.Fprintf(bw, "pattern %s\n", p)
			}
			for _, e := range r.Remove {
				fmt.Fprintf(bw, "remove %s => %s\n", escape(e.Input), escape(e.Want))
			}
			for _, e := range r.Keep {
				fmt.Fprintf(bw, "keep %s\n", escape(e.Input))
			}
		}
	}
	return n, bw.Flush()
}
