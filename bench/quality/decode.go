package main

import (
	"bytes"
	"mime"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// Decoded is an HTML page turned into UTF-8.
type Decoded struct {
	Text     string // UTF-8, without a BOM
	Encoding string // WHATWG name, e.g. "utf-8", "windows-1250", "iso-8859-2"
	Source   string // how it was chosen: bom, content-type, meta, utf-8, sniff
	Invalid  int    // bytes that could not be decoded (became U+FFFD)
}

// DecodeHTML converts an HTML page to UTF-8. The order follows the HTML
// standard's encoding sniffing: a BOM, then the charset of contentType (an
// HTTP header, may be empty), then a <meta charset> or <meta http-equiv=
// "Content-Type"> anywhere in the page (browsers re-parse when they meet one
// after the first 1024 bytes, so the whole page is scanned, not only the
// prescan window), then UTF-8 if the bytes are valid UTF-8. Otherwise the
// bytes are sniffed: charset.DetermineEncoding would answer windows-1252,
// which garbles Polish, so windows-1250, iso-8859-2 and windows-1252 are
// scored by the Polish letters they produce.
func DecodeHTML(b []byte, contentType string) Decoded {
	enc, name, source := pickEncoding(b, contentType)
	if source == "bom" {
		switch name {
		case "utf-8":
			b = b[3:]
		default:
			b = b[2:]
		}
	}
	if name == "utf-8" {
		text, bad := decodeUTF8(b)
		return Decoded{Text: text, Encoding: name, Source: source, Invalid: bad}
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		// Single-byte decoders do not fail; be safe anyway.
		text, bad := decodeUTF8(b)
		return Decoded{Text: text, Encoding: "utf-8", Source: source + " (fallback)", Invalid: bad}
	}
	return Decoded{Text: string(out), Encoding: name, Source: source, Invalid: bytes.Count(out, []byte("\uFFFD"))}
}

func pickEncoding(b []byte, contentType string) (encoding.Encoding, string, string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		e, name := charset.Lookup("utf-8")
		return e, name, "bom"
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		e, name := charset.Lookup("utf-16be")
		return e, name, "bom"
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		e, name := charset.Lookup("utf-16le")
		return e, name, "bom"
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if e, name := charset.Lookup(params["charset"]); e != nil {
			return e, name, "content-type"
		}
	}
	if label := metaCharset(b); label != "" {
		if e, name := charset.Lookup(label); e != nil {
			// An ASCII-compatible page cannot really be UTF-16 (HTML standard).
			if strings.HasPrefix(name, "utf-16") {
				e, name = charset.Lookup("utf-8")
			}
			return e, name, "meta"
		}
	}
	if utf8.Valid(b) {
		e, name := charset.Lookup("utf-8")
		return e, name, "utf-8"
	}
	e, name := sniffLegacy(b)
	return e, name, "sniff"
}

// metaCharset returns the charset label of the first <meta charset> or
// <meta http-equiv="Content-Type" content="...; charset=..."> in the page.
// The tokenizer skips comments, scripts and styles as a browser would.
func metaCharset(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var cs, httpEquiv, content string
			for {
				k, v, more := z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = strings.TrimSpace(string(v))
				case "http-equiv":
					httpEquiv = strings.ToLower(strings.TrimSpace(string(v)))
				case "content":
					content = string(v)
				}
				if !more {
					break
				}
			}
			if cs != "" {
				return cs
			}
			if httpEquiv == "content-type" {
				if label := charsetFromContent(content); label != "" {
					return label
				}
			}
		}
	}
}

// charsetFromContent extracts the charset from a Content-Type value the way
// the HTML standard's "algorithm for extracting a character encoding from a
// meta element" does (more lenient than mime.ParseMediaType).
func charsetFromContent(s string) string {
	lower := strings.ToLower(s)
	i := strings.Index(lower, "charset")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(s[i+len("charset"):], " \t\n\f\r")
	if !strings.HasPrefix(rest, "=") {
		return charsetFromContent(s[i+len("charset"):])
	}
	rest = strings.TrimLeft(rest[1:], " \t\n\f\r")
	if rest == "" {
		return ""
	}
	if q := rest[0]; q == '"' || q == '\'' {
		if j := strings.IndexByte(rest[1:], q); j >= 0 {
			return rest[1 : 1+j]
		}
		return ""
	}
	if j := strings.IndexAny(rest, " \t\n\f\r;"); j >= 0 {
		return rest[:j]
	}
	return rest
}

// decodeUTF8 replaces each invalid byte sequence with U+FFFD, as the WHATWG
// UTF-8 decoder does, and counts them.
func decodeUTF8(b []byte) (string, int) {
	if utf8.Valid(b) {
		return string(b), 0
	}
	var sb strings.Builder
	sb.Grow(len(b) + 16)
	bad := 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			bad++
			sb.WriteRune(utf8.RuneError)
			b = b[1:]
			continue
		}
		sb.Write(b[:n])
		b = b[n:]
	}
	return sb.String(), bad
}

// Letters of Polish that are not in windows-1252.
const polishLetters = "ąćęłńśźżĄĆĘŁŃŚŹŻ"

// sniffLegacy picks the single-byte encoding under which the high bytes look
// most like Polish: windows-1250, iso-8859-2 or windows-1252, scored by the
// Polish letters they give, less C1 controls and unlikely symbols. When no
// candidate gives a Polish letter it defers to charset.DetermineEncoding
// (windows-1252 for such bytes).
func sniffLegacy(b []byte) (encoding.Encoding, string) {
	cands := []struct {
		name string
		enc  *charmap.Charmap
	}{
		{"windows-1250", charmap.Windows1250},
		{"iso-8859-2", charmap.ISO8859_2},
		{"windows-1252", charmap.Windows1252},
	}
	best, bestScore, bestPolish := -1, 0, 0
	for i, c := range cands {
		score, pl := 0, 0
		for _, x := range b {
			if x < 0x80 {
				continue
			}
			r := c.enc.DecodeByte(x)
			switch {
			case strings.ContainsRune(polishLetters, r):
				score += 2
				pl++
			case r >= 0x80 && r < 0xA0, r == utf8.RuneError:
				score -= 3 // C1 control or undefined: unlikely in a page
			case unicode.IsLetter(r):
			case strings.ContainsRune("©®«»°·–—„”“’‘…€§\u00a0", r):
			default:
				score-- // ±, ¶, ¼, ³, ¿ …: rare in text
			}
		}
		if best < 0 || score > bestScore {
			best, bestScore, bestPolish = i, score, pl
		}
	}
	if bestPolish == 0 {
		e, name, _ := charset.DetermineEncoding(b, "")
		return e, name
	}
	return cands[best].enc, cands[best].name
}
