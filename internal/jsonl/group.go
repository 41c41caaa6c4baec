package jsonl

import (
	"net/url"
	"strings"

	"github.com/tidwall/gjson"
)

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
