package main

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Elements whose content is never rendered as text.
var hiddenElements = map[string]bool{
	"head": true, "title": true, "script": true, "style": true, "noscript": true,
	"template": true, "svg": true, "math": true, "iframe": true, "object": true,
	"embed": true, "canvas": true, "audio": true, "video": true, "map": true,
	"datalist": true, "select": true, "frameset": true, "frame": true, "applet": true,
	"param": true, "source": true, "track": true, "img": true, "picture": true,
}

// Elements rendered on a line of their own (HTML block-level and table rows).
var blockElements = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"center": true, "dd": true, "details": true, "dialog": true, "dir": true, "div": true,
	"dl": true, "dt": true, "fieldset": true, "figcaption": true, "figure": true,
	"footer": true, "form": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "header": true, "hgroup": true, "hr": true, "html": true,
	"legend": true, "li": true, "main": true, "menu": true, "nav": true, "ol": true,
	"p": true, "pre": true, "section": true, "summary": true, "table": true,
	"caption": true, "thead": true, "tbody": true, "tfoot": true, "tr": true, "ul": true,
	"textarea": true, "option": true, "optgroup": true, "listing": true, "plaintext": true,
	"xmp": true, "search": true,
}

// Table cells: inline inside their row, separated by a space.
var cellElements = map[string]bool{"td": true, "th": true}

// lineWriter collects text into lines: white space collapsed to one space,
// no blank lines, no leading or trailing spaces.
type lineWriter struct {
	lines []string
	cur   strings.Builder
	space bool // a space is pending before the next visible character
}

func (w *lineWriter) text(s string, keepNewlines bool) {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			if r == '\n' && keepNewlines {
				w.flush()
				continue
			}
			if w.cur.Len() > 0 {
				w.space = true
			}
		default:
			if w.space {
				w.cur.WriteByte(' ')
				w.space = false
			}
			w.cur.WriteRune(r)
		}
	}
}

// softSpace asks for a separator, as between table cells.
func (w *lineWriter) softSpace() {
	if w.cur.Len() > 0 {
		w.space = true
	}
}

func (w *lineWriter) flush() {
	if w.cur.Len() > 0 {
		w.lines = append(w.lines, w.cur.String())
	}
	w.cur.Reset()
	w.space = false
}

// String returns the lines joined by sep ("\n", or "\n\n" for blank lines
// between blocks), ending in a newline; "" when there is no text.
func (w *lineWriter) String(sep string) string {
	w.flush()
	if len(w.lines) == 0 {
		return ""
	}
	return strings.Join(w.lines, sep) + "\n"
}

// NaiveText dumps every visible text node of a parsed page, one line per
// block-level element. It skips invisible elements (head, script, style,
// noscript, template, svg, …), elements with the hidden attribute or an inline
// display:none / visibility:hidden style, and hidden inputs; the value of a
// button-like <input> is shown, as a browser does.
func NaiveText(doc *html.Node, sep string) string {
	w := &lineWriter{}
	renderNode(w, doc, true)
	return w.String(sep)
}

// BlockText renders an extracted tree (go-trafilatura's ContentNode) the same
// way, without the visibility filter: one line per block element.
func BlockText(n *html.Node, sep string) string {
	w := &lineWriter{}
	renderNode(w, n, false)
	return w.String(sep)
}

func renderNode(w *lineWriter, n *html.Node, filter bool) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, inPre(n))
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			renderNode(w, c, filter)
		}
		return
	case html.ElementNode:
	default:
		return
	}
	name := n.Data
	if n.DataAtom != 0 {
		name = n.DataAtom.String()
	}
	if filter && (hiddenElements[name] || isHidden(n)) {
		return
	}
	switch name {
	case "br":
		w.flush()
		return
	case "hr":
		w.flush()
		return
	case "input":
		if filter {
			switch strings.ToLower(attr(n, "type")) {
			case "submit", "button", "reset":
				w.softSpace()
				w.text(attr(n, "value"), false)
				w.softSpace()
			}
		}
		return
	}
	block := blockElements[name]
	cell := cellElements[name]
	if block {
		w.flush()
	} else if cell {
		w.softSpace()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		renderNode(w, c, filter)
	}
	if block {
		w.flush()
	} else if cell {
		w.softSpace()
	}
}

func inPre(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (p.DataAtom == atom.Pre || p.DataAtom == atom.Textarea || p.DataAtom == atom.Listing) {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// isHidden reports an element hidden by the hidden attribute, an inline
// style, or a hidden input.
func isHidden(n *html.Node) bool {
	if hasAttr(n, "hidden") {
		return true
	}
	if n.DataAtom == atom.Input && strings.EqualFold(attr(n, "type"), "hidden") {
		return true
	}
	style := strings.ToLower(strings.Join(strings.Fields(attr(n, "style")), ""))
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}
