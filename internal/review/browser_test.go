package review_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/artclean/artclean/internal/cli"
	"github.com/artclean/artclean/internal/review"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// -update saves the screenshot README shows, docs/review.png.
var update = flag.Bool("update", false, "save the review page's screenshot to docs/review.png")

// findBrowser is a Chromium to drive: $ARTCLEAN_BROWSER, or one on PATH.
func findBrowser(t *testing.T) string {
	if p := os.Getenv("ARTCLEAN_BROWSER"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "no Chromium found (chromium, chromium-browser, google-chrome or $ARTCLEAN_BROWSER): the review page is not tested in a browser; apt-get install chromium"
	if os.Getenv("ARTCLEAN_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + " (ARTCLEAN_REQUIRE_BROWSER=1)")
	}
	t.Skip("SKIP: " + msg)
	return ""
}

// runCLI runs artclean in-process and returns its stderr.
func runCLI(t *testing.T, want int, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Run(context.Background(), args, cli.IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	if code != want {
		t.Fatalf("artclean %s: exit %d, want %d\n%s", strings.Join(args, " "), code, want, errb.String())
	}
	return errb.String()
}

// statsRow is a rule's line of --stats.
type statsRow struct{ Docs, Lines, Bytes int }

var statsLine = regexp.MustCompile(`(?m)^(\S+/\S+)\s+(\d+)\s+(\d+)\s+(\d+)$`)
var statsTotal = regexp.MustCompile(`(?m)^all rules\s+(\d+) documents\s+(\d+)\s+(\d+)$`)

func parseStats(t *testing.T, stderr string) (map[string]statsRow, int) {
	rows := map[string]statsRow{}
	for _, m := range statsLine.FindAllStringSubmatch(stderr, -1) {
		d, _ := strconv.Atoi(m[2])
		l, _ := strconv.Atoi(m[3])
		b, _ := strconv.Atoi(m[4])
		rows[m[1]] = statsRow{d, l, b}
	}
	m := statsTotal.FindStringSubmatch(stderr)
	if m == nil || len(rows) == 0 {
		t.Fatalf("no --stats table in:\n%s", stderr)
	}
	docs, _ := strconv.Atoi(m[1])
	return rows, docs
}

// TestReviewPageInBrowser opens a page made from a small batch in headless
// Chromium, from file:// with nothing else allowed, and goes through the
// review loop: the page's totals are --stats's, a rule filter shows only
// that rule's samples, "disable" and "keep this" build the snippets, and
// the snippets fed back to artclean change the run as they should.
func TestReviewPageInBrowser(t *testing.T) {
	browser := findBrowser(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "review.html")
	stderr := runCLI(t, 0, "-r", "testdata/corpus", "-o", filepath.Join(dir, "out"), "--review", page, "--stats", "-q")
	stats, docs := parseStats(t, stderr)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(browser),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(1280, 2100),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	var mu sync.Mutex
	var requests, problems []string
	// The browser starts with the first action, before any timeout: see
	// chromedp.Run.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", browser, err)
	}
	ctx, cancelRun := context.WithTimeout(ctx, 20*time.Second)
	defer cancelRun()
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				problems = append(problems, fmt.Sprintf("console.%s: %v", ev.Type, ev.Args))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+(&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				problems = append(problems, fmt.Sprintf("log %s: %s %s", ev.Entry.Level, ev.Entry.Text, ev.Entry.URL))
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	for _, enable := range []func() error{
		func() error { _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); return err },
		func() error { _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); return err },
		func() error { _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); return err },
	} {
		if err := enable(); err != nil {
			t.Fatal(err)
		}
	}
	url := "file://" + filepath.ToSlash(page)
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#samples"))); err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}

	// The totals are --stats's.
	var got struct {
		Docs  string
		Rules map[string][]int
	}
	eval(t, ctx, `({Docs: document.getElementById("t-docs").textContent,
		Rules: Object.fromEntries(Array.from(document.querySelectorAll("#rules-table tbody tr")).map(
			tr => [tr.dataset.rule, [5, 3, 4].map(i => +tr.cells[i].dataset.v)]))})`, &got)
	if got.Docs != strconv.Itoa(docs) {
		t.Errorf("page: %s documents, --stats: %d", got.Docs, docs)
	}
	if len(got.Rules) != len(stats) {
		t.Errorf("page rules %v, --stats rules %v", got.Rules, stats)
	}
	for id, s := range stats {
		if r := got.Rules[id]; !slices.Equal(r, []int{s.Docs, s.Lines, s.Bytes}) {
			t.Errorf("%s: page documents, lines, bytes %v; --stats %v", id, r, s)
		}
	}

	// Filtering by one rule shows its samples only, and all of them.
	var shown []string
	eval(t, ctx, `(() => { const f = document.getElementById("f-rule"); f.value = "pl/teaser";
		f.dispatchEvent(new Event("change"));
		return Array.from(document.querySelectorAll(".sample")).filter(s => !s.hidden).map(s => s.dataset.rule); })()`, &shown)
	if len(shown) != stats["pl/teaser"].Lines || slices.IndexFunc(shown, func(r string) bool { return r != "pl/teaser" }) >= 0 {
		t.Errorf("filtered by pl/teaser, the page shows samples of %v; want %d of pl/teaser", shown, stats["pl/teaser"].Lines)
	}

	// A sample shows the lines around it, the removed text marked.
	var ctxText []string
	eval(t, ctx, `Array.from(document.querySelectorAll('.sample[data-keep="Czytaj więcej: Jak oszczędzać prąd zimą"] .ctx')).map(p =>
		Array.from(p.children).map(e => (e.tagName === "MARK" ? "-" : " ") + e.textContent).join("\n"))`, &ctxText)
	const wantCtx = " Reklama\n Rząd przygotowuje osłony dla gospodarstw domowych, które zużywają najwięcej energii.\n-Czytaj więcej: Jak oszczędzać prąd zimą\n Eksperci oceniają, że podwyżki będą odczuwalne przede wszystkim dla małych firm.\n Opublikowano: 12.04.2022 14:35"
	if !slices.Contains(ctxText, wantCtx) {
		t.Errorf("the samples of the kept line show:\n%s\nwant one to be:\n%s", strings.Join(ctxText, "\n--\n"), wantCtx)
	}

	// "disable" and "keep this" build the snippets.
	const keepLine = "Czytaj więcej: Jak oszczędzać prąd zimą"
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`input.disable[data-rule="en/ad-marker"]`)),
		chromedp.Click(chromedp.CSS(`.sample[data-keep="`+keepLine+`"] button.keep`)),
	); err != nil {
		t.Fatal(err)
	}
	disable, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("disable-snippet")))
	if err != nil {
		t.Fatal(err)
	}
	keep, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("keep-snippet")))
	if err != nil {
		t.Fatal(err)
	}
	if disable != "--disable en/ad-marker" {
		t.Errorf("disable snippet %q", disable)
	}
	if want := review.RuleFile([]string{keepLine}); keep != want {
		t.Errorf("keep snippet:\n%s\nwant:\n%s", keep, want)
	}
	if *update {
		var reset json.RawMessage
		eval(t, ctx, `(() => { const f = document.getElementById("f-rule"); f.value = ""; f.dispatchEvent(new Event("change")); window.scrollTo(0, 0); return true; })()`, &reset)
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../../docs/review.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	for _, u := range requests {
		if !strings.HasPrefix(u, "file://") {
			t.Errorf("the page made a network request: %s", u)
		}
	}
	if len(requests) == 0 {
		t.Errorf("no request seen, not even the page's: is the listener on?")
	}
	for _, p := range problems {
		t.Errorf("browser: %s", p)
	}
	mu.Unlock()

	// The snippets, fed back, change the run: the rule is off, the line stays.
	rules := filepath.Join(dir, "keep.rules")
	if err := os.WriteFile(rules, []byte(keep), 0o644); err != nil {
		t.Fatal(err)
	}
	out2 := filepath.Join(dir, "out2")
	args := append([]string{"-r", "testdata/corpus", "-o", out2, "--stats", "-q", "--rules", rules}, strings.Fields(disable)...)
	stats2, _ := parseStats(t, runCLI(t, 0, args...))
	if _, ok := stats2["en/ad-marker"]; ok {
		t.Errorf("en/ad-marker still removes with %s", disable)
	}
	kept := 0
	for _, f := range []string{"gazeta/prad.txt", "gazeta/pogoda.txt"} {
		b, err := os.ReadFile(filepath.Join(out2, f))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(keepLine+"\n")) {
			kept++
		}
	}
	if kept != 2 {
		t.Errorf("the kept line is in %d of the 2 outputs that had it", kept)
	}
	if a, b := stats["pl/teaser"].Lines, stats2["pl/teaser"].Lines; b != a-2 {
		t.Errorf("pl/teaser removed %d lines with keep.rules, %d without: want 2 fewer", b, a)
	}
}

func eval(t *testing.T, ctx context.Context, js string, v any) {
	t.Helper()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v (%s)", js, err, raw)
	}
}
