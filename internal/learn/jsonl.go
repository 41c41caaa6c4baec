package learn

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/tidwall/gjson"
)

// GJSONPath turns a dotted field path ("article.body") into a gjson path.
func GJSONPath(field string) (string, error) {
	if field == "" || strings.HasPrefix(field, ".") || strings.HasSuffix(field, ".") || strings.Contains(field, "..") {
		return "", fmt.Errorf("bad field path %q (use names joined by dots, such as article.body)", field)
	}
	parts := strings.Split(field, ".")
	for i, p := range parts {
		parts[i] = gjson.Escape(p)
	}
	return strings.Join(parts, "."), nil
}

// Records calls fn for each JSON Lines record of r whose field (a gjson
// path) is a string, with the record's group: the string value of groupBy
// (a gjson path, "" for none), or for a field named "url" the host of the
// URL. Lines that are not JSON go to bad (if set) and are skipped. Records
// longer than maxRecord bytes are skipped too.
func Records(r io.Reader, field, groupBy string, maxRecord int, bad func(line int, err error), fn func(group, text string) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var rec []byte
	for line := 1; ; line++ {
		rec = rec[:0]
		var err error
		tooLong := false
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if len(rec)+len(chunk) <= maxRecord {
				rec = append(rec, chunk...)
			} else {
				tooLong = true
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return err
		}
		t := bytes.TrimSpace(rec)
		switch {
		case tooLong:
			if bad != nil {
				bad(line, fmt.Errorf("record longer than %d bytes skipped", maxRecord))
			}
		case len(t) == 0:
		case !gjson.ValidBytes(t):
			if bad != nil {
				bad(line, fmt.Errorf("invalid JSON"))
			}
		default:
			v := gjson.GetBytes(t, field)
			if v.Type == gjson.String {
				g := ""
				if groupBy != "" {
					g = gjson.GetBytes(t, groupBy).String()
					if groupBy == "url" {
						g = Host(g)
					}
				}
				if ferr := fn(g, v.String()); ferr != nil {
					return ferr
				}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// Host is the host of a URL without "www.", or the text itself when it has
// none.
func Host(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return s
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
