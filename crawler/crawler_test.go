package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// newsSite is the main simulated news site: a home page and a section
// linking to articles, an RSS feed with an ETag, a sitemap index with a
// Google News sitemap, a gzipped sitemap named only in robots.txt, and a
// /private/ area that robots.txt disallows and pages link to.
func newsSite(t *testing.T) *simSite {
	t.Helper()
	var s *simSite
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\n\nSitemap: %s/sitemap-extra.xml.gz\n", s.URL)
	})
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, listingHTML("/news/1", "/news/2?utm_source=home", "/news/1#top", "/news/3", "/news/4", "/news/5",
			"/section/world", "/private/secret", "http://other.example/elsewhere", "mailto:desk@example.com"))
	})
	mux.HandleFunc("/section/world", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, listingHTML("/news/6", "/news/7", "/news/8", "/private/hidden"))
	})
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"feed-v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"feed-v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Demo</title><link>%[1]s/</link>
<item><title>Nine</title><link>%[1]s/news/9</link></item>
<item><title>Ten</title><link>%[1]s/news/10</link></item>
<item><title>One</title><link>%[1]s/news/1?fbclid=abc</link></item>
</channel></rss>`, s.URL)
	})
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>%s/sitemap-news.xml</loc></sitemap></sitemapindex>`, s.URL)
	})
	mux.HandleFunc("/sitemap-news.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>%[1]s/news/11</loc><news:news><news:publication><news:name>Demo</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-11-20</news:publication_date><news:title>Eleven</news:title></news:news></url>
<url><loc>%[1]s/news/12</loc></url></urlset>`, s.URL)
	})
	mux.HandleFunc("/sitemap-extra.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		fmt.Fprintf(zw, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s/news/13</loc></url></urlset>`, s.URL)
		zw.Close()
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(buf.Bytes())
	})
	mux.HandleFunc("/news/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articleHTML("Story "+r.PathValue("id"), "/news/1", "/private/from-article"))
	})
	mux.HandleFunc("/private/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, articleHTML("Secret"))
	})
	s = newSimSite(t, mux)
	return s
}

func TestRunSiteNewsSite(t *testing.T) {
	t.Parallel()
	s := newsSite(t)
	st := openStore(t)
	c := newTestCrawler(t, testConfig(), st)
	const delay = 50 * time.Millisecond
	sc := SiteConfig{
		Name:               "demo",
		StartURLs:          []string{s.URL + "/"},
		Feeds:              []string{s.URL + "/rss.xml"},
		Sitemaps:           []string{s.URL + "/sitemap.xml"},
		AllowedDomains:     []string{"127.0.0.1"},
		ArticleURLPatterns: []string{`/news/\d+$`},
		MaxDepth:           2,
		MaxPages:           100,
		Delay:              delay,
		Concurrency:        2,
	}
	sum, err := c.RunSite(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	got := storedArticles(t, st, "demo")
	for i := 1; i <= 13; i++ {
		u := fmt.Sprintf("%s/news/%d", s.URL, i)
		if got[u] != 1 {
			t.Errorf("%s stored %d times, want 1", u, got[u])
		}
	}
	if len(got) != 13 {
		t.Errorf("stored %d articles, want 13: %v", len(got), got)
	}
	if sum.New != 13 || sum.Errors != 0 || sum.Left != 0 {
		t.Errorf("summary = %+v, want 13 new, no errors, nothing left", sum)
	}
	reqs := s.requests()
	if n := s.count("/private/"); n != 0 {
		t.Errorf("fetched %d disallowed /private/ pages", n)
	}
	if sum.RobotsRefused != 3 {
		t.Errorf("robots refused %d URLs, want the 3 /private/ links", sum.RobotsRefused)
	}
	if s.peak > sc.Concurrency {
		t.Errorf("peak in-flight requests = %d, want <= %d", s.peak, sc.Concurrency)
	}
	checkGaps(t, reqs, delay)
	for _, r := range reqs {
		if ua := r.Header.Get("User-Agent"); ua != "newsclip-test/1.0" {
			t.Errorf("%s: User-Agent %q", r.Path, ua)
		}
	}
	if n := s.countExact("/news/1"); n != 1 {
		t.Errorf("/news/1 fetched %d times, want 1 (dedup of fragment, tracker and feed copies)", n)
	}

	// A second cycle revisits the seeds with conditional GETs and fetches
	// no known article again.
	before := len(reqs)
	sum2, err := c.RunSite(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	if sum2.New != 0 || sum2.NotModified < 1 {
		t.Errorf("second cycle summary = %+v, want nothing new and a 304", sum2)
	}
	for _, r := range s.requests()[before:] {
		if strings.HasPrefix(r.Path, "/news/") {
			t.Errorf("second cycle refetched %s", r.Path)
		}
		if r.Path == "/rss.xml" && r.Status != http.StatusNotModified {
			t.Errorf("feed revisit status %d, want 304", r.Status)
		}
	}
}

// checkGaps asserts from the server log that request starts are spaced by
// at least delay: any k consecutive gaps add up to at least k*delay, less a
// one-off slack for the jitter between the client's start and the server's
// (a single pair looks short when the first request was held up, say by a
// new connection on a loaded machine; a run of them cannot).
func checkGaps(t *testing.T, reqs []simRequest, delay time.Duration) {
	t.Helper()
	// The server sees arrivals, the crawler controls starts: under -race on
	// two busy cores one arrival was seen 104 ms late. The slack is paid
	// once per pair, so pairs far apart still prove the average gap.
	const slack = 150 * time.Millisecond
	for i := range reqs {
		for j := i + 1; j < len(reqs); j++ {
			if d, want := reqs[j].Start.Sub(reqs[i].Start), time.Duration(j-i)*delay-slack; d < want {
				t.Errorf("requests %d (%s) and %d (%s) started %v apart, want >= %v", i, reqs[i].Path, j, reqs[j].Path, d, want)
			}
		}
	}
}
