package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// TestDevMetadata measures the metadata stage on the public development
// sets (see ../shared/bench/README.md). It runs only with NEWSCLIP_BENCH=1
// and when the sets are present (NEWSCLIP_BENCH_DIR, default
// ../../shared/bench), and prints accuracy per set and field;
// NEWSCLIP_BENCH_MISSES=1 lists the misses, NEWSCLIP_BENCH_FULL=1 runs the
// whole Extract instead of readMetadata alone.
//
//	NEWSCLIP_BENCH=1 go test ./extract -run TestDevMetadata -v
func TestDevMetadata(t *testing.T) {
	if os.Getenv("NEWSCLIP_BENCH") == "" {
		t.Skip("set NEWSCLIP_BENCH=1 to measure on the development sets")
	}
	dir := os.Getenv("NEWSCLIP_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "bench")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no development sets at %s", dir)
	}
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	verbose := os.Getenv("NEWSCLIP_BENCH_MISSES") != ""
	for _, set := range []string{"fundus-dev", "postlight", "mozilla", "goose3"} {
		raw, err := os.ReadFile(filepath.Join(dir, set, "expectations.json"))
		if err != nil {
			t.Logf("%s: %v", set, err)
			continue
		}
		var exp map[string]map[string]any
		if err := json.Unmarshal(raw, &exp); err != nil {
			t.Fatalf("%s: %v", set, err)
		}
		names := make([]string, 0, len(exp))
		for k := range exp {
			names = append(names, k)
		}
		sort.Strings(names)
		sc := map[string]*devScore{}
		score := func(field string) *devScore {
			if sc[field] == nil {
				sc[field] = &devScore{}
			}
			return sc[field]
		}
		for _, name := range names {
			e := exp[name]
			if g, ok := e["expected"].(map[string]any); ok { // goose3 nests its fields
				for k, v := range g {
					e[k] = v
				}
			}
			page, err := os.ReadFile(filepath.Join(dir, set, e["file"].(string)))
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(devStr(e["url"]))
			if u == nil {
				u = &url.URL{}
			}
			a := devMetadata(t, ex, page, u)
			check := func(field string, ok bool, got, want any) {
				score(field).add(ok, fmt.Sprintf("%s: got %q want %q", name, got, want))
			}
			if w, ok := e["title"].(string); ok && w != "" {
				check("title", metaFold(w) == metaFold(a.Title), a.Title, w)
			}
			switch set {
			case "fundus-dev":
				check("authors", devSameSet(devList(e["authors"]), a.Authors), a.Authors, e["authors"])
				// The same on pages whose gold names people only: agencies,
				// desks and the publisher are not authors in our schema.
				people := true
				dp := &pass{ex: ex, art: a}
				for _, n := range devList(e["authors"]) {
					if dp.notAPerson(n, []string{devStr(e["publisher"])}) || domainLike(n) || len(dp.splitAuthors(n)) == 0 {
						people = false
					}
				}
				if people {
					check("authors-people", devSameSet(devList(e["authors"]), a.Authors), a.Authors, e["authors"])
				}
				if w := devStr(e["publishing_date"]); w != "" {
					check("published", devSameDay(w, a, false), devTime(a), w)
				}
			case "postlight":
				check("author", devSameSet(devSplit(devStr(e["author"])), a.Authors), a.Authors, e["author"])
				if w := devStr(e["dek"]); w != "" || a.Subtitle != "" {
					check("dek", metaFold(w) == a.Subtitle, a.Subtitle, w)
				}
				if w := devStr(e["date_published"]); w != "" {
					check("published", devSameDay(w, a, true), devTime(a), w)
				}
			case "mozilla":
				check("byline", devSameSet(devSplit(devStr(e["byline"])), a.Authors), a.Authors, e["byline"])
				check("site_name", metaFold(devStr(e["site_name"])) == a.SiteName, a.SiteName, e["site_name"])
				if w := devStr(e["published_time"]); w != "" {
					check("published", devSameDay(w, a, false), devTime(a), w)
				}
				if w := devStr(e["lang"]); w != "" {
					check("lang", strings.EqualFold(w, a.Language), a.Language, w)
				}
			case "goose3":
				if w, ok := e["authors"]; ok {
					check("authors", devSameSet(devList(w), a.Authors), a.Authors, w)
				}
				if w := devStr(e["publish_date"]); w != "" {
					check("published", devSameDay(w, a, false), devTime(a), w)
				}
			}
		}
		fields := make([]string, 0, len(sc))
		for f := range sc {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		for _, f := range fields {
			s := sc[f]
			t.Logf("%-10s %-10s %3d/%3d = %.3f", set, f, s.ok, s.n, float64(s.ok)/float64(s.n))
			if verbose {
				for _, m := range s.misses {
					t.Logf("    miss %s", m)
				}
			}
		}
	}
}

type devScore struct {
	ok, n  int
	misses []string
}

func (s *devScore) add(ok bool, miss string) {
	s.n++
	if ok {
		s.ok++
	} else {
		s.misses = append(s.misses, miss)
	}
}

// devMetadata runs the metadata stage alone on one page.
func devMetadata(t *testing.T, ex *Extractor, page []byte, u *url.URL) *Article {
	t.Helper()
	if os.Getenv("NEWSCLIP_BENCH_FULL") != "" { // the whole recipe, with completeMetadata
		a, err := ex.Extract(bytes.NewReader(page), u)
		if a == nil {
			t.Fatalf("%s: %v", u, err)
		}
		return a
	}
	root, err := parseHTML(page, "", DefaultMaxNodes)
	if err != nil {
		t.Fatal(err)
	}
	p := &pass{ex: ex, base: u, root: root, doc: goquery.NewDocumentFromNode(root), art: newArticle(u)}
	p.readMetadata()
	return p.art
}

func devStr(v any) string {
	s, _ := v.(string)
	return s
}

func devList(v any) []string {
	var out []string
	if a, ok := v.([]any); ok {
		for _, e := range a {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// devSplit splits a gold byline string into names: "A, B and C"; a leading
// "By" is dropped.
func devSplit(s string) []string {
	s = metaFold(s)
	for _, pre := range []string{"By ", "by ", "Par ", "BY "} {
		s = strings.TrimPrefix(s, pre)
	}
	s = strings.ReplaceAll(s, " and ", ", ")
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func devSameSet(want, got []string) bool {
	norm := func(xs []string) string {
		var ys []string
		for _, x := range xs {
			ys = append(ys, strings.ToLower(metaFold(x)))
		}
		sort.Strings(ys)
		return strings.Join(ys, "\x00")
	}
	return norm(want) == norm(got)
}

// devSameDay compares calendar days, each in its own offset (or both in
// UTC when the gold was normalised to UTC).
func devSameDay(want string, a *Article, utc bool) bool {
	w, ok := parseDate(strings.Replace(want, "+0000", "+00:00", 1))
	if !ok || a.PublishedAt == nil {
		return false
	}
	g := *a.PublishedAt
	if utc {
		w, g = w.UTC(), g.UTC()
	}
	return w.Format("2006-01-02") == g.Format("2006-01-02")
}

func devTime(a *Article) string {
	if a.PublishedAt == nil {
		return ""
	}
	return a.PublishedAt.Format("2006-01-02T15:04:05Z07:00") + " (" + a.Provenance["published_at"] + ")"
}

// devBenchDir is the directory of the development sets, "" when absent.
func devBenchDir() string {
	dir := os.Getenv("NEWSCLIP_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "bench")
	}
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

// devPage is one page of a development set.
type devPage struct {
	set, name string
	raw       []byte
	u         *url.URL
}

func loadDevPages(tb testing.TB, dir string, sets ...string) []devPage {
	tb.Helper()
	var out []devPage
	for _, set := range sets {
		raw, err := os.ReadFile(filepath.Join(dir, set, "expectations.json"))
		if err != nil {
			tb.Fatal(err)
		}
		var exp map[string]map[string]any
		if err := json.Unmarshal(raw, &exp); err != nil {
			tb.Fatalf("%s: %v", set, err)
		}
		names := make([]string, 0, len(exp))
		for k := range exp {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, name := range names {
			file := devStr(exp[name]["file"])
			if file == "" {
				file = filepath.Join("html", name+".html")
			}
			page, err := os.ReadFile(filepath.Join(dir, set, file))
			if err != nil {
				tb.Fatal(err)
			}
			u, _ := url.Parse(devStr(exp[name]["url"]))
			if u == nil {
				u = &url.URL{}
			}
			out = append(out, devPage{set, name, page, u})
		}
	}
	return out
}

// TestDevMetadataSnapshot writes everything readMetadata finds on every
// page of the development sets to the file NEWSCLIP_META_SNAPSHOT names, one
// JSON line per page, so that a rewrite of the stage can be diffed against
// the output before it.
func TestDevMetadataSnapshot(t *testing.T) {
	out := os.Getenv("NEWSCLIP_META_SNAPSHOT")
	if out == "" {
		t.Skip("set NEWSCLIP_META_SNAPSHOT=file to write a snapshot")
	}
	dir := devBenchDir()
	if dir == "" {
		t.Skip("no development sets")
	}
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	for _, pg := range loadDevPages(t, dir, "aeb-dev", "fundus-dev", "postlight", "mozilla", "goose3") {
		root, err := parseHTML(pg.raw, "", DefaultMaxNodes)
		if err != nil {
			fmt.Fprintf(&buf, "%s/%s: %v\n", pg.set, pg.name, err)
			continue
		}
		p := &pass{ex: ex, base: pg.u, root: root, doc: goquery.NewDocumentFromNode(root), art: newArticle(pg.u)}
		p.readMetadata()
		a := p.art
		rec := map[string]any{
			"page": pg.set + "/" + pg.name, "title": a.Title, "subtitle": a.Subtitle, "authors": a.Authors,
			"published": devTime(a), "modified": a.ModifiedAt, "site": a.SiteName, "lang": a.Language,
			"section": a.Section, "tags": a.Tags, "canonical": a.CanonicalURL, "prov": a.Provenance,
			"articleType": p.meta.articleType, "pageType": p.meta.pageType, "bylines": p.meta.bylines,
			"paywalled": p.meta.paywalled, "description": p.meta.description,
			"lead": fmt.Sprintf("%+v", p.meta.lead),
		}
		line, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(line)
		buf.WriteByte('\n')
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkReadMetadata times readMetadata alone on the aeb-dev pages,
// parsed outside the timer (the stage does not edit the tree).
//
//	go test ./extract -run '^$' -bench ReadMetadata -count 6
func BenchmarkReadMetadata(b *testing.B) {
	dir := devBenchDir()
	if dir == "" {
		b.Skip("no development sets")
	}
	ex, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	pages := loadDevPages(b, dir, "aeb-dev")
	roots := make([]*html.Node, len(pages))
	for i, pg := range pages {
		if roots[i], err = parseHTML(pg.raw, "", DefaultMaxNodes); err != nil {
			b.Fatal(err)
		}
	}
	run := func(i int) *Article {
		p := &pass{ex: ex, base: pages[i].u, root: roots[i], art: newArticle(pages[i].u)}
		p.readMetadata()
		return p.art
	}
	titles := 0
	for i := range pages {
		if run(i).Title != "" {
			titles++
		}
	}
	if titles < len(pages)*9/10 {
		b.Fatalf("titles on %d of %d pages before timing", titles, len(pages))
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range pages {
			run(i)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages))/1e6, "ms/page")
}
