package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migrations are applied in order; migrations[i] takes the schema from
// version i to version i+1. Never edit a released entry: append a new one.
//
// Times are INTEGER Unix nanoseconds (UTC); 0 means unset.
// frontier.state: 0 queued, 1 leased, 2 done, 3 failed. due_at is
// not_before for a queued item and the lease expiry for a leased one, so
// "leasable" is one range test: state < 2 AND due_at <= now.
var migrations = []string{
	// 1: initial schema.
	`
CREATE TABLE sites (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	lock_owner TEXT NOT NULL DEFAULT '',
	lock_until INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE frontier (
	id              INTEGER PRIMARY KEY,
	site_id         INTEGER NOT NULL REFERENCES sites(id),
	url             TEXT NOT NULL,
	original_url    TEXT NOT NULL,
	host            TEXT NOT NULL,
	depth           INTEGER NOT NULL,
	kind            TEXT NOT NULL,
	discovered_from TEXT NOT NULL,
	priority        INTEGER NOT NULL,
	state           INTEGER NOT NULL DEFAULT 0,
	due_at          INTEGER NOT NULL,
	attempts        INTEGER NOT NULL DEFAULT 0,
	reason          TEXT NOT NULL DEFAULT '',
	UNIQUE (site_id, url)
);
-- Open items only: done and failed ones leave the index, so it stays the
-- size of the live queue however long the crawl history grows.
CREATE INDEX frontier_open ON frontier(site_id, host, priority DESC, id) WHERE state < 2;
CREATE INDEX frontier_leased ON frontier(site_id, host, due_at) WHERE state = 1;

-- The hosts a site's frontier has ever held: Lease walks this short list
-- instead of a DISTINCT over the whole queue.
CREATE TABLE frontier_hosts (
	site_id INTEGER NOT NULL REFERENCES sites(id),
	host    TEXT NOT NULL,
	PRIMARY KEY (site_id, host)
) WITHOUT ROWID;

CREATE TABLE runs (
	id               INTEGER PRIMARY KEY,
	site_id          INTEGER NOT NULL REFERENCES sites(id),
	started_at       INTEGER NOT NULL,
	ended_at         INTEGER NOT NULL DEFAULT 0,
	status           TEXT NOT NULL,
	pages_fetched    INTEGER NOT NULL DEFAULT 0,
	articles_new     INTEGER NOT NULL DEFAULT 0,
	articles_updated INTEGER NOT NULL DEFAULT 0,
	errors           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_site ON runs(site_id, id);

CREATE TABLE fetches (
	id          INTEGER PRIMARY KEY,
	site_id     INTEGER NOT NULL REFERENCES sites(id),
	run_id      INTEGER REFERENCES runs(id),
	url         TEXT NOT NULL,
	status_code INTEGER NOT NULL,
	error       TEXT NOT NULL,
	bytes       INTEGER NOT NULL,
	duration_ns INTEGER NOT NULL,
	started_at  INTEGER NOT NULL
);
CREATE INDEX fetches_site ON fetches(site_id, started_at);

CREATE TABLE validators (
	url           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL,
	last_modified TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE articles (
	id            INTEGER PRIMARY KEY,
	site_id       INTEGER NOT NULL REFERENCES sites(id),
	canonical_url TEXT NOT NULL,
	content_hash  TEXT NOT NULL,
	version       INTEGER NOT NULL,
	first_seen_at INTEGER NOT NULL,
	UNIQUE (site_id, canonical_url)
);
CREATE INDEX articles_first_seen ON articles(site_id, first_seen_at);

-- One row per stored version; the id is the export position, so a new
-- version sorts after everything exported before it.
CREATE TABLE article_versions (
	id             INTEGER PRIMARY KEY,
	article_id     INTEGER NOT NULL REFERENCES articles(id),
	site_id        INTEGER NOT NULL REFERENCES sites(id),
	version        INTEGER NOT NULL,
	latest         INTEGER NOT NULL,
	url            TEXT NOT NULL,
	canonical_url  TEXT NOT NULL,
	content_hash   TEXT NOT NULL,
	fetched_at     INTEGER NOT NULL,
	published_at   INTEGER,
	has_title      INTEGER NOT NULL,
	has_published  INTEGER NOT NULL,
	has_author     INTEGER NOT NULL,
	has_lead_image INTEGER NOT NULL,
	has_caption    INTEGER NOT NULL,
	has_quotes     INTEGER NOT NULL,
	json           BLOB NOT NULL,
	UNIQUE (article_id, version)
);
CREATE INDEX versions_hash ON article_versions(site_id, content_hash);
CREATE INDEX versions_latest ON article_versions(article_id) WHERE latest = 1;
CREATE INDEX versions_latest_site ON article_versions(site_id, id) WHERE latest = 1;

-- Syndicated copies: a canonical URL whose content is an article already
-- stored under another URL of the site.
CREATE TABLE duplicates (
	id            INTEGER PRIMARY KEY,
	site_id       INTEGER NOT NULL REFERENCES sites(id),
	canonical_url TEXT NOT NULL,
	url           TEXT NOT NULL,
	content_hash  TEXT NOT NULL,
	duplicate_of  INTEGER NOT NULL REFERENCES articles(id),
	fetched_at    INTEGER NOT NULL,
	UNIQUE (site_id, canonical_url)
);

CREATE TABLE export_cursors (
	name     TEXT PRIMARY KEY,
	position INTEGER NOT NULL
) WITHOUT ROWID;
`,
	// 2: the owner of a lease, so that taking over a dead owner's site
	// lock can release its leases; the done non-article items by depth,
	// for Revisit at the start of a cycle.
	`
ALTER TABLE frontier ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
CREATE INDEX frontier_done_pages ON frontier(site_id, depth) WHERE state = 2 AND kind <> 'article';
`,
}

// migrate brings the schema to len(migrations), one transaction per step,
// so a crash mid-migration leaves the previous version intact.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for {
		done := false
		err := s.tx(ctx, func(tx *sql.Tx) error {
			var v int
			err := tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
			switch {
			case err == sql.ErrNoRows:
				if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version(version) VALUES (0)`); err != nil {
					return err
				}
			case err != nil:
				return err
			}
			if v > len(migrations) {
				return fmt.Errorf("version %d, know %d: %w", v, len(migrations), ErrSchemaTooNew)
			}
			if v == len(migrations) {
				done = true
				return nil
			}
			if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
				return fmt.Errorf("to version %d: %w", v+1, err)
			}
			_, err = tx.ExecContext(ctx, `UPDATE schema_version SET version = ?`, v+1)
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if done {
			return nil
		}
	}
}

// stmts are the hot-path statements, prepared once on the writer (or the
// readers) and bound to a transaction with tx.StmtContext.
type stmts struct {
	enqueue, enqueueChunk, addHost, inFlight, dueItems, leaseItem *sql.Stmt
	complete, completeArticle, completeAs, fail, reschedule       *sql.Stmt
	logFetch, getValidators, putValidator                         *sql.Stmt
	findArticle, findHash                                         *sql.Stmt
	insArticle, updArticle                                        *sql.Stmt
	insVersion, unlatest, markDone                                *sql.Stmt
	all                                                           []*sql.Stmt
}

func (s *Store) prepare(ctx context.Context) error {
	p := func(db *sql.DB, dst **sql.Stmt, q string) error {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare %.40q: %w", q, err)
		}
		*dst = st
		s.stmts.all = append(s.stmts.all, st)
		return nil
	}
	st := &s.stmts
	for _, x := range []struct {
		db  *sql.DB
		dst **sql.Stmt
		q   string
	}{
		{s.w, &st.enqueue, `INSERT INTO frontier(site_id, url, original_url, host, depth, kind, discovered_from, priority, due_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(site_id, url) DO NOTHING`},
		{s.w, &st.enqueueChunk, `INSERT INTO frontier(site_id, url, original_url, host, depth, kind, discovered_from, priority, due_at)
			VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?), ", enqueueChunk), ", ") + `
			ON CONFLICT(site_id, url) DO NOTHING`},
		{s.w, &st.addHost, `INSERT INTO frontier_hosts(site_id, host) VALUES (?, ?) ON CONFLICT DO NOTHING`},
		{s.w, &st.inFlight, `SELECT count(*) FROM frontier WHERE site_id = ? AND host = ? AND state = 1 AND due_at > ?`},
		{s.w, &st.dueItems, `SELECT id, url, original_url, host, depth, kind, discovered_from, priority, attempts
			FROM frontier WHERE site_id = ? AND host = ? AND state < 2 AND due_at <= ?
			ORDER BY priority DESC, id LIMIT ?`},
		{s.w, &st.leaseItem, `UPDATE frontier SET state = 1, due_at = ?, lease_owner = ? WHERE id = ?`},
		{s.w, &st.complete, `UPDATE frontier SET state = 2 WHERE id = ?`},
		// A page kept as an article is an article from now on: Revisit
		// must not fetch it again.
		{s.w, &st.completeArticle, `UPDATE frontier SET state = 2, kind = 'article' WHERE id = ?`},
		{s.w, &st.completeAs, `UPDATE frontier SET state = 2, kind = ? WHERE id = ?`},
		{s.w, &st.fail, `UPDATE frontier SET state = 3, reason = ? WHERE id = ?`},
		{s.w, &st.reschedule, `UPDATE frontier SET state = 0, due_at = ?, attempts = ?, reason = ? WHERE id = ?`},
		{s.w, &st.logFetch, `INSERT INTO fetches(site_id, run_id, url, status_code, error, bytes, duration_ns, started_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`},
		{s.r, &st.getValidators, `SELECT etag, last_modified FROM validators WHERE url = ?`},
		{s.w, &st.putValidator, `INSERT INTO validators(url, etag, last_modified) VALUES (?, ?, ?)
			ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified`},
		{s.w, &st.findArticle, `SELECT id, content_hash, version FROM articles WHERE site_id = ? AND canonical_url = ?`},
		{s.w, &st.findHash, `SELECT a.id, a.canonical_url, a.version FROM article_versions v JOIN articles a ON a.id = v.article_id
			WHERE v.site_id = ? AND v.content_hash = ? ORDER BY v.id LIMIT 1`},
		{s.w, &st.insArticle, `INSERT INTO articles(site_id, canonical_url, content_hash, version, first_seen_at) VALUES (?, ?, ?, 1, ?)`},
		{s.w, &st.updArticle, `UPDATE articles SET content_hash = ?, version = ? WHERE id = ?`},
		{s.w, &st.insVersion, `INSERT INTO article_versions(article_id, site_id, version, latest, url, canonical_url, content_hash,
			fetched_at, published_at, has_title, has_published, has_author, has_lead_image, has_caption, has_quotes, json)
			VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{s.w, &st.unlatest, `UPDATE article_versions SET latest = 0 WHERE article_id = ? AND latest = 1`},
	} {
		if err := p(x.db, x.dst, x.q); err != nil {
			return err
		}
	}
	return nil
}

func (st *stmts) close() {
	for _, s := range st.all {
		s.Close()
	}
}
