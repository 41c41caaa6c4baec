// Package cleaner removes scraping noise from article text: advertisement
// markers, teaser paragraphs that advertise other articles, stray dates and
// metadata, and invisible or odd characters.
//
// Text flows through two tiers. The character tier (NFC, spaces, invisible
// characters) works on the stream and only counts what it changes. The
// paragraph tier applies rules, described as data (see Rule), to whole lines
// and short paragraphs and reports every removal. Memory stays bounded: a
// line longer than 64 KiB streams through in pieces.
//
// A Cleaner is safe for concurrent use.
package cleaner

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/artclean/artclean/internal/ruleid"
	"github.com/artclean/artclean/internal/suggest"
)

// Action says what a rule did.
type Action string

// The actions a Removal reports.
const (
	DropLine      Action = "drop-line"
	DropParagraph Action = "drop-paragraph"
	Strip         Action = "strip"
	StripSpan     Action = "strip-span" // a span inside a line (KindInline); the rest of the line stays
)

// Removal is one thing the paragraph tier took out of a document.
type Removal struct {
	Rule   string // rule ID, such as "pl/teaser"
	Doc    int    // document within the stream, from 1 (see WithSeparator)
	Line   int    // input line (from 1) where the removed text starts
	Action Action
	Text   string // the removed text after the character tier; lines joined by "\n"
	Bytes  int    // the length of the removed text, also when Text is omitted
	Lines  int    // the lines the removed text spans
}

// EventKind says what an Event is.
type EventKind int

// The events of cleaning, in input order.
const (
	EventKeep      EventKind = iota // Text is a kept line (a piece of one if Partial)
	EventRemove                     // Removal says what went
	EventBreak                      // a paragraph break was written
	EventSeparator                  // Text is a separator line between documents
	EventGuard                      // the guard kept text a rule would remove; Guard says what
)

// Guarded is text a rule would have removed and the guard kept in place:
// a span longer than WithMaxSpan allows, a teaser marker opening a whole
// paragraph rather than a title, or a document the rules would empty or
// strip of more than WithMaxRemoved allows (then Rule is the rule that
// would have removed most of it).
type Guarded struct {
	Rule      string
	Doc, Line int
	Bytes     int    // the text the guard kept
	Reason    string // why, in words: "one span of 5248 bytes, over the 2000-byte bound"
	Whole     bool   // the whole document was left as it came
}

// The guard's defaults: what New uses unless told otherwise.
const (
	DefaultMaxRemoved = 0.5
	DefaultMaxSpan    = 2000
)

// Event is one step of cleaning, for views such as --explain that show the
// document with its removals in place.
type Event struct {
	Kind    EventKind
	Doc     int
	Line    int
	Text    string
	Partial bool // a piece of a long line; more of it follows
	Removal *Removal
	Guard   *Guarded
}

// DocStats tells how much of one document the rules removed.
type DocStats struct {
	Doc, Line int    // document number and its first input line
	Kept      int64  // bytes of kept lines (after the character tier)
	Removed   int64  // bytes of removed text
	Lang      string // the language told from its start ("" if none could be: every pack applied)
	Guarded   bool   // the document guard saw the whole document
	KeptWhole bool   // the guard left the document as it came
}

// Share is the part of the document's text that the rules removed.
func (s DocStats) Share() float64 {
	if s.Kept+s.Removed == 0 {
		return 0
	}
	return float64(s.Removed) / float64(s.Kept+s.Removed)
}

// Hooks receive what a Clean call does; any may be nil. They are called
// from the goroutine running the call, in input order.
type Hooks struct {
	Removal func(Removal)
	Event   func(Event)
	DocEnd  func(DocStats)
	Guard   func(Guarded)
	// OmitText leaves Removal.Text empty, for a caller that only counts
	// removals (Bytes and Lines still tell their size): it saves a copy of
	// every removed text. With an Event hook, which shows the text, it
	// has no effect.
	OmitText bool
	// Kept is told of each kept line (a piece of a long one) as it is
	// written: the line's number and its text, valid only during the
	// call. While the guard holds a document its lines come before its
	// removals; a document cleaned again as a chronology comes again, from
	// its first line. It costs no copy, where Event makes a string of each
	// line: --review keeps the lines around a removal it samples.
	Kept func(line int, text []byte)
}

// Stats tells what one Clean call did besides its removals.
type Stats struct {
	Chars     CharStats
	LinesIn   int
	LinesOut  int
	KeptWhole int // documents the guard left as they came
	Guarded   int // spans and documents the guard kept
}

// Cleaner cleans documents with a fixed set of rules.
type Cleaner struct {
	rules   []*Rule // every known rule, built-in and user, in order
	enabled map[string]bool
	chars   charTier
	matchers

	// Language detection: the built-in packs a document's language can
	// pick (bits over stopWords().langs; 0: every pack on every document),
	// their matchers built on first use, and the rules they draw from.
	detect  uint32
	perLang []langMatchers
	allOnce *sync.Once // builds the embedded matchers (see allMatchers)
	active  []*Rule

	separator  []byte  // nil: each stream is one document
	guard      bool    // the document guard is on
	holdWhole  bool    // a rule (KindFurniture, KindRepeat) reads whole documents: hold each, guard or not
	maxRemoved float64 // the share of a document the rules may remove; 1: any but all
	maxSpan    int     // the longest text one removal may take; 0: any
	cores      int     // the most a long stream's stages use; 0: GOMAXPROCS

	// Packs with a scope line stay out of matchers: In compiles the ones
	// a group needs into extra, once per combination.
	scoped []scopedPack
	extra  *matchers         // the scoped rules of this Cleaner's group
	group  map[string]string // the group values that picked extra
	root   *Cleaner          // the Cleaner New made; nil for itself
	byKey  map[string]map[string][]int
	single []atomic.Pointer[Cleaner] // per scoped pack: the Cleaner of its group alone
	cache  *sync.Map                 // scopedPack indexes ",1,4" → *Cleaner, for several
}

// matchers hold the compiled rules of the paragraph tier, one matcher a kind.
type matchers struct {
	markers   markerSet
	teasers   phraseSet
	prefixes  phraseSet
	patterns  patternIndex
	leading   []*patternRule
	inline    []*inlineRule
	dates     dateRecognizer
	keeps     map[string]*Rule // KindKeep phrases: lines no line or teaser rule takes
	furniture *Rule            // KindFurniture: the page classifier, run at a document's end
	edges     *Rule            // KindFurniture with Edges: the classifier on the document's edges
	repeat    *Rule            // KindRepeat: the document's own text again, run at its end
}

// scopedPack is the enabled rules of a pack with a scope.
type scopedPack struct {
	scope Scope
	rules []*Rule
}

type settings struct {
	separator  []byte
	maxRemoved float64
	maxSpan    int
	noGuard    bool
	allPacks   bool
	pages      bool
	rules      []*Rule
	disable    []string
	enable     []string
	langs      []string
	noBuiltin  bool
	cores      int
}

// Option configures New.
type Option func(*settings)

// WithRules adds rules, such as a user's rule file read by ParseRules, to
// the built-in ones. A rule with the ID of an earlier one replaces it.
func WithRules(rules ...*Rule) Option {
	return func(s *settings) { s.rules = append(s.rules, rules...) }
}

// WithDisabled turns rules and character filters off. Each pattern is an ID
// ("pl/teaser", "nfc"), a glob over IDs ("pl/*", "*/ad-marker") or a bare rule
// name ("teaser"), which means that rule in every pack.
func WithDisabled(patterns ...string) Option {
	return func(s *settings) { s.disable = append(s.disable, patterns...) }
}

// WithEnabled turns on rules that are off by default, with the patterns of
// WithDisabled. Enabling wins over disabling.
func WithEnabled(patterns ...string) Option {
	return func(s *settings) { s.enable = append(s.enable, patterns...) }
}

// WithLanguages keeps only the built-in rules of the named packs (and the
// language-neutral "intl" pack); rules in packs of the user's own stay.
func WithLanguages(langs ...string) Option {
	return func(s *settings) { s.langs = append(s.langs, langs...) }
}

// WithSeparator makes a line equal to sep (a form feed, say) a boundary
// between documents: it stays in the output, and document-start rules apply
// to each document.
func WithSeparator(sep string) Option {
	return func(s *settings) { s.separator = []byte(sep) }
}

// The guard is on by default: the rules never empty a document that had
// text, never remove more than DefaultMaxRemoved of one (once more than 200
// bytes go), and never take one
// span longer than DefaultMaxSpan bytes. What it stops stays in place and
// is reported (Hooks.Guard, EventGuard, Stats.Guarded). It holds a document
// (up to 1 MiB) until it ends; a larger one is cleaned without the
// document-wide tests.

// WithMaxRemoved leaves a document as it came when the rules would remove
// more than share (above 0, up to 1) of its text; DocStats.KeptWhole
// reports it. At 1 only a document the rules would empty is kept.
func WithMaxRemoved(share float64) Option {
	return func(s *settings) { s.maxRemoved = share }
}

// WithMaxSpan keeps in place any one removal longer than n bytes; 0 lifts
// the bound.
func WithMaxSpan(n int) Option {
	return func(s *settings) { s.maxSpan = n }
}

// WithAllPacks applies every language pack to every document. By default a
// document whose language its start tells (by the packs' stop words) gets
// that language's pack only, besides the neutral pack and the user's own;
// WithLanguages also turns detection off.
func WithAllPacks() Option {
	return func(s *settings) { s.allPacks = true }
}

// WithPages says each document is a whole page's visible text, menus and
// footers too: the page classifier (rules of kind furniture, off for
// extracted article text) is on unless disabled.
func WithPages() Option {
	return func(s *settings) { s.pages = true }
}

// WithCores bounds the cores one Clean call of a long stream keeps busy
// (see Clean); 1 cleans every stream on the caller's goroutine alone. The
// default, 0, is runtime.GOMAXPROCS.
func WithCores(n int) Option {
	return func(s *settings) { s.cores = n }
}

// WithoutGuard turns the guard off: the rules may remove any span and all
// of a document.
func WithoutGuard() Option {
	return func(s *settings) { s.noGuard = true }
}

// WithoutBuiltins leaves the built-in rules out: only WithRules' rules
// apply, after the character tier. It is how a rule's examples are run.
func WithoutBuiltins() Option {
	return func(s *settings) { s.noBuiltin = true }
}

// charIDs are the character tier's filter IDs.
var charIDs = []string{IDMojibake, IDNFC, IDSpaces, IDInvisible, IDControls}

// New returns a Cleaner with the built-in rules and the options applied.
func New(opts ...Option) (*Cleaner, error) {
	s := settings{maxRemoved: DefaultMaxRemoved, maxSpan: DefaultMaxSpan}
	for _, o := range opts {
		o(&s)
	}
	var builtin []*Rule
	if !s.noBuiltin {
		var err error
		if builtin, err = builtinRules(); err != nil {
			return nil, err
		}
	}
	if !(s.maxRemoved > 0 && s.maxRemoved <= 1) {
		return nil, fmt.Errorf("the share of text removed must be above 0 and at most 1, not %g", s.maxRemoved)
	}
	if s.maxSpan < 0 {
		return nil, fmt.Errorf("the longest span must be 0 (no bound) or more bytes, not %d", s.maxSpan)
	}
	if s.cores < 0 {
		return nil, fmt.Errorf("a stream needs at least 1 core (0: one per CPU), not %d", s.cores)
	}
	if bytes.ContainsAny(s.separator, "\r\n") {
		return nil, errors.New("a separator is one line: no line breaks")
	}
	if !utf8.Valid(s.separator) {
		// It is written out as it is, and output is always valid UTF-8.
		return nil, errors.New("a separator must be valid UTF-8")
	}
	c := &Cleaner{separator: s.separator, cores: s.cores,
		guard: !s.noGuard, maxRemoved: s.maxRemoved, maxSpan: s.maxSpan}
	if s.noGuard {
		c.maxSpan = 0
	}
	// The caller's rules are copied: changing them after New changes
	// nothing here, and a Cleaner's rules are never shared to be changed.
	c.rules = mergeRules(builtin, cloneRules(s.rules))
	// Sized at once: growing it rule by rule was a tenth of New.
	c.enabled = make(map[string]bool, len(charIDs)+len(c.rules))
	for _, l := range s.langs {
		if !c.hasPack(l) {
			return nil, fmt.Errorf("unknown language %q (packs: %s)", l, strings.Join(c.packs(), ", "))
		}
	}
	ids := append(append([]string(nil), charIDs...), c.ruleIDs()...)
	for _, p := range append(append([]string(nil), s.disable...), s.enable...) {
		if !matchesAny(p, ids) {
			if near := suggest.Closest(p, ids); near != "" {
				return nil, fmt.Errorf("no rule or filter matches %q: did you mean %s?", p, near)
			}
			return nil, fmt.Errorf("no rule or filter matches %q (see 'artclean rules')", p)
		}
	}
	on := func(id string, defaultOn bool) bool {
		switch {
		case matchList(s.enable, id):
			return true
		case matchList(s.disable, id):
			return false
		}
		return defaultOn
	}
	c.chars = charTier{nfc: on(IDNFC, true), spaces: on(IDSpaces, true), invisible: on(IDInvisible, true), mojibake: on(IDMojibake, true), controls: on(IDControls, true)}
	for _, id := range charIDs {
		c.enabled[id] = on(id, true)
	}
	builtinPacks := map[string]bool{}
	for _, r := range builtin {
		builtinPacks[r.Pack] = true
	}
	for _, r := range s.rules {
		// A rule made in Go rather than read by ParseRules has its
		// patterns checked here: ")|x|(" would otherwise break out of
		// the anchors add wraps it in and match every line.
		for _, p := range r.Patterns {
			if err := checkPattern(p); err != nil {
				return nil, fmt.Errorf("%s:%d: rule %s: bad pattern: %v", r.File, r.Line, r.ID, err)
			}
		}
	}
	for i, r := range c.rules {
		// --lang picks among the shipped language packs; a user's own pack
		// (a site, a source) always applies.
		if len(s.langs) > 0 && r.Pack != "intl" && builtinPacks[r.Pack] && !slices.Contains(s.langs, r.Pack) {
			continue
		}
		if !on(r.ID, !r.Off || r.Kind == KindFurniture && !r.Edges && s.pages) {
			continue
		}
		c.enabled[r.ID] = true
		if !r.Scope.IsZero() {
			// Compiled now only to report a bad pattern here, not in In.
			if err := new(matchers).add(r); err != nil {
				return nil, err
			}
			c.addScoped(r)
			continue
		}
		// A built-in rule that no user rule replaced was checked when
		// builtin_rules.go was made (TestBuiltinRules).
		if i >= len(builtin) || r != builtin[i] {
			if err := checkRule(r); err != nil {
				return nil, err
			}
		}
		c.active = append(c.active, r)
		c.holdWhole = c.holdWhole || r.Kind == KindFurniture || r.Kind == KindRepeat
	}
	c.allOnce = new(sync.Once)
	if len(s.langs) == 0 && !s.allPacks {
		c.setDetection(builtinPacks)
	}
	c.single = make([]atomic.Pointer[Cleaner], len(c.scoped))
	return c, nil
}

// addScoped files an enabled rule of a scoped pack under its group.
func (c *Cleaner) addScoped(r *Rule) {
	if c.byKey == nil {
		c.byKey, c.cache = map[string]map[string][]int{}, &sync.Map{}
	}
	if c.byKey[r.Scope.Key] == nil {
		c.byKey[r.Scope.Key] = map[string][]int{}
	}
	i := slices.IndexFunc(c.scoped, func(sp scopedPack) bool { return sp.scope == r.Scope })
	if i < 0 {
		i = len(c.scoped)
		c.scoped = append(c.scoped, scopedPack{scope: r.Scope})
		c.byKey[r.Scope.Key][r.Scope.Value] = append(c.byKey[r.Scope.Key][r.Scope.Value], i)
	}
	c.scoped[i].rules = append(c.scoped[i].rules, r)
}

// ScopeKeys returns the keys the scoped packs use ("dir", JSON field
// paths), sorted; none when every rule applies to every document.
func (c *Cleaner) ScopeKeys() []string {
	root := c.rootCleaner()
	keys := make([]string, 0, len(root.byKey))
	for k := range root.byKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (c *Cleaner) rootCleaner() *Cleaner {
	if c.root != nil {
		return c.root
	}
	return c
}

// In returns the Cleaner for a document of a group: key → value, such as
// {"dir": "gazeta"} or {"domain": "example.com"} (see Scope). It applies
// the unscoped rules and those of every pack scoped to one of the values.
// Values already given to the Cleaner In was called on still count, so a
// file's directory and a record's field combine. A group that no pack is
// scoped to gets the unscoped Cleaner. In is cheap after the first call
// for a group, and safe for concurrent use.
func (c *Cleaner) In(group map[string]string) *Cleaner {
	root := c.rootCleaner()
	if len(root.scoped) == 0 {
		return c
	}
	// A document usually falls in one group: that path costs two map
	// look-ups and no allocation (In runs once per JSON Lines record).
	var buf [4]int
	picked := buf[:0]
	for k, v := range c.group {
		if _, ok := group[k]; !ok {
			picked = appendNew(picked, root.byKey[k][v])
		}
	}
	for k, v := range group {
		picked = appendNew(picked, root.byKey[k][v])
	}
	switch len(picked) {
	case 0:
		return root
	case 1:
		slot := &root.single[picked[0]]
		if d := slot.Load(); d != nil {
			return d
		}
		slot.CompareAndSwap(nil, root.withPacks(picked))
		return slot.Load()
	}
	slices.Sort(picked)
	var kb []byte // not fmt: picked would escape, and the one-group path allocate
	for _, i := range picked {
		kb = strconv.AppendInt(append(kb, ','), int64(i), 10)
	}
	key := string(kb)
	if d, ok := root.cache.Load(key); ok {
		return d.(*Cleaner)
	}
	actual, _ := root.cache.LoadOrStore(key, root.withPacks(picked))
	return actual.(*Cleaner)
}

// appendNew appends the indexes not in picked yet.
func appendNew(picked, idx []int) []int {
	for _, i := range idx {
		if !slices.Contains(picked, i) {
			picked = append(picked, i)
		}
	}
	return picked
}

// withPacks returns a copy of the root Cleaner that also applies the
// scoped packs picked.
func (c *Cleaner) withPacks(picked []int) *Cleaner {
	c.allMatchers() // the copy shares them: they must be complete
	d := *c
	d.root = c
	d.extra = &matchers{}
	d.group = map[string]string{}
	for _, i := range picked {
		sp := c.scoped[i]
		d.group[sp.scope.Key] = sp.scope.Value
		for _, r := range sp.rules {
			// New compiled every scoped rule: add cannot fail here.
			if err := d.extra.add(r); err != nil {
				panic(err)
			}
		}
	}
	d.extra.patterns.finish()
	return &d
}

// wrapPattern anchors a pattern of a rule of kind k: a pattern rule
// matches a whole line, a leading one the start of a document. Wrapping
// here keeps rule files free of anchors.
func wrapPattern(k Kind, p string) string {
	if k == KindLeading {
		return `^(?:` + p + `)`
	}
	return `^(?:` + p + `)$`
}

// checkRule reports what add would find wrong with r (a pattern that does
// not parse) without compiling it: New checks every rule, and the matchers
// are built on first use, for the packs a document needs.
func checkRule(r *Rule) error {
	switch r.Kind {
	case KindPattern, KindLeading:
		for _, p := range r.Patterns {
			expr := wrapPattern(r.Kind, p)
			if _, known := builtinFacts()[expr]; known {
				continue
			}
			if _, err := syntax.Parse(expr, syntax.Perl); err != nil {
				return fmt.Errorf("%s:%d: rule %s: %v", r.File, r.Line, r.ID, err)
			}
		}
	case KindInline:
		for _, p := range r.Patterns {
			if _, err := syntax.Parse(p, syntax.Perl); err != nil {
				return fmt.Errorf("%s:%d: rule %s: %v", r.File, r.Line, r.ID, err)
			}
		}
	}
	return nil
}

// allMatchers returns the embedded matchers, built on first use from every
// active rule: what a document gets when its language cannot be told, or
// when detection is off. Building them in New for every run was most of
// artclean's start-up, also for runs whose documents each need one pack.
// noRules are the matchers of a document whose language is not told yet
// (an empty one is never told): no rule.
var noRules matchers

// startMatchers returns the rules a document starts with, before its
// language picks its own: every pack's when detection is off (Clean built
// them), else none. (c.matchers themselves, unbuilt while detection is on,
// may be being built by another goroutine's allMatchers.)
func (c *Cleaner) startMatchers() *matchers {
	if c.detect == 0 {
		return &c.matchers
	}
	return &noRules
}

func (c *Cleaner) allMatchers() *matchers {
	c.allOnce.Do(func() {
		for _, r := range c.active {
			// checkRule passed in New: add cannot fail.
			if err := c.add(r); err != nil {
				panic(err)
			}
		}
		c.patterns.finish()
	})
	return &c.matchers
}

// add compiles one enabled rule into its kind's matcher.
func (c *matchers) add(r *Rule) error {
	switch r.Kind {
	case KindMarker:
		for _, p := range r.Phrases {
			c.markers.add(r, p)
		}
	case KindTeaser:
		for _, p := range r.Phrases {
			c.teasers.add(r, p, boundaryTeaser)
		}
		for _, p := range r.StrictPhrases {
			c.teasers.add(r, p, boundaryStrict)
		}
	case KindPrefix:
		for _, p := range r.Phrases {
			c.prefixes.add(r, p, boundaryWord)
		}
	case KindPattern, KindLeading:
		for _, p := range r.Patterns {
			expr := wrapPattern(r.Kind, p)
			pr := &patternRule{re: &lazyRegexp{expr: expr}, rule: r}
			// The built-in patterns' analysis is at hand: parsing them
			// all was a fifth of start-up.
			facts, known := builtinFacts()[expr]
			if !known {
				// Parsing finds every error regexp.Compile can report;
				// the program is compiled on first use, as most patterns
				// never get past the pre-checks, and compiling all of
				// them was most of start-up.
				parsed, err := syntax.Parse(expr, syntax.Perl)
				if err != nil {
					return fmt.Errorf("%s:%d: rule %s: %v", r.File, r.Line, r.ID, err)
				}
				facts = factsOf(parsed)
			}
			if r.Kind == KindLeading {
				// Most documents start with none of a leading rule's
				// prefixes: checking them is cheaper than the regexp,
				// which ran on every record's first line.
				pr.prefixes = facts.prefixes
				c.leading = append(c.leading, pr)
			} else {
				c.patterns.add(pr, facts)
			}
		}
	case KindDateLine:
		c.dates.addRule(r)
	case KindKeep:
		c.addKeep(r)
	case KindFurniture:
		if r.Edges {
			c.edges = r
		} else {
			c.furniture = r
		}
	case KindRepeat:
		c.repeat = r
	case KindInline:
		for _, p := range r.Patterns {
			if _, err := syntax.Parse(p, syntax.Perl); err != nil {
				return fmt.Errorf("%s:%d: rule %s: %v", r.File, r.Line, r.ID, err)
			}
			c.inline = append(c.inline, newInlineRule(r, p))
		}
	}
	return nil
}

// Rules returns a copy of every rule the Cleaner knows, enabled or not, in
// order.
func (c *Cleaner) Rules() []*Rule { return cloneRules(c.rules) }

// Enabled reports whether a rule or character filter ID is on.
func (c *Cleaner) Enabled(id string) bool { return c.enabled[id] }

// Clean reads a document from src and writes it, cleaned, to dst. What it
// removes and keeps goes to hooks (nil: none) as it happens, so that memory
// stays bounded whatever the document's size; the counts come back in
// Stats.
//
// A long stream (over 1 MiB) is read and judged line by line on goroutines
// of Clean's own, on every core (WithCores), ahead of the rules that hold
// state across lines; dst and the hooks are still called on the caller's goroutine, in
// order, and src is read by no goroutine once Clean has returned. A src
// with a ReadInStep method (a reader whose bytes dst writes over, say) is
// read only as far as the cleaning has come.
func (c *Cleaner) Clean(dst io.Writer, src io.Reader, hooks *Hooks) (Stats, error) {
	var h Hooks
	if hooks != nil {
		h = *hooks
	}
	if c.detect == 0 {
		// Every document gets every pack: no language picks a subset.
		c.allMatchers()
	}
	d := getDoc(c, dst, h)
	defer putDoc(d)
	err := d.run(src)
	return d.stats, err
}

// CleanString cleans a small document held in memory, for tests and
// callers that hold short texts (a record's field, a title).
func (c *Cleaner) CleanString(s string) string {
	var b strings.Builder
	// Neither a strings.Reader nor a strings.Builder can fail.
	c.Clean(&b, strings.NewReader(s), nil)
	return b.String()
}

func mergeRules(base, extra []*Rule) []*Rule {
	out := append([]*Rule(nil), base...)
	for _, r := range extra {
		replaced := false
		for i, b := range out {
			if b.ID == r.ID {
				out[i], replaced = r, true
				break
			}
		}
		if !replaced {
			out = append(out, r)
		}
	}
	return out
}

func (c *Cleaner) ruleIDs() []string {
	ids := make([]string, len(c.rules))
	for i, r := range c.rules {
		ids[i] = r.ID
	}
	return ids
}

func (c *Cleaner) packs() []string {
	var ps []string
	for _, r := range c.rules {
		if !slices.Contains(ps, r.Pack) {
			ps = append(ps, r.Pack)
		}
	}
	return ps
}

func (c *Cleaner) hasPack(p string) bool { return slices.Contains(c.packs(), p) }

func matchList(patterns []string, id string) bool {
	return slices.ContainsFunc(patterns, func(p string) bool { return ruleid.Match(p, id) })
}

func matchesAny(pattern string, ids []string) bool {
	return slices.ContainsFunc(ids, func(id string) bool { return ruleid.Match(pattern, id) })
}
