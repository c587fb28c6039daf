package extract

import (
	"errors"
	"time"
)

// SchemaVersion is the version of the Article JSON written by this package.
// Field names are pinned: a change that renames or retypes a field bumps it.
const SchemaVersion = 1

// Article is one news article, the output of Extract. Every slice is
// non-nil after Extract so that JSON always carries arrays, never null.
type Article struct {
	SchemaVersion int      `json:"schema_version"`
	URL           string   `json:"url"`
	CanonicalURL  string   `json:"canonical_url"`
	Title         string   `json:"title"`
	Subtitle      string   `json:"subtitle"`
	Authors       []string `json:"authors"`
	// PublishedAt and ModifiedAt keep the offset the page states; nil when
	// the page gives no date.
	PublishedAt *time.Time `json:"published_at"`
	ModifiedAt  *time.Time `json:"modified_at"`
	SiteName    string     `json:"site_name"`
	Language    string     `json:"language"`
	Section     string     `json:"section"`
	Tags        []string   `json:"tags"`
	Images      []Image    `json:"images"`
	// Text is the body: paragraphs, headings and list items separated by a
	// blank line. No captions, related links, bylines or page chrome.
	Text               string            `json:"text"`
	Blocks             []Block           `json:"blocks"`
	Quotes             []Quote           `json:"quotes"`
	RelatedLinks       []RelatedLink     `json:"related_links"`
	Links              []Link            `json:"links"`
	WordCount          int               `json:"word_count"`
	ReadingTimeMinutes int               `json:"reading_time_minutes"`
	ContentHash        string            `json:"content_hash"`
	Provenance         map[string]string `json:"provenance"`
	Warnings           []string          `json:"warnings"`

	// DeclaredType is the type the page declares for itself in JSON-LD
	// @type, microdata itemtype or og:type ("NewsArticle", "article",
	// "CollectionPage", "website"), empty if none. It is not part of the
	// JSON schema: crawlers use it to tell articles from other pages.
	DeclaredType string `json:"-"`

	declaredArticle bool
}

// IsDeclaredArticle reports whether the page declares itself an article
// (NewsArticle, BlogPosting, og:type article, ...).
func (a *Article) IsDeclaredArticle() bool { return a.declaredArticle }

// Image is one image of the article: the lead image and in-body figures,
// never thumbnails of other stories.
type Image struct {
	URL     string `json:"url"`
	Alt     string `json:"alt"`
	Caption string `json:"caption"` // visible caption without the credit; alt is never promoted
	Credit  string `json:"credit"`  // bare name: "(Photo: PTI)" gives "PTI"
	Width   int    `json:"width"`   // 0 when unknown
	Height  int    `json:"height"`  // 0 when unknown
	Lead    bool   `json:"lead"`
}

// Block types.
const (
	BlockParagraph = "paragraph"
	BlockHeading   = "heading"
	BlockList      = "list"
	BlockQuote     = "quote"
	BlockFigure    = "figure"
	BlockTable     = "table"
	BlockEmbed     = "embed"
)

// Block is one typed piece of the body, in reading order.
type Block struct {
	Type  string   `json:"type"`
	Text  string   `json:"text"`
	Level int      `json:"level,omitempty"` // heading level 1-6
	Items []string `json:"items,omitempty"` // list items, or table rows with cells joined by " | "
}

// Quote kinds.
const (
	QuoteInline     = "inline"
	QuoteBlockquote = "blockquote"
)

// Quote is one direct quotation with the person or organisation it is
// attributed to. Speaker is empty when the article does not say who spoke.
type Quote struct {
	Text       string `json:"text"`
	Speaker    string `json:"speaker"`
	SpeakerRaw string `json:"speaker_raw"`
	Cue        string `json:"cue"`
	Kind       string `json:"kind"`
	Paragraph  int    `json:"paragraph"` // index into Blocks
}

// RelatedLink is an "Also Read" style promo or an entry of an in-body box of
// related stories. Label is the printed prefix ("Also Read"), or empty.
type RelatedLink struct {
	URL   string `json:"url"`
	Text  string `json:"text"`
	Label string `json:"label"`
}

// Link is an ordinary link inside the body text.
type Link struct {
	URL  string `json:"url"`
	Text string `json:"text"`
}

// Errors callers branch on.
var (
	// ErrNotHTML: the input is not an HTML document (binary, empty, JSON...).
	ErrNotHTML = errors.New("not an html document")
	// ErrTooLarge: the input exceeds Options.MaxInputBytes or Options.MaxNodes.
	ErrTooLarge = errors.New("document too large")
	// ErrNoContent: the page has no article body (a section front, an
	// empty page). Extract returns it together with the metadata it found.
	ErrNoContent = errors.New("no article content")
)
