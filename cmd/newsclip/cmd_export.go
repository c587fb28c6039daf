package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/newsclip/newsclip/export"
	"github.com/newsclip/newsclip/store"
	"github.com/newsclip/newsclip/store/sqlite"
)

const exportUsage = `usage: newsclip export --db FILE [--format jsonl|csv|parquet] [--out FILE] [filters]

Write the latest version of each stored article, streaming in constant
memory. A file is written to a temporary name beside FILE and renamed into
place when complete; --out - (the default) writes to standard output.

  jsonl    one Article JSON v1 object per line, plus site, fetched_at,
           first_seen_at and version
  csv      one row per article, lists joined with "; ", nested values as
           JSON, cells that a spreadsheet would run as a formula defused
  parquet  typed columns (timestamps, lists, lists of structs), zstd

Times for --since and --until: RFC 3339 (2026-03-01T08:00:00+05:30), a
date (2026-03-01, UTC), or an age back from now (36h, 7d). --since is
inclusive, --until exclusive.

Columns for --fields: ` + "%s" + `

Exit status: 0 exported; 1 failed (no file is left at --out); 2 usage error.

Flags:
`

// exportConfig is the typed form of the export flags.
type exportConfig struct {
	db        string
	format    export.Format
	out       string
	site      string
	since     time.Time
	until     time.Time
	by        store.TimeField
	fields    []string
	sinceLast string
}

func parseExportFlags(args []string, stderr io.Writer, now time.Time) (*exportConfig, error) {
	cfg := &exportConfig{}
	var format, since, until, by, fields string
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	fl.StringVar(&cfg.db, "db", "newsclip.db", "the database `FILE`")
	fl.StringVar(&format, "format", "", "jsonl, csv or parquet (default: from the --out extension, else jsonl)")
	fl.StringVar(&cfg.out, "out", "-", "output `FILE`, or - for standard output")
	fl.StringVar(&cfg.site, "site", "", "only the site with this configured `NAME`")
	fl.StringVar(&since, "since", "", "only articles at or after `T` (see --by)")
	fl.StringVar(&until, "until", "", "only articles before `T` (see --by)")
	fl.StringVar(&by, "by", "published", "what --since/--until compare: published (articles without a date are left out) or fetched")
	fl.StringVar(&fields, "fields", "", "comma-separated `COLUMNS` to write, in order (default all)")
	fl.StringVar(&cfg.sinceLast, "since-last", "", "export only what is new or updated since the last successful export under this cursor `NAME`, then advance it")
	if err := parseFlags(fl, args, stderr, fmt.Sprintf(exportUsage, strings.Join(export.Columns(), ", "))); err != nil {
		return nil, err
	}
	if fl.NArg() > 0 {
		return nil, usagef("export: unexpected argument %q", fl.Arg(0))
	}
	if format == "" {
		format = "jsonl"
		switch strings.ToLower(filepath.Ext(cfg.out)) {
		case ".csv":
			format = "csv"
		case ".parquet", ".pq":
			format = "parquet"
		}
	}
	f, err := export.ParseFormat(format)
	if err != nil {
		return nil, usagef("export: --format: %v", err)
	}
	cfg.format = f
	if cfg.out == "" {
		return nil, usagef("export: --out is empty (use - for standard output)")
	}
	switch by {
	case "published":
		cfg.by = store.ByPublished
	case "fetched":
		cfg.by = store.ByFetched
	default:
		return nil, usagef("export: --by must be published or fetched, not %q", by)
	}
	if since != "" {
		if cfg.since, err = parseExportTime(since, now); err != nil {
			return nil, usagef("export: --since: %v", err)
		}
	}
	if until != "" {
		if cfg.until, err = parseExportTime(until, now); err != nil {
			return nil, usagef("export: --until: %v", err)
		}
	}
	if !cfg.since.IsZero() && !cfg.until.IsZero() && !cfg.since.Before(cfg.until) {
		return nil, usagef("export: --since must be before --until")
	}
	if fields != "" {
		cfg.fields = strings.Split(fields, ",")
		known := map[string]bool{}
		for _, c := range export.Columns() {
			known[c] = true
		}
		for i, f := range cfg.fields {
			cfg.fields[i] = strings.TrimSpace(f)
			if !known[cfg.fields[i]] {
				return nil, usagef("export: --fields: unknown column %q (known: %s)", cfg.fields[i], strings.Join(export.Columns(), ", "))
			}
		}
	}
	return cfg, nil
}

// parseExportTime reads an RFC 3339 time, a date or date-time without an
// offset (taken as UTC), or an age such as 36h or 7d back from now.
func parseExportTime(s string, now time.Time) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time, a date (2006-01-02) or an age (36h, 7d)", s)
}

// openExistingStore opens a database that must already exist: status and
// export read, and a typo in --db should not create an empty database.
func openExistingStore(ctx context.Context, path string) (*sqlite.Store, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("database %s does not exist (crawl first, or pass --db)", path)
		}
		return nil, fmt.Errorf("database: %w", err)
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return st, nil
}

func runExport(ctx context.Context, args []string, e env) error {
	cfg, err := parseExportFlags(args, e.stderr, time.Now())
	if err != nil {
		return err
	}
	st, err := openExistingStore(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := exportArticles(ctx, st, cfg, e.stdout)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	where := cfg.out
	if where == "-" {
		where = "standard output"
	}
	fmt.Fprintf(e.stderr, "newsclip: exported %d articles (%d bytes, %s) to %s\n", res.Records, res.Bytes, cfg.format, where)
	return nil
}

// exportArticles streams the store's matching articles through export and,
// with --since-last, advances the named cursor once the output is complete.
func exportArticles(ctx context.Context, st store.Exporter, cfg *exportConfig, stdout io.Writer) (export.Stats, error) {
	q := store.ExportQuery{
		Site:      cfg.site,
		Since:     cfg.since,
		Until:     cfg.until,
		TimeField: cfg.by,
		// A full JSONL export copies the stored JSON: no decode, no encode.
		RawOnly: cfg.format == export.JSONL && len(cfg.fields) == 0,
	}
	if cfg.sinceLast != "" {
		pos, err := st.GetExportCursor(ctx, cfg.sinceLast)
		if err != nil {
			return export.Stats{}, err
		}
		q.After = pos
	}
	last := q.After
	records := exportRecords(st.ExportArticles(ctx, q), &last)
	opts := export.Options{Format: cfg.format, Fields: cfg.fields}
	var (
		res export.Stats
		err error
	)
	if cfg.out == "-" {
		res, err = export.Write(ctx, stdout, records, opts)
	} else {
		res, err = export.WriteFile(ctx, cfg.out, records, opts)
	}
	if err != nil {
		return res, err
	}
	if cfg.sinceLast != "" && last > q.After {
		if err := st.SetExportCursor(ctx, cfg.sinceLast, last); err != nil {
			return res, fmt.Errorf("the export is complete but the cursor was not advanced: %w", err)
		}
	}
	return res, nil
}

// exportRecords adapts the store's iterator to export's, remembering the
// position of the last record handed over.
func exportRecords(src iter.Seq2[store.ArticleRecord, error], last *int64) iter.Seq2[export.Record, error] {
	return func(yield func(export.Record, error) bool) {
		for r, err := range src {
			if err != nil {
				yield(export.Record{}, err)
				return
			}
			rec := export.Record{
				Article:     r.Article,
				JSON:        r.JSON,
				Site:        r.Site,
				FetchedAt:   r.FetchedAt,
				FirstSeenAt: r.FirstSeenAt,
				Version:     r.Version,
			}
			if !yield(rec, nil) {
				return
			}
			*last = r.Position
		}
	}
}
