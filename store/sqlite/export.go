package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/store"
)

const defaultBatch = 500

// ExportArticles implements store.Exporter with keyset pagination on the
// version id: each batch is one short query "id > last ORDER BY id LIMIT
// n" whose rows are read into a slice and the statement closed before the
// caller sees them, so no read transaction stays open while the caller
// writes its file and memory is one batch whatever the table size.
func (s *Store) ExportArticles(ctx context.Context, q store.ExportQuery) iter.Seq2[store.ArticleRecord, error] {
	return func(yield func(store.ArticleRecord, error) bool) {
		fail := func(err error) { yield(store.ArticleRecord{}, fmt.Errorf("export articles: %w", err)) }
		if err := s.check(); err != nil {
			fail(err)
			return
		}
		query, args, err := s.exportQuery(ctx, q)
		if err != nil {
			fail(err)
			return
		}
		batch := q.BatchSize
		if batch <= 0 {
			batch = defaultBatch
		}
		after := q.After
		recs := make([]store.ArticleRecord, 0, batch)
		for {
			recs, err = s.exportBatch(ctx, query, append(args, after, batch), recs[:0])
			if err != nil {
				fail(err)
				return
			}
			for i := range recs {
				r := recs[i]
				recs[i] = store.ArticleRecord{} // let the caller's copy own the JSON
				if !q.RawOnly {
					var a extract.Article
					if err := json.Unmarshal(r.JSON, &a); err != nil {
						fail(fmt.Errorf("decode article %d: %w", r.Position, err))
						return
					}
					r.Article = &a
				}
				if !yield(r, nil) {
					return
				}
				after = r.Position
			}
			if len(recs) < batch {
				return
			}
		}
	}
}

// exportQuery builds the batch query for q; the last two parameters are
// the position to start after and the batch size.
func (s *Store) exportQuery(ctx context.Context, q store.ExportQuery) (string, []any, error) {
	var where []string
	var args []any
	if q.Site != "" {
		sid, err := s.siteID(ctx, q.Site)
		if err != nil {
			return "", nil, err
		}
		where = append(where, "v.site_id = ?")
		args = append(args, sid)
	}
	col := "v.fetched_at"
	switch q.TimeField {
	case store.ByFetched:
	case store.ByPublished:
		col = "v.published_at"
	default:
		return "", nil, fmt.Errorf("unknown time field %d", q.TimeField)
	}
	if !q.Since.IsZero() {
		where = append(where, col+" >= ?")
		args = append(args, toNanos(q.Since))
	}
	if !q.Until.IsZero() {
		where = append(where, col+" < ?")
		args = append(args, toNanos(q.Until))
	}
	where = append(where, "v.latest = 1", "v.id > ?")
	return `SELECT v.id, v.article_id, s.name, v.url, v.canonical_url, v.fetched_at, a.first_seen_at,
		v.published_at, v.content_hash, v.version, v.json
		FROM article_versions v JOIN articles a ON a.id = v.article_id JOIN sites s ON s.id = v.site_id
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY v.id LIMIT ?`, args, nil
}

func (s *Store) exportBatch(ctx context.Context, query string, args []any, dst []store.ArticleRecord) ([]store.ArticleRecord, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return dst, err
	}
	defer rows.Close()
	for rows.Next() {
		var r store.ArticleRecord
		var fetched, first int64
		var pub sql.NullInt64
		if err := rows.Scan(&r.Position, &r.ArticleID, &r.Site, &r.URL, &r.CanonicalURL, &fetched, &first,
			&pub, &r.ContentHash, &r.Version, &r.JSON); err != nil {
			return dst, err
		}
		r.FetchedAt = fromNanos(fetched)
		r.FirstSeenAt = fromNanos(first)
		if pub.Valid {
			t := fromNanos(pub.Int64)
			r.PublishedAt = &t
		}
		dst = append(dst, r)
	}
	return dst, rows.Err()
}

// GetExportCursor implements store.Exporter.
func (s *Store) GetExportCursor(ctx context.Context, name string) (int64, error) {
	if err := s.check(); err != nil {
		return 0, fmt.Errorf("get export cursor: %w", err)
	}
	var pos int64
	err := s.r.QueryRowContext(ctx, `SELECT position FROM export_cursors WHERE name = ?`, name).Scan(&pos)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("get export cursor %q: %w", name, err)
	}
	return pos, nil
}

// SetExportCursor implements store.Exporter.
func (s *Store) SetExportCursor(ctx context.Context, name string, position int64) error {
	if name == "" {
		return errors.New("set export cursor: empty name")
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO export_cursors(name, position) VALUES (?, ?)
			ON CONFLICT(name) DO UPDATE SET position = excluded.position`, name, position)
		return err
	})
	if err != nil {
		return fmt.Errorf("set export cursor %q: %w", name, err)
	}
	return nil
}
