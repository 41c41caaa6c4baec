package main

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// Polish text with every diacritic, in UTF-8.
const polish = "Zażółć gęślą jaźń. ZAŻÓŁĆ GĘŚLĄ JAŹŃ. Świetlówki przepalają się."

func enc(t *testing.T, cm *charmap.Charmap, s string) []byte {
	t.Helper()
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeHTML(t *testing.T) {
	iso := func(s string) []byte { return enc(t, charmap.ISO8859_2, s) }
	cp := func(s string) []byte { return enc(t, charmap.Windows1250, s) }
	padding := "<!-- " + strings.Repeat("padding ", 200) + "-->" // pushes a meta past the 1024-byte prescan
	tests := []struct {
		name        string
		page        []byte
		contentType string
		wantEnc     string
		wantSource  string
		wantInvalid int
	}{
		{"iso-8859-2 meta charset", iso(`<html><head><meta charset="ISO-8859-2"><title>t</title></head><body><p>` + polish + `</p></body></html>`), "", "iso-8859-2", "meta", 0},
		{"iso-8859-2 http-equiv", iso(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2" /></head><body>` + polish + `</body></html>`), "", "iso-8859-2", "meta", 0},
		{"windows-1250 meta after 1024 bytes", cp(`<!DOCTYPE html><html><head>` + padding + `<meta http-equiv="content-type" content="text/html;charset=Windows-1250"></head><body>` + polish + `</body></html>`), "", "windows-1250", "meta", 0},
		{"meta in a comment is ignored", cp(`<html><head><!-- <meta charset="utf-8"> --><meta charset='windows-1250'></head><body>` + polish + `</body></html>`), "", "windows-1250", "meta", 0},
		{"utf-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, `<html><head><meta charset="iso-8859-2"></head><body>`+polish+`</body></html>`...), "", "utf-8", "bom", 0},
		{"content-type header wins over meta", cp(`<meta charset="iso-8859-2"><p>` + polish), "text/html; charset=windows-1250", "windows-1250", "content-type", 0},
		{"undeclared utf-8", []byte(`<html><body><p>` + polish + `</p></body></html>`), "", "utf-8", "utf-8", 0},
		{"undeclared iso-8859-2 is sniffed", iso(`<html><body><p>` + polish + `</p></body></html>`), "", "iso-8859-2", "sniff", 0},
		{"undeclared windows-1250 is sniffed", cp(`<html><body><p>` + polish + `</p></body></html>`), "", "windows-1250", "sniff", 0},
		{"declared utf-8 with a broken byte", []byte("<meta charset=\"UTF-8\" /><p>" + polish + " papieros\xc3...</p>"), "", "utf-8", "meta", 1},
		{"utf-16 meta in an ascii page means utf-8", []byte(`<meta charset="utf-16"><p>` + polish + `</p>`), "", "utf-8", "meta", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := DecodeHTML(tt.page, tt.contentType)
			if d.Encoding != tt.wantEnc || d.Source != tt.wantSource || d.Invalid != tt.wantInvalid {
				t.Errorf("got %s (%s) invalid %d, want %s (%s) invalid %d", d.Encoding, d.Source, d.Invalid, tt.wantEnc, tt.wantSource, tt.wantInvalid)
			}
			if !strings.Contains(d.Text, polish) {
				t.Errorf("Polish text not decoded: %q", d.Text)
			}
			if strings.HasPrefix(d.Text, "\uFEFF") {
				t.Errorf("BOM kept")
			}
			// The naive dump sees the letters too.
			if got := naive(t, d.Text); !strings.Contains(got, polish) {
				t.Errorf("naive text %q lacks the Polish letters", got)
			}
		})
	}
}

func TestDecodeLatin(t *testing.T) {
	// No Central European letters: defer to charset.DetermineEncoding (windows-1252).
	page := enc(t, charmap.Windows1252, "<p>Café crème brûlée, garçon — naïve</p>")
	d := DecodeHTML(page, "")
	if !strings.Contains(d.Text, "Café crème brûlée, garçon — naïve") {
		t.Errorf("got %s: %q", d.Encoding, d.Text)
	}
}

// checkCases checks f against a table of input → wanted output.
func checkCases(t *testing.T, name string, f func(string) string, cases map[string]string) {
	t.Helper()
	for in, want := range cases {
		if got := f(in); got != want {
			t.Errorf("%s(%q) = %q, want %q", name, in, got, want)
		}
	}
}

func TestCharsetFromContent(t *testing.T) {
	checkCases(t, "charsetFromContent", charsetFromContent, map[string]string{
		"text/html; charset=ISO-8859-2":      "ISO-8859-2",
		"text/html;charset=\"windows-1250\"": "windows-1250",
		"text/html; CHARSET = 'utf-8'; x=y":  "utf-8",
		"text/html; charset=utf-8 extra":     "utf-8",
		"text/html":                          "",
		"charset":                            "",
		"text/html; charset=":                "",
		"text/html; charset=\"unterminated":  "",
	})
}
