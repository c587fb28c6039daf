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
