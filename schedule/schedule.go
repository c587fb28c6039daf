// Package schedule runs named jobs on cron schedules: never two runs of the
// same job at once, and at most a global number of jobs at the same time.
//
// Specs are parsed by github.com/robfig/cron/v3 (5-field expressions,
// CRON_TZ=, and descriptors such as @hourly and @every 30s). We use only the
// library's parser and Schedule.Next and keep our own loop, because
// cron.Cron reads the wall clock directly (a test would have to sleep), and
// because we need per-job overlap skipping, a global concurrency limit and
// a stop that waits for running jobs — all on an injectable Clock.
package schedule

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// ErrBadSpec: a schedule that does not parse.
var ErrBadSpec = errors.New("bad schedule")

// Job is a named job and its schedule.
type Job struct {
	Name string
	Spec string // "*/15 * * * *", "@hourly", "@every 30s"
}

// RunFunc runs one job. Its ctx is cancelled when the scheduler stops; it
// should then finish or release the work in hand and return.
type RunFunc func(ctx context.Context, name string) error

// EventKind is what happened to a job.
type EventKind int

// Event kinds.
const (
	// Skipped: the job was due while its previous run was still going
	// (running or waiting for a slot); this firing is dropped.
	Skipped EventKind = iota
	// Started: the run began (it had a slot).
	Started
	// Finished: the run returned; Event.Err is its error.
	Finished
)

func (k EventKind) String() string {
	switch k {
	case Skipped:
		return "skipped"
	case Started:
		return "started"
	case Finished:
		return "finished"
	}
	return fmt.Sprintf("EventKind(%d)", int(k))
}

// Event reports a job's progress to Config.OnEvent.
type Event struct {
	Kind     EventKind
	Job      string
	At       time.Time     // the clock's time of the event
	Duration time.Duration // Finished: how long the run took
	Err      error         // Finished: the run's error
	Next     time.Time     // Skipped, Started: the job's next firing
}

// Config configures a Scheduler.
type Config struct {
	Jobs []Job
	// MaxParallel caps the jobs running at once; 0 means no cap.
	MaxParallel int
	// RunAtStart fires every job once when Run starts, then follows the
	// schedules.
	RunAtStart bool
	// Clock is the time source; nil means the system clock.
	Clock Clock
	// OnEvent, when set, is called for every event, from the goroutine of
	// the job (Started, Finished) or of the loop (Skipped). It must not
	// block for long.
	OnEvent func(Event)
}

// Scheduler fires jobs on their schedules. Build it with New; Run it once.
type Scheduler struct {
	cfg   Config
	clock Clock
	jobs  []job
}

type job struct {
	Job
	sched cron.Schedule
}

// parser accepts the standard 5 fields plus descriptors, as cron(8) does.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Parse checks a schedule spec and returns the cron schedule.
func Parse(spec string) (cron.Schedule, error) {
	s, err := parser.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %w", ErrBadSpec, spec, err)
	}
	return s, nil
}

// New parses every job's schedule; it fails on the first bad one or on a
// duplicate name.
func New(cfg Config) (*Scheduler, error) {
	s := &Scheduler{cfg: cfg, clock: cfg.Clock}
	if s.clock == nil {
		s.clock = SystemClock{}
	}
	seen := map[string]bool{}
	now := s.clock.Now()
	for _, j := range cfg.Jobs {
		if seen[j.Name] {
			return nil, fmt.Errorf("job %q: listed twice", j.Name)
		}
		seen[j.Name] = true
		sc, err := Parse(j.Spec)
		if err != nil {
			return nil, fmt.Errorf("job %q: %w", j.Name, err)
		}
		if sc.Next(now).IsZero() {
			return nil, fmt.Errorf("job %q: %w %q: never fires", j.Name, ErrBadSpec, j.Spec)
		}
		s.jobs = append(s.jobs, job{Job: j, sched: sc})
	}
	return s, nil
}

// Next returns each job's next firing after now, in job order.
func (s *Scheduler) Next(now time.Time) []time.Time {
	out := make([]time.Time, len(s.jobs))
	for i, j := range s.jobs {
		out[i] = j.sched.Next(now)
	}
	return out
}

// Run fires jobs until ctx is done, then waits for the running jobs to
// return (their ctx is cancelled too) and returns nil. A firing missed while
// the process was busy is not replayed: the next one is computed from the
// clock's time (cron semantics).
func (s *Scheduler) Run(ctx context.Context, run RunFunc) error {
	if len(s.jobs) == 0 {
		return errors.New("schedule: no jobs")
	}
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		busy    = make(map[string]bool) // running or waiting for a slot
		slots   chan struct{}
		now     = s.clock.Now()
		next    = s.Next(now)
		emitter = s.cfg.OnEvent
	)
	if emitter == nil {
		emitter = func(Event) {}
	}
	if s.cfg.MaxParallel > 0 {
		slots = make(chan struct{}, s.cfg.MaxParallel)
	}
	defer wg.Wait()

	fire := func(j job, next time.Time) {
		mu.Lock()
		if busy[j.Name] {
			mu.Unlock()
			emitter(Event{Kind: Skipped, Job: j.Name, At: s.clock.Now(), Next: next})
			return
		}
		busy[j.Name] = true
		mu.Unlock()
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The job is free again (and its slot released) before Finished
			// is reported, so a firing after Finished is never skipped.
			done := func() {
				if slots != nil {
					<-slots
				}
				mu.Lock()
				delete(busy, j.Name)
				mu.Unlock()
			}
			if slots != nil {
				select {
				case slots <- struct{}{}:
				case <-ctx.Done():
					mu.Lock()
					delete(busy, j.Name)
					mu.Unlock()
					return
				}
			}
			start := s.clock.Now()
			emitter(Event{Kind: Started, Job: j.Name, At: start, Next: next})
			err := run(ctx, j.Name)
			end := s.clock.Now()
			done()
			emitter(Event{Kind: Finished, Job: j.Name, At: end, Duration: end.Sub(start), Err: err})
		}()
	}

	if s.cfg.RunAtStart {
		for i, j := range s.jobs {
			fire(j, next[i])
		}
	}
	for {
		var earliest time.Time
		for _, t := range next {
			if !t.IsZero() && (earliest.IsZero() || t.Before(earliest)) {
				earliest = t
			}
		}
		if earliest.IsZero() {
			// No job will fire again (a date that has passed for good).
			<-ctx.Done()
			return nil
		}
		timer := s.clock.NewTimer(earliest.Sub(now))
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil
		case <-timer.C():
		}
		if ctx.Err() != nil {
			return nil
		}
		now = s.clock.Now()
		for i, j := range s.jobs {
			if next[i].IsZero() || next[i].After(now) {
				continue
			}
			next[i] = j.sched.Next(now)
			fire(j, next[i])
		}
	}
}
