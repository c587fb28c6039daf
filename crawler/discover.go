package crawler

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"
)

// maxSitemapURLs is the most entries read from one sitemap (the protocol's
// own limit).
const maxSitemapURLs = 50_000

// maxListingDepth is the deepest element nesting read in a feed or
// sitemap. Real ones nest under 20 levels (rss > channel > item >
// media:group > media:content; Atom's XHTML content a little deeper).
// gofeed turns unknown elements into extension trees recursively, so a
// hostile body of nested elements cost it time and memory without bound:
// 10 MiB of "<x>" inside an Atom entry took 10 s and 2.2 GB of RSS.
const maxListingDepth = 100

// ErrNotFeed: a feed or sitemap URL returned something that is neither.
var ErrNotFeed = errors.New("not a feed or sitemap")

// discovered is what a feed or sitemap lists.
type discovered struct {
	Pages    []string // article or page URLs
	Sitemaps []string // child sitemaps of a sitemap index
}

// parseListing reads a feed (RSS, Atom, JSON Feed via gofeed) or a sitemap
// (urlset, sitemapindex, Google News sitemap), whichever the body is: sites
// are often wrong about which is which.
func parseListing(body []byte) (discovered, error) {
	switch root := xmlRoot(body); root {
	case "urlset", "sitemapindex":
		return parseSitemap(body)
	}
	if err := checkDepth(body); err != nil {
		return discovered{}, err
	}
	fp := gofeed.NewParser()
	f, err := fp.Parse(bytes.NewReader(body))
	if err != nil {
		return discovered{}, fmt.Errorf("%w: %v", ErrNotFeed, err)
	}
	var d discovered
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		switch {
		case it.Link != "":
			d.Pages = append(d.Pages, it.Link)
		case len(it.Links) > 0:
			d.Pages = append(d.Pages, it.Links[0])
		case strings.HasPrefix(it.GUID, "http"):
			d.Pages = append(d.Pages, it.GUID)
		}
	}
	return d, nil
}

// checkDepth refuses an XML body whose elements nest deeper than
// maxListingDepth, reading it as gofeed will (not strict, so an unclosed
// <br> is closed by its parent's end tag; any declared charset) but
// without building anything, and only up to the first element too deep.
// A body that is not XML (a JSON Feed) or that the tokenizer rejects is
// left to gofeed to judge.
func checkDepth(body []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	dec.CharsetReader = charset.NewReaderLabel
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxListingDepth {
				return fmt.Errorf("%w: elements nested deeper than %d", ErrNotFeed, maxListingDepth)
			}
		case xml.EndElement:
			depth--
		}
	}
}

// xmlRoot returns the local name of the first element, "" if none.
func xmlRoot(body []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	for i := 0; i < 64; i++ {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local
		}
	}
	return ""
}

// parseSitemap streams a sitemap: <url><loc> entries (plain or Google
// News, whose extra elements are skipped) and <sitemap><loc> children of an
// index.
func parseSitemap(body []byte) (discovered, error) {
	var d discovered
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	var parent string // "url" or "sitemap" while inside one
	inLoc := false
	depth := 0
	var loc strings.Builder
	for n := 0; n < maxSitemapURLs; {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(d.Pages)+len(d.Sitemaps) > 0 {
				break // keep what a truncated or sloppy sitemap gave
			}
			return d, fmt.Errorf("parse sitemap: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxListingDepth {
				// The decoder's own stack grows with the nesting.
				if len(d.Pages)+len(d.Sitemaps) > 0 {
					return d, nil
				}
				return d, fmt.Errorf("parse sitemap: %w: elements nested deeper than %d", ErrNotFeed, maxListingDepth)
			}
			switch t.Name.Local {
			case "url", "sitemap":
				parent = t.Name.Local
			case "loc":
				if parent != "" && (t.Name.Space == "" || !strings.Contains(t.Name.Space, "image")) {
					inLoc = true
					loc.Reset()
				}
			}
		case xml.CharData:
			if inLoc {
				loc.Write(t)
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "loc":
				if inLoc {
					inLoc = false
					if u := strings.TrimSpace(loc.String()); u != "" {
						if parent == "sitemap" {
							d.Sitemaps = append(d.Sitemaps, u)
						} else {
							d.Pages = append(d.Pages, u)
						}
						n++
					}
				}
			case "url", "sitemap":
				parent = ""
			}
		}
	}
	return d, nil
}
