// Package sqlite is the default store.Store: one embedded SQLite file,
// through the pure-Go modernc.org/sqlite driver so that the binary builds
// with CGO_ENABLED=0.
//
// Files: sqlite.go (open, PRAGMAs, connections, helpers), schema.go
// (migrations as ordered data, prepared statements), frontier.go and
// known.go (the in-memory set of known URLs), articles.go, export.go
// (iteration and cursors), runs.go (runs, health, fetch log, validators,
// site locks).
//
// Connections: every write goes through one writer connection (SQLite
// allows one writer at a time anyway; queueing in Go is cheaper than
// SQLITE_BUSY retries) and every transaction on it starts with BEGIN
// IMMEDIATE, so a read-then-write transaction never fails to upgrade its
// lock. Reads that need no transaction (validators, export batches, status)
// use a small pool of query_only connections, which WAL lets run beside the
// writer.
//
// PRAGMAs, all set on every connection through the DSN:
//   - journal_mode=WAL: readers and the writer do not block each other, and
//     a commit is one append to the -wal file. A process killed at any
//     moment (kill -9) leaves the last committed transaction intact and no
//     partial one.
//   - synchronous=NORMAL: in WAL mode this still cannot corrupt the file
//     and loses nothing when only the process dies (the OS has the pages);
//     a power cut may roll back the last few commits. FULL would fsync the
//     WAL at every commit, a few ms each, which the 200 articles/s target
//     cannot pay. The frontier is at-least-once, so a rolled-back Complete
//     means one page is fetched again, never an inconsistent database.
//   - busy_timeout=10000: a second process (another crawl, `newsclip
//     status`, an export) waits up to 10 s for the write lock instead of
//     failing at once with SQLITE_BUSY.
//   - foreign_keys=ON: versions, frontier items and runs cannot point at a
//     missing site or article.
//   - cache_size=-32000 (32 MB) on the writer: the frontier's and the
//     versions' indexes stay in memory during a crawl.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/newsclip/newsclip/store"
)

// ErrSchemaTooNew: the database was written by a newer newsclip whose
// migrations this binary does not know.
var ErrSchemaTooNew = errors.New("database schema is newer than this program")

// Store is a store.Store backed by one SQLite database file.
type Store struct {
	w      *sql.DB // the single writer connection
	r      *sql.DB // query_only readers
	closed atomic.Bool

	mu    sync.RWMutex
	sites map[string]int64 // name -> id cache; ids never change

	stmts  stmts
	rotate atomic.Uint64 // round-robin start across hosts in Lease
	known  *knownURLs    // (site, URL) pairs known to be in the frontier
}

var _ store.Store = (*Store)(nil)

// readConns is the size of the reader pool: enough for the crawler's
// validator lookups and an export running side by side on 2 cores.
const readConns = 4

// Open opens (creating if needed) the database at path and migrates its
// schema to the latest version.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("open store: invalid path %q", path)
	}
	common := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)"
	w, err := sql.Open("sqlite", path+"?"+common+
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32000)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	s := &Store{w: w, sites: map[string]int64{}, known: newKnownURLs(knownMax)}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	r, err := sql.Open("sqlite", path+"?"+common+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	r.SetMaxOpenConns(readConns)
	r.SetMaxIdleConns(readConns)
	s.r = r
	if err := s.prepare(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	return s, nil
}

// Close closes both connection pools. It is safe to call more than once.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.stmts.close()
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	// optimize keeps the planner's statistics fresh for the next open; it
	// is cheap when nothing changed.
	_, _ = s.w.Exec("PRAGMA optimize")
	errs = append(errs, s.w.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

func (s *Store) check() error {
	if s.closed.Load() {
		return store.ErrClosed
	}
	return nil
}

// tx runs fn in a write transaction (BEGIN IMMEDIATE on the writer).
func (s *Store) tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := s.check(); err != nil {
		return err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// siteID resolves a site name, from the cache or the database (another
// process may have created it).
func (s *Store) siteID(ctx context.Context, name string) (int64, error) {
	if err := s.check(); err != nil {
		return 0, err
	}
	s.mu.RLock()
	id, ok := s.sites[name]
	s.mu.RUnlock()
	if ok {
		return id, nil
	}
	err := s.r.QueryRowContext(ctx, `SELECT id FROM sites WHERE name = ?`, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("site %q: %w", name, store.ErrUnknownSite)
	}
	if err != nil {
		return 0, err
	}
	s.mu.Lock()
	s.sites[name] = id
	s.mu.Unlock()
	return id, nil
}

// UpsertSite implements store.Sites.
func (s *Store) UpsertSite(ctx context.Context, name string) (int64, error) {
	if name == "" {
		return 0, errors.New("upsert site: empty name")
	}
	if err := s.check(); err != nil {
		return 0, fmt.Errorf("upsert site: %w", err)
	}
	s.mu.RLock()
	id, ok := s.sites[name]
	s.mu.RUnlock()
	if ok {
		return id, nil
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sites(name) VALUES (?) ON CONFLICT(name) DO NOTHING`, name); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT id FROM sites WHERE name = ?`, name).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("upsert site: %w", err)
	}
	s.mu.Lock()
	s.sites[name] = id
	s.mu.Unlock()
	return id, nil
}

// Times are stored as UTC Unix nanoseconds; the zero time is stored as 0
// (time.Time{}.UnixNano is not defined).
func toNanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// Unix nanoseconds in an int64 cover 1678 to 2262.
var (
	minNanoTime = time.Unix(0, math.MinInt64)
	maxNanoTime = time.Unix(0, math.MaxInt64)
)

// nullNanos stores an optional page-stated time; one the int64 cannot hold
// (a misparsed year 2500) is stored as NULL rather than wrapped around,
// so time filters never see a bogus value. The Article JSON keeps it.
func nullNanos(t *time.Time) sql.NullInt64 {
	if t == nil || t.IsZero() || t.Before(minNanoTime) || t.After(maxNanoTime) {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixNano(), Valid: true}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
