package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/newsclip/newsclip/store"
)

// StartRun implements store.Runs.
func (s *Store) StartRun(ctx context.Context, site string, startedAt time.Time) (int64, error) {
	sid, err := s.siteID(ctx, site)
	if err != nil {
		return 0, fmt.Errorf("start run: %w", err)
	}
	var id int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `INSERT INTO runs(site_id, started_at, status) VALUES (?, ?, ?)`,
			sid, toNanos(startedAt), store.RunRunning)
		if err != nil {
			return err
		}
		id, err = r.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("start run: %w", err)
	}
	return id, nil
}

// FinishRun implements store.Runs.
func (s *Store) FinishRun(ctx context.Context, id int64, r store.RunResult) error {
	switch r.Status {
	case store.RunOK, store.RunFailed, store.RunInterrupted:
	default:
		return fmt.Errorf("finish run %d: invalid status %q", id, r.Status)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE runs SET ended_at = ?, status = ?, pages_fetched = ?,
			articles_new = ?, articles_updated = ?, errors = ? WHERE id = ?`,
			toNanos(r.EndedAt), r.Status, r.PagesFetched, r.ArticlesNew, r.ArticlesUpdated, r.Errors, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return store.ErrNotFound
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	return nil
}

const runColumns = `r.id, s.name, r.started_at, r.ended_at, r.status, r.pages_fetched, r.articles_new, r.articles_updated, r.errors`

func scanRun(sc interface{ Scan(...any) error }) (store.Run, error) {
	var r store.Run
	var started, ended int64
	err := sc.Scan(&r.ID, &r.Site, &started, &ended, &r.Status, &r.PagesFetched, &r.ArticlesNew, &r.ArticlesUpdated, &r.Errors)
	r.StartedAt, r.EndedAt = fromNanos(started), fromNanos(ended)
	return r, err
}

// RecentRuns implements store.Runs.
func (s *Store) RecentRuns(ctx context.Context, site string, limit int) ([]store.Run, error) {
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("recent runs: %w", err)
	}
	if limit <= 0 {
		limit = 20
	}
	q := `SELECT ` + runColumns + ` FROM runs r JOIN sites s ON s.id = r.site_id`
	args := []any{}
	if site != "" {
		sid, err := s.siteID(ctx, site)
		if err != nil {
			return nil, fmt.Errorf("recent runs: %w", err)
		}
		q += ` WHERE r.site_id = ?`
		args = append(args, sid)
	}
	q += ` ORDER BY r.id DESC LIMIT ?`
	args = append(args, limit)
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("recent runs: %w", err)
	}
	defer rows.Close()
	var out []store.Run
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, fmt.Errorf("recent runs: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("recent runs: %w", err)
	}
	return out, nil
}

// Health implements store.Runs: counts over the latest version of each
// article first seen in (now-24h, now], from the per-version flags.
func (s *Store) Health(ctx context.Context, now time.Time) ([]store.SiteHealth, error) {
	if err := s.check(); err != nil {
		return nil, fmt.Errorf("health: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT s.name, count(v.id),
			coalesce(sum(v.has_title), 0), coalesce(sum(v.has_published), 0), coalesce(sum(v.has_author), 0),
			coalesce(sum(v.has_lead_image), 0), coalesce(sum(v.has_caption), 0), coalesce(sum(v.has_quotes), 0),
			(SELECT max(id) FROM runs WHERE site_id = s.id),
			(SELECT count(*) FROM fetches f WHERE f.site_id = s.id AND f.started_at > ?1 AND f.started_at <= ?2),
			(SELECT count(*) FROM fetches f WHERE f.site_id = s.id AND f.started_at > ?1 AND f.started_at <= ?2
				AND (f.error != '' OR f.status_code >= 400))
		FROM sites s
		LEFT JOIN articles a ON a.site_id = s.id AND a.first_seen_at > ?1 AND a.first_seen_at <= ?2
		LEFT JOIN article_versions v ON v.article_id = a.id AND v.latest = 1
		GROUP BY s.id ORDER BY s.name`, toNanos(now.Add(-24*time.Hour)), toNanos(now))
	if err != nil {
		return nil, fmt.Errorf("health: %w", err)
	}
	var out []store.SiteHealth
	var lastRuns []sql.NullInt64
	for rows.Next() {
		var h store.SiteHealth
		var last sql.NullInt64
		if err := rows.Scan(&h.Site, &h.Articles24h, &h.WithTitle, &h.WithPublished, &h.WithAuthor,
			&h.WithLeadImage, &h.WithCaption, &h.WithQuotes, &last, &h.Fetches24h, &h.FetchErrors24h); err != nil {
			rows.Close()
			return nil, fmt.Errorf("health: %w", err)
		}
		out = append(out, h)
		lastRuns = append(lastRuns, last)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("health: %w", err)
	}
	for i, last := range lastRuns {
		if !last.Valid {
			continue
		}
		r, err := scanRun(s.r.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs r JOIN sites s ON s.id = r.site_id WHERE r.id = ?`, last.Int64))
		if err != nil {
			return nil, fmt.Errorf("health: %w", err)
		}
		out[i].LastRun = &r
	}
	return out, nil
}

// LogFetch implements store.FetchLog.
func (s *Store) LogFetch(ctx context.Context, f store.Fetch) error {
	sid, err := s.siteID(ctx, f.Site)
	if err != nil {
		return fmt.Errorf("log fetch: %w", err)
	}
	run := sql.NullInt64{Int64: f.RunID, Valid: f.RunID != 0}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.StmtContext(ctx, s.stmts.logFetch).ExecContext(ctx, sid, run, f.URL, f.StatusCode, f.Err,
			f.Bytes, int64(f.Duration), toNanos(f.StartedAt))
		return err
	})
	if err != nil {
		return fmt.Errorf("log fetch %s: %w", f.URL, err)
	}
	return nil
}

// GetValidators implements store.Validators.
func (s *Store) GetValidators(ctx context.Context, url string) (store.HTTPValidators, error) {
	var v store.HTTPValidators
	if err := s.check(); err != nil {
		return v, fmt.Errorf("get validators: %w", err)
	}
	err := s.stmts.getValidators.QueryRowContext(ctx, url).Scan(&v.ETag, &v.LastModified)
	if errors.Is(err, sql.ErrNoRows) {
		return store.HTTPValidators{}, nil
	}
	if err != nil {
		return store.HTTPValidators{}, fmt.Errorf("get validators %s: %w", url, err)
	}
	return v, nil
}

// PutValidators implements store.Validators.
func (s *Store) PutValidators(ctx context.Context, url string, v store.HTTPValidators) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.StmtContext(ctx, s.stmts.putValidator).ExecContext(ctx, url, v.ETag, v.LastModified)
		return err
	})
	if err != nil {
		return fmt.Errorf("put validators %s: %w", url, err)
	}
	return nil
}

// AcquireSiteLock implements store.Locks. The test and the write are one
// UPDATE inside BEGIN IMMEDIATE, so two processes cannot both win; the
// release of other owners' leases is in the same transaction, so no lease
// taken after the takeover is released by it.
func (s *Store) AcquireSiteLock(ctx context.Context, site, owner string, now time.Time, ttl time.Duration) error {
	if owner == "" || ttl <= 0 {
		return errors.New("acquire site lock: empty owner or non-positive ttl")
	}
	sid, err := s.siteID(ctx, site)
	if err != nil {
		return fmt.Errorf("acquire site lock %s: %w", site, err)
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var prev string
		if err := tx.QueryRowContext(ctx, `SELECT lock_owner FROM sites WHERE id = ?`, sid).Scan(&prev); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE sites SET lock_owner = ?1, lock_until = ?2
			WHERE id = ?3 AND (lock_owner = '' OR lock_owner = ?1 OR lock_until <= ?4)`,
			owner, toNanos(now.Add(ttl)), sid, toNanos(now))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return store.ErrSiteLocked
		}
		if prev == owner {
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE frontier SET state = 0, due_at = ?, lease_owner = ''
			WHERE site_id = ? AND state = 1 AND lease_owner <> ?`, toNanos(now), sid, owner)
		return err
	})
	if err != nil {
		return fmt.Errorf("acquire site lock %s: %w", site, err)
	}
	return nil
}

// RenewSiteLock implements store.Locks. A lease that expired but that
// nobody took over can still be renewed by its owner.
func (s *Store) RenewSiteLock(ctx context.Context, site, owner string, now time.Time, ttl time.Duration) error {
	if owner == "" || ttl <= 0 {
		return errors.New("renew site lock: empty owner or non-positive ttl")
	}
	err := s.lockUpdate(ctx, site, store.ErrLockLost,
		`UPDATE sites SET lock_until = ?1 WHERE name = ?2 AND lock_owner = ?3`,
		toNanos(now.Add(ttl)), site, owner)
	if err != nil {
		return fmt.Errorf("renew site lock %s: %w", site, err)
	}
	return nil
}

// ReleaseSiteLock implements store.Locks.
func (s *Store) ReleaseSiteLock(ctx context.Context, site, owner string) error {
	err := s.lockUpdate(ctx, site, store.ErrLockLost,
		`UPDATE sites SET lock_owner = '', lock_until = 0 WHERE name = ?1 AND lock_owner = ?2`, site, owner)
	if err != nil {
		return fmt.Errorf("release site lock %s: %w", site, err)
	}
	return nil
}

// lockUpdate runs a lock UPDATE; no row changed means the site is unknown
// or the condition failed, reported as miss.
func (s *Store) lockUpdate(ctx context.Context, site string, miss error, q string, args ...any) error {
	if _, err := s.siteID(ctx, site); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return miss
		}
		return nil
	})
}
