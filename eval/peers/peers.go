// Package peers wraps newsclip and the extractors it is compared with
// behind one interface, so that every extractor sees the same bytes and is
// scored by the same code.
package peers

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/newsclip/newsclip/eval/score"
	"github.com/newsclip/newsclip/extract"
)

// Result is what an extractor returned, in the terms the scorers use. The
// Has* flags say which fields the extractor returns at all: a field it does
// not return is shown as "—", not scored as a miss.
type Result struct {
	Text      string
	Title     string
	Authors   []string
	Byline    string
	Published *time.Time
	SiteName  string
	Language  string
	Images    []score.PredImage
	Quotes    []score.PredQuote
	Related   []score.PredLink

	HasMeta, HasImages, HasQuotes, HasRelated bool
	// NoContent: the extractor said the page has no article (newsclip's
	// ErrNoContent); not counted as an error.
	NoContent bool
}

// Extractor is one extractor under test.
type Extractor interface {
	Name() string
	Extract(page []byte, pageURL *url.URL) (Result, error)
}

// Names of the extractors, in table order.
const (
	Newsclip        = "newsclip"
	Readeck         = "readeck"
	Trafilatura     = "trafilatura"
	TrafilaturaNoFB = "trafilatura-nofallback"
	VisibleText     = "visible-text"
)

// All lists every extractor name, in table order.
var All = []string{Newsclip, Readeck, Trafilatura, TrafilaturaNoFB, VisibleText}

// ErrUnknown is returned by New for a name not in All.
var ErrUnknown = errors.New("unknown extractor")

// New builds the named extractor.
func New(name string) (Extractor, error) {
	switch name {
	case Newsclip:
		ex, err := extract.New(extract.Options{})
		if err != nil {
			return nil, fmt.Errorf("peers: newsclip: %w", err)
		}
		return newsclip{ex}, nil
	case Readeck:
		return readeck{}, nil
	case Trafilatura:
		return trafila{fallback: true}, nil
	case TrafilaturaNoFB:
		return trafila{fallback: false}, nil
	case VisibleText:
		return visible{}, nil
	}
	return nil, fmt.Errorf("peers: %q: %w (known: %s)", name, ErrUnknown, strings.Join(All, ", "))
}

type newsclip struct{ ex *extract.Extractor }

func (newsclip) Name() string { return Newsclip }

func (n newsclip) Extract(page []byte, u *url.URL) (Result, error) {
	art, err := n.ex.Extract(bytes.NewReader(page), u)
	r := Result{HasMeta: true, HasImages: true, HasQuotes: true, HasRelated: true}
	if errors.Is(err, extract.ErrNoContent) {
		r.NoContent, err = true, nil
	}
	if err != nil {
		return r, err
	}
	if art == nil {
		return r, errors.New("nil article without error")
	}
	r.Text, r.Title, r.Authors = art.Text, art.Title, art.Authors
	r.Byline = strings.Join(art.Authors, ", ")
	r.Published, r.SiteName, r.Language = art.PublishedAt, art.SiteName, art.Language
	for _, im := range art.Images {
		r.Images = append(r.Images, score.PredImage{URL: im.URL, Caption: im.Caption, Credit: im.Credit})
	}
	for _, q := range art.Quotes {
		r.Quotes = append(r.Quotes, score.PredQuote{Text: q.Text, Speaker: q.Speaker})
	}
	for _, l := range art.RelatedLinks {
		r.Related = append(r.Related, score.PredLink{URL: l.URL, Text: l.Text, Label: l.Label})
	}
	return r, nil
}

type readeck struct{}

func (readeck) Name() string { return Readeck }

func (readeck) Extract(page []byte, u *url.URL) (Result, error) {
	r := Result{HasMeta: true}
	a, err := readability.FromReader(bytes.NewReader(page), u)
	if err != nil {
		return r, err
	}
	if a.Node != nil {
		var b strings.Builder
		if err := a.RenderText(&b); err != nil {
			return r, err
		}
		r.Text = b.String()
	}
	r.Title, r.Byline, r.SiteName, r.Language = a.Title(), a.Byline(), a.SiteName(), a.Language()
	r.Authors = score.SplitNames(r.Byline)
	if t, err := a.PublishedTime(); err == nil && !t.IsZero() {
		r.Published = &t
	}
	return r, nil
}

type trafila struct{ fallback bool }

func (t trafila) Name() string {
	if t.fallback {
		return Trafilatura
	}
	return TrafilaturaNoFB
}

func (t trafila) Extract(page []byte, u *url.URL) (Result, error) {
	r := Result{HasMeta: true}
	res, err := trafilatura.Extract(bytes.NewReader(page), trafilatura.Options{
		OriginalURL:     u,
		EnableFallback:  t.fallback,
		ExcludeComments: true,
	})
	if err != nil {
		return r, err
	}
	m := res.Metadata
	r.Text, r.Title, r.SiteName, r.Language = res.ContentText, m.Title, m.Sitename, m.Language
	// go-trafilatura joins several authors with "; ".
	r.Authors = score.SplitNames(m.Author)
	r.Byline = strings.Join(r.Authors, ", ")
	if !m.Date.IsZero() {
		d := m.Date
		r.Published = &d
	}
	return r, nil
}

// visible is the floor every extractor must beat: all text nodes outside
// script, style, noscript and template, one per line.
type visible struct{}

func (visible) Name() string { return VisibleText }

func (visible) Extract(page []byte, _ *url.URL) (Result, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return Result{}, err
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			}
		}
		if n.Type == html.TextNode {
			if t := strings.TrimSpace(n.Data); t != "" {
				b.WriteString(t)
				b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return Result{Text: b.String()}, nil
}
