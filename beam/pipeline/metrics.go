package pipeline

import (
	"context"
	"io"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/metrics"
	"github.com/artclean/artclean/cleaner"
	"github.com/artclean/artclean/internal/batch"
)

// Namespace is the namespace of every counter the pipeline keeps.
const Namespace = "artclean"

// The counters besides the per-rule ones, which are named RULE/docs,
// RULE/lines and RULE/bytes (pl/teaser/lines).
const (
	CounterDocuments    = "documents"     // documents cleaned: the "all rules N documents" of --stats
	CounterFiles        = "files"         // input files opened
	CounterFilesSkipped = "files_skipped" // binary files skipped, as with -r
	CounterFilesFailed  = "files_failed"  // unreadable, corrupt or undecodable files; listing errors
	CounterRecords      = "records"       // JSON Lines records
	CounterBadRecords   = "bad_records"   // records that are not JSON
	CounterTooLong      = "too_long"      // records over 256 MiB, passed through
)

// counters caches Beam counters by name: rule IDs are only known at run
// time.
type counters map[string]beam.Counter

func (cc *counters) inc(ctx context.Context, name string, n int64) {
	if n == 0 {
		return
	}
	if *cc == nil {
		*cc = counters{}
	}
	c, ok := (*cc)[name]
	if !ok {
		c = beam.NewCounter(Namespace, name)
		(*cc)[name] = c
	}
	c.Inc(ctx, n)
}

// tally counts the removals of one input (a file, or one record) as the
// CLI does (batch.CountRemoval).
type tally struct {
	rules map[string]*batch.RuleStats
	docs  int64
}

// hooks counts a stream of documents, numbered by the cleaner.
func (t *tally) hooks() *cleaner.Hooks {
	return &cleaner.Hooks{
		Removal:  func(r cleaner.Removal) { t.rules = batch.CountRemoval(t.rules, r.Doc, r) },
		DocEnd:   func(cleaner.DocStats) { t.docs++ },
		OmitText: true, // only counted
	}
}

// recordHooks counts the fields of JSON Lines record number record.
func (t *tally) recordHooks(record int) cleaner.Hooks {
	return cleaner.Hooks{
		Removal:  func(r cleaner.Removal) { t.rules = batch.CountRemoval(t.rules, record, r) },
		DocEnd:   func(cleaner.DocStats) { t.docs++ },
		OmitText: true,
	}
}

// flush adds the tally to the counters.
func (t *tally) flush(ctx context.Context, cc *counters) {
	cc.inc(ctx, CounterDocuments, t.docs)
	for id, rs := range t.rules {
		cc.inc(ctx, id+"/docs", int64(rs.Docs))
		cc.inc(ctx, id+"/lines", int64(rs.Lines))
		cc.inc(ctx, id+"/bytes", rs.Bytes)
	}
	*t = tally{}
}

// RuleStats counts one rule's removals.
type RuleStats struct {
	Docs  int64 // documents it removed something from
	Lines int64 // lines removed
	Bytes int64 // bytes removed
}

// Stats is what a run's counters say.
type Stats struct {
	Documents                          int64
	Rules                              map[string]RuleStats
	Files, FilesSkipped, FilesFailed   int64
	Records, BadRecords, TooLongRecord int64
}

// ReadStats sums the pipeline's counters over the steps that keep them.
func ReadStats(pr beam.PipelineResult) Stats {
	return StatsFromMetrics(pr.Metrics())
}

// StatsFromMetrics sums the counters of a metrics.Results.
func StatsFromMetrics(res metrics.Results) Stats {
	st := Stats{Rules: map[string]RuleStats{}}
	qr := res.Query(func(r metrics.SingleResult) bool { return r.Namespace() == Namespace })
	for _, c := range qr.Counters() {
		n := c.Result()
		switch name := c.Name(); name {
		case CounterDocuments:
			st.Documents += n
		case CounterFiles:
			st.Files += n
		case CounterFilesSkipped:
			st.FilesSkipped += n
		case CounterFilesFailed:
			st.FilesFailed += n
		case CounterRecords:
			st.Records += n
		case CounterBadRecords:
			st.BadRecords += n
		case CounterTooLong:
			st.TooLongRecord += n
		default:
			i := strings.LastIndex(name, "/")
			if i < 0 {
				continue
			}
			id := name[:i]
			rs := st.Rules[id]
			switch name[i+1:] {
			case "docs":
				rs.Docs += n
			case "lines":
				rs.Lines += n
			case "bytes":
				rs.Bytes += n
			default:
				continue
			}
			st.Rules[id] = rs
		}
	}
	return st
}

// RuleIDs are the rules that removed something, most lines first, as
// --stats orders them.
func (st Stats) RuleIDs() []string {
	return batch.RuleIDs(st.Rules, func(rs RuleStats) int64 { return rs.Lines })
}

// WriteTable writes the table of `artclean --stats` (the CLI's own code):
// per rule the documents it touched and the lines and bytes it removed,
// then the totals.
func (st Stats) WriteTable(w io.Writer) error {
	return batch.WriteRuleTable(w, st.RuleIDs(), func(id string) (int64, int64, int64) {
		rs := st.Rules[id]
		return rs.Docs, rs.Lines, rs.Bytes
	}, st.Documents)
}
