package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/newsclip/newsclip/crawler"
	"github.com/newsclip/newsclip/store"
)

// runMetrics are the Prometheus metrics of `newsclip run --listen`. They
// live in their own registry (not the global one) so tests can build many.
// It implements crawler.Observer.
type runMetrics struct {
	reg *prometheus.Registry

	fetches       *prometheus.CounterVec
	fetchBytes    *prometheus.CounterVec
	robotsRefused *prometheus.CounterVec
	retries       *prometheus.CounterVec
	stored        *prometheus.CounterVec
	extractErrors *prometheus.CounterVec
	fillRatio     *prometheus.GaugeVec
	articles24h   *prometheus.GaugeVec
	runs          *prometheus.CounterVec
	runDuration   *prometheus.HistogramVec
	running       *prometheus.GaugeVec
	lastSuccess   *prometheus.GaugeVec
	skipped       *prometheus.CounterVec

	stopping atomic.Bool // /healthz answers 503 once shutdown began
}

var _ crawler.Observer = (*runMetrics)(nil)

func newRunMetrics() *runMetrics {
	site := []string{"site"}
	m := &runMetrics{
		reg: prometheus.NewRegistry(),
		fetches: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsclip_fetches_total",
			Help: "HTTP fetches by site and status code (\"error\": no response)."}, []string{"site", "status"}),
		fetchBytes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsclip_fetch_bytes_total",
			Help: "Response body bytes fetched, after decompression."}, site),
		robotsRefused: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsclip_robots_refusals_total",
			Help: "URLs not fetched because robots.txt disallows them."}, site),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsclip_retries_total",
			Help: "Fetches rescheduled after a retryable failure (5xx, 429, network)."}, site),
		stored: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsclip_articles_stored_total",
			Help: "Articles saved, by outcome: new, updated, unchanged, duplicate."}, []string{"site", "outcome"}),
		extractErrors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsclip_extraction_errors_total",
			Help: "Article pages that could not be extracted."}, site),
		fillRatio: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "newsclip_field_fill_ratio",
			Help: "Share of the site's articles first seen in the last 24 h that have the field (updated after each run)."}, []string{"site", "field"}),
		articles24h: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "newsclip_articles_24h",
			Help: "Articles first seen in the last 24 h (updated after each run)."}, site),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsclip_runs_total",
			Help: "Finished crawl runs by status: ok, failed, interrupted."}, []string{"site", "status"}),
		runDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "newsclip_run_duration_seconds",
			Help:    "Duration of crawl runs.",
			Buckets: prometheus.ExponentialBuckets(1, 2, 14)}, // 1 s .. ~2.3 h
			site),
		running: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "newsclip_run_in_progress",
			Help: "1 while a crawl run of the site is going."}, site),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "newsclip_last_success_timestamp_seconds",
			Help: "Unix time the last successful run of the site ended (alert when it gets old)."}, site),
		skipped: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsclip_schedule_skipped_total",
			Help: "Scheduled runs skipped because the site's previous run was still going."}, site),
	}
	m.reg.MustRegister(m.fetches, m.fetchBytes, m.robotsRefused, m.retries, m.stored, m.extractErrors,
		m.fillRatio, m.articles24h, m.runs, m.runDuration, m.running, m.lastSuccess, m.skipped,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Fetch implements crawler.Observer.
func (m *runMetrics) Fetch(site string, status int, bytes int) {
	code := "error"
	if status > 0 {
		code = strconv.Itoa(status)
	}
	m.fetches.WithLabelValues(site, code).Inc()
	if bytes > 0 {
		m.fetchBytes.WithLabelValues(site).Add(float64(bytes))
	}
}

// RobotsRefused implements crawler.Observer.
func (m *runMetrics) RobotsRefused(site string) { m.robotsRefused.WithLabelValues(site).Inc() }

// Retry implements crawler.Observer.
func (m *runMetrics) Retry(site string) { m.retries.WithLabelValues(site).Inc() }

// ArticleStored implements crawler.Observer.
func (m *runMetrics) ArticleStored(site, outcome string) {
	m.stored.WithLabelValues(site, outcome).Inc()
}

// ExtractError implements crawler.Observer.
func (m *runMetrics) ExtractError(site string) { m.extractErrors.WithLabelValues(site).Inc() }

func (m *runMetrics) runStarted(site string) { m.running.WithLabelValues(site).Set(1) }

func (m *runMetrics) runFinished(site, status string, d time.Duration, end time.Time) {
	m.running.WithLabelValues(site).Set(0)
	m.runs.WithLabelValues(site, status).Inc()
	m.runDuration.WithLabelValues(site).Observe(d.Seconds())
	if status == store.RunOK {
		m.lastSuccess.WithLabelValues(site).Set(float64(end.Unix()))
	}
}

func (m *runMetrics) runSkipped(site string) { m.skipped.WithLabelValues(site).Inc() }

// setHealth publishes the store's 24 h health numbers as gauges.
func (m *runMetrics) setHealth(hs []store.SiteHealth) {
	for _, h := range hs {
		m.articles24h.WithLabelValues(h.Site).Set(float64(h.Articles24h))
		for _, f := range []struct {
			name string
			n    int
		}{
			{"title", h.WithTitle}, {"published_at", h.WithPublished}, {"author", h.WithAuthor},
			{"lead_image", h.WithLeadImage}, {"caption", h.WithCaption}, {"quotes", h.WithQuotes},
		} {
			m.fillRatio.WithLabelValues(h.Site, f.name).Set(h.Share(f.n))
		}
	}
}

// handler serves /metrics and /healthz.
func (m *runMetrics) handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if m.stopping.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "stopping")
			return
		}
		fmt.Fprintln(w, "ok")
	})
	return mux
}

// serveMetrics listens on addr and serves m until the returned stop is
// called. It returns once the listener is open, so a bad address is an
// error before any crawl starts.
func serveMetrics(addr string, m *runMetrics, log *slog.Logger) (net.Addr, func(context.Context) error, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: m.handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server", "err", err)
		}
	}()
	log.Info("serving metrics", "addr", ln.Addr().String())
	return ln.Addr(), srv.Shutdown, nil
}
