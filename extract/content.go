package extract

import (
	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// findContent scores the cleaned tree with go-readability and keeps its
// content node in p.content. Readability mutates the tree it is given, so
// stages after this one must not rely on p.root.
//
// A page that readability finds nothing in, or whose "content" is mostly
// link text on a page that does not declare itself an article (a section
// front, a tag page), has no content.
func (p *pass) findContent() {
	declaredOther := p.meta.articleType == "" && p.meta.pageType != ""
	if declaredOther && teaserHeadings(p.root) >= 3 && isCardList(p.root) {
		// A CollectionPage or og:type website holding several <article>
		// cards: readability would pick one card's excerpt as "content".
		p.art.Warnings = append(p.art.Warnings, "not an article: the page is a list of story teasers")
		return
	}
	// A Parser carries per-call state, so each call gets its own.
	parser := readability.NewParser()
	parser.MaxElemsToParse = p.ex.opts.MaxNodes
	// Our cleanup has already removed what readability's JSON-LD reading
	// would add to metadata; metadata.go reads JSON-LD itself.
	parser.DisableJSONLD = true
	parser.CharThresholds = 250
	rd, err := parser.ParseAndMutate(p.root, p.base)
	if err != nil || rd.Node == nil {
		return
	}
	p.rd = rd
	if p.meta.articleType == "" && plainTextLen(rd.Node) < minContentBytes {
		// Readability returns its best attempt even when every attempt
		// failed; a few words on a page that does not call itself an
		// article are not an article.
		return
	}
	if p.meta.articleType == "" && isTeaserList(rd.Node) {
		p.art.Warnings = append(p.art.Warnings, "not an article: the main region is a list of story teasers")
		return
	}
	if p.meta.articleType == "" && isLinkList(rd.Node) {
		p.art.Warnings = append(p.art.Warnings, "not an article: the main region is mostly links")
		return
	}
	p.content = rd.Node
}

// minContentBytes is the least prose an undeclared page needs to count as
// an article: about two sentences.
const minContentBytes = 140

// teaserHeadings counts the h2-h4 under n whose text is mostly a link:
// the headlines of story cards.
func teaserHeadings(n *html.Node) int {
	count := 0
	for _, h := range findHeadings(n) {
		total, linked := linkDensity(h, false)
		if total > 0 && linked*10 >= total*8 {
			count++
		}
	}
	return count
}

// isCardList reports whether the page holds three or more <article>
// elements and none of them has the paragraphs of a story.
func isCardList(root *html.Node) bool {
	cards := findAll(root, atom.Article)
	if len(cards) < 3 {
		return false
	}
	for _, c := range cards {
		if countParagraphs(c) >= 3 {
			return false
		}
	}
	return true
}

// isTeaserList reports whether a content region is a list of story cards:
// several linked headlines and a third of its text in links.
func isTeaserList(n *html.Node) bool {
	total, linked := linkDensity(n, false)
	return teaserHeadings(n) >= 4 && total > 0 && linked*3 >= total
}

func findHeadings(n *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "h2", "h3", "h4":
				out = append(out, c)
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// isLinkList reports whether most of n's text is link text.
func isLinkList(n *html.Node) bool {
	total, linked := linkDensity(n, false)
	return total > 0 && linked*10 >= total*6
}

func linkDensity(n *html.Node, inLink bool) (total, linked int) {
	if n.Type == html.TextNode {
		l := len(n.Data)
		if inLink {
			return l, l
		}
		return l, 0
	}
	inLink = inLink || (n.Type == html.ElementNode && n.Data == "a")
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t, l := linkDensity(c, inLink)
		total += t
		linked += l
	}
	return total, linked
}
