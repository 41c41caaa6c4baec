// Package ruleid matches the patterns users write for rule IDs
// (--disable, --enable, `artclean rules show`), so that the cleaner and the
// command line read them alike.
package ruleid

import (
	"path"
	"strings"
)

// Match reports whether a user's pattern selects an ID: the ID itself, a
// glob over IDs ("pl/*", "*/ad-marker"), or a bare name for that rule in
// every pack ("teaser").
func Match(pattern, id string) bool {
	if ok, _ := path.Match(pattern, id); ok {
		return true
	}
	if !strings.Contains(pattern, "/") {
		if _, name, found := strings.Cut(id, "/"); found {
			ok, _ := path.Match(pattern, name)
			return ok
		}
	}
	return false
}
