package review

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/artclean/artclean/cleaner"
)

// reportLine is one line of --report (internal/batch writes it).
type reportLine struct {
	File   string `json:"file"`
	Doc    int    `json:"doc"`
	Line   int    `json:"line"`
	Rule   string `json:"rule"`
	Action string `json:"action"`
	Text   string `json:"text"`
}

// maxReportLine bounds one line of a report: a removal is at most a
// document (1 MiB held by the guard; more without it).
const maxReportLine = 256 << 20

// ReadReport builds a review from a --report file. A report holds the
// removals only: documents without any and the bytes of the run are not
// in it, nor the lines around a removal. The file is read twice: first for
// the folder all its inputs share, so that a source is the folder under it
// (the top-level folder of a -r run), as --review names them.
func ReadReport(name string, k int) (*Collector, error) {
	var files []string
	if err := eachLine(name, func(n int, rl *reportLine) error {
		if len(files) == 0 || files[len(files)-1] != rl.File {
			files = append(files, rl.File)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	root := commonDir(files)
	c := New(k)
	c.FromReport = true
	var f *File
	var last docKey
	err := eachLine(name, func(n int, rl *reportLine) error {
		if f == nil || f.name != rl.File {
			if f != nil {
				c.Add(f, 0, 0)
			}
			f = c.NewFile(rl.File, reportSource(root, rl.File))
		}
		doc := docKey{rl.File, rl.Doc}
		if doc != last {
			last = doc
			f.totals.Docs++
			f.totals.Touched++
			f.stats.source(f.fileSrc).Docs++
		}
		f.n++
		rm := cleaner.Removal{Rule: rl.Rule, Doc: rl.Doc, Line: rl.Line, Action: cleaner.Action(rl.Action),
			Text: rl.Text, Bytes: len(rl.Text), Lines: strings.Count(rl.Text, "\n") + 1}
		f.totals.Removed += int64(rm.Bytes)
		f.removal(doc, f.fileSrc, &rm, splitmix(f.seed+f.n))
		return nil
	})
	if f != nil {
		c.Add(f, 0, 0)
	}
	return c, err
}

// eachLine calls fn with each line of the report, numbered from 1.
func eachLine(name string, fn func(n int, rl *reportLine) error) error {
	fh, err := os.Open(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // named once, as the other messages do
		}
		return fmt.Errorf("%s: %v", name, err)
	}
	defer fh.Close()
	br := bufio.NewReaderSize(fh, 1<<16)
	for n := 1; ; n++ {
		line, err := readLine(br)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %v", name, n, err)
		}
		if strings.TrimSpace(string(line)) == "" {
			continue
		}
		var rl reportLine
		if err := json.Unmarshal(line, &rl); err != nil {
			return fmt.Errorf("%s:%d: not a line of --report: %v", name, n, err)
		}
		if rl.File == "" || rl.Rule == "" {
			return fmt.Errorf("%s:%d: not a line of --report: no file or rule", name, n)
		}
		if err := fn(n, &rl); err != nil {
			return err
		}
	}
}

// readLine reads one line, without its end, up to maxReportLine bytes.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		part, err := br.ReadSlice('\n')
		line = append(line, part...)
		if len(line) > maxReportLine {
			return nil, fmt.Errorf("a line over %d MiB", maxReportLine>>20)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && len(line) > 0:
			return line, nil
		case err != nil:
			return nil, err
		}
		return line[:len(line)-1], nil
	}
}

// commonDir is the folder that all files are under ("" if none).
func commonDir(files []string) string {
	if len(files) == 0 {
		return ""
	}
	dir := path.Dir(files[0])
	for _, f := range files[1:] {
		for dir != "." && dir != "/" && !strings.HasPrefix(f, dir+"/") {
			dir = path.Dir(dir)
		}
	}
	if dir == "." {
		return ""
	}
	return dir
}

// reportSource is a report's file's source: the top-level folder under
// root, "." for a file right in it.
func reportSource(root, file string) string {
	rel := file
	if root != "" {
		rel = strings.TrimPrefix(strings.TrimPrefix(file, root), "/")
	}
	top, _, ok := strings.Cut(rel, "/")
	if !ok {
		return "."
	}
	return top
}
