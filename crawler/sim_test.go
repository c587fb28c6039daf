package crawler

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsclip/newsclip/store"
	"github.com/newsclip/newsclip/store/sqlite"
)

// simRequest is one request seen by a simulated site.
type simRequest struct {
	Path       string // path and query
	Start, End time.Time
	Status     int
	Header     http.Header
}

// simSite is a local site simulator: it logs every request, in arrival
// order, with its start and end time, and the peak number in flight.
type simSite struct {
	*httptest.Server
	mu       sync.Mutex
	reqs     []simRequest
	inflight int
	peak     int
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = 200
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func newSimSite(t *testing.T, h http.Handler) *simSite {
	t.Helper()
	s := &simSite{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.inflight++
		s.peak = max(s.peak, s.inflight)
		i := len(s.reqs)
		s.reqs = append(s.reqs, simRequest{Path: r.URL.RequestURI(), Start: time.Now(), Header: r.Header.Clone()})
		s.mu.Unlock()
		rec := &statusRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		s.mu.Lock()
		s.inflight--
		s.reqs[i].End, s.reqs[i].Status = time.Now(), rec.status
		s.mu.Unlock()
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *simSite) requests() []simRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]simRequest(nil), s.reqs...)
}

func (s *simSite) count(prefix string) int {
	n := 0
	for _, r := range s.requests() {
		if strings.HasPrefix(r.Path, prefix) {
			n++
		}
	}
	return n
}

func (s *simSite) countExact(path string) int {
	n := 0
	for _, r := range s.requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

// articleHTML is an article page the extractor recognises: a dated
// NewsArticle with a few paragraphs and the given links.
func articleHTML(title string, links ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2026-11-20T10:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":%q,"datePublished":"2026-11-20T10:00:00Z","author":{"@type":"Person","name":"Ann Writer"}}</script>
</head><body><header><nav><a href="/">Home</a></nav></header><article><h1>%s</h1><p class="byline">By Ann Writer</p>`, title, title, title)
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&b, "<p>%s paragraph %d. The council met on Tuesday to discuss the new budget for the town, and members spoke at length about roads, schools and the library, which has been closed since the spring floods damaged its lower floor and most of its archive.</p>\n", title, i)
	}
	b.WriteString("</article><aside>")
	for _, l := range links {
		fmt.Fprintf(&b, `<a href="%s">%s</a> `, l, l)
	}
	b.WriteString("</aside></body></html>")
	return b.String()
}

// listingHTML is a section page: only links.
func listingHTML(links ...string) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html><head><title>Section</title><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body><ul>`)
	for _, l := range links {
		fmt.Fprintf(&b, `<li><a href="%s">Story %s</a></li>`, l, l)
	}
	b.WriteString("</ul></body></html>")
	return b.String()
}

func openStore(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "newsclip.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// testConfig is a Config for loopback test servers with short waits.
func testConfig() Config {
	return Config{
		UserAgent:             "newsclip-test/1.0",
		AllowPrivateAddresses: true,
		ConnectTimeout:        2 * time.Second,
		HeaderTimeout:         2 * time.Second,
		RequestTimeout:        5 * time.Second,
		RobotsRetryInterval:   100 * time.Millisecond,
		BackoffBase:           50 * time.Millisecond,
		BackoffMax:            400 * time.Millisecond,
		MaxRetryAfter:         3 * time.Second,
		LeaseDuration:         5 * time.Second,
		Workers:               4,
	}
}

func testLogger(t *testing.T) *slog.Logger {
	if os.Getenv("CRAWLER_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

func newTestCrawler(t *testing.T, cfg Config, st store.Store) *Crawler {
	t.Helper()
	c, err := New(cfg, st, nil, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// storedArticles returns canonical URL -> number of stored articles under
// it, and fails the test on a version other than 1.
func storedArticles(t *testing.T, st store.Store, site string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for rec, err := range st.ExportArticles(context.Background(), store.ExportQuery{Site: site, RawOnly: true}) {
		if err != nil {
			t.Fatal(err)
		}
		out[rec.CanonicalURL]++
		if rec.Version != 1 {
			t.Errorf("%s stored in version %d", rec.CanonicalURL, rec.Version)
		}
	}
	return out
}

// hostPort is the test server's host:port.
func hostPort(s *simSite) string { return strings.TrimPrefix(s.URL, "http://") }
