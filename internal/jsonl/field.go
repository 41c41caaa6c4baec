package jsonl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// A field path names a value in a record in one of two forms:
//
//   - dotted: names joined by dots, "article.body". A name cannot hold a
//     dot; an all-digit name also indexes an array ("authors.0.name").
//   - a JSON Pointer (RFC 6901), when it starts with "/": "/article/body",
//     "/meta.v2/text" for the key "meta.v2", "~1" in a name for "/" and
//     "~0" for "~". A name that is a number also indexes an array.
//
// Where an object has the same key twice, the path follows the last one,
// as encoding/json, Python's json and most parsers do when they decode it
// ({"text":"a","text":"b"} cleans "b" and leaves "a" as it is).

// splitField parses a field path into its names, unescaped.
func splitField(field string) ([]string, error) {
	if rest, ok := strings.CutPrefix(field, "/"); ok {
		parts := strings.Split(rest, "/")
		for i, p := range parts {
			if !validPointerEscapes(p) {
				return nil, fmt.Errorf("bad JSON Pointer %q: \"~\" is followed by 0 (for ~) or 1 (for /)", field)
			}
			parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
		}
		return parts, nil
	}
	if field == "" || strings.HasPrefix(field, ".") || strings.HasSuffix(field, ".") || strings.Contains(field, "..") {
		return nil, fmt.Errorf("bad field path %q (use names joined by dots, such as article.body, or a JSON Pointer, such as /article/body)", field)
	}
	return strings.Split(field, "."), nil
}

func validPointerEscapes(p string) bool {
	for i := 0; i < len(p); i++ {
		if p[i] == '~' && (i+1 == len(p) || (p[i+1] != '0' && p[i+1] != '1')) {
			return false
		}
	}
	return true
}

// Path turns a field path, dotted ("article.body") or a JSON Pointer
// ("/article/body"), into a gjson path, with gjson's special characters in
// names escaped.
func Path(field string) (string, error) {
	parts, err := splitField(field)
	if err != nil {
		return "", err
	}
	for i, p := range parts {
		if p == "" {
			return "", fmt.Errorf("bad field path %q: an empty name", field)
		}
		parts[i] = gjson.Escape(p)
	}
	return strings.Join(parts, "."), nil
}

// valueKind is what a field path leads to in a record.
type valueKind uint8

const (
	kindMissing valueKind = iota // no value: a name absent, or a step into a scalar
	kindString
	kindNumber
	kindBool
	kindNull
	kindObject
	kindArray
)

// Reasons OnFieldMissing gives.
const (
	ReasonMissing   = "missing" // no such field (or a name on its path is not an object)
	ReasonNull      = "null"    // the field is there but null
	ReasonNumber    = "number"  // ... a number
	ReasonBool      = "boolean" // ... true or false
	ReasonObject    = "object"  // ... an object
	ReasonArray     = "array"   // ... an array
	reasonNotString = "not a string"
)

func (k valueKind) reason() string {
	switch k {
	case kindMissing:
		return ReasonMissing
	case kindNull:
		return ReasonNull
	case kindNumber:
		return ReasonNumber
	case kindBool:
		return ReasonBool
	case kindObject:
		return ReasonObject
	case kindArray:
		return ReasonArray
	}
	return reasonNotString
}

// kindAt is the kind of the value starting with c.
func kindAt(c byte) valueKind {
	switch c {
	case '"':
		return kindString
	case '{':
		return kindObject
	case '[':
		return kindArray
	case 't', 'f':
		return kindBool
	case 'n':
		return kindNull
	}
	return kindNumber
}

// arrayIndex reads a name as an array index.
func arrayIndex(name string) (int, bool) {
	if name == "" || strings.Trim(name, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(name)
	return n, err == nil
}

// indexesArrays reports a path with an all-digit name, which may index an
// array: the validator only follows objects.
func indexesArrays(parts []string) bool {
	for _, p := range parts {
		if _, ok := arrayIndex(p); ok {
			return true
		}
	}
	return false
}

// findValue returns where the value at parts starts in body, a validated
// record, and its kind, and for a string where its literal ends. Of
// duplicate keys the last counts. Only the keys it compares are decoded.
func findValue(body []byte, parts []string) (sp span, kind valueKind) {
	i := skipSpace(body, 0)
	for _, part := range parts {
		if i >= len(body) {
			return span{}, kindMissing
		}
		switch body[i] {
		case '{':
			i = lastKey(body, i, part)
		case '[':
			i = arrayElement(body, i, part)
		default:
			return span{}, kindMissing
		}
		if i < 0 {
			return span{}, kindMissing
		}
	}
	if i >= len(body) {
		return span{}, kindMissing
	}
	kind = kindAt(body[i])
	if kind == kindString {
		return span{i, skipString(body, i)}, kind
	}
	return span{i, i}, kind
}

// lastKey returns where the value of the last key name of the object at
// open starts, or -1.
func lastKey(body []byte, open int, name string) int {
	at := -1
	i := open + 1
	for {
		i = skipSpace(body, i)
		if i >= len(body) || body[i] != '"' {
			return at // '}'
		}
		keyEnd := skipString(body, i)
		key := body[i:keyEnd]
		i = skipSpace(body, keyEnd)
		i = skipSpace(body, i+1) // the ':'
		if keyEquals(key, name) {
			at = i
		}
		i = skipSpace(body, skipValue(body, i))
		if i >= len(body) || body[i] != ',' {
			return at
		}
		i++
	}
}

// arrayElement returns where element name (an index) of the array at open
// starts, or -1.
func arrayElement(body []byte, open int, name string) int {
	n, ok := arrayIndex(name)
	if !ok {
		return -1
	}
	i := skipSpace(body, open+1)
	if i >= len(body) || body[i] == ']' {
		return -1
	}
	for ; n > 0; n-- {
		i = skipSpace(body, skipValue(body, i))
		if i >= len(body) || body[i] != ',' {
			return -1
		}
		i = skipSpace(body, i+1)
	}
	return i
}
