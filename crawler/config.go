package crawler

import (
	"fmt"
	"regexp"
	"time"
)

// Config configures a Crawler. Zero fields take the defaults below.
type Config struct {
	UserAgent string
	// AllowPrivateAddresses lets the crawler connect to loopback, private
	// and link-local addresses and to any port (tests, demos).
	AllowPrivateAddresses bool

	MaxBodyBytes   int64         // after decompression; default 10 MiB
	ConnectTimeout time.Duration // default 10s
	HeaderTimeout  time.Duration // until response headers; default 20s
	RequestTimeout time.Duration // whole request; default 60s

	MaxOutlinks int // links read per page; default 500
	// MaxPerTemplate caps, per cycle, the followed pages of one URL
	// template (digits replaced) that turn out not to be articles: the
	// defence against endless calendars and pagination; default 200.
	MaxPerTemplate int

	RobotsTTL           time.Duration // robots.txt cache life, at most 24h (the default)
	RobotsRetryInterval time.Duration // wait after an unreachable robots.txt; default 1m
	MaxCrawlDelay       time.Duration // cap on robots Crawl-delay; default 30s

	MaxAttempts   int           // fetches of a URL before it fails; default 3
	BackoffBase   time.Duration // first backoff after an error; default 1s
	BackoffMax    time.Duration // default 5m
	MaxRetryAfter time.Duration // cap on Retry-After; default 10m

	LeaseDuration time.Duration // frontier lease; default 2m
	// LockTimeout is how stale the site lock's heartbeat may get before
	// another process takes the site over (and the dead owner's leases
	// with it); the owner renews it five times per LockTimeout. A restart
	// after kill -9 waits at most this long. Default: 5s, or LeaseDuration
	// when that is shorter.
	LockTimeout time.Duration
	Workers     int // fetches in flight over all hosts; default 8

	// Observer, when set, is told about fetches and outcomes (metrics).
	Observer Observer
}

// SiteConfig is one site to crawl.
type SiteConfig struct {
	Name               string
	StartURLs          []string
	Feeds              []string
	Sitemaps           []string
	AllowedDomains     []string // host names, port ignored; subdomains included
	ArticleURLPatterns []string // regexes; when set, only matching pages are articles
	MaxDepth           int      // link hops from a start URL, feed or sitemap
	MaxPages           int      // fetches per cycle; default 1000
	Delay              time.Duration
	Concurrency        int // requests in flight per host; default 1
}

// Observer receives crawl events, e.g. to export metrics. Methods must be
// safe for concurrent use and quick.
type Observer interface {
	Fetch(site string, status int, bytes int)
	RobotsRefused(site string)
	Retry(site string)
	ArticleStored(site, outcome string) // outcome: new, updated, unchanged, duplicate
	ExtractError(site string)
}

type nopObserver struct{}

func (nopObserver) Fetch(string, int, int)       {}
func (nopObserver) RobotsRefused(string)         {}
func (nopObserver) Retry(string)                 {}
func (nopObserver) ArticleStored(string, string) {}
func (nopObserver) ExtractError(string)          {}

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if c.UserAgent == "" {
		c.UserAgent = "newsclip/0.1"
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 10 << 20
	}
	def(&c.ConnectTimeout, 10*time.Second)
	def(&c.HeaderTimeout, 20*time.Second)
	def(&c.RequestTimeout, 60*time.Second)
	if c.MaxOutlinks <= 0 {
		c.MaxOutlinks = 500
	}
	if c.MaxPerTemplate <= 0 {
		c.MaxPerTemplate = 200
	}
	if c.RobotsTTL <= 0 || c.RobotsTTL > 24*time.Hour {
		c.RobotsTTL = 24 * time.Hour
	}
	def(&c.RobotsRetryInterval, time.Minute)
	def(&c.MaxCrawlDelay, 30*time.Second)
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 3
	}
	def(&c.BackoffBase, time.Second)
	def(&c.BackoffMax, 5*time.Minute)
	def(&c.MaxRetryAfter, 10*time.Minute)
	def(&c.LeaseDuration, 2*time.Minute)
	def(&c.LockTimeout, min(5*time.Second, c.LeaseDuration))
	if c.Workers <= 0 {
		c.Workers = 8
	}
	if c.Observer == nil {
		c.Observer = nopObserver{}
	}
	return c
}

// site is a SiteConfig with defaults applied and patterns compiled.
type site struct {
	SiteConfig
	patterns []*regexp.Regexp
}

func compileSite(sc SiteConfig) (*site, error) {
	if sc.Name == "" {
		return nil, fmt.Errorf("site: no name")
	}
	if len(sc.StartURLs)+len(sc.Feeds)+len(sc.Sitemaps) == 0 {
		return nil, fmt.Errorf("site %s: no start_urls, feeds or sitemaps", sc.Name)
	}
	if sc.MaxPages <= 0 {
		sc.MaxPages = 1000
	}
	if sc.Concurrency <= 0 {
		sc.Concurrency = 1
	}
	if sc.MaxDepth < 0 {
		sc.MaxDepth = 0
	}
	s := &site{SiteConfig: sc}
	for _, p := range sc.ArticleURLPatterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("site %s: article_url_patterns %q: %w", sc.Name, p, err)
		}
		s.patterns = append(s.patterns, re)
	}
	return s, nil
}
