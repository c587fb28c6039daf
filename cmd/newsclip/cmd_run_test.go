package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsclip/newsclip/crawler"
	"github.com/newsclip/newsclip/schedule"
	"github.com/newsclip/newsclip/store"
	"github.com/newsclip/newsclip/store/sqlite"
)

// fakeCrawler runs fn for every RunSite.
type fakeCrawler struct {
	fn func(ctx context.Context, sc crawler.SiteConfig) error
}

func (f fakeCrawler) RunSite(ctx context.Context, sc crawler.SiteConfig) (crawler.Summary, error) {
	return crawler.Summary{Site: sc.Name}, f.fn(ctx, sc)
}

type noHealth struct{ store.Runs }

func (noHealth) Health(context.Context, time.Time) ([]store.SiteHealth, error) { return nil, nil }

var quietLog = slog.New(slog.DiscardHandler)

// startScheduled runs runScheduled in the background on a fake clock and
// returns the clock, an event channel and the result channel.
func startScheduled(t *testing.T, ctx context.Context, cr siteCrawler, opts schedOptions) (*schedule.FakeClock, chan schedule.Event, chan error) {
	t.Helper()
	clock := schedule.NewFakeClock(time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC))
	events := make(chan schedule.Event, 100)
	opts.clock = clock
	opts.onEvent = func(e schedule.Event) { events <- e }
	done := make(chan error, 1)
	go func() { done <- runScheduled(ctx, cr, noHealth{}, opts, quietLog) }()
	return clock, events, done
}

func waitEvent(t *testing.T, events chan schedule.Event, kind schedule.EventKind) schedule.Event {
	t.Helper()
	for {
		select {
		case e := <-events:
			if e.Kind == kind {
				return e
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("no %v event", kind)
		}
	}
}

func waitDone(t *testing.T, done chan error, within time.Duration) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(within):
		t.Fatalf("runScheduled did not return within %v", within)
		return nil
	}
}

func TestRunScheduledFiresAndStopsCleanly(t *testing.T) {
	t.Parallel()
	var runs atomic.Int32
	cr := fakeCrawler{func(ctx context.Context, sc crawler.SiteConfig) error {
		if runs.Add(1) == 1 {
			return nil
		}
		<-ctx.Done() // a crawl in progress sees the stop...
		time.Sleep(20 * time.Millisecond)
		return fmt.Errorf("crawl %s: %w", sc.Name, ctx.Err()) // ...and returns after releasing its pages
	}}
	m := newRunMetrics()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock, events, done := startScheduled(t, ctx, cr, schedOptions{
		sites:   []scheduledSite{{schedule: "*/15 * * * *", site: crawler.SiteConfig{Name: "a"}}},
		metrics: m,
	})
	clock.BlockUntilTimers(1)
	clock.Advance(15 * time.Minute)
	if e := waitEvent(t, events, schedule.Finished); e.Err != nil || e.Job != "a" {
		t.Fatalf("first run: %+v", e)
	}
	clock.BlockUntilTimers(1)
	clock.Advance(15 * time.Minute)
	waitEvent(t, events, schedule.Started)
	cancel()
	if err := waitDone(t, done, 5*time.Second); err != nil {
		t.Fatalf("clean stop returned %v", err)
	}
	if e := waitEvent(t, events, schedule.Finished); !errors.Is(e.Err, context.Canceled) {
		t.Errorf("interrupted run finished with %v", e.Err)
	}
	if !m.stopping.Load() {
		t.Error("/healthz not switched to stopping")
	}
	if got := testCounter(t, m, `newsclip_runs_total{site="a",status="interrupted"}`); got != 1 {
		t.Errorf("interrupted runs metric = %v", got)
	}
	if got := testCounter(t, m, `newsclip_runs_total{site="a",status="ok"}`); got != 1 {
		t.Errorf("ok runs metric = %v", got)
	}
}

func TestRunScheduledSecondSignal(t *testing.T) {
	t.Parallel()
	stuck := make(chan struct{})
	defer close(stuck)
	cr := fakeCrawler{func(ctx context.Context, sc crawler.SiteConfig) error {
		<-stuck // ignores the stop
		return nil
	}}
	ctx, cancel := context.WithCancel(context.Background())
	hard := make(chan struct{})
	_, events, done := startScheduled(t, ctx, cr, schedOptions{
		sites:      []scheduledSite{{schedule: "@hourly", site: crawler.SiteConfig{Name: "a"}}},
		runAtStart: true,
		hardStop:   hard,
	})
	waitEvent(t, events, schedule.Started)
	cancel()
	time.Sleep(20 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("returned %v while the crawl was still running", err)
	default:
	}
	close(hard)
	err := waitDone(t, done, time.Second)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "second signal") {
		t.Errorf("err = %v", err)
	}
	if code := exitCode(ctx, err, &strings.Builder{}); code != exitInterrupted {
		t.Errorf("exit code = %d, want %d", code, exitInterrupted)
	}
}

func TestRunScheduledGraceRunsOut(t *testing.T) {
	t.Parallel()
	stuck := make(chan struct{})
	defer close(stuck)
	cr := fakeCrawler{func(ctx context.Context, sc crawler.SiteConfig) error { <-stuck; return nil }}
	ctx, cancel := context.WithCancel(context.Background())
	_, events, done := startScheduled(t, ctx, cr, schedOptions{
		sites:      []scheduledSite{{schedule: "@hourly", site: crawler.SiteConfig{Name: "a"}}},
		runAtStart: true,
		grace:      50 * time.Millisecond,
	})
	waitEvent(t, events, schedule.Started)
	cancel()
	if err := waitDone(t, done, 5*time.Second); err == nil || !strings.Contains(err.Error(), "did not stop within") {
		t.Errorf("err = %v", err)
	}
}

func TestRunScheduledBadSchedule(t *testing.T) {
	t.Parallel()
	err := runScheduled(context.Background(), fakeCrawler{}, noHealth{}, schedOptions{
		sites: []scheduledSite{{schedule: "every tuesday", site: crawler.SiteConfig{Name: "a"}}},
	}, quietLog)
	var ue usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), `"every tuesday"`) {
		t.Errorf("err = %v, want a usage error naming the schedule", err)
	}
}

// runTestSite is a local news site: a home page linking n articles, each
// served after delay, with text unique to the article.
func runTestSite(t *testing.T, n int, delay time.Duration) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<!doctype html><html><head><title>Home</title></head><body><ul>`)
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, `<li><a href="/news/%d">Story %d</a></li>`, i, i)
		}
		b.WriteString(`</ul></body></html>`)
		fmt.Fprint(w, b.String())
	})
	mux.HandleFunc("/news/{id}", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		id := r.PathValue("id")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story %[1]s</title>
<meta property="og:type" content="article"><meta property="article:published_time" content="2026-11-20T10:00:00Z">
</head><body><article><h1>Story %[1]s</h1><p class="byline">By Ann Writer</p>`, id)
		for p := range 5 {
			fmt.Fprintf(w, "<p>Story %s, paragraph %d. The council met on Tuesday to discuss the new budget for the town, and members spoke at length about roads, schools and the library.</p>\n", id, p)
		}
		fmt.Fprint(w, `</article></body></html>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &hits
}

func countArticles(t *testing.T, st store.Store) map[string]int {
	t.Helper()
	got := map[string]int{}
	for r, err := range st.ExportArticles(context.Background(), store.ExportQuery{RawOnly: true}) {
		if err != nil {
			t.Fatal(err)
		}
		got[r.CanonicalURL]++
		if r.Version != 1 {
			t.Errorf("%s stored as version %d", r.CanonicalURL, r.Version)
		}
	}
	return got
}

// A crawl interrupted by the stop signal closes its run as interrupted,
// and the next start picks up the rest: every article stored exactly once.
func TestRunGracefulStopDuringCrawl(t *testing.T) {
	t.Parallel()
	const n = 24
	srv, _ := runTestSite(t, n, 40*time.Millisecond)
	dbPath := filepath.Join(t.TempDir(), "run.db")
	st, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	site := crawler.SiteConfig{
		Name:               "local",
		StartURLs:          []string{srv.URL + "/"},
		ArticleURLPatterns: []string{`/news/\d+$`},
		MaxDepth:           1,
		Concurrency:        2,
	}
	newCrawler := func() *crawler.Crawler {
		cr, err := crawler.New(crawler.Config{AllowPrivateAddresses: true, Workers: 2, LeaseDuration: time.Second}, st, nil, quietLog)
		if err != nil {
			t.Fatal(err)
		}
		return cr
	}
	opts := schedOptions{sites: []scheduledSite{{schedule: "@hourly", site: site}}, runAtStart: true}

	// First process: stop once a few articles are in.
	ctx, cancel := context.WithCancel(context.Background())
	_, events, done := startScheduled(t, ctx, newCrawler(), opts)
	waitEvent(t, events, schedule.Started)
	deadline := time.Now().Add(20 * time.Second)
	for len(countArticles(t, st)) < 4 {
		if time.Now().After(deadline) {
			t.Fatal("no articles stored")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	start := time.Now()
	if err := waitDone(t, done, stopGrace); err != nil {
		t.Fatalf("graceful stop: %v", err)
	}
	t.Logf("stopped in %v", time.Since(start).Round(time.Millisecond))
	first := countArticles(t, st)
	if len(first) >= n {
		t.Fatalf("the crawl finished before the stop (%d articles); slow the site down", len(first))
	}
	runs, err := st.RecentRuns(context.Background(), "local", 10)
	if err != nil || len(runs) != 1 || runs[0].Status != store.RunInterrupted || runs[0].EndedAt.IsZero() {
		t.Fatalf("runs after stop = %+v, %v", runs, err)
	}

	// Second process: the same database, the crawl completes.
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	_, events2, done2 := startScheduled(t, ctx2, newCrawler(), opts)
	if e := waitEvent(t, events2, schedule.Finished); e.Err != nil {
		t.Fatalf("second run: %v", e.Err)
	}
	cancel2()
	if err := waitDone(t, done2, stopGrace); err != nil {
		t.Fatal(err)
	}
	all := countArticles(t, st)
	if len(all) != n {
		t.Errorf("stored %d articles after restart, want %d", len(all), n)
	}
	for u, c := range all {
		if c != 1 {
			t.Errorf("%s exported %d times", u, c)
		}
	}
	for u := range first {
		if all[u] != 1 {
			t.Errorf("%s stored before the stop is gone", u)
		}
	}
	runs, _ = st.RecentRuns(context.Background(), "local", 10)
	if len(runs) != 2 || runs[0].Status != store.RunOK || runs[0].ArticlesNew != n-len(first) {
		t.Errorf("runs = %+v (first stop stored %d)", runs, len(first))
	}
}

// A second process on the same database cannot crawl a site the first
// holds: its run fails with ErrSiteLocked.
func TestRunSiteLockedByAnotherProcess(t *testing.T) {
	t.Parallel()
	srv, hits := runTestSite(t, 2, 0)
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "lock.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.UpsertSite(ctx, "local"); err != nil {
		t.Fatal(err)
	}
	if err := st.AcquireSiteLock(ctx, "local", "other-host:1234", time.Now(), time.Hour); err != nil {
		t.Fatal(err)
	}
	cr, err := crawler.New(crawler.Config{AllowPrivateAddresses: true, LeaseDuration: 200 * time.Millisecond}, st, nil, quietLog)
	if err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	_, events, done := startScheduled(t, rctx, cr, schedOptions{
		sites:      []scheduledSite{{schedule: "@hourly", site: crawler.SiteConfig{Name: "local", StartURLs: []string{srv.URL + "/"}}}},
		runAtStart: true,
	})
	e := waitEvent(t, events, schedule.Finished)
	if !errors.Is(e.Err, store.ErrSiteLocked) {
		t.Errorf("run err = %v, want ErrSiteLocked", e.Err)
	}
	if hits.Load() != 0 {
		t.Errorf("%d article fetches while another process held the site", hits.Load())
	}
	cancel()
	waitDone(t, done, 5*time.Second)
}

// testCounter reads one sample from the metrics registry.
func testCounter(t *testing.T, m *runMetrics, series string) float64 {
	t.Helper()
	rec := httptest.NewRecorder()
	m.handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			var f float64
			fmt.Sscan(v, &f)
			return f
		}
	}
	return 0
}
