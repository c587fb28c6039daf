package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/store/sqlite"
)

// expArticle is a stored test article of site, published at pub (nil: no
// date), with text varying by n.
func expArticle(site string, n int, pub *time.Time) *extract.Article {
	return &extract.Article{
		SchemaVersion: extract.SchemaVersion,
		URL:           fmt.Sprintf("https://%s.example/news/%d", site, n),
		CanonicalURL:  fmt.Sprintf("https://%s.example/news/%d", site, n),
		Title:         fmt.Sprintf("Story %d from %s", n, site),
		Authors:       []string{"Asha Rao"},
		PublishedAt:   pub,
		Tags:          []string{"x", "y"},
		Images:        []extract.Image{{URL: "https://img.example/1.jpg", Caption: "A caption", Lead: true}},
		Text:          fmt.Sprintf("Body of story %d.", n),
		Blocks:        []extract.Block{{Type: extract.BlockParagraph, Text: fmt.Sprintf("Body of story %d.", n)}},
		Quotes:        []extract.Quote{{Text: "We did it", Speaker: "Asha Rao", Kind: extract.QuoteInline}},
		RelatedLinks:  []extract.RelatedLink{},
		Links:         []extract.Link{},
		Warnings:      []string{},
		ContentHash:   fmt.Sprintf("hash-%s-%d", site, n),
		WordCount:     4,
	}
}

// expDB creates a database file with sites a and b and returns its path and
// the open store.
func expDB(t *testing.T) (string, *sqlite.Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "news.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, s := range []string{"a", "b"} {
		if _, err := st.UpsertSite(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	return path, st
}

func expSave(t *testing.T, st *sqlite.Store, site string, a *extract.Article, fetched time.Time) {
	t.Helper()
	if _, err := st.SaveArticle(context.Background(), site, a, fetched, 0); err != nil {
		t.Fatal(err)
	}
}

func day(d int) *time.Time {
	t := time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC)
	return &t
}

// expFixture stores a1 (Mar 1), a2 (Mar 3), b1 (Mar 2) and a3 (no date).
func expFixture(t *testing.T) string {
	t.Helper()
	path, st := expDB(t)
	expSave(t, st, "a", expArticle("a", 1, day(1)), *day(10))
	expSave(t, st, "b", expArticle("b", 1, day(2)), *day(11))
	expSave(t, st, "a", expArticle("a", 2, day(3)), *day(12))
	expSave(t, st, "a", expArticle("a", 3, nil), *day(13))
	return path
}

func jsonlTitles(t *testing.T, out string) []string {
	t.Helper()
	var titles []string
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v struct {
			Title   string `json:"title"`
			Site    string `json:"site"`
			Version int    `json:"version"`
		}
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("bad line %q: %v", sc.Text(), err)
		}
		titles = append(titles, v.Title)
	}
	sort.Strings(titles)
	return titles
}

func TestExportFilters(t *testing.T) {
	t.Parallel()
	db := expFixture(t)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"all", nil, "Story 1 from a|Story 1 from b|Story 2 from a|Story 3 from a"},
		{"site", []string{"--site", "b"}, "Story 1 from b"},
		{"since published", []string{"--since", "2026-03-02"}, "Story 1 from b|Story 2 from a"},
		{"until published", []string{"--until", "2026-03-02T12:00:00Z"}, "Story 1 from a"},
		{"window", []string{"--since", "2026-03-02", "--until", "2026-03-03"}, "Story 1 from b"},
		{"by fetched", []string{"--by", "fetched", "--since", "2026-03-12"}, "Story 2 from a|Story 3 from a"},
		{"site and time", []string{"--site", "a", "--since", "2026-03-02"}, "Story 2 from a"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runCLI(t, "", append([]string{"export", "--db", db}, c.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if got := strings.Join(jsonlTitles(t, out), "|"); got != c.want {
				t.Errorf("titles = %s, want %s", got, c.want)
			}
		})
	}
}

func TestExportJSONLLine(t *testing.T) {
	t.Parallel()
	db := expFixture(t)
	code, out, errOut := runCLI(t, "", "export", "--db", db, "--site", "b")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "exported 1 articles") {
		t.Errorf("stderr = %q", errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	for k, want := range map[string]any{"schema_version": 1.0, "site": "b", "fetched_at": "2026-03-11T12:00:00Z", "first_seen_at": "2026-03-11T12:00:00Z", "version": 1.0, "title": "Story 1 from b"} {
		if got[k] != want {
			t.Errorf("%s = %v, want %v", k, got[k], want)
		}
	}
	if q, _ := got["quotes"].([]any); len(q) != 1 {
		t.Errorf("quotes = %v", got["quotes"])
	}
}

func TestExportFormatsToFiles(t *testing.T) {
	t.Parallel()
	db := expFixture(t)
	dir := t.TempDir()

	csvPath := filepath.Join(dir, "out.csv") // format from the extension
	if code, _, errOut := runCLI(t, "", "export", "--db", db, "--out", csvPath, "--fields", "site,title,authors,published_at,quotes"); code != exitOK {
		t.Fatalf("csv exit %d: %s", code, errOut)
	}
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || strings.Join(rows[0], ",") != "site,title,authors,published_at,quotes" {
		t.Fatalf("csv rows = %v", rows)
	}
	if rows[1][0] != "a" || rows[1][1] != "Story 1 from a" || rows[1][3] != "2026-03-01T12:00:00Z" || !strings.HasPrefix(rows[1][4], `[{"text":"We did it"`) {
		t.Errorf("csv row = %v", rows[1])
	}

	pqPath := filepath.Join(dir, "articles.parquet")
	if code, _, errOut := runCLI(t, "", "export", "--db", db, "--format", "parquet", "--out", pqPath); code != exitOK {
		t.Fatalf("parquet exit %d: %s", code, errOut)
	}
	type row struct {
		Site        string     `parquet:"site"`
		Title       string     `parquet:"title"`
		PublishedAt *time.Time `parquet:"published_at,optional,timestamp(millisecond)"`
		FetchedAt   time.Time  `parquet:"fetched_at,timestamp(millisecond)"`
		Authors     []string   `parquet:"authors,list"`
		Quotes      []struct {
			Text    string `parquet:"text"`
			Speaker string `parquet:"speaker"`
		} `parquet:"quotes,list"`
	}
	got, err := parquet.ReadFile[row](pqPath)
	if err != nil {
		t.Fatalf("read parquet back: %v", err)
	}
	if len(got) != 4 {
		t.Fatalf("parquet rows = %d", len(got))
	}
	r := got[0]
	if r.Site != "a" || r.Title != "Story 1 from a" || r.PublishedAt == nil || !r.PublishedAt.Equal(*day(1)) || !r.FetchedAt.Equal(*day(10)) ||
		len(r.Authors) != 1 || len(r.Quotes) != 1 || r.Quotes[0].Speaker != "Asha Rao" {
		t.Errorf("parquet row = %+v", r)
	}
	if got[3].PublishedAt != nil {
		t.Errorf("undated article published_at = %v, want null", got[3].PublishedAt)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("files in out dir = %v (temp files left?)", ents)
	}
}

func TestExportSinceLast(t *testing.T) {
	t.Parallel()
	db, st := expDB(t)
	expSave(t, st, "a", expArticle("a", 1, day(1)), *day(10))
	expSave(t, st, "a", expArticle("a", 2, day(2)), *day(10))

	export := func(extra ...string) []string {
		t.Helper()
		code, out, errOut := runCLI(t, "", append([]string{"export", "--db", db, "--since-last", "daily"}, extra...)...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		return jsonlTitles(t, out)
	}
	if got := strings.Join(export(), "|"); got != "Story 1 from a|Story 2 from a" {
		t.Fatalf("first export = %s", got)
	}
	if got := export(); len(got) != 0 {
		t.Fatalf("second export with nothing new = %v", got)
	}
	// A new article and a new version of an exported one.
	expSave(t, st, "a", expArticle("a", 3, day(3)), *day(11))
	upd := expArticle("a", 1, day(1))
	upd.Title, upd.ContentHash = "Story 1 from a, corrected", "hash-a-1-v2"
	expSave(t, st, "a", upd, *day(11))

	// A failed export (the output directory does not exist) does not move
	// the cursor.
	code, _, errOut := runCLI(t, "", "export", "--db", db, "--since-last", "daily", "--out", filepath.Join(t.TempDir(), "missing", "x.jsonl"))
	if code != exitFailure || !strings.Contains(errOut, "export:") {
		t.Fatalf("failing export: exit %d: %s", code, errOut)
	}
	if got := strings.Join(export(), "|"); got != "Story 1 from a, corrected|Story 3 from a" {
		t.Fatalf("export after changes = %s", got)
	}
	if got := export(); len(got) != 0 {
		t.Fatalf("export after that = %v", got)
	}
	// Another cursor name starts from the beginning.
	code, out, _ := runCLI(t, "", "export", "--db", db, "--since-last", "weekly")
	if code != exitOK || len(jsonlTitles(t, out)) != 3 {
		t.Fatalf("fresh cursor: exit %d, %q", code, out)
	}
}

func TestExportUsageErrors(t *testing.T) {
	t.Parallel()
	db := expFixture(t)
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad format", []string{"--format", "xml"}, exitUsage, "unknown format"},
		{"bad field", []string{"--fields", "title,colour"}, exitUsage, `unknown column "colour"`},
		{"bad since", []string{"--since", "yesterday"}, exitUsage, "--since"},
		{"bad by", []string{"--by", "modified"}, exitUsage, "--by"},
		{"window reversed", []string{"--since", "2026-03-05", "--until", "2026-03-01"}, exitUsage, "before --until"},
		{"extra arg", []string{"foo"}, exitUsage, "unexpected argument"},
		{"no database", []string{"--db", filepath.Join(t.TempDir(), "nope.db")}, exitFailure, "does not exist"},
		{"unknown site", []string{"--site", "zzz"}, exitFailure, "unknown site"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"export", "--db", db}, c.args...)
			code, out, errOut := runCLI(t, "", args...)
			if code != c.code || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, c.code, c.want)
			}
			if out != "" {
				t.Errorf("stdout = %q", out)
			}
		})
	}
}

func TestParseExportTime(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"2026-03-01":                time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		"2026-03-01T08:30":          time.Date(2026, 3, 1, 8, 30, 0, 0, time.UTC),
		"2026-03-01T08:30:00+05:30": time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC),
		"36h":                       now.Add(-36 * time.Hour),
		"7d":                        now.AddDate(0, 0, -7),
	} {
		got, err := parseExportTime(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseExportTime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-3h", "tomorrow", "2026-13-01"} {
		if _, err := parseExportTime(bad, now); err == nil {
			t.Errorf("parseExportTime(%q) accepted", bad)
		}
	}
}
