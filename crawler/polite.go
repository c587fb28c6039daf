package crawler

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// gates holds one politeness gate per host. Colly's LimitRule is global per
// domain glob, sleeps after rather than spacing starts, and knows nothing
// of backoff, Retry-After or Crawl-delay, hence our own.
type gates struct {
	cfg Config
	mu  sync.Mutex
	m   map[string]*gate
}

func newGates(cfg Config) *gates { return &gates{cfg: cfg, m: map[string]*gate{}} }

// get returns the host's gate, creating it with the given limits, and
// updates the limits of an existing one (a site's config may change
// between cycles; robots.txt may raise the delay).
func (g *gates) get(host string, delay time.Duration, concurrency int) *gate {
	g.mu.Lock()
	defer g.mu.Unlock()
	gt := g.m[host]
	if gt == nil {
		gt = &gate{cfg: g.cfg, wake: make(chan struct{})}
		g.m[host] = gt
	}
	gt.mu.Lock()
	gt.baseDelay = delay
	gt.max = max(concurrency, 1)
	gt.mu.Unlock()
	return gt
}

// gate spaces request starts to one host by at least the delay, keeps at
// most max requests in flight, and holds all requests during a backoff.
type gate struct {
	cfg          Config
	mu           sync.Mutex
	baseDelay    time.Duration // from the site config
	crawlDelay   time.Duration // from robots.txt, already capped
	max          int
	inflight     int
	nextStart    time.Time
	backoffUntil time.Time
	failures     int           // consecutive
	wake         chan struct{} // closed and replaced when a slot frees
}

func (g *gate) setCrawlDelay(d time.Duration) {
	g.mu.Lock()
	g.crawlDelay = d
	g.mu.Unlock()
}

// acquire waits for the host's turn. The returned release must be called
// once with whether the request went well and any Retry-After.
func (g *gate) acquire(ctx context.Context) (func(ok bool, retryAfter time.Duration), error) {
	for {
		g.mu.Lock()
		now := time.Now()
		var wait time.Duration
		var wake chan struct{}
		switch {
		case g.inflight >= g.max:
			wake = g.wake
		case now.Before(g.backoffUntil):
			wait = g.backoffUntil.Sub(now)
		case now.Before(g.nextStart):
			wait = g.nextStart.Sub(now)
		default:
			g.inflight++
			g.nextStart = now.Add(max(g.baseDelay, g.crawlDelay))
			g.mu.Unlock()
			var once sync.Once
			return func(ok bool, retryAfter time.Duration) {
				once.Do(func() { g.release(ok, retryAfter) })
			}, nil
		}
		g.mu.Unlock()
		if wake != nil {
			select {
			case <-wake:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			continue
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		}
	}
}

func (g *gate) release(ok bool, retryAfter time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inflight--
	now := time.Now()
	if ok {
		g.failures = 0
	} else {
		g.failures++
		d := backoff(g.cfg, g.failures)
		if retryAfter > 0 {
			d = min(retryAfter, g.cfg.MaxRetryAfter)
		}
		if until := now.Add(d); until.After(g.backoffUntil) {
			g.backoffUntil = until
		}
	}
	close(g.wake)
	g.wake = make(chan struct{})
}

// backoff is exponential with equal jitter: the n-th consecutive failure
// waits between half and all of base*2^(n-1), capped at BackoffMax.
func backoff(cfg Config, n int) time.Duration {
	d := cfg.BackoffBase
	for i := 1; i < n && d < cfg.BackoffMax; i++ {
		d *= 2
	}
	d = min(d, cfg.BackoffMax)
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + rand.N(half+1)
}
