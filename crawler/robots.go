package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// maxRobotsBytes is how much of robots.txt is parsed (RFC 9309 asks for at
// least 500 KiB; the rest is ignored, which is what the RFC allows).
const maxRobotsBytes = 500 << 10

// robotsEntry is the cached robots.txt of one origin.
type robotsEntry struct {
	mu          sync.Mutex // held while fetching, so one fetch per origin
	data        *robotstxt.RobotsData
	group       *robotstxt.Group
	fetchedAt   time.Time
	unreachable bool      // last fetch got 5xx, 429 or no response
	retryAt     time.Time // when an unreachable robots.txt is tried again
}

// robotsCache holds robots.txt per origin (scheme://host:port) for the life
// of the Crawler, so `newsclip run` reuses it across cycles for up to TTL.
// temoto/robotstxt parses and matches; fetching, caching and the
// unreachable-host rule of RFC 9309 are ours.
type robotsCache struct {
	cfg    Config
	client *http.Client
	mu     sync.Mutex
	m      map[string]*robotsEntry
}

func newRobotsCache(cfg Config, transport http.RoundTripper) *robotsCache {
	return &robotsCache{
		cfg: cfg,
		client: &http.Client{
			Transport: transport,
			Timeout:   cfg.RequestTimeout,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= MaxRedirects {
					return fmt.Errorf("%w: more than %d redirects", ErrBadRedirect, MaxRedirects)
				}
				if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
					return fmt.Errorf("%w: scheme %q", ErrBadRedirect, req.URL.Scheme)
				}
				return nil
			},
		},
		m: map[string]*robotsEntry{},
	}
}

func origin(u *url.URL) string { return u.Scheme + "://" + u.Host }

// robotsResult is what one robots.txt fetch did, for the fetch log.
type robotsResult struct {
	URL      string
	Status   int
	Bytes    int
	Err      error
	Started  time.Time
	Duration time.Duration
}

// check reports whether u may be fetched. It fetches robots.txt when the
// cache has none or it expired, calling fetched with the result; gate is
// called around the fetch so robots.txt obeys the host's politeness too.
// It returns ErrRobotsDisallowed, or ErrRobotsUnreachable while the host's
// robots.txt cannot be had.
func (rc *robotsCache) check(ctx context.Context, u *url.URL, now func() time.Time, gate func(context.Context) (func(ok bool, retryAfter time.Duration), error), fetched func(robotsResult)) (crawlDelay time.Duration, sitemaps []string, err error) {
	key := origin(u)
	rc.mu.Lock()
	e := rc.m[key]
	if e == nil {
		e = &robotsEntry{}
		rc.m[key] = e
	}
	rc.mu.Unlock()

	e.mu.Lock()
	defer e.mu.Unlock()
	t := now()
	fresh := e.data != nil && t.Sub(e.fetchedAt) < rc.cfg.RobotsTTL
	if !fresh {
		if e.unreachable && t.Before(e.retryAt) {
			return 0, nil, ErrRobotsUnreachable
		}
		release, err := gate(ctx)
		if err != nil {
			return 0, nil, err
		}
		res, data := rc.fetch(ctx, key+"/robots.txt")
		release(data != nil, 0)
		fetched(res)
		if data == nil {
			if ctx.Err() != nil {
				return 0, nil, ctx.Err()
			}
			e.unreachable = true
			e.retryAt = now().Add(rc.cfg.RobotsRetryInterval)
			e.data = nil
			return 0, nil, ErrRobotsUnreachable
		}
		e.unreachable = false
		e.data = data
		e.group = data.FindGroup(rc.cfg.UserAgent)
		e.fetchedAt = now()
		sitemaps = data.Sitemaps
	}
	if e.group != nil {
		crawlDelay = min(e.group.CrawlDelay, rc.cfg.MaxCrawlDelay)
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	if e.group != nil && !e.group.Test(p) {
		return crawlDelay, sitemaps, ErrRobotsDisallowed
	}
	return crawlDelay, sitemaps, nil
}

// allowedCached answers from the cache only (for redirect hops on a host
// whose robots.txt was just checked); an unknown origin is refused.
func (rc *robotsCache) allowedCached(u *url.URL) bool {
	rc.mu.Lock()
	e := rc.m[origin(u)]
	rc.mu.Unlock()
	if e == nil {
		return false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.data == nil {
		return false
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return e.group == nil || e.group.Test(p)
}

// fetch gets and parses robots.txt. A nil data means unreachable: 5xx,
// 429, a network error or a timeout. 2xx is parsed; any other status
// (4xx, and 3xx left after redirects) means everything is allowed.
func (rc *robotsCache) fetch(ctx context.Context, rawURL string) (robotsResult, *robotstxt.RobotsData) {
	res := robotsResult{URL: rawURL, Started: time.Now()}
	defer func() { res.Duration = time.Since(res.Started) }()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		res.Err = err
		return res, nil
	}
	req.Header.Set("User-Agent", rc.cfg.UserAgent)
	resp, err := rc.client.Do(req)
	if err != nil {
		res.Err = fmt.Errorf("fetch robots.txt: %w", unwrapURLError(err))
		return res, nil
	}
	defer resp.Body.Close()
	res.Status = resp.StatusCode
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
		res.Bytes = len(body)
		if err != nil && !errors.Is(err, ErrBodyTooLarge) {
			res.Err = fmt.Errorf("read robots.txt: %w", err)
			return res, nil
		}
		data, err := robotstxt.FromStatusAndBytes(http.StatusOK, body)
		if err != nil {
			// An unparsable robots.txt is treated as empty: allow all.
			data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
		}
		return res, data
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		res.Err = &HTTPError{StatusCode: resp.StatusCode, URL: rawURL}
		return res, nil
	default:
		data, _ := robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
		return res, data
	}
}
