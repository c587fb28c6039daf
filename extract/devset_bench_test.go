package extract

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"golang.org/x/net/html"
)

// benchPage is one page of a public development set in ../shared/bench.
type benchPage struct {
	name string
	url  *url.URL
	body []byte
}

// loadBenchSet reads ../../shared/bench/<set> (the layout described in its
// README), or skips the benchmark when it is absent: those pages are not
// ours and never enter the repository.
func loadBenchSet(b *testing.B, set string) []benchPage {
	b.Helper()
	dir := filepath.Join("..", "..", "shared", "bench", set)
	raw, err := os.ReadFile(filepath.Join(dir, "expectations.json"))
	if err != nil {
		b.Skipf("dev set %s not present: %v", set, err)
	}
	var exp map[string]struct {
		URL  string `json:"url"`
		File string `json:"file"`
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		b.Fatal(err)
	}
	var pages []benchPage
	for name, e := range exp {
		body, err := os.ReadFile(filepath.Join(dir, e.File))
		if err != nil {
			b.Fatal(err)
		}
		u, _ := url.Parse(e.URL)
		pages = append(pages, benchPage{name: name, url: u, body: body})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].name < pages[j].name })
	return pages
}

// BenchmarkDevSet compares, in one run, full extraction of every aeb-dev
// page with the bare html.Parse of the same bytes. One op is the whole
// set; pages/s = 91 / (ns/op / 1e9).
//
//	go test ./extract -run '^$' -bench DevSet -benchmem -count 6 | tee new.txt
func BenchmarkDevSet(b *testing.B) {
	pages := loadBenchSet(b, "aeb-dev")
	total := 0
	for _, p := range pages {
		total += len(p.body)
	}
	ex := mustNew(b, Options{})
	b.Run("extract", func(b *testing.B) {
		// Check once that the work is real, so a fast but wrong change fails.
		if art, err := ex.Extract(bytes.NewReader(pages[0].body), pages[0].url); err != nil || art.Text == "" {
			b.Fatalf("%s: %v", pages[0].name, err)
		}
		b.ReportAllocs()
		b.SetBytes(int64(total))
		for i := 0; i < b.N; i++ {
			for _, p := range pages {
				ex.Extract(bytes.NewReader(p.body), p.url)
			}
		}
		b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
	})
	b.Run("html.Parse", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(total))
		for i := 0; i < b.N; i++ {
			for _, p := range pages {
				if _, err := html.Parse(bytes.NewReader(p.body)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
	})
}
