package main

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func naive(t *testing.T, page string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return NaiveText(doc, "\n")
}

func TestNaiveText(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"empty", `<html><head><title>T</title></head><body></body></html>`, ""},
		{
			"head, script, style and friends are skipped",
			`<html><head><title>Tytuł</title><style>p{}</style><script>var x="head";</script></head>
<body><script>document.write("x")</script><noscript>Włącz JS</noscript><template><p>tpl</p></template>
<svg><text>svg text</text></svg><p>Treść</p><style>.a{}</style></body></html>`,
			"Treść\n",
		},
		{
			"blocks make lines, inline elements do not",
			`<div>Ala <b>ma</b> <a href="#">kota</a>.<p>Drugi   akapit
			w dwóch liniach</p>ogon diva</div><h2>Nagłówek</h2><ul><li>jeden</li><li>dwa</li></ul>`,
			"Ala ma kota.\nDrugi akapit w dwóch liniach\nogon diva\nNagłówek\njeden\ndwa\n",
		},
		{
			"adjacent inline elements join without a space, as a browser shows them",
			`<p><span>wątków</span><a>Forum</a></p>`,
			"wątkówForum\n",
		},
		{
			"br breaks a line, blank lines are dropped",
			`<p>raz<br>dwa<br><br>trzy</p><div> </div><p></p>`,
			"raz\ndwa\ntrzy\n",
		},
		{
			"table rows are lines, cells are separated",
			`<table><tr><th>Kraj</th><th>Stawka</th></tr><tr><td>Polska</td><td>10,5</td></tr></table>`,
			"Kraj Stawka\nPolska 10,5\n",
		},
		{
			"hidden elements and inputs",
			`<form><input type="hidden" name="t" value="token123"><input type="submit" value="Szukaj">
<input type="text" value="wpisany"><button>Wyślij</button></form>
<div hidden>ukryty</div><div style="display: none">też ukryty</div><span style="visibility:hidden">nie</span><p>widać</p>`,
			"Szukaj Wyślij\nwidać\n",
		},
		{
			"entities decoded, NBSP kept, whitespace collapsed",
			"<p>  Za&nbsp;dwa&nbsp;miesiące &amp; &bdquo;cytat&rdquo;\t\r\n koniec  </p>",
			"Za\u00a0dwa\u00a0miesiące & „cytat” koniec\n",
		},
		{
			"pre keeps its line breaks",
			"<pre>linia 1\n  linia   2\n</pre>",
			"linia 1\nlinia 2\n",
		},
		{
			"comments are not text",
			`<p>przed<!-- komentarz -->po</p>`,
			"przedpo\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := naive(t, tt.page); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestBlockTextAndBlankLines(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<body><h1>Tytuł</h1><p>Akapit <i>pierwszy</i>.</p><blockquote>Cytat</blockquote><script>kept()</script></body>`))
	if err != nil {
		t.Fatal(err)
	}
	// BlockText does not filter: go-trafilatura's tree holds content only.
	if got, want := BlockText(doc, "\n"), "Tytuł\nAkapit pierwszy.\nCytat\nkept()\n"; got != want {
		t.Errorf("BlockText = %q, want %q", got, want)
	}
	if got, want := NaiveText(doc, "\n\n"), "Tytuł\n\nAkapit pierwszy.\n\nCytat\n"; got != want {
		t.Errorf("NaiveText with blank lines = %q, want %q", got, want)
	}
}

func TestTrafilaturaSmoke(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`<html lang="pl"><head><title>Artykuł</title></head><body><nav><a href="/">Start</a> <a href="/k">Kontakt</a></nav><article><h1>Nagłówek artykułu</h1>`)
	for i := 0; i < 6; i++ {
		sb.WriteString(`<p>To jest dość długi akapit artykułu numer ` + string(rune('A'+i)) + `, który opisuje wydarzenia z wczoraj i ma wystarczająco wiele słów, aby ekstraktor uznał go za treść.</p>`)
	}
	sb.WriteString(`</article><footer>Wszelkie prawa zastrzeżone</footer></body></html>`)
	r := Trafilatura(sb.String(), TrafOptions{Fallback: true}, "\n")
	if !r.OK {
		t.Fatalf("no extraction: %s", r.Err)
	}
	if strings.Contains(r.OneLine, "\n") {
		t.Errorf("ContentText has a newline: %q", r.OneLine)
	}
	if n := strings.Count(r.Lines, "\n"); n < 6 {
		t.Errorf("Lines has %d lines, want one per paragraph:\n%s", n, r.Lines)
	}
	for _, s := range []string{"akapit artykułu numer A", "numer F"} {
		if !strings.Contains(r.Lines, s) || !strings.Contains(r.OneLine, s) {
			t.Errorf("%q missing:\nlines: %s\none line: %s", s, r.Lines, r.OneLine)
		}
	}
	// Soft hyphens go, as go-trafilatura's own parser removes them.
	if got := trafNormalize("sa\u00adme o\u0301"); got != "same ó" {
		t.Errorf("trafNormalize = %q", got)
	}
}
