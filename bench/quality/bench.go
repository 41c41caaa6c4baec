package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
	"golang.org/x/net/html"
)

// Text kinds, in table order.
const (
	KindTrafLines   = "traf-lines"
	KindTrafOneLine = "traf-oneline"
	KindNaive       = "naive"
)

// Kinds lists the text kinds in table order.
var Kinds = []string{KindTrafLines, KindTrafOneLine, KindNaive}

// Sets lists the benchmark's page sets and their data files.
var Sets = []struct{ Name, File string }{
	{"news", "evaldata_news.py"},
	{"forums", "evaldata_forums.py"},
}

// TrafEvalSet is the set name of trafilatura's evaluation set.
const TrafEvalSet = "trafeval"

// Config is one benchmark run.
type Config struct {
	DataDir string // the "tests — comparison" folder, or trafilatura's tests/ with TrafEval
	// TrafEval runs trafilatura's evaluation set (DataDir/evaldata.json) as
	// one set, TrafEvalSet, instead of the Polish sets: snippets are matched
	// whitespace-normalised as its eval_common.count_item does, and each
	// page gets a detected language.
	TrafEval  bool
	SetNames  []string // subset of Sets; empty: all
	Artclean  string   // artclean binary; empty: build RepoRoot/cmd/artclean
	RepoRoot  string   // for building artclean
	ExtraArgs []string // passed to artclean
	// PageArgs are passed to artclean for the naive dumps of PageSets: an
	// article page's every visible text is what --input page is for; a
	// forum thread's short posts are not what its classifier keeps.
	PageArgs   []string
	PageSets   []string // the sets whose naive dumps get PageArgs
	Traf       TrafOptions
	BlankLines bool // separate blocks with a blank line instead of a newline
	Jobs       int
	Log        io.Writer // progress notes; nil for none
}

// Result is a whole run.
type Result struct {
	Config     Config        `json:"-"`
	Artclean   string        `json:"artclean"`
	ExtraArgs  []string      `json:"artclean_args"`
	Traf       TrafOptions   `json:"trafilatura_options"`
	Sets       []*SetResult  `json:"sets"`
	ExtractDur time.Duration `json:"-"`
	CleanDur   time.Duration `json:"-"`
	TotalDur   time.Duration `json:"-"`
}

// SetResult is one evaldata file.
type SetResult struct {
	Name    string        `json:"set"`
	Entries int           `json:"entries"`
	Skipped []SkipNote    `json:"skipped"`
	Pages   []*PageResult `json:"pages"`
}

// SkipNote is a page that was not run.
type SkipNote struct {
	URL    string `json:"url"`
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// PageResult is one page with its three texts.
type PageResult struct {
	Page     Page          `json:"-"`
	URL      string        `json:"url"`
	File     string        `json:"file"`
	Lang     string        `json:"lang,omitempty"` // detected, with TrafEval
	Encoding string        `json:"encoding"`
	EncFrom  string        `json:"encoding_source"`
	Invalid  int           `json:"invalid_bytes"`
	Kinds    []*KindResult `json:"kinds"`
	id       string
}

// Kind returns the result for one text kind.
func (p *PageResult) Kind(k string) *KindResult {
	for _, kr := range p.Kinds {
		if kr.Kind == k {
			return kr
		}
	}
	return nil
}

// KindResult is one text of a page, before and after artclean.
type KindResult struct {
	Kind    string    `json:"kind"`
	OK      bool      `json:"extracted"`
	Err     string    `json:"error,omitempty"`
	Before  string    `json:"-"`
	After   string    `json:"-"`
	With    []Snippet `json:"with"`
	Without []Snippet `json:"without"`
	// Removals are artclean's report records for this text.
	Removals     []Removal `json:"removals"`
	CountsBefore Counts    `json:"counts_before"`
	CountsAfter  Counts    `json:"counts_after"`
}

// Snippet is a 'with' or 'without' string and whether the text holds it.
type Snippet struct {
	Text   string `json:"text"`
	Before bool   `json:"before"`
	After  bool   `json:"after"`
	// Rules are the rule IDs of the removals that overlap a snippet present
	// before and absent after.
	Rules []string `json:"rules,omitempty"`
}

// Run executes the benchmark.
func Run(cfg Config) (*Result, error) {
	start := time.Now()
	logf := func(format string, args ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, format+"\n", args...)
		}
	}
	if cfg.Jobs <= 0 {
		cfg.Jobs = runtime.GOMAXPROCS(0)
	}
	if st, err := os.Stat(cfg.DataDir); err != nil || !st.IsDir() {
		want := `the "tests — comparison" folder of Text_extraction_comparison_PL`
		if cfg.TrafEval {
			want = "trafilatura's tests folder"
		}
		return nil, fmt.Errorf("data folder %q: not a directory (want %s)", cfg.DataDir, want)
	}
	res := &Result{Config: cfg, ExtraArgs: cfg.ExtraArgs, Traf: cfg.Traf}
	if res.ExtraArgs == nil {
		res.ExtraArgs = []string{}
	}

	tmp, err := os.MkdirTemp("", "artclean-quality-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	// Load the pages.
	var all []*PageResult
	for _, s := range cfg.sets() {
		pages, err := s.load()
		if err != nil {
			return nil, err
		}
		run, skipped := selectPages(cfg.DataDir, pages)
		sr := &SetResult{Name: s.name, Entries: len(pages), Skipped: []SkipNote{}}
		for _, sk := range skipped {
			sr.Skipped = append(sr.Skipped, SkipNote{sk.Page.URL, sk.Page.File, sk.Reason})
			logf("skip %s page %q: %s", s.name, sk.Page.File, sk.Reason)
		}
		for i, pg := range run {
			pr := &PageResult{Page: pg, URL: pg.URL, File: pg.File, id: fmt.Sprintf("%s-%03d", s.name, i+1)}
			sr.Pages = append(sr.Pages, pr)
			all = append(all, pr)
		}
		res.Sets = append(res.Sets, sr)
	}
	if len(res.Sets) == 0 {
		return nil, fmt.Errorf("no set selected (known: news, forums)")
	}

	// Start building artclean while the pages are extracted.
	binc := make(chan error, 1)
	bin := cfg.Artclean
	if bin == "" {
		go func() {
			var err error
			bin, err = buildArtclean(cfg.RepoRoot, tmp)
			binc <- err
		}()
	} else {
		binc <- nil
	}

	// Extract the three texts of every page.
	sep := "\n"
	if cfg.BlankLines {
		sep = "\n\n"
	}
	t0 := time.Now()
	var wg sync.WaitGroup
	var errMu sync.Mutex
	var firstErr error
	work := make(chan *PageResult)
	for w := 0; w < cfg.Jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for pr := range work {
				if err := extractPage(cfg, pr, sep); err != nil {
					errMu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					errMu.Unlock()
				}
			}
		}()
	}
	for _, pr := range all {
		work <- pr
	}
	close(work)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	res.ExtractDur = time.Since(t0)
	logf("extracted %d pages in %v", len(all), res.ExtractDur.Round(time.Millisecond))

	if err := <-binc; err != nil {
		return nil, err
	}
	res.Artclean = bin

	// One artclean process per text kind over a folder of all its texts;
	// the naive dumps of the sets in PageSets are a run of their own, with
	// PageArgs.
	t1 := time.Now()
	type group struct {
		kind, name string
		args       []string
		pages      []*PageResult
	}
	var groups []group
	for _, kind := range Kinds {
		plain := group{kind: kind, name: kind, args: cfg.ExtraArgs}
		page := group{kind: kind, name: kind + "-page", args: append(slices.Clip(cfg.ExtraArgs), cfg.PageArgs...)}
		for _, pr := range all {
			if kind == KindNaive && slices.Contains(cfg.PageSets, strings.SplitN(pr.id, "-", 2)[0]) {
				page.pages = append(page.pages, pr)
			} else {
				plain.pages = append(plain.pages, pr)
			}
		}
		for _, g := range []group{plain, page} {
			if len(g.pages) > 0 {
				groups = append(groups, g)
			}
		}
	}
	for _, g := range groups {
		kind := g.kind
		in := filepath.Join(tmp, "in", g.name)
		out := filepath.Join(tmp, "out", g.name)
		if err := os.MkdirAll(in, 0o755); err != nil {
			return nil, err
		}
		for _, pr := range g.pages {
			kr := pr.Kind(kind)
			if kr.OK {
				if err := os.WriteFile(filepath.Join(in, pr.id+".txt"), []byte(kr.Before), 0o644); err != nil {
					return nil, err
				}
			}
		}
		removals, err := runArtclean(bin, in, out, filepath.Join(tmp, "report-"+g.name+".jsonl"), g.args)
		if err != nil {
			return nil, err
		}
		for _, pr := range g.pages {
			kr := pr.Kind(kind)
			name := pr.id + ".txt"
			kr.Removals = removals[name]
			delete(removals, name)
			if kr.Removals == nil {
				kr.Removals = []Removal{}
			}
			if !kr.OK {
				continue
			}
			b, err := os.ReadFile(filepath.Join(out, name))
			if errors.Is(err, os.ErrNotExist) && kr.Before == "" {
				b, err = nil, nil // nothing to clean
			}
			if err != nil {
				return nil, fmt.Errorf("artclean output for %s (%s): %v", pr.File, kind, err)
			}
			kr.After = string(b)
		}
		for name := range removals {
			return nil, fmt.Errorf("artclean report names a file that was not an input: %s", name)
		}
	}
	res.CleanDur = time.Since(t1)
	logf("artclean ran on %d texts in %v", len(all)*len(Kinds), res.CleanDur.Round(time.Millisecond))

	// Score.
	norm := func(s string) string { return s }
	if cfg.TrafEval {
		norm = normSpace
	}
	for _, pr := range all {
		for _, kr := range pr.Kinds {
			scorePage(pr.Page, kr, norm)
		}
	}
	res.TotalDur = time.Since(start)
	return res, nil
}

// pageSet is a set of pages and how to load its annotations.
type pageSet struct {
	name string
	load func() ([]Page, error)
}

// sets lists the sets the run covers: trafilatura's evaluation set, or the
// Polish sets of SetNames.
func (cfg Config) sets() []pageSet {
	if cfg.TrafEval {
		return []pageSet{{TrafEvalSet, func() ([]Page, error) {
			return LoadEvalJSON(filepath.Join(cfg.DataDir, EvalJSONFile))
		}}}
	}
	var out []pageSet
	for _, s := range Sets {
		if len(cfg.SetNames) > 0 && !contains(cfg.SetNames, s.Name) {
			continue
		}
		path := filepath.Join(cfg.DataDir, s.File)
		out = append(out, pageSet{s.Name, func() ([]Page, error) { return LoadEvalPages(path) }})
	}
	return out
}

// normSpace is trafilatura's eval_common.norm: runs of whitespace (Python's
// str.isspace: Unicode spaces, NBSP included, and the separators
// U+001C–U+001F) become one space, and the ends are trimmed.
func normSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
	}), " ")
}

// detectLang names the language of a page's text (ISO 639-1), or "?" when
// whatlanggo is not confident.
func detectLang(text string) string {
	info := whatlanggo.Detect(text)
	if !info.IsReliable() || info.Lang.Iso6391() == "" {
		return "?"
	}
	return info.Lang.Iso6391()
}

func extractPage(cfg Config, pr *PageResult, sep string) error {
	raw, err := os.ReadFile(pagePath(cfg.DataDir, pr.File))
	if err != nil {
		return err
	}
	dec := DecodeHTML(raw, "")
	pr.Encoding, pr.EncFrom, pr.Invalid = dec.Encoding, dec.Source, dec.Invalid

	doc, err := html.Parse(strings.NewReader(dec.Text))
	if err != nil {
		return fmt.Errorf("%s: %v", pr.File, err)
	}
	naive := &KindResult{Kind: KindNaive, OK: true, Before: NaiveText(doc, sep)}

	tr := Trafilatura(dec.Text, cfg.Traf, sep)
	lines := &KindResult{Kind: KindTrafLines, OK: tr.OK, Err: tr.Err, Before: tr.Lines}
	one := &KindResult{Kind: KindTrafOneLine, OK: tr.OK, Err: tr.Err}
	if tr.OK && tr.OneLine != "" {
		one.Before = tr.OneLine + "\n" // as go-trafilatura's CLI prints it (-f txt)
	}
	for _, k := range []*KindResult{lines, one, naive} {
		if !utf8.ValidString(k.Before) {
			return fmt.Errorf("%s: %s text is not valid UTF-8", pr.File, k.Kind)
		}
	}
	pr.Kinds = []*KindResult{lines, one, naive}
	if cfg.TrafEval {
		text := one.Before
		if !one.OK || strings.TrimSpace(text) == "" {
			text = naive.Before
		}
		pr.Lang = detectLang(text)
	}
	return nil
}

// scorePage scores a text before and after artclean; norm is applied to
// the texts and the snippets before matching (identity for the Polish sets).
func scorePage(pg Page, kr *KindResult, norm func(string) string) {
	before, after := norm(kr.Before), norm(kr.After)
	normAll := func(list []string) []string {
		out := make([]string, len(list))
		for i, s := range list {
			out[i] = norm(s)
		}
		return out
	}
	with, without := normAll(pg.With), normAll(pg.Without)
	kr.CountsBefore = Evaluate(before, kr.OK, with, without)
	kr.CountsAfter = Evaluate(after, kr.OK, with, without)
	mk := func(list, normed []string) []Snippet {
		out := make([]Snippet, 0, len(list))
		for i, s := range list {
			sn := Snippet{Text: s, Before: kr.OK && strings.Contains(before, normed[i]), After: kr.OK && strings.Contains(after, normed[i])}
			if sn.Before && !sn.After {
				sn.Rules = matchRules(normed[i], kr.Removals)
			}
			out = append(out, sn)
		}
		return out
	}
	kr.With = mk(pg.With, with)
	kr.Without = mk(pg.Without, without)
}

// overlapping returns the removals whose text contains the snippet, lies
// inside it, or overlaps one of its ends by at least 3 characters.
func overlapping(snippet string, rms []Removal) []Removal {
	var out []Removal
	for _, rm := range rms {
		t := strings.TrimSpace(rm.Text)
		if t == "" {
			continue
		}
		if strings.Contains(rm.Text, snippet) || strings.Contains(snippet, t) || endOverlap(t, snippet) >= 3 || endOverlap(snippet, t) >= 3 {
			out = append(out, rm)
		}
	}
	return out
}

// endOverlap is the length in runes of the longest suffix of a that is a
// prefix of b.
func endOverlap(a, b string) int {
	best := 0
	for i := range a {
		if i == 0 {
			continue
		}
		if strings.HasPrefix(b, a[i:]) {
			best = utf8.RuneCountInString(a[i:])
			break
		}
	}
	if strings.HasPrefix(b, a) {
		best = utf8.RuneCountInString(a)
	}
	return best
}

func matchRules(snippet string, rms []Removal) []string {
	var rules []string
	for _, rm := range overlapping(snippet, rms) {
		if !contains(rules, rm.Rule) {
			rules = append(rules, rm.Rule)
		}
	}
	if len(rules) == 0 {
		rules = []string{"(no removal: character filter or line normalisation)"}
	}
	return rules
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
