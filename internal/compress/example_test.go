package compress_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/artclean/artclean/internal/compress"
)

// An input is read whatever its compression; the output keeps it.
func Example() {
	// A gzip file, as a scraper might have saved it.
	var file bytes.Buffer
	w, _ := compress.NewWriter(&file, compress.Gzip)
	io.WriteString(w, "Reklama\n\nTekst artykułu.\n")
	w.Close()

	r, format, err := compress.NewReader(&file)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	var out bytes.Buffer
	ow, _ := compress.NewWriter(&out, format) // a mirrored output keeps the format
	if _, err := io.Copy(ow, r); err != nil { // the cleaner would go here
		fmt.Println(err)
		return
	}
	ow.Close()
	fmt.Println(format, compress.FromName("out.txt"+format.Ext()) == format)
	// Output: gzip true
}

// A damaged archive is an error from Read, never a short clean file.
func ExampleNewReader_truncated() {
	var file bytes.Buffer
	w, _ := compress.NewWriter(&file, compress.Zstd)
	io.WriteString(w, "Tekst artykułu.\n")
	w.Close()
	cut := file.Bytes()[:file.Len()-3]

	r, _, _ := compress.NewReader(bytes.NewReader(cut))
	defer r.Close()
	_, err := io.Copy(io.Discard, r)
	fmt.Printf("a.txt.zst: %v\n", err)
	fmt.Println(errors.Is(err, compress.ErrTruncated))
	// Output:
	// a.txt.zst: truncated zstd data
	// true
}

func ExampleBase() {
	for _, name := range []string{"a.txt", "b.txt.gz", "c.jsonl.zst"} {
		base, f := compress.Base(name)
		fmt.Println(base, f)
	}
	// Output:
	// a.txt none
	// b.txt gzip
	// c.jsonl zstd
}
