package compress

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestFormatStringExt(t *testing.T) {
	for _, tc := range []struct {
		f        Format
		str, ext string
	}{
		{None, "none", ""},
		{Gzip, "gzip", ".gz"},
		{Zstd, "zstd", ".zst"},
		{Format(9), "Format(9)", ""},
	} {
		if got := tc.f.String(); got != tc.str {
			t.Errorf("%d.String() = %q, want %q", int(tc.f), got, tc.str)
		}
		if got := tc.f.Ext(); got != tc.ext {
			t.Errorf("%v.Ext() = %q, want %q", tc.f, got, tc.ext)
		}
	}
}

func TestNames(t *testing.T) {
	for _, tc := range []struct {
		name, base string
		f          Format
	}{
		{"a.txt", "a.txt", None},
		{"a.txt.gz", "a.txt", Gzip},
		{"a.txt.GZ", "a.txt", Gzip},
		{"a.txt.gzip", "a.txt", Gzip},
		{"dir.gz/a.jsonl.zst", "dir.gz/a.jsonl", Zstd},
		{"b.jsonl.zstd", "b.jsonl", Zstd},
		{"b.jsonl.ZsT", "b.jsonl", Zstd},
		{"a.txt.gz.bak", "a.txt.gz.bak", None},
		{"a.gz.txt", "a.gz.txt", None},
		{"gz", "gz", None},
		{".gz", "", Gzip},
		{"a.tgz", "a.tgz", None},
		{"", "", None},
	} {
		if got := FromName(tc.name); got != tc.f {
			t.Errorf("FromName(%q) = %v, want %v", tc.name, got, tc.f)
		}
		if got := StripExt(tc.name); got != tc.base {
			t.Errorf("StripExt(%q) = %q, want %q", tc.name, got, tc.base)
		}
		if base, f := Base(tc.name); base != tc.base || f != tc.f {
			t.Errorf("Base(%q) = %q, %v, want %q, %v", tc.name, base, f, tc.base, tc.f)
		}
	}
	// Base lets a caller match *.txt on a compressed name.
	for _, name := range []string{"a.txt", "a.txt.gz", "a.txt.zst"} {
		if base, _ := Base(name); !strings.HasSuffix(base, ".txt") {
			t.Errorf("Base(%q) = %q does not match *.txt", name, base)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want Format
	}{
		{"empty", "", None},
		{"text", "Reklama\n\nTekst artykułu.\n", None},
		{"gzip", "\x1f\x8b\x08\x00", Gzip},
		{"gzip magic only", "\x1f\x8b", Gzip},
		{"gzip first byte only", "\x1f", None},
		{"gzip near miss", "\x1f\x8a\x08\x00", None},
		{"unit separator then text", "\x1fabc", None},
		{"zstd", "\x28\xb5\x2f\xfd\x00", Zstd},
		{"zstd magic only", "\x28\xb5\x2f\xfd", Zstd},
		{"zstd three bytes", "\x28\xb5\x2f", None},
		{"zstd near miss", "\x28\xb5\x2f\xfc\x00", None},
		{"zstd reversed", "\xfd\x2f\xb5\x28", None},
		{"paren micro in UTF-8", "(µ/ý) tekst", None},
		{"paren text", "(PAP) Warszawa", None},
		{"skippable frame", "\x50\x2a\x4d\x18\x00\x00\x00\x00", Zstd},
		{"skippable frame last magic", "\x5f\x2a\x4d\x18", Zstd},
		{"skippable near miss", "\x60\x2a\x4d\x18", None},
		{"P*M then text", "P*Mtekst", None},
		{"BOM", "\ufeffTekst", None},
		{"NUL bytes", "\x00\x00\x00\x00", None},
	} {
		t.Run(tc.name, func(t *testing.T) {
			br := bufio.NewReader(strings.NewReader(tc.in))
			got, err := Detect(br)
			if err != nil || got != tc.want {
				t.Fatalf("Detect(%q) = %v, %v, want %v", tc.in, got, err, tc.want)
			}
			// Detect consumes nothing.
			rest, _ := io.ReadAll(br)
			if string(rest) != tc.in {
				t.Fatalf("after Detect the reader holds %q, want %q", rest, tc.in)
			}
		})
	}
}

func TestDetectReadError(t *testing.T) {
	boom := errors.New("boom")
	if _, err := Detect(bufio.NewReader(iotest.ErrReader(boom))); !errors.Is(err, boom) {
		t.Fatalf("Detect on a failing reader: %v, want %v", err, boom)
	}
	// An error after enough bytes for the magic is not Detect's business.
	r := io.MultiReader(strings.NewReader("\x1f\x8b\x08\x00"), iotest.ErrReader(boom))
	if f, err := Detect(bufio.NewReader(r)); f != Gzip || err != nil {
		t.Fatalf("Detect = %v, %v, want gzip, nil", f, err)
	}
	// Short input with an error before EOF: the error is reported.
	r = io.MultiReader(strings.NewReader("\x1f"), iotest.ErrReader(boom))
	if _, err := Detect(bufio.NewReader(r)); !errors.Is(err, boom) {
		t.Fatalf("Detect on a short failing reader: %v, want %v", err, boom)
	}
}

func TestDetectAfterPartialRead(t *testing.T) {
	// Detect looks at what the reader will return next.
	in := "xx\x1f\x8b\x08"
	br := bufio.NewReader(strings.NewReader(in))
	br.Discard(2)
	if f, _ := Detect(br); f != Gzip {
		t.Fatalf("Detect = %v, want gzip", f)
	}
	if f := detect(bytes.Repeat([]byte{0x1f}, 4)); f != None {
		t.Fatalf("detect(1f1f1f1f) = %v", f)
	}
}
