// Package jsonl cleans one string field of every record of a JSON Lines
// stream and leaves every other byte of the record as it was: key order,
// number formatting, other fields' escapes and unknown fields. Only the
// cleaned string is re-encoded.
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/artclean/artclean/cleaner"
	"github.com/tidwall/gjson"
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
	Fields    []string // dotted paths of string fields to clean; "text" when empty
	Bad       BadRecords
	DropEmpty bool // leave out records whose cleaned fields are all empty
	MaxRecord int  // DefaultMaxRecord when 0
	// Hooks, if set, gives the cleaner's hooks for the field of a record
	// (numbered from 1) at an input line.
	Hooks      func(record, line int) cleaner.Hooks
	OnBadLine  func(line int, err error) // invalid JSON, a too long record
	OnNoString func(line int)            // a record without the field as a string
}

// Stats counts what a Process call did.
type Stats struct {
	Records int // lines holding a record (blank lines are not records)
	Cleaned int // records with at least one field cleaned
	NoField int // records whose fields are missing or not strings, passed through
	Invalid int // lines that are not valid JSON
	Dropped int // records left out by DropEmpty
	TooLong int // records over MaxRecord, passed through
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
	paths  []string   // gjson paths
	parts  [][]string // the same as names for findString; nil: use gjson
	single []string   // parts[0], when it is the only field and not nil
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
		path, err := Path(f)
		if err != nil {
			return nil, err
		}
		p.paths = append(p.paths, path)
		parts := strings.Split(f, ".")
		if indexesArrays(parts) {
			parts = nil
		}
		p.parts = append(p.parts, parts)
	}
	if len(p.parts) == 1 {
		p.single = p.parts[0]
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

// span is a string field's raw value within a record.
type span struct{ start, end int }

// Process cleans every record of src into dst. Records are separated by
// "\n"; each keeps its own line ending. It returns an error for a failed read
// or write, or ErrBadRecord (in a *LineError) under FailBad.
func (p *Processor) Process(dst io.Writer, src io.Reader) (Stats, error) {
	var st Stats
	br := bufio.NewReaderSize(src, 64<<10)
	var rec []byte
	var field []byte // the cleaned fields, each a JSON string
	var spans []span
	group := map[string]string{}
	var text []byte // a field's text, reused from record to record
	var textReader bytes.Reader
	esc := new(stringEscaper)
	v := validator{find: p.single}
	for line := 1; ; line++ {
		var tooLong bool
		var err error
		rec, tooLong, err = readRecord(br, rec[:0], p.opts.MaxRecord)
		if len(rec) == 0 && err != nil {
			if err == io.EOF {
				return st, nil
			}
			return st, err
		}
		if tooLong {
			st.Records++
			st.TooLong++
			if p.opts.OnBadLine != nil {
				p.opts.OnBadLine(line, fmt.Errorf("record longer than %d MiB passed through unchanged", p.opts.MaxRecord>>20))
			}
			if err := passLine(dst, rec, br); err != nil {
				return st, err
			}
			continue
		}
		body, eol := splitEOL(rec)
		if len(bytes.TrimSpace(body)) == 0 {
			if _, err := dst.Write(rec); err != nil {
				return st, err
			}
			if err != nil {
				return st, ignoreEOF(err)
			}
			continue
		}
		st.Records++
		// With one field on the fast path, the validator also finds and
		// decodes it: the text is walked once.
		ok := v.valid(body)
		decoded := ok && v.found.start >= 0
		if decoded {
			// v.text is reused by the next record's validation; with
			// one field nothing else decodes into text meanwhile.
			text = v.text
		}
		if !ok {
			st.Invalid++
			bad := invalidReason(body)
			if p.opts.Bad == FailBad {
				return st, &LineError{Line: line, Err: fmt.Errorf("%w: %v", ErrBadRecord, bad)}
			}
			if p.opts.OnBadLine != nil {
				p.opts.OnBadLine(line, bad)
			}
			switch p.opts.Bad {
			case KeepBad:
				if _, err := dst.Write(rec); err != nil {
					return st, err
				}
			}
			if err != nil {
				return st, ignoreEOF(err)
			}
			continue
		}
		spans = spans[:0]
		if decoded {
			spans = append(spans, v.found)
		}
		for k, path := range p.paths {
			if p.single != nil {
				break // the validator has looked for it
			}
			// Only the field's position is wanted: gjson would also copy
			// and decode it.
			if p.parts[k] != nil {
				if start, end, ok := findString(body, p.parts[k]); ok {
					spans = append(spans, span{start, end})
				}
				continue
			}
			r := gjson.Get(bytesString(body), path)
			if r.Type == gjson.String && r.Index > 0 {
				spans = append(spans, span{r.Index, r.Index + len(r.Raw)})
			}
		}
		if len(spans) == 0 {
			st.NoField++
			if p.opts.OnNoString != nil {
				p.opts.OnNoString(line)
			}
			if _, err := dst.Write(rec); err != nil {
				return st, err
			}
			if err != nil {
				return st, ignoreEOF(err)
			}
			continue
		}
		slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
		c := p.cleanerFor(body, group)
		// Clean each field into field, then write the record with the
		// cleaned strings spliced in.
		field = field[:0]
		ends := make([]int, 0, len(spans))
		empty := true
		for i, sp := range spans {
			if i > 0 && sp.start < spans[i-1].end {
				continue // the same field named twice
			}
			if !decoded {
				text, _ = appendUnescaped(text[:0], body[sp.start:sp.end])
			}
			textReader.Reset(text)
			mark := len(field)
			*esc = stringEscaper{out: append(field, '"')}
			var hooks cleaner.Hooks
			if p.opts.Hooks != nil {
				hooks = p.opts.Hooks(st.Records, line)
			}
			cst, cerr := c.CleanHooks(esc, &textReader, hooks)
			if cerr != nil {
				return st, cerr
			}
			field = append(esc.out, '"')
			if cst.KeptWhole > 0 {
				// The max-removed guard kept the text: keep its bytes too.
				field = append(field[:mark], body[sp.start:sp.end]...)
			}
			if len(field)-mark > 2 {
				empty = false
			}
			ends = append(ends, len(field))
		}
		st.Cleaned++
		if p.opts.DropEmpty && empty {
			st.Dropped++
			if err != nil {
				return st, ignoreEOF(err)
			}
			continue
		}
		out := field
		prev, from := 0, 0
		var werr error
		write := func(b []byte) {
			if werr == nil {
				_, werr = dst.Write(b)
			}
		}
		k := 0
		for i, sp := range spans {
			if i > 0 && sp.start < spans[i-1].end {
				continue
			}
			write(body[prev:sp.start])
			write(out[from:ends[k]])
			from, prev = ends[k], sp.end
			k++
		}
		write(body[prev:])
		write(eol)
		if werr != nil {
			return st, werr
		}
		if err != nil {
			return st, ignoreEOF(err)
		}
	}
}

func ignoreEOF(err error) error {
	if err == io.EOF {
		return nil
	}
	return err
}

// readRecord reads one line, with its "\n", into buf. A line longer than
// max is not read whole: tooLong is set and the bytes read so far returned.
func readRecord(br *bufio.Reader, buf []byte, max int) (rec []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if err != bufio.ErrBufferFull {
			return buf, false, err
		}
		if len(buf) > max {
			return buf, true, nil
		}
	}
}

// passLine writes the part of a too long line already read, then streams
// the rest of it through.
func passLine(dst io.Writer, head []byte, br *bufio.Reader) error {
	if _, err := dst.Write(head); err != nil {
		return err
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

// stringEscaper writes text as the inside of a JSON string: quotes,
// backslashes and control characters escaped, everything else as it is.
// The final line break of the cleaned text is left out: a field holds
// text, not a file, and a clean field must come out unchanged.
//
// The text must be valid UTF-8, as a Cleaner writes it (its character
// tier replaces invalid bytes; FuzzRecord checks the output). Bytes are
// not decoded, so a rune split between two writes needs no care.
type stringEscaper struct {
	out       []byte // appended to
	n         int    // bytes of text written
	pendingNL bool   // a "\n" waits to see whether text follows
}

const hexDigits = "0123456789abcdef"

// jsonEscape marks the bytes a JSON string cannot hold as they are.
var jsonEscape = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c < 0x20 || c == '"' || c == '\\'
	}
	return t
}()

func (e *stringEscaper) Write(p []byte) (int, error) {
	n := len(p)
	e.n += n
	out := e.out
	if e.pendingNL && len(p) > 0 {
		out = append(out, `\n`...)
		e.pendingNL = false
	}
	for {
		var i int
		out, i = appendToSpecial(out, p)
		if i == len(p) {
			e.out = out
			return n, nil
		}
		out = e.escape(out, p[i], i+1 == len(p))
		p = p[i+1:]
	}
}

// escape appends the escape of c, a byte a JSON string cannot hold as it
// is. A line break last in a write waits (see pendingNL).
func (e *stringEscaper) escape(out []byte, c byte, last bool) []byte {
	switch c {
	case '"', '\\':
		return append(out, '\\', c)
	case '\n':
		if last {
			e.pendingNL = true
			return out
		}
		return append(out, `\n`...)
	case '\t':
		return append(out, `\t`...)
	case '\r':
		return append(out, `\r`...)
	}
	return append(out, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}
