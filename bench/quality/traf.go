package main

import (
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// TrafOptions are the go-trafilatura settings of a run.
type TrafOptions struct {
	Fallback bool // EnableFallback: go-readability and go-domdistiller candidates
	Comments bool // extract comments (they are not part of ContentText either way)
	FastDate bool // HtmlDateMode Disabled instead of the default (date only; text unchanged)
}

func (o TrafOptions) options() trafilatura.Options {
	opts := trafilatura.Options{
		EnableFallback:  o.Fallback,
		ExcludeComments: !o.Comments,
	}
	if o.FastDate {
		opts.HtmlDateMode = trafilatura.Disabled
	}
	return opts
}

// trafNormalizer is what go-shiori/dom.Parse, used by trafilatura.Extract,
// applies to the decoded page: NFC and no soft hyphens.
func trafNormalize(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.Predicate(func(r rune) bool { return r == '\u00AD' })), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// TrafResult holds go-trafilatura's two renderings of a page; ok is false
// when it extracted nothing (the Python extract() returns None then).
type TrafResult struct {
	Lines   string // ContentNode, one line per block element
	OneLine string // ContentText
	OK      bool
	Err     string
}

// Trafilatura runs go-trafilatura on an already decoded page. The page is
// parsed here rather than with trafilatura.Extract, whose own charset
// detection (gogs/chardet) is not used, but it gets the same NFC and
// soft-hyphen normalisation Extract's parser applies.
func Trafilatura(page string, o TrafOptions, sep string) TrafResult {
	doc, err := html.Parse(strings.NewReader(trafNormalize(page)))
	if err != nil {
		return TrafResult{Err: err.Error()}
	}
	res, err := trafilatura.ExtractDocument(doc, o.options())
	if err != nil {
		return TrafResult{Err: err.Error()}
	}
	if res == nil {
		return TrafResult{Err: "no result"}
	}
	return TrafResult{
		Lines:   BlockText(res.ContentNode, sep),
		OneLine: res.ContentText,
		OK:      true,
	}
}
