package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsclip/newsclip/store"
	"github.com/newsclip/newsclip/store/sqlite"
)

// TestRevisitListingPages: a second cycle fetches the known listing pages
// again with conditional GETs and finds an article linked only from a
// second-level section page, without fetching the known articles again.
//
//	/ (start URL) -> /world (Last-Modified) -> /world/europe (ETag) -> /news/2, /news/3 (+ /news/4 later)
//	                                        -> /news/1
func TestRevisitListingPages(t *testing.T) {
	t.Parallel()
	var v2 atomic.Bool // the server has published /news/4
	const worldModified = "Sat, 21 Nov 2026 08:00:00 GMT"
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", http.NotFound)
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><a href="/world">World</a></body></html>`)
	})
	mux.HandleFunc("/world", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-Modified-Since") == worldModified {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", worldModified)
		fmt.Fprint(w, `<html><body><a href="/world/europe">Europe</a> <a href="/news/1">One</a></body></html>`)
	})
	mux.HandleFunc("/world/europe", func(w http.ResponseWriter, r *http.Request) {
		etag, links := `"europe-1"`, `<a href="/news/2">Two</a> <a href="/news/3">Three</a>`
		if v2.Load() {
			etag, links = `"europe-2"`, links+` <a href="/news/4">Four</a>`
		}
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		fmt.Fprintf(w, `<html><body>%s</body></html>`, links)
	})
	mux.HandleFunc("/news/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, articleHTML("Story "+strings.TrimPrefix(r.URL.Path, "/news/")))
	})
	s := newSimSite(t, mux)
	st := openStore(t)
	c := newTestCrawler(t, testConfig(), st)
	sc := SiteConfig{
		Name:               "revisit",
		StartURLs:          []string{s.URL + "/"},
		ArticleURLPatterns: []string{`/news/\d+$`},
		MaxDepth:           3,
		MaxPages:           100,
		Concurrency:        2,
	}
	sum1, err := c.RunSite(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	if sum1.New != 3 || sum1.Errors != 0 {
		t.Fatalf("first cycle %+v, want 3 new articles", sum1)
	}

	v2.Store(true)
	before := len(s.requests())
	sum2, err := c.RunSite(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	got := storedArticles(t, st, "revisit")
	if got[s.URL+"/news/4"] != 1 || len(got) != 4 {
		t.Errorf("after the second cycle stored %v, want /news/1-4 once each", got)
	}
	if sum2.New != 1 || sum2.NotModified != 1 || sum2.Errors != 0 || sum2.Left != 0 {
		t.Errorf("second cycle %+v, want 1 new, 1 not modified (/world), no errors", sum2)
	}
	seen := map[string]simRequest{}
	for _, r := range s.requests()[before:] {
		if _, dup := seen[r.Path]; dup {
			t.Errorf("second cycle fetched %s twice", r.Path)
		}
		seen[r.Path] = r
		if strings.HasPrefix(r.Path, "/news/") && r.Path != "/news/4" {
			t.Errorf("second cycle refetched the known article %s", r.Path)
		}
	}
	if r, ok := seen["/world"]; !ok || r.Header.Get("If-Modified-Since") != worldModified || r.Status != http.StatusNotModified {
		t.Errorf("/world revisit: fetched %v, If-Modified-Since %q, status %d; want a 304 to a conditional GET",
			ok, r.Header.Get("If-Modified-Since"), r.Status)
	}
	if r, ok := seen["/world/europe"]; !ok || r.Header.Get("If-None-Match") != `"europe-1"` || r.Status != http.StatusOK {
		t.Errorf("/world/europe revisit: fetched %v, If-None-Match %q, status %d; want a 200 to a conditional GET",
			ok, r.Header.Get("If-None-Match"), r.Status)
	}
	if _, ok := seen["/news/4"]; !ok {
		t.Error("second cycle did not fetch /news/4")
	}

	// A third cycle with nothing new: both sections answer 304 and no
	// article is fetched.
	before = len(s.requests())
	sum3, err := c.RunSite(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	if sum3.New != 0 || sum3.NotModified != 2 {
		t.Errorf("third cycle %+v, want nothing new and 2 not modified", sum3)
	}
	for _, r := range s.requests()[before:] {
		if strings.HasPrefix(r.Path, "/news/") {
			t.Errorf("third cycle fetched %s", r.Path)
		}
	}
}

// lockTestSite serves a home page linking to n articles, each taking
// delay; hits counts article requests.
func lockTestSite(t *testing.T, n int, delay time.Duration, hits *atomic.Int64) *simSite {
	t.Helper()
	var links []string
	for i := range n {
		links = append(links, fmt.Sprintf("/news/%d", i))
	}
	return miniSite(t, "", links, map[string]http.HandlerFunc{
		"/news/": func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			time.Sleep(delay)
			fmt.Fprint(w, articleHTML("Story "+strings.TrimPrefix(r.URL.Path, "/news/")))
		},
	})
}

// TestTakeOverDeadOwner: a crawl killed with pages leased for a long time
// (here an hour) and its lock's heartbeat stopped is resumed by the next
// crawl after about LockTimeout, which fetches the dead crawl's pages at
// once instead of waiting for their leases.
func TestTakeOverDeadOwner(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	s := lockTestSite(t, 6, 0, &hits)
	path := filepath.Join(t.TempDir(), "shared.db")
	dead, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer dead.Close()
	ctx := context.Background()
	sc := miniConfig(s)
	if _, err := dead.UpsertSite(ctx, sc.Name); err != nil {
		t.Fatal(err)
	}
	var urls []store.NewURL
	for i := range 6 {
		u := fmt.Sprintf("%s/news/%d", s.URL, i)
		urls = append(urls, store.NewURL{URL: u, OriginalURL: u, Host: hostPort(s), Depth: 1, Kind: store.KindArticle, Priority: 1})
	}
	if _, err := dead.Enqueue(ctx, sc.Name, urls); err != nil {
		t.Fatal(err)
	}
	// The dead process: its last heartbeat was now, its leases last an hour.
	if err := dead.AcquireSiteLock(ctx, sc.Name, "dead-host:1:0", time.Now(), 300*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	leased, err := dead.Lease(ctx, sc.Name, store.LeaseRequest{Now: time.Now(), Max: 4, LeaseFor: time.Hour, Owner: "dead-host:1:0"})
	if err != nil || len(leased) != 4 {
		t.Fatalf("dead owner leased %d, %v", len(leased), err)
	}

	cfg := testConfig()
	cfg.LeaseDuration = time.Hour // a killed crawl's leases would block for an hour
	cfg.LockTimeout = 300 * time.Millisecond
	st2, err := sqlite.Open(ctx, path) // a second instance, like a new process
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	c := newTestCrawler(t, cfg, st2)
	// Without the takeover the crawl would wait for the hour-long leases.
	rctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	start := time.Now()
	sum, err := c.RunSite(rctx, sc)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if got := storedArticles(t, st2, sc.Name); len(got) != 6 {
		t.Errorf("stored %d articles, want all 6 (4 of them leased by the dead owner)", len(got))
	}
	if sum.Left != 0 || hits.Load() < 6 {
		t.Errorf("summary %+v, %d article fetches; want nothing left, all 6 fetched", sum, hits.Load())
	}
	if took > 10*time.Second {
		t.Errorf("resumed crawl took %v, want a few seconds at most", took)
	}
	t.Logf("resumed crawl finished in %v", took.Round(time.Millisecond))
}

// TestLiveOwnerKeepsSite: while one crawl runs (and heartbeats), a second
// crawler on another store instance of the same database is refused the
// site after waiting a LockTimeout, and fetches nothing.
func TestLiveOwnerKeepsSite(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	// The live crawl takes at least 12 x 400 ms; the second crawler gives
	// up after LockTimeout + 1 s = 2 s.
	s := lockTestSite(t, 12, 400*time.Millisecond, &hits)
	path := filepath.Join(t.TempDir(), "shared.db")
	ctx := context.Background()
	cfg := testConfig()
	cfg.LockTimeout = time.Second
	open := func() store.Store {
		st, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	live := newTestCrawler(t, cfg, open())
	second := newTestCrawler(t, cfg, open())
	sc := miniConfig(s)

	liveDone := make(chan error, 1)
	go func() {
		_, err := live.RunSite(ctx, sc)
		liveDone <- err
	}()
	for hits.Load() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	sum, err := second.RunSite(ctx, sc)
	if !errors.Is(err, store.ErrSiteLocked) {
		t.Errorf("second crawler: %v, want ErrSiteLocked", err)
	}
	if sum.Pages != 0 {
		t.Errorf("second crawler fetched %d pages", sum.Pages)
	}
	if err := <-liveDone; err != nil {
		t.Fatalf("live crawl: %v", err)
	}
	if got := storedArticles(t, live.st, sc.Name); len(got) != 12 {
		t.Errorf("live crawl stored %d articles, want 12", len(got))
	}
}

// TestRevisitSkipsDetectedArticles: without article_url_patterns a link is
// queued as a page and the extractor decides; a page kept as an article,
// like a link that led to a PDF, is not fetched again by the next cycle's
// revisit of listing pages.
func TestRevisitSkipsDetectedArticles(t *testing.T) {
	t.Parallel()
	s := miniSite(t, "", []string{"/news/1", "/section", "/report.pdf"}, map[string]http.HandlerFunc{
		"/section": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `<html><body><a href="/news/2">Two</a></body></html>`)
		},
		"/report.pdf": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4 not really")
		},
	})
	st := openStore(t)
	c := newTestCrawler(t, testConfig(), st)
	sc := miniConfig(s)
	sc.ArticleURLPatterns = nil
	sc.MaxDepth = 2
	if sum, err := c.RunSite(context.Background(), sc); err != nil || sum.New != 2 {
		t.Fatalf("first cycle %+v, %v; want 2 new", sum, err)
	}
	before := len(s.requests())
	if _, err := c.RunSite(context.Background(), sc); err != nil {
		t.Fatal(err)
	}
	var section bool
	for _, r := range s.requests()[before:] {
		section = section || r.Path == "/section"
		if strings.HasPrefix(r.Path, "/news/") || r.Path == "/report.pdf" {
			t.Errorf("second cycle refetched %s", r.Path)
		}
	}
	if !section {
		t.Error("second cycle did not revisit /section")
	}
}
