package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/newsclip/newsclip/extract"
)

func TestCheckAddress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		addr string
		ok   bool
	}{
		{"93.184.216.34:443", true},
		{"93.184.216.34:80", true},
		{"[2606:2800:220:1:248:1893:25c8:1946]:443", true},
		{"93.184.216.34:8080", false}, // non-web port
		{"127.0.0.1:80", false},
		{"[::1]:443", false},
		{"10.1.2.3:80", false},
		{"172.16.0.1:80", false},
		{"192.168.1.1:443", false},
		{"169.254.169.254:80", false}, // cloud metadata
		{"[fd00:ec2::254]:80", false},
		{"[fe80::1]:80", false},
		{"0.0.0.0:80", false},
		{"100.64.0.1:80", false},
		{"[::ffff:127.0.0.1]:80", false}, // IPv4-mapped loopback
		{"[::ffff:10.0.0.1]:443", false},
		{"224.0.0.1:80", false},
		{"not-an-ip:80", false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			t.Parallel()
			err := checkAddress(tt.addr)
			if tt.ok && err != nil {
				t.Errorf("checkAddress(%s) = %v, want allowed", tt.addr, err)
			}
			if !tt.ok && !errors.Is(err, ErrForbiddenAddress) {
				t.Errorf("checkAddress(%s) = %v, want ErrForbiddenAddress", tt.addr, err)
			}
		})
	}
}

// TestDialGuardAfterDNS: the guard sees the resolved address, so a public
// name that resolves to loopback is refused at dial time, after the lookup.
func TestDialGuardAfterDNS(t *testing.T) {
	t.Parallel()
	d := &net.Dialer{Timeout: time.Second, Control: dialControl}
	// "localhost" resolves from /etc/hosts without a DNS server.
	for _, addr := range []string{"localhost:80", "127.0.0.1:443", "localhost:8080"} {
		_, err := d.DialContext(context.Background(), "tcp", addr)
		if !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("dial %s: %v, want ErrForbiddenAddress", addr, err)
		}
	}
}

func TestParseListing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		body           string
		pages, indexes []string
	}{
		{"rss", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
<item><link>https://x.com/a</link></item><item><guid>https://x.com/b</guid></item></channel></rss>`,
			[]string{"https://x.com/a", "https://x.com/b"}, nil},
		{"atom", `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
<entry><title>A</title><link href="https://x.com/a"/><id>1</id></entry></feed>`, []string{"https://x.com/a"}, nil},
		{"sitemap index", `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc> https://x.com/s1.xml </loc></sitemap><sitemap><loc>https://x.com/s2.xml.gz</loc></sitemap></sitemapindex>`,
			nil, []string{"https://x.com/s1.xml", "https://x.com/s2.xml.gz"}},
		{"news sitemap with images", `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc>https://x.com/a</loc><news:news><news:title>A</news:title></news:news><image:image><image:loc>https://x.com/a.jpg</image:loc></image:image></url>
<url><loc>https://x.com/b</loc></url></urlset>`, []string{"https://x.com/a", "https://x.com/b"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := parseListing([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if !equalStrings(d.Pages, tt.pages) || !equalStrings(d.Sitemaps, tt.indexes) {
				t.Errorf("got pages %q sitemaps %q, want %q %q", d.Pages, d.Sitemaps, tt.pages, tt.indexes)
			}
		})
	}
	if _, err := parseListing([]byte("<html><body>hi</body></html>")); !errors.Is(err, ErrNotFeed) {
		t.Errorf("html: err = %v, want ErrNotFeed", err)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestParseListingDepth: feeds and sitemaps nested deeper than
// maxListingDepth are refused before gofeed builds them (it took seconds
// and gigabytes on a 10 MiB body of nested elements); real nesting,
// sloppy unclosed tags and a sitemap with entries before the deep part
// still work.
func TestParseListingDepth(t *testing.T) {
	t.Parallel()
	deep := func(n int) string { return strings.Repeat("<x>", n) }
	var sloppy strings.Builder
	sloppy.WriteString(`<rss version="2.0"><channel><title>x</title>`)
	for i := range 3 * maxListingDepth {
		fmt.Fprintf(&sloppy, `<item><link>https://x.com/%d</link><description>a<br>b<p>c</description></item>`, i)
	}
	sloppy.WriteString(`</channel></rss>`)
	xhtml := `<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://x.com/a"/><content type="xhtml">` +
		strings.Repeat("<div>", 30) + "text" + strings.Repeat("</div>", 30) + `</content></entry></feed>`
	tests := []struct {
		name    string
		body    string
		pages   int
		refused bool
	}{
		{"atom entries", `<feed xmlns="http://www.w3.org/2005/Atom">` + strings.Repeat("<entry>", 1<<16), 0, true},
		{"rss extension", `<rss version="2.0"><channel><item><link>https://x.com/a</link>` + deep(1<<16), 0, true},
		{"sitemap", `<urlset>` + deep(1<<16), 0, true},
		{"sitemap entries then deep", `<urlset><url><loc>https://x.com/a</loc></url>` + deep(1<<16), 1, false},
		{"just under the limit", `<rss version="2.0"><channel><item><link>https://x.com/a</link>` +
			deep(maxListingDepth-4) + strings.Repeat("</x>", maxListingDepth-4) + `</item></channel></rss>`, 1, false},
		{"xhtml content", xhtml, 1, false},
		{"sloppy unclosed tags", sloppy.String(), 3 * maxListingDepth, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := parseListing([]byte(tt.body))
			if tt.refused {
				if !errors.Is(err, ErrNotFeed) || !strings.Contains(err.Error(), "nested deeper") {
					t.Errorf("err = %v, want ErrNotFeed for nesting", err)
				}
				return
			}
			if err != nil || len(d.Pages) != tt.pages {
				t.Errorf("got %d pages, %v; want %d", len(d.Pages), err, tt.pages)
			}
		})
	}
}

func FuzzParseListing(f *testing.F) {
	f.Add([]byte(`<urlset><url><loc>https://x.com/a</loc></url></urlset>`))
	f.Add([]byte(`<rss version="2.0"><channel><item><link>https://x.com/a</link></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		parseListing(b) // must not panic
	})
}

func TestGateConcurrencyAndGap(t *testing.T) {
	t.Parallel()
	g := newGates(Config{}.withDefaults()).get("h", 30*time.Millisecond, 2)
	ctx := context.Background()
	r1, _ := g.acquire(ctx)
	start := time.Now()
	r2, _ := g.acquire(ctx)
	if d := time.Since(start); d < 25*time.Millisecond {
		t.Errorf("second start after %v, want the 30ms gap", d)
	}
	done := make(chan struct{})
	go func() {
		r3, _ := g.acquire(ctx) // blocks: two in flight
		r3(true, 0)
		close(done)
	}()
	select {
	case <-done:
		t.Fatal("third acquire did not wait for a free slot")
	case <-time.After(80 * time.Millisecond):
	}
	r1(true, 0)
	<-done
	r2(false, 200*time.Millisecond) // Retry-After holds the host
	start = time.Now()
	r4, _ := g.acquire(ctx)
	r4(true, 0)
	if d := time.Since(start); d < 190*time.Millisecond {
		t.Errorf("acquire after Retry-After 200ms waited %v", d)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	r5, _ := g.acquire(ctx)
	defer r5(true, 0)
	if _, err := g.acquire(cctx); err == nil {
		t.Error("acquire on a cancelled context succeeded")
	}
}

// A page that declares itself an article needs fewer words to count as
// one than an undeclared page.
func TestLooksLikeArticleUsesDeclaredType(t *testing.T) {
	t.Parallel()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	para := strings.Repeat("The ferry will run twice a day from the new pier this summer. ", 4)
	page := func(head string) string {
		return `<html><head>` + head + `</head><body><article><p>` + para + `</p><p>` + para + `</p></article></body></html>`
	}
	declared, err := ex.Extract(strings.NewReader(page(`<meta property="og:type" content="article">`)), nil)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := ex.Extract(strings.NewReader(page("")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !looksLikeArticle(declared) {
		t.Errorf("declared article of %d words not taken as an article", declared.WordCount)
	}
	if looksLikeArticle(plain) {
		t.Errorf("undeclared page of %d words taken as an article", plain.WordCount)
	}
}
