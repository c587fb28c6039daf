package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsclip/newsclip/store"
	"github.com/newsclip/newsclip/store/sqlite"
)

// crawlTestSite serves n articles linked from paginated listing pages (20
// per page), with a robots.txt and an RSS feed of the first few. Every
// article response takes articleDelay. hits counts article requests.
func crawlTestSite(t *testing.T, n int, articleDelay time.Duration, hits *atomic.Int64) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	const perPage = 20
	mux.HandleFunc("/list/{p}", func(w http.ResponseWriter, r *http.Request) {
		var p int
		fmt.Sscanf(r.PathValue("p"), "%d", &p)
		var b strings.Builder
		b.WriteString("<html><head><title>List</title></head><body>")
		for i := p * perPage; i < min((p+1)*perPage, n); i++ {
			fmt.Fprintf(&b, `<a href="/news/%d">Story %d</a> `, i, i)
		}
		if (p+1)*perPage < n {
			fmt.Fprintf(&b, `<a href="/list/%d">next</a>`, p+1)
		}
		b.WriteString(`<a href="/private/x">private</a></body></html>`)
		fmt.Fprint(w, b.String())
	})
	mux.HandleFunc("/news/{id}", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		time.Sleep(articleDelay)
		id := r.PathValue("id")
		var b strings.Builder
		fmt.Fprintf(&b, `<html lang="en"><head><title>Story %s</title><meta property="article:published_time" content="2026-11-20T10:00:00Z"></head><body><article><h1>Story %s</h1>`, id, id)
		for i := range 5 {
			fmt.Fprintf(&b, "<p>Story %s, paragraph %d: the harbour board approved the new ferry timetable after a long public meeting in which residents of the island raised concerns about winter crossings and fares.</p>", id, i)
		}
		b.WriteString("</article></body></html>")
		fmt.Fprint(w, b.String())
	})
	mux.HandleFunc("/private/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("disallowed %s fetched", r.URL.Path)
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// crawlTestConfig writes a config crawling the crawlTestSite at base, with
// the given lease_duration.
func crawlTestConfig(t *testing.T, base string, lease string) string {
	t.Helper()
	return writeConfig(t, fmt.Sprintf(`user_agent: "newsclip-test/1.0"
allow_private_addresses: true
lease_duration: %s
workers: 4
sites:
  - name: local
    start_urls: ["%s/list/0"]
    article_url_patterns: ['/news/\d+$']
    max_depth: 100
    max_pages: 100000
    delay: 0s
    concurrency: 4
`, lease, base))
}

// storedCounts returns canonical URL -> stored articles, and the highest
// version seen.
func storedCounts(t *testing.T, db string) (map[string]int, int) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	out, maxVersion := map[string]int{}, 0
	for rec, err := range st.ExportArticles(context.Background(), store.ExportQuery{RawOnly: true}) {
		if err != nil {
			t.Fatal(err)
		}
		out[rec.CanonicalURL]++
		maxVersion = max(maxVersion, rec.Version)
	}
	return out, maxVersion
}

func TestRunCrawl(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	s := crawlTestSite(t, 30, 0, &hits)
	db := filepath.Join(t.TempDir(), "n.db")
	cfgPath := crawlTestConfig(t, s.URL, "1s")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"crawl", "--config", cfgPath, "--db", db}, nil, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
	// Summary on stdout: a header and one row for the site.
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "articles") || !strings.HasPrefix(strings.TrimSpace(lines[1]), "local") {
		t.Errorf("stdout:\n%s", stdout.String())
	}
	if f := strings.Fields(lines[1]); len(f) < 4 || f[3] != "30" {
		t.Errorf("summary row %q, want 30 new articles", lines[1])
	}
	// Logs on stderr are JSON lines when stderr is not a terminal.
	for _, l := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Errorf("stderr line is not JSON: %q", l)
		}
	}
	got, v := storedCounts(t, db)
	if len(got) != 30 || v != 1 {
		t.Errorf("stored %d articles (max version %d), want 30 in version 1", len(got), v)
	}
	// A second cycle stores nothing twice.
	stdout.Reset()
	if code := run(context.Background(), []string{"crawl", "--config", cfgPath, "--db", db, "--log-format", "text"}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("second crawl exit %d", code)
	}
	if got, v := storedCounts(t, db); len(got) != 30 || v != 1 {
		t.Errorf("after a second cycle: %d articles, max version %d", len(got), v)
	}
}

func TestRunCrawlUsage(t *testing.T) {
	t.Parallel()
	bad := writeConfig(t, "sites:\n  - name: a\n    start_urls: [\"https://a.com/\"]\n    delay: soon\n")
	good := writeConfig(t, "sites:\n  - name: a\n    start_urls: [\"https://a.com/\"]\n")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no config", []string{"crawl"}, exitUsage, "--config is required"},
		{"bad config", []string{"crawl", "--config", bad}, exitUsage, "sites.yaml:4: delay"},
		{"missing config", []string{"crawl", "--config", "/nonexistent/sites.yaml"}, exitUsage, "no such file"},
		{"unknown site", []string{"crawl", "--config", good, "--site", "zzz"}, exitUsage, `--site "zzz"`},
		{"bad flag", []string{"crawl", "--config", good, "--parallel", "0"}, exitUsage, "--parallel"},
		{"help", []string{"crawl", "--help"}, exitOK, "usage: newsclip crawl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, nil, &stdout, &stderr)
			if code != tt.code || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr.String(), tt.code, tt.stderr)
			}
		})
	}
}

// TestCrawlKill9 runs `newsclip crawl` as a child process, SIGKILLs it in
// the middle of the crawl several times, lets a last run finish, and checks
// from the store that every article was stored exactly once. The lease is
// the default minute: each run after a kill must take over the dead run's
// site lock and leased pages and fetch again within a few seconds (the
// lock's heartbeat timeout), not after the lease.
func TestCrawlKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "newsclip")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const n = 300
	var hits atomic.Int64
	s := crawlTestSite(t, n, 15*time.Millisecond, &hits)
	db := filepath.Join(t.TempDir(), "kill.db")
	cfgPath := crawlTestConfig(t, s.URL, "1m")
	// resumeWithin bounds the time from a restart after a kill to its first
	// article request: the 5 s heartbeat timeout, the process start and
	// slack for a loaded machine; a wait for the leases would be 60 s.
	const resumeWithin = 12 * time.Second
	var resumes []time.Duration

	kills := 0
	for attempt := 0; kills < 3 && attempt < 10; attempt++ {
		var stderr bytes.Buffer
		cmd := exec.Command(bin, "crawl", "--config", cfgPath, "--db", db, "--log-level", "warn")
		cmd.Stderr = &stderr
		before := hits.Load()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		started := time.Now()
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		afterKill := kills > 0
		firstFetch := time.Duration(0)
		// Kill once the child has fetched some articles: mid-crawl, with
		// leases out and saves in flight.
		target := before + 25 + int64(attempt*7)
		deadline := time.After(30 * time.Second)
		killed := false
	wait:
		for {
			select {
			case err := <-exited:
				t.Logf("run %d ended by itself (%v) before the kill", attempt, err)
				break wait
			case <-deadline:
				t.Fatal("child made no progress")
			case <-time.After(5 * time.Millisecond):
				if firstFetch == 0 && hits.Load() > before {
					firstFetch = time.Since(started)
					if afterKill {
						resumes = append(resumes, firstFetch)
						if firstFetch > resumeWithin {
							t.Errorf("run %d after a kill fetched its first article after %v, want <= %v", attempt, firstFetch, resumeWithin)
						}
					}
				}
				if hits.Load() >= target {
					cmd.Process.Kill() // SIGKILL
					<-exited
					killed = true
					break wait
				}
			}
		}
		if killed {
			kills++
			got, _ := storedCounts(t, db)
			t.Logf("kill %d after %d article requests: %d articles stored", kills, hits.Load()-before, len(got))
			if len(got) >= n {
				break
			}
		}
	}
	if kills < 3 {
		t.Fatalf("only %d kills landed mid-crawl", kills)
	}
	if len(resumes) < 2 {
		t.Errorf("measured %d resumes after a kill, want at least 2", len(resumes))
	}
	t.Logf("first article request after a restart: %v", resumes)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, "crawl", "--config", cfgPath, "--db", db)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("final crawl: %v\n%s", err, stderr.String())
	}
	got, v := storedCounts(t, db)
	if len(got) != n || v != 1 {
		t.Errorf("stored %d distinct articles (max version %d), want %d each once in version 1", len(got), v, n)
	}
	for u, c := range got {
		if c != 1 {
			t.Errorf("%s stored %d times", u, c)
		}
	}
	t.Logf("final run:\n%s", stdout.String())
}

// --progress on draws the live line (a progressbar spinner) on stderr and
// clears it at the end; stdout keeps only the summary.
func TestRunCrawlProgress(t *testing.T) {
	t.Parallel()
	var hits atomic.Int64
	srv := crawlTestSite(t, 5, 0, &hits)
	cfgPath := crawlTestConfig(t, srv.URL, "1s")
	db := filepath.Join(t.TempDir(), "p.db")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"crawl", "--config", cfgPath, "--db", db, "--progress", "on", "--log-level", "error"}, nil, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	// The crawl may end inside one 250 ms redraw window, so only the first
	// frame and the final clear are certain.
	if e := stderr.String(); !strings.Contains(e, "pages") || !strings.HasSuffix(e, "\r") {
		t.Errorf("no progress line, or not cleared, on stderr: %q", e)
	}
	if strings.Contains(stdout.String(), "articles 5") || !strings.Contains(stdout.String(), "site") {
		t.Errorf("stdout should hold only the summary table: %q", stdout.String())
	}
}
