package cleaner

import (
	"bytes"
	"regexp/syntax"
)

// inlineRule is one pattern of an inline rule: noise inside a line. Its
// span has two certain ends in one of two ways. A delimited pattern begins
// and ends with a delimiter no prose leaves open ("[CZYTAJ WIĘCEJ]"): any
// match is cut. A sentence pattern ends with a sentence end (". ", "!",
// "?"), as the spans `artclean learn` finds in flattened pages do ("Masz
// ważną informację? Napisz do nas."): a match is cut only where it is whole
// sentences, so the same words inside a longer sentence stay.
type inlineRule struct {
	re   *lazyRegexp
	rule *Rule
	// first, when not 0, is the byte every match starts with: a line
	// without it costs one IndexByte.
	first byte
	// sentences: a match must start at the line's start or after a
	// sentence end and a space, and end at the line's end or before a
	// space (the pattern itself ends in the sentence end).
	sentences bool
}

func newInlineRule(r *Rule, p string) *inlineRule {
	ir := &inlineRule{re: &lazyRegexp{expr: p}, rule: r}
	if re, err := syntax.Parse(p, syntax.Perl); err == nil {
		re = re.Simplify()
		ir.sentences = patternEndsSentence(re)
		if re.Op == syntax.OpConcat && len(re.Sub) > 0 {
			re = re.Sub[0]
		}
		if re.Op == syntax.OpLiteral && len(re.Rune) > 0 && opener(re.Rune[0]) {
			// Bracketed, "(Foto: PAP.)": the brackets are its ends even
			// when a sentence end stands before the closing one.
			ir.sentences = false
		}
		if re.Op == syntax.OpLiteral && len(re.Rune) > 0 && re.Rune[0] < 0x80 && re.Flags&syntax.FoldCase == 0 {
			ir.first = byte(re.Rune[0])
		}
	}
	return ir
}

// sentenceEnd is the punctuation that ends a sentence.
func sentenceEnd(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// closer is what may follow a sentence end inside its sentence: a closing
// quotation mark or bracket (`…zdjęcie.”`).
func closer(r rune) bool {
	switch r {
	case '"', '”', '»', '\'', ')': // as endsSentence skips them
		return true
	}
	return false
}

// opener is a bracket that begins a delimited pattern. Quotation marks
// are not: a quoted sentence is a sentence.
func opener(r rune) bool {
	switch r {
	case '(', '[', '{', '<':
		return true
	}
	return false
}

// patternEndsSentence reports a pattern every match of which ends in a sentence
// end (before optional closers). A pattern ending otherwise, such as a
// bracket, keeps the delimited reading, as inline patterns always had.
func patternEndsSentence(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		rs := re.Rune
		for len(rs) > 0 && closer(rs[len(rs)-1]) {
			rs = rs[:len(rs)-1]
		}
		// A literal of closers alone (`\.”` parses as one literal, but
		// a concat may split them) is decided by what precedes it.
		return len(rs) > 0 && sentenceEnd(rs[len(rs)-1])
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if !sentenceEnd(r) {
					return false
				}
			}
		}
		return len(re.Rune) > 0
	case syntax.OpCapture:
		return patternEndsSentence(re.Sub[0])
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !patternEndsSentence(s) {
				return false
			}
		}
		return true
	case syntax.OpConcat:
		subs := re.Sub
		for len(subs) > 1 && onlyClosers(subs[len(subs)-1]) {
			subs = subs[:len(subs)-1]
		}
		return len(subs) > 0 && patternEndsSentence(subs[len(subs)-1])
	}
	return false
}

func onlyClosers(re *syntax.Regexp) bool {
	if re.Op != syntax.OpLiteral || len(re.Rune) == 0 {
		return false
	}
	for _, r := range re.Rune {
		if !closer(r) {
			return false
		}
	}
	return true
}

// wholeSentences reports a span t[i:j] that is whole sentences of t: it
// starts at the line's start or after a sentence end (and closers) and a
// space, and it ends in a sentence end (and closers) at the line's end or
// before a space. "Masz newsa? Napisz." in "Tekst. Masz newsa? Napisz.
// Dalej." is; in "Powiedział, że masz newsa? Napisz." it is not.
func wholeSentences(t []byte, i, j int) bool {
	if i > 0 && (t[i-1] != ' ' || !endsSentence(t[:i-1])) {
		return false
	}
	return (j == len(t) || t[j] == ' ') && endsSentence(t[i:j])
}

// stripInline removes the spans the inline rules match from line t and
// reports each; the words around a span close up with one space. It
// returns t itself when nothing matched.
func (d *doc) stripInline(t []byte, num int) []byte {
	rules := d.m.inline
	if x := d.c.extra; x != nil {
		rules = append(rules[:len(rules):len(rules)], x.inline...)
	}
	for _, ir := range rules {
		if ir.first != 0 && bytes.IndexByte(t, ir.first) < 0 {
			continue
		}
		locs := ir.re.get().FindAllIndex(t, -1)
		if ir.sentences {
			// Matches inside a longer sentence stay; the filter reuses
			// the slice FindAllIndex made for this line.
			kept := locs[:0]
			for _, loc := range locs {
				if wholeSentences(t, loc[0], loc[1]) {
					kept = append(kept, loc)
				}
			}
			locs = kept
		}
		if len(locs) == 0 {
			continue
		}
		out := make([]byte, 0, len(t))
		last := 0
		for _, loc := range locs {
			d.remove(ir.rule, num, StripSpan, t[loc[0]:loc[1]])
			out = append(out, t[last:loc[0]]...)
			last = loc[1]
		}
		out = append(out, t[last:]...)
		t = bytes.TrimSpace(collapseSpaces(out))
	}
	return t
}

// collapseSpaces folds runs of spaces that a removed span left to one.
func collapseSpaces(b []byte) []byte {
	out := b[:0]
	for i, c := range b {
		if c == ' ' && i > 0 && b[i-1] == ' ' {
			continue
		}
		out = append(out, c)
	}
	return out
}
