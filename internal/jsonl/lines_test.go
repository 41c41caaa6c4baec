package jsonl

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestLines(t *testing.T) {
	const in = "{\"a\":1}\n\n  \r\n{\"text\":\"" + "0123456789" + "\"}\r\n{\"b\":2}"
	for _, tc := range []struct {
		max  int
		want string
	}{
		{0, `1 "{\"a\":1}\n" false|2 "\n" false|3 "  \r\n" false|4 "{\"text\":\"0123456789\"}\r\n" false|5 "{\"b\":2}" false|`},
		{12, `1 "{\"a\":1}\n" false|2 "\n" false|3 "  \r\n" false|4 "{\"text\":\"012" true|5 "{\"b\":2}" false|`},
	} {
		l := NewLines(strings.NewReader(in), tc.max)
		var got strings.Builder
		for {
			line, num, tooLong, err := l.Next()
			if len(line) > 0 {
				if tooLong {
					line = line[:min(len(line), tc.max)]
				}
				fmt.Fprintf(&got, "%d %q %v|", num, line, tooLong)
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		l.Close()
		if got.String() != tc.want {
			t.Errorf("max %d:\n got %s\nwant %s", tc.max, got.String(), tc.want)
		}
	}
	if !IsBlank([]byte(" \t\r\n")) || IsBlank([]byte("{}\n")) {
		t.Error("IsBlank")
	}
}
