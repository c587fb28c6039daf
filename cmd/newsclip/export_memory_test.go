package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/newsclip/newsclip/export"
	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/store"
	"github.com/newsclip/newsclip/store/sqlite"
)

// TestExportMemory exports 200,000 generated articles in each format from
// a SQLite database and reports throughput and peak RSS. It takes minutes
// (most of it building the database), so it runs only when asked:
//
//	NEWSCLIP_EXPORT_MEMTEST=1 go test ./cmd/newsclip -run TestExportMemory -v -timeout 30m
//
// NEWSCLIP_EXPORT_MEMTEST_DB=/path/x.db keeps the database between runs;
// NEWSCLIP_EXPORT_MEMTEST_N changes the article count;
// NEWSCLIP_EXPORT_MEMTEST_FORMATS=parquet,csv limits the formats.
func TestExportMemory(t *testing.T) {
	if os.Getenv("NEWSCLIP_EXPORT_MEMTEST") == "" {
		t.Skip("set NEWSCLIP_EXPORT_MEMTEST=1 to run (minutes)")
	}
	n := 200_000
	if v := os.Getenv("NEWSCLIP_EXPORT_MEMTEST_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	dbPath := os.Getenv("NEWSCLIP_EXPORT_MEMTEST_DB")
	if dbPath == "" {
		dbPath = filepath.Join(t.TempDir(), "mem.db")
	}
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.UpsertSite(ctx, "gen"); err != nil {
		t.Fatal(err)
	}
	have := 0
	for range st.ExportArticles(ctx, exportQueryAll()) {
		have++
	}
	if have < n {
		start := time.Now()
		fetched := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := have; i < n; i++ {
			if _, err := st.SaveArticle(ctx, "gen", memArticle(i), fetched.Add(time.Duration(i)*time.Second), 0); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("generated %d articles in %v", n-have, time.Since(start).Round(time.Millisecond))
	}
	if fi, err := os.Stat(dbPath); err == nil {
		t.Logf("database: %d articles, %.0f MB", n, float64(fi.Size())/1e6)
	}
	dir := t.TempDir()
	for _, f := range export.Formats {
		if only := os.Getenv("NEWSCLIP_EXPORT_MEMTEST_FORMATS"); only != "" && !strings.Contains(only, string(f)) {
			continue
		}
		runtime.GC()
		resetPeakRSS(t)
		var heapPeak atomic.Uint64
		stop := make(chan struct{})
		sampled := make(chan struct{})
		go func() { // the Go heap's high-water mark, sampled
			defer close(sampled)
			var ms runtime.MemStats
			for {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > heapPeak.Load() {
					heapPeak.Store(ms.HeapInuse)
				}
				select {
				case <-stop:
					return
				case <-time.After(50 * time.Millisecond):
				}
			}
		}()
		out := filepath.Join(dir, "out."+string(f))
		cpu0 := cpuTime()
		start := time.Now()
		res, err := exportArticles(ctx, st, &exportConfig{format: f, out: out}, nil)
		el := time.Since(start)
		cpu := cpuTime() - cpu0
		close(stop)
		<-sampled
		if err != nil {
			t.Fatal(err)
		}
		if res.Records != int64(n) {
			t.Fatalf("%s: exported %d, want %d", f, res.Records, n)
		}
		rss := peakRSS(t)
		// CPU time as well as wall time: on a shared machine the wall
		// clock says more about the neighbours than about the export.
		t.Logf("%-7s %d articles in %5.1fs wall = %6.0f articles/s (%5.1f CPU s = %6.0f articles per CPU s), file %5.0f MB, peak RSS %4.0f MB, peak Go heap %4.0f MB",
			f, res.Records, el.Seconds(), float64(res.Records)/el.Seconds(), cpu.Seconds(), float64(res.Records)/cpu.Seconds(),
			float64(res.Bytes)/1e6, float64(rss)/1e6, float64(heapPeak.Load())/1e6)
		// 200,000 articles are ~1 GB of JSON: holding them would show.
		if rss > 400<<20 {
			t.Errorf("%s: peak RSS %d MB: not constant memory", f, rss>>20)
		}
		os.Remove(out)
	}
}

func exportQueryAll() store.ExportQuery { return store.ExportQuery{RawOnly: true, BatchSize: 1000} }

// memArticle is a news-sized article (~600 words, two images, two quotes).
func memArticle(i int) *extract.Article {
	a := expArticle("gen", i, day(1+i%28))
	para := fmt.Sprintf("Paragraph of article %d: the council said the works would finish next month, and residents said they were not told. ", i)
	var blocks []extract.Block
	var text []string
	for range 12 {
		p := strings.Repeat(para, 3)
		blocks = append(blocks, extract.Block{Type: extract.BlockParagraph, Text: p})
		text = append(text, p)
	}
	a.Blocks = blocks
	a.Text = strings.Join(text, "\n\n")
	a.Images = append(a.Images, extract.Image{URL: fmt.Sprintf("https://img.example/%d.jpg", i), Caption: "Residents at the meeting", Credit: "PTI"})
	a.Quotes = append(a.Quotes, extract.Quote{Text: "Nobody asked us", Speaker: "A resident", Kind: extract.QuoteInline, Paragraph: 3})
	a.WordCount = 600
	return a
}

// cpuTime is the process's user + system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS resets the kernel's VmHWM for this process (Linux).
func resetPeakRSS(t *testing.T) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Logf("cannot reset peak RSS: %v", err)
	}
}

// peakRSS is VmHWM from /proc/self/status, in bytes.
func peakRSS(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	t.Skip("no VmHWM")
	return 0
}
