package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/store"
)

// Crawler crawls sites into a store. One Crawler may run many cycles (the
// robots.txt cache and host gates live as long as it does); RunSite may be
// called for different sites concurrently.
type Crawler struct {
	cfg       Config
	st        store.Store
	ex        *extract.Extractor
	log       *slog.Logger
	transport http.RoundTripper
	robots    *robotsCache
	gates     *gates
	owner     string
}

// Summary is the outcome of one cycle of one site.
type Summary struct {
	Site          string
	RunID         int64
	Pages         int // HTTP fetches made (robots.txt not counted)
	Articles      int // articles extracted and saved (any outcome)
	New           int
	Updated       int
	Unchanged     int
	Duplicates    int
	NotModified   int // 304 answers to conditional GETs
	Errors        int // failed fetches and failed extractions
	RobotsRefused int
	Skipped       int // links dropped: off-site, traps, too long, template cap
	Left          int // frontier items not finished when the cycle ended
	Duration      time.Duration
}

// New builds a Crawler. ex may be nil, then a default extractor is used.
func New(cfg Config, st store.Store, ex *extract.Extractor, log *slog.Logger) (*Crawler, error) {
	if st == nil {
		return nil, errors.New("crawler: nil store")
	}
	cfg = cfg.withDefaults()
	if ex == nil {
		var err error
		if ex, err = extract.New(extract.Options{}); err != nil {
			return nil, fmt.Errorf("crawler: %w", err)
		}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	host, _ := os.Hostname()
	t := newTransport(cfg)
	return &Crawler{
		cfg: cfg, st: st, ex: ex, log: log,
		transport: t,
		robots:    newRobotsCache(cfg, t),
		gates:     newGates(cfg),
		owner:     fmt.Sprintf("%s:%d:%08x", host, os.Getpid(), rand.Uint32()),
	}, nil
}

// task is one URL to fetch in this cycle: a leased frontier item, or a seed
// (start URL, feed, sitemap) that is fetched every cycle and so lives in
// memory rather than in the frontier. Frontier articles are fetched once;
// frontier listing pages are queued again at the start of each cycle
// (store.Frontier.Revisit).
type task struct {
	item      *store.Item // nil for a seed
	url       string      // canonical
	kind      store.Kind
	depth     int
	attempts  int
	notBefore time.Time
	// noValidators: do not store ETag/Last-Modified (sitemap indexes: a
	// 304 would hide their children).
	noValidators bool
}

// cycle is the state of one RunSite call.
type cycle struct {
	c      *Crawler
	site   *site
	runID  int64
	eng    *engine
	log    *slog.Logger
	cancel context.CancelCauseFunc

	mu           sync.Mutex
	sum          Summary
	seeds        []*task
	seen         map[string]bool // seed URLs already queued this cycle
	templates    map[string]int
	started      int       // fetches started, against MaxPages
	waitUntil    time.Time // latest backoff we set that the cycle waits for
	robotsLogged map[string]bool
	robotsWaits  map[string]int
}

// errLockLost stops a cycle whose site lock was taken by someone else.
var errLockLost = errors.New("site lock lost")

// RunSite runs one crawl cycle of one site: seeds are fetched, the
// frontier is drained until it is empty, MaxPages is reached or ctx ends.
// Per-page failures are recorded, counted and logged, never returned; an
// error means the cycle could not run (store failure, lock, ctx).
func (c *Crawler) RunSite(ctx context.Context, sc SiteConfig) (Summary, error) {
	start := time.Now()
	s, err := compileSite(sc)
	if err != nil {
		return Summary{Site: sc.Name}, fmt.Errorf("crawl: %w", err)
	}
	sum := Summary{Site: s.Name}
	if _, err := c.st.UpsertSite(ctx, s.Name); err != nil {
		return sum, fmt.Errorf("crawl %s: %w", s.Name, err)
	}
	if err := c.lockSite(ctx, s.Name); err != nil {
		return sum, fmt.Errorf("crawl %s: %w", s.Name, err)
	}
	runID, err := c.st.StartRun(ctx, s.Name, start)
	if err != nil {
		c.st.ReleaseSiteLock(context.WithoutCancel(ctx), s.Name, c.owner)
		return sum, fmt.Errorf("crawl %s: %w", s.Name, err)
	}
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	cy := &cycle{
		c: c, site: s, runID: runID, cancel: cancel,
		log:          c.log.With("site", s.Name),
		sum:          Summary{Site: s.Name, RunID: runID},
		seen:         map[string]bool{},
		templates:    map[string]int{},
		robotsLogged: map[string]bool{},
		robotsWaits:  map[string]int{},
	}
	cy.eng = newEngine(cctx, c.cfg, c.transport, cy.checkRedirect)

	renewDone := make(chan struct{})
	go cy.renewLock(cctx, renewDone)

	cy.log.Info("crawl started", "run", runID)
	err = cy.run(cctx)
	cancel(nil)
	<-renewDone

	bg := context.WithoutCancel(ctx)
	if cause := context.Cause(cctx); errors.Is(cause, errLockLost) {
		err = cause
	}
	status := store.RunOK
	switch {
	case err != nil && ctx.Err() != nil:
		status = store.RunInterrupted
	case err != nil:
		status = store.RunFailed
	}
	cy.mu.Lock()
	sum = cy.sum
	cy.mu.Unlock()
	if fc, ferr := c.st.FrontierCounts(bg, s.Name, time.Now()); ferr == nil {
		sum.Left = fc.Left()
	}
	sum.Duration = time.Since(start)
	if ferr := c.st.FinishRun(bg, runID, store.RunResult{
		EndedAt: time.Now(), PagesFetched: sum.Pages, ArticlesNew: sum.New,
		ArticlesUpdated: sum.Updated, Errors: sum.Errors, Status: status,
	}); ferr != nil && err == nil {
		err = ferr
	}
	if rerr := c.st.ReleaseSiteLock(bg, s.Name, c.owner); rerr != nil && err == nil && !errors.Is(rerr, store.ErrLockLost) {
		err = rerr
	}
	cy.log.Info("crawl finished", "status", status, "pages", sum.Pages, "articles", sum.Articles,
		"new", sum.New, "updated", sum.Updated, "errors", sum.Errors, "left", sum.Left,
		"duration", sum.Duration.Round(time.Millisecond))
	if err != nil {
		return sum, fmt.Errorf("crawl %s: %w", s.Name, err)
	}
	return sum, nil
}

// lockSite takes the site lock, waiting up to one LockTimeout for the
// heartbeat of a lock left by a killed process to go stale. Taking it over
// puts the dead process's leased pages back in the queue (store.Locks).
func (c *Crawler) lockSite(ctx context.Context, name string) error {
	deadline := time.Now().Add(c.cfg.LockTimeout + time.Second)
	for {
		err := c.st.AcquireSiteLock(ctx, name, c.owner, time.Now(), c.cfg.LockTimeout)
		if err == nil || !errors.Is(err, store.ErrSiteLocked) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(c.heartbeat()):
		}
	}
}

// heartbeat is how often the lock is renewed: five beats per LockTimeout,
// so a live owner on a loaded machine misses several before losing it.
func (c *Crawler) heartbeat() time.Duration { return c.cfg.LockTimeout / 5 }

func (cy *cycle) renewLock(ctx context.Context, done chan<- struct{}) {
	defer close(done)
	tick := time.NewTicker(cy.c.heartbeat())
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			err := cy.c.st.RenewSiteLock(ctx, cy.site.Name, cy.c.owner, time.Now(), cy.c.cfg.LockTimeout)
			if errors.Is(err, store.ErrLockLost) {
				cy.cancel(errLockLost)
				return
			}
			if err != nil && ctx.Err() == nil {
				cy.log.Warn("renew site lock", "err", err)
			}
		}
	}
}

// run is the dispatch loop: seeds first, then leases from the frontier,
// never more than Workers fetches in flight.
func (cy *cycle) run(ctx context.Context) error {
	cfg := cy.c.cfg
	for _, u := range cy.site.StartURLs {
		cy.addSeed(u, store.KindPage, false)
	}
	for _, u := range cy.site.Feeds {
		cy.addSeed(u, store.KindFeed, false)
	}
	for _, u := range cy.site.Sitemaps {
		cy.addSeed(u, store.KindSitemap, false)
	}
	// Listing pages found by following links are in the frontier, done
	// since they were first fetched: queue again those whose links are
	// followed (depth < MaxDepth), so that a section page shows its new
	// articles. They are fetched with a conditional GET; articles are not.
	if cy.site.MaxDepth > 0 {
		n, err := cy.c.st.Revisit(ctx, cy.site.Name, cy.site.MaxDepth-1, time.Time{})
		if err != nil {
			return storeErr(ctx, fmt.Errorf("revisit: %w", err))
		}
		cy.log.Debug("listing pages queued again", "pages", n)
	}

	done := make(chan error, cfg.Workers)
	inflight := 0
	var fatal error
	idleSince := time.Time{}
	poll := min(cfg.LeaseDuration/8, 250*time.Millisecond)
	for fatal == nil && ctx.Err() == nil {
		free := cfg.Workers - inflight
		budget := cy.budgetLeft()
		var tasks []*task
		if free > 0 && budget > 0 {
			tasks = cy.dueSeeds(min(free, budget))
			if n := min(free, budget) - len(tasks); n > 0 {
				items, err := cy.c.st.Lease(ctx, cy.site.Name, store.LeaseRequest{
					Now: time.Now(), Max: n, LeaseFor: cfg.LeaseDuration,
					PerHostInFlight: cy.site.Concurrency, Owner: cy.c.owner,
				})
				if err != nil {
					if ctx.Err() != nil {
						break
					}
					if errors.Is(err, store.ErrLockLost) {
						fatal = errLockLost
						break
					}
					fatal = fmt.Errorf("lease: %w", err)
					break
				}
				for i := range items {
					it := items[i]
					tasks = append(tasks, &task{item: &it, url: it.URL, kind: it.Kind, depth: it.Depth, attempts: it.Attempts})
				}
			}
		}
		for _, t := range tasks {
			cy.mu.Lock()
			cy.started++
			cy.mu.Unlock()
			inflight++
			go func() { done <- cy.process(ctx, t) }()
		}
		if len(tasks) > 0 {
			idleSince = time.Time{}
			continue
		}
		if inflight > 0 {
			select {
			case err := <-done:
				inflight--
				if err != nil && fatal == nil {
					fatal = err
				}
			case <-time.After(poll):
			case <-ctx.Done():
			}
			continue
		}
		// Nothing in flight and nothing leasable now.
		if budget <= 0 {
			break
		}
		if !cy.shouldWait(ctx, &idleSince) {
			break
		}
		select {
		case <-time.After(poll):
		case <-ctx.Done():
		}
	}
	for ; inflight > 0; inflight-- {
		if err := <-done; err != nil && fatal == nil {
			fatal = err
		}
	}
	if fatal != nil {
		return fatal
	}
	return ctx.Err()
}

// shouldWait decides, when nothing is leasable, whether the cycle waits:
// for seeds and items this cycle backed off (up to MaxRetryAfter), and for
// leases left by a killed process (up to one lease length).
func (cy *cycle) shouldWait(ctx context.Context, idleSince *time.Time) bool {
	now := time.Now()
	if idleSince.IsZero() {
		*idleSince = now
	}
	cy.mu.Lock()
	pendingSeeds := len(cy.seeds) > 0
	waitUntil := cy.waitUntil
	cy.mu.Unlock()
	if pendingSeeds {
		return true
	}
	fc, err := cy.c.st.FrontierCounts(ctx, cy.site.Name, now)
	if err != nil {
		return false
	}
	switch {
	case fc.Due > 0:
		return true
	case fc.Waiting > 0 && now.Before(waitUntil):
		return true
	case fc.Leased > 0 && now.Sub(*idleSince) < cy.c.cfg.LeaseDuration+time.Second:
		return true
	}
	return false
}

func (cy *cycle) budgetLeft() int {
	cy.mu.Lock()
	defer cy.mu.Unlock()
	return cy.site.MaxPages - cy.started
}

// addSeed queues a URL fetched every cycle (start URLs, feeds, sitemaps,
// feeds and sitemaps found on the way).
func (cy *cycle) addSeed(raw string, kind store.Kind, noValidators bool) {
	cu, err := Canonicalize(raw)
	if err != nil {
		cy.log.Warn("seed url refused", "url", raw, "err", err)
		return
	}
	cy.mu.Lock()
	defer cy.mu.Unlock()
	if cy.seen[cu] {
		return
	}
	cy.seen[cu] = true
	cy.seeds = append(cy.seeds, &task{url: cu, kind: kind, noValidators: noValidators})
}

func (cy *cycle) dueSeeds(n int) []*task {
	cy.mu.Lock()
	defer cy.mu.Unlock()
	now := time.Now()
	var out []*task
	rest := cy.seeds[:0]
	for _, t := range cy.seeds {
		if len(out) < n && !now.Before(t.notBefore) {
			out = append(out, t)
		} else {
			rest = append(rest, t)
		}
	}
	cy.seeds = rest
	return out
}

// checkRedirect follows redirects on the same host (after the robots
// check), hands other hosts back to the crawler as a 3xx, and refuses long
// chains, non-http(s) targets and over-long URLs.
func (cy *cycle) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return fmt.Errorf("%w: more than %d redirects", ErrBadRedirect, MaxRedirects)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("%w: scheme %q", ErrBadRedirect, req.URL.Scheme)
	}
	if len(req.URL.String()) > MaxURLLength {
		return fmt.Errorf("%w: %w", ErrBadRedirect, ErrURLTooLong)
	}
	if !strings.EqualFold(req.URL.Host, via[0].URL.Host) || req.URL.Scheme != via[0].URL.Scheme {
		return http.ErrUseLastResponse
	}
	if !cy.c.robots.allowedCached(req.URL) {
		return fmt.Errorf("redirect to %s: %w", req.URL.Path, ErrRobotsDisallowed)
	}
	return nil
}

// outcome of one fetch, for retry decisions.
type fetchClass int

const (
	classOK        fetchClass = iota
	classRetry                // transient: network, timeout, 429, 5xx
	classPermanent            // 4xx, limits, policy
)

func classify(err error, status int) fetchClass {
	switch {
	case err != nil:
		if errors.Is(err, ErrBodyTooLarge) || errors.Is(err, ErrBadRedirect) || errors.Is(err, ErrForbiddenAddress) ||
			errors.Is(err, ErrRobotsDisallowed) || errors.Is(err, ErrURLTooLong) || errors.Is(err, context.Canceled) {
			return classPermanent
		}
		return classRetry
	case status == http.StatusTooManyRequests || status >= 500:
		return classRetry
	case status >= 400:
		return classPermanent
	}
	return classOK
}
