// Package explain renders a document with every removal shown in place, as
// `artclean --explain` prints it: kept lines prefixed with a space, removed
// lines with "-" and followed by the rule ID, a stripped token marked on
// the line it was stripped from with "~" and brackets. With colour, removed
// text is red and rule IDs are cyan.
package explain

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/artclean/artclean/cleaner"
)

const (
	green  = "\x1b[32m"
	bold   = "\x1b[1m"
	red    = "\x1b[31m"
	strike = "\x1b[9;31m"
	cyan   = "\x1b[36m"
	reset  = "\x1b[0m"
)

// Writer turns cleaning events into the explain view.
type Writer struct {
	w      *bufio.Writer
	color  bool
	strip  *cleaner.Removal // a stripped token waiting for the rest of its line
	inLine bool             // a long kept line is being written in pieces
}

// New returns a Writer to w, in colour if color is set.
func New(w io.Writer, color bool) *Writer {
	return &Writer{w: bufio.NewWriter(w), color: color}
}

func (x *Writer) paint(code, s string) string {
	if !x.color || s == "" {
		return s
	}
	return code + s + reset
}

func (x *Writer) ruleTag(id string) string {
	return "  " + x.paint(cyan, "["+id+"]")
}

// Event renders one event.
func (x *Writer) Event(e cleaner.Event) {
	switch e.Kind {
	case cleaner.EventKeep:
		if x.strip != nil && x.strip.Line == e.Line && !x.inLine {
			fmt.Fprintf(x.w, "~%s%s", x.paint(strike, "["+x.strip.Text+"]"), e.Text)
			if !e.Partial {
				x.w.WriteString(x.ruleTag(x.strip.Rule))
			}
			x.strip = nil
		} else {
			x.flushStrip()
			if !x.inLine {
				x.w.WriteByte(' ')
			}
			x.w.WriteString(e.Text)
		}
		x.inLine = e.Partial
		if !e.Partial {
			x.w.WriteByte('\n')
		}
	case cleaner.EventRemove:
		x.flushStrip()
		if e.Removal.Action == cleaner.Strip {
			r := *e.Removal
			x.strip = &r
			return
		}
		if e.Removal.Action == cleaner.StripSpan {
			// A span cut out of the line that follows.
			fmt.Fprintf(x.w, "~%s%s\n", x.paint(strike, "["+e.Removal.Text+"]"), x.ruleTag(e.Removal.Rule))
			return
		}
		for _, line := range strings.Split(e.Removal.Text, "\n") {
			fmt.Fprintf(x.w, "-%s%s\n", x.paint(red, line), x.ruleTag(e.Removal.Rule))
		}
	case cleaner.EventBreak:
		x.flushStrip()
		x.w.WriteByte('\n')
	case cleaner.EventSeparator:
		x.flushStrip()
		fmt.Fprintf(x.w, " %s\n", e.Text)
	case cleaner.EventGuard:
		x.flushStrip()
		g := e.Guard
		msg := fmt.Sprintf("kept: %s", g.Reason)
		if g.Whole {
			msg = fmt.Sprintf("document %d (line %d) left as it came: %s", e.Doc, e.Line, g.Reason)
		}
		fmt.Fprintf(x.w, "!%s%s\n", x.paint(red, msg), x.ruleTag(g.Rule))
	}
}

// Header writes a line naming what follows, such as a JSON Lines record.
func (x *Writer) Header(format string, args ...any) {
	x.flushStrip()
	fmt.Fprintf(x.w, "# "+format+"\n", args...)
}

// flushStrip writes a stripped token whose whole line went with it.
func (x *Writer) flushStrip() {
	if x.strip == nil {
		return
	}
	fmt.Fprintf(x.w, "-%s%s\n", x.paint(red, x.strip.Text), x.ruleTag(x.strip.Rule))
	x.strip = nil
}

// Err is the first error writing the view met, if any: a closed pipe
// (--explain … | head) should end the run, not let it read on.
func (x *Writer) Err() error {
	_, err := x.w.Write(nil)
	return err
}

// Flush writes what is buffered.
func (x *Writer) Flush() error {
	x.flushStrip()
	return x.w.Flush()
}

// ColorDiff colours a unified diff as git does: file headers bold, hunk
// headers cyan, removed lines red, added lines green.
func ColorDiff(diff string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(diff, "\n") {
		body := strings.TrimSuffix(line, "\n")
		code := ""
		switch {
		case strings.HasPrefix(body, "--- "), strings.HasPrefix(body, "+++ "):
			code = bold
		case strings.HasPrefix(body, "@@"):
			code = cyan
		case strings.HasPrefix(body, "-"):
			code = red
		case strings.HasPrefix(body, "+"):
			code = green
		}
		if code == "" || body == "" {
			b.WriteString(line)
			continue
		}
		b.WriteString(code + body + reset + line[len(body):])
	}
	return b.String()
}
