package demosite

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFixture(t *testing.T, dir, site, slug, html, meta string) {
	t.Helper()
	d := filepath.Join(dir, site, slug)
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(d, "page.html"), []byte(html), 0o644)
	if meta != "" {
		os.WriteFile(filepath.Join(d, "meta.json"), []byte(meta), 0o644)
	}
}

func get(t *testing.T, url string) (int, string, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Content-Type"), string(b)
}

func TestSite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFixture(t, dir, "a", "one", "<html>one</html>", "")
	writeFixture(t, dir, "b", "two", "<html>two</html>", `{"url":"https://b.example/two","content_type":"text/html; charset=windows-1252"}`)
	site, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site)
	defer srv.Close()
	tests := []struct {
		path, ctype string
		status      int
		contains    []string
	}{
		{"/", "text/html", 200, []string{`href="/a/a/one"`, `/rss.xml`, `/private/`}},
		{"/robots.txt", "text/plain", 200, []string{"Disallow: /private/", "Sitemap: " + srv.URL + "/sitemap.xml"}},
		{"/rss.xml", "application/rss+xml", 200, []string{srv.URL + "/a/b/two"}},
		{"/sitemap.xml", "application/xml", 200, []string{srv.URL + "/a/a/one", srv.URL + "/a/b/two"}},
		{"/a/a/one", "text/html", 200, []string{"one"}},
		{"/a/b/two", "text/html; charset=windows-1252", 200, []string{"two"}},
		{"/private/drafts", "", 403, nil},
		{"/a/zzz/none", "", 404, nil},
	}
	for _, tt := range tests {
		status, ctype, body := get(t, srv.URL+tt.path)
		if status != tt.status || (tt.ctype != "" && !strings.HasPrefix(ctype, tt.ctype)) {
			t.Errorf("%s: %d %q, want %d %q", tt.path, status, ctype, tt.status, tt.ctype)
		}
		for _, c := range tt.contains {
			if !strings.Contains(body, c) {
				t.Errorf("%s: body lacks %q", tt.path, c)
			}
		}
	}
}

func TestLoadRepositoryFixtures(t *testing.T) {
	t.Parallel()
	site, err := Load("../../fixtures")
	if err != nil {
		t.Skip("no fixtures yet:", err)
	}
	if len(site.Pages()) == 0 {
		t.Error("no pages")
	}
}

func TestLoadEmpty(t *testing.T) {
	t.Parallel()
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("Load of an empty dir succeeded")
	}
}

func TestSynthetic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFixture(t, dir, "a", "one", "<html><body><article><p>Hello</p></article></body></html>", "")
	site, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Synthetic(150))
	defer srv.Close()
	if _, _, body := get(t, srv.URL+"/list/1"); !strings.Contains(body, `href="/s/149"`) || strings.Contains(body, "/list/2") {
		t.Errorf("/list/1 = %s", body)
	}
	if _, _, body := get(t, srv.URL+"/list/0"); !strings.Contains(body, `href="/list/1"`) {
		t.Errorf("/list/0 lacks the next link")
	}
	_, _, a := get(t, srv.URL+"/s/3")
	_, _, b := get(t, srv.URL+"/s/4")
	if a == b || !strings.Contains(a, "<p>Copy 3. Hello") {
		t.Errorf("synthetic pages not made unique: %q", a)
	}
	if status, _, _ := get(t, srv.URL+"/s/150"); status != 404 {
		t.Errorf("/s/150: %d", status)
	}
}
