// Package corpus generates deterministic, realistic noisy dumps of Polish
// news articles for benchmarks: article paragraphs recombined from real
// sentences of the project's test data, with the noise artclean removes mixed
// in at fixed rates.
//
// Per article, on average:
//
//   - one advertisement marker line between paragraphs ("Reklama",
//     "- REKLAMA -", "[Reklama]", …);
//   - one teaser ("Czytaj więcej …", "ZOBACZ TAKŻE >> …", "Czytaj też: …"),
//     sometimes hard-wrapped over several short lines;
//   - a leading "date YYYY-MM" token on 30% of articles;
//   - a date line ("12.04.2022, 14:35", "Opublikowano: 12.04.2022",
//     "wtorek, 12 kwietnia 2022") on every second article;
//   - NBSP after one-letter words in about 8% of paragraphs, stray double and
//     trailing spaces, and CRLF line ends in 10% of articles.
//
// Articles come in three layouts: paragraphs separated by blank lines (75%),
// one line per paragraph without blank lines, as in JSON Lines dumps (15%),
// and paragraphs hard-wrapped at 72 columns (10%).
//
// The same seed always gives the same bytes, whatever the Go version: the
// generator uses its own random number generator. Article N depends only on
// the seed and N (the last article may be shortened to meet the size), so the
// formats hold the same articles.
//
// The package must not import package cleaner: the cleaner's benchmarks
// import it.
package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Format is the layout of the generated corpus.
type Format string

// The formats.
const (
	// FormatText writes all articles to one stream, separated by a blank
	// line. To artclean the whole stream is one document.
	FormatText Format = "text"
	// FormatJSONL writes one JSON object per line:
	// {"id":N,"url":"https://example.pl/a/N","text":"…"}.
	FormatJSONL Format = "jsonl"
	// FormatDir writes one file per article, DIR/000/art-000001.txt, in
	// subfolders of 1000 files (000, 001, …).
	FormatDir Format = "dir"
)

// ParseFormat returns the Format named s.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case FormatText, FormatJSONL, FormatDir:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want text, jsonl or dir)", s)
}

// DefaultArticleSize is the mean article size when Options.ArticleSize is 0.
const DefaultArticleSize = 3 << 10

// DirFiles is how many article files FormatDir puts in one subfolder.
const DirFiles = 1000

// Options configures Generate.
type Options struct {
	Seed uint64
	// Size is the target size in bytes of everything written (the files'
	// total for FormatDir). The output is at least one article and ends
	// within a paragraph or so of Size.
	Size int64
	// ArticleSize is the mean size of an article in bytes; 0 means
	// DefaultArticleSize.
	ArticleSize int
	Format      Format // "" means FormatText
	// Dir is the folder FormatDir writes into; it is created if missing.
	Dir string
}

// Stats tells what Generate wrote.
type Stats struct {
	Articles       int
	Bytes          int64 // bytes written (file contents for FormatDir)
	AdMarkers      int   // ad marker lines
	Teasers        int   // teaser paragraphs or lines
	WrappedTeasers int   // teasers hard-wrapped over several lines
	LeadingDates   int   // articles that start with a "date YYYY-MM" token
	DateLines      int   // date lines
	NBSP           int   // U+00A0 characters
	CRLFArticles   int   // articles with "\r\n" line ends
}

// Generate writes a corpus to w. For FormatDir it writes the files under
// opts.Dir and, when w is not nil, their paths relative to opts.Dir to w,
// one a line.
func Generate(w io.Writer, opts Options) (Stats, error) {
	if opts.Format == "" {
		opts.Format = FormatText
	}
	if _, err := ParseFormat(string(opts.Format)); err != nil {
		return Stats{}, err
	}
	if opts.ArticleSize <= 0 {
		opts.ArticleSize = DefaultArticleSize
	}
	if opts.Size < 0 {
		return Stats{}, errors.New("negative size")
	}
	if opts.Format == FormatDir && opts.Dir == "" {
		return Stats{}, errors.New("format dir needs Options.Dir")
	}
	if opts.Format != FormatDir && w == nil {
		return Stats{}, errors.New("nil writer")
	}
	g := &generator{opts: opts}
	if opts.Format == FormatDir {
		if w == nil {
			w = io.Discard
		}
		return g.stats, g.writeDir(w)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	if err := g.writeStream(bw); err != nil {
		return g.stats, err
	}
	return g.stats, bw.Flush()
}

type generator struct {
	opts  Options
	stats Stats
	a     article
	out   []byte
}

// nextArticle builds article n (from 1) into g.a, aiming at the mean article
// size, or less when only remaining bytes are left to write.
func (g *generator) nextArticle(n int, remaining int64) {
	r := newRNG(g.opts.Seed, uint64(n))
	// Sizes vary from half to one and a half times the mean.
	target := g.opts.ArticleSize/2 + r.intn(g.opts.ArticleSize+1)
	if remaining < int64(target) {
		target = int(max(remaining, 1))
	}
	g.a.build(r, target)
	g.stats.Articles++
	g.stats.AdMarkers += g.a.ads
	g.stats.Teasers += g.a.teasers
	g.stats.WrappedTeasers += g.a.wrappedTeasers
	g.stats.DateLines += g.a.dateLines
	g.stats.NBSP += bytes.Count(g.a.text, []byte("\u00a0"))
	if g.a.leading {
		g.stats.LeadingDates++
	}
	if g.a.crlf {
		g.stats.CRLFArticles++
	}
}

func (g *generator) writeStream(w *bufio.Writer) error {
	for n := 1; g.stats.Articles == 0 || g.stats.Bytes < g.opts.Size; n++ {
		g.out = g.out[:0]
		switch g.opts.Format {
		case FormatJSONL:
			g.nextArticle(n, g.opts.Size-g.stats.Bytes-64)
			g.out = append(g.out, `{"id":`...)
			g.out = strconv.AppendInt(g.out, int64(n), 10)
			g.out = append(g.out, `,"url":"https://example.pl/a/`...)
			g.out = strconv.AppendInt(g.out, int64(n), 10)
			g.out = append(g.out, `","text":`...)
			g.out = appendJSONString(g.out, g.a.text)
			g.out = append(g.out, "}\n"...)
		default:
			g.nextArticle(n, g.opts.Size-g.stats.Bytes-2)
			if n > 1 {
				// The blank line between articles, in the article's line end.
				g.out = append(g.out, g.a.eol...)
			}
			g.out = append(g.out, g.a.text...)
		}
		if _, err := w.Write(g.out); err != nil {
			return err
		}
		g.stats.Bytes += int64(len(g.out))
	}
	return nil
}

// DirPath returns the path, relative to the corpus folder, of article n's
// file in FormatDir.
func DirPath(n int) string {
	return fmt.Sprintf("%03d/art-%06d.txt", (n-1)/DirFiles, n)
}

func (g *generator) writeDir(list io.Writer) error {
	lw := bufio.NewWriter(list)
	for n := 1; g.stats.Articles == 0 || g.stats.Bytes < g.opts.Size; n++ {
		g.nextArticle(n, g.opts.Size-g.stats.Bytes)
		rel := DirPath(n)
		name := filepath.Join(g.opts.Dir, filepath.FromSlash(rel))
		if (n-1)%DirFiles == 0 {
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return err
			}
		}
		if err := os.WriteFile(name, g.a.text, 0o644); err != nil {
			return err
		}
		g.stats.Bytes += int64(len(g.a.text))
		if _, err := fmt.Fprintln(lw, rel); err != nil {
			return err
		}
	}
	return lw.Flush()
}

// appendJSONString appends s as a JSON string. UTF-8 stays as it is; quotes,
// backslashes and control characters are escaped.
func appendJSONString(dst, s []byte) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i, c := range s {
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// ParseSize parses a size such as "100MiB", "3KiB", "1GiB", "512" (bytes),
// "10MB" (decimal) or "2G" (binary).
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	mult := map[string]float64{
		"": 1, "b": 1,
		"k": 1 << 10, "kib": 1 << 10, "kb": 1e3,
		"m": 1 << 20, "mib": 1 << 20, "mb": 1e6,
		"g": 1 << 30, "gib": 1 << 30, "gb": 1e9,
	}[unit]
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || mult == 0 || v < 0 {
		return 0, fmt.Errorf("bad size %q (want a number with an optional unit: B, KiB, MiB, GiB, KB, MB, GB)", s)
	}
	return int64(v * mult), nil
}
