package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/newsclip/newsclip/crawler"
	"github.com/newsclip/newsclip/schedule"
	"github.com/newsclip/newsclip/store"
	"github.com/newsclip/newsclip/store/sqlite"
)

// stopGrace is how long `run` waits, after the first SIGINT/SIGTERM, for
// running crawls to finish or release their pages.
const stopGrace = 30 * time.Second

// scheduledSite is a configured site and its cron schedule.
type scheduledSite struct {
	schedule string
	site     crawler.SiteConfig
}

// siteCrawler is what the scheduler drives; *crawler.Crawler in
// production.
type siteCrawler interface {
	RunSite(ctx context.Context, sc crawler.SiteConfig) (crawler.Summary, error)
}

// schedOptions configure runScheduled.
type schedOptions struct {
	sites       []scheduledSite
	maxParallel int
	runAtStart  bool
	grace       time.Duration   // default stopGrace
	clock       schedule.Clock  // nil: the system clock
	hardStop    <-chan struct{} // closed on the second signal
	metrics     *runMetrics     // nil without --listen
	// onEvent, when set, sees every scheduler event after it was logged
	// (tests).
	onEvent func(schedule.Event)
}

// runScheduled crawls each site on its schedule until ctx is done, then
// waits up to grace for the running crawls to finish (they see the same
// cancellation, finish or release their pages and close their runs). It
// returns nil after a clean stop; an error wrapping context.Canceled when
// hardStop closes first; another error when the grace ran out.
func runScheduled(ctx context.Context, cr siteCrawler, health store.Runs, opts schedOptions, log *slog.Logger) error {
	if opts.grace <= 0 {
		opts.grace = stopGrace
	}
	bySite := make(map[string]crawler.SiteConfig, len(opts.sites))
	jobs := make([]schedule.Job, 0, len(opts.sites))
	for _, s := range opts.sites {
		bySite[s.site.Name] = s.site
		jobs = append(jobs, schedule.Job{Name: s.site.Name, Spec: s.schedule})
	}
	m := opts.metrics
	sched, err := schedule.New(schedule.Config{
		Jobs:        jobs,
		MaxParallel: opts.maxParallel,
		RunAtStart:  opts.runAtStart,
		Clock:       opts.clock,
		OnEvent: func(e schedule.Event) {
			switch e.Kind {
			case schedule.Skipped:
				log.Warn("run skipped: the previous run of the site is still going", "site", e.Job, "next", e.Next)
				if m != nil {
					m.runSkipped(e.Job)
				}
			case schedule.Started:
				log.Debug("run started", "site", e.Job, "next", e.Next)
			case schedule.Finished:
				if e.Err != nil && !errors.Is(e.Err, context.Canceled) {
					log.Error("run failed", "site", e.Job, "err", e.Err)
				}
			}
			if opts.onEvent != nil {
				opts.onEvent(e)
			}
		},
	})
	if err != nil {
		return usagef("run: %v", err)
	}

	runSite := func(ctx context.Context, name string) error {
		if m != nil {
			m.runStarted(name)
		}
		start := time.Now()
		_, err := cr.RunSite(ctx, bySite[name])
		if m != nil {
			status := store.RunOK
			switch {
			case err != nil && ctx.Err() != nil:
				status = store.RunInterrupted
			case err != nil:
				status = store.RunFailed
			}
			end := time.Now()
			m.runFinished(name, status, end.Sub(start), end)
			// Fill rates come from the store so they cover every process
			// writing to it, not only this one.
			if hs, herr := health.Health(context.WithoutCancel(ctx), end); herr == nil {
				m.setHealth(hs)
			} else {
				log.Warn("read site health for metrics", "err", herr)
			}
		}
		return err
	}

	var clock schedule.Clock = schedule.SystemClock{}
	if opts.clock != nil {
		clock = opts.clock
	}
	for i, next := range sched.Next(clock.Now()) {
		log.Info("scheduled", "site", jobs[i].Name, "schedule", jobs[i].Spec, "next", next.Format(time.RFC3339))
	}
	done := make(chan error, 1)
	go func() { done <- sched.Run(ctx, runSite) }()

	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	if m != nil {
		m.stopping.Store(true)
	}
	log.Info("stopping: no new runs; waiting for running crawls to finish or release their pages (signal again to exit at once)",
		"grace", opts.grace)
	grace := time.NewTimer(opts.grace)
	defer grace.Stop()
	select {
	case err := <-done:
		if err == nil {
			log.Info("stopped cleanly")
		}
		return err
	case <-opts.hardStop:
		return fmt.Errorf("run: second signal, exiting without waiting for running crawls: %w", context.Canceled)
	case <-grace.C:
		return fmt.Errorf("run: running crawls did not stop within %v; exiting (their leased pages will be retaken)", opts.grace)
	}
}

const runUsage = `usage: newsclip run --config FILE [--db FILE] [--listen ADDR] [flags]

Crawl each configured site on its schedule (the site's "schedule" key: a
5-field cron expression, or @hourly, @daily, @every 30m...) until stopped.
A site never runs twice at once; at most --parallel sites run together.
Every run is recorded in the database (see newsclip status).

Signals: the first SIGINT or SIGTERM stops new runs and lets running crawls
finish or release their pages, then closes the database and exits 0 (within
30 s). A second signal exits at once (status 3); the database stays
consistent and unfinished pages are fetched by the next run.

--listen serves Prometheus /metrics and /healthz.

Exit status: 0 stopped cleanly; 1 failed, or crawls did not stop within
30 s; 2 usage or config error; 3 second signal.

Flags:
`

// runConfig is the typed form of the run flags.
type runConfig struct {
	config      string
	db          string
	listen      string
	maxParallel int
	runNow      bool
	logFormat   string
	logLevel    slog.Level
}

func parseRunFlags(args []string, stderr io.Writer) (*runConfig, error) {
	cfg := &runConfig{}
	var level string
	fl := flag.NewFlagSet("run", flag.ContinueOnError)
	fl.StringVar(&cfg.config, "config", "", "the sites `FILE` (YAML, as for crawl)")
	fl.StringVar(&cfg.db, "db", "newsclip.db", "the database `FILE`, created if missing")
	fl.StringVar(&cfg.listen, "listen", "", "serve /metrics and /healthz on `ADDR` (e.g. 127.0.0.1:9090)")
	fl.IntVar(&cfg.maxParallel, "parallel", 4, "sites crawled at the same time")
	fl.BoolVar(&cfg.runNow, "run-now", false, "crawl every site once at start, then follow the schedules")
	fl.StringVar(&cfg.logFormat, "log-format", "auto", "auto (JSON unless stderr is a terminal), json or text")
	fl.StringVar(&level, "log-level", "info", "debug, info, warn or error")
	if err := parseFlags(fl, args, stderr, runUsage); err != nil {
		return nil, err
	}
	switch {
	case fl.NArg() > 0:
		return nil, usagef("run: unexpected argument %q", fl.Arg(0))
	case cfg.config == "":
		return nil, usagef("run: --config is required")
	case cfg.maxParallel < 1:
		return nil, usagef("run: --parallel must be at least 1")
	}
	switch cfg.logFormat {
	case "auto", "json", "text":
	default:
		return nil, usagef("run: --log-format must be auto, json or text")
	}
	l, err := parseLevel(level)
	if err != nil {
		return nil, usagef("run: --log-level: %v", err)
	}
	cfg.logLevel = l
	return cfg, nil
}

func runRun(ctx context.Context, args []string, e env) error {
	cfg, err := parseRunFlags(args, e.stderr)
	if err != nil {
		return err
	}
	fc, err := loadConfig(cfg.config)
	if err != nil {
		return usageError{err}
	}
	jsonLogs := cfg.logFormat == "json" || (cfg.logFormat == "auto" && !isTerminal(e.stderr))
	log := newLogger(e.stderr, jsonLogs, cfg.logLevel)

	// The second signal: main's context is cancelled by the first, and
	// this channel sees both.
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer func() {
		signal.Stop(sigs) // no sends after Stop returns, so close is safe
		close(sigs)
	}()
	hard := secondSignal(sigs)

	ccfg := fc.crawlerConfig()
	var m *runMetrics
	if cfg.listen != "" {
		m = newRunMetrics()
		ccfg.Observer = m
	}
	st, err := sqlite.Open(ctx, cfg.db)
	if err != nil {
		return fmt.Errorf("run: open database: %w", err)
	}
	cr, err := crawler.New(ccfg, st, nil, log)
	if err != nil {
		st.Close()
		return fmt.Errorf("run: %w", err)
	}
	if m != nil {
		if hs, err := st.Health(ctx, time.Now()); err == nil {
			m.setHealth(hs)
		}
		_, stopServer, err := serveMetrics(cfg.listen, m, log)
		if err != nil {
			st.Close()
			return usagef("run: --listen: %v", err)
		}
		defer func() {
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			defer cancel()
			stopServer(sctx)
		}()
	}
	sites := make([]scheduledSite, len(fc.Sites))
	for i, s := range fc.Sites {
		sites[i] = scheduledSite{schedule: s.Schedule, site: s.Site}
	}
	err = runScheduled(ctx, cr, st, schedOptions{
		sites:       sites,
		maxParallel: cfg.maxParallel,
		runAtStart:  cfg.runNow,
		hardStop:    hard,
		metrics:     m,
	}, log)
	if errors.Is(err, context.Canceled) {
		// Second signal: crawls may still be writing; do not close the
		// database under them. Exiting ends them mid-transaction, which
		// SQLite rolls back.
		return err
	}
	if cerr := st.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("run: close database: %w", cerr)
	}
	return err
}

// secondSignal returns a channel closed when sigs delivers its second
// signal.
func secondSignal(sigs <-chan os.Signal) <-chan struct{} {
	hard := make(chan struct{})
	go func() {
		for n := 0; n < 2; n++ {
			if _, ok := <-sigs; !ok {
				return
			}
		}
		close(hard)
	}()
	return hard
}
