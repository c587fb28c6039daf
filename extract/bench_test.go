package extract_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/newsclip/newsclip/extract"
	"golang.org/x/net/html"
)

// BenchmarkExtract times Extract on each fixture page. Each sub-benchmark
// checks its result once before timing, so a change that is fast because
// it is wrong fails instead of looking like a win. Compare runs with
// benchstat, e.g. `make bench BENCH=Extract`.
func BenchmarkExtract(b *testing.B) {
	ex := newExtractor(b)
	for _, f := range loadFixtures(b) {
		b.Run(f.name, func(b *testing.B) {
			art, err := f.run(ex)
			if want := f.wantErr(); want != nil {
				if !errors.Is(err, want) {
					b.Fatalf("%s: error = %v, want %v", f.name, err, want)
				}
			} else if err != nil || art.Title == "" {
				b.Fatalf("%s: wrong result before timing: error %v, title %q", f.name, err, titleOf(art))
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(f.page)))
			for b.Loop() {
				if _, err := f.run(ex); err != nil && !isSentinel(err) {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParse is the floor under BenchmarkExtract: a bare html.Parse of
// the same bytes, with no decoding and no stages.
func BenchmarkParse(b *testing.B) {
	for _, f := range loadFixtures(b) {
		b.Run(f.name, func(b *testing.B) {
			if _, err := html.Parse(bytes.NewReader(f.page)); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(f.page)))
			for b.Loop() {
				if _, err := html.Parse(bytes.NewReader(f.page)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func titleOf(a *extract.Article) string {
	if a == nil {
		return ""
	}
	return a.Title
}
