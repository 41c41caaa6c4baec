package batch

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"

	"github.com/artclean/artclean/cleaner"
)

// CountRemoval counts removal r of document doc in rules (made if nil) and
// returns rules. It is how every front end counts: a rule's documents are
// the documents it removed something from, its lines and bytes those of the
// text it removed (the removal's Lines and Bytes: its Text is not needed).
func CountRemoval(rules map[string]*RuleStats, doc int, r cleaner.Removal) map[string]*RuleStats {
	rs := rules[r.Rule]
	if rs == nil {
		if rules == nil {
			rules = map[string]*RuleStats{}
		}
		rs = &RuleStats{}
		rules[r.Rule] = rs
	}
	if rs.lastDoc != doc || rs.Docs == 0 {
		rs.lastDoc = doc
		rs.Docs++
	}
	rs.Lines += r.Lines
	rs.Bytes += int64(r.Bytes)
	return rules
}

// RuleIDs returns the IDs of rules, the rules that removed something, most
// lines first and then by ID: the order of the summary and of --stats,
// shared with the Beam pipeline so that both print the same table.
func RuleIDs[S any](rules map[string]S, lines func(S) int64) []string {
	ids := make([]string, 0, len(rules))
	for id := range rules {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := lines(rules[ids[i]]), lines(rules[ids[j]])
		if a != b {
			return a > b
		}
		return ids[i] < ids[j]
	})
	return ids
}

// WriteRuleTable writes the --stats table: per rule (in the order of ids)
// the documents it touched and the lines and bytes it removed, then the
// totals over documents.
func WriteRuleTable(w io.Writer, ids []string, row func(id string) (docs, lines, bytes int64), documents int64) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "RULE\tDOCUMENTS\tLINES\tBYTES\n")
	var lines, bytes int64
	for _, id := range ids {
		d, l, b := row(id)
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", id, d, l, b)
		lines += l
		bytes += b
	}
	fmt.Fprintf(tw, "all rules\t%d documents\t%d\t%d\n", documents, lines, bytes)
	return tw.Flush()
}
