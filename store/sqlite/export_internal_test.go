package sqlite

import (
	"context"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/store"
	"github.com/newsclip/newsclip/store/storetest"
)

// TestExportConstantMemory exports 40 MB of stored articles in batches of
// 50 and checks the heap never holds more than a fraction of it: the
// iterator pages by key instead of loading the table.
func TestExportConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 40 MB")
	}
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.UpsertSite(context.Background(), "s"); err != nil {
		t.Fatal(err)
	}
	const n, size = 2000, 20 << 10
	a := storetest.Article("https://a.test/x", "h", func(a *extract.Article) { a.Text = strings.Repeat("x", size) })
	bulkLoad(t, s, n, a)

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapInuse, ms.HeapInuse
	count := 0
	for r, err := range s.ExportArticles(context.Background(), store.ExportQuery{Site: "s", BatchSize: 50, RawOnly: true}) {
		if err != nil {
			t.Fatal(err)
		}
		if len(r.JSON) < size {
			t.Fatalf("record %d has %d bytes of JSON", count, len(r.JSON))
		}
		count++
		if count%100 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	if count != n {
		t.Fatalf("exported %d, want %d", count, n)
	}
	if grew := int64(peak) - int64(base); grew > 16<<20 {
		t.Fatalf("heap grew by %d MB exporting %d MB", grew>>20, n*size>>20)
	}
}
