package learn

import (
	"bytes"
	"fmt"
	"io"

	"github.com/tidwall/gjson"

	"github.com/artclean/artclean/internal/jsonl"
)

// Records calls fn for each JSON Lines record of r whose field (a gjson
// path) is a string, with the record's group: jsonl.GroupValue of the
// dotted field groupBy ("" for none). Lines that are not JSON go to bad
// (if set) and are skipped. Records longer than maxRecord bytes are
// skipped too.
func Records(r io.Reader, field, groupBy string, maxRecord int, bad func(line int, err error), fn func(group, text string) error) error {
	groupPath := ""
	if groupBy != "" {
		var err error
		if groupPath, err = jsonl.Path(groupBy); err != nil {
			return err
		}
	}
	lines := jsonl.NewLines(r, maxRecord)
	defer lines.Close()
	for {
		rec, line, tooLong, err := lines.Next()
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
					g = jsonl.GroupValue(t, groupBy, groupPath)
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
