package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/store"
)

// SaveArticle implements store.Articles. The JSON is encoded before the
// transaction opens so the write lock is held only for the SQL.
func (s *Store) SaveArticle(ctx context.Context, site string, a *extract.Article, fetchedAt time.Time, frontierID int64) (store.SaveResult, error) {
	var res store.SaveResult
	if a == nil {
		return res, errors.New("save article: nil article")
	}
	canonical := a.CanonicalURL
	if canonical == "" {
		canonical = a.URL
	}
	if canonical == "" {
		return res, errors.New("save article: no url")
	}
	sid, err := s.siteID(ctx, site)
	if err != nil {
		return res, fmt.Errorf("save article: %w", err)
	}
	js, err := json.Marshal(a)
	if err != nil {
		return res, fmt.Errorf("save article: %w", err)
	}
	f := flagsOf(a)
	fetched := toNanos(fetchedAt)
	st := &s.stmts
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res = store.SaveResult{}
		var id int64
		var hash string
		var version int
		err := tx.StmtContext(ctx, st.findArticle).QueryRowContext(ctx, sid, canonical).Scan(&id, &hash, &version)
		switch {
		case err == nil && hash == a.ContentHash:
			res = store.SaveResult{Outcome: store.OutcomeUnchanged, ArticleID: id, Version: version}
		case err == nil:
			version++
			if _, err := tx.StmtContext(ctx, st.unlatest).ExecContext(ctx, id); err != nil {
				return err
			}
			if err := s.insertVersion(ctx, tx, id, sid, version, a, canonical, fetched, f, js); err != nil {
				return err
			}
			if _, err := tx.StmtContext(ctx, st.updArticle).ExecContext(ctx, a.ContentHash, version, id); err != nil {
				return err
			}
			res = store.SaveResult{Outcome: store.OutcomeUpdated, ArticleID: id, Version: version}
		case errors.Is(err, sql.ErrNoRows):
			if a.ContentHash != "" {
				var orig string
				err := tx.StmtContext(ctx, st.findHash).QueryRowContext(ctx, sid, a.ContentHash).Scan(&id, &orig, &version)
				if err == nil {
					if _, err := tx.ExecContext(ctx, `INSERT INTO duplicates(site_id, canonical_url, url, content_hash, duplicate_of, fetched_at)
						VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(site_id, canonical_url) DO UPDATE SET
						url = excluded.url, content_hash = excluded.content_hash, duplicate_of = excluded.duplicate_of, fetched_at = excluded.fetched_at`,
						sid, canonical, a.URL, a.ContentHash, id, fetched); err != nil {
						return err
					}
					res = store.SaveResult{Outcome: store.OutcomeDuplicate, ArticleID: id, Version: version, DuplicateOf: orig}
					break
				}
				if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
			}
			r, err := tx.StmtContext(ctx, st.insArticle).ExecContext(ctx, sid, canonical, a.ContentHash, fetched)
			if err != nil {
				return err
			}
			if id, err = r.LastInsertId(); err != nil {
				return err
			}
			if err := s.insertVersion(ctx, tx, id, sid, 1, a, canonical, fetched, f, js); err != nil {
				return err
			}
			res = store.SaveResult{Outcome: store.OutcomeNew, ArticleID: id, Version: 1}
		default:
			return err
		}
		if frontierID != 0 {
			r, err := tx.StmtContext(ctx, st.completeArticle).ExecContext(ctx, frontierID)
			if err != nil {
				return err
			}
			if n, err := r.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				return fmt.Errorf("frontier item %d: %w", frontierID, store.ErrNotFound)
			}
		}
		return nil
	})
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("save article %s: %w", canonical, err)
	}
	return res, nil
}

func (s *Store) insertVersion(ctx context.Context, tx *sql.Tx, articleID, siteID int64, version int, a *extract.Article, canonical string, fetched int64, f flags, js []byte) error {
	_, err := tx.StmtContext(ctx, s.stmts.insVersion).ExecContext(ctx,
		articleID, siteID, version, a.URL, canonical, a.ContentHash, fetched, nullNanos(a.PublishedAt),
		f.title, f.published, f.author, f.leadImage, f.caption, f.quotes, js)
	return err
}

// flags are the health facts of one article, stored per version so that
// `newsclip status` never decodes JSON.
type flags struct{ title, published, author, leadImage, caption, quotes int }

func flagsOf(a *extract.Article) flags {
	f := flags{
		title:     boolInt(a.Title != ""),
		published: boolInt(a.PublishedAt != nil),
		author:    boolInt(len(a.Authors) > 0),
		quotes:    boolInt(len(a.Quotes) > 0),
	}
	for _, im := range a.Images {
		if im.Lead {
			f.leadImage = 1
		}
		if im.Caption != "" {
			f.caption = 1
		}
	}
	return f
}
