package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const goodConfig = `user_agent: "newsclip-test/1.0 (+https://example.org/bot)"
allow_private_addresses: true
workers: 4
lease_duration: 2s
sites:
  - name: demo
    start_urls: ["https://example.com/"]
    feeds: ["https://example.com/rss.xml"]
    sitemaps: ["https://example.com/sitemap.xml"]
    allowed_domains: ["example.com", "www.example.com:8080"]
    article_url_patterns: ["^https://example.com/news/"]
    max_depth: 3
    max_pages: 1000
    delay: 1s
    concurrency: 2
    schedule: "*/15 * * * *"
  - name: second
    feeds: ["https://example.org/feed"]
    schedule: "@every 30s"
`

func writeConfig(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "sites.yaml")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadConfig(t *testing.T) {
	t.Parallel()
	fc, err := loadConfig(writeConfig(t, goodConfig))
	if err != nil {
		t.Fatal(err)
	}
	if fc.UserAgent != "newsclip-test/1.0 (+https://example.org/bot)" || !fc.AllowPrivateAddresses || fc.Workers != 4 || fc.LeaseDuration != 2*time.Second {
		t.Errorf("top level = %+v", fc)
	}
	if len(fc.Sites) != 2 {
		t.Fatalf("sites = %d", len(fc.Sites))
	}
	d := fc.Sites[0]
	if d.Schedule != "*/15 * * * *" || d.Site.Name != "demo" || d.Site.MaxDepth != 3 || d.Site.Delay != time.Second ||
		d.Site.Concurrency != 2 || len(d.Site.Feeds) != 1 || len(d.Site.Sitemaps) != 1 ||
		strings.Join(d.Site.AllowedDomains, ",") != "example.com,www.example.com" {
		t.Errorf("demo = %+v", d)
	}
	s := fc.Sites[1]
	if s.Schedule != "@every 30s" || s.Site.MaxPages != defaultMaxPages || s.Site.Delay != defaultDelay || s.Site.MaxDepth != defaultMaxDepth {
		t.Errorf("defaults not applied: %+v", s)
	}
	cc := fc.crawlerConfig()
	if cc.UserAgent != fc.UserAgent || !cc.AllowPrivateAddresses || cc.LeaseDuration != 2*time.Second {
		t.Errorf("crawler config = %+v", cc)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, yaml string
		want       []string // substrings, each with its line
	}{
		{"unknown top key", "user_agnet: x\nsites:\n  - name: a\n    start_urls: [\"https://a.com/\"]\n", []string{`:1: unknown key "user_agnet"`}},
		{"unknown site key", "sites:\n  - name: a\n    start_urls: [\"https://a.com/\"]\n    delya: 1s\n", []string{`:4: unknown key "delya" in site`}},
		{"bad values", `sites:
  - name: a
    start_urls: ["ftp://a.com/", "https://ok.com/"]
    delay: 1 second
    concurrency: 0
    max_pages: many
    schedule: "every day"
    article_url_patterns: ["(unclosed"]
`, []string{":3: start_urls", ":4: delay", ":5: concurrency", ":6: max_pages", ":7: schedule", ":8: article_url_patterns"}},
		{"bad bool", "allow_private_addresses: maybe\nsites:\n  - name: a\n    feeds: [\"https://a.com/f\"]\n", []string{":1: allow_private_addresses must be true or false"}},
		{"no urls", "sites:\n  - name: a\n", []string{`:2: site "a": give start_urls`}},
		{"duplicate name", "sites:\n  - name: a\n    feeds: [\"https://a.com/f\"]\n  - name: a\n    feeds: [\"https://a.com/g\"]\n", []string{`:4: site name "a" already used on line 2`}},
		{"no sites", "user_agent: x\n", []string{":1: no sites"}},
		{"not yaml", "sites: [\n", []string{"sites.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := loadConfig(writeConfig(t, tt.yaml))
			if err == nil {
				t.Fatal("loadConfig succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nlacks %q", err, w)
				}
			}
		})
	}
}

func TestExampleConfigLoads(t *testing.T) {
	t.Parallel()
	if _, err := loadConfig("../../examples/sites.yaml"); err != nil {
		t.Fatal(err)
	}
}
