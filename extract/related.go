package extract

import (
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// extractRelated finds "Also Read" promos and related-story boxes inside
// the article's text, writes p.art.RelatedLinks and removes those nodes
// from the tree. Boxes outside the text (a theme's related-posts widget in
// a sidebar or after the article) are page chrome, left to the cleanup.
//
// A node is removed only when it is mostly link text: a paragraph that
// merely contains "read more" or a link inside a sentence is body.
func (p *pass) extractRelated() {
	body := domFind(p.root, atom.Body)
	if body == nil {
		return
	}
	rr := p.ex.related
	order := map[*html.Node]int{}
	i := 0
	domWalk(body, func(n *html.Node) {
		i++
		order[n] = i
	})
	from, _, to := textRegion(body, order)
	containers := textContainers(body)
	// the last paragraph counts: a promo often closes the text
	inText := func(n *html.Node) bool {
		return from > 0 && order[n] > from && order[n] <= to
	}

	var doomed []*html.Node
	gone := func(n *html.Node) bool {
		for _, d := range doomed {
			if d == n || domContains(d, n) {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	add := func(links []RelatedLink) {
		for _, l := range links {
			// one story promoted twice under two labels is two promos
			if k := l.URL + "\x00" + l.Label; !seen[k] {
				seen[k] = true
				p.art.RelatedLinks = append(p.art.RelatedLinks, l)
			}
		}
	}

	domWalk(body, func(n *html.Node) {
		// Both kinds count only inside the article's text: test that cheap
		// condition before the selector match and the class-word scans.
		if !inText(n) || gone(n) || containers[n] || relInChrome(n) || railLike(n, containers) {
			return
		}
		// an in-body box of related stories
		if rr.boxes.match(n) {
			if links := p.boxLinks(n, ""); len(links) > 0 && relMostlyLinks(n, 0.6) {
				label := ""
				if first := domFirstText(n); first != "" {
					if l, rest, ok := rr.matchLabel(first); ok && rest == "" {
						label = l.label
					}
				}
				for i := range links {
					links[i].Label = label
				}
				add(links)
				doomed = append(doomed, n)
				return
			}
		}
		if !relPromoElement(n) {
			if n.DataAtom == atom.Article || n.DataAtom == atom.Aside || n.DataAtom == atom.Figure {
				if l, ok := p.headlinePromo(n); ok {
					add([]RelatedLink{l})
					doomed = append(doomed, n)
				}
			}
			return
		}
		// a cheap look at the first words before reading all the text
		if _, _, ok := rr.matchLabel(foldCaption(textPrefix(n, 120))); !ok {
			if l, ok := p.headlinePromo(n); ok {
				add([]RelatedLink{l})
				doomed = append(doomed, n)
			}
			return
		}
		text := foldCaption(domText(n))
		l, rest, ok := rr.matchLabel(text)
		if !ok {
			return
		}
		if rest == "" {
			// a label line ("ALSO READ", "Related:") over a list of links
			if domFindLink(n) != nil || mediaLabels[strings.ToLower(l.text)] {
				return
			}
			next := domNextElement(n)
			if next == nil || containers[next] || !relMostlyLinks(next, 0.7) {
				return
			}
			if links := p.boxLinks(next, l.label); len(links) > 0 {
				add(links)
				doomed = append(doomed, n, next)
				// the list may be printed as one link per paragraph
				for m, i := domNextElement(next), 0; m != nil && i < 10 && m.DataAtom == next.DataAtom && !containers[m] && allLinkText(m); m, i = domNextElement(m), i+1 {
					more := p.boxLinks(m, l.label)
					if len(more) != 1 {
						break
					}
					add(more)
					doomed = append(doomed, m)
				}
			}
			return
		}
		// an inline promo: the label, then mostly link text
		if !mostlyLinksAfterLabel(n, len(text)-len(rest)) {
			return
		}
		if links := p.boxLinks(n, l.label); len(links) > 0 && len(links) <= 5 {
			for i := range links {
				if _, r, ok := rr.matchLabel(links[i].Text); ok && r != "" {
					links[i].Text = r // the label inside the anchor
				}
			}
			add(links)
			doomed = append(doomed, n)
		}
	})
	for _, n := range doomed {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// headlinePromo reads an unlabelled inline promo: a paragraph or card
// between paragraphs that is nothing but one link to another story of the
// same site, its text a headline ("<p><a href=/2016/…>Sanders calls for
// assessment of Electoral College</a></p>", often bold or in capitals; a
// card may close with "Read more"). A link in a sentence, a link to
// another site, to a file or a bare call to action is body text.
func (p *pass) headlinePromo(n *html.Node) (RelatedLink, bool) {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Article, atom.Aside, atom.Section, atom.Figure:
	default:
		return RelatedLink{}, false
	}
	var link *html.Node
	many := false
	domWalk(n, func(a *html.Node) {
		if a.DataAtom == atom.A && domAttr(a, "href") != "" {
			if link != nil && domAttr(a, "href") != domAttr(link, "href") {
				many = true
			}
			link = a
		}
	})
	if link == nil || many {
		return RelatedLink{}, false
	}
	full := foldCaption(blockText(link))
	// a card's "Read more" inside the link is no part of the headline
	text := p.ex.related.trimTrailingLabel(full)
	words := len(strings.Fields(text))
	if len(text) < 20 || len(text) > 200 || words < 4 || strings.HasSuffix(text, ":") {
		return RelatedLink{}, false
	}
	total := domTextLen(n)
	if other := total - len(full); other > 0 {
		// what is left is a label ("Read more") or nothing
		rest := strings.Trim(strings.Replace(foldCaption(blockText(n)), full, "", 1), "|:-–—›»•·* ")
		if _, r, ok := p.ex.related.matchLabel(rest); rest != "" && (!ok || r != "") {
			return RelatedLink{}, false
		}
	}
	if _, _, ok := p.ex.related.matchLabel(text); ok || callToAction(text) || !betweenParagraphs(n) {
		return RelatedLink{}, false
	}
	u := absCleanURL(p.base, domAttr(link, "href"))
	if u == "" || u == cleanURL(p.base.String()) || !storyLink(u, text) {
		return RelatedLink{}, false
	}
	pu, err := url.Parse(u)
	if err != nil || p.base.Host != "" && !sameSiteHost(pu.Host, p.base.Host) || fileLink(pu.Path) {
		return RelatedLink{}, false
	}
	return RelatedLink{URL: u, Text: text}, true
}

// blockText is domText with a space at the edges of block elements: a
// card's "<div>Headline</div><div>Read more</div>" reads as two phrases.
func blockText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Script, atom.Style, atom.Noscript:
					continue
				case atom.Br, atom.Div, atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Section, atom.Figure, atom.Figcaption:
					b.WriteByte(' ')
					walk(c)
					b.WriteByte(' ')
					continue
				}
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// betweenParagraphs reports whether n stands alone in running text: a
// neighbour (empty ad slots skipped) is a paragraph of body text, and
// neither neighbour is another lone link (a list of cards is a rail).
func betweenParagraphs(n *html.Node) bool {
	prev, next := textSibling(n, false), textSibling(n, true)
	if prev != nil && allLinkText(prev) || next != nil && allLinkText(next) {
		return false
	}
	return bodyParagraph(prev) || bodyParagraph(next)
}

// textSibling is the nearest element sibling of n that holds text.
func textSibling(n *html.Node, forward bool) *html.Node {
	for s := step(n, forward); s != nil; s = step(s, forward) {
		if s.Type == html.ElementNode && domHasText(s) {
			return s
		}
	}
	return nil
}

func step(n *html.Node, forward bool) *html.Node {
	if forward {
		return n.NextSibling
	}
	return n.PrevSibling
}

// bodyParagraph: a paragraph of running text, not mostly link text.
func bodyParagraph(n *html.Node) bool {
	if n == nil || n.DataAtom != atom.P && n.DataAtom != atom.Blockquote {
		return false
	}
	total, linked := relTextLinkLen(n)
	return total >= 60 && linked*2 < total
}

// allLinkText: all of n's text is link text.
func allLinkText(n *html.Node) bool {
	total, linked := relTextLinkLen(n)
	return linked > 0 && linked >= total-3
}

// callToAction reports link text that asks the reader to do something
// ("Click here to …", "Sign up for …"): an instruction, not a headline.
func callToAction(text string) bool {
	low := strings.ToLower(text)
	for _, w := range callToActionPrefixes {
		if strings.HasPrefix(low, w) {
			return true
		}
	}
	return false
}

// fileLink reports a link to a document or media file rather than a page.
func fileLink(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	switch ext {
	case "", ".html", ".htm", ".php", ".asp", ".aspx", ".shtml", ".jsp", ".cms", ".ece":
		return false
	}
	// an extension is a dot and a few letters; a slug with a dot is not
	return len(ext) <= 5
}

// textPrefix is the start of n's text, at least max bytes when there is
// that much, or all of it when max < 0 (scripts and styles skipped; <br>
// read as a space).
func textPrefix(n *html.Node, max int) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil && (max < 0 || b.Len() < max); c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if c.DataAtom == atom.Script || c.DataAtom == atom.Style || c.DataAtom == atom.Noscript {
					continue
				}
				if c.DataAtom == atom.Br {
					b.WriteByte(' ')
				}
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// relPromoElement: the elements an inline promo is printed as.
func relPromoElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Strong, atom.B, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Span, atom.Section, atom.Em:
		return true
	}
	return false
}

// relInChrome reports whether n sits in navigation, header or footer chrome.
func relInChrome(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		switch a.DataAtom {
		case atom.Nav, atom.Footer, atom.Form:
			return true
		}
	}
	return false
}

// boxLinks returns the story links under n: absolute, tracking parameters
// removed, with their anchor text, without duplicates.
func (p *pass) boxLinks(n *html.Node, label string) []RelatedLink {
	var out []RelatedLink
	seen := map[string]bool{}
	domWalk(n, func(a *html.Node) {
		if a.DataAtom != atom.A {
			return
		}
		u := absCleanURL(p.base, domAttr(a, "href"))
		text := foldCaption(domText(a))
		if u == "" || text == "" || seen[u] || u == cleanURL(p.base.String()) || !storyLink(u, text) {
			return
		}
		// a bare "Read more" button or a blurb is no story title
		if _, rest, ok := p.ex.related.matchLabel(text); ok && rest == "" || len(text) > 250 {
			return
		}
		seen[u] = true
		out = append(out, RelatedLink{URL: u, Text: text, Label: label})
	})
	return out
}

// relMostlyLinks reports whether at least share of n's text is link text.
func relMostlyLinks(n *html.Node, share float64) bool {
	total, linked := relTextLinkLen(n)
	return total > 0 && float64(linked) >= share*float64(total)
}

var (
	relatedChromeWordSet   = imgWordSet(relatedChromeWords)
	relatedSkipPathWordSet = imgWordSet(relatedSkipPathWords)
)

// railLike reports whether n or one of its three nearest ancestors below
// the text container is named as a rail or utility box. The container's
// own class does not count (WordPress puts "tag-russia" on the article).
func railLike(n *html.Node, containers map[*html.Node]bool) bool {
	for m, i := n, 0; m != nil && m.Type == html.ElementNode && i < 4 && !containers[m]; m, i = m.Parent, i+1 {
		if domClassWordsAny(m, func(w string) bool { return relatedChromeWordSet[w] }) {
			return true
		}
	}
	return false
}

// storyLink reports whether a link can be a related story: not a share
// or social link, a tag ("#Korea") or a tag, topic or author page.
func storyLink(u, text string) bool {
	if strings.HasPrefix(text, "#") {
		return false
	}
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	if hostIn(pu.Host, relatedSkipHosts) {
		return false
	}
	segs := strings.Split(strings.Trim(strings.ToLower(pu.Path), "/"), "/")
	if len(segs) == 1 && segs[0] == "" {
		return false // the home page
	}
	for _, seg := range segs {
		if relatedSkipPathWordSet[seg] {
			return false
		}
	}
	return true
}

// mostlyLinksAfterLabel measures the damage of removing an inline promo:
// the text that is neither the label nor a link must be short.
func mostlyLinksAfterLabel(n *html.Node, labelLen int) bool {
	total, linked := relTextLinkLen(n)
	if linked == 0 {
		return false
	}
	other := total - linked - labelLen
	if linked >= total-2 { // the label is inside the link
		other = 0
	}
	return other <= 25 && float64(other) <= 0.4*float64(linked)
}

// relTextLinkLen returns the length of n's folded text and of the part
// inside links.
func relTextLinkLen(n *html.Node) (total, linked int) {
	total = len(foldCaption(domText(n)))
	domWalk(n, func(a *html.Node) {
		if a.DataAtom == atom.A && !domInLink(a, n) {
			linked += len(foldCaption(domText(a)))
		}
	})
	return total, linked
}

func domInLink(a, top *html.Node) bool {
	for m := a.Parent; m != nil && m != top; m = m.Parent {
		if m.DataAtom == atom.A {
			return true
		}
	}
	return false
}

func domFindLink(n *html.Node) *html.Node { return domFind(n, atom.A) }

// domNextElement is the next element sibling of n.
func domNextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
		if s.Type == html.TextNode && strings.TrimSpace(s.Data) != "" {
			return nil
		}
	}
	return nil
}

// domFirstText is the text of the first element under n that has text of
// its own (a box's heading).
func domFirstText(n *html.Node) string {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if t := foldCaption(c.Data); t != "" {
				return t
			}
		case html.ElementNode:
			if c.DataAtom == atom.A {
				return ""
			}
			if t := domFirstText(c); t != "" {
				return t
			}
		}
	}
	return ""
}
