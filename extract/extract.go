package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Options configure an Extractor. The zero value is valid: zero limits take
// the defaults below.
type Options struct {
	// MaxInputBytes is the largest page accepted; a larger one fails with
	// ErrTooLarge. Default 16 MiB.
	MaxInputBytes int64
	// MaxNodes is the largest number of HTML nodes accepted; a larger page
	// fails with ErrTooLarge. Default 500,000.
	MaxNodes int
	// Rules add to the built-in rule tables.
	Rules Rules
}

// Default limits.
const (
	DefaultMaxInputBytes = 16 << 20
	DefaultMaxNodes      = 500_000
)

// Extractor extracts articles. Build one with New and share it.
type Extractor struct {
	opts    Options
	meta    *metaRules
	images  *imageRules
	related *relatedRules
	clean   *cleanRules
	quotes  *quoteRules
}

// New validates opts and compiles the rule tables.
func New(opts Options) (*Extractor, error) {
	if opts.MaxInputBytes < 0 || opts.MaxNodes < 0 {
		return nil, fmt.Errorf("extract: negative limit")
	}
	if opts.MaxInputBytes == 0 {
		opts.MaxInputBytes = DefaultMaxInputBytes
	}
	if opts.MaxNodes == 0 {
		opts.MaxNodes = DefaultMaxNodes
	}
	e := &Extractor{opts: opts}
	var err error
	if e.meta, err = compileMetaRules(opts.Rules); err != nil {
		return nil, fmt.Errorf("extract: metadata rules: %w", err)
	}
	if e.images, err = compileImageRules(opts.Rules); err != nil {
		return nil, fmt.Errorf("extract: image rules: %w", err)
	}
	if e.related, err = compileRelatedRules(opts.Rules); err != nil {
		return nil, fmt.Errorf("extract: related-link rules: %w", err)
	}
	if e.clean, err = compileCleanRules(opts.Rules); err != nil {
		return nil, fmt.Errorf("extract: cleanup rules: %w", err)
	}
	if e.quotes, err = compileQuoteRules(opts.Rules); err != nil {
		return nil, fmt.Errorf("extract: quote rules: %w", err)
	}
	return e, nil
}

// pass holds the state of one Extract call; its methods are the stages.
type pass struct {
	ex   *Extractor
	base *url.URL
	root *html.Node        // the parsed page; stages before findContent may edit it
	doc  *goquery.Document // root, for selector queries
	art  *Article

	meta    pageMeta     // what metadata.go found beyond Article fields
	images  []*imageCand // candidates found by extractImages
	rd      readability.Article
	content *html.Node // readability's cleaned content, nil if none
}

// Extract reads one page and returns its article. pageURL is the page's
// address, used to resolve relative links; it may be nil.
//
// On ErrNoContent the returned Article is still non-nil and carries the
// metadata that was found.
func (e *Extractor) Extract(r io.Reader, pageURL *url.URL) (*Article, error) {
	return e.ExtractWithContentType(r, pageURL, "")
}

// ExtractWithContentType is Extract with the HTTP Content-Type header of the
// response, whose charset takes precedence over the page's own declaration.
func (e *Extractor) ExtractWithContentType(r io.Reader, pageURL *url.URL, contentType string) (*Article, error) {
	raw, err := readLimited(r, e.opts.MaxInputBytes)
	if err != nil {
		return nil, err
	}
	root, err := parseHTML(raw, contentType, e.opts.MaxNodes)
	if err != nil {
		return nil, err
	}
	if pageURL == nil {
		pageURL = &url.URL{}
	}
	p := &pass{
		ex:   e,
		base: pageURL,
		root: root,
		doc:  goquery.NewDocumentFromNode(root),
		art:  newArticle(pageURL),
	}
	p.readMetadata()
	p.extractImages()
	p.extractRelated()
	p.removeBoilerplate()
	p.findContent()
	p.buildBlocks()
	p.completeMetadata()
	p.finishImages()
	p.attributeQuotes()
	p.finish()
	if len(p.art.Blocks) == 0 {
		return p.art, ErrNoContent
	}
	return p.art, nil
}

func newArticle(u *url.URL) *Article {
	return &Article{
		SchemaVersion: SchemaVersion,
		URL:           u.String(),
		Authors:       []string{},
		Tags:          []string{},
		Images:        []Image{},
		Blocks:        []Block{},
		Quotes:        []Quote{},
		RelatedLinks:  []RelatedLink{},
		Links:         []Link{},
		Provenance:    map[string]string{},
		Warnings:      []string{},
	}
}

// finish computes what derives from the blocks: text, counts and hash.
func (p *pass) finish() {
	a := p.art
	a.Text = blocksText(a.Blocks)
	a.WordCount = countWords(a.Text)
	if a.WordCount > 0 {
		a.ReadingTimeMinutes = (a.WordCount + wordsPerMinute - 1) / wordsPerMinute
	}
	if a.Text != "" {
		sum := sha256.Sum256([]byte(normalizeForHash(a.Text)))
		a.ContentHash = "sha256:" + hex.EncodeToString(sum[:])
	}
	if a.CanonicalURL == "" {
		a.CanonicalURL = a.URL
	}
	a.DeclaredType, a.declaredArticle = p.meta.articleType, p.meta.articleType != ""
	if !a.declaredArticle {
		a.DeclaredType = p.meta.pageType
	}
	if p.meta.paywalled {
		a.Warnings = append(a.Warnings, "paywall: the page declares restricted access; the text may be a teaser")
	}
}

const wordsPerMinute = 230

// pageMeta is what readMetadata finds beyond the Article's own fields, for
// the later stages. Owned by metadata.go; other stages only read it.
type pageMeta struct {
	// articleType is the schema.org or OpenGraph type that declared the
	// page an article ("NewsArticle", "article"), empty if none did.
	articleType string
	// pageType is a declared non-article type ("CollectionPage", "website").
	pageType string
	// lead is the lead image named by og:image or JSON-LD image, if any.
	lead leadImage
	// bylines are visible byline and dateline texts, dropped from the body.
	bylines []string
	// paywalled is set when the page declares restricted access
	// (JSON-LD isAccessibleForFree false, a paywall marker).
	paywalled bool
	// description is the page's summary (og:description, meta description).
	description string
}

// leadImage is the image metadata names as the article's main image.
type leadImage struct {
	url, caption, credit string
	width, height        int
}
