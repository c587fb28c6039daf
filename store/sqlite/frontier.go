package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/newsclip/newsclip/store"
)

// Frontier states (frontier.state).
const (
	stateQueued = 0
	stateLeased = 1
	stateDone   = 2
	stateFailed = 3
)

// enqueueChunk is the number of rows per multi-row INSERT: one statement
// step per 64 URLs instead of one per URL (about 3x faster with the pure-Go
// driver, whose per-call overhead dominates a single-row insert).
const enqueueChunk = 64

const enqueueCols = 9

// Enqueue implements store.Frontier: URLs this Store already saw in the
// frontier are dropped in memory (knownURLs); the rest go in one
// transaction of prepared multi-row INSERTs with ON CONFLICT DO NOTHING, so
// a URL known only to the database costs one index probe. Known URLs are
// reported by not counting as added.
func (s *Store) Enqueue(ctx context.Context, site string, urls []store.NewURL) (int, error) {
	if len(urls) == 0 {
		return 0, nil
	}
	sid, err := s.siteID(ctx, site)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	var hosts []string
	todo := make([]store.NewURL, 0, len(urls))
	keys := make([]uint64, 0, len(urls))
	for _, u := range urls {
		if u.URL == "" {
			return 0, errors.New("enqueue: empty url")
		}
		key := s.known.key(sid, u.URL)
		if s.known.has(key) {
			continue
		}
		todo, keys = append(todo, u), append(keys, key)
		if !slices.Contains(hosts, u.Host) {
			hosts = append(hosts, u.Host)
		}
	}
	if len(todo) == 0 {
		return 0, nil
	}
	args := make([]any, 0, enqueueChunk*enqueueCols)
	added := 0
	err = s.tx(ctx, func(tx *sql.Tx) error {
		added = 0
		for rest := todo; len(rest) > 0; {
			n := min(len(rest), enqueueChunk)
			st := s.stmts.enqueue
			if n == enqueueChunk {
				st = s.stmts.enqueueChunk
			} else {
				n = 1
			}
			args = args[:0]
			for _, u := range rest[:n] {
				kind := u.Kind
				if kind == "" {
					kind = store.KindPage
				}
				orig := u.OriginalURL
				if orig == "" {
					orig = u.URL
				}
				args = append(args, sid, u.URL, orig, u.Host, u.Depth, string(kind), u.DiscoveredFrom, u.Priority, toNanos(u.NotBefore))
			}
			rest = rest[n:]
			res, err := tx.StmtContext(ctx, st).ExecContext(ctx, args...)
			if err != nil {
				return err
			}
			k, err := res.RowsAffected()
			if err != nil {
				return err
			}
			added += int(k)
		}
		if added == 0 {
			return nil
		}
		host := tx.StmtContext(ctx, s.stmts.addHost)
		for _, h := range hosts {
			if _, err := host.ExecContext(ctx, sid, h); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	s.known.add(keys)
	return added, nil
}

// Lease implements store.Frontier. Per host it counts the unexpired leases,
// takes the best due items up to the host's remaining allowance, then
// deals them out one host at a time, starting at a host that rotates
// between calls so no host is always first.
func (s *Store) Lease(ctx context.Context, site string, req store.LeaseRequest) ([]store.Item, error) {
	if req.Max <= 0 {
		return nil, nil
	}
	if req.LeaseFor <= 0 {
		return nil, errors.New("lease: LeaseFor must be positive")
	}
	sid, err := s.siteID(ctx, site)
	if err != nil {
		return nil, fmt.Errorf("lease: %w", err)
	}
	now := toNanos(req.Now)
	until := req.Now.Add(req.LeaseFor)
	var out []store.Item
	err = s.tx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		if req.Owner != "" {
			// Checked in the lease's own transaction: an owner whose lock
			// was taken over cannot lease one more item.
			var holder string
			if err := tx.QueryRowContext(ctx, `SELECT lock_owner FROM sites WHERE id = ?`, sid).Scan(&holder); err != nil {
				return err
			}
			if holder != req.Owner {
				return store.ErrLockLost
			}
		}
		var hosts []string
		if req.Host != "" {
			hosts = []string{req.Host}
		} else {
			rows, err := tx.QueryContext(ctx, `SELECT host FROM frontier_hosts WHERE site_id = ? ORDER BY host`, sid)
			if err != nil {
				return err
			}
			for rows.Next() {
				var h string
				if err := rows.Scan(&h); err != nil {
					rows.Close()
					return err
				}
				hosts = append(hosts, h)
			}
			if err := rows.Err(); err != nil {
				return err
			}
			rows.Close()
		}
		if len(hosts) == 0 {
			return nil
		}
		perHost := make([][]store.Item, len(hosts))
		total := 0
		for i, h := range hosts {
			allow := req.Max
			if req.PerHostInFlight > 0 {
				var inflight int
				if err := tx.StmtContext(ctx, s.stmts.inFlight).QueryRowContext(ctx, sid, h, now).Scan(&inflight); err != nil {
					return err
				}
				allow = min(allow, req.PerHostInFlight-inflight)
			}
			if allow <= 0 {
				continue
			}
			items, err := dueItems(ctx, tx.StmtContext(ctx, s.stmts.dueItems), sid, h, now, allow)
			if err != nil {
				return err
			}
			perHost[i] = items
			total += len(items)
		}
		if total == 0 {
			return nil
		}
		start := int(s.rotate.Add(1) % uint64(len(hosts)))
		for round := 0; len(out) < req.Max && total > 0; round++ {
			for k := range hosts {
				i := (start + k) % len(hosts)
				if round < len(perHost[i]) && len(out) < req.Max {
					it := perHost[i][round]
					it.Site = site
					it.LeasedUntil = until.UTC()
					out = append(out, it)
					total--
				}
			}
		}
		upd := tx.StmtContext(ctx, s.stmts.leaseItem)
		for _, it := range out {
			if _, err := upd.ExecContext(ctx, toNanos(until), req.Owner, it.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lease: %w", err)
	}
	return out, nil
}

func dueItems(ctx context.Context, st *sql.Stmt, sid int64, host string, now int64, limit int) ([]store.Item, error) {
	rows, err := st.QueryContext(ctx, sid, host, now, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []store.Item
	for rows.Next() {
		var it store.Item
		var kind string
		if err := rows.Scan(&it.ID, &it.URL, &it.OriginalURL, &it.Host, &it.Depth, &kind, &it.DiscoveredFrom, &it.Priority, &it.Attempts); err != nil {
			return nil, err
		}
		it.Kind = store.Kind(kind)
		items = append(items, it)
	}
	return items, rows.Err()
}

// update runs one prepared single-row UPDATE and maps "no row" to
// store.ErrNotFound.
func (s *Store) update(ctx context.Context, st *sql.Stmt, args ...any) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.StmtContext(ctx, st).ExecContext(ctx, args...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return store.ErrNotFound
		}
		return nil
	})
}

// Complete implements store.Frontier.
func (s *Store) Complete(ctx context.Context, id int64) error {
	if err := s.update(ctx, s.stmts.complete, id); err != nil {
		return fmt.Errorf("complete item %d: %w", id, err)
	}
	return nil
}

// CompleteAs implements store.Frontier.
func (s *Store) CompleteAs(ctx context.Context, id int64, kind store.Kind) error {
	if kind == "" {
		return fmt.Errorf("complete item %d: empty kind", id)
	}
	if err := s.update(ctx, s.stmts.completeAs, string(kind), id); err != nil {
		return fmt.Errorf("complete item %d: %w", id, err)
	}
	return nil
}

// Fail implements store.Frontier.
func (s *Store) Fail(ctx context.Context, id int64, reason string) error {
	if err := s.update(ctx, s.stmts.fail, reason, id); err != nil {
		return fmt.Errorf("fail item %d: %w", id, err)
	}
	return nil
}

// Reschedule implements store.Frontier.
func (s *Store) Reschedule(ctx context.Context, id int64, notBefore time.Time, attempts int, reason string) error {
	if err := s.update(ctx, s.stmts.reschedule, toNanos(notBefore), attempts, reason, id); err != nil {
		return fmt.Errorf("reschedule item %d: %w", id, err)
	}
	return nil
}

// FrontierCounts implements store.Frontier. An expired lease counts as due.
func (s *Store) FrontierCounts(ctx context.Context, site string, now time.Time) (store.FrontierCounts, error) {
	var c store.FrontierCounts
	if err := s.check(); err != nil {
		return c, fmt.Errorf("frontier counts: %w", err)
	}
	sid, err := s.siteID(ctx, site)
	if err != nil {
		return c, fmt.Errorf("frontier counts: %w", err)
	}
	n := toNanos(now)
	err = s.r.QueryRowContext(ctx, `SELECT
			coalesce(sum(state < 2 AND due_at <= ?1), 0),
			coalesce(sum(state = 0 AND due_at > ?1), 0),
			coalesce(sum(state = 1 AND due_at > ?1), 0),
			coalesce(sum(state = 2), 0),
			coalesce(sum(state = 3), 0)
		FROM frontier WHERE site_id = ?2`, n, sid).Scan(&c.Due, &c.Waiting, &c.Leased, &c.Done, &c.Failed)
	if err != nil {
		return c, fmt.Errorf("frontier counts: %w", err)
	}
	return c, nil
}

// Revisit implements store.Frontier.
func (s *Store) Revisit(ctx context.Context, site string, maxDepth int, notBefore time.Time) (int, error) {
	sid, err := s.siteID(ctx, site)
	if err != nil {
		return 0, fmt.Errorf("revisit: %w", err)
	}
	var n int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE frontier SET state = 0, due_at = ?, attempts = 0, reason = ''
			WHERE site_id = ? AND state = 2 AND kind <> 'article' AND kind <> 'other' AND depth <= ?`, toNanos(notBefore), sid, maxDepth)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("revisit: %w", err)
	}
	return int(n), nil
}
