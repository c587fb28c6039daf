package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/newsclip/newsclip/extract"
)

// jsonlLine is the default JSONL line: the Article JSON v1 object with the
// record's fields appended.
type jsonlLine struct {
	*extract.Article
	Site        string    `json:"site"`
	FetchedAt   time.Time `json:"fetched_at"`
	FirstSeenAt time.Time `json:"first_seen_at"`
	Version     int       `json:"version"`
}

type jsonlEncoder struct {
	bw   *bufio.Writer
	enc  *json.Encoder
	cols []column
	full bool // write jsonlLine; else only cols, in their order
	buf  bytes.Buffer
	venc *json.Encoder // encodes one value into buf
}

func newJSONLEncoder(w io.Writer, cols []column, full bool) *jsonlEncoder {
	e := &jsonlEncoder{bw: bufio.NewWriterSize(w, 256<<10), cols: cols, full: full}
	e.enc = json.NewEncoder(e.bw)
	e.enc.SetEscapeHTML(false)
	e.venc = json.NewEncoder(&e.buf)
	e.venc.SetEscapeHTML(false)
	return e
}

func (e *jsonlEncoder) raw() bool { return e.full }

func (e *jsonlEncoder) encode(r *Record) error {
	if e.full && r.Article == nil {
		return e.encodeRaw(r)
	}
	if e.full {
		return e.enc.Encode(jsonlLine{Article: r.Article, Site: r.Site, FetchedAt: r.FetchedAt, FirstSeenAt: r.FirstSeenAt, Version: r.Version})
	}
	// Selected fields: an object with the keys in the order asked for.
	e.buf.Reset()
	e.buf.WriteByte('{')
	for i, c := range e.cols {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		// Column names are plain ASCII identifiers: no escaping needed.
		e.buf.WriteByte('"')
		e.buf.WriteString(c.name)
		e.buf.WriteString(`":`)
		if err := e.venc.Encode(c.value(r)); err != nil {
			return err
		}
		e.buf.Truncate(e.buf.Len() - 1) // the Encoder's newline
	}
	e.buf.WriteString("}\n")
	_, err := e.bw.Write(e.buf.Bytes())
	return err
}

func (e *jsonlEncoder) close() error { return e.bw.Flush() }

// encodeRaw writes the stored Article JSON object with the record fields
// appended before its closing brace, compacted onto one line.
func (e *jsonlEncoder) encodeRaw(r *Record) error {
	obj := bytes.TrimSpace(r.JSON)
	if len(obj) < 2 || obj[0] != '{' || obj[len(obj)-1] != '}' {
		return errNotObject
	}
	e.buf.Reset()
	if bytes.IndexByte(obj, '\n') >= 0 || bytes.IndexByte(obj, '\r') >= 0 {
		if err := json.Compact(&e.buf, obj); err != nil {
			return err
		}
	} else {
		e.buf.Write(obj)
	}
	e.buf.Truncate(e.buf.Len() - 1) // the closing brace
	if e.buf.Len() > 1 {
		e.buf.WriteByte(',')
	}
	e.buf.WriteString(`"site":`)
	if err := e.venc.Encode(r.Site); err != nil {
		return err
	}
	e.buf.Truncate(e.buf.Len() - 1)
	e.buf.WriteString(`,"fetched_at":`)
	e.buf.Write(mustTime(r.FetchedAt))
	e.buf.WriteString(`,"first_seen_at":`)
	e.buf.Write(mustTime(r.FirstSeenAt))
	e.buf.WriteString(`,"version":`)
	e.buf.WriteString(strconv.Itoa(r.Version))
	e.buf.WriteString("}\n")
	_, err := e.bw.Write(e.buf.Bytes())
	return err
}

var errNotObject = errors.New("stored article json is not an object")

// mustTime is time.Time's JSON form; only years outside [0, 9999] fail,
// and those are written as null.
func mustTime(t time.Time) []byte {
	b, err := t.MarshalJSON()
	if err != nil {
		return []byte("null")
	}
	return b
}
