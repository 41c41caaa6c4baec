// Package review builds the review page of a cleaning run (artclean
// --review, artclean review): one static HTML file that shows what the run
// removed, per rule and per source, with a bounded sample of removals in
// their context, and builds the --disable list and the keep-exceptions a
// user copies into the next run.
//
// Memory and page size stay bounded whatever the corpus: counters per rule
// and per source, a histogram, the most stripped documents, and for each
// rule at most K sampled removals (the K with the smallest pseudo-random
// keys, which is a uniform sample and merges across files and workers).
// Context lines are kept only for removals that enter a sample.
package review

import (
	"cmp"
	"hash/fnv"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/jsonl"
)

// Bounds of what a review holds.
const (
	// DefaultK is the samples kept per rule.
	DefaultK = 20
	// contextLines are the lines shown before and after a sample.
	contextLines = 2
	// maxText bounds a sample's removed text, and maxContext a context
	// line, in bytes: a flattened document can have lines of megabytes.
	maxText    = 1000
	maxContext = 200
	// maxSources bounds the sources counted; later ones count as other.
	maxSources = 10000
	// extremes are the most stripped documents listed.
	extremes = 20
	// buckets of the histogram of the share removed per document, over
	// the documents that lost something: 5% each.
	buckets = 20
)

// OtherSource counts the sources past maxSources.
const OtherSource = "(other sources)"

// Totals are a run's counts over all inputs.
type Totals struct {
	Files     int
	Docs      int   // documents (records, or parts between separators)
	Touched   int   // documents that lost something
	BytesIn   int64 // bytes read (as stored: compressed inputs count so)
	BytesOut  int64 // bytes written
	Kept      int64 // text bytes kept, after the character tier
	Removed   int64 // text bytes the rules removed
	KeptWhole int   // documents the guard left as they came
	Guarded   int   // spans and documents the guard kept in place
}

// RuleStats counts one rule's removals.
type RuleStats struct {
	Removals int
	Lines    int
	Bytes    int64
	Docs     int // documents it removed something from
	Sources  int // sources it fired in (filled in by Summary)
	Samples  []*Sample
	lastDoc  docKey
}

// SourceStats counts one source's documents and removals.
type SourceStats struct {
	Docs     int
	Removals int
	Bytes    int64
	Rules    map[string]int // removals per rule
}

// Doc is a document and the share of its text the rules removed.
type Doc struct {
	File      string
	Doc, Line int
	Source    string
	Share     float64
	Removed   int64
	KeptWhole bool
}

// Line is a line of context around a sample.
type Line struct {
	Text    string
	Removed bool // removed too (by any rule)
}

// Sample is one sampled removal with its context.
type Sample struct {
	Rule      string
	File      string
	Source    string
	Doc, Line int
	Action    string
	Text      string // the removed text, cut at maxText
	Cut       bool   // Text was cut
	Before    []Line
	After     []Line
	// Keep is the line a keep rule names to spare this removal ("" when
	// none can: a span or token cut out of a line is not a line).
	Keep     string
	key      uint64
	textLine int // its line in the cleaned text (a JSON Lines field's own)
}

// docKey names a document within a run.
type docKey struct {
	file string
	doc  int
}

// stats is what a File and a Collector both count.
type stats struct {
	k       int
	totals  Totals
	rules   map[string]*RuleStats
	sources map[string]*SourceStats
	hist    [buckets]int
	docs    []Doc // the most stripped, at most extremes
	// bar is, for a File, the key a removal must be under to enter the
	// run's sample: the largest key of each full sample of the Collector
	// when the File was made. Keys above it can never be merged in, and
	// most of a big run's removals are not copied at all.
	bar map[string]uint64
}

func newStats(k int) stats {
	return stats{k: k, rules: map[string]*RuleStats{}, sources: map[string]*SourceStats{}}
}

func (s *stats) rule(id string) *RuleStats {
	r := s.rules[id]
	if r == nil {
		r = &RuleStats{}
		s.rules[id] = r
	}
	return r
}

func (s *stats) source(name string) *SourceStats {
	src := s.sources[name]
	if src == nil {
		if len(s.sources) >= maxSources {
			name = OtherSource
			if src = s.sources[name]; src != nil {
				return src
			}
		}
		src = &SourceStats{Rules: map[string]int{}}
		s.sources[name] = src
	}
	return src
}

// removal counts one removal; it returns whether the removal enters its
// rule's sample (then the caller fills in its context).
func (s *stats) removal(doc docKey, source string, r *cleaner.Removal, key uint64) *Sample {
	rs := s.rule(r.Rule)
	rs.Removals++
	rs.Lines += r.Lines
	rs.Bytes += int64(r.Bytes)
	if rs.lastDoc != doc {
		rs.lastDoc = doc
		rs.Docs++
	}
	src := s.source(source)
	src.Removals++
	src.Bytes += int64(r.Bytes)
	src.Rules[r.Rule]++
	if len(rs.Samples) >= s.k && key >= rs.Samples[len(rs.Samples)-1].key {
		return nil // the usual case once a rule is common: no copy made
	}
	if bar, ok := s.bar[r.Rule]; ok && key >= bar {
		return nil
	}
	sm := &Sample{Rule: r.Rule, File: doc.file, Source: source, Doc: doc.doc, Line: r.Line,
		Action: string(r.Action), key: key}
	sm.Text, sm.Cut = cut(r.Text, maxText)
	if r.Action == cleaner.DropLine || r.Action == cleaner.DropParagraph {
		sm.Keep = KeepLine(r.Text)
	}
	rs.Samples = insertSample(rs.Samples, sm, s.k)
	return sm
}

// insertSample puts sm into samples, kept in key order and at most k long.
func insertSample(samples []*Sample, sm *Sample, k int) []*Sample {
	i, _ := slices.BinarySearchFunc(samples, sm.key, func(x *Sample, key uint64) int { return cmp.Compare(x.key, key) })
	samples = slices.Insert(samples, i, sm)
	if len(samples) > k {
		samples[k] = nil
		samples = samples[:k]
	}
	return samples
}

// docEnd counts a finished document.
func (s *stats) docEnd(d Doc, kept, removed int64) {
	s.totals.Docs++
	s.totals.Kept += kept
	s.totals.Removed += removed
	if d.KeptWhole {
		s.totals.KeptWhole++
	}
	s.source(d.Source).Docs++
	if removed == 0 {
		return
	}
	s.totals.Touched++
	s.hist[Bucket(d.Share)]++
	s.docs = addDoc(s.docs, d)
}

// Bucket is the histogram bucket of a document that lost share of its text
// (above 0): 5% each, the last one up to and including 100%.
func Bucket(share float64) int {
	b := int(share * buckets)
	return min(max(b, 0), buckets-1)
}

// addDoc keeps the most stripped documents, most first.
func addDoc(docs []Doc, d Doc) []Doc {
	if len(docs) >= extremes && d.Share <= docs[len(docs)-1].Share {
		return docs
	}
	i, _ := slices.BinarySearchFunc(docs, d.Share, func(x Doc, share float64) int { return cmp.Compare(share, x.Share) })
	docs = slices.Insert(docs, i, d)
	return docs[:min(len(docs), extremes)]
}

// merge adds o's counts and samples to s.
func (s *stats) merge(o *stats) {
	t, u := &s.totals, o.totals
	t.Files += u.Files
	t.Docs += u.Docs
	t.Touched += u.Touched
	t.BytesIn += u.BytesIn
	t.BytesOut += u.BytesOut
	t.Kept += u.Kept
	t.Removed += u.Removed
	t.KeptWhole += u.KeptWhole
	t.Guarded += u.Guarded
	for id, r := range o.rules {
		if r.Removals == 0 {
			continue // left from an earlier file of a pooled File
		}
		rs := s.rule(id)
		rs.Removals += r.Removals
		rs.Lines += r.Lines
		rs.Bytes += r.Bytes
		rs.Docs += r.Docs // a document is in one file: no double count
		for _, sm := range r.Samples {
			if len(rs.Samples) < s.k || sm.key < rs.Samples[len(rs.Samples)-1].key {
				rs.Samples = insertSample(rs.Samples, sm, s.k)
			}
		}
	}
	for name, src := range o.sources {
		if src.Docs == 0 && src.Removals == 0 {
			continue
		}
		dst := s.source(name)
		dst.Docs += src.Docs
		dst.Removals += src.Removals
		dst.Bytes += src.Bytes
		for id, n := range src.Rules {
			dst.Rules[id] += n
		}
	}
	for i, n := range o.hist {
		s.hist[i] += n
	}
	for _, d := range o.docs {
		s.docs = addDoc(s.docs, d)
	}
}

// Collector sums a run up for its review page. It is used from one
// goroutine: Files are made for the workers and added back in order.
type Collector struct {
	stats
	bars atomic.Pointer[map[string]uint64] // the bars of new Files
	// FromReport says the review was read from a --report file, which
	// holds removals only: no documents without removals, no sizes.
	FromReport bool
}

// New returns a Collector that keeps k samples per rule (DefaultK if k < 1).
func New(k int) *Collector {
	if k < 1 {
		k = DefaultK
	}
	return &Collector{stats: newStats(k)}
}

// Add adds a cleaned input: its File and the bytes read and written.
func (c *Collector) Add(f *File, bytesIn, bytesOut int64) {
	f.finish()
	f.totals.Files++
	f.totals.BytesIn += bytesIn
	f.totals.BytesOut += bytesOut
	c.merge(&f.stats)
	// New bars for the Files made from now on, in a new map (Files in
	// other goroutines read the old one), when a bar moved.
	var old map[string]uint64
	if p := c.bars.Load(); p != nil {
		old = *p
	}
	moved := false
	for id, r := range f.rules {
		if r.Removals == 0 {
			continue
		}
		rs := c.rules[id]
		if bar, ok := old[id]; len(rs.Samples) >= c.k && (!ok || bar != rs.Samples[len(rs.Samples)-1].key) {
			moved = true
			break
		}
	}
	f.reset()
	if !moved {
		return
	}
	bars := make(map[string]uint64, len(c.rules))
	for id, rs := range c.rules {
		if len(rs.Samples) >= c.k {
			bars[id] = rs.Samples[len(rs.Samples)-1].key
		}
	}
	c.bars.Store(&bars)
}

// File watches one input's cleaning (batch.Watcher). It is used from the
// goroutine that cleans the input.
//
// The lines of the document being cleaned are kept in one buffer reused
// from document to document (no copy per line, where the Event hook makes
// a string of each): the context of a sampled removal is taken from them
// at the document's end, when the guard has let its removals go.
type File struct {
	stats
	name    string
	fileSrc string // the file's source; a record's may differ
	seed    uint64
	n       uint64 // removals seen, for their keys

	// The document being cleaned.
	docSrc  string
	recLine int // a JSON Lines record's line, 0 for text
	record  int
	*docBuf
	sampled []*Sample // its removals that entered a sample
}

// docBuf holds a document's lines. A batch makes a File per input: the
// buffers go from File to File, grown once for the run.
type docBuf struct {
	arena []byte      // its kept lines' text
	kept  []keptLine  // its kept lines, in arena
	rms   []docRemove // its removals
}

var docBufs = sync.Pool{New: func() any { return new(docBuf) }}

type keptLine struct{ num, off, end int }

type docRemove struct {
	line, lines int
	text        string
	strip       bool // a token or span cut from a line that stays
}

// maxArena bounds the kept text held for one document: the guard holds
// at most 1 MiB of one; with --no-guard a document can be any size, and
// a sample far into a bigger one shows fewer lines before it.
const maxArena = 2 << 20

// NewFile returns the watcher of the input name whose source is source
// (see Source).
func (c *Collector) NewFile(name, source string) *File {
	h := fnv.New64a()
	h.Write([]byte(name))
	// A batch makes a File per input: they go round a pool, their maps and
	// buffers grown once for the run.
	f := files.Get().(*File)
	if f.rules == nil {
		f.stats = newStats(c.k)
	}
	f.k = c.k
	f.name, f.fileSrc, f.docSrc, f.seed = name, source, source, h.Sum64()
	f.docBuf = docBufs.Get().(*docBuf)
	if bars := c.bars.Load(); bars != nil {
		f.bar = *bars
	}
	return f
}

// Hooks are the cleaner's hooks for the input.
func (f *File) Hooks() cleaner.Hooks {
	return cleaner.Hooks{Kept: f.keptHook, Removal: f.removalHook, DocEnd: f.docEndHook, Guard: f.guard}
}

// Record starts a JSON Lines record: its source is the host of its "url"
// field when it has one, as scoped rules and learn --group-by read it.
func (f *File) Record(record, line int, body []byte) {
	f.endDoc()
	f.record, f.recLine = record, line
	f.docSrc = f.fileSrc
	if h := jsonl.GroupValue(body, "url", "url"); h != "" {
		f.docSrc = h
	}
}

func (f *File) keptHook(num int, text []byte) {
	if n := len(f.kept); n > 0 {
		switch last := &f.kept[n-1]; {
		case num < last.num:
			// Cleaned again as a chronology: the last pass counts.
			f.kept, f.arena = f.kept[:0], f.arena[:0]
		case num == last.num:
			// The next piece of a long line; a context line is short.
			if last.end-last.off < maxContext {
				f.arena = append(f.arena, text...)
				last.end = len(f.arena)
			}
			return
		}
	}
	if len(f.arena)+len(text) > maxArena {
		f.kept, f.arena = f.kept[:0], f.arena[:0]
	}
	text = text[:min(len(text), maxContext+4)]
	f.arena = append(f.arena, text...)
	f.kept = append(f.kept, keptLine{num, len(f.arena) - len(text), len(f.arena)})
}

func (f *File) removalHook(r cleaner.Removal) {
	f.n++
	doc := docKey{f.name, r.Doc}
	textLine := r.Line
	if f.recLine > 0 {
		doc.doc = f.record
		r.Line = f.recLine // the record's line, as errors name it
	}
	strip := r.Action == cleaner.Strip || r.Action == cleaner.StripSpan
	if len(f.rms) < maxArena/64 {
		f.rms = append(f.rms, docRemove{textLine, r.Lines, r.Text, strip})
	}
	if sm := f.removal(doc, f.docSrc, &r, splitmix(f.seed+f.n)); sm != nil {
		sm.textLine = textLine
		f.sampled = append(f.sampled, sm)
	}
}

func (f *File) docEndHook(ds cleaner.DocStats) {
	doc, line := ds.Doc, ds.Line
	if f.recLine > 0 {
		doc, line = f.record, f.recLine
	}
	f.docEnd(Doc{File: f.name, Doc: doc, Line: line, Source: f.docSrc, Share: ds.Share(),
		Removed: ds.Removed, KeptWhole: ds.KeptWhole}, ds.Kept, ds.Removed)
	f.endDoc()
}

// endDoc gives the document's samples their context and forgets the
// document.
func (f *File) endDoc() {
	if len(f.sampled) > 0 {
		seq := f.sequence()
		for _, sm := range f.sampled {
			sm.Before, sm.After = around(seq, sm)
		}
	}
	clear(f.sampled)
	clear(f.rms)
	f.sampled, f.rms = f.sampled[:0], f.rms[:0]
	f.kept, f.arena = f.kept[:0], f.arena[:0]
}

// numbered is a line of the document in order: kept or removed.
type numbered struct {
	num int
	Line
}

// sequence is the document's lines, kept and removed, in input order.
func (f *File) sequence() []numbered {
	seq := make([]numbered, 0, len(f.kept)+len(f.rms))
	for _, k := range f.kept {
		seq = append(seq, numbered{k.num, Line{Text: string(f.arena[k.off:k.end])}})
	}
	for _, r := range f.rms {
		if r.strip {
			continue // its line is a kept one
		}
		i := 0
		for l := range strings.SplitSeq(r.text, "\n") {
			seq = append(seq, numbered{r.line + i, Line{Text: l, Removed: true}})
			i++
		}
	}
	slices.SortStableFunc(seq, func(a, b numbered) int { return cmp.Compare(a.num, b.num) })
	return seq
}

// around is the context of a sample: the lines before it and after it.
func around(seq []numbered, sm *Sample) (before, after []Line) {
	at, _ := slices.BinarySearchFunc(seq, sm.textLine, func(x numbered, n int) int { return cmp.Compare(x.num, n) })
	next := at
	if sm.Action != string(cleaner.Strip) && sm.Action != string(cleaner.StripSpan) {
		// Past the removed lines; a stripped token's line follows it.
		last := sm.textLine + strings.Count(sm.Text, "\n")
		for next < len(seq) && seq[next].num <= last {
			next++
		}
	}
	for _, x := range seq[max(at-contextLines, 0):at] {
		before = append(before, shortLine(x.Line))
	}
	for _, x := range seq[next:min(next+contextLines, len(seq))] {
		after = append(after, shortLine(x.Line))
	}
	return before, after
}

func shortLine(l Line) Line {
	l.Text, _ = cut(l.Text, maxContext)
	l.Text = strings.Clone(l.Text) // not the whole removed text it is cut from
	return l
}

func (f *File) guard(cleaner.Guarded) { f.totals.Guarded++ }

var files = sync.Pool{New: func() any { return new(File) }}

// reset empties a File merged into its Collector and puts it in the pool:
// its counters go to zero, the map entries stay for the next input (a
// source map grown big by JSON Lines hosts is dropped).
func (f *File) reset() {
	for _, rs := range f.rules {
		clear(rs.Samples) // the Collector holds them now
		*rs = RuleStats{Samples: rs.Samples[:0]}
	}
	if len(f.sources) > 16 {
		f.sources = map[string]*SourceStats{}
	}
	for _, src := range f.sources {
		clear(src.Rules)
		*src = SourceStats{Rules: src.Rules}
	}
	f.totals, f.hist, f.docs, f.bar = Totals{}, [buckets]int{}, f.docs[:0], nil
	f.n, f.record, f.recLine = 0, 0, 0
	files.Put(f)
}

// finish ends the last document and hands the buffers on.
func (f *File) finish() {
	if f.docBuf == nil {
		return
	}
	f.endDoc()
	docBufs.Put(f.docBuf)
	f.docBuf, f.sampled = nil, nil
}

// Source is the source of an input for the review: the top-level folder
// under the walked root (dir, as batch.Input.Dir has it), else the folder
// of a file named as an argument.
func Source(dir, file string) string {
	switch {
	case dir != "":
		return dir
	case file == "-":
		return "(standard input)"
	}
	return path.Dir(strings.ReplaceAll(file, `\`, "/"))
}

// KeepLine is the line a keep rule names to spare a removed line or
// paragraph: its first line (a teaser's marker line; the rest of its
// paragraph then stays as ordinary lines). "" when there is none.
func KeepLine(text string) string {
	first, _, _ := strings.Cut(text, "\n")
	if len(first) > maxText {
		return "" // not shown whole: the user could not check it
	}
	return strings.Join(strings.Fields(first), " ")
}

// cut shortens s to at most n bytes, at a character boundary.
func cut(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n], true
}

// splitmix is SplitMix64: a well-mixed key from a counter, so that the
// sample is the same from run to run (a page can be compared with the
// last) yet unbiased.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
