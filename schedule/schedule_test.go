package schedule

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var t0 = time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)

// harness runs a Scheduler on a FakeClock and records its events.
type harness struct {
	t      *testing.T
	clock  *FakeClock
	events chan Event
	cancel context.CancelFunc
	done   chan error
}

func start(t *testing.T, cfg Config, run RunFunc) *harness {
	t.Helper()
	h := &harness{t: t, clock: NewFakeClock(t0), events: make(chan Event, 100), done: make(chan error, 1)}
	cfg.Clock = h.clock
	cfg.OnEvent = func(e Event) { h.events <- e }
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.done <- s.Run(ctx, run) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-h.done:
		case <-time.After(5 * time.Second):
			t.Error("scheduler did not stop")
		}
	})
	return h
}

// advance waits until the scheduler is waiting on its timer, then moves
// the fake clock.
func (h *harness) advance(d time.Duration) {
	h.clock.BlockUntilTimers(1)
	h.clock.Advance(d)
}

func (h *harness) next() Event {
	h.t.Helper()
	select {
	case e := <-h.events:
		return e
	case <-time.After(5 * time.Second):
		h.t.Fatal("no event")
		return Event{}
	}
}

func (h *harness) want(kind EventKind, job string) Event {
	h.t.Helper()
	e := h.next()
	if e.Kind != kind || e.Job != job {
		h.t.Fatalf("event = %v %s (err %v), want %v %s", e.Kind, e.Job, e.Err, kind, job)
	}
	return e
}

func (h *harness) quiet() {
	h.t.Helper()
	select {
	case e := <-h.events:
		h.t.Fatalf("unexpected event %v %s", e.Kind, e.Job)
	case <-time.After(20 * time.Millisecond):
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		spec string
		ok   bool
		next time.Time // after t0 (10:00:00)
	}{
		{"*/15 * * * *", true, t0.Add(15 * time.Minute)},
		{"5 10 * * *", true, t0.Add(5 * time.Minute)},
		{"@hourly", true, t0.Add(time.Hour)},
		{"@every 30s", true, t0.Add(30 * time.Second)},
		{"@daily", true, t0.Add(14 * time.Hour)},
		{"0 */15 * * * *", false, time.Time{}}, // 6 fields: seconds are not cron(8)
		{"every 5 minutes", false, time.Time{}},
		{"", false, time.Time{}},
		{"0 0 30 2 *", false, time.Time{}}, // Feb 30 never fires
	} {
		t.Run(c.spec, func(t *testing.T) {
			t.Parallel()
			s, err := New(Config{Jobs: []Job{{Name: "a", Spec: c.spec}}, Clock: NewFakeClock(t0)})
			if !c.ok {
				if !errors.Is(err, ErrBadSpec) {
					t.Fatalf("err = %v, want ErrBadSpec", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Next(t0)[0]; !got.Equal(c.next) {
				t.Errorf("next = %v, want %v", got, c.next)
			}
		})
	}
	if _, err := New(Config{Jobs: []Job{{"a", "@hourly"}, {"a", "@daily"}}}); err == nil {
		t.Error("duplicate job name accepted")
	}
}

func TestFiresOnSchedule(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var calls []string
	h := start(t, Config{Jobs: []Job{{"fast", "@every 30s"}, {"slow", "*/2 * * * *"}}}, func(ctx context.Context, name string) error {
		mu.Lock()
		calls = append(calls, name)
		mu.Unlock()
		return nil
	})
	h.advance(29 * time.Second)
	h.quiet()
	h.advance(time.Second) // 10:00:30
	e := h.want(Started, "fast")
	if !e.At.Equal(t0.Add(30*time.Second)) || !e.Next.Equal(t0.Add(60*time.Second)) {
		t.Errorf("started at %v next %v", e.At, e.Next)
	}
	h.want(Finished, "fast")
	h.advance(30 * time.Second) // 10:01:00
	h.want(Started, "fast")
	h.want(Finished, "fast")
	h.quiet()
	h.advance(60 * time.Second) // 10:02:00: both due
	got := map[string]int{}
	for range 4 {
		e := h.next()
		got[e.Job+" "+e.Kind.String()]++
	}
	if got["fast started"] != 1 || got["slow started"] != 1 || got["fast finished"] != 1 || got["slow finished"] != 1 {
		t.Errorf("events at 10:02 = %v", got)
	}
	// A long pause is not replayed as a burst: one run, then the schedule
	// continues from the clock's time.
	h.advance(10 * time.Minute)
	for range 4 {
		h.next()
	}
	h.quiet()
	mu.Lock()
	defer mu.Unlock()
	if len(calls) != 6 {
		t.Errorf("calls = %v", calls)
	}
}

func TestNoOverlap(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var running, maxRunning atomic.Int32
	h := start(t, Config{Jobs: []Job{{"site", "@every 10s"}}}, func(ctx context.Context, name string) error {
		n := running.Add(1)
		if n > maxRunning.Load() {
			maxRunning.Store(n)
		}
		defer running.Add(-1)
		<-release
		return nil
	})
	h.advance(10 * time.Second)
	h.want(Started, "site")
	h.advance(10 * time.Second)
	h.want(Skipped, "site")
	h.advance(10 * time.Second)
	h.want(Skipped, "site")
	release <- struct{}{}
	h.want(Finished, "site")
	h.advance(10 * time.Second)
	h.want(Started, "site")
	release <- struct{}{}
	h.want(Finished, "site")
	if maxRunning.Load() != 1 {
		t.Errorf("max concurrent runs of one site = %d", maxRunning.Load())
	}
}

func TestGlobalLimit(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var running, maxRunning atomic.Int32
	h := start(t, Config{MaxParallel: 2, Jobs: []Job{{"a", "@every 10s"}, {"b", "@every 10s"}, {"c", "@every 10s"}}}, func(ctx context.Context, name string) error {
		n := running.Add(1)
		if n > maxRunning.Load() {
			maxRunning.Store(n)
		}
		defer running.Add(-1)
		<-release
		return errors.New(name + " failed")
	})
	h.advance(10 * time.Second)
	h.next()
	h.next()
	h.quiet() // the third waits for a slot
	// Due again while waiting for a slot: skipped, not queued twice.
	h.advance(10 * time.Second)
	skipped := 0
	for range 3 {
		if h.next().Kind == Skipped {
			skipped++
		}
	}
	if skipped != 3 {
		t.Errorf("skipped = %d, want 3 (two running, one waiting)", skipped)
	}
	release <- struct{}{}
	// One run finishes with its error and the waiting job starts, in
	// either order.
	var fin, sta int
	for range 2 {
		switch e := h.next(); {
		case e.Kind == Finished && e.Err != nil:
			fin++
		case e.Kind == Started:
			sta++
		default:
			t.Errorf("event = %+v", e)
		}
	}
	if fin != 1 || sta != 1 {
		t.Errorf("finished %d started %d, want 1 and 1", fin, sta)
	}
	release <- struct{}{}
	release <- struct{}{}
	h.next()
	h.next()
	if maxRunning.Load() != 2 {
		t.Errorf("max running = %d, want 2", maxRunning.Load())
	}
}

func TestStopWaitsForRunningJobs(t *testing.T) {
	t.Parallel()
	clock := NewFakeClock(t0)
	s, err := New(Config{Jobs: []Job{{"site", "@every 1m"}}, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	var finished atomic.Bool
	done := make(chan error, 1)
	go func() {
		done <- s.Run(ctx, func(ctx context.Context, name string) error {
			close(started)
			<-ctx.Done() // the crawl sees the stop, releases its pages...
			time.Sleep(20 * time.Millisecond)
			finished.Store(true) // ...and returns
			return ctx.Err()
		})
	}()
	clock.BlockUntilTimers(1)
	clock.Advance(time.Minute)
	<-started
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if !finished.Load() {
		t.Error("Run returned before the running job finished")
	}
	if n := len(clock.Pending()); n != 0 {
		t.Errorf("%d timers left pending", n)
	}
}

func TestRunAtStart(t *testing.T) {
	t.Parallel()
	h := start(t, Config{RunAtStart: true, Jobs: []Job{{"a", "@hourly"}, {"b", "@daily"}}}, func(ctx context.Context, name string) error { return nil })
	got := map[string]int{}
	for range 4 {
		e := h.next()
		got[e.Job+" "+e.Kind.String()]++
		if e.Kind == Started && !e.At.Equal(t0) {
			t.Errorf("%s started at %v, want %v", e.Job, e.At, t0)
		}
	}
	if got["a started"] != 1 || got["b started"] != 1 {
		t.Errorf("events = %v", got)
	}
	h.advance(59 * time.Minute)
	h.quiet()
	h.advance(time.Minute)
	h.want(Started, "a")
}
