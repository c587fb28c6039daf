// Command eval scores newsclip and its peers on development sets laid out
// like ../shared/bench/<set>/ (html/<name>.html + expectations.json) and on
// our own labels (eval/labels/<set>/<name>.json), and prints one table per
// set. It never uses the network.
//
//	go run ./cmd/eval -bench ../../shared/bench -out ../docs/benchmarks.md
//	go run ./cmd/eval -bench ../../shared/bench -pages aeb-dev -peers newsclip
//
// Exit codes: 0 done (or bench directory absent: skipped with a message),
// 1 a run error, 2 bad flags.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/newsclip/newsclip/eval/bench"
	"github.com/newsclip/newsclip/eval/peers"
	"github.com/newsclip/newsclip/eval/score"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	bench, out, labels string
	sets, peers        []string
	pages              string
	limit              int
	boot               int
	rounds             int
	speedSets          map[string]bool
	seed               uint64
}

// labelsSet is the -pages value that selects the labelled pages.
const labelsSet = "labels"

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.bench, "bench", "../../shared/bench", "bench directory holding <set>/html and <set>/expectations.json")
	fs.StringVar(&c.out, "out", "", "also write the tables, with date, machine and commit, to this markdown file")
	fs.StringVar(&c.labels, "labels", "labels", "directory of our labels, <set>/<name>.json")
	sets := fs.String("sets", "", "comma-separated sets to run (default: every set in -bench)")
	ps := fs.String("peers", strings.Join(peers.All, ","), "comma-separated extractors; the first is ours, the reference for ΔF1 and speed ratios")
	fs.StringVar(&c.pages, "pages", "", "print per-page scores, worst first, for this set (or \"labels\") and the first of -peers, instead of the tables")
	fs.IntVar(&c.limit, "n", 0, "with -pages: print at most this many pages (0: all)")
	fs.IntVar(&c.boot, "bootstrap", 1000, "bootstrap resamples for the ΔF1 interval")
	fs.Uint64Var(&c.seed, "seed", 1, "bootstrap seed")
	fs.IntVar(&c.rounds, "rounds", 3, "timed passes per extractor on the -speed-sets, taken in turn; the fastest is reported (other sets: one pass)")
	speedSets := fs.String("speed-sets", "aeb-dev", "comma-separated sets timed with -rounds passes (the speed targets are on aeb-dev)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	c.sets = splitList(*sets)
	c.speedSets = map[string]bool{}
	for _, s := range splitList(*speedSets) {
		c.speedSets[s] = true
	}
	c.peers = splitList(*ps)
	if len(c.peers) == 0 {
		return c, errors.New("-peers is empty")
	}
	if c.pages != "" {
		if c.pages != labelsSet {
			c.sets = []string{c.pages}
		} else {
			c.sets = []string{}
		}
		c.peers = c.peers[:1]
	}
	return c, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func run(args []string, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "eval: %v\n", err)
		return 2
	}
	if st, err := os.Stat(c.bench); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "eval: bench directory %s not found; skipping the evaluation (set BENCH_DIR or -bench)\n", c.bench)
		return 0
	}
	exs := make([]peers.Extractor, 0, len(c.peers))
	for _, name := range c.peers {
		ex, err := peers.New(name)
		if err != nil {
			fmt.Fprintf(stderr, "eval: %v\n", err)
			return 2
		}
		exs = append(exs, ex)
	}
	if err := evaluate(c, exs, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "eval: %v\n", err)
		return 1
	}
	return 0
}

func evaluate(c config, exs []peers.Extractor, stdout, stderr io.Writer) error {
	start := time.Now()
	sets := c.sets
	if sets == nil {
		var err error
		if sets, err = bench.Sets(c.bench); err != nil {
			return err
		}
	}
	var report bytes.Buffer
	runs := map[string]setRun{}
	res := results{sets: map[string][]summary{}}
	warm := false
	for _, set := range sets {
		pages, err := bench.Load(c.bench, set)
		if err != nil {
			return err
		}
		if len(pages) == 0 {
			continue
		}
		if !warm {
			warmUp(pages[0], exs)
			warm = true
		}
		fmt.Fprintf(stderr, "eval: %s: %d pages × %d extractors\n", set, len(pages), len(exs))
		rounds := 1
		if c.speedSets[set] {
			rounds = c.rounds
		}
		r := runSet(set, pages, exs, rounds)
		runs[set] = r
		sms := make([]summary, len(exs))
		var per []pageScore
		for i, ex := range exs {
			var ps []pageScore
			sms[i], ps = summarize(ex, r, i)
			if i == 0 {
				per = ps
			}
		}
		if c.pages == set {
			writePages(stdout, set, exs[0].Name(), per, c.limit)
			return nil
		}
		res.sets[set] = sms
		writeSetTable(&report, set, sms, c.boot, c.seed)
	}

	labels, err := score.LoadLabels(c.labels)
	if err != nil {
		return err
	}
	if len(labels) > 0 {
		lps := collectLabelled(c.bench, labels, runs, exs, stderr)
		tots, per := scoreLabelled(lps, exs)
		if c.pages == labelsSet {
			writeLabelPages(stdout, exs[0].Name(), per[0], c.limit)
			return nil
		}
		res.labels = tots
		writeLabelTables(&report, tots, labelSets(lps))
	} else {
		fmt.Fprintf(&report, "No labelled pages in %s yet: the quote, caption and related-link scorers of issue 4 have nothing to score.\n\n", c.labels)
	}
	if c.pages != "" {
		return fmt.Errorf("-pages %s: no such set in %s", c.pages, c.bench)
	}

	elapsed := time.Since(start)
	var head bytes.Buffer
	writeTargets(&head, exs[0].Name(), res)
	head.Write(report.Bytes())
	fmt.Fprint(stdout, head.String())
	fmt.Fprintf(stderr, "eval: done in %s\n", elapsed.Round(time.Second))
	if c.out != "" {
		var doc bytes.Buffer
		writeHeader(&doc, c, elapsed)
		doc.Write(head.Bytes())
		if err := os.WriteFile(c.out, doc.Bytes(), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", c.out, err)
		}
	}
	return nil
}

func labelSets(lps []labelPage) []string {
	seen := map[string]bool{}
	var out []string
	for _, lp := range lps {
		if !seen[lp.labels.Set] {
			seen[lp.labels.Set] = true
			out = append(out, lp.labels.Set)
		}
	}
	sort.Strings(out)
	return out
}

// writePages prints one extractor's per-page scores on one set, worst
// first: by body F1 (or prefix recall), then by the number of field misses.
func writePages(w io.Writer, set, name string, ps []pageScore, limit int) {
	key := func(s pageScore) float64 {
		switch {
		case s.body != nil:
			return s.body.F1()
		case s.prefixRecall != nil:
			return *s.prefixRecall
		}
		return 1
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := key(ps[i]), key(ps[j])
		if a != b {
			return a < b
		}
		return len(ps[i].misses) > len(ps[j].misses)
	})
	fmt.Fprintf(w, "per-page scores on %s, %s, worst first\n\n", set, name)
	for i, s := range ps {
		if limit > 0 && i >= limit {
			break
		}
		line := s.name
		if s.body != nil {
			p, pok := s.body.Precision()
			r, _ := s.body.Recall()
			pp := "—"
			if pok {
				pp = fmt.Sprintf("%.3f", p)
			}
			line += fmt.Sprintf("  P=%s R=%.3f F1=%.3f", pp, r, s.body.F1())
		}
		if s.prefixRecall != nil {
			line += fmt.Sprintf("  prefixR=%.3f starts=%v", *s.prefixRecall, *s.starts)
		}
		var ok, bad []string
		for _, f := range fieldOrder {
			if v, scored := s.fields[f]; scored {
				if v {
					ok = append(ok, f)
				} else {
					bad = append(bad, f)
				}
			}
		}
		if len(ok)+len(bad) > 0 {
			line += fmt.Sprintf("  fields ok=%d/%d", len(ok), len(ok)+len(bad))
		}
		switch {
		case s.panicked:
			line += "  PANIC: " + s.errText
		case s.errText != "":
			line += "  error: " + s.errText
		case s.noContent:
			line += "  (no content)"
		}
		fmt.Fprintln(w, line)
		for _, m := range s.misses {
			fmt.Fprintf(w, "    %s\n", m)
		}
	}
}

// writeHeader states when, where and on which commit the tables were made.
func writeHeader(w io.Writer, c config, elapsed time.Duration) {
	fmt.Fprintln(w, "# Benchmarks")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Generated by `make eval` (`cd eval && go run ./cmd/eval -bench ../../shared/bench -out ../docs/benchmarks.md`); do not edit by hand.")
	fmt.Fprintln(w, "Scoring rules: eval/README.md. Per-page scores: `cd eval && go run ./cmd/eval -bench ../../shared/bench -pages <set> -peers <extractor>`.")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "- date: %s\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "- machine: %s, %s/%s, %d CPUs (shared with other jobs: speeds are indicative, ratios from the same run), %s\n",
		cpuModel(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	fmt.Fprintf(w, "- commit: %s\n", commit())
	fmt.Fprintf(w, "- extractors: %s (the first is ours: ΔF1 and speed ratios are relative to it)\n", strings.Join(c.peers, ", "))
	var speedSets []string
	for s := range c.speedSets {
		speedSets = append(speedSets, s)
	}
	sort.Strings(speedSets)
	fmt.Fprintf(w, "- bootstrap: %d paired resamples, seed %d; speed: fastest of %d passes taken in turn on %s, one pass elsewhere; run time %s\n\n",
		c.boot, c.seed, max(1, c.rounds), strings.Join(speedSets, ", "), elapsed.Round(time.Second))
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, ln := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(ln, "model name") {
			if i := strings.Index(ln, ":"); i >= 0 {
				return strings.TrimSpace(ln[i+1:])
			}
		}
	}
	return "unknown CPU"
}

// commit names the checked-out commit, marked dirty when tracked files
// differ from it (the numbers then describe uncommitted code).
func commit() string {
	out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown (not a git checkout)"
	}
	c := strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(bytes.TrimSpace(st)) > 0 {
		c += " (with uncommitted changes)"
	}
	return c
}
