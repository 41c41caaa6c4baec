package cli

import (
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// rootDescription is what artclean does, for --help and the man page.
const rootDescription = `artclean removes scraping noise from article text: standalone advertisement
markers ("Reklama"), teaser paragraphs that advertise other articles ("Czytaj
więcej …"), stray date lines and metadata tokens ("date 2022-04"), and odd
spaces and invisible characters. It keeps every line of the article itself.

With no FILE, or when FILE is -, it reads standard input. Each FILE is one
document; the cleaned documents are written in order to standard output, or
to the file named by -o.`

// ManSection is a section of the man page beyond what cobra writes: a
// title and items, each a term and what it means.
type ManSection struct {
	Title string
	Items [][2]string
}

// ManSections are the man page's EXIT STATUS, ENVIRONMENT and FILES; --help
// shows them too.
func ManSections() []ManSection {
	return []ManSection{
		{"EXIT STATUS", [][2]string{
			{"0", "success; with --check or --diff, nothing to clean"},
			{"1", "--check (-l) or --diff (-d) found text to clean; 'rules test': an example fails"},
			{"2", "trouble: an input or output failed (the rest of a batch is still processed), a bad flag or argument"},
			{"130", "interrupted (SIGINT or SIGTERM); no partial output file is left"},
		}},
		{"ENVIRONMENT", [][2]string{
			{"NO_COLOR", "when set, --color=auto never colours (no-color.org)"},
			{"TMPDIR", "where outputs of a parallel run (-j) to standard output, and --report, wait their turn"},
		}},
		{"FILES", [][2]string{
			{"*.rules", "rule files read with --rules, in the format 'artclean rules show pl/teaser' prints; 'artclean rules test FILE' runs their examples"},
			{".FILE.artclean-*", "a temporary file beside each output, renamed into place when complete; --resume removes those a killed run left"},
		}},
	}
}

// helpSections renders ManSections for --help.
func helpSections() string {
	var b strings.Builder
	for i, s := range ManSections() {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strings.ToUpper(s.Title[:1]) + strings.ToLower(s.Title[1:]) + ":\n")
		for _, it := range s.Items {
			b.WriteString("  " + it[0] + strings.Repeat(" ", max(1, 19-len(it[0]))) + it[1] + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Command returns the artclean command tree on the process's streams, for
// tools that document it (the man page generator).
func Command() *cobra.Command {
	root := newRootCmd(IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr})
	root.Long = rootDescription // the sections have pages of their own there
	return root
}
