package main

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsclip/newsclip/store"
)

func TestMetricsEndpoint(t *testing.T) {
	t.Parallel()
	m := newRunMetrics()
	m.Fetch("a", 200, 1500)
	m.Fetch("a", 200, 500)
	m.Fetch("a", 0, 0)
	m.Fetch("b", 503, 10)
	m.RobotsRefused("a")
	m.Retry("b")
	m.ArticleStored("a", "new")
	m.ArticleStored("a", "updated")
	m.ExtractError("a")
	m.runStarted("a")
	m.runFinished("a", store.RunOK, 3*time.Second, time.Unix(1_700_000_000, 0))
	m.runSkipped("b")
	m.setHealth([]store.SiteHealth{{Site: "a", Articles24h: 4, WithTitle: 4, WithAuthor: 1, WithQuotes: 2}})

	addr, stop, err := serveMetrics("127.0.0.1:0", m, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer stop(t.Context())
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get("http://" + addr.String() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := get("/metrics")
	if code != 200 {
		t.Fatalf("/metrics = %d", code)
	}
	for _, want := range []string{
		`newsclip_fetches_total{site="a",status="200"} 2`,
		`newsclip_fetches_total{site="a",status="error"} 1`,
		`newsclip_fetches_total{site="b",status="503"} 1`,
		`newsclip_fetch_bytes_total{site="a"} 2000`,
		`newsclip_robots_refusals_total{site="a"} 1`,
		`newsclip_retries_total{site="b"} 1`,
		`newsclip_articles_stored_total{outcome="new",site="a"} 1`,
		`newsclip_articles_stored_total{outcome="updated",site="a"} 1`,
		`newsclip_extraction_errors_total{site="a"} 1`,
		`newsclip_field_fill_ratio{field="author",site="a"} 0.25`,
		`newsclip_field_fill_ratio{field="quotes",site="a"} 0.5`,
		`newsclip_field_fill_ratio{field="title",site="a"} 1`,
		`newsclip_articles_24h{site="a"} 4`,
		`newsclip_runs_total{site="a",status="ok"} 1`,
		`newsclip_run_duration_seconds_sum{site="a"} 3`,
		`newsclip_run_duration_seconds_count{site="a"} 1`,
		`newsclip_run_in_progress{site="a"} 0`,
		`newsclip_last_success_timestamp_seconds{site="a"} 1.7e+09`,
		`newsclip_schedule_skipped_total{site="b"} 1`,
		`go_goroutines `,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if code, body := get("/healthz"); code != 200 || strings.TrimSpace(body) != "ok" {
		t.Errorf("/healthz = %d %q", code, body)
	}
	m.stopping.Store(true)
	if code, _ := get("/healthz"); code != http.StatusServiceUnavailable {
		t.Errorf("/healthz while stopping = %d, want 503", code)
	}
	if code, _ := get("/nope"); code != http.StatusNotFound {
		t.Errorf("/nope = %d", code)
	}
}

func TestMetricsListenError(t *testing.T) {
	t.Parallel()
	if _, _, err := serveMetrics("256.0.0.1:bad", newRunMetrics(), slog.New(slog.DiscardHandler)); err == nil {
		t.Error("bad address accepted")
	}
}
