package input

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/artclean/artclean/internal/compress"
)

func TestOpen(t *testing.T) {
	var gz bytes.Buffer
	zw, err := compress.NewWriter(&gz, compress.Gzip)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(zw, "za\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1\n")
	zw.Close()
	for _, tc := range []struct {
		name   string
		in     []byte
		o      Options
		want   string
		format compress.Format
		binary bool
	}{
		{"utf-8", []byte("Zażółć gęślą jaźń\n"), Options{}, "Zażółć gęślą jaźń\n", compress.None, false},
		{"gzip, latin-2 given", gz.Bytes(), Options{Encoding: "iso-8859-2"}, "zażółć gęślą jaźń\n", compress.Gzip, false},
		{"binary", []byte("PK\x03\x04\x00\x00text"), Options{}, "PK\x03\x04\x00\x00text", compress.None, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, err := Open(bytes.NewReader(tc.in), tc.o, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer text.Close()
			if text.Binary() != tc.binary {
				t.Errorf("Binary() = %v", !tc.binary)
			}
			got, err := io.ReadAll(text)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want || text.Format != tc.format {
				t.Errorf("got %q (%v), want %q (%v)", got, text.Format, tc.want, tc.format)
			}
		})
	}
	if _, err := Open(strings.NewReader("x"), Options{Encoding: "no-such-encoding"}, nil); err == nil {
		t.Error("an unknown encoding was accepted")
	}
}
