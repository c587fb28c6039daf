package extract

import (
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// imgMarkAttr marks every <img> we collected with its candidate index, so
// that finishImages can tell which images readability kept in the content.
// Readability keeps data-* attributes on the nodes it keeps (tested); an
// image it rebuilt from <noscript> loses the mark, so we also match by URL.
const imgMarkAttr = "data-nc-img"

// imageCand is one image found in the original tree.
type imageCand struct {
	node          *html.Node // the <img>, still in the tree
	idx           int
	url           string
	alt           string
	caption       string
	credit        string
	width, height int
	// order is the position of node in document order, for ranges.
	order int
	// teaser: inside page chrome or a box of other stories (nav, footer,
	// aside, related box, a link to another page, a list of story links).
	teaser bool
	why    string // what made it a teaser, for tuning
	// inArticle: inside <article>, <main> or [itemprop=articleBody] with
	// real text.
	inArticle bool
	// otherArticle: inside another story's <article> (a page that appends
	// the next story), never an image of this one.
	otherArticle bool
	// pageCredit: no image but the credit line a page prints for its
	// lead image ("Featured Image Credit: X"), anywhere in the page.
	pageCredit bool
	// captioned: a caption or credit element was found for it.
	captioned bool
	// inBody: between the headline and the last paragraph of the text
	// region of the original tree; beforeBody: above its first paragraph.
	inBody, beforeBody bool
}

// extractImages collects candidate images with captions and credits from
// the original tree and lifts caption and credit nodes out of it. Images
// stay in place so that readability keeps in-body figures.
func (p *pass) extractImages() {
	body := domFind(p.root, atom.Body)
	if body == nil {
		return
	}
	p.liftNoscriptImages(body)
	order := map[*html.Node]int{}
	var imgs []*html.Node
	i := 0
	domWalk(body, func(n *html.Node) {
		i++
		order[n] = i
		if isImgElement(n) {
			imgs = append(imgs, n)
		}
	})
	from, start, to := textRegion(body, order)
	sc := &imgScan{base: p.base, containers: textContainers(body), articleText: map[*html.Node]int{}}
	sc.mainArticle = mainArticle(body, order, start, sc.containers)
	sc.cands = map[*html.Node]int{}
	sc.bodyText = map[*html.Node]bool{}
	sc.kinds = map[*html.Node]uint8{}
	for _, n := range imgs {
		c := p.imageCandidate(n, sc)
		if c == nil {
			continue
		}
		c.idx = len(p.images)
		c.order = order[n]
		c.inBody = from > 0 && c.order >= from && c.order <= to
		c.beforeBody = c.order < start
		domSetAttr(n, imgMarkAttr, strconv.Itoa(c.idx))
		p.images = append(p.images, c)
		for a := n.Parent; a != nil; a = a.Parent {
			sc.cands[a]++
		}
	}
	var lift []*html.Node
	used := map[*html.Node]bool{}
	for _, c := range p.images {
		p.findCaption(c, sc, used, &lift)
	}
	// "Featured Image Credit: X" printed once for the lead image
	if n, cr := p.pageImageCredit(body); n != nil {
		p.images = append(p.images, &imageCand{idx: len(p.images), teaser: true, pageCredit: true, credit: cr})
		lift = append(lift, n)
	}
	// the credit of a lazy image whose <img> the page never rendered
	// (an empty placeholder box): no body text, and the lead's credit
	// when it is the first
	strays := p.strayCaptionElements(body, sc, used, func(n *html.Node) bool { o := order[n]; return from > 0 && o >= from && o <= to })
	for i, n := range p.orphanCredits(sc, strays) {
		if cr := creditFromElement(domText(n)); cr != "" && i == 0 && order[n] < start {
			p.images = append(p.images, &imageCand{idx: len(p.images), teaser: true, pageCredit: true, credit: cr})
		}
		lift = append(lift, n)
	}
	// Other copies of a caption already read (a gallery's caption strip,
	// a lightbox copy) are no body text either.
	p.liftCaptionCopies(sc, strays, used, &lift)
	// Captions of embeds and videos are captions too, never body text.
	domWalk(body, func(n *html.Node) {
		if n.DataAtom == atom.Figcaption && !used[n] {
			lift = append(lift, n)
		}
	})
	for _, n := range lift {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// isImgElement: <img>, and <amp-img> of AMP pages.
func isImgElement(n *html.Node) bool {
	return n.DataAtom == atom.Img || n.Data == "amp-img"
}

// imageCandidate reads one <img>; nil when it is not a picture of the
// article (no URL, data: URI, pixel, icon, logo, avatar).
func (p *pass) imageCandidate(n *html.Node, sc *imgScan) *imageCand {
	u := bestImageURL(n)
	if u == "" || strings.HasPrefix(strings.ToLower(u), "data:") {
		return nil
	}
	abs := absURL(p.base, u)
	if abs == "" {
		return nil
	}
	c := &imageCand{node: n, url: abs, alt: foldCaption(domAttr(n, "alt"))}
	c.width, _ = strconv.Atoi(strings.TrimSuffix(domAttr(n, "width"), "px"))
	c.height, _ = strconv.Atoi(strings.TrimSuffix(domAttr(n, "height"), "px"))
	if (c.width > 0 && c.width <= 60) || (c.height > 0 && c.height <= 60) {
		return nil // pixels and icons
	}
	if isChromeImage(n, abs) {
		return nil
	}
	c.why, c.inArticle = sc.imageContext(n)
	c.otherArticle = sc.inOtherArticle(n)
	c.teaser = c.why != ""
	return c
}

// bestImageURL picks the real source of an <img>: the largest srcset
// candidate (of the img or of its <picture>'s <source>s), then lazy-load
// attributes, then src unless it is a placeholder.
func bestImageURL(n *html.Node) string {
	var sets []string
	for _, k := range []string{"data-srcset", "data-lazy-srcset", "srcset"} {
		if v := domAttr(n, k); v != "" {
			sets = append(sets, v)
		}
	}
	if pic := n.Parent; pic != nil && pic.DataAtom == atom.Picture {
		for s := pic.FirstChild; s != nil; s = s.NextSibling {
			if s.Type == html.ElementNode && s.DataAtom == atom.Source {
				for _, k := range []string{"data-srcset", "srcset"} {
					if v := domAttr(s, k); v != "" {
						sets = append(sets, v)
					}
				}
			}
		}
	}
	best, bestSize := "", -1.0
	for _, set := range sets {
		u, size := largestSrcset(set)
		// at equal size a JPEG or PNG beats WebP and AVIF: it is the
		// rendition every client can open, and the one og:image names
		if u != "" && (size > bestSize || size == bestSize && modernFormat(best) && !modernFormat(u)) {
			best, bestSize = u, size
		}
	}
	if best != "" {
		return best
	}
	for _, k := range []string{"data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-hi-res-src", "data-full-src", "data-orig-src"} {
		if v := strings.TrimSpace(domAttr(n, k)); v != "" && !strings.HasPrefix(v, "data:") {
			return v
		}
	}
	src := strings.TrimSpace(domAttr(n, "src"))
	if isPlaceholderSrc(src) {
		return ""
	}
	return src
}

func modernFormat(u string) bool {
	low := strings.ToLower(u)
	if i := strings.IndexAny(low, "?#"); i >= 0 {
		low = low[:i]
	}
	return strings.HasSuffix(low, ".webp") || strings.HasSuffix(low, ".avif")
}

// largestSrcset returns the candidate of a srcset with the largest width
// or density descriptor; a candidate without descriptor counts as 1x.
func largestSrcset(set string) (string, float64) {
	best, bestSize := "", -1.0
	for _, part := range splitSrcset(set) {
		f := strings.Fields(part)
		if len(f) == 0 || strings.HasPrefix(f[0], "data:") {
			continue
		}
		size := 1.0
		if len(f) > 1 {
			d := f[len(f)-1]
			if v, err := strconv.ParseFloat(d[:len(d)-1], 64); err == nil && (strings.HasSuffix(d, "w") || strings.HasSuffix(d, "x")) {
				size = v
				if strings.HasSuffix(d, "x") {
					size *= 1000 // a density beats nothing, and 2x beats 1x
				}
			}
		}
		if size > bestSize {
			best, bestSize = f[0], size
		}
	}
	return best, bestSize
}

// splitSrcset splits a srcset on the commas that separate candidates, not
// the commas inside URLs (image CDNs put commas in paths: "w=640,h=256").
func splitSrcset(set string) []string {
	var out []string
	start := 0
	for i := 0; i < len(set); i++ {
		if set[i] != ',' {
			continue
		}
		// a separator comma follows a descriptor ("640w," "2x,") or is
		// followed by white space
		prev := strings.TrimSpace(set[start:i])
		f := strings.Fields(prev)
		if (len(f) >= 2) || (i+1 < len(set) && (set[i+1] == ' ' || set[i+1] == '\n' || set[i+1] == '\t')) {
			out = append(out, prev)
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(set[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func isPlaceholderSrc(src string) bool {
	if src == "" || strings.HasPrefix(strings.ToLower(src), "data:") {
		return true
	}
	low := strings.ToLower(src)
	for _, w := range []string{"blank.gif", "spacer.gif", "pixel.gif", "transparent.gif", "transparent.png", "placeholder", "lazy-load", "lazyload", "loading.gif", "grey.gif", "gray.gif", "1x1"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// isChromeImage reports an icon, logo, avatar or tracking pixel by the
// words of the image's and its two nearest ancestors' class and id, and by
// its URL.
func isChromeImage(n *html.Node, abs string) bool {
	// icon and logo words count on the image and its parent only (a
	// lightbox link around a photo may carry an "icon" class); author and
	// byline words count a few levels up (an author box).
	m := n
	for i := 0; i < 5 && m != nil && m.Type == html.ElementNode; i++ {
		if domClassWordsAny(m, func(w string) bool { return authorImageWordSet[w] || i < 2 && chromeImageWordSet[w] }) {
			return true
		}
		m = m.Parent
	}
	u, err := url.Parse(abs)
	if err != nil {
		return true
	}
	if hostIn(u.Host, trackingHosts) {
		return true
	}
	low := strings.ToLower(u.Path)
	for _, w := range splitIdentWords(low) {
		if chromeImageWordSet[w] || chromeImagePathWordSet[w] || authorImageWordSet[w] {
			return true
		}
	}
	return strings.HasSuffix(low, ".svg") || strings.HasSuffix(low, ".ico")
}

var (
	chromeImageWordSet     = imgWordSet(chromeImageWords)
	teaserWordSet          = imgWordSet(teaserWords)
	chromeImagePathWordSet = imgWordSet(chromeImagePathWords)
	authorImageWordSet     = imgWordSet(authorImageWords)
	imageBoxWordSet        = imgWordSet(imageBoxWords)
)

func imgWordSet(ws []string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// imgScan is what extractImages knows of the page while it reads images.
type imgScan struct {
	base       *url.URL
	containers map[*html.Node]bool // elements holding the text's paragraphs
	// mainArticle is the <article>, <main> or articleBody around the
	// text's first paragraph; nil when the text is in none. Pages that
	// append the next story as a second <article> have one main article.
	mainArticle *html.Node
	articleText map[*html.Node]int // memo of article text lengths
	// cands counts the candidate images under each element.
	cands map[*html.Node]int
	// bodyText is the memo of hasBodyText.
	bodyText map[*html.Node]bool
	// kinds memoises isCaption and isCredit: the caption search asks
	// about the same elements from every level it climbs.
	kinds map[*html.Node]uint8
}

const (
	kindKnown uint8 = 1 << iota
	kindCaption
	kindCredit
)

// kind returns the memoised kindCaption and kindCredit bits of n.
func (sc *imgScan) kind(r *imageRules, n *html.Node) uint8 {
	k, ok := sc.kinds[n]
	if !ok {
		k = kindKnown
		caption := r.isCaption(n)
		if caption {
			k |= kindCaption
		}
		if r.isCreditOf(n, caption) {
			k |= kindCredit
		}
		sc.kinds[n] = k
	}
	return k
}

// mainArticle finds the article of the page: the first <article> that
// holds paragraphs of running text (a page appending the next stories
// puts them after it), else the article around the text's first
// paragraph.
func mainArticle(body *html.Node, order map[*html.Node]int, start int, containers map[*html.Node]bool) *html.Node {
	var first *html.Node
	domWalk(body, func(n *html.Node) {
		if first == nil && n.DataAtom == atom.Article && containers[n] {
			first = n
		}
	})
	if first != nil {
		return first
	}
	for n, o := range order {
		if o == start && start > 0 {
			return articleOf(n)
		}
	}
	return nil
}

// articleOf returns the nearest <article>, <main> or articleBody element
// around n, or nil.
func articleOf(n *html.Node) *html.Node {
	for a := n.Parent; a != nil && a.Type == html.ElementNode; a = a.Parent {
		if a.DataAtom == atom.Article || a.DataAtom == atom.Main || domAttr(a, "itemprop") == "articleBody" {
			return a
		}
	}
	return nil
}

// imageContext reads the ancestors of an image: teaser is set when it sits
// in page chrome, a box of other stories or a link to another page;
// inArticle when it sits inside the article.
func (sc *imgScan) imageContext(n *html.Node) (teaser string, inArticle bool) {
	for a := n.Parent; a != nil && a.Type == html.ElementNode; a = a.Parent {
		switch a.DataAtom {
		case atom.Nav, atom.Footer, atom.Aside, atom.Form, atom.Menu:
			if teaser == "" {
				teaser = a.Data
			}
		case atom.A:
			if teaser == "" && linksElsewhere(a, sc.base) {
				teaser = "link"
			}
		case atom.Li:
			if teaser == "" && isStoryList(a.Parent) {
				teaser = "story list"
			}
		}
		if sc.isArticle(a) {
			inArticle = true
		}
		if !inArticle && teaser == "" && !sc.containers[a] {
			// class words of the article container itself do not make
			// the images in it teasers; a teaser word counts only below
			// the article container.
			domClassWordsAny(a, func(w string) bool {
				if teaserWordSet[w] {
					teaser = "class " + w
				}
				return false
			})
		}
	}
	return teaser, inArticle
}

// inOtherArticle reports whether n sits in an <article> that neither is
// nor holds the main article.
func (sc *imgScan) inOtherArticle(n *html.Node) bool {
	if sc.mainArticle == nil || domContains(sc.mainArticle, n) {
		return false
	}
	for a := n.Parent; a != nil; a = a.Parent {
		if a.DataAtom == atom.Article && !domContains(a, sc.mainArticle) {
			return true
		}
	}
	return false
}

// isArticle reports whether a is the article: the main article when the
// text has one, else an <article>, <main> or articleBody with real text.
func (sc *imgScan) isArticle(a *html.Node) bool {
	if sc.mainArticle != nil {
		return a == sc.mainArticle
	}
	if a.DataAtom != atom.Article && a.DataAtom != atom.Main && domAttr(a, "itemprop") != "articleBody" {
		return false
	}
	l, ok := sc.articleText[a]
	if !ok {
		l = domTextLen(a)
		sc.articleText[a] = l
	}
	return l >= 600
}

// linksElsewhere reports whether a link leads to another HTML page: the
// image is then a thumbnail of another story. Links to the image file
// itself, to a bigger rendition or to the page are fine.
func linksElsewhere(a *html.Node, base *url.URL) bool {
	href := absURL(base, domAttr(a, "href"))
	if href == "" {
		return false
	}
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	low := strings.ToLower(u.Path)
	for _, ext := range []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"} {
		if strings.HasSuffix(low, ext) {
			return false
		}
	}
	if base == nil || base.Host == "" {
		return true
	}
	// Only links within the site make a teaser: a product shot linking to
	// a shop or a photo linking to its source is part of the article.
	if !sameSiteHost(u.Host, base.Host) {
		return false
	}
	return u.Path != base.Path
}

// textContainers returns the elements holding at least two
// paragraphs of running text: such an element is the article's container
// (whatever its class says), not a box of teasers.
func textContainers(body *html.Node) map[*html.Node]bool {
	count := map[*html.Node]int{}
	out := map[*html.Node]bool{}
	domWalk(body, func(m *html.Node) {
		if m.DataAtom != atom.P || domTextLen(m) < 80 {
			return
		}
		for a := m.Parent; a != nil; a = a.Parent {
			count[a]++
			if count[a] >= 2 {
				out[a] = true
			}
		}
	})
	return out
}

func domHasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// sameSiteHost compares hosts without "www." and lets one be a subdomain of
// the other.
func sameSiteHost(a, b string) bool {
	a = strings.TrimPrefix(strings.ToLower(a), "www.")
	b = strings.TrimPrefix(strings.ToLower(b), "www.")
	return a == b || strings.HasSuffix(a, "."+b) || strings.HasSuffix(b, "."+a)
}

// isStoryList reports whether a <ul>/<ol> is a list of links to stories: at
// least three items, each holding a link.
func isStoryList(list *html.Node) bool {
	if list == nil || (list.DataAtom != atom.Ul && list.DataAtom != atom.Ol) {
		return false
	}
	items, linked := 0, 0
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Li {
			items++
			if domFind(c, atom.A) != nil {
				linked++
			}
		}
	}
	return items >= 3 && linked*10 >= items*8
}

// findCaption climbs from the image while the ancestor holds no other
// candidate image, and takes the nearest caption and credit elements. The
// caption and credit nodes are queued in lift.
func (p *pass) findCaption(c *imageCand, sc *imgScan, used map[*html.Node]bool, lift *[]*html.Node) {
	r := p.ex.images
	box := c.node
	for level := 0; level < 6; level++ {
		parent := box.Parent
		if parent == nil || parent.Type != html.ElementNode || parent.DataAtom == atom.Body {
			break
		}
		if sc.cands[parent] > 1 || sc.hasBodyText(r, parent) {
			break
		}
		prev := box
		box = parent
		var caps, creds []*html.Node
		// the previous box held no caption or credit: its elements
		// fail again at this level (the checks only get stricter)
		domWalkSkip(box, prev, func(n *html.Node) {
			if used[n] || n == c.node || n.DataAtom == atom.Meta || n.DataAtom == atom.Link {
				return
			}
			// classify first: the ancestor checks below walk up the tree
			k := sc.kind(r, n)
			credit := k&kindCredit != 0
			if !credit && k&kindCaption == 0 {
				return
			}
			if domContains(n, c.node) || hasMatchedAncestor(n, box, caps) || hasMatchedAncestor(n, box, creds) || capInControl(n, box) {
				return
			}
			if credit {
				if !p.bylineCredit(n) {
					creds = append(creds, n)
				}
			} else if textExcluding(n, r, nil) != "" || domFind(n, atom.Img) != nil {
				// a caption element whose text is all hidden (a copy
				// for a lightbox) is not the visible caption
				caps = append(caps, n)
			}
		})
		if len(caps) == 0 && len(creds) == 0 {
			continue
		}
		p.takeCaption(c, caps, creds, used, lift)
		return
	}
	// A caption element right after the image's box, in a parent that
	// also holds the body text ("<figure>…</figure><figcaption>",
	// "<picture>…</picture><figcaption>…</figcaption><p>…").
	for b := c.node; b != nil && b != box.Parent; b = b.Parent {
		next := domNextElement(b)
		if next != nil && !used[next] && (r.isCaption(next) || next.DataAtom == atom.Figcaption) && sc.cands[next] == 0 && !sc.hasBodyText(r, next) {
			p.takeCaption(c, []*html.Node{next}, nil, used, lift)
			return
		}
	}
	if n := trailingPhraseCaption(c.node, sc); n != nil && !used[n] {
		p.takeCaption(c, []*html.Node{n}, nil, used, lift)
		return
	}
	if n := centredCaption(c.node); n != nil && !used[n] {
		c.caption, c.credit = splitCredit(domText(n))
		c.caption = trimCaptionEnd(c.caption)
		c.captioned = true
		used[n] = true
		*lift = append(*lift, n)
	}
}

// bylineCredit reports whether a credit element is the story's byline: an
// author element ("byline", itemprop=author) or a name of the article's
// authors, outside any figure or caption. A photo credit in a figure may
// name the author; a byline beside the lead image is no photo credit.
func (p *pass) bylineCredit(n *html.Node) bool {
	for a := n.Parent; a != nil && a.Type == html.ElementNode; a = a.Parent {
		if a.DataAtom == atom.Figure || a.DataAtom == atom.Figcaption || p.ex.images.isCaption(a) {
			return false
		}
	}
	if domAttr(n, "itemprop") == "author" || domClassWordsAny(n, func(w string) bool { return w == "byline" || strings.HasSuffix(w, "byline") }) {
		return true
	}
	// the bare name: "Photograph: Jane Roe" is a credit even when Jane
	// Roe wrote the story
	t := strings.TrimRight(foldCaption(domText(n)), ".,;")
	if len(t) > 3 && strings.EqualFold(t[:3], "by ") {
		t = strings.TrimSpace(t[3:])
	}
	for _, a := range p.art.Authors {
		if strings.EqualFold(t, a) {
			return true
		}
	}
	return false
}

// takeCaption reads the caption and credit of c from the caption and
// credit elements found for it, and queues those elements in lift.
func (p *pass) takeCaption(c *imageCand, caps, creds []*html.Node, used map[*html.Node]bool, lift *[]*html.Node) {
	r := p.ex.images
	caps = preferFigcaption(caps)
	if len(creds) == 0 && len(caps) == 1 {
		if cr := trailingCreditChild(caps[0]); cr != nil {
			creds = append(creds, cr)
		}
	}
	var texts, keys []string
	for _, n := range caps {
		t := onceOnly(textExcluding(n, r, creds))
		if t == "" || textsContain(texts, t) {
			continue
		}
		// a full and a truncated copy of one caption, one with its
		// printed credit: the same caption once
		key := t
		if len(caps) > 1 {
			if k, _ := splitCredit(strings.TrimRight(t, "…. ")); k != "" {
				key = k
			}
		}
		if textsContain(keys, key) {
			continue
		}
		texts, keys = append(texts, t), append(keys, key)
	}
	// credit elements inside the caption elements count too
	for _, n := range caps {
		domWalk(n, func(m *html.Node) {
			if r.isCredit(m) && !hasMatchedAncestor(m, n, creds) {
				creds = append(creds, m)
			}
		})
	}
	var credits []string
	for _, n := range creds {
		if t := creditFromElement(domText(n)); t != "" && !textsContain(credits, t) {
			credits = append(credits, t)
		}
	}
	credit := strings.Join(credits, " / ")
	caption := trimCaptionEnd(strings.Join(texts, " "))
	if cp, cr := splitCredit(caption); cr != "" {
		caption = trimCaptionEnd(cp)
		if credit == "" {
			credit = cr
		}
	}
	if cr, marker := splitMarker(credit); marker != "" && cr != "" {
		// "(AP Photo/Alan Diaz, File)" in its own element: the marker
		// stays in the caption, as splitCredit keeps it
		credit = cr
		caption = strings.TrimSpace(caption + " (" + marker + ")")
	}
	if credit == "" && creditOnly(caption) {
		// "<figcaption>REUTERS/Brendan McDermid</figcaption>": the only
		// line under the picture is its credit
		caption, credit = "", bareCredit(caption)
	}
	c.caption, c.credit, c.captioned = caption, credit, true
	for _, n := range append(caps, creds...) {
		used[n] = true
		*lift = append(*lift, n)
	}
}

// onceOnly returns the first copy of a text printed twice in a row (a
// caption element holding its full and its truncated copy), else s.
func onceOnly(s string) string {
	n := len(s)
	if n < 20 || n%2 == 0 {
		return s
	}
	if h := n / 2; s[h] == ' ' && s[:h] == s[h+1:] {
		return s[:h]
	}
	return s
}

// centredCaption finds the caption of old CMS layouts: the image alone in
// a paragraph, then a short centred paragraph with no links.
func centredCaption(img *html.Node) *html.Node {
	box := img.Parent
	for box != nil && box.DataAtom != atom.P && box.DataAtom != atom.Div {
		box = box.Parent
	}
	if box == nil || domHasText(box) {
		return nil
	}
	next := domNextElement(box)
	if next == nil || (next.DataAtom != atom.P && next.DataAtom != atom.Div) {
		return nil
	}
	style := strings.ToLower(strings.ReplaceAll(domAttr(next, "style"), " ", ""))
	if !strings.Contains(style, "text-align:center") && !strings.EqualFold(domAttr(next, "align"), "center") {
		return nil
	}
	if l := domTextLen(next); l == 0 || l > 300 || domFind(next, atom.A) != nil || domFind(next, atom.Img) != nil {
		return nil
	}
	return next
}

// trailingPhraseCaption finds the caption of hand-made figures: the image
// (or its link) in a box, then only line breaks and one short italic or
// small line closing the box ("<div><img><br><i>Caption. (Name)</i></div>").
func trailingPhraseCaption(img *html.Node, sc *imgScan) *html.Node {
	start := img
	if a := img.Parent; a != nil && a.DataAtom == atom.A && domSingleImg(a) == img && !domHasText(a) {
		start = a
	}
	box := start.Parent
	if box == nil || box.DataAtom == atom.Body || sc.containers[box] {
		return nil
	}
	for s := start.PrevSibling; s != nil; s = s.PrevSibling {
		if !blankOrBreak(s) {
			return nil
		}
	}
	var line *html.Node
	for s := start.NextSibling; s != nil; s = s.NextSibling {
		if blankOrBreak(s) {
			continue
		}
		if line != nil || s.Type != html.ElementNode {
			return nil
		}
		switch s.DataAtom {
		case atom.I, atom.Em, atom.Small:
			line = s
		default:
			return nil
		}
	}
	if line == nil || domFind(line, atom.Img) != nil {
		return nil
	}
	if l := domTextLen(line); l < 3 || l > 300 {
		return nil
	}
	return line
}

// blankOrBreak: white space, a comment, a <br> or an empty inline element.
func blankOrBreak(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		return strings.TrimFunc(n.Data, isCaptionSpace) == ""
	case html.CommentNode:
		return true
	case html.ElementNode:
		return n.DataAtom == atom.Br || (n.DataAtom == atom.Span && n.FirstChild == nil)
	}
	return false
}

// creditOnly reports whether a caption is only a credit line: a few
// capitalised words naming an agency, joined by a slash ("REUTERS/Jane
// Roe") or with a word in capitals ("Jane Roe, ASSOCIATED PRESS",
// "AKM-GSI"), and no sentence.
func creditOnly(s string) bool {
	if s == "" || !creditShort(s) || len(strings.Fields(s)) > 7 || strings.ContainsAny(strings.TrimSuffix(s, "."), ".!?:;\"”") {
		return false
	}
	if !creditLooksLikeName(s) {
		return false
	}
	if reAgency.MatchString(s) || strings.Contains(s, "/") {
		return true
	}
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ",()")
		letters, upper := 0, 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
		if letters >= 3 && upper == letters {
			return true
		}
	}
	return false
}

// trimCaptionEnd folds space and drops separators left dangling at the end
// once a credit element is taken out ("Caption /", "Caption,").
func trimCaptionEnd(s string) string {
	return strings.TrimRight(foldCaption(s), " /|–—•·-,;:")
}

// hasBodyText reports whether n holds a paragraph of running text (not a
// caption): a caption search that climbed that far has left the figure.
// The answer of each element is kept: the search asks again for every
// ancestor of every image.
func (sc *imgScan) hasBodyText(r *imageRules, n *html.Node) bool {
	if v, ok := sc.bodyText[n]; ok {
		return v
	}
	found := false
	for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
		if c.Type != html.ElementNode || sc.kind(r, c)&(kindCaption|kindCredit) != 0 {
			continue
		}
		found = c.DataAtom == atom.P && domTextLen(c) >= 60 || sc.hasBodyText(r, c)
	}
	sc.bodyText[n] = found
	return found
}

// trailingCreditChild finds an unlabelled credit: the last of two or more
// child elements of a caption, short and shaped like a name or an agency
// ("<span>Caption.</span><span>Jane Roe (dpa via Getty)</span>").
func trailingCreditChild(capNode *html.Node) *html.Node {
	var kids []*html.Node
	for c := capNode.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Br, atom.Svg, atom.Button, atom.Script, atom.Style:
				// icons and controls beside the text
			default:
				kids = append(kids, c)
			}
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return nil // loose text: not a caption of parts
			}
		}
	}
	if len(kids) == 1 {
		// a wrapper: <figcaption><svg/><div><div>Caption</div><span>Name</span></div>
		return trailingCreditChild(kids[0])
	}
	if len(kids) < 2 {
		return nil
	}
	last := kids[len(kids)-1]
	t := foldCaption(domText(last))
	if t == "" || len(strings.Fields(t)) > 8 || strings.ContainsAny(t, ".!?") && !reAgency.MatchString(t) {
		return nil
	}
	if reAgency.MatchString(t) || creditLooksLikeName(t) && len(strings.Fields(t)) <= 4 {
		return last
	}
	return nil
}

// capInControl reports whether n is (inside) a button or hidden: share bars
// label their buttons with "description" spans that are no caption.
func capInControl(n, top *html.Node) bool {
	for m := n; m != nil && m != top; m = m.Parent {
		if m.DataAtom == atom.Button || domHasAttr(m, "hidden") {
			return true
		}
		if styleHidden(m) {
			return true
		}
	}
	return false
}

// styleHidden reports an element hidden by its style attribute.
func styleHidden(n *html.Node) bool {
	st := domAttr(n, "style")
	if st == "" {
		return false
	}
	st = strings.ReplaceAll(strings.ToLower(st), " ", "")
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

// preferFigcaption keeps only the <figcaption>s when there are any: the
// other matches are then lightbox or gallery copies of the same text.
func preferFigcaption(caps []*html.Node) []*html.Node {
	var fc []*html.Node
	for _, n := range caps {
		if n.DataAtom == atom.Figcaption {
			fc = append(fc, n)
		}
	}
	if len(fc) > 0 {
		return fc
	}
	return caps
}

// textsContain reports whether t is one of texts or inside one of them.
func textsContain(texts []string, t string) bool {
	for _, x := range texts {
		if strings.Contains(x, t) {
			return true
		}
	}
	return false
}

func domContains(a, n *html.Node) bool {
	for m := n.Parent; m != nil; m = m.Parent {
		if m == a {
			return true
		}
	}
	return false
}

// hasMatchedAncestor reports whether one of matched contains n (below top).
func hasMatchedAncestor(n, top *html.Node, matched []*html.Node) bool {
	for m := n.Parent; m != nil && m != top; m = m.Parent {
		for _, x := range matched {
			if x == m {
				return true
			}
		}
	}
	return false
}

// textExcluding is the text of n without the subtrees that skip matches
// (credit elements inside a caption) and without hidden helpers.
func textExcluding(n *html.Node, r *imageRules, skip []*html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if c.DataAtom == atom.Script || c.DataAtom == atom.Style || c.DataAtom == atom.Button || c.DataAtom == atom.Svg {
					continue
				}
				if r.isCredit(c) || domHasAttr(c, "hidden") || styleHidden(c) || slices.Contains(skip, c) {
					continue
				}
				if c.DataAtom == atom.Br || c.DataAtom == atom.P || c.DataAtom == atom.Div {
					b.WriteByte(' ')
				}
				walk(c)
				if c.DataAtom == atom.P || c.DataAtom == atom.Div || c.DataAtom == atom.Span {
					b.WriteByte(' ')
				}
			}
		}
	}
	walk(n)
	return foldCaption(b.String())
}

// liftNoscriptImages makes the image inside a <noscript> a real element:
// the parser keeps noscript content as text, and lazy-loading themes put
// the only real URL there. When a placeholder <img> precedes the noscript
// it receives the real src; otherwise the noscript is replaced by its img.
func (p *pass) liftNoscriptImages(body *html.Node) {
	var nss []*html.Node
	domWalk(body, func(n *html.Node) {
		if n.DataAtom == atom.Noscript {
			nss = append(nss, n)
		}
	})
	for _, ns := range nss {
		if ns.Parent == nil || ns.FirstChild == nil || ns.FirstChild.Type != html.TextNode {
			continue
		}
		if !containsFoldASCII(ns.FirstChild.Data, "<img") {
			continue // tracking pixels' iframes, "enable JavaScript" notes
		}
		frag, err := html.ParseFragment(strings.NewReader(ns.FirstChild.Data), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil {
			continue
		}
		var img *html.Node
		imgs := 0
		holder := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		for _, f := range frag {
			holder.AppendChild(f)
		}
		domWalk(holder, func(m *html.Node) {
			if m.DataAtom == atom.Img {
				imgs++
				img = m
			}
		})
		if imgs != 1 || bestImageURL(img) == "" {
			continue
		}
		real := bestImageURL(img)
		// a placeholder img beside the noscript (same parent, or the
		// previous element sibling) takes the real URL
		var prev *html.Node
		for s := ns.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type == html.ElementNode {
				prev = s
				break
			}
		}
		if prev != nil && prev.DataAtom != atom.Img {
			prev = domSingleImg(prev)
		}
		if prev != nil {
			if bestImageURL(prev) == "" {
				domSetAttr(prev, "src", real)
			}
			ns.Parent.RemoveChild(ns)
			continue
		}
		if img.Parent != nil {
			img.Parent.RemoveChild(img)
		}
		ns.Parent.InsertBefore(img, ns)
		ns.Parent.RemoveChild(ns)
	}
}

// domSingleImg returns the only <img> under n, or nil.
func domSingleImg(n *html.Node) *html.Node {
	var img *html.Node
	count := 0
	domWalk(n, func(m *html.Node) {
		if m.DataAtom == atom.Img {
			img = m
			count++
		}
	})
	if count == 1 {
		return img
	}
	return nil
}

// liftCaptionCopies queues the caption and credit elements no image took
// whose text repeats a caption or credit that one did.
//
// Both page-wide walks look inside the text region only (inText): that is
// where a stray caption would leak into the text, and it keeps the
// selector tests off the page chrome.
func (p *pass) liftCaptionCopies(sc *imgScan, strays []*html.Node, used map[*html.Node]bool, lift *[]*html.Node) {
	known := map[string]bool{}
	for _, c := range p.images {
		if len(c.caption) >= 20 {
			known[c.caption] = true
		}
		if c.credit != "" {
			known[c.credit] = true
		}
	}
	if len(known) == 0 {
		return
	}
	for _, n := range strays {
		p.liftCaptionCopy(sc, n, known, used, lift)
	}
}

// liftCaptionCopy queues n when its text repeats a known caption or credit.
func (p *pass) liftCaptionCopy(sc *imgScan, n *html.Node, known map[string]bool, used map[*html.Node]bool, lift *[]*html.Node) {
	r := p.ex.images
	if used[n] || domFind(n, atom.P) != nil && domTextLen(n) > 600 {
		return
	}
	t := onceOnly(textExcluding(n, r, nil))
	if t == "" && sc.kind(r, n)&kindCredit == 0 {
		return
	}
	copied := known[t]
	if !copied && t != "" && len(t) < 400 {
		cp, _ := splitCredit(t)
		copied = known[cp]
	}
	if !copied && domTextLen(n) < 120 {
		copied = known[creditFromElement(domText(n))]
	}
	if !copied {
		return
	}
	for _, l := range *lift {
		if l == n || domContains(l, n) {
			return
		}
	}
	used[n] = true
	*lift = append(*lift, n)
}

// strayCaptionElements lists, in document order, the caption and credit
// elements inside the text region (inText) that no image took and that
// hold no candidate image: what liftCaptionCopies and orphanCredits look
// at, classified in one walk.
func (p *pass) strayCaptionElements(body *html.Node, sc *imgScan, used map[*html.Node]bool, inText func(*html.Node) bool) []*html.Node {
	r := p.ex.images
	var out []*html.Node
	domWalk(body, func(n *html.Node) {
		if used[n] || len(n.Attr) == 0 && n.DataAtom != atom.Figcaption || sc.cands[n] > 0 || !inText(n) || sc.kind(r, n)&(kindCaption|kindCredit) == 0 {
			return
		}
		out = append(out, n)
	})
	return out
}

// orphanCredits finds credit elements no image claimed, inside a box
// named for an image ("InlineImage-wrapper") that holds no <img>.
func (p *pass) orphanCredits(sc *imgScan, strays []*html.Node) []*html.Node {
	r := p.ex.images
	var out []*html.Node
	for _, n := range strays {
		if p.orphanCredit(sc, r, n, out) {
			out = append(out, n)
		}
	}
	return out
}

// orphanCredit reports whether n is a credit in an image box without an
// <img> that none of out contains.
func (p *pass) orphanCredit(sc *imgScan, r *imageRules, n *html.Node, out []*html.Node) bool {
	if len(n.Attr) == 0 || sc.kind(r, n)&kindCredit == 0 || domTextLen(n) > 100 || domFind(n, atom.P) != nil {
		return false
	}
	if !creditLooksLikeName(creditFromElement(domText(n))) {
		return false // a player's "Source: CNN Trump tweets…" line
	}
	for a, i := n.Parent, 0; a != nil && a.Type == html.ElementNode && i < 3; a, i = a.Parent, i+1 {
		if domFind(a, atom.Img) != nil || isImgElement(a) || sc.containers[a] {
			return false
		}
		if domClassWordsAny(a, func(w string) bool { return imageBoxWordSet[w] }) {
			for _, o := range out {
				if domContains(o, n) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// pageImageCredit finds the credit line of the lead image printed apart
// from it ("Featured Image Credit: X", "Header image: X"): a short
// element whose whole text is that line.
func (p *pass) pageImageCredit(body *html.Node) (*html.Node, string) {
	var found *html.Node
	credit := ""
	domWalk(body, func(n *html.Node) {
		if found != nil || (n.DataAtom != atom.P && n.DataAtom != atom.Div && n.DataAtom != atom.Span && n.DataAtom != atom.Small) {
			return
		}
		if n.FirstChild == nil || n.FirstChild.Type != html.TextNode {
			return
		}
		head := strings.TrimSpace(n.FirstChild.Data)
		if len(head) < 8 || !reLeadCreditLine.MatchString(head) {
			return
		}
		if l := domTextLen(n); l > 160 {
			return
		}
		if m := reLeadCreditLine.FindStringSubmatch(foldCaption(domText(n))); m != nil {
			if cr := bareCredit(m[1]); cr != "" {
				found, credit = n, cr
			}
		}
	})
	return found, credit
}

// finishImages keeps the candidates that belong to the article and writes
// p.art.Images, lead image first.
func (p *pass) finishImages() {
	inContent := map[int]bool{}
	contentKeys := map[string]bool{}
	if p.content != nil {
		domWalk(p.content, func(n *html.Node) {
			if n.DataAtom != atom.Img {
				return
			}
			if v, err := strconv.Atoi(domAttr(n, imgMarkAttr)); err == nil {
				inContent[v] = true
			}
			if u := bestImageURL(n); u != "" {
				if abs := absURL(p.base, u); abs != "" {
					contentKeys[imageKey(abs)] = true
				}
			}
		})
	}
	var kept []*imageCand
	for _, c := range p.images {
		switch {
		case c.teaser, c.otherArticle:
			continue
		case inContent[c.idx] || contentKeys[imageKey(c.url)]:
		case c.inArticle, c.inBody:
		default:
			continue
		}
		kept = append(kept, c)
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].order < kept[j].order })

	out := make([]Image, 0, len(kept)+1)
	seen := map[string]int{}
	lead := p.meta.lead
	leadAt := -1
	if lead.width > 0 && lead.width <= 60 || lead.height > 0 && lead.height <= 60 {
		lead = leadImage{} // a declared pixel ("og:image:width" 1)
	}
	if fileNameCaption(lead.caption, lead.url) {
		lead.caption = "" // "Viyard" for …/viyard.jpg: a name, not a caption
	}
	if lead.url != "" {
		if abs := absURL(p.base, lead.url); abs != "" {
			lk := imageKey(abs)
			// the og:image often repeats a visible figure: merge them,
			// keeping the visible caption
			for _, c := range p.images {
				// teaser flags do not count here: the page names this
				// image as its own
				if sameImage(c.url, abs) {
					im := c.image()
					if (c.why == "link" || c.why == "story list") && !c.inArticle && !c.inBody {
						// a link to another story outside the text: its
						// blurb describes that story
						im.Caption, im.Credit = splitCredit(lead.caption)
						if lead.credit != "" {
							im.Credit = bareCredit(lead.credit)
						}
					}
					out = append(out, im)
					leadAt = 0
					seen[imageKey(c.url)] = 0
					break
				}
			}
			if leadAt < 0 && lead.caption != "" {
				for _, c := range kept {
					if foldCaption(c.caption) == foldCaption(lead.caption) {
						out = append(out, c.image())
						leadAt = 0
						seen[imageKey(c.url)] = 0
						break
					}
				}
			}
			if leadAt < 0 && len(kept) > 0 && kept[0].beforeBody && (lead.caption == "" || kept[0].caption == "") {
				// a featured figure above the text is the lead image
				// in another rendition
				out = append(out, kept[0].image())
				leadAt = 0
				seen[imageKey(kept[0].url)] = 0
				if out[0].Caption == "" {
					cp, cr := splitCredit(lead.caption)
					out[0].Caption = cp
					if out[0].Credit == "" {
						// the visible credit stays
						out[0].Credit = cr
					}
				}
			}
			if leadAt < 0 {
				cp, cr := splitCredit(lead.caption)
				if lead.credit != "" {
					cr = bareCredit(lead.credit)
				}
				out = append(out, Image{URL: cleanURL(abs), Caption: cp, Credit: cr, Width: lead.width, Height: lead.height})
				leadAt = 0
				seen[lk] = 0
			}
		}
	}
	for _, c := range kept {
		k := imageKey(c.url)
		if i, ok := seen[k]; ok {
			if out[i].Caption == "" && c.caption != "" {
				out[i].Caption, out[i].Credit = c.caption, c.credit
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, c.image())
	}
	if leadAt < 0 && len(out) > 0 && len(kept) > 0 && kept[0].beforeBody {
		leadAt = 0 // a featured figure above the first paragraph
	}
	if leadAt == 0 {
		out[0].Lead = true
		for _, c := range p.images {
			if c.pageCredit && out[0].Credit == "" {
				out[0].Credit = c.credit
			}
		}
	}
	if site := p.art.SiteName; site != "" {
		for i := range out {
			// "Ana Ruiz for Metro Herald" on Metro Herald's own page: the
			// photographer is the credit
			if cr, ok := strings.CutSuffix(out[i].Credit, " for "+site); ok && cr != "" {
				out[i].Credit = cr
			}
		}
	}
	p.art.Images = out
	if len(out) > 0 {
		p.art.Provenance["images"] = "dom"
		if lead.url != "" {
			p.art.Provenance["images"] = "metadata+dom"
		}
	}
}

// fileNameCaption reports whether a caption only repeats the image's file
// name ("Viyard" for ".../viyard.jpg", "IMG_2041" for ".../IMG_2041.JPG").
func fileNameCaption(caption, u string) bool {
	if caption == "" {
		return false
	}
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	base := path.Base(pu.Path)
	base = strings.TrimSuffix(base, path.Ext(base))
	return alnumKey(caption) != "" && alnumKey(caption) == alnumKey(base)
}

// alnumKey is s lower-cased with only its letters and digits.
func alnumKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sameImage reports whether two URLs name one picture: the same key, or
// the same site and a shared long path segment with a digit (a file name
// or an asset id), as CDNs vary size and crop in the rest of the path.
func sameImage(a, b string) bool {
	if imageKey(a) == imageKey(b) {
		return true
	}
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil || !sameSiteHost(ua.Host, ub.Host) {
		return false
	}
	segs := map[string]bool{}
	for _, s := range strings.Split(ua.Path, "/") {
		if idSegment(s) {
			segs[s] = true
		}
	}
	for _, s := range strings.Split(ub.Path, "/") {
		if segs[s] {
			return true
		}
	}
	// renditions named after the file: "1065948_mayor-speaks_detail_x.jpg"
	// and "1065948_mayor-speaks_metadaten_y.jpg"
	pre := commonPrefix(path.Base(ua.Path), path.Base(ub.Path))
	return len(pre) >= 30 || len(pre) >= 20 && strings.ContainsAny(pre, "0123456789")
}

func commonPrefix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return a[:n]
}

// idSegment reports whether a path segment names one file or asset: a
// long name with a digit, a very long name, or an id of six or more
// digits that is not a date ("20240503").
func idSegment(s string) bool {
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	switch {
	case len(s) >= 12 && digits > 0, len(s) >= 20:
		return true
	case digits >= 6:
		if digits == len(s) && len(s) == 8 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) {
			return false
		}
		return true
	}
	return false
}

func (c *imageCand) image() Image {
	return Image{URL: cleanURL(c.url), Alt: c.alt, Caption: c.caption, Credit: c.credit, Width: c.width, Height: c.height}
}

// textRegion finds the text region of the original tree, the element
// whose paragraphs (directly, or one level down at half weight) hold the
// most text, and returns the document order of the headline before it (or
// its first paragraph), of its first paragraph, and of its last one.
func textRegion(body *html.Node, order map[*html.Node]int) (from, start, to int) {
	score := map[*html.Node]int{}
	var best *html.Node
	domWalk(body, func(n *html.Node) {
		if n.DataAtom != atom.P || n.Parent == nil {
			return
		}
		l := domTextLen(n)
		if l < 25 {
			return
		}
		score[n.Parent] += l
		if best == nil || score[n.Parent] > score[best] {
			best = n.Parent
		}
		if g := n.Parent.Parent; g != nil {
			score[g] += l / 2
			if score[g] > score[best] {
				best = g
			}
		}
	})
	if best == nil {
		return 0, 0, 0
	}
	domWalk(best, func(n *html.Node) {
		if n.DataAtom == atom.P && domTextLen(n) >= 25 {
			if start == 0 {
				start = order[n]
			}
			to = order[n]
		}
	})
	from = start
	domWalk(body, func(n *html.Node) {
		if n.DataAtom == atom.H1 && order[n] < start && (from == start) {
			from = order[n]
		}
	})
	return from, start, to
}

// Small tree helpers of the images and related-links stages.

// domWalk calls f on every element under n (not n), in document order.
func domWalk(n *html.Node, f func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			f(c)
			domWalk(c, f)
		}
	}
}

// domWalkSkip is domWalk without the subtree of skip.
func domWalkSkip(n, skip *html.Node, f func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c != skip {
			f(c)
			domWalkSkip(c, skip, f)
		}
	}
}

// domFind returns the first element with the given atom under n.
func domFind(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		if f := domFind(c, a); f != nil {
			return f
		}
	}
	return nil
}

func domAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func domSetAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// domText is the text under n without scripts and styles.
func domText(n *html.Node) string { return textPrefix(n, -1) }

// domHasText reports whether n holds any text but white space (scripts
// and styles skipped), stopping at the first.
func domHasText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimFunc(c.Data, isCaptionSpace) != "" {
				return true
			}
		case html.ElementNode:
			if c.DataAtom != atom.Script && c.DataAtom != atom.Style && c.DataAtom != atom.Noscript && domHasText(c) {
				return true
			}
		}
	}
	return false
}

// domTextLen is the length of n's folded text, len(foldCaption(domText(n))),
// counted without building the text: the stages measure every paragraph.
func domTextLen(n *html.Node) int {
	var l foldedLen
	l.node(n)
	return l.n
}

// foldedLen counts the bytes foldCaption would write.
type foldedLen struct {
	n     int
	space bool // a space is pending before the next word
}

func (l *foldedLen) node(m *html.Node) {
	for c := m.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			l.text(c.Data)
		case html.ElementNode:
			if c.DataAtom == atom.Script || c.DataAtom == atom.Style || c.DataAtom == atom.Noscript {
				continue
			}
			if c.DataAtom == atom.Br {
				l.space = true
			}
			l.node(c)
		}
	}
}

func (l *foldedLen) text(s string) {
	for _, r := range s {
		if isCaptionSpace(r) {
			l.space = true
			continue
		}
		if l.space && l.n > 0 {
			l.n++
		}
		l.space = false
		l.n += utf8.RuneLen(r) // an invalid byte is written as U+FFFD
	}
}

// domClassWords splits n's class and id into lower-case words on anything
// that is not a letter or digit: "related-posts__item" gives related,
// posts, item; "relatedPosts" gives relatedposts.
func domClassWords(n *html.Node) []string {
	return splitIdentWords(strings.ToLower(domAttr(n, "class") + " " + domAttr(n, "id")))
}

// domClassWordsAny calls f on the words of domClassWords in turn, until
// f returns true, without building the list: the stages ask for the class
// words of most elements of the page.
func domClassWordsAny(n *html.Node, f func(w string) bool) bool {
	for _, a := range n.Attr {
		if (a.Key == "class" || a.Key == "id") && a.Namespace == "" && identWordsAny(a.Val, f) {
			return true
		}
	}
	return false
}

// identWordsAny calls f on the lower-case words of s (as splitIdentWords)
// until f returns true.
func identWordsAny(s string, f func(w string) bool) bool {
	start, lower := -1, true
	for i := 0; i <= len(s); i++ {
		var b byte
		if i < len(s) {
			b = s[i]
		}
		word := i < len(s) && (b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 0x80)
		if word {
			if start < 0 {
				start, lower = i, true
			}
			if b >= 'A' && b <= 'Z' || b >= 0x80 {
				lower = false
			}
			continue
		}
		if start < 0 {
			continue
		}
		w := s[start:i]
		start = -1
		if !lower {
			// non-ASCII or upper case: lower-case it as splitIdentWords
			// does, and split again on what lower-casing leaves
			for _, lw := range splitIdentWords(strings.ToLower(w)) {
				if f(lw) {
					return true
				}
			}
			continue
		}
		if f(w) {
			return true
		}
	}
	return false
}

func splitIdentWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
}
