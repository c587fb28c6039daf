package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/newsclip/newsclip/crawler"
	"github.com/newsclip/newsclip/schedule"
	"github.com/newsclip/newsclip/store"
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

	for i, next := range sched.Next(time.Now()) {
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

func runRun(ctx context.Context, args []string, e env) error {
	return errors.New("run: config loading not wired yet")
}
