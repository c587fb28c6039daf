package extract

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestQuotesDevPages prints the quotes found in the <p> text of the
// English fundus-dev pages, for reading by eye: there are no quote labels
// for these pages. Run with NEWSCLIP_QUOTES_DEV=1 (and the public bench
// set in ../../shared/bench); NEWSCLIP_QUOTES_DEV=de__ prints the pages
// whose name holds "de__", in any language.
func TestQuotesDevPages(t *testing.T) {
	if os.Getenv("NEWSCLIP_QUOTES_DEV") == "" {
		t.Skip("set NEWSCLIP_QUOTES_DEV=1 to print quotes of the dev pages")
	}
	dir := filepath.Join("..", "..", "shared", "bench", "fundus-dev")
	raw, err := os.ReadFile(filepath.Join(dir, "expectations.json"))
	if err != nil {
		t.Skip(err)
	}
	var exp map[string]struct {
		File    string `json:"file"`
		Country string `json:"country"`
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatal(err)
	}
	only := os.Getenv("NEWSCLIP_QUOTES_DEV")
	q := testQuoteRules(t)
	total := 0
	names := make([]string, 0, len(exp))
	for name := range exp {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		e := exp[name]
		switch e.Country {
		case "us", "uk", "ca", "au", "na", "tz", "ind":
		default:
			if only == "1" {
				continue // 1: the English pages; a word: the pages whose name holds it
			}
		}
		if only != "1" && !strings.Contains(name, only) {
			continue
		}
		page, err := os.ReadFile(filepath.Join(dir, e.File))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		var blocks []Block
		doc.Find("p").Each(func(_ int, s *goquery.Selection) {
			if text := foldSpace(s.Text()); text != "" {
				blocks = append(blocks, Block{Type: BlockParagraph, Text: text})
			}
		})
		qs := findQuotes(blocks, q)
		total += len(qs)
		t.Logf("== %s: %d paragraphs, %d quotes", name, len(blocks), len(qs))
		for _, x := range qs {
			text := x.Text
			if len(text) > 90 {
				text = text[:90] + "…"
			}
			t.Logf("  [%d] %q → %q (raw %q, cue %q)", x.Paragraph, text, x.Speaker, x.SpeakerRaw, x.Cue)
		}
	}
	t.Logf("total %d quotes", total)
}

// TestQuotesDevPage prints the text blocks and the quotes that the whole
// extractor finds on one bench page, for reading by eye:
// NEWSCLIP_QUOTES_PAGE=postlight/www.si.com (set/name in ../../shared/bench).
func TestQuotesDevPage(t *testing.T) {
	page := os.Getenv("NEWSCLIP_QUOTES_PAGE")
	if page == "" {
		t.Skip("set NEWSCLIP_QUOTES_PAGE=set/name to print the quotes of a bench page")
	}
	set, name, _ := strings.Cut(page, "/")
	dir := filepath.Join("..", "..", "shared", "bench", set)
	raw, err := os.ReadFile(filepath.Join(dir, "expectations.json"))
	if err != nil {
		t.Skip(err)
	}
	var exp map[string]struct {
		File string `json:"file"`
		URL  string `json:"url"`
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatal(err)
	}
	e, ok := exp[name]
	if !ok {
		t.Fatalf("no page %q in %s", name, set)
	}
	if e.File == "" {
		e.File = filepath.Join("html", name+".html")
	}
	html, err := os.ReadFile(filepath.Join(dir, e.File))
	if err != nil {
		t.Fatal(err)
	}
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(e.URL)
	art, err := ex.Extract(bytes.NewReader(html), u)
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range art.Blocks {
		t.Logf("B%d %s: %s", i, b.Type, b.Text)
	}
	for _, x := range art.Quotes {
		t.Logf("Q[%d] %q → %q (raw %q, cue %q, %s)", x.Paragraph, x.Text, x.Speaker, x.SpeakerRaw, x.Cue, x.Kind)
	}
}
