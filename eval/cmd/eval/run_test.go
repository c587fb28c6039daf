package main

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/newsclip/newsclip/eval/bench"
	"github.com/newsclip/newsclip/eval/peers"
)

// slowFirst is an extractor that is slow on its first pass only and
// panics on the page named "boom".
type slowFirst struct{ calls map[string]int }

func (slowFirst) Name() string { return "fake" }

func (s slowFirst) Extract(page []byte, _ *url.URL) (peers.Result, error) {
	n := string(page)
	if n == "boom" {
		panic("boom")
	}
	s.calls[n]++
	if s.calls[n] == 1 {
		time.Sleep(20 * time.Millisecond)
	}
	return peers.Result{Text: fmt.Sprintf("call %d", s.calls[n])}, nil
}

func TestRunSetRoundsKeepFirstAnswersAndFastestPass(t *testing.T) {
	t.Parallel()
	pages := []bench.Page{{Name: "a", HTML: []byte("a")}, {Name: "b", HTML: []byte("b")}, {Name: "boom", HTML: []byte("boom")}}
	ex := slowFirst{calls: map[string]int{}}
	r := runSet("s", pages, []peers.Extractor{ex}, 3)
	if ex.calls["a"] != 3 || ex.calls["b"] != 3 {
		t.Errorf("calls %v, want 3 passes", ex.calls)
	}
	if got := r.out[0][0].res.Text; got != "call 1" {
		t.Errorf("answer %q, want the first pass's", got)
	}
	if o := r.out[0][2]; !o.panicked || o.err == nil || !strings.Contains(o.err.Error(), "run_test.go:") {
		t.Errorf("panic not recovered as an error: %+v", r.out[0][2])
	}
	if r.speed[0].total >= 20*time.Millisecond {
		t.Errorf("speed %v: want the fastest pass, not the first (40 ms)", r.speed[0].total)
	}
}
