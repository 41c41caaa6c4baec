package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Page is one entry of an evaldata_*.py file.
type Page struct {
	URL     string
	File    string // name inside eval/; may be empty
	With    []string
	Without []string
}

// LoadEvalPages reads EVAL_PAGES from a Python evaldata file, in file order.
func LoadEvalPages(path string) ([]Page, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pages, err := ParseEvalPages(string(src))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return pages, nil
}

// ParseEvalPages parses the EVAL_PAGES dict of an evaldata_*.py source.
func ParseEvalPages(src string) ([]Page, error) {
	v, err := ParsePyAssignment(src, "EVAL_PAGES")
	if err != nil {
		return nil, err
	}
	d, ok := v.(*PyDict)
	if !ok {
		return nil, errors.New("EVAL_PAGES is not a dict")
	}
	var pages []Page
	for _, k := range d.Keys {
		url, ok := k.(string)
		if !ok {
			return nil, fmt.Errorf("EVAL_PAGES key %v is not a string", k)
		}
		entry, ok := d.Values[k].(*PyDict)
		if !ok {
			return nil, fmt.Errorf("%s: value is not a dict", url)
		}
		pg := Page{URL: url}
		// Like the Python script, a missing key is an error (KeyError there).
		file, ok := entry.Get("file")
		if !ok {
			return nil, fmt.Errorf("%s: no 'file'", url)
		}
		if pg.File, ok = file.(string); !ok {
			return nil, fmt.Errorf("%s: 'file' is not a string", url)
		}
		for _, f := range []struct {
			key string
			dst *[]string
		}{{"with", &pg.With}, {"without", &pg.Without}} {
			raw, ok := entry.Get(f.key)
			if !ok {
				return nil, fmt.Errorf("%s: no '%s'", url, f.key)
			}
			list, ok := raw.([]any)
			if !ok {
				return nil, fmt.Errorf("%s: '%s' is not a list", url, f.key)
			}
			for _, it := range list {
				s, ok := it.(string)
				if !ok {
					return nil, fmt.Errorf("%s: '%s' holds a non-string %v", url, f.key, it)
				}
				*f.dst = append(*f.dst, s)
			}
		}
		pages = append(pages, pg)
	}
	return pages, nil
}

// EvalJSONFile is the annotation file of trafilatura's evaluation set, in
// its tests/ folder.
const EvalJSONFile = "evaldata.json"

// LoadEvalJSON reads trafilatura's tests/evaldata.json, in file order.
func LoadEvalJSON(path string) ([]Page, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pages, err := ParseEvalJSON(src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return pages, nil
}

// ParseEvalJSON parses trafilatura's evaldata.json: an object mapping each
// URL to {"file": name, "with": [...], "without": [...]}. As for the Python
// files, a missing key is an error; an empty 'file' is left to selectPages.
func ParseEvalJSON(src []byte) ([]Page, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("not a JSON object of URL → annotation")
	}
	var pages []Page
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		url := tok.(string) // object keys are strings
		var entry struct {
			File          *string
			With, Without *[]string
		}
		if err := dec.Decode(&entry); err != nil {
			return nil, fmt.Errorf("%s: %w", url, err)
		}
		switch {
		case entry.File == nil:
			return nil, fmt.Errorf("%s: no 'file'", url)
		case entry.With == nil:
			return nil, fmt.Errorf("%s: no 'with'", url)
		case entry.Without == nil:
			return nil, fmt.Errorf("%s: no 'without'", url)
		}
		pages = append(pages, Page{URL: url, File: *entry.File, With: *entry.With, Without: *entry.Without})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON object")
	}
	return pages, nil
}

// Skipped says why a page was not run.
type Skipped struct {
	Page   Page
	Reason string
}

// selectPages keeps the pages the Python script would run: it skips entries
// whose 'file' is empty (as the script does) and, unlike the script, which
// would stop with FileNotFoundError, also entries whose file is in neither
// cache/ nor eval/.
func selectPages(dir string, pages []Page) (run []Page, skipped []Skipped) {
	for _, pg := range pages {
		if len(pg.File) == 0 {
			skipped = append(skipped, Skipped{pg, "empty 'file'"})
			continue
		}
		if _, err := os.Stat(pagePath(dir, pg.File)); err != nil {
			reason := err.Error()
			if errors.Is(err, fs.ErrNotExist) {
				reason = "file not in cache/ or eval/"
			}
			skipped = append(skipped, Skipped{pg, reason})
			continue
		}
		run = append(run, pg)
	}
	return run, skipped
}

// pagePath finds a page as load_document_string (and trafilatura's
// eval_common.resolve) does: cache/ first, then eval/.
func pagePath(dir, file string) string {
	p := filepath.Join(dir, "cache", file)
	if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
		return p
	}
	return filepath.Join(dir, "eval", file)
}
