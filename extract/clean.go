package extract

import (
	"fmt"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

type cleanRules struct {
	tags      map[string]bool
	wrappers  map[string]bool
	selectors []cascadia.Selector
	words     map[string]bool
	lines     map[string]bool
}

func compileCleanRules(r Rules) (*cleanRules, error) {
	c := &cleanRules{tags: map[string]bool{}, wrappers: map[string]bool{}, words: map[string]bool{}, lines: map[string]bool{}}
	for _, t := range chromeTags {
		c.tags[t] = true
	}
	for _, t := range chromeContainerTags {
		c.wrappers[t] = true
	}
	for _, s := range append(append([]string{}, chromeSelectors...), r.BoilerplateSelectors...) {
		sel, err := cascadia.Compile(s)
		if err != nil {
			return nil, fmt.Errorf("selector %q: %w", s, err)
		}
		c.selectors = append(c.selectors, sel)
	}
	for _, w := range chromeClassWords {
		c.words[w] = true
	}
	for _, l := range chromeLines {
		c.lines[l] = true
	}
	return c, nil
}

// removeBoilerplate lifts page chrome out of the tree before scoring.
// Elements that hold most of the page's paragraphs are kept whatever their
// names say, so a badly named wrapper never takes the article with it.
func (p *pass) removeBoilerplate() {
	r := p.ex.clean
	body := p.doc.Find("body")
	if body.Length() == 0 {
		return
	}
	total := countParagraphs(body.Get(0))
	totalText := plainTextLen(body.Get(0))
	var doomed []*html.Node
	keep := func(n *html.Node) bool {
		// An element holding half of the page's substantial paragraphs,
		// or a quarter of its non-link text, or an <article>/<main>, is
		// never chrome: themes name content wrappers "widget" or
		// "content-sidebar-wrap", and some pages have no <p> at all.
		if n.Data == "article" || n.Data == "main" || n.Data == "body" || n.Data == "html" {
			return true
		}
		if total >= 2 && countParagraphs(n)*2 >= total {
			return true
		}
		return totalText > 0 && plainTextLen(n)*4 >= totalText
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.CommentNode {
				doomed = append(doomed, c)
				continue
			}
			if c.Type != html.ElementNode {
				continue
			}
			if r.tags[c.Data] || ((r.wrappers[c.Data] || r.isChrome(c) || r.isRail(c)) && !keep(c)) {
				doomed = append(doomed, c)
				continue
			}
			walk(c)
		}
	}
	walk(body.Get(0))
	for _, sel := range r.selectors {
		for _, n := range sel.MatchAll(body.Get(0)) {
			if !keep(n) {
				doomed = append(doomed, n)
			}
		}
	}
	for _, n := range doomed {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// isChrome reports whether n's class or id names it as page chrome.
func (r *cleanRules) isChrome(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, tok := range strings.Fields(a.Val) {
			if r.words[strings.ToLower(tok)] {
				return true
			}
			words := strings.FieldsFunc(strings.ToLower(tok), isNameSep)
			for _, w := range words {
				if r.words[w] {
					return true
				}
			}
			if len(words) > 1 && r.words[strings.Join(words, "")] {
				return true // most-read, side_bar
			}
		}
	}
	return false
}

// isRail reports whether n is a box of other stories: its first heading
// is a rail heading and most of its text is links.
func (r *cleanRules) isRail(n *html.Node) bool {
	switch n.Data {
	case "section", "div", "aside", "ul", "ol":
	default:
		return false
	}
	h := firstHeading(n)
	if h == nil {
		return false
	}
	title := strings.ToLower(foldSpace(nodeText(h)))
	matched := false
	for _, rh := range railHeadings {
		if strings.HasPrefix(title, rh) {
			matched = true
			break
		}
	}
	if !matched {
		return false
	}
	total, linked := linkDensity(n, false)
	return total > 0 && linked*2 >= total-len(title)
}

// firstHeading is the first h2-h6 (or a strong/b standing as a heading)
// among the first few element descendants of n.
func firstHeading(n *html.Node) *html.Node {
	seen := 0
	var found *html.Node
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil && found == nil && seen < 6; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			seen++
			switch c.Data {
			case "h2", "h3", "h4", "h5", "h6":
				found = c
				return
			}
			walk(c)
		}
	}
	walk(n)
	return found
}

func isNameSep(r rune) bool { return r == '-' || r == '_' || r == ':' || r == '.' }

// dropChromeLines removes the furniture lines of a multi-line block.
func (r *cleanRules) dropChromeLines(text string) string {
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !r.isChromeLine(l) {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// isChromeLine reports whether a block's whole text is page furniture.
func (r *cleanRules) isChromeLine(text string) bool {
	if len(text) > 120 {
		return false
	}
	low := strings.ToLower(text)
	if r.lines[strings.TrimRight(low, " :.!…»›>|")] {
		return true
	}
	for _, m := range chromeLineMarks {
		if strings.Contains(low, m) {
			return true
		}
	}
	for _, pre := range chromeLinePrefixes {
		if strings.HasPrefix(low, pre) {
			return true
		}
	}
	return false
}

// countParagraphs counts <p> elements under n with at least 80 bytes of text.
func countParagraphs(n *html.Node) int {
	count := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "p" {
				if textLen(c) >= 80 {
					count++
				}
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

// plainTextLen is the number of bytes of text under n outside links,
// scripts and styles: the text a reader reads as prose.
func plainTextLen(n *html.Node) int {
	if n.Type == html.TextNode {
		return len(strings.TrimSpace(n.Data))
	}
	if n.Type == html.ElementNode {
		switch n.Data {
		case "a", "script", "style", "noscript", "template":
			return 0
		}
	}
	l := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		l += plainTextLen(c)
	}
	return l
}

// textLen is the number of bytes of text under n.
func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		return len(strings.TrimSpace(n.Data))
	}
	l := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		l += textLen(c)
	}
	return l
}
