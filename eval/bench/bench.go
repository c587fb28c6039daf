// Package bench reads the development sets laid out as
// <dir>/<set>/html/<name>.html + <dir>/<set>/expectations.json and turns
// each set's own expectation format into one Gold shape.
package bench

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsclip/newsclip/eval/score"
)

// ErrNoSet is returned by Load for a set directory without expectations.
var ErrNoSet = errors.New("no such set")

// Page is one page of a set, its bytes preloaded.
type Page struct {
	Set, Name string
	URL       *url.URL
	HTML      []byte
	Gold      Gold
}

// Gold is what a set expects of a page. A nil pointer or a false Has* is a
// field the set does not give for this page (not scored).
type Gold struct {
	// Body is the full article body (aeb-dev articleBody; fundus-dev summary
	// and section paragraphs joined).
	Body *string
	// BodyPrefix is the start of the body only (goose3 cleaned_text,
	// postlight content_first_words): scored on recall and on the
	// prediction starting with it.
	BodyPrefix *string

	Title *string

	// Authors is the expected set of names; HasAuthors false when the set
	// does not say. An empty list with HasAuthors means "no author".
	Authors    []string
	HasAuthors bool
	// Byline is mozilla's byline string, compared as a string.
	Byline *string

	Date     *score.Date
	SiteName *string
	Language *string

	// Images with captions and credits (fundus-dev); HasImages false when
	// the set gives no image list for the page.
	Captions  []string
	Credits   []string
	HasImages bool

	// Readerable is mozilla's flag; nil elsewhere.
	Readerable *bool
}

// Sets lists the set names under dir (directories with expectations.json).
func Sets(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list sets: %w", err)
	}
	var out []string
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, e.Name(), "expectations.json")); err == nil {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// Load reads one set: every page's bytes and its gold, sorted by name.
func Load(dir, set string) ([]Page, error) {
	raw, err := os.ReadFile(filepath.Join(dir, set, "expectations.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("load %s: %w", set, ErrNoSet)
	}
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", set, err)
	}
	var exp map[string]json.RawMessage
	if err := json.Unmarshal(raw, &exp); err != nil {
		return nil, fmt.Errorf("load %s: expectations: %w", set, err)
	}
	names := make([]string, 0, len(exp))
	for n := range exp {
		names = append(names, n)
	}
	sort.Strings(names)
	pages := make([]Page, 0, len(names))
	for _, name := range names {
		var common struct {
			URL  string `json:"url"`
			File string `json:"file"`
		}
		if err := json.Unmarshal(exp[name], &common); err != nil {
			return nil, fmt.Errorf("load %s/%s: %w", set, name, err)
		}
		if common.File == "" {
			common.File = "html/" + name + ".html"
		}
		html, err := os.ReadFile(filepath.Join(dir, set, common.File))
		if err != nil {
			return nil, fmt.Errorf("load %s/%s: %w", set, name, err)
		}
		u, err := url.Parse(common.URL)
		if err != nil {
			return nil, fmt.Errorf("load %s/%s: url: %w", set, name, err)
		}
		g, err := parseGold(set, exp[name])
		if err != nil {
			return nil, fmt.Errorf("load %s/%s: %w", set, name, err)
		}
		pages = append(pages, Page{Set: set, Name: name, URL: u, HTML: html, Gold: g})
	}
	return pages, nil
}

// parseGold maps each set's expectation fields onto Gold. An unknown set
// is read with the union of the known field names, so a new set laid out
// like an existing one needs no code.
func parseGold(set string, raw json.RawMessage) (Gold, error) {
	var e struct {
		// aeb-dev
		ArticleBody *string `json:"articleBody"`
		// fundus-dev
		Title          *string  `json:"title"`
		Authors        []string `json:"authors"`
		PublishingDate *string  `json:"publishing_date"`
		Body           *struct {
			Summary  []string `json:"summary"`
			Sections []struct {
				Paragraphs []string `json:"paragraphs"`
			} `json:"sections"`
		} `json:"body"`
		Images *[]struct {
			Caption *string  `json:"caption"`
			Authors []string `json:"authors"`
		} `json:"images"`
		// postlight
		Author            *string `json:"author"`
		DatePublished     *string `json:"date_published"`
		DatePublishedDay  *string `json:"date_published_day"`
		ContentFirstWords *struct {
			N    int    `json:"n"`
			Text string `json:"text"`
		} `json:"content_first_words"`
		// mozilla
		Byline        *string `json:"byline"`
		SiteName      *string `json:"site_name"`
		PublishedTime *string `json:"published_time"`
		Lang          *string `json:"lang"`
		Readerable    *bool   `json:"readerable"`
		// goose3
		Expected *struct {
			CleanedText *string  `json:"cleaned_text"`
			Title       *string  `json:"title"`
			Authors     []string `json:"authors"`
			PublishDate *string  `json:"publish_date"`
			MetaLang    *string  `json:"meta_lang"`
		} `json:"expected"`
	}
	var g Gold
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if err := dec.Decode(&e); err != nil {
		return g, err
	}
	has := func(raw json.RawMessage, key string) bool {
		var m map[string]json.RawMessage
		_ = json.Unmarshal(raw, &m)
		_, ok := m[key]
		return ok
	}
	nonEmpty := func(s *string) *string {
		if s == nil || strings.TrimSpace(*s) == "" {
			return nil
		}
		return s
	}
	g.Body = nonEmpty(e.ArticleBody)
	if e.Body != nil {
		var parts []string
		parts = append(parts, e.Body.Summary...)
		for _, s := range e.Body.Sections {
			parts = append(parts, s.Paragraphs...)
		}
		b := strings.Join(parts, "\n\n")
		g.Body = nonEmpty(&b)
	}
	g.Title = nonEmpty(e.Title)
	g.SiteName = nonEmpty(e.SiteName)
	g.Language = nonEmpty(e.Lang)
	g.Byline = nonEmpty(e.Byline)
	g.Readerable = e.Readerable
	if has(raw, "authors") {
		g.Authors, g.HasAuthors = e.Authors, true
	}
	if has(raw, "author") { // postlight: null means no author expected
		g.HasAuthors = true
		if e.Author != nil {
			g.Authors = score.SplitNames(*e.Author)
		}
	}
	if e.ContentFirstWords != nil && strings.TrimSpace(e.ContentFirstWords.Text) != "" {
		t := e.ContentFirstWords.Text
		g.BodyPrefix = &t
	}
	var date *string
	for _, d := range []*string{e.PublishingDate, e.DatePublished, e.DatePublishedDay, e.PublishedTime} {
		if nonEmpty(d) != nil {
			date = d
			break
		}
	}
	if x := e.Expected; x != nil {
		g.BodyPrefix = nonEmpty(x.CleanedText)
		g.Title = nonEmpty(x.Title)
		if x.Authors != nil {
			g.Authors, g.HasAuthors = x.Authors, true
		}
		if nonEmpty(x.PublishDate) != nil {
			date = x.PublishDate
		}
		g.Language = nonEmpty(x.MetaLang)
	}
	if date != nil {
		d, err := score.ParseGoldDate(*date)
		if err != nil {
			return g, err
		}
		g.Date = &d
	}
	if e.Images != nil {
		g.HasImages = true
		for _, im := range *e.Images {
			if im.Caption != nil && score.Fold(*im.Caption) != "" {
				g.Captions = append(g.Captions, *im.Caption)
			}
			if c := strings.Join(im.Authors, ", "); score.Fold(c) != "" {
				g.Credits = append(g.Credits, c)
			}
		}
	}
	return g, nil
}
