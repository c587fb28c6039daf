package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"strings"
)

// csvEncoder writes a header row and one row per article. encoding/csv
// does the RFC 4180 quoting (fields with commas, quotes or newlines are
// quoted; quotes doubled).
type csvEncoder struct {
	bw     *bufio.Writer
	w      *csv.Writer
	cols   []column
	row    []string
	header bool
}

func newCSVEncoder(w io.Writer, cols []column) *csvEncoder {
	bw := bufio.NewWriterSize(w, 256<<10)
	return &csvEncoder{bw: bw, w: csv.NewWriter(bw), cols: cols, row: make([]string, len(cols))}
}

func (e *csvEncoder) writeHeader() error {
	for i, c := range e.cols {
		e.row[i] = c.name
	}
	e.header = true
	return e.w.Write(e.row)
}

func (e *csvEncoder) raw() bool { return false }

func (e *csvEncoder) encode(r *Record) error {
	if !e.header {
		if err := e.writeHeader(); err != nil {
			return err
		}
	}
	for i, c := range e.cols {
		v := strings.ToValidUTF8(c.cell(r), "\uFFFD")
		if c.text {
			v = defuseFormula(v)
		}
		e.row[i] = v
	}
	return e.w.Write(e.row)
}

func (e *csvEncoder) close() error {
	if !e.header {
		// An empty export still says what its columns are.
		if err := e.writeHeader(); err != nil {
			return err
		}
	}
	e.w.Flush()
	if err := e.w.Error(); err != nil {
		return err
	}
	return e.bw.Flush()
}

// defuseFormula keeps a spreadsheet from evaluating a text cell as a
// formula (CSV injection): a cell starting with =, +, -, @, tab or carriage
// return gets a leading apostrophe, which spreadsheets show as text and do
// not evaluate (the OWASP recommendation).
func defuseFormula(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
