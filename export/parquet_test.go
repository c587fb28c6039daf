package export

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

func writeParquet(t *testing.T, opts Options, recs ...Record) *parquet.File {
	t.Helper()
	var buf bytes.Buffer
	opts.Format = Parquet
	if _, err := Write(context.Background(), &buf, seqOf(recs...), opts); err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("open parquet: %v", err)
	}
	return f
}

func TestParquetTypes(t *testing.T) {
	t.Parallel()
	f := writeParquet(t, Options{}, testRecord(0))
	root := f.Root()
	leafType := func(path ...string) parquet.Type {
		t.Helper()
		c := root
		for _, p := range path {
			if c = c.Column(p); c == nil {
				t.Fatalf("no column %s", strings.Join(path, "."))
			}
		}
		return c.Type()
	}
	isTimestamp := func(name string, optional bool) {
		t.Helper()
		c := root.Column(name)
		lt := c.Type().LogicalType()
		ts, ok := logical(lt).(*format.TimestampType)
		if !ok || !ts.IsAdjustedToUTC || ts.Unit.Value.Duration() != time.Millisecond {
			t.Errorf("%s logical type = %v, want TIMESTAMP(MILLIS, UTC)", name, lt)
		}
		if c.Optional() != optional {
			t.Errorf("%s optional = %v", name, c.Optional())
		}
	}
	isTimestamp("published_at", true)
	isTimestamp("fetched_at", false)
	isList := func(name string) *parquet.Column {
		t.Helper()
		c := root.Column(name)
		if lt, ok := logical(c.Type().LogicalType()).(*format.ListType); !ok {
			t.Fatalf("%s logical type = %v, want LIST", name, lt)
		}
		return c.Column("list").Column("element")
	}
	if el := isList("authors"); !isA[*format.StringType](logical(el.Type().LogicalType())) {
		t.Errorf("authors element = %v, want STRING", el.Type())
	}
	isList("tags")
	for name, fields := range map[string][]string{
		"quotes":        {"text", "speaker", "speaker_raw", "cue", "kind", "paragraph"},
		"images":        {"url", "alt", "caption", "credit", "width", "height", "lead"},
		"related_links": {"url", "text", "label"},
		"blocks":        {"type", "text", "level", "items"},
	} {
		el := isList(name)
		if el.Leaf() {
			t.Fatalf("%s element is a leaf, want a struct", name)
		}
		var got []string
		for _, c := range el.Columns() {
			got = append(got, c.Name())
		}
		if strings.Join(got, ",") != strings.Join(fields, ",") {
			t.Errorf("%s struct fields = %v, want %v", name, got, fields)
		}
	}
	if k := leafType("word_count").Kind(); k != parquet.Int32 {
		t.Errorf("word_count kind = %v", k)
	}
	if k := leafType("images", "list", "element", "lead").Kind(); k != parquet.Boolean {
		t.Errorf("images.lead kind = %v", k)
	}
	if lt := root.Column("provenance").Type().LogicalType(); !isA[*format.MapType](logical(lt)) {
		t.Errorf("provenance logical type = %v, want MAP", lt)
	}
	for _, rg := range f.Metadata().RowGroups {
		for _, cc := range rg.Columns {
			if cc.MetaData.Codec != format.Zstd {
				t.Fatalf("column %v codec = %v, want ZSTD", cc.MetaData.PathInSchema, cc.MetaData.Codec)
			}
		}
	}
}

func TestParquetValues(t *testing.T) {
	t.Parallel()
	r0, r1 := testRecord(0), testRecord(1)
	r1.Article.PublishedAt = nil
	r1.Article.Quotes = nil
	f := writeParquet(t, Options{RowGroupRows: 1}, r0, r1)
	if n := len(f.RowGroups()); n != 2 {
		t.Errorf("row groups = %d, want 2 (RowGroupRows 1)", n)
	}
	rd := parquet.NewGenericReader[pqRow](f)
	rows := make([]pqRow, 3)
	n, err := rd.Read(rows)
	if err != nil && err != io.EOF {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("read %d rows", n)
	}
	got := rows[0]
	if got.Title != r0.Article.Title || got.Site != "example" || got.Version != 1 || got.WordCount != 4 {
		t.Errorf("scalars = %q %q %d %d", got.Title, got.Site, got.Version, got.WordCount)
	}
	if got.PublishedAt == nil || !got.PublishedAt.Equal(*r0.Article.PublishedAt) {
		t.Errorf("published_at = %v, want %v", got.PublishedAt, r0.Article.PublishedAt)
	}
	if !got.FetchedAt.Equal(r0.FetchedAt) || !got.FirstSeenAt.Equal(r0.FirstSeenAt) {
		t.Errorf("fetched/first seen = %v %v", got.FetchedAt, got.FirstSeenAt)
	}
	if strings.Join(got.Authors, "|") != "Asha Rao|Vikram Singh" || strings.Join(got.Tags, "|") != "budget|tax" {
		t.Errorf("lists = %v %v", got.Authors, got.Tags)
	}
	if len(got.Quotes) != 1 || got.Quotes[0] != (pqQuote{Text: "We will grow", Speaker: "Asha Rao", SpeakerRaw: "Rao", Cue: "said", Kind: "inline"}) {
		t.Errorf("quotes = %+v", got.Quotes)
	}
	if len(got.Images) != 2 || !got.Images[0].Lead || got.Images[0].Width != 1200 || got.Images[1].Alt != "chart" {
		t.Errorf("images = %+v", got.Images)
	}
	if got.LeadImageURL != "https://news.example/lead.jpg" || got.LeadImageCaption != "The minister, on Tuesday" {
		t.Errorf("lead image = %q %q", got.LeadImageURL, got.LeadImageCaption)
	}
	if len(got.RelatedLinks) != 1 || got.RelatedLinks[0].Label != "Also Read" {
		t.Errorf("related = %+v", got.RelatedLinks)
	}
	if len(got.Blocks) != 2 || strings.Join(got.Blocks[1].Items, ",") != "a,b" {
		t.Errorf("blocks = %+v", got.Blocks)
	}
	if got.Provenance["title"] != "json-ld" {
		t.Errorf("provenance = %v", got.Provenance)
	}
	if rows[1].PublishedAt != nil || len(rows[1].Quotes) != 0 {
		t.Errorf("row 2 published_at %v quotes %v, want null and empty", rows[1].PublishedAt, rows[1].Quotes)
	}
	if got := rows[1].FetchedAt; got.Location() != time.UTC && !got.Equal(r1.FetchedAt) {
		t.Errorf("row 2 fetched_at = %v", got)
	}
}

func TestParquetFields(t *testing.T) {
	t.Parallel()
	f := writeParquet(t, Options{Fields: []string{"url", "published_at", "quotes", "version"}}, testRecord(5))
	var names []string
	for _, c := range f.Root().Columns() {
		names = append(names, c.Name())
	}
	if strings.Join(names, ",") != "url,published_at,quotes,version" {
		t.Fatalf("columns = %v", names)
	}
	type sub struct {
		URL         string     `parquet:"url"`
		PublishedAt *time.Time `parquet:"published_at,optional,timestamp(millisecond)"`
		Quotes      []pqQuote  `parquet:"quotes,list"`
		Version     int32      `parquet:"version"`
	}
	rows := make([]sub, 1)
	if n, err := parquet.NewGenericReader[sub](f).Read(rows); n != 1 || (err != nil && err != io.EOF) {
		t.Fatalf("read %d rows: %v", n, err)
	}
	if rows[0].URL != "https://news.example/a/5?x=1&y=2" || rows[0].Version != 3 || len(rows[0].Quotes) != 1 || rows[0].PublishedAt == nil {
		t.Errorf("row = %+v", rows[0])
	}
}

func logical(lt *format.LogicalType) format.LogicalTypeValue {
	if lt == nil {
		return nil
	}
	return lt.Value
}

func isA[T any](v any) bool { _, ok := v.(T); return ok }

func TestParquetRowGroupBytes(t *testing.T) {
	t.Parallel()
	var recs []Record
	for i := range 5 {
		r := testRecord(i)
		r.Article.Text = strings.Repeat("x", 3000)
		recs = append(recs, r)
	}
	// Each row is about 4 KB by rowSize's estimate: a 9 KB cap closes a
	// group every third row.
	f := writeParquet(t, Options{RowGroupBytes: 9000}, recs...)
	var sizes []int64
	for _, rg := range f.RowGroups() {
		sizes = append(sizes, rg.NumRows())
	}
	if len(sizes) != 2 || sizes[0] != 3 || sizes[1] != 2 {
		t.Errorf("row group sizes = %v, want [3 2]", sizes)
	}
}
