package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file parses the subset of Python literal syntax that the benchmark's
// evaldata_*.py files use: dicts, lists, tuples, strings (single, double and
// triple quoted, with r/u/b prefixes, escapes and implicit concatenation),
// numbers, True, False and None, with comments and trailing commas.

// PyDict is a Python dict with its insertion order. As in Python, a repeated
// key replaces the value but keeps the key's first position.
type PyDict struct {
	Keys   []any
	Values map[any]any
}

// Get returns the value stored under key.
func (d *PyDict) Get(key any) (any, bool) {
	v, ok := d.Values[key]
	return v, ok
}

func (d *PyDict) set(key, val any) {
	if _, ok := d.Values[key]; !ok {
		d.Keys = append(d.Keys, key)
	}
	d.Values[key] = val
}

// PyNone is Python's None.
type PyNone struct{}

// PyTuple is a Python tuple (comparable, so it can be a dict key).
type PyTuple string

type pyParser struct {
	src          string
	pos          int
	line         int
	lastHadComma bool // the last list or tuple ended with a comma
}

// ParsePyLiteral parses one Python literal expression; only white space
// and comments may follow it.
func ParsePyLiteral(src string) (any, error) {
	p := &pyParser{src: src, line: 1}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.skip()
	if p.pos < len(p.src) {
		return nil, p.errorf("unexpected %q after the value", p.peekRune())
	}
	return v, nil
}

// ParsePyAssignment finds the top-level statement `NAME = <literal>` in a
// Python source file and parses the literal.
func ParsePyAssignment(src, name string) (any, error) {
	p := &pyParser{src: src, line: 1}
	for {
		p.skip()
		if p.pos >= len(p.src) {
			return nil, fmt.Errorf("no assignment to %s found", name)
		}
		atLineStart := p.pos == 0 || p.src[p.pos-1] == '\n'
		if atLineStart && strings.HasPrefix(p.src[p.pos:], name) {
			q := *p
			q.pos += len(name)
			q.skipSpaces()
			if q.pos < len(q.src) && q.src[q.pos] == '=' && !strings.HasPrefix(q.src[q.pos:], "==") {
				q.pos++
				v, err := q.value()
				if err != nil {
					return nil, err
				}
				return v, nil
			}
		}
		// Skip the rest of this logical line (strings may hold '#' or newlines).
		if err := p.skipStatementLine(); err != nil {
			return nil, err
		}
	}
}

func (p *pyParser) errorf(format string, args ...any) error {
	return fmt.Errorf("line %d: %s", p.line, fmt.Sprintf(format, args...))
}

func (p *pyParser) peekRune() rune {
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return r
}

func (p *pyParser) advance(n int) {
	p.line += strings.Count(p.src[p.pos:p.pos+n], "\n")
	p.pos += n
}

// skipSpaces skips blanks on the current line only.
func (p *pyParser) skipSpaces() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
}

// skip skips white space (newlines included), comments and line continuations.
func (p *pyParser) skip() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\n':
			p.line++
			p.pos++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			p.pos++
		case c == '\\' && p.pos+1 < len(p.src) && (p.src[p.pos+1] == '\n' || p.src[p.pos+1] == '\r'):
			p.pos++
		case c == '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		case c == 0xEF && strings.HasPrefix(p.src[p.pos:], "\uFEFF"):
			p.pos += 3
		default:
			return
		}
	}
}

// skipStatementLine skips to the start of the next line, stepping over
// string literals and bracketed expressions that span lines.
func (p *pyParser) skipStatementLine() error {
	depth := 0
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\n':
			p.line++
			p.pos++
			if depth == 0 {
				return nil
			}
		case c == '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		case c == '"' || c == '\'':
			if _, err := p.stringLit(); err != nil {
				return err
			}
		case c == '(' || c == '[' || c == '{':
			depth++
			p.pos++
		case c == ')' || c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
			p.pos++
		default:
			p.pos++
		}
	}
	return nil
}

func (p *pyParser) value() (any, error) {
	p.skip()
	if p.pos >= len(p.src) {
		return nil, p.errorf("unexpected end of input")
	}
	c := p.src[p.pos]
	switch {
	case c == '{':
		return p.dict()
	case c == '[':
		return p.list('[', ']')
	case c == '(':
		items, err := p.list('(', ')')
		if err != nil {
			return nil, err
		}
		if len(items) == 1 && !p.lastHadComma {
			return items[0], nil // a parenthesised expression, not a tuple
		}
		return PyTuple(fmt.Sprintf("%q", items)), nil
	case c == '"' || c == '\'':
		return p.strings()
	case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
		return p.number()
	case isIdentStart(p.peekRune()):
		start := p.pos
		prefixEnd := p.pos
		for prefixEnd < len(p.src) && prefixEnd-start < 3 && strings.ContainsRune("rRuUbBfF", rune(p.src[prefixEnd])) {
			prefixEnd++
		}
		if prefixEnd > start && prefixEnd < len(p.src) && (p.src[prefixEnd] == '"' || p.src[prefixEnd] == '\'') {
			return p.strings()
		}
		for p.pos < len(p.src) {
			r, n := utf8.DecodeRuneInString(p.src[p.pos:])
			if !isIdentPart(r) {
				break
			}
			p.pos += n
		}
		switch word := p.src[start:p.pos]; word {
		case "True":
			return true, nil
		case "False":
			return false, nil
		case "None":
			return PyNone{}, nil
		default:
			return nil, p.errorf("unsupported name %q (only literals are allowed)", word)
		}
	}
	return nil, p.errorf("unexpected %q", p.peekRune())
}

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }
func isIdentPart(r rune) bool  { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

func (p *pyParser) dict() (any, error) {
	p.pos++ // {
	d := &PyDict{Values: map[any]any{}}
	for {
		p.skip()
		if p.pos >= len(p.src) {
			return nil, p.errorf("unterminated dict")
		}
		if p.src[p.pos] == '}' {
			p.pos++
			return d, nil
		}
		key, err := p.value()
		if err != nil {
			return nil, err
		}
		switch key.(type) {
		case *PyDict, []any:
			return nil, p.errorf("unhashable dict key")
		}
		p.skip()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return nil, p.errorf("expected ':' in dict")
		}
		p.pos++
		val, err := p.value()
		if err != nil {
			return nil, err
		}
		d.set(key, val)
		p.skip()
		if p.pos >= len(p.src) {
			return nil, p.errorf("unterminated dict")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case '}':
		default:
			return nil, p.errorf("expected ',' or '}' in dict, got %q", p.peekRune())
		}
	}
}

func (p *pyParser) list(open, closing byte) ([]any, error) {
	p.pos++ // open
	items := []any{}
	p.lastHadComma = false
	for {
		p.skip()
		if p.pos >= len(p.src) {
			return nil, p.errorf("unterminated %c", open)
		}
		if p.src[p.pos] == closing {
			p.pos++
			return items, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		p.skip()
		if p.pos >= len(p.src) {
			return nil, p.errorf("unterminated %c", open)
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
			p.lastHadComma = true
		case closing:
			p.lastHadComma = false
		default:
			return nil, p.errorf("expected ',' or %q, got %q", closing, p.peekRune())
		}
	}
}

func (p *pyParser) number() (any, error) {
	start := p.pos
	if p.src[p.pos] == '-' || p.src[p.pos] == '+' {
		p.pos++
	}
	for p.pos < len(p.src) && strings.ContainsRune("0123456789abcdefABCDEFxXoO_.+-", rune(p.src[p.pos])) {
		c := p.src[p.pos]
		if (c == '+' || c == '-') && !(p.src[p.pos-1] == 'e' || p.src[p.pos-1] == 'E') {
			break
		}
		p.pos++
	}
	lit := strings.ReplaceAll(p.src[start:p.pos], "_", "")
	if i, err := strconv.ParseInt(lit, 0, 64); err == nil {
		return i, nil
	}
	if f, err := strconv.ParseFloat(lit, 64); err == nil {
		return f, nil
	}
	return nil, p.errorf("bad number %q", lit)
}

// strings parses one or more adjacent string literals, concatenated.
func (p *pyParser) strings() (any, error) {
	var sb strings.Builder
	for {
		s, err := p.stringLit()
		if err != nil {
			return nil, err
		}
		sb.WriteString(s)
		save, saveLine := p.pos, p.line
		p.skip()
		if p.pos < len(p.src) && p.isStringStart() {
			continue
		}
		p.pos, p.line = save, saveLine
		return sb.String(), nil
	}
}

func (p *pyParser) isStringStart() bool {
	i := p.pos
	for i < len(p.src) && i-p.pos < 3 && strings.ContainsRune("rRuUbBfF", rune(p.src[i])) {
		i++
	}
	return i < len(p.src) && (p.src[i] == '"' || p.src[i] == '\'')
}

// stringLit parses one string literal at p.pos (with optional prefix).
func (p *pyParser) stringLit() (string, error) {
	raw := false
	for p.pos < len(p.src) && p.src[p.pos] != '"' && p.src[p.pos] != '\'' {
		switch p.src[p.pos] {
		case 'r', 'R':
			raw = true
		case 'f', 'F':
			return "", p.errorf("f-strings are not literals")
		}
		p.pos++
	}
	q := p.src[p.pos]
	triple := strings.HasPrefix(p.src[p.pos:], strings.Repeat(string(q), 3))
	quote := string(q)
	if triple {
		quote = strings.Repeat(quote, 3)
	}
	startLine := p.line
	p.pos += len(quote)
	var sb strings.Builder
	for {
		if p.pos >= len(p.src) {
			p.line = startLine
			return "", p.errorf("unterminated string")
		}
		if strings.HasPrefix(p.src[p.pos:], quote) {
			p.pos += len(quote)
			return sb.String(), nil
		}
		c := p.src[p.pos]
		if c == '\n' && !triple {
			return "", p.errorf("newline in string")
		}
		if c != '\\' {
			r, n := utf8.DecodeRuneInString(p.src[p.pos:])
			sb.WriteRune(r)
			p.advance(n)
			continue
		}
		// Backslash.
		if p.pos+1 >= len(p.src) {
			return "", p.errorf("unterminated string")
		}
		if raw {
			// In a raw string the backslash stays, and it keeps a quote from closing.
			sb.WriteByte('\\')
			r, n := utf8.DecodeRuneInString(p.src[p.pos+1:])
			sb.WriteRune(r)
			p.advance(1 + n)
			continue
		}
		e := p.src[p.pos+1]
		p.pos += 2
		switch e {
		case '\n':
			p.line++ // line continuation inside a string
		case '\r':
			if p.pos < len(p.src) && p.src[p.pos] == '\n' {
				p.pos++
			}
			p.line++
		case '\\', '\'', '"':
			sb.WriteByte(e)
		case 'a':
			sb.WriteByte('\a')
		case 'b':
			sb.WriteByte('\b')
		case 'f':
			sb.WriteByte('\f')
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 't':
			sb.WriteByte('\t')
		case 'v':
			sb.WriteByte('\v')
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			if p.pos+n > len(p.src) {
				return "", p.errorf("truncated \\%c escape", e)
			}
			v, err := strconv.ParseUint(p.src[p.pos:p.pos+n], 16, 32)
			if err != nil || v > unicode.MaxRune {
				return "", p.errorf("bad \\%c escape %q", e, p.src[p.pos:p.pos+n])
			}
			sb.WriteRune(rune(v))
			p.pos += n
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(e - '0')
			for i := 0; i < 2 && p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '7'; i++ {
				v = v*8 + int(p.src[p.pos]-'0')
				p.pos++
			}
			sb.WriteRune(rune(v))
		default:
			// Python keeps unknown escapes as they are.
			sb.WriteByte('\\')
			p.pos--
		}
	}
}
