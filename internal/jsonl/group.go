package jsonl

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tidwall/gjson"
)

// Path turns a dotted field path ("article.body") into a gjson path, with
// gjson's special characters in names escaped.
func Path(field string) (string, error) {
	if field == "" || strings.HasPrefix(field, ".") || strings.HasSuffix(field, ".") || strings.Contains(field, "..") {
		return "", fmt.Errorf("bad field path %q (use names joined by dots, such as article.body)", field)
	}
	parts := strings.Split(field, ".")
	for i, p := range parts {
		parts[i] = gjson.Escape(p)
	}
	return strings.Join(parts, "."), nil
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

// GroupValue is the group a record belongs to for a grouping field (field
// is the dotted path, path its gjson form): the field's value as a string,
// and for a field named "url" its host. learn --group-by and scoped rules
// both use it, so a learned pack's scope matches at clean time.
func GroupValue(rec []byte, field, path string) string {
	v := gjson.GetBytes(rec, path).String()
	if field == "url" {
		v = Host(v)
	}
	return v
}
