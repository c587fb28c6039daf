package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/newsclip/newsclip/eval/bench"
	"github.com/newsclip/newsclip/eval/peers"
)

// outcome is one extractor's answer on one page.
type outcome struct {
	res      peers.Result
	err      error
	panicked bool
}

// setRun is every extractor's answers on one set, with timings.
type setRun struct {
	set   string
	pages []bench.Page
	// out[e][p] is extractor e on page p.
	out   [][]outcome
	speed []speed
}

type speed struct {
	total  time.Duration
	pages  int
	allocs uint64 // heap allocations over the run
	bytes  uint64 // heap bytes allocated over the run
}

func (s speed) pagesPerSec() float64 {
	if s.total <= 0 {
		return 0
	}
	return float64(s.pages) / s.total.Seconds()
}

// runSet runs each extractor over all pages, one extractor after the other
// on this goroutine with the pages already in memory, so that pages/s is
// single-threaded throughput. A GC before each extractor keeps one
// extractor's garbage from being collected on another's clock. With
// rounds > 1 the passes are repeated in turn (a b c a b c) and the fastest
// pass of each extractor is kept, which damps the noise of a shared
// machine; the answers are those of the first pass.
func runSet(set string, pages []bench.Page, exs []peers.Extractor, rounds int) setRun {
	r := setRun{set: set, pages: pages, out: make([][]outcome, len(exs)), speed: make([]speed, len(exs))}
	for round := 0; round < max(1, rounds); round++ {
		for i, ex := range exs {
			out := make([]outcome, len(pages))
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			var total time.Duration
			for j, p := range pages {
				start := time.Now()
				out[j] = safeExtract(ex, p)
				total += time.Since(start)
			}
			runtime.ReadMemStats(&after)
			sp := speed{
				total:  total,
				pages:  len(pages),
				allocs: after.Mallocs - before.Mallocs,
				bytes:  after.TotalAlloc - before.TotalAlloc,
			}
			if round == 0 {
				r.out[i] = out
				r.speed[i] = sp
			} else if sp.total < r.speed[i].total {
				r.speed[i] = sp
			}
		}
	}
	return r
}

// safeExtract turns a panic into an error so that one bad page cannot stop
// the run; panics are counted apart from errors.
func safeExtract(ex peers.Extractor, p bench.Page) (o outcome) {
	defer func() {
		if v := recover(); v != nil {
			o = outcome{err: fmt.Errorf("panic: %v%s", v, panicSite(debug.Stack())), panicked: true}
		}
	}()
	res, err := ex.Extract(p.HTML, p.URL)
	return outcome{res: res, err: err}
}

// warmUp runs each extractor once on a page before timing, so that lazy
// initialisation (compiled rule tables, regexp engines) is not timed.
func warmUp(p bench.Page, exs []peers.Extractor) {
	for _, ex := range exs {
		safeExtract(ex, p)
	}
}

// panicSite names the innermost frame of the stack below the panic that is
// not in the runtime, so that a per-page report points at the line to fix.
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	seenPanic := false
	for i, ln := range lines {
		if strings.HasPrefix(ln, "panic(") {
			seenPanic = true
			continue
		}
		if !seenPanic || !strings.HasPrefix(ln, "\t") || i == 0 {
			continue
		}
		if fn := lines[i-1]; !strings.HasPrefix(fn, "runtime.") && !strings.HasPrefix(fn, "panic(") {
			file := strings.TrimSpace(ln)
			if j := strings.LastIndex(file, " +0x"); j >= 0 {
				file = file[:j]
			}
			return " at " + file
		}
	}
	return ""
}
