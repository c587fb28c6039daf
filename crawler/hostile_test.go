package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsclip/newsclip/store"
)

// miniSite serves robots.txt (robots, "" for 404), a home page linking to
// links, every /news/ path as an article and the extra handlers.
func miniSite(t *testing.T, robots string, links []string, extra map[string]http.HandlerFunc) *simSite {
	t.Helper()
	mux := http.NewServeMux()
	handle := func(p string, h http.HandlerFunc) {
		if extra[p] == nil {
			mux.HandleFunc(p, h)
		}
	}
	handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		if robots == "" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, robots)
	})
	handle("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Mini</title></channel></rss>`)
	})
	handle("/{$}", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, listingHTML(links...)) })
	handle("/news/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, articleHTML("Story "+strings.TrimPrefix(r.URL.Path, "/news/")))
	})
	for p, h := range extra {
		mux.HandleFunc(p, h)
	}
	return newSimSite(t, mux)
}

func miniConfig(s *simSite) SiteConfig {
	return SiteConfig{
		Name:               "mini",
		StartURLs:          []string{s.URL + "/"},
		ArticleURLPatterns: []string{`/news/`},
		MaxDepth:           3,
		MaxPages:           200,
		Concurrency:        1,
	}
}

func crawlMini(t *testing.T, cfg Config, s *simSite, sc SiteConfig) (Summary, store.Store) {
	t.Helper()
	st := openStore(t)
	c := newTestCrawler(t, cfg, st)
	sum, err := c.RunSite(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	return sum, st
}

func TestRobotsDisallow(t *testing.T) {
	t.Parallel()
	robots := "User-agent: other\nDisallow:\n\nUser-agent: newsclip-test\nDisallow: /news/secret\nAllow: /news/\n"
	s := miniSite(t, robots, []string{"/news/a", "/news/secret-1", "/news/b", "/news/secret-2", "/news/jump"}, map[string]http.HandlerFunc{
		// A same-host redirect into the disallowed path is not followed.
		"/news/jump": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/news/secret-3", http.StatusFound) },
	})
	sum, st := crawlMini(t, testConfig(), s, miniConfig(s))
	if n := s.count("/news/secret"); n != 0 {
		t.Errorf("fetched %d disallowed pages", n)
	}
	if sum.RobotsRefused != 2 {
		t.Errorf("RobotsRefused = %d, want 2", sum.RobotsRefused)
	}
	if got := storedArticles(t, st, "mini"); len(got) != 2 {
		t.Errorf("stored %v, want /news/a and /news/b", got)
	}
}

func TestRobots4xxAllowsAll(t *testing.T) {
	t.Parallel()
	s := miniSite(t, "", []string{"/news/a"}, nil)
	sum, _ := crawlMini(t, testConfig(), s, miniConfig(s))
	if sum.New != 1 {
		t.Errorf("summary %+v, want the article stored despite robots.txt 404", sum)
	}
}

// TestRobotsUnavailable: while robots.txt answers 503 nothing else on the
// host is fetched; once it answers, the crawl goes on.
func TestRobotsUnavailable(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	s := miniSite(t, "", []string{"/news/a", "/news/b"}, map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
			if calls.Add(1) <= 2 {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		},
	})
	cfg := testConfig()
	cfg.MaxAttempts = 5
	sum, _ := crawlMini(t, cfg, s, miniConfig(s))
	reqs := s.requests()
	firstOK := -1
	for i, r := range reqs {
		if r.Path == "/robots.txt" && r.Status == 200 {
			firstOK = i
			break
		}
		if r.Path != "/robots.txt" {
			t.Errorf("%s fetched before robots.txt was fetched successfully", r.Path)
		}
	}
	if firstOK < 2 {
		t.Fatalf("robots.txt: first success at request %d, want after two 503s", firstOK)
	}
	if gap := reqs[1].Start.Sub(reqs[0].Start); gap < cfg.RobotsRetryInterval {
		t.Errorf("robots.txt retried after %v, want >= %v", gap, cfg.RobotsRetryInterval)
	}
	if sum.New != 2 {
		t.Errorf("summary %+v, want both articles once robots.txt answered", sum)
	}
}

func TestCrawlDelay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		robots   string
		maxDelay time.Duration
		wantGap  time.Duration
		maxGap   time.Duration
	}{
		{"honoured", "User-agent: *\nCrawl-delay: 0.25\n", 0, 250 * time.Millisecond, 2 * time.Second},
		{"capped", "User-agent: *\nCrawl-delay: 3600\n", 150 * time.Millisecond, 150 * time.Millisecond, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := miniSite(t, tt.robots, []string{"/news/a", "/news/b", "/news/c", "/news/d", "/news/e"}, nil)
			cfg := testConfig()
			cfg.MaxCrawlDelay = tt.maxDelay
			sum, _ := crawlMini(t, cfg, s, miniConfig(s))
			if sum.New != 5 {
				t.Fatalf("summary %+v", sum)
			}
			reqs := s.requests()
			// The delay is known once robots.txt (request 0) is read.
			checkGaps(t, reqs[1:], tt.wantGap)
			for i := 2; i < len(reqs); i++ {
				if gap := reqs[i].Start.Sub(reqs[i-1].Start); gap > tt.maxGap {
					t.Errorf("%s -> %s: gap %v, want <= %v", reqs[i-1].Path, reqs[i].Path, gap, tt.maxGap)
				}
			}
		})
	}
}

// TestRetryAfter: a 429 with Retry-After holds the whole host for that
// long, then the page is fetched again and stored once.
func TestRetryAfter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		header func() string
		want   time.Duration
	}{
		{"seconds", func() string { return "1" }, time.Second},
		{"http-date", func() string { return time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat) }, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			s := miniSite(t, "", []string{"/news/busy", "/news/b"}, map[string]http.HandlerFunc{
				"/news/busy": func(w http.ResponseWriter, r *http.Request) {
					if n.Add(1) == 1 {
						w.Header().Set("Retry-After", tt.header())
						http.Error(w, "slow down", http.StatusTooManyRequests)
						return
					}
					fmt.Fprint(w, articleHTML("Busy"))
				},
			})
			sum, st := crawlMini(t, testConfig(), s, miniConfig(s))
			reqs := s.requests()
			for i, r := range reqs {
				if r.Status == http.StatusTooManyRequests {
					if i+1 >= len(reqs) {
						t.Fatal("nothing fetched after the 429")
					}
					if gap := reqs[i+1].Start.Sub(r.End); gap < tt.want-50*time.Millisecond {
						t.Errorf("next request %v after the 429, want >= %v", gap, tt.want)
					}
				}
			}
			if got := storedArticles(t, st, "mini"); len(got) != 2 || sum.Errors != 1 {
				t.Errorf("stored %v, summary %+v; want both articles and one error", got, sum)
			}
		})
	}
}

func TestRetryAfterParse(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"120": 2 * time.Minute, "": 0, "-5": 0, "soon": 0,
		"Sat, 28 Nov 2026 12:00:30 GMT": 30 * time.Second,
		"Sat, 28 Nov 2026 11:00:00 GMT": 0,
	} {
		if got := retryAfter(in, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestBackoff: repeated 500s are retried with growing, jittered waits,
// then the page is stored.
func TestBackoff(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	s := miniSite(t, "", []string{"/news/flaky"}, map[string]http.HandlerFunc{
		"/news/flaky": func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) <= 2 {
				http.Error(w, "oops", http.StatusInternalServerError)
				return
			}
			fmt.Fprint(w, articleHTML("Flaky"))
		},
	})
	cfg := testConfig()
	cfg.BackoffBase = 100 * time.Millisecond
	cfg.BackoffMax = time.Second
	sum, _ := crawlMini(t, cfg, s, miniConfig(s))
	var starts []time.Time
	for _, r := range s.requests() {
		if r.Path == "/news/flaky" {
			starts = append(starts, r.Start)
		}
	}
	if len(starts) != 3 || sum.New != 1 {
		t.Fatalf("fetched %d times, summary %+v; want 3 fetches and the article", len(starts), sum)
	}
	// Equal jitter: the n-th wait is in [base*2^(n-1)/2, base*2^(n-1)].
	if g := starts[1].Sub(starts[0]); g < 50*time.Millisecond {
		t.Errorf("first retry after %v, want >= 50ms", g)
	}
	if g := starts[2].Sub(starts[1]); g < 100*time.Millisecond {
		t.Errorf("second retry after %v, want >= 100ms", g)
	}
}

func TestBackoffGrowsAndCaps(t *testing.T) {
	t.Parallel()
	cfg := Config{BackoffBase: 100 * time.Millisecond, BackoffMax: time.Second}
	for n, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 10: time.Second} {
		for range 50 {
			if d := backoff(cfg, n); d < want/2 || d > want {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", n, d, want/2, want)
			}
		}
	}
}

// TestSlowServer: a page whose headers never come is abandoned at the
// header timeout and retried; the rest of the site is crawled.
func TestSlowServer(t *testing.T) {
	t.Parallel()
	s := miniSite(t, "", []string{"/news/slow", "/news/fast"}, map[string]http.HandlerFunc{
		"/news/slow": func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(5 * time.Second):
			case <-r.Context().Done():
			}
		},
	})
	cfg := testConfig()
	cfg.HeaderTimeout = 200 * time.Millisecond
	cfg.MaxAttempts = 2
	start := time.Now()
	sum, st := crawlMini(t, cfg, s, miniConfig(s))
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("crawl took %v", el)
	}
	if got := storedArticles(t, st, "mini"); len(got) != 1 || sum.Errors != 2 {
		t.Errorf("stored %v, summary %+v; want the fast article and two timeouts", got, sum)
	}
	if n := s.countExact("/news/slow"); n != 2 {
		t.Errorf("slow page fetched %d times, want MaxAttempts = 2", n)
	}
}

func TestRedirectLoop(t *testing.T) {
	t.Parallel()
	s := miniSite(t, "", []string{"/loop/a", "/news/ok"}, map[string]http.HandlerFunc{
		"/loop/a": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) },
		"/loop/b": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) },
	})
	sum, st := crawlMini(t, testConfig(), s, miniConfig(s))
	if n := s.count("/loop/"); n > MaxRedirects+1 {
		t.Errorf("%d requests in the redirect loop, want <= %d", n, MaxRedirects+1)
	}
	if sum.Errors != 1 || len(storedArticles(t, st, "mini")) != 1 {
		t.Errorf("summary %+v, want one error and the other article", sum)
	}
}

// TestBodyLimits: a gzip bomb (compressed and as a .xml.gz sitemap) and an
// oversized plain body fail with ErrBodyTooLarge; they are never
// truncated and stored.
func TestBodyLimits(t *testing.T) {
	t.Parallel()
	bomb := func() []byte {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zeros := make([]byte, 1<<20)
		for range 64 { // 64 MiB of zeros, about 64 KiB compressed
			zw.Write(zeros)
		}
		zw.Close()
		return buf.Bytes()
	}()
	big := articleHTML("Big " + strings.Repeat("word ", 300_000))
	s := miniSite(t, "", []string{"/news/bomb", "/news/big", "/news/ok"}, map[string]http.HandlerFunc{
		"/news/bomb": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "text/html")
			w.Write(bomb)
		},
		"/news/big": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.(http.Flusher).Flush() // no Content-Length: the cap must hit while reading
			fmt.Fprint(w, big)
		},
		"/sitemap.xml.gz": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/gzip")
			w.Write(bomb)
		},
	})
	cfg := testConfig()
	cfg.MaxBodyBytes = 1 << 20
	sc := miniConfig(s)
	sc.Sitemaps = []string{s.URL + "/sitemap.xml.gz"}
	sum, st := crawlMini(t, cfg, s, sc)
	if got := storedArticles(t, st, "mini"); len(got) != 1 {
		t.Errorf("stored %v, want only /news/ok", got)
	}
	if sum.Errors != 3 {
		t.Errorf("summary %+v, want 3 errors", sum)
	}
	if n := s.countExact("/news/bomb") + s.countExact("/news/big"); n != 2 {
		t.Errorf("limit failures fetched %d times, want once each (not retried)", n)
	}
}

func TestCappedBody(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 10, 99, 100, 101, 5000} {
		cb := &cappedBody{rc: nopCloser{strings.NewReader(strings.Repeat("x", n))}, left: 100}
		var buf bytes.Buffer
		_, err := buf.ReadFrom(cb)
		if n > 100 && !errors.Is(err, ErrBodyTooLarge) {
			t.Errorf("%d bytes: err = %v, want ErrBodyTooLarge", n, err)
		}
		if n <= 100 && (err != nil || buf.Len() != n) {
			t.Errorf("%d bytes: read %d, err %v", n, buf.Len(), err)
		}
	}
}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

// TestCalendarTrap: an endless calendar (each month links to the next and
// the previous) is cut off by the per-template cap and far-future dates.
func TestCalendarTrap(t *testing.T) {
	t.Parallel()
	s := miniSite(t, "", []string{"/calendar?month=2026-11", "/news/a"}, map[string]http.HandlerFunc{
		"/calendar": func(w http.ResponseWriter, r *http.Request) {
			var y, m int
			fmt.Sscanf(r.URL.Query().Get("month"), "%d-%d", &y, &m)
			next, prev := time.Date(y, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC), time.Date(y, time.Month(m-1), 1, 0, 0, 0, 0, time.UTC)
			fmt.Fprint(w, listingHTML("/calendar?month="+next.Format("2006-01"), "/calendar?month="+prev.Format("2006-01"),
				"/a/b/a/b/a/b/c"))
		},
	})
	cfg := testConfig()
	cfg.MaxPerTemplate = 10
	sc := miniConfig(s)
	sc.MaxDepth = 1000
	sum, _ := crawlMini(t, cfg, s, sc)
	if n := s.count("/calendar"); n > 12 {
		t.Errorf("fetched %d calendar pages, want <= 12", n)
	}
	if n := s.count("/a/"); n != 0 {
		t.Errorf("fetched %d repeated-segment trap pages", n)
	}
	if sum.New != 1 || sum.Skipped == 0 {
		t.Errorf("summary %+v", sum)
	}
}

// TestMaxPages: a cycle stops at MaxPages fetches and leaves the rest in
// the frontier for the next cycle, which finishes it.
func TestMaxPages(t *testing.T) {
	t.Parallel()
	var links []string
	for i := range 10 {
		links = append(links, fmt.Sprintf("/news/%d", i))
	}
	s := miniSite(t, "", links, nil)
	sc := miniConfig(s)
	sc.MaxPages = 5
	st := openStore(t)
	c := newTestCrawler(t, testConfig(), st)
	sum, err := c.RunSite(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Pages != 5 || sum.Left != 7 {
		t.Errorf("first cycle %+v, want 5 pages (home, feed, 3 articles) and 7 left", sum)
	}
	sc.MaxPages = 100
	sum, err = c.RunSite(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	if got := storedArticles(t, st, "mini"); len(got) != 10 || sum.Left != 0 {
		t.Errorf("after two cycles stored %d, summary %+v", len(got), sum)
	}
}

// TestPrivateAddressRefused: with allow_private_addresses off, nothing
// reaches a loopback server, not even robots.txt.
func TestPrivateAddressRefused(t *testing.T) {
	t.Parallel()
	s := miniSite(t, "", []string{"/news/a"}, nil)
	cfg := testConfig()
	cfg.AllowPrivateAddresses = false
	sum, _ := crawlMini(t, cfg, s, miniConfig(s))
	if n := len(s.requests()); n != 0 {
		t.Errorf("%d requests reached the loopback server", n)
	}
	if sum.Errors == 0 || sum.Articles != 0 {
		t.Errorf("summary %+v, want errors and no articles", sum)
	}
}

// TestArticleDetection: without article_url_patterns an article is what
// the extractor reads as one; listing pages are followed, not stored.
func TestArticleDetection(t *testing.T) {
	t.Parallel()
	s := miniSite(t, "", []string{"/section/x", "/story-one"}, map[string]http.HandlerFunc{
		"/section/x":  func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, listingHTML("/story-two")) },
		"/story-one":  func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, articleHTML("One")) },
		"/story-two":  func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, articleHTML("Two")) },
		"/not-a-page": func(w http.ResponseWriter, r *http.Request) { w.Write([]byte{0, 1, 2}) },
	})
	sc := miniConfig(s)
	sc.ArticleURLPatterns = nil
	_, st := crawlMini(t, testConfig(), s, sc)
	got := storedArticles(t, st, "mini")
	if len(got) != 2 || got[s.URL+"/story-one"] != 1 || got[s.URL+"/story-two"] != 1 {
		t.Errorf("stored %v, want the two stories only", got)
	}
}

// TestTemplateCapSparesArticles: articles sharing a template (/news/N) are
// never cut by the trap cap, whatever their number.
func TestTemplateCapSparesArticles(t *testing.T) {
	t.Parallel()
	var links []string
	for i := range 25 {
		links = append(links, fmt.Sprintf("/news/%d", i))
	}
	s := miniSite(t, "", links, nil)
	cfg := testConfig()
	cfg.MaxPerTemplate = 5
	for _, patterns := range [][]string{{`/news/`}, nil} {
		sc := miniConfig(s)
		sc.ArticleURLPatterns = patterns
		sum, st := crawlMini(t, cfg, s, sc)
		if got := storedArticles(t, st, "mini"); len(got) != 25 {
			t.Errorf("patterns %q: stored %d of 25 articles, summary %+v", patterns, len(got), sum)
		}
	}
}

// TestNotFoundDoesNotBackOff: permanent failures (404s) do not hold the
// host; only transient ones do.
func TestNotFoundDoesNotBackOff(t *testing.T) {
	t.Parallel()
	s := miniSite(t, "", []string{"/gone/1", "/gone/2", "/gone/3", "/gone/4", "/news/a"}, nil)
	cfg := testConfig()
	cfg.BackoffBase = time.Second
	// The cycle's own duration: opening the store and building the
	// extractor are not the crawl, and on a loaded machine they were
	// enough to push the wall time over the mark.
	sum, _ := crawlMini(t, cfg, s, miniConfig(s))
	if el := sum.Duration; el > 900*time.Millisecond {
		t.Errorf("crawl with four 404s took %v: a 404 backed the host off", el)
	}
	if sum.Errors != 4 || sum.New != 1 {
		t.Errorf("summary %+v", sum)
	}
}

// TestDiscoveryExtras: a feed found by <link rel="alternate">, a page's
// rel=canonical on the same registrable domain (stored once, under the
// canonical URL) and the outlinks cap.
func TestDiscoveryExtras(t *testing.T) {
	t.Parallel()
	var links []string
	for i := range 30 {
		links = append(links, fmt.Sprintf("/news/many-%d", i))
	}
	s := miniSite(t, "", []string{"/news/orig", "/news/orig-amp", "/news/offsite-canonical", "/links"}, map[string]http.HandlerFunc{
		"/rss.xml": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Mini</title><item><link>/news/from-feed</link></item></channel></rss>`)
		},
		"/news/orig-amp": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, strings.Replace(articleHTML("Story amp"), "<head>", `<head><link rel="canonical" href="/news/canon-only?utm_source=amp">`, 1))
		},
		"/news/offsite-canonical": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, strings.Replace(articleHTML("Offsite"), "<head>", `<head><link rel="canonical" href="https://elsewhere.example/x">`, 1))
		},
		"/links": func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, listingHTML(links...)) },
	})
	cfg := testConfig()
	cfg.MaxOutlinks = 10
	sc := miniConfig(s)
	sum, st := crawlMini(t, cfg, s, sc)
	got := storedArticles(t, st, "mini")
	if got[s.URL+"/news/from-feed"] != 1 {
		t.Errorf("the feed found by rel=alternate was not read: %v", got)
	}
	if got[s.URL+"/news/canon-only"] != 1 || got[s.URL+"/news/orig-amp"] != 0 || got[s.URL+"/news/orig"] != 1 {
		t.Errorf("rel=canonical not honoured: %v", got)
	}
	if got[s.URL+"/news/offsite-canonical"] != 1 {
		t.Errorf("a canonical on another domain must be ignored: %v", got)
	}
	if n := s.count("/news/many-"); n > 10 {
		t.Errorf("followed %d links of a page, want <= MaxOutlinks = 10", n)
	}
	if sum.Errors != 0 {
		t.Errorf("summary %+v", sum)
	}
}

// TestCrossHostRedirect: a redirect to another host is not followed inside
// the fetch; its target is queued and fetched under that host's own
// robots.txt and gate.
func TestCrossHostRedirect(t *testing.T) {
	t.Parallel()
	other := miniSite(t, "User-agent: *\nDisallow: /news/secret\n", nil, nil)
	otherBase := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	s := miniSite(t, "", []string{"/news/moved", "/news/moved-secret"}, map[string]http.HandlerFunc{
		"/news/moved": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, otherBase+"/news/landed", http.StatusMovedPermanently)
		},
		"/news/moved-secret": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, otherBase+"/news/secret", http.StatusFound)
		},
	})
	sc := miniConfig(s)
	sc.AllowedDomains = []string{"127.0.0.1", "localhost"}
	sum, st := crawlMini(t, testConfig(), s, sc)
	got := storedArticles(t, st, "mini")
	if got[otherBase+"/news/landed"] != 1 || len(got) != 1 {
		t.Errorf("stored %v, want only the redirect target on the other host", got)
	}
	if reqs := other.requests(); len(reqs) == 0 || reqs[0].Path != "/robots.txt" {
		t.Errorf("other host: first request %v, want its robots.txt", reqs)
	}
	if n := other.count("/news/secret"); n != 0 || sum.RobotsRefused != 1 {
		t.Errorf("redirect into a disallowed path: %d fetches, %d refused", n, sum.RobotsRefused)
	}
}
