package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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

func TestSecondSignal(t *testing.T) {
	t.Parallel()
	sigs := make(chan os.Signal, 2)
	hard := secondSignal(sigs)
	sigs <- syscall.SIGTERM
	select {
	case <-hard:
		t.Fatal("closed after the first signal")
	case <-time.After(20 * time.Millisecond):
	}
	sigs <- os.Interrupt
	select {
	case <-hard:
	case <-time.After(5 * time.Second):
		t.Fatal("not closed after the second signal")
	}
	// Closing the source without a second signal ends the goroutine and
	// leaves hard open.
	sigs2 := make(chan os.Signal, 2)
	hard2 := secondSignal(sigs2)
	sigs2 <- syscall.SIGTERM
	close(sigs2)
	select {
	case <-hard2:
		t.Fatal("closed without a second signal")
	case <-time.After(20 * time.Millisecond):
	}
}

func TestRunUsageErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	badSched := writeFile(t, dir, "bad.yaml", "sites:\n  - name: a\n    start_urls: [\"http://127.0.0.1:1/\"]\n    schedule: \"every tuesday\"\n")
	good := writeFile(t, dir, "good.yaml", "sites:\n  - name: a\n    start_urls: [\"http://127.0.0.1:1/\"]\n")
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no config", []string{"run"}, "--config is required"},
		{"missing config", []string{"run", "--config", filepath.Join(dir, "nope.yaml")}, "config"},
		{"bad schedule", []string{"run", "--config", badSched, "--db", filepath.Join(dir, "x.db")}, "bad.yaml:4"},
		{"bad parallel", []string{"run", "--config", good, "--parallel", "0"}, "--parallel"},
		{"bad log format", []string{"run", "--config", good, "--log-format", "xml"}, "--log-format"},
		{"bad listen", []string{"run", "--config", good, "--db", filepath.Join(dir, "y.db"), "--listen", "256.1.1.1:x"}, "--listen"},
		{"extra", []string{"run", "--config", good, "now"}, "unexpected argument"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "", c.args...)
			if code != exitUsage || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, exitUsage, c.want)
			}
		})
	}
}

// TestRunHelperProcess is not a test: it is the newsclip process that
// TestRunProcessSignals starts (the os/exec helper-process pattern), with
// main's signal handling.
func TestRunHelperProcess(t *testing.T) {
	if os.Getenv("NEWSCLIP_RUN_HELPER") != "1" {
		t.Skip("helper process for TestRunProcessSignals")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, strings.Split(os.Getenv("NEWSCLIP_RUN_ARGS"), "\x1f"), os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// lockedBuffer is a bytes.Buffer safe for a writer and a reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestRunProcessSignals runs `newsclip run` as a real process: SIGTERM
// during a crawl stops it with status 0 and the run recorded as
// interrupted; a second process on the same database finishes the crawl;
// every article is stored exactly once. /metrics and /healthz answer while
// it runs.
func TestRunProcessSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	const n = 30
	srv, _ := runTestSite(t, n, 150*time.Millisecond)
	dir := t.TempDir()
	conf := writeFile(t, dir, "sites.yaml", fmt.Sprintf(`allow_private_addresses: true
lease_duration: 1s
workers: 2
sites:
  - name: local
    start_urls: [%q]
    article_url_patterns: ['/news/\d+$']
    max_depth: 1
    delay: 0s
    concurrency: 2
    schedule: "@hourly"
`, srv.URL+"/"))
	db := filepath.Join(dir, "news.db")
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	start := func() (*exec.Cmd, *lockedBuffer, chan error) {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^TestRunHelperProcess$")
		args := []string{"run", "--config", conf, "--db", db, "--run-now", "--log-format", "json", "--listen", "127.0.0.1:0"}
		cmd.Env = append(os.Environ(), "NEWSCLIP_RUN_HELPER=1", "NEWSCLIP_RUN_ARGS="+strings.Join(args, "\x1f"))
		stderr := &lockedBuffer{}
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		t.Cleanup(func() { cmd.Process.Kill() })
		return cmd, stderr, exited
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	exitStatus := func(exited chan error, stderr *lockedBuffer) int {
		t.Helper()
		select {
		case err := <-exited:
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				return ee.ExitCode()
			}
			if err != nil {
				t.Fatal(err)
			}
			return 0
		case <-time.After(stopGrace + 5*time.Second):
			t.Fatalf("process did not exit within %v; stderr:\n%s", stopGrace, stderr.String())
			return -1
		}
	}

	cmd, stderr, exited := start()
	var addr string
	waitFor("the metrics address", func() bool {
		for _, line := range strings.Split(stderr.String(), "\n") {
			var l struct {
				Msg  string `json:"msg"`
				Addr string `json:"addr"`
			}
			if json.Unmarshal([]byte(line), &l) == nil && l.Msg == "serving metrics" {
				addr = l.Addr
				return true
			}
		}
		return false
	})
	waitFor("some articles", func() bool { return len(countArticles(t, st)) >= 3 })
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `newsclip_fetches_total{site="local",status="200"}`) ||
		!strings.Contains(string(body), `newsclip_articles_stored_total{outcome="new",site="local"}`) {
		t.Errorf("/metrics during the crawl:\n%s", body)
	}
	if resp, err := http.Get("http://" + addr + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Errorf("/healthz = %v, %v", resp, err)
	}

	stopAt := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := exitStatus(exited, stderr); code != exitOK {
		t.Fatalf("exit status after SIGTERM = %d; stderr:\n%s", code, stderr.String())
	}
	t.Logf("stopped %v after SIGTERM", time.Since(stopAt).Round(time.Millisecond))
	first := countArticles(t, st)
	runs, err := st.RecentRuns(context.Background(), "local", 10)
	if err != nil || len(runs) != 1 || runs[0].Status != store.RunInterrupted {
		t.Fatalf("runs after SIGTERM = %+v, %v (articles %d)", runs, err, len(first))
	}
	if !strings.Contains(stderr.String(), "stopped cleanly") {
		t.Errorf("no clean-stop log line:\n%s", stderr.String())
	}

	// Restart: the crawl completes; then SIGINT.
	cmd, stderr, exited = start()
	waitFor("a finished run", func() bool {
		runs, _ := st.RecentRuns(context.Background(), "local", 1)
		return len(runs) == 1 && runs[0].Status == store.RunOK
	})
	cmd.Process.Signal(os.Interrupt)
	if code := exitStatus(exited, stderr); code != exitOK {
		t.Fatalf("exit status after SIGINT = %d; stderr:\n%s", code, stderr.String())
	}
	all := countArticles(t, st)
	if len(all) != n {
		t.Errorf("%d articles after restart, want %d (first process stored %d)", len(all), n, len(first))
	}
	for u, c := range all {
		if c != 1 {
			t.Errorf("%s stored %d times", u, c)
		}
	}
}
