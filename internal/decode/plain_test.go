package decode

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// Plain must agree with NewReader wherever it takes an input: the same
// text and the same Info.
func TestPlainAgreesWithNewReader(t *testing.T) {
	long := strings.Repeat("Zażółć gęślą jaźń. ", SniffSize/20+1)
	inputs := map[string]string{
		"empty":      "",
		"ascii":      "Reklama\nplain text\n",
		"polish":     "Zażółć gęślą jaźń\n",
		"bom":        "\xef\xbb\xbfZażółć\n",
		"long":       long,
		"exact":      long[:SniffSize],
		"latin2":     "Za\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1\n",
		"mixed":      "Zażółć \xbf\xf3\n",
		"utf16":      "a\x00b\x00c\x00d\x00e\x00f\x00g\x00h\x00i\x00j\x00",
		"cut rune":   long[:SniffSize-1] + "ż",
		"late junk":  long + "\xff",
		"ascii cut":  strings.Repeat("a", SniffSize-1) + "ż",
		"ascii long": strings.Repeat("a", SniffSize+10) + "ż",
		"nul halves": strings.Repeat("a\x00", 40) + "ż",
	}
	for _, enc := range []string{"", "utf-8", "windows-1250"} {
		for name, in := range inputs {
			opts := Options{Encoding: enc}
			text, info, ok := Plain([]byte(in), opts)
			r, want, err := NewReader(strings.NewReader(in), opts)
			if err != nil {
				t.Fatal(err)
			}
			wantText, _ := io.ReadAll(r)
			if !ok {
				if enc != "windows-1250" && bytes.Equal(wantText, []byte(in)) && want.Name == "utf-8" && !want.BOM && want.Replaced == 0 && want.Redecoded == 0 {
					t.Errorf("%s (%q): Plain refused an input NewReader passes through", name, enc)
				}
				continue
			}
			if !bytes.Equal(text, wantText) || *info != *want {
				t.Errorf("%s (%q): Plain gave %q %+v, NewReader %q %+v", name, enc, text, *info, wantText, *want)
			}
		}
	}
}
