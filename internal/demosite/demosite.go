// Package demosite serves a small local news site built from our own
// fixture pages (fixtures/<site>/<slug>/page.html), with a home page, a
// robots.txt, an RSS feed and a sitemap, for `make demo` and tests. It is
// read at start-up from whatever fixtures exist.
package demosite

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Page is one fixture page served by the site.
type Page struct {
	Path        string // /a/<site>/<slug>
	ContentType string
	Body        []byte
}

// Site is the demo site. It is an http.Handler.
type Site struct {
	pages  []Page
	byPath map[string]*Page
}

// Load reads every fixtures/<site>/<slug>/page.html under dir, with the
// content type from its meta.json when given.
func Load(dir string) (*Site, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*", "page.html"))
	if err != nil {
		return nil, fmt.Errorf("demosite: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("demosite: no fixtures/*/*/page.html under %s", dir)
	}
	sort.Strings(files)
	s := &Site{byPath: map[string]*Page{}}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("demosite: %w", err)
		}
		d := filepath.Dir(f)
		p := Page{
			Path:        "/a/" + filepath.Base(filepath.Dir(d)) + "/" + filepath.Base(d),
			ContentType: "text/html",
			Body:        body,
		}
		var meta struct {
			ContentType string `json:"content_type"`
		}
		if b, err := os.ReadFile(filepath.Join(d, "meta.json")); err == nil {
			if json.Unmarshal(b, &meta) == nil && meta.ContentType != "" {
				p.ContentType = meta.ContentType
			}
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("demosite: %w", err)
		}
		s.pages = append(s.pages, p)
	}
	for i := range s.pages {
		s.byPath[s.pages[i].Path] = &s.pages[i]
	}
	return s, nil
}

// Pages returns the fixture pages, sorted by path.
func (s *Site) Pages() []Page { return s.pages }

// ServeHTTP serves:
//
//	/             home page linking to every other fixture page and to /private/
//	/robots.txt   disallows /private/, names the sitemap
//	/rss.xml      RSS feed of the pages the home page does not link
//	/sitemap.xml  every page
//	/a/<site>/<slug>  the fixture page
//	/private/...  a page robots.txt forbids (a polite crawler never asks)
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	base := "http://" + r.Host
	switch p := r.URL.Path; {
	case p == "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		var b strings.Builder
		b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>newsclip demo news</title>` +
			`<link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body><h1>newsclip demo news</h1><ul>`)
		for i, pg := range s.pages {
			if i%2 == 0 {
				fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, pg.Path, html.EscapeString(pg.Path))
			}
		}
		b.WriteString(`</ul><p><a href="/private/drafts">Drafts (staff only)</a></p></body></html>`)
		fmt.Fprint(w, b.String())
	case p == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\n\nSitemap: %s/sitemap.xml\n", base)
	case p == "/rss.xml":
		w.Header().Set("Content-Type", "application/rss+xml")
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>newsclip demo news</title><link>%s/</link><description>demo</description>`, base)
		for i, pg := range s.pages {
			if i%2 == 1 {
				fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s</link></item>", html.EscapeString(pg.Path), base, pg.Path)
			}
		}
		b.WriteString("</channel></rss>")
		fmt.Fprint(w, b.String())
	case p == "/sitemap.xml":
		w.Header().Set("Content-Type", "application/xml")
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, pg := range s.pages {
			fmt.Fprintf(&b, "<url><loc>%s%s</loc></url>", base, pg.Path)
		}
		b.WriteString("</urlset>")
		fmt.Fprint(w, b.String())
	case strings.HasPrefix(p, "/private/"):
		http.Error(w, "staff only", http.StatusForbidden)
	default:
		pg := s.byPath[strings.TrimSuffix(p, "/")]
		if pg == nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", pg.ContentType)
		w.Write(pg.Body)
	}
}

// Synthetic is a large site for load tests: n article pages /s/<i>, each a
// fixture page made unique by a marker in every paragraph (so content
// hashes differ), linked 100 to a page from listing pages /list/<p> that
// chain to the next one. The crawl starts at /list/0.
func (s *Site) Synthetic(n int) http.Handler {
	const perList = 100
	var articles []Page
	for _, p := range s.pages {
		if strings.Contains(string(p.Body), "<p") {
			articles = append(articles, p)
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var i int
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		case sscan(r.URL.Path, "/list/%d", &i):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			var b strings.Builder
			b.WriteString("<!doctype html><html><head><title>List</title></head><body><ul>")
			for j := i * perList; j < min((i+1)*perList, n); j++ {
				fmt.Fprintf(&b, `<li><a href="/s/%d">Story %d</a></li>`, j, j)
			}
			b.WriteString("</ul>")
			if (i+1)*perList < n {
				fmt.Fprintf(&b, `<a href="/list/%d">Next</a>`, i+1)
			}
			b.WriteString("</body></html>")
			fmt.Fprint(w, b.String())
		case sscan(r.URL.Path, "/s/%d", &i) && i >= 0 && i < n && len(articles) > 0:
			p := articles[i%len(articles)]
			w.Header().Set("Content-Type", p.ContentType)
			fmt.Fprint(w, markParagraphs(string(p.Body), fmt.Sprintf("Copy %d. ", i)))
		default:
			http.NotFound(w, r)
		}
	})
}

// markParagraphs starts every <p> element's text with mark, so that
// copies of one page extract to different texts.
func markParagraphs(body, mark string) string {
	var b strings.Builder
	for {
		k := strings.Index(body, "<p")
		if k < 0 || k+2 >= len(body) {
			b.WriteString(body)
			return b.String()
		}
		if c := body[k+2]; c != '>' && c != ' ' {
			b.WriteString(body[:k+2])
			body = body[k+2:]
			continue
		}
		e := strings.IndexByte(body[k:], '>')
		if e < 0 {
			b.WriteString(body)
			return b.String()
		}
		b.WriteString(body[:k+e+1])
		b.WriteString(mark)
		body = body[k+e+1:]
	}
}

func sscan(path, format string, v *int) bool {
	n, err := fmt.Sscanf(path, format, v)
	return err == nil && n == 1
}
