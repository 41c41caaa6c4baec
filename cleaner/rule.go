package cleaner

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp/syntax"
	"slices"
	"strings"
)

// Kind says how a rule matches and what it removes.
type Kind string

// The rule kinds. Each kind is one matcher in the paragraph tier; a rule only
// supplies data (phrases, patterns, vocabulary) to its kind's matcher.
const (
	// KindMarker drops a line that is only one of the phrases, ignoring case and
	// surrounding punctuation, brackets, dashes and symbols ("- Reklama -").
	KindMarker Kind = "marker"
	// KindTeaser drops a line (and, for a hard-wrapped teaser, its short
	// continuation lines) that starts with one of the phrases.
	KindTeaser Kind = "teaser"
	// KindPrefix drops a line that starts with one of the phrases.
	KindPrefix Kind = "prefix"
	// KindPattern drops a line that an RE2 pattern matches as a whole.
	KindPattern Kind = "pattern"
	// KindLeading strips a token matched by an RE2 pattern at the very start of
	// a document (lines other rules remove before it do not count); the rest
	// of the line stays.
	KindLeading Kind = "leading"
	// KindDateLine drops a line that holds only a date or time, with optional
	// labels and weekday, in the rule's vocabulary.
	KindDateLine Kind = "date-line"
	// KindInline strips spans an RE2 pattern matches inside a line, for
	// noise written into the text (a document flattened to one line):
	// "[CZYTAJ WIĘCEJ]", "(AP Photo/John Smith)". The pattern must begin
	// and end with a delimiter no prose leaves open (brackets), so that
	// both ends of a span are unambiguous; the rest of the line stays.
	KindInline Kind = "inline"
	// KindKeep removes nothing: a line that is exactly one of its phrases
	// (as the character tier leaves it: trimmed, spaces folded) is kept
	// whatever the line and teaser rules say. It is the exception a user
	// writes for one line the rules get wrong, such as the keep-exceptions
	// `artclean review` builds; the rule behind it stays on for the rest.
	KindKeep Kind = "keep"
	// KindFurniture drops the lines of a page's layout around the article
	// (menus, share bars, related headlines, footers) that no phrase
	// names. It takes no data: a line is classed by its length, its share
	// of the language's stop words and whether it ends as a sentence,
	// then by its neighbours (furniture.go). It runs over a whole
	// document at its end, so it needs the guard's hold.
	KindFurniture Kind = "furniture"
	// KindRepeat drops a line whose text the document already carries: a
	// pull quote that repeats a sentence of a paragraph, a headline or a
	// caption given twice. It takes no data and, like KindFurniture, reads
	// the whole document at its end (repeat.go).
	KindRepeat Kind = "repeat"
)

var kinds = []Kind{KindMarker, KindTeaser, KindPrefix, KindPattern, KindLeading, KindDateLine, KindInline, KindKeep, KindFurniture, KindRepeat}

// Example is a test case that ships with a rule: Input cleaned by the rule
// alone must produce Want (Remove examples) or be left unchanged (Keep ones).
type Example struct {
	Input string
	// Want is the expected clean output of a Remove example; empty means
	// the rule removes all of Input.
	Want string
	Line int // line of the example in its rule file
}

// Rule is one filter of the paragraph tier, described as data.
type Rule struct {
	ID          string // stable, "pack/name"
	Pack        string // language pack ("pl", "en", …) or "intl"
	Kind        Kind
	Description string
	// Off marks a rule that only runs when enabled explicitly.
	Off bool
	// KeepSentences spares a line that reads as a sentence: a credit or a
	// source names someone ("Foto: dpa"), a caption that tells what the
	// picture shows is the article's ("Foto: Die Ministerin steht im
	// Regen vor dem Kanzleramt, der Schirm ist ihr weggeflogen.").
	KeepSentences bool
	// Edges limits a furniture rule to the runs of furniture at a
	// document's start and end, the article's own lines between them.
	Edges bool

	Phrases       []string // marker, teaser, prefix
	StrictPhrases []string // teaser phrases that also start ordinary prose: need ':', '>' or a dash, not just a space
	Patterns      []string // pattern, leading
	Labels        []string // date-line: "Opublikowano", "Published"
	Months        []string // date-line
	Weekdays      []string // date-line
	Words         []string // date-line: fillers such as "r.", "godz.", "Uhr", "CET"

	// Scope, when set, limits the rule to one group of documents.
	Scope Scope

	Remove []Example
	Keep   []Example

	File string // where the rule was defined
	Line int
}

// Scope names a group of documents: those whose Key has Value. Key is "dir"
// (the top-level folder of a file under a directory given with -r) or a
// JSON Lines field path ("domain", "meta.site"); for a field named "url" the
// value is the URL's host, without "www.". A pack gets a scope from a
// "scope KEY=VALUE" line, and its rules then apply to that group only:
// Cleaner.In picks them for a document.
type Scope struct{ Key, Value string }

// IsZero reports an unscoped rule, which applies to every document.
func (s Scope) IsZero() bool { return s.Key == "" }

func (s Scope) String() string { return s.Key + "=" + s.Value }

// ParseError reports a mistake in a rule file.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// ParseRules reads rules in the artclean rule format: one directive a line,
// "# …" comments, a "pack NAME" line before the first "rule NAME".
//
//	pack pl
//	rule ad-marker
//	kind marker
//	description advertisement marker alone on a line
//	phrase Reklama
//	remove - Reklama -
//	keep Reklama telewizyjna kosztuje coraz więcej.
//
// A "scope KEY=VALUE" line right after "pack" limits the pack's rules to one
// group of documents (see Scope).
//
// Example inputs use \n for a line break and " => " before the expected output.
func ParseRules(name string, r io.Reader) ([]*Rule, error) {
	var (
		rules []*Rule
		pack  string
		scope Scope
		cur   *Rule
		errs  []error
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	fail := func(format string, args ...any) {
		errs = append(errs, &ParseError{File: name, Line: n, Msg: fmt.Sprintf(format, args...)})
	}
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, _ := strings.Cut(line, " ")
		value = strings.TrimSpace(value)
		if value == "" && key != "keep-sentences" && key != "edges" {
			fail("%q needs a value", key)
			continue
		}
		switch key {
		case "pack":
			if !validName(value) {
				fail("bad pack name %q (use letters, digits and -)", value)
				continue
			}
			pack = value
			scope = Scope{}
			cur = nil
			continue
		case "scope":
			switch k, v, ok := strings.Cut(value, "="); {
			case pack == "":
				fail(`"scope" before any "pack" line`)
			case cur != nil:
				fail(`"scope" belongs right after "pack", before the pack's first rule`)
			case !ok || !validScopeKey(strings.TrimSpace(k)) || strings.TrimSpace(v) == "":
				fail("scope is KEY=VALUE, such as dir=gazeta or domain=example.com, not %q", value)
			default:
				scope = Scope{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)}
			}
			continue
		case "rule":
			if pack == "" {
				fail(`"rule" before any "pack" line`)
				continue
			}
			if !validName(value) {
				fail("bad rule name %q (use letters, digits and -)", value)
				continue
			}
			cur = &Rule{ID: pack + "/" + value, Pack: pack, Scope: scope, File: name, Line: n}
			rules = append(rules, cur)
			continue
		}
		if cur == nil {
			fail("%q outside a rule (start one with \"rule NAME\")", key)
			continue
		}
		switch key {
		case "kind":
			k := Kind(value)
			if !knownKind(k) {
				fail("unknown kind %q (want one of %s)", value, kindList())
				continue
			}
			cur.Kind = k
		case "description":
			cur.Description = value
		case "keep-sentences":
			if value != "" {
				fail("keep-sentences takes no value")
			}
			cur.KeepSentences = true
		case "edges":
			if value != "" {
				fail("edges takes no value")
			}
			cur.Edges = true
		case "default":
			switch value {
			case "on":
				cur.Off = false
			case "off":
				cur.Off = true
			default:
				fail("default is on or off, not %q", value)
			}
		case "phrase":
			cur.Phrases = append(cur.Phrases, value)
		case "strict-phrase":
			cur.StrictPhrases = append(cur.StrictPhrases, value)
		case "pattern":
			if err := checkPattern(value); err != nil {
				fail("bad pattern: %v", err)
				continue
			}
			cur.Patterns = append(cur.Patterns, value)
		case "label":
			cur.Labels = append(cur.Labels, value)
		case "month":
			cur.Months = append(cur.Months, strings.Fields(value)...)
		case "weekday":
			cur.Weekdays = append(cur.Weekdays, strings.Fields(value)...)
		case "word":
			cur.Words = append(cur.Words, strings.Fields(value)...)
		case "remove", "keep":
			in, want, _ := strings.Cut(value, " => ")
			ex := Example{Input: unescape(in), Want: unescape(want), Line: n}
			if key == "remove" {
				cur.Remove = append(cur.Remove, ex)
			} else {
				cur.Keep = append(cur.Keep, ex)
			}
		default:
			fail("unknown directive %q", key)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, r := range rules {
		n = r.Line
		if err := r.check(); err != nil {
			fail("rule %s: %v", r.ID, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return rules, nil
}

// check reports a rule that lacks what its kind needs.
func (r *Rule) check() error {
	switch r.Kind {
	case "":
		return fmt.Errorf("no kind (want one of %s)", kindList())
	case KindMarker, KindPrefix:
		if len(r.Phrases) == 0 {
			return fmt.Errorf("kind %s needs at least one phrase", r.Kind)
		}
		if len(r.StrictPhrases) > 0 {
			return fmt.Errorf("strict-phrase is only for teaser rules")
		}
	case KindTeaser:
		if len(r.Phrases)+len(r.StrictPhrases) == 0 {
			return fmt.Errorf("kind teaser needs at least one phrase")
		}
	case KindPattern, KindLeading, KindInline:
		if len(r.Patterns) == 0 {
			return fmt.Errorf("kind %s needs at least one pattern", r.Kind)
		}
	case KindDateLine:
		// Numeric dates need no vocabulary.
	case KindFurniture, KindRepeat:
		if r.Edges && r.Kind != KindFurniture {
			return fmt.Errorf("edges is only for furniture rules")
		}
		if len(r.Phrases)+len(r.StrictPhrases) > 0 {
			return fmt.Errorf("kind %s takes no phrases: it reads every line of a document", r.Kind)
		}
	case KindKeep:
		if len(r.Phrases) == 0 {
			return fmt.Errorf("kind keep needs at least one phrase")
		}
		if len(r.StrictPhrases) > 0 || len(r.Remove) > 0 {
			return fmt.Errorf("kind keep removes nothing: no strict-phrase, no remove examples")
		}
	}
	if r.Kind != KindDateLine && len(r.Labels)+len(r.Months)+len(r.Weekdays)+len(r.Words) > 0 {
		return fmt.Errorf("label, month, weekday and word are only for date-line rules")
	}
	if r.Kind != KindPattern && r.Kind != KindLeading && r.Kind != KindInline && len(r.Patterns) > 0 {
		return fmt.Errorf("pattern is only for pattern, leading and inline rules")
	}
	return nil
}

func knownKind(k Kind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

func kindList() string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func validName(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return s != ""
}

// validScopeKey accepts "dir" and dotted field paths of plain names.
func validScopeKey(k string) bool {
	for part := range strings.SplitSeq(k, ".") {
		if !validName(part) {
			return false
		}
	}
	return true
}

// unescape turns the two escapes of example text, \n and \\, into characters.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			case '\\':
				b.WriteByte('\\')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// checkPattern reports what keeps p from being a rule's pattern. Parsing
// finds every error regexp.Compile can report. Cleaner.add wraps the
// pattern, so it is checked bare and wrapped: bare, ")|x|(" would break
// out of the wrapper's anchors and match every line; wrapped, an
// unterminated \Q would swallow the wrapper's closing parenthesis.
func checkPattern(p string) error {
	if _, err := syntax.Parse(p, syntax.Perl); err != nil {
		return err
	}
	_, err := syntax.Parse(`^(?:`+p+`)$`, syntax.Perl)
	return err
}

// clone returns a copy of r that shares nothing changeable with it.
func (r *Rule) clone() *Rule {
	c := *r
	c.Phrases = slices.Clone(r.Phrases)
	c.StrictPhrases = slices.Clone(r.StrictPhrases)
	c.Patterns = slices.Clone(r.Patterns)
	c.Labels = slices.Clone(r.Labels)
	c.Months = slices.Clone(r.Months)
	c.Weekdays = slices.Clone(r.Weekdays)
	c.Words = slices.Clone(r.Words)
	c.Remove = slices.Clone(r.Remove)
	c.Keep = slices.Clone(r.Keep)
	return &c
}

// cloneRules copies every rule of rules.
func cloneRules(rules []*Rule) []*Rule {
	out := make([]*Rule, len(rules))
	for i, r := range rules {
		out[i] = r.clone()
	}
	return out
}
