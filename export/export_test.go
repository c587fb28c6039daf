package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/newsclip/newsclip/extract"
)

// testArticle is a fully populated article; n varies its text.
func testArticle(n int) *extract.Article {
	pub := time.Date(2026, 3, 4, 10, 30, 0, 0, time.FixedZone("IST", 5*3600+1800))
	return &extract.Article{
		SchemaVersion: extract.SchemaVersion,
		URL:           fmt.Sprintf("https://news.example/a/%d?x=1&y=2", n),
		CanonicalURL:  fmt.Sprintf("https://news.example/a/%d", n),
		Title:         fmt.Sprintf("Budget, \"bold\" plans %d", n),
		Subtitle:      "Line one\nline two",
		Authors:       []string{"Asha Rao", "Vikram Singh"},
		PublishedAt:   &pub,
		SiteName:      "Example News",
		Language:      "en",
		Section:       "Business",
		Tags:          []string{"budget", "tax"},
		Images: []extract.Image{
			{URL: "https://news.example/lead.jpg", Caption: "The minister, on Tuesday", Credit: "PTI", Width: 1200, Height: 800, Lead: true},
			{URL: "https://news.example/2.jpg", Alt: "chart"},
		},
		Text: "First paragraph.\n\nSecond paragraph.",
		Blocks: []extract.Block{
			{Type: extract.BlockParagraph, Text: "First paragraph."},
			{Type: extract.BlockList, Text: "a\nb", Items: []string{"a", "b"}},
		},
		Quotes:       []extract.Quote{{Text: "We will grow", Speaker: "Asha Rao", SpeakerRaw: "Rao", Cue: "said", Kind: extract.QuoteInline, Paragraph: 0}},
		RelatedLinks: []extract.RelatedLink{{URL: "https://news.example/b", Text: "Earlier story", Label: "Also Read"}},
		Links:        []extract.Link{{URL: "https://gov.example/", Text: "the ministry"}},
		WordCount:    4,
		ContentHash:  "sha256:abc",
		Provenance:   map[string]string{"title": "json-ld"},
		Warnings:     []string{},
	}
}

func testRecord(n int) Record {
	return Record{
		Article:     testArticle(n),
		Site:        "example",
		FetchedAt:   time.Date(2026, 3, 4, 6, 0, n%60, 0, time.UTC),
		FirstSeenAt: time.Date(2026, 3, 4, 5, 0, 0, 0, time.UTC),
		Version:     1 + n%3,
	}
}

func seqOf(recs ...Record) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for _, r := range recs {
			if !yield(r, nil) {
				return
			}
		}
	}
}

func TestJSONLFull(t *testing.T) {
	t.Parallel()
	r0, r1 := testRecord(0), testRecord(1)
	r1.Article.PublishedAt = nil
	var buf bytes.Buffer
	st, err := Write(context.Background(), &buf, seqOf(r0, r1), Options{Format: JSONL})
	if err != nil {
		t.Fatal(err)
	}
	if st.Records != 2 || st.Bytes != int64(buf.Len()) {
		t.Fatalf("stats = %+v, buffer %d bytes", st, buf.Len())
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2", len(lines))
	}
	for i, want := range []Record{r0, r1} {
		var got struct {
			extract.Article
			Site        string    `json:"site"`
			FetchedAt   time.Time `json:"fetched_at"`
			FirstSeenAt time.Time `json:"first_seen_at"`
			Version     int       `json:"version"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if got.Site != want.Site || !got.FetchedAt.Equal(want.FetchedAt) || !got.FirstSeenAt.Equal(want.FirstSeenAt) || got.Version != want.Version {
			t.Errorf("line %d record fields = %q %v %v %d", i, got.Site, got.FetchedAt, got.FirstSeenAt, got.Version)
		}
		wantJSON, _ := json.Marshal(want.Article)
		gotJSON, _ := json.Marshal(&got.Article)
		if !bytes.Equal(wantJSON, gotJSON) {
			t.Errorf("line %d article round trip:\n got %s\nwant %s", i, gotJSON, wantJSON)
		}
	}
	// Article JSON v1 keys come first, the record's after; URLs unescaped.
	if !strings.HasPrefix(lines[0], `{"schema_version":1,"url":"https://news.example/a/0?x=1&y=2"`) {
		t.Errorf("line starts %.80s", lines[0])
	}
	if !strings.Contains(lines[1], `"published_at":null`) {
		t.Errorf("missing date not null: %s", lines[1])
	}
	if !strings.HasSuffix(lines[0], `"site":"example","fetched_at":"2026-03-04T06:00:00Z","first_seen_at":"2026-03-04T05:00:00Z","version":1}`) {
		t.Errorf("line ends %s", lines[0][len(lines[0])-120:])
	}
}

func TestJSONLFields(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	r := testRecord(7)
	r.Article.Tags = nil
	if _, err := Write(context.Background(), &buf, seqOf(r), Options{Format: JSONL, Fields: []string{"version", "url", "tags", "lead_image_url", "published_at"}}); err != nil {
		t.Fatal(err)
	}
	want := `{"version":2,"url":"https://news.example/a/7?x=1&y=2","tags":[],"lead_image_url":"https://news.example/lead.jpg","published_at":"2026-03-04T10:30:00+05:30"}` + "\n"
	if buf.String() != want {
		t.Errorf("got  %s\nwant %s", buf.String(), want)
	}
}

func TestUnknownFieldAndFormat(t *testing.T) {
	t.Parallel()
	for _, f := range Formats {
		_, err := Write(context.Background(), &bytes.Buffer{}, seqOf(), Options{Format: f, Fields: []string{"title", "nope"}})
		if !errors.Is(err, ErrUnknownField) {
			t.Errorf("%s: err = %v, want ErrUnknownField", f, err)
		}
	}
	if _, err := Write(context.Background(), &bytes.Buffer{}, seqOf(), Options{Format: "xml"}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("err = %v, want ErrUnknownFormat", err)
	}
	if _, err := ParseFormat("xlsx"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("ParseFormat err = %v", err)
	}
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	rd := csv.NewReader(bytes.NewReader(b))
	rows, err := rd.ReadAll()
	if err != nil {
		t.Fatalf("read csv back: %v", err)
	}
	return rows
}

func TestCSV(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, seqOf(testRecord(0)), Options{Format: CSV}); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want header + 1", len(rows))
	}
	if !reflect.DeepEqual(rows[0], Columns()) {
		t.Fatalf("header = %v", rows[0])
	}
	got := map[string]string{}
	for i, h := range rows[0] {
		got[h] = rows[1][i]
	}
	want := map[string]string{
		"site":               "example",
		"title":              `Budget, "bold" plans 0`,
		"subtitle":           "Line one\nline two",
		"authors":            "Asha Rao; Vikram Singh",
		"tags":               "budget; tax",
		"published_at":       "2026-03-04T10:30:00+05:30",
		"modified_at":        "",
		"lead_image_url":     "https://news.example/lead.jpg",
		"lead_image_caption": "The minister, on Tuesday",
		"quotes":             `[{"text":"We will grow","speaker":"Asha Rao","speaker_raw":"Rao","cue":"said","kind":"inline","paragraph":0}]`,
		"related_links":      `[{"url":"https://news.example/b","text":"Earlier story","label":"Also Read"}]`,
		"word_count":         "4",
		"fetched_at":         "2026-03-04T06:00:00Z",
		"version":            "1",
		"provenance":         `{"title":"json-ld"}`,
		"warnings":           "",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	var imgs []extract.Image
	if err := json.Unmarshal([]byte(got["images"]), &imgs); err != nil || len(imgs) != 2 || imgs[0].Credit != "PTI" || imgs[0].Width != 1200 {
		t.Errorf("images cell %q: %v", got["images"], err)
	}
}

func TestCSVFormulaInjection(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"},
		{"+1 555", "'+1 555"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"\rcmd", "'\rcmd"},
		{"plain title", "plain title"},
		{"a=b", "a=b"},
		{"", ""},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			r := testRecord(3)
			r.Article.Title = c.in
			r.Article.Authors = []string{c.in}
			r.Article.WordCount = 0
			var buf bytes.Buffer
			if _, err := Write(context.Background(), &buf, seqOf(r), Options{Format: CSV, Fields: []string{"title", "authors", "word_count"}}); err != nil {
				t.Fatal(err)
			}
			rows := readCSV(t, buf.Bytes())
			// encoding/csv reads a bare \r inside quotes back as \n; compare
			// the neutralising prefix and what follows it.
			norm := func(s string) string { return strings.ReplaceAll(s, "\r", "\n") }
			if got := rows[1][0]; norm(got) != norm(c.want) {
				t.Errorf("title cell = %q, want %q", got, c.want)
			}
			if got := rows[1][1]; norm(got) != norm(c.want) {
				t.Errorf("authors cell = %q, want %q", got, c.want)
			}
			if rows[1][2] != "0" {
				t.Errorf("word_count = %q", rows[1][2])
			}
		})
	}
}

func TestCSVEmptyHasHeader(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, seqOf(), Options{Format: CSV, Fields: []string{"url", "title"}}); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "url,title\n" {
		t.Errorf("got %q", buf.String())
	}
}

func TestWriteFileAtomic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "out.jsonl")
	if err := os.WriteFile(path, []byte("previous export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk on fire")
	failing := func(yield func(Record, error) bool) {
		if !yield(testRecord(1), nil) {
			return
		}
		yield(Record{}, boom)
	}
	if _, err := WriteFile(context.Background(), path, failing, Options{Format: JSONL}); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the iterator's error", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "previous export\n" {
		t.Errorf("failed export replaced the file: %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("temp file left behind: %v", ents)
	}
	st, err := WriteFile(context.Background(), path, seqOf(testRecord(1), testRecord(2)), Options{Format: JSONL})
	if err != nil || st.Records != 2 {
		t.Fatalf("WriteFile = %+v, %v", st, err)
	}
	b, _ := os.ReadFile(path)
	if n := bytes.Count(b, []byte("\n")); n != 2 {
		t.Errorf("file has %d lines", n)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v", fi.Mode())
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("temp file left behind: %v", ents)
	}
}

func TestWriteStopsOnCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	endless := func(yield func(Record, error) bool) {
		for i := 0; ; i++ {
			if !yield(testRecord(i), nil) {
				return
			}
		}
	}
	if _, err := Write(ctx, &bytes.Buffer{}, endless, Options{Format: CSV}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestNilArticle(t *testing.T) {
	t.Parallel()
	if _, err := Write(context.Background(), &bytes.Buffer{}, seqOf(Record{Site: "x"}), Options{Format: JSONL}); !errors.Is(err, ErrNoArticle) {
		t.Errorf("err = %v", err)
	}
}

// A record carrying only the stored JSON: JSONL copies it (compacted) with
// the record fields appended; CSV and Parquet decode it.
func TestRawJSONRecord(t *testing.T) {
	t.Parallel()
	want := testRecord(4)
	stored, err := json.MarshalIndent(want.Article, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	raw := want
	raw.Article = nil
	raw.JSON = stored

	var fromArticle, fromRaw bytes.Buffer
	if _, err := Write(context.Background(), &fromArticle, seqOf(want), Options{Format: JSONL}); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(context.Background(), &fromRaw, seqOf(raw), Options{Format: JSONL}); err != nil {
		t.Fatal(err)
	}
	if bytes.Count(fromRaw.Bytes(), []byte("\n")) != 1 {
		t.Fatalf("raw line not compacted: %q", fromRaw.String())
	}
	var a, b map[string]any
	if err := json.Unmarshal(fromArticle.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(fromRaw.Bytes(), &b); err != nil {
		t.Fatalf("raw line is not JSON: %v\n%s", err, fromRaw.String())
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("raw JSONL differs:\n got %s\nwant %s", fromRaw.String(), fromArticle.String())
	}

	var csvOut bytes.Buffer
	if _, err := Write(context.Background(), &csvOut, seqOf(raw), Options{Format: CSV, Fields: []string{"title", "version"}}); err != nil {
		t.Fatal(err)
	}
	if rows := readCSV(t, csvOut.Bytes()); rows[1][0] != want.Article.Title || rows[1][1] != "2" {
		t.Errorf("csv from raw = %v", rows)
	}

	bad := raw
	bad.JSON = []byte(`["not", "an", "object"]`)
	if _, err := Write(context.Background(), &bytes.Buffer{}, seqOf(bad), Options{Format: JSONL}); err == nil {
		t.Error("non-object JSON accepted")
	}
}
