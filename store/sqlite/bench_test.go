package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/store"
	"github.com/newsclip/newsclip/store/storetest"
)

// benchArticle is a news-sized article: ~700 words in 14 paragraphs, two
// images, two quotes, links (about 8 KB of JSON).
func benchArticle(url string) *extract.Article {
	para := strings.Repeat("The minister said the new policy would apply from next month. ", 8)
	pub := storetest.T0.Add(-time.Hour)
	return storetest.Article(url, "hash-"+url, func(a *extract.Article) {
		a.Title = "A realistic headline for a benchmark article"
		a.Authors = []string{"A. Reporter"}
		a.PublishedAt = &pub
		a.Images = []extract.Image{{URL: url + "/lead.jpg", Caption: "The minister", Credit: "PTI", Lead: true}, {URL: url + "/2.jpg"}}
		var text []string
		for i := range 14 {
			a.Blocks = append(a.Blocks, extract.Block{Type: extract.BlockParagraph, Text: para})
			text = append(text, para)
			if i%5 == 0 {
				a.Links = append(a.Links, extract.Link{URL: fmt.Sprintf("%s/link%d", url, i), Text: "related"})
			}
		}
		a.Text = strings.Join(text, "\n\n")
		a.Quotes = []extract.Quote{{Text: "We will act", Speaker: "Minister", Kind: extract.QuoteInline}, {Text: "Too late", Speaker: "Opposition", Kind: extract.QuoteInline}}
		a.WordCount = 700
	})
}

// reportCPU reports the process CPU time (user+sys) per op since start: on
// a shared machine wall time mostly measures the neighbours, CPU time
// measures us. Call it after the b.Loop loop.
func reportCPU(b *testing.B, start time.Duration) {
	b.Helper()
	b.ReportMetric(float64(rusage(b)-start)/float64(b.N), "cpu-ns/op")
}

func rusage(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchStore(b *testing.B) *Store {
	b.Helper()
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := s.UpsertSite(context.Background(), "s"); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkSaveArticle measures one SaveArticle transaction per op: a new
// article with its frontier item marked done, as the crawler does.
func BenchmarkSaveArticle(b *testing.B) {
	ctx := context.Background()
	for _, mode := range []string{"new", "unchanged"} {
		b.Run(mode, func(b *testing.B) {
			s := benchStore(b)
			arts := make([]*extract.Article, 1000)
			var batch []store.NewURL
			for i := range arts {
				arts[i] = benchArticle(fmt.Sprintf("https://a.test/story/%d", i))
				batch = append(batch, store.NewURL{URL: arts[i].URL, Host: "a.test"})
			}
			if _, err := s.Enqueue(ctx, "s", batch); err != nil {
				b.Fatal(err)
			}
			items, err := s.Lease(ctx, "s", store.LeaseRequest{Now: storetest.T0, Max: len(arts), LeaseFor: time.Hour})
			if err != nil || len(items) != len(arts) {
				b.Fatal(len(items), err)
			}
			if mode == "unchanged" {
				for _, a := range arts {
					if _, err := s.SaveArticle(ctx, "s", a, storetest.T0, 0); err != nil {
						b.Fatal(err)
					}
				}
			}
			js, _ := json.Marshal(arts[0])
			b.SetBytes(int64(len(js)))
			b.ReportAllocs()
			b.ResetTimer()
			cpu := rusage(b)
			for i := 0; b.Loop(); i++ {
				a := arts[i%len(arts)]
				if mode == "new" && i >= len(arts) {
					// Fresh URL and hash so every op stores a new article.
					c := *a
					c.URL = fmt.Sprintf("%s/%d", a.URL, i)
					c.CanonicalURL, c.ContentHash = c.URL, c.URL
					a = &c
				}
				item := int64(0)
				if i < len(items) {
					item = items[i].ID
				}
				r, err := s.SaveArticle(ctx, "s", a, storetest.T0, item)
				if err != nil {
					b.Fatal(err)
				}
				if i == 0 && string(r.Outcome) != mode {
					b.Fatalf("outcome %s, want %s", r.Outcome, mode)
				}
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkEnqueue measures a page's worth of links (100 URLs in one
// call): half of them new, or all already known (a re-crawled listing).
func BenchmarkEnqueue(b *testing.B) {
	ctx := context.Background()
	for _, mode := range []string{"half-new", "all-known"} {
		b.Run(mode, func(b *testing.B) {
			s := benchStore(b)
			page := func(i int) []store.NewURL {
				batch := make([]store.NewURL, 100)
				for j := range batch {
					n := i*50 + j // j < 50 repeat the previous page's second half
					if mode == "all-known" {
						n = j
					}
					url := fmt.Sprintf("https://a.test/section/%d", n)
					batch[j] = store.NewURL{URL: url, OriginalURL: url, Host: "a.test", Kind: store.KindArticle, Depth: 1, DiscoveredFrom: "https://a.test/"}
				}
				return batch
			}
			if _, err := s.Enqueue(ctx, "s", page(0)); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			cpu := rusage(b)
			for i := 1; b.Loop(); i++ {
				added, err := s.Enqueue(ctx, "s", page(i))
				if err != nil {
					b.Fatal(err)
				}
				if want := map[string]int{"half-new": 50, "all-known": 0}[mode]; added != want {
					b.Fatalf("added %d, want %d", added, want)
				}
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkLeaseReschedule leases 8 items across 4 hosts (2 per host) from
// a 50,000-item frontier and hands each back (Reschedule costs what
// Complete does, and keeps the queue from running dry).
func BenchmarkLeaseReschedule(b *testing.B) {
	ctx := context.Background()
	s := benchStore(b)
	var batch []store.NewURL
	for i := range 50_000 {
		host := fmt.Sprintf("h%d.test", i%4)
		batch = append(batch, store.NewURL{URL: fmt.Sprintf("https://%s/%d", host, i), Host: host})
	}
	if _, err := s.Enqueue(ctx, "s", batch); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := rusage(b)
	for b.Loop() {
		items, err := s.Lease(ctx, "s", store.LeaseRequest{Now: storetest.T0, Max: 8, PerHostInFlight: 2, LeaseFor: time.Minute})
		if err != nil || len(items) != 8 {
			b.Fatal(len(items), err)
		}
		for _, it := range items {
			if err := s.Reschedule(ctx, it.ID, storetest.T0, 1, ""); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, cpu)
}

// bulkLoad stores n articles in one transaction through the same
// statements SaveArticle uses (SaveArticle one by one would take minutes).
func bulkLoad(tb testing.TB, s *Store, n int, a *extract.Article) {
	tb.Helper()
	ctx := context.Background()
	js, err := json.Marshal(a)
	if err != nil {
		tb.Fatal(err)
	}
	f := flagsOf(a)
	err = s.tx(ctx, func(tx *sql.Tx) error {
		ins, ver := tx.Stmt(s.stmts.insArticle), tx.Stmt(s.stmts.insVersion)
		for i := range n {
			url := fmt.Sprintf("https://a.test/%d", i)
			r, err := ins.Exec(1, url, url, toNanos(storetest.T0))
			if err != nil {
				return err
			}
			id, _ := r.LastInsertId()
			if _, err := ver.Exec(id, 1, 1, url, url, url, toNanos(storetest.T0), nullNanos(a.PublishedAt),
				f.title, f.published, f.author, f.leadImage, f.caption, f.quotes, js); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkExport100k iterates 100,000 stored articles (about 2.5 KB of
// JSON each) per op, raw and decoded. Memory per op stays at the batch
// size whatever the table size: compare B/op with the data size.
func BenchmarkExport100k(b *testing.B) {
	const n = 100_000
	s := benchStore(b)
	a := benchArticle("https://a.test/x")
	a.Blocks = a.Blocks[:2]
	a.Text = a.Blocks[0].Text
	bulkLoad(b, s, n, a)
	for _, raw := range []bool{true, false} {
		b.Run(fmt.Sprintf("raw=%v", raw), func(b *testing.B) {
			b.ReportAllocs()
			var ms runtime.MemStats
			var peak uint64
			cpu := rusage(b)
			for b.Loop() {
				count := 0
				for r, err := range s.ExportArticles(context.Background(), store.ExportQuery{Site: "s", RawOnly: raw, BatchSize: 1000}) {
					if err != nil {
						b.Fatal(err)
					}
					if !raw && r.Article.Title == "" {
						b.Fatal("not decoded")
					}
					count++
					if count%10_000 == 0 {
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapInuse)
					}
				}
				if count != n {
					b.Fatalf("exported %d, want %d", count, n)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			reportCPU(b, cpu)
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}
