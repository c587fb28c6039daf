package crawler

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
)

// MaxRedirects is the longest redirect chain followed.
const MaxRedirects = 5

// Errors of fetching.
var (
	// ErrRobotsDisallowed: robots.txt forbids the URL.
	ErrRobotsDisallowed = errors.New("disallowed by robots.txt")
	// ErrRobotsUnreachable: robots.txt could not be fetched (5xx, 429,
	// timeout), so nothing on the host is fetched for now.
	ErrRobotsUnreachable = errors.New("robots.txt unreachable")
)

// newTransport builds the one transport every request goes through: the
// SSRF guard at dial time, connect and header timeouts, no proxy from the
// environment (a proxy would hide the real destination from the guard),
// and the decompressed-body cap.
func newTransport(cfg Config) http.RoundTripper {
	d := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}
	if !cfg.AllowPrivateAddresses {
		d.Control = dialControl
	}
	t := &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   cfg.ConnectTimeout,
		ResponseHeaderTimeout: cfg.HeaderTimeout,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       60 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &limitTransport{base: t, max: cfg.MaxBodyBytes}
}

// limitTransport caps the body after decompression. It also decompresses
// gzip files (.xml.gz sitemaps, application/gzip) itself, so that Colly,
// which would gunzip them after its own compressed-size limit, never sees a
// compressed body: a gzip bomb is stopped by the cap either way.
type limitTransport struct {
	base http.RoundTripper
	max  int64
}

func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if res.ContentLength > t.max && !res.Uncompressed && res.Header.Get("Content-Encoding") == "" {
		res.Body.Close()
		return nil, fmt.Errorf("%w: content-length %d", ErrBodyTooLarge, res.ContentLength)
	}
	body := io.ReadCloser(res.Body)
	if !res.Uncompressed {
		ce := strings.ToLower(res.Header.Get("Content-Encoding"))
		ct := strings.ToLower(res.Header.Get("Content-Type"))
		br := bufio.NewReader(res.Body)
		magic, _ := br.Peek(2)
		isGzip := len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
		if isGzip && (strings.Contains(ce, "gzip") || strings.Contains(ct, "gzip") || strings.HasSuffix(strings.ToLower(req.URL.Path), ".gz")) {
			zr, err := gzip.NewReader(br)
			if err != nil {
				res.Body.Close()
				return nil, fmt.Errorf("gunzip: %w", err)
			}
			body = struct {
				io.Reader
				io.Closer
			}{zr, res.Body}
			res.Header.Del("Content-Encoding")
			res.ContentLength = -1
		} else {
			body = struct {
				io.Reader
				io.Closer
			}{br, res.Body}
		}
		res.Uncompressed = true
	}
	res.Body = &cappedBody{rc: body, left: t.max}
	return res, nil
}

type cappedBody struct {
	rc   io.ReadCloser
	left int64
}

func (c *cappedBody) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, ErrBodyTooLarge
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.rc.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n, ErrBodyTooLarge
	}
	return n, err
}

func (c *cappedBody) Close() error { return c.rc.Close() }

// page is what one fetch returns.
type page struct {
	URL        string // final URL after same-host redirects
	Status     int
	Header     http.Header
	Body       []byte
	Links      []string // absolute hrefs of <a>, in order, at most Config.MaxOutlinks
	Feeds      []string // <link rel="alternate"> feeds
	Canonical  string   // <link rel="canonical">
	Redirect   string   // Location of an unfollowed (cross-host) redirect
	Duration   time.Duration
	err        error
	maxOutlink int
}

// engine wraps one Colly collector as a fetch-and-parse engine for one
// crawl cycle. Colly's request context is collector-wide, so each cycle
// builds its own from the cycle's ctx.
type engine struct {
	coll *colly.Collector
}

// redirectCheck decides on each redirect hop: it returns an error to stop,
// http.ErrUseLastResponse to hand the 3xx back to the crawler (a different
// host goes through that host's robots and politeness), nil to follow.
type redirectCheck func(req *http.Request, via []*http.Request) error

func newEngine(ctx context.Context, cfg Config, transport http.RoundTripper, check redirectCheck) *engine {
	c := colly.NewCollector()
	// NewCollector applies COLLY_* environment variables; only cmd reads the
	// environment, so every setting that matters is set again here.
	c.UserAgent = cfg.UserAgent
	c.Headers = nil
	c.MaxDepth = 0
	c.MaxRequests = 0
	c.AllowedDomains = nil
	c.DisallowedDomains = nil
	c.URLFilters = nil
	c.DisallowedURLFilters = nil
	c.AllowURLRevisit = true        // the frontier is our visited set
	c.IgnoreRobotsTxt = true        // robots.go does robots
	c.ParseHTTPErrorResponse = true // we classify statuses ourselves
	c.DetectCharset = false         // extract decodes; see contentTypeAfterColly
	c.MaxBodySize = 0               // limitTransport caps, with an error
	c.CacheDir = ""
	c.Async = false
	c.CheckHead = false
	c.Context = ctx
	c.WithTransport(transport)
	c.DisableCookies()
	c.SetRequestTimeout(cfg.RequestTimeout)
	c.SetRedirectHandler(check)

	c.OnResponse(func(r *colly.Response) {
		p := r.Ctx.GetAny("page").(*page)
		p.Status = r.StatusCode
		p.Header = r.Headers.Clone()
		p.Body = r.Body
		p.URL = r.Request.URL.String()
	})
	c.OnHTML("a[href]", func(e *colly.HTMLElement) {
		p := e.Response.Ctx.GetAny("page").(*page)
		if len(p.Links) >= p.maxOutlink {
			return
		}
		if u := e.Request.AbsoluteURL(e.Attr("href")); u != "" {
			p.Links = append(p.Links, u)
		}
	})
	c.OnHTML("link[rel][href]", func(e *colly.HTMLElement) {
		p := e.Response.Ctx.GetAny("page").(*page)
		rel := strings.ToLower(e.Attr("rel"))
		href := e.Request.AbsoluteURL(e.Attr("href"))
		if href == "" {
			return
		}
		switch {
		case strings.Contains(rel, "canonical") && p.Canonical == "":
			p.Canonical = href
		case strings.Contains(rel, "alternate"):
			t := strings.ToLower(e.Attr("type"))
			if strings.Contains(t, "rss") || strings.Contains(t, "atom") {
				p.Feeds = append(p.Feeds, href)
			}
		}
	})
	c.OnError(func(r *colly.Response, err error) {
		if v, ok := r.Ctx.GetAny("page").(*page); ok && v.err == nil {
			v.err = err
		}
	})
	return &engine{coll: c}
}

// fetch does one GET through Colly. A non-nil error means no usable
// response (network, timeout, limits, redirect policy); HTTP statuses are
// left to the caller.
func (e *engine) fetch(rawURL string, hdr http.Header, maxOutlinks int) (*page, error) {
	p := &page{maxOutlink: maxOutlinks}
	cctx := colly.NewContext()
	cctx.Put("page", p)
	start := time.Now()
	err := e.coll.Request(http.MethodGet, rawURL, nil, cctx, hdr)
	p.Duration = time.Since(start)
	if p.err != nil {
		err = p.err
	}
	if err != nil && p.Status == 0 {
		return p, unwrapURLError(err)
	}
	return p, nil
}

// unwrapURLError drops net/http's *url.Error wrapper, which repeats the
// URL our own messages carry, keeping its cause for errors.Is.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// contentTypeAfterColly returns the Content-Type to give extract: Colly
// converts a body whose header names a non-UTF-8 charset to UTF-8, so the
// header's charset must not be applied a second time.
func contentTypeAfterColly(ct string) string {
	if strings.Contains(strings.ToLower(ct), "charset") {
		mt, _, _ := strings.Cut(ct, ";")
		return strings.TrimSpace(mt) + "; charset=utf-8"
	}
	return ct
}

// retryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}
