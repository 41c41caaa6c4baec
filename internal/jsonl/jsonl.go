// Package jsonl cleans string fields of every record of a JSON Lines
// stream and leaves every other byte of the record as it was: key order,
// number formatting, other fields' escapes and unknown fields. A field the
// cleaning leaves as it was keeps its bytes too, so a record nothing
// changes comes out byte for byte as it came. A changed field keeps the
// bytes of its unchanged start, and of every line the cleaning kept as it
// was if the field has many escapes (lineSplicer); the rest is escaped as
// the record's writer did (\uXXXX for non-ASCII in an ASCII-only record,
// as json.dumps writes; \/ if the field escaped a slash).
package jsonl

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/artclean/artclean/cleaner"
)

// DefaultMaxRecord is the longest record that is cleaned; a longer one is
// passed through unchanged with a warning, never truncated.
const DefaultMaxRecord = 256 << 20

// BadRecords says what happens to a line that is not valid JSON.
type BadRecords string

// The policies for invalid lines.
const (
	KeepBad BadRecords = "keep" // write it unchanged (nothing is lost), report it
	SkipBad BadRecords = "skip" // leave it out of the output, report it
	FailBad BadRecords = "fail" // stop at it with an error
)

// Options configure a Processor.
type Options struct {
	// Fields are the paths of the string fields to clean ("text" when
	// empty): dotted ("article.body") or JSON Pointers ("/article/body",
	// for names with dots). Of duplicate keys the last counts.
	Fields    []string
	Bad       BadRecords
	DropEmpty bool // leave out records whose cleaned fields are all empty
	MaxRecord int  // DefaultMaxRecord when 0
	// Hooks, if set, gives the cleaner's hooks for the field of a record
	// (numbered from 1) at an input line.
	Hooks func(record, line int) cleaner.Hooks
	// OnRecord, if set, is told of each record (numbered from 1) before
	// its fields are cleaned; body is only valid during the call.
	OnRecord  func(record, line int, body []byte)
	OnBadLine func(line int, err error) // invalid JSON, a too long record
	// OnNoString is told of a record (by its line) that has none of the
	// fields as a string: it passes through unchanged.
	OnNoString func(line int)
	// OnFieldMissing is told of each field (as given in Fields) that a
	// record lacks as a string, and why: reason is ReasonMissing (no such
	// key, or a name on the path is not an object) or the JSON type the
	// value has instead (ReasonNull, ReasonNumber, ReasonBool,
	// ReasonObject, ReasonArray). The record's other fields are cleaned.
	OnFieldMissing func(line int, field, reason string)
	// Workers, above 1, cleans records on that many goroutines, a batch
	// of records each, and writes them in input order: the output, the
	// Stats and the calls of every callback above (and of the hooks
	// Hooks gives) are those of Workers ≤ 1, made in the same order on
	// the goroutine that calls Process, never concurrently. Hooks must
	// give hooks of the same shape (which are set, OmitText) for every
	// record: a worker records what the cleaner tells the first ones to
	// tell them later. A stream of one batch, and a record over 1 MiB,
	// are cleaned on the calling goroutine.
	Workers int
}

// Stats counts what a Process call did.
type Stats struct {
	Records int // lines holding a record (blank lines are not records)
	Cleaned int // records with at least one field cleaned
	Changed int // records the cleaning changed; the others came out byte for byte
	NoField int // records whose fields are missing or not strings, passed through
	Invalid int // lines that are not valid JSON
	Dropped int // records left out by DropEmpty
	TooLong int // records over MaxRecord, passed through
	// Fields counts each of Options.Fields (in their order) over the valid
	// records: one whose Strings is 0 after Process matched no record.
	Fields []FieldStats
}

// FieldStats counts one field over the valid records of a Process call.
type FieldStats struct {
	Field     string // as given in Options.Fields
	Strings   int    // records that have it as a string: cleaned
	Changed   int    // of those, records where the cleaning changed it
	Missing   int    // records without it
	NotString int    // records where it is there but not a string
}

// ErrBadRecord is returned by Process under FailBad.
var ErrBadRecord = errors.New("invalid JSON record")

// LineError is an error at a line of the input.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Processor cleans JSON Lines streams. It is safe for concurrent use if its
// callbacks are.
type Processor struct {
	c      *cleaner.Cleaner
	opts   Options
	fields [][]string // the names of each field's path
	single []string   // fields[0], when it is the only field and the validator can find it
	scopes []scopeField
}

// New returns a Processor that cleans with c.
func New(c *cleaner.Cleaner, opts Options) (*Processor, error) {
	if len(opts.Fields) == 0 {
		opts.Fields = []string{"text"}
	}
	if opts.MaxRecord <= 0 {
		opts.MaxRecord = DefaultMaxRecord
	}
	switch opts.Bad {
	case "":
		opts.Bad = KeepBad
	case KeepBad, SkipBad, FailBad:
	default:
		return nil, fmt.Errorf("--bad-records is keep, skip or fail, not %q", opts.Bad)
	}
	p := &Processor{c: c, opts: opts}
	for _, f := range opts.Fields {
		parts, err := splitField(f)
		if err != nil {
			return nil, err
		}
		p.fields = append(p.fields, parts)
	}
	if len(p.fields) == 1 && !indexesArrays(p.fields[0]) {
		p.single = p.fields[0]
	}
	// Scoped rule packs keyed by a field pick a record's Cleaner from the
	// record itself; "dir" is the caller's to give (Cleaner.In).
	for _, k := range c.ScopeKeys() {
		if k == "dir" {
			continue
		}
		path, err := Path(k)
		if err != nil {
			return nil, fmt.Errorf("scope %s: %v", k, err)
		}
		p.scopes = append(p.scopes, scopeField{k, path})
	}
	return p, nil
}

// scopeField is a JSON field that scoped rule packs use as their key.
type scopeField struct{ field, path string }

// cleanerFor returns the Cleaner for a record: the Processor's own, or, with
// scoped packs, the one for the record's group.
func (p *Processor) cleanerFor(body []byte, group map[string]string) *cleaner.Cleaner {
	if len(p.scopes) == 0 {
		return p.c
	}
	clear(group)
	for _, s := range p.scopes {
		group[s.field] = GroupValue(body, s.field, s.path)
	}
	return p.c.In(group)
}

// span is a string field's raw value within a record, quotes included.
type span struct{ start, end int }

// splice is a string field of a record and its new inside.
type splice struct {
	span
	field    int    // its index in Options.Fields
	inside   []byte // the new inside, unless inSide
	inSide   bool   // the new inside is side[from:to]
	from, to int
}

// maxKeep is the largest buffer kept from record to record: a huge
// record's buffers go with it.
const maxKeep = 16 << 20

// maxDecoded is the longest record whose fields are decoded whole before
// they are cleaned, which is faster; a longer one's are decoded as the
// cleaner reads them, which takes no memory. (A variable for tests.)
var maxDecoded = 1 << 20

// Process cleans every record of src into dst. Records are separated by
// "\n"; each keeps its own line ending. A record whose fields the cleaning
// leaves as they were comes out byte for byte as it came; in a changed
// field the text that stays keeps its original bytes up to the first
// change, and so do the lines kept as they were in a field with many
// escapes; the rest is escaped as the record's writer escaped (see
// recordStyle). It returns an error for a failed read or write, or
// ErrBadRecord (in a *LineError) under FailBad.
//
// Memory: a record is held once (a long one in a mapping of its own, see
// lineBuf); a long field is decoded as the cleaner reads it and its new
// text written back over the bytes read (see fieldWriter), so cleaning a
// record takes little more than the record. A record over MaxRecord is
// held only up to MaxRecord, the rest streamed through.
func (p *Processor) Process(dst io.Writer, src io.Reader) (Stats, error) {
	if p.opts.Workers > 1 {
		return p.processParallel(dst, src)
	}
	st := p.newStats()
	br := newSliceReader(src)
	var lb lineBuf
	defer lb.release()
	s := newScratch(p)
	for line := 1; ; line++ {
		rec, tooLong, err := lb.read(br, p.opts.MaxRecord)
		if len(rec) == 0 && err != nil {
			return st, ignoreEOF(err)
		}
		if tooLong {
			err = p.tooLong(dst, &st, rec, line, br)
		} else if rerr := p.record(s, dst, &st, rec, line); rerr != nil {
			return st, rerr
		}
		if err != nil {
			return st, ignoreEOF(err)
		}
	}
}

// newStats returns Stats with a FieldStats for each field.
func (p *Processor) newStats() Stats {
	st := Stats{Fields: make([]FieldStats, len(p.opts.Fields))}
	for k, f := range p.opts.Fields {
		st.Fields[k].Field = f
	}
	return st
}

// tooLong passes a record over MaxRecord through: the part read, then the
// rest of its line, streamed.
func (p *Processor) tooLong(dst io.Writer, st *Stats, rec []byte, line int, br sliceReader) error {
	st.Records++
	st.TooLong++
	if p.opts.OnBadLine != nil {
		p.opts.OnBadLine(line, fmt.Errorf("record longer than %s passed through unchanged (--max-record)", sizeText(p.opts.MaxRecord)))
	}
	return passLine(dst, rec, br)
}

// scratch is what cleaning a record takes, reused from record to record:
// one for each goroutine that cleans records.
type scratch struct {
	side   []byte // new insides not written in place, for a record
	fields []splice
	group  map[string]string
	fr     fieldReader
	fw     fieldWriter
	style  recordStyle // of the record, for fw
	ls     lineSplicer
	text   []byte    // a short field's text, decoded
	lines  []lineEnd // its line breaks
	v      validator
}

func newScratch(p *Processor) *scratch {
	return &scratch{group: map[string]string{}, v: validator{find: p.single}}
}

// record cleans one line (rec, with its line end) read whole, not over
// MaxRecord, into dst, and counts it in st. It returns an error for a
// failed write, or ErrBadRecord (in a *LineError) under FailBad.
func (p *Processor) record(s *scratch, dst io.Writer, st *Stats, rec []byte, line int) error {
	if cap(s.side) > maxKeep {
		s.side = nil
	}
	body, eol := splitEOL(rec)
	if IsBlank(body) {
		_, err := dst.Write(rec)
		return err
	}
	st.Records++
	// With one field on the fast path, the validator also finds it
	// (and decodes it, if short): the record is walked once.
	v := &s.v
	v.decode = len(body) <= maxDecoded
	if !v.valid(body) {
		st.Invalid++
		bad := invalidReason(body)
		if p.opts.Bad == FailBad {
			return &LineError{Line: line, Err: fmt.Errorf("%w: %v", ErrBadRecord, bad)}
		}
		if p.opts.OnBadLine != nil {
			p.opts.OnBadLine(line, bad)
		}
		if p.opts.Bad == KeepBad {
			_, err := dst.Write(rec)
			return err
		}
		return nil
	}
	fields := s.fields[:0]
	for k, parts := range p.fields {
		var sp span
		var kind valueKind
		if p.single != nil {
			sp, kind = v.found, v.kind
		} else {
			sp, kind = findValue(body, parts)
		}
		fs := &st.Fields[k]
		switch kind {
		case kindString:
			fs.Strings++
			fields = append(fields, splice{span: sp, field: k})
			continue
		case kindMissing:
			fs.Missing++
		default:
			fs.NotString++
		}
		if p.opts.OnFieldMissing != nil {
			p.opts.OnFieldMissing(line, p.opts.Fields[k], kind.reason())
		}
	}
	s.fields = fields
	if len(fields) == 0 {
		st.NoField++
		if p.opts.OnNoString != nil {
			p.opts.OnNoString(line)
		}
		_, err := dst.Write(rec)
		return err
	}
	slices.SortFunc(fields, func(a, b splice) int { return a.start - b.start })
	// The same field named twice is cleaned once.
	fields = slices.CompactFunc(fields, func(a, b splice) bool { return a.start == b.start })
	if p.opts.OnRecord != nil {
		p.opts.OnRecord(st.Records, line, body)
	}
	c := p.cleanerFor(body, s.group)
	s.style = recordStyle{}
	side := s.side[:0]
	empty, changed := true, false
	for i := range fields {
		f := &fields[i]
		raw := body[f.start+1 : f.end-1]
		// A short field is decoded whole, a long one as it is read.
		dec, ends, decoded, lone := v.text, v.ends, v.decode, v.lone
		if p.single == nil && v.decode {
			s.lines = s.lines[:0]
			s.text, _, _, lone = unescape(s.text[:0], raw, false, &s.lines)
			dec, ends = s.text, s.lines
		}
		// A lone surrogate reads as U+FFFD, and that is a change: a
		// field with one is compared escape by escape (fieldWriter).
		decoded = decoded && !lone
		s.fr.reset(raw, dec, decoded)
		var w splicer = &s.fw
		if decoded {
			s.ls.reset(raw, dec, ends, body, &s.style, side)
			w = &s.ls
		} else {
			s.fw.reset(raw, &s.fr, body, &s.style, side)
		}
		var hooks cleaner.Hooks
		if p.opts.Hooks != nil {
			hooks = p.opts.Hooks(st.Records, line)
		}
		cst, cerr := c.Clean(w, &s.fr, &hooks)
		if cerr != nil {
			s.side = side
			return cerr
		}
		inside, fieldChanged := w.finish()
		side, f.inSide, f.from = w.side()
		if cst.KeptWhole > 0 && (decoded || !s.fw.overwrote) {
			// The max-removed guard kept the text: keep its bytes
			// too. (A long field of several documents, written over
			// in place, has lost them: it keeps the cleaner's output,
			// the guard's document as the character tier left it.)
			inside, fieldChanged, f.inSide = raw, false, false
		}
		f.inside, f.to = inside, f.from+len(inside)
		if fieldChanged {
			changed = true
			st.Fields[f.field].Changed++
		}
		if len(inside) > 0 {
			empty = false
		}
	}
	s.side = side
	st.Cleaned++
	if p.opts.DropEmpty && empty {
		st.Dropped++
		return nil
	}
	if !changed {
		_, err := dst.Write(rec)
		return err
	}
	st.Changed++
	prev := 0
	var werr error
	write := func(b []byte) {
		if werr == nil && len(b) > 0 {
			_, werr = dst.Write(b)
		}
	}
	for _, f := range fields {
		write(body[prev : f.start+1])
		if f.inSide {
			write(side[f.from:f.to])
		} else {
			write(f.inside)
		}
		prev = f.end - 1
	}
	write(body[prev:])
	write(eol)
	return werr
}

// splicer makes a field's new literal from what the cleaner writes:
// fieldWriter or lineSplicer.
type splicer interface {
	io.Writer
	finish() (inside []byte, changed bool)
	side() (buf []byte, inSide bool, from int)
}

func ignoreEOF(err error) error {
	if err == io.EOF {
		return nil
	}
	return err
}

// passLine writes the part of a too long line already read, then streams
// the rest of it through.
func passLine(dst io.Writer, head []byte, br sliceReader) error {
	if _, err := dst.Write(head); err != nil {
		return err
	}
	if len(head) > 0 && head[len(head)-1] == '\n' {
		return nil // the whole line was read
	}
	for {
		chunk, err := br.ReadSlice('\n')
		if _, werr := dst.Write(chunk); werr != nil {
			return werr
		}
		if err != bufio.ErrBufferFull {
			return ignoreEOF(err)
		}
	}
}

func splitEOL(rec []byte) (body, eol []byte) {
	n := len(rec)
	if n > 0 && rec[n-1] == '\n' {
		n--
		if n > 0 && rec[n-1] == '\r' {
			n--
		}
	}
	return rec[:n], rec[n:]
}

// invalidReason says why a line is not JSON, in encoding/json's words.
func invalidReason(body []byte) error {
	var v json.RawMessage
	if err := json.Unmarshal(body, &v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("invalid JSON: %v (at byte %d)", se, se.Offset)
		}
		return fmt.Errorf("invalid JSON: %v", err)
	}
	return errors.New("invalid JSON")
}

// sizeText is n bytes as a person reads it: "256 MiB", "1500 bytes".
func sizeText(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
