// Package export writes stored articles in analyst formats: JSON Lines, CSV
// and Parquet. It reads from an iterator of Records and keeps at most one
// record (JSONL, CSV) or one bounded Parquet row group in memory, so an
// export of millions of articles runs in constant memory.
//
// export does not know the store: cmd adapts the store's iterator into an
// iter.Seq2[Record, error]. The files, in order of use:
//
//	export.go   Record, Options, Write and WriteFile (temp file + rename)
//	columns.go  the column list shared by every format and --fields
//	jsonl.go    one Article JSON v1 object per line, plus the record fields
//	csv.go      flattened columns, RFC 4180 quoting, formula injection defused
//	parquet.go  typed columns, lists of structs, zstd compressed
package export

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"time"

	"github.com/newsclip/newsclip/extract"
)

// Record is one stored article as export sees it: the article and what the
// store knows about it.
type Record struct {
	Article     *extract.Article
	Site        string    // configured site name
	FetchedAt   time.Time // when this version was fetched
	FirstSeenAt time.Time // when the URL was first stored
	Version     int       // 1 for the first stored version, +1 per content change
	// JSON optionally holds the Article JSON v1 object as stored. When
	// Article is nil it is decoded from JSON; a full JSONL export copies
	// it as it is, without a decode and encode.
	JSON []byte
}

// Format is an output format.
type Format string

// Formats.
const (
	JSONL   Format = "jsonl"
	CSV     Format = "csv"
	Parquet Format = "parquet"
)

// Formats lists the formats in the order usage shows them.
var Formats = []Format{JSONL, CSV, Parquet}

// ParseFormat returns the Format named s, or ErrUnknownFormat.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("%w %q (want jsonl, csv or parquet)", ErrUnknownFormat, s)
}

// Errors callers branch on.
var (
	ErrUnknownFormat = errors.New("unknown format")
	ErrUnknownField  = errors.New("unknown field")
	// ErrNoArticle: a Record without an Article reached the writer.
	ErrNoArticle = errors.New("record has no article")
)

// Options choose the format and the columns.
type Options struct {
	Format Format
	// Fields are the column names to write, in order (see Columns). Empty
	// means every column; for JSONL it means the full Article JSON v1 plus
	// site, fetched_at, first_seen_at and version.
	Fields []string
	// RowGroupRows caps the rows of one Parquet row group (and so the memory
	// a Parquet export holds). Zero means 10,000.
	RowGroupRows int
	// RowGroupBytes caps the estimated text bytes of one Parquet row group.
	// Zero means 32 MiB.
	RowGroupBytes int
}

// Stats count what a write produced.
type Stats struct {
	Records int64
	Bytes   int64
}

// Write streams records to w in the chosen format. It stops at the first
// error of the iterator, of w, or of ctx.
func Write(ctx context.Context, w io.Writer, records iter.Seq2[Record, error], opts Options) (Stats, error) {
	cols, err := selectColumns(opts.Fields)
	if err != nil {
		return Stats{}, err
	}
	cw := &countingWriter{w: w}
	var enc encoder
	switch opts.Format {
	case JSONL:
		enc = newJSONLEncoder(cw, cols, len(opts.Fields) == 0)
	case CSV:
		enc = newCSVEncoder(cw, cols)
	case Parquet:
		enc, err = newParquetEncoder(cw, cols, opts.RowGroupRows, opts.RowGroupBytes)
		if err != nil {
			return Stats{}, err
		}
	default:
		return Stats{}, fmt.Errorf("%w %q", ErrUnknownFormat, opts.Format)
	}
	var st Stats
	for rec, err := range records {
		if err != nil {
			return st, fmt.Errorf("read records: %w", err)
		}
		if rec.Article == nil && (rec.JSON == nil || !enc.raw()) {
			if rec.JSON == nil {
				return st, fmt.Errorf("record %d: %w", st.Records+1, ErrNoArticle)
			}
			var a extract.Article
			if err := json.Unmarshal(rec.JSON, &a); err != nil {
				return st, fmt.Errorf("record %d: decode article: %w", st.Records+1, err)
			}
			rec.Article = &a
		}
		if st.Records%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return st, err
			}
		}
		if err := enc.encode(&rec); err != nil {
			return st, fmt.Errorf("write %s record %d: %w", opts.Format, st.Records+1, err)
		}
		st.Records++
	}
	if err := enc.close(); err != nil {
		return st, fmt.Errorf("finish %s: %w", opts.Format, err)
	}
	st.Bytes = cw.n
	return st, nil
}

// WriteFile writes records to path through a temporary file in the same
// directory, synced and renamed into place only when every record was
// written: a crash or an error never leaves a half-written file at path.
func WriteFile(ctx context.Context, path string, records iter.Seq2[Record, error], opts Options) (st Stats, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return Stats{}, fmt.Errorf("create temp file: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if st, err = Write(ctx, f, records, opts); err != nil {
		return st, err
	}
	if err = f.Chmod(0o644); err != nil {
		return st, fmt.Errorf("chmod %s: %w", tmp, err)
	}
	if err = f.Sync(); err != nil {
		return st, fmt.Errorf("sync %s: %w", tmp, err)
	}
	if err = f.Close(); err != nil {
		return st, fmt.Errorf("close %s: %w", tmp, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return st, fmt.Errorf("rename into place: %w", err)
	}
	return st, nil
}

// encoder is one format's writer.
type encoder interface {
	// raw reports whether encode takes Record.JSON without an Article.
	raw() bool
	encode(r *Record) error
	close() error
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
