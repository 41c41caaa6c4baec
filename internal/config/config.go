// Package config builds a Cleaner from what a front end's options say (the
// command line's flags, the Beam pipeline's options), the same way for
// each, so that the same options select the same rules.
package config

import "github.com/artclean/artclean/cleaner"

// Cleaner is the options that choose and tune a Cleaner. The zero value is
// the default Cleaner.
type Cleaner struct {
	Rules                  []*cleaner.Rule // the user's rule files, parsed
	Disable, Enable, Langs []string
	MaxRemoved             float64 // 0: cleaner.DefaultMaxRemoved
	MaxSpan                int     // 0: cleaner.DefaultMaxSpan; below 0: no bound
	NoGuard                bool
	AllPacks               bool
	Pages                  bool   // each document is a whole page's text
	Separator              string // a document boundary line, already unescaped
	Cores                  int    // the most cores one long stream keeps busy; 0: every core
}

// New builds the Cleaner c describes.
func (c Cleaner) New() (*cleaner.Cleaner, error) {
	opts := []cleaner.Option{
		cleaner.WithRules(c.Rules...),
		cleaner.WithDisabled(c.Disable...),
		cleaner.WithEnabled(c.Enable...),
		cleaner.WithLanguages(c.Langs...),
	}
	if c.MaxRemoved != 0 {
		opts = append(opts, cleaner.WithMaxRemoved(c.MaxRemoved))
	}
	switch {
	case c.MaxSpan < 0:
		opts = append(opts, cleaner.WithMaxSpan(0))
	case c.MaxSpan > 0:
		opts = append(opts, cleaner.WithMaxSpan(c.MaxSpan))
	}
	if c.NoGuard {
		opts = append(opts, cleaner.WithoutGuard())
	}
	if c.AllPacks {
		opts = append(opts, cleaner.WithAllPacks())
	}
	if c.Pages {
		opts = append(opts, cleaner.WithPages())
	}
	if c.Separator != "" {
		opts = append(opts, cleaner.WithSeparator(c.Separator))
	}
	if c.Cores != 0 {
		opts = append(opts, cleaner.WithCores(c.Cores))
	}
	return cleaner.New(opts...)
}
