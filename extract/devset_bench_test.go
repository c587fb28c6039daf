package extract

import (
	"bytes"
	"testing"

	"golang.org/x/net/html"
)

// BenchmarkDevSet compares, in one run, full extraction of every aeb-dev
// page with the bare html.Parse of the same bytes. One op is the whole
// set; pages/s = 91 / (ns/op / 1e9).
//
//	go test ./extract -run '^$' -bench DevSet -benchmem -count 6 | tee new.txt
func BenchmarkDevSet(b *testing.B) {
	dir := devBenchDir()
	if dir == "" {
		b.Skip("../shared/bench not present")
	}
	pages := loadDevPages(b, dir, "aeb-dev")
	total := 0
	for _, p := range pages {
		total += len(p.raw)
	}
	ex := mustNew(b, Options{})
	b.Run("extract", func(b *testing.B) {
		// Check once that the work is real, so a fast but wrong change fails.
		if art, err := ex.Extract(bytes.NewReader(pages[0].raw), pages[0].u); err != nil || art.Text == "" {
			b.Fatalf("%s: %v", pages[0].name, err)
		}
		b.ReportAllocs()
		b.SetBytes(int64(total))
		for i := 0; i < b.N; i++ {
			for _, p := range pages {
				ex.Extract(bytes.NewReader(p.raw), p.u)
			}
		}
		b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
	})
	b.Run("html.Parse", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(total))
		for i := 0; i < b.N; i++ {
			for _, p := range pages {
				if _, err := html.Parse(bytes.NewReader(p.raw)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
	})
}
