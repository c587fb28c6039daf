package export

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/newsclip/newsclip/extract"
)

// benchRecord is a news-sized article (~600 words in 12 paragraphs).
func benchRecord(i int) Record {
	r := testRecord(i)
	para := strings.Repeat("The council said the works would finish next month, and residents said they were not told. ", 5)
	r.Article.Blocks = nil
	var text []string
	for range 12 {
		r.Article.Blocks = append(r.Article.Blocks, extract.Block{Type: extract.BlockParagraph, Text: para})
		text = append(text, para)
	}
	r.Article.Text = strings.Join(text, "\n\n")
	return r
}

// BenchmarkWrite measures each format on the same 1,000 records; one op
// writes them all. The raw JSONL case is a full export fed the stored JSON.
func BenchmarkWrite(b *testing.B) {
	const n = 1000
	recs := make([]Record, n)
	raws := make([]Record, n)
	var size int64
	for i := range recs {
		recs[i] = benchRecord(i)
		raws[i] = recs[i]
		raws[i].Article = nil
		raws[i].JSON, _ = json.Marshal(recs[i].Article)
		size += int64(len(raws[i].JSON))
	}
	for _, c := range []struct {
		name string
		recs []Record
		f    Format
	}{
		{"jsonl", recs, JSONL},
		{"jsonl-raw", raws, JSONL},
		{"csv", recs, CSV},
		{"parquet", recs, Parquet},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size)
			for b.Loop() {
				st, err := Write(context.Background(), io.Discard, seqOf(c.recs...), Options{Format: c.f})
				if err != nil || st.Records != n {
					b.Fatalf("wrote %d: %v", st.Records, err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
