// Package store is newsclip's persistence: sites, the crawl frontier, the
// fetch log, HTTP validators, articles with their versions, job runs, site
// locks and export cursors, behind the Store interface.
//
// Implementations live in sub-packages (store/sqlite is the default,
// embedded one) and must all pass the conformance suite in store/storetest:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store { return openEmpty(t) })
//	}
//
// Time is always passed in by the caller: the store has no hidden clock, so
// leases, backoff and health windows can be tested with fake times. Times
// are stored with nanosecond precision in UTC; the Article JSON keeps the
// offsets the page stated.
//
// Sites are named by their configured name in every method. A site must be
// created with UpsertSite before it is used; other methods return
// ErrUnknownSite for a name they do not know.
package store

import (
	"context"
	"errors"
	"iter"
	"time"

	"github.com/newsclip/newsclip/extract"
)

// Errors callers branch on.
var (
	// ErrNotFound: the frontier item, run or other record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrUnknownSite: the site name was never passed to UpsertSite.
	ErrUnknownSite = errors.New("unknown site")
	// ErrSiteLocked: another owner holds an unexpired lease on the site,
	// for example a second process crawling the same database.
	ErrSiteLocked = errors.New("site locked by another owner")
	// ErrLockLost: Renew or Release by an owner that no longer holds the
	// site lease (it expired and someone else took it).
	ErrLockLost = errors.New("site lock lost")
	// ErrClosed: the store was used after Close.
	ErrClosed = errors.New("store closed")
)

// Store is the whole persistence surface. It is safe for concurrent use by
// many goroutines. Callers that need only a part of it should accept the
// smaller interface (Frontier, Articles, ...).
type Store interface {
	Sites
	Frontier
	FetchLog
	Validators
	Articles
	Runs
	Exporter
	Locks
	// Close releases the database. Further calls return ErrClosed.
	Close() error
}

// Sites registers crawled sites.
type Sites interface {
	// UpsertSite creates the site if it does not exist and returns its id.
	// It is idempotent.
	UpsertSite(ctx context.Context, name string) (int64, error)
}

// Kind is what a frontier URL is expected to be.
type Kind string

// Frontier URL kinds.
const (
	KindPage    Kind = "page"    // a section or listing page: follow its links
	KindArticle Kind = "article" // an article: extract it
	KindFeed    Kind = "feed"    // RSS/Atom
	KindSitemap Kind = "sitemap" // sitemap or sitemap index
	// KindOther is a fetched URL that was neither an article nor a page
	// with links (a PDF, an image): set by CompleteAs, never revisited.
	KindOther Kind = "other"
)

// NewURL is a URL discovered by the crawler, to be enqueued.
type NewURL struct {
	URL            string // canonical URL: the dedup key within a site
	OriginalURL    string // as found in the page, before canonicalisation
	Host           string // per-host queue key (lower-case host[:port])
	Depth          int
	Kind           Kind
	DiscoveredFrom string // URL of the page, feed or sitemap that linked it
	Priority       int    // higher is leased first
	// NotBefore delays the first fetch; the zero time means due at once.
	NotBefore time.Time
}

// Item is a leased frontier item.
type Item struct {
	ID             int64
	Site           string
	URL            string // canonical
	OriginalURL    string
	Host           string
	Depth          int
	Kind           Kind
	DiscoveredFrom string
	Priority       int
	// Attempts is the count last passed to Reschedule (0 on first fetch).
	Attempts int
	// LeasedUntil is when the lease expires and the item becomes leasable
	// again if it was not completed, failed or rescheduled.
	LeasedUntil time.Time
}

// LeaseRequest says how many frontier items to lease and under which limits.
type LeaseRequest struct {
	Now      time.Time     // items due at or before Now are leasable
	Max      int           // at most this many items in total (> 0)
	LeaseFor time.Duration // lease length; expiry = Now + LeaseFor
	// PerHostInFlight caps the unexpired leases per host, counting the
	// ones already out; 0 means no cap.
	PerHostInFlight int
	// Host, when set, leases only from that host's queue.
	Host string
	// Owner, when set, is the site lock owner leasing: Lease returns
	// ErrLockLost unless Owner holds the site lock, and records Owner on
	// the items so that a takeover of the lock can release them (see
	// Locks). Empty: no lock check, and the leases belong to nobody.
	Owner string
}

// FrontierCounts is the state of a site's frontier at a given time.
type FrontierCounts struct {
	Due     int // queued and due now, or leased with an expired lease
	Waiting int // queued with not_before in the future (backoff)
	Leased  int // unexpired leases (in flight)
	Done    int
	Failed  int
}

// Left is the number of items not yet finished: due, waiting or leased.
func (c FrontierCounts) Left() int { return c.Due + c.Waiting + c.Leased }

// Frontier is the persistent, per-host crawl queue. Delivery is
// at-least-once: a leased item that is neither completed, failed nor
// rescheduled before its lease expires is leased again, which is how a
// killed crawl resumes.
type Frontier interface {
	// Enqueue adds URLs to the site's frontier in one transaction, skipping
	// any (site, URL) already known in whatever state. It returns how many
	// were new; for a single URL, added == 1 means it was not known.
	Enqueue(ctx context.Context, site string, urls []NewURL) (added int, err error)
	// Lease marks up to req.Max due items as leased until req.Now+LeaseFor
	// and returns them. Items are taken round-robin across hosts, highest
	// priority then oldest first within a host, and never more than
	// req.PerHostInFlight unexpired leases per host. An empty result with a
	// nil error means nothing is due now.
	Lease(ctx context.Context, site string, req LeaseRequest) ([]Item, error)
	// Complete marks the item done.
	Complete(ctx context.Context, id int64) error
	// CompleteAs marks the item done and records what it turned out to be,
	// e.g. KindOther for a link that led to a PDF, so that Revisit leaves
	// it alone.
	CompleteAs(ctx context.Context, id int64, kind Kind) error
	// Fail marks the item permanently failed with a reason.
	Fail(ctx context.Context, id int64, reason string) error
	// Reschedule returns the item to the queue, due at notBefore, with the
	// attempt count the caller computed (backoff, Retry-After).
	Reschedule(ctx context.Context, id int64, notBefore time.Time, attempts int, reason string) error
	// FrontierCounts counts the site's items by state as of now.
	FrontierCounts(ctx context.Context, site string, now time.Time) (FrontierCounts, error)
	// Revisit queues again, due at notBefore with no attempts, the site's
	// done items that are not articles (pages, feeds, sitemaps) and have
	// Depth <= maxDepth, so that a new cycle fetches its listing pages
	// again and finds the articles they link to now. Articles (items
	// enqueued as KindArticle or saved by SaveArticle), KindOther items,
	// failed, queued and leased items are left alone. It returns how many
	// were queued.
	Revisit(ctx context.Context, site string, maxDepth int, notBefore time.Time) (int, error)
}

// Fetch is one HTTP fetch, successful or not.
type Fetch struct {
	Site       string
	RunID      int64 // 0 when not part of a run
	URL        string
	StatusCode int    // 0 when no response was received
	Err        string // empty on success
	Bytes      int64
	Duration   time.Duration
	StartedAt  time.Time
}

// FetchLog records every fetch.
type FetchLog interface {
	LogFetch(ctx context.Context, f Fetch) error
}

// HTTPValidators are the values for a conditional GET of a URL.
type HTTPValidators struct {
	ETag         string
	LastModified string // as the server sent it (HTTP date)
}

// Validators stores ETag / Last-Modified per URL.
type Validators interface {
	// GetValidators returns the stored validators, or the zero value (and
	// a nil error) when the URL has none.
	GetValidators(ctx context.Context, url string) (HTTPValidators, error)
	// PutValidators replaces the URL's validators.
	PutValidators(ctx context.Context, url string, v HTTPValidators) error
}

// Outcome is what SaveArticle did.
type Outcome string

// SaveArticle outcomes.
const (
	// OutcomeNew: first time this canonical URL was stored (version 1).
	OutcomeNew Outcome = "new"
	// OutcomeUpdated: known canonical URL, different content hash: a new
	// version was stored; first_seen_at is kept.
	OutcomeUpdated Outcome = "updated"
	// OutcomeUnchanged: known canonical URL, same content hash: no new
	// version.
	OutcomeUnchanged Outcome = "unchanged"
	// OutcomeDuplicate: a new canonical URL whose content hash equals an
	// article already stored for the site under another URL (syndication):
	// recorded as a duplicate of that article, not as a second article.
	OutcomeDuplicate Outcome = "duplicate"
)

// SaveResult reports what SaveArticle did.
type SaveResult struct {
	Outcome   Outcome
	ArticleID int64 // the article saved, or the original for a duplicate
	Version   int   // the article's current version
	// DuplicateOf is the canonical URL of the original when Outcome is
	// OutcomeDuplicate.
	DuplicateOf string
}

// Articles stores extracted articles.
type Articles interface {
	// SaveArticle stores a in one transaction with marking the frontier
	// item frontierID done (0: no item). Deduplication is by canonical URL
	// (a.CanonicalURL, or a.URL when empty) and by a.ContentHash across
	// the site's URLs; see Outcome.
	SaveArticle(ctx context.Context, site string, a *extract.Article, fetchedAt time.Time, frontierID int64) (SaveResult, error)
}

// Run statuses.
const (
	RunRunning     = "running"
	RunOK          = "ok"
	RunFailed      = "failed"
	RunInterrupted = "interrupted"
)

// RunResult closes a run.
type RunResult struct {
	EndedAt         time.Time
	PagesFetched    int
	ArticlesNew     int
	ArticlesUpdated int
	Errors          int
	Status          string // RunOK, RunFailed or RunInterrupted
}

// Run is one crawl job in the history.
type Run struct {
	ID              int64
	Site            string
	StartedAt       time.Time
	Status          string    // RunRunning until FinishRun
	EndedAt         time.Time // zero while running
	PagesFetched    int
	ArticlesNew     int
	ArticlesUpdated int
	Errors          int
}

// SiteHealth is the recent extraction quality of a site, for
// `newsclip status`. The With* counts are over Articles24h; divide to get
// the share.
type SiteHealth struct {
	Site string
	// Articles24h counts the site's articles first seen in (now-24h, now].
	Articles24h   int
	WithTitle     int
	WithPublished int
	WithAuthor    int
	WithLeadImage int
	WithCaption   int // at least one image with a caption
	WithQuotes    int
	// Fetches24h counts the fetches started in (now-24h, now];
	// FetchErrors24h those with an error or a status code >= 400.
	Fetches24h     int
	FetchErrors24h int
	LastRun        *Run // most recent run of the site, nil if none
}

// Share returns n / Articles24h, 0 when there are no articles.
func (h SiteHealth) Share(n int) float64 {
	if h.Articles24h == 0 {
		return 0
	}
	return float64(n) / float64(h.Articles24h)
}

// Runs is the job history and site health.
type Runs interface {
	// StartRun records a running crawl of the site and returns its id.
	StartRun(ctx context.Context, site string, startedAt time.Time) (int64, error)
	// FinishRun closes the run.
	FinishRun(ctx context.Context, id int64, r RunResult) error
	// RecentRuns returns up to limit runs, newest first; site "" means all.
	RecentRuns(ctx context.Context, site string, limit int) ([]Run, error)
	// Health returns one SiteHealth per known site, ordered by name.
	Health(ctx context.Context, now time.Time) ([]SiteHealth, error)
}

// TimeField selects the time ExportQuery.Since/Until filter on.
type TimeField int

// Export time fields.
const (
	ByFetched   TimeField = iota // fetched_at of the latest version
	ByPublished                  // published_at; articles without a date are excluded when Since or Until is set
)

// ExportQuery filters and pages an export.
type ExportQuery struct {
	Site      string    // "" means all sites
	Since     time.Time // inclusive; zero means no lower bound
	Until     time.Time // exclusive; zero means no upper bound
	TimeField TimeField
	// After is a position (ArticleRecord.Position): only records after it
	// are returned. Use the value from GetExportCursor for --since-last.
	After int64
	// BatchSize is how many rows are read per query; 0 means 500.
	BatchSize int
	// RawOnly skips decoding: ArticleRecord.Article is nil and only JSON
	// is set (faster for JSONL).
	RawOnly bool
}

// ArticleRecord is the latest version of one stored article.
type ArticleRecord struct {
	// Position is the stable, increasing export key of this version; a new
	// version of an article gets a larger one, so --since-last exports
	// updated articles again.
	Position     int64
	ArticleID    int64
	Site         string
	URL          string
	CanonicalURL string
	FetchedAt    time.Time
	FirstSeenAt  time.Time
	// PublishedAt is the article's published time in UTC, nil when the page
	// gave none (or one outside the years 1678-2262; the JSON keeps it).
	PublishedAt *time.Time
	ContentHash string
	Version     int
	JSON        []byte           // the Article JSON v1 as stored
	Article     *extract.Article // decoded JSON; nil with RawOnly
}

// Exporter streams stored articles and keeps named export cursors.
type Exporter interface {
	// ExportArticles yields the latest version of each matching article in
	// Position order, reading BatchSize rows at a time (keyset pagination)
	// so memory stays constant. Iteration stops at the first error, which
	// is yielded with a zero record.
	ExportArticles(ctx context.Context, q ExportQuery) iter.Seq2[ArticleRecord, error]
	// GetExportCursor returns the last Position exported under name, 0
	// when the cursor was never set.
	GetExportCursor(ctx context.Context, name string) (int64, error)
	// SetExportCursor stores position under name. Call it only after the
	// export succeeded.
	SetExportCursor(ctx context.Context, name string, position int64) error
}

// Locks keeps two processes from crawling the same site at once.
//
// The lock is a heartbeat: its owner renews it often with a short ttl (the
// crawler every second for a few seconds), so that a lock left by a killed
// process expires quickly and can be taken over. Whoever takes the lock
// over from another owner (or finds it free) also gets the frontier items
// leased by anyone else back in the queue at once, since only the lock's
// holder may crawl the site: a killed crawl's pages are retaken without
// waiting for their leases to expire.
type Locks interface {
	// AcquireSiteLock takes the site's lease for owner until now+ttl. It
	// succeeds when the site is free, the lease expired, or owner already
	// holds it; otherwise it returns ErrSiteLocked. When the lock was not
	// already owner's, the site's items leased by any other owner (or by
	// no owner) are queued again, due at now, in the same transaction.
	AcquireSiteLock(ctx context.Context, site, owner string, now time.Time, ttl time.Duration) error
	// RenewSiteLock extends owner's lease to now+ttl, or returns
	// ErrLockLost if owner no longer holds it.
	RenewSiteLock(ctx context.Context, site, owner string, now time.Time, ttl time.Duration) error
	// ReleaseSiteLock frees the site's lease; ErrLockLost if owner does
	// not hold it.
	ReleaseSiteLock(ctx context.Context, site, owner string) error
}
