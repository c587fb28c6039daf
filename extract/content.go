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
	// Our own candidate, found before readability mutates the tree: the
	// element with the most paragraph prose. It is the fallback when
	// readability settles on a fragment (a title, a cookie dialog).
	cluster, clusterProse := densestCluster(p.root)
	if cluster != nil {
		cluster, clusterProse = splitBody(p.root, cluster, clusterProse)
	}
	// A Parser carries per-call state, so each call gets its own.
	parser := readability.NewParser()
	parser.MaxElemsToParse = p.ex.opts.MaxNodes
	// Our cleanup has already removed what readability's JSON-LD reading
	// would add to metadata; metadata.go reads JSON-LD itself.
	parser.DisableJSONLD = true
	parser.CharThresholds = 250
	rd, err := parser.ParseAndMutate(p.root, p.base)
	if err == nil {
		p.rd = rd
	}
	if err != nil || rd.Node == nil || plainTextLen(rd.Node)*4 < clusterProse*3 {
		if cluster == nil || clusterProse < minContentBytes {
			return
		}
		p.art.Provenance["text"] = "paragraph-cluster"
		rd.Node = cluster
	}
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

// densestCluster finds the element whose child and grandchild paragraphs
// hold the most prose (text outside links, in <p> of at least 40 bytes),
// and that prose's size.
func densestCluster(root *html.Node) (*html.Node, int) {
	score := map[*html.Node]int{}
	var seen []*html.Node // in the order first scored, for deterministic ties
	add := func(n *html.Node, v int) {
		if _, ok := score[n]; !ok {
			seen = append(seen, n)
		}
		score[n] += v
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.P {
				if l := plainTextLen(c); l >= 40 && c.Parent != nil {
					add(c.Parent, l)
					if gp := c.Parent.Parent; gp != nil {
						add(gp, l/2)
					}
				}
				continue
			}
			walk(c)
		}
	}
	walk(root)
	var best *html.Node
	for _, n := range seen {
		if best == nil || score[n] > score[best] {
			best = n
		}
	}
	if best == nil {
		return nil, 0
	}
	return best, paragraphProse(best)
}

// splitBody returns a copy of the article body. Templates often split the
// body into several containers of the same tag and class with ads or
// figures between them; readability keeps only one of them. When the
// densest cluster has a class and other elements carry the same tag and
// class, their copies are gathered in document order.
func splitBody(root, best *html.Node, prose int) (*html.Node, int) {
	class := attr(best, "class")
	if class == "" || best.DataAtom == atom.Body {
		return cloneNode(best), prose
	}
	var parts []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == best.DataAtom && attr(c, "class") == class {
				parts = append(parts, c)
				continue
			}
			walk(c)
		}
	}
	walk(root)
	if len(parts) < 2 {
		return cloneNode(best), prose
	}
	merged := &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
	total := 0
	for _, part := range parts {
		merged.AppendChild(cloneNode(part))
		total += paragraphProse(part)
	}
	return merged, total
}

// paragraphProse is the prose under n that sits in paragraphs of at least
// 40 bytes.
func paragraphProse(n *html.Node) int {
	total := 0
	for _, p := range findAll(n, atom.P) {
		if l := plainTextLen(p); l >= 40 {
			total += l
		}
	}
	return total
}

// cloneNode deep-copies n without its parent and siblings.
func cloneNode(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: append([]html.Attribute(nil), n.Attr...)}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(cloneNode(ch))
	}
	return c
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
