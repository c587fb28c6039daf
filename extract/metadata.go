package extract

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Provenance source names.
const (
	srcJSONLD      = "json-ld"
	srcOpenGraph   = "opengraph"
	srcTwitter     = "twitter"
	srcMeta        = "meta"
	srcMicrodata   = "microdata"
	srcTime        = "time"
	srcByline      = "byline"
	srcURL         = "url"
	srcTitleTag    = "title-tag"
	srcHeading     = "h1"
	srcHTML        = "html"
	srcReadability = "readability"
)

// metaCand is one candidate value of a field and where it came from.
type metaCand struct {
	val, src string
}

// metaTags are the <meta> elements of a page by lower-case key (name,
// property, http-equiv; itemprop kept apart as microdata), in page order.
type metaTags struct {
	vals      map[string][]string
	microdata map[string][]string
}

func readMetaTags(metas []*xhtml.Node) *metaTags {
	m := &metaTags{vals: map[string][]string{}, microdata: map[string][]string{}}
	for _, n := range metas {
		content, ok := metaAttrOK(n, "content")
		if !ok {
			content, ok = metaAttrOK(n, "value")
		}
		content = metaFold(content)
		if !ok || content == "" {
			continue
		}
		for _, k := range []string{"name", "property", "http-equiv"} {
			raw := strings.ToLower(metaAttr(n, k))
			if metaWrittenByLabels[strings.TrimPrefix(raw, "twitter:misc:")] && strings.HasPrefix(raw, "twitter:misc:") {
				m.vals[metaWrittenByKey] = append(m.vals[metaWrittenByKey], content)
				continue
			}
			for _, key := range strings.Fields(raw) {
				key = metaKey(key)
				m.vals[key] = append(m.vals[key], content)
			}
		}
		for _, key := range strings.Fields(strings.ToLower(metaAttr(n, "itemprop"))) {
			m.microdata[key] = append(m.microdata[key], content)
		}
	}
	m.expandParsely()
	m.expandTwitterLabels()
	return m
}

// metaWrittenByKey holds the author that Yoast-style Twitter card labels
// give: twitter:label1 "Written by" with twitter:data1 "Name", or
// twitter:misc:Written by "Name".
const metaWrittenByKey = "twitter:written-by"

func (m *metaTags) expandTwitterLabels() {
	for i := 1; i <= 4; i++ {
		n := string(rune('0' + i))
		label := strings.ToLower(m.get("twitter:label" + n))
		if data := m.get("twitter:data" + n); data != "" && metaWrittenByLabels[label] {
			m.vals[metaWrittenByKey] = append(m.vals[metaWrittenByKey], data)
		}
	}
}

// expandParsely reads the JSON object of <meta name="parsely-page"> into the
// parsely-* keys it stands for, where the page does not give them apart.
func (m *metaTags) expandParsely() {
	raw := m.get("parsely-page")
	if raw == "" {
		return
	}
	var v map[string]any
	if json.Unmarshal([]byte(raw), &v) != nil {
		return
	}
	for k, key := range map[string]string{"title": "parsely-title", "pub_date": "parsely-pub-date",
		"section": "parsely-section", "author": "parsely-author"} {
		if s, ok := v[k].(string); ok && s != "" && len(m.vals[key]) == 0 {
			m.vals[key] = []string{metaFold(s)}
		}
	}
}

// metaKey normalises Dublin Core spellings: "dc:creator" and "DC.creator"
// are one key.
func metaKey(k string) string {
	for _, p := range []string{"dc:", "dcterms:"} {
		if strings.HasPrefix(k, p) {
			return strings.TrimSuffix(p, ":") + "." + k[len(p):]
		}
	}
	return k
}

// metaSource names the provenance of a meta key.
func metaSource(key string) string {
	switch {
	case strings.HasPrefix(key, "og:"), strings.HasPrefix(key, "article:"):
		return srcOpenGraph
	case strings.HasPrefix(key, "twitter:"):
		return srcTwitter
	}
	return srcMeta
}

// cands returns the values of keys as candidates, in key order.
func (m *metaTags) cands(keys []string) []metaCand {
	var out []metaCand
	for _, k := range keys {
		for _, v := range m.vals[k] {
			out = append(out, metaCand{v, metaSource(k)})
		}
	}
	return out
}

func (m *metaTags) get(key string) string {
	if v := m.vals[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// metaReader is a pass during readMetadata, with the index of the page.
type metaReader struct {
	*pass
	ix *metaIndex
}

// readMetadata fills the Article's metadata fields and p.meta from the
// original tree, before any stage edits it.
func (p *pass) readMetadata() {
	if p.root == nil {
		return
	}
	if p.doc == nil {
		p.doc = goquery.NewDocumentFromNode(p.root)
	}
	r := &metaReader{pass: p, ix: buildMetaIndex(p.root, &p.ex.meta.wants)}
	r.read()
}

func (p *metaReader) read() {
	mt := readMetaTags(p.ix.metas)
	ld := p.articleFromLD(readJSONLD(p.ix.ldScripts))
	a := p.art

	// Types, description, paywall.
	ogType := strings.ToLower(mt.get("og:type"))
	switch {
	case ld.articleType != "":
		p.meta.articleType = ld.articleType
	case ogType == "article" || strings.HasPrefix(ogType, "article"):
		p.meta.articleType = "article"
	case p.microdataArticleType() != "":
		p.meta.articleType = p.microdataArticleType()
	case ld.pageType != "":
		p.meta.pageType = ld.pageType
	case ogType == "website":
		p.meta.pageType = "website"
	}
	p.meta.paywalled = ld.paywalled
	descSrc := srcJSONLD
	p.meta.description = ld.description
	if d := mt.cands(metaDescKeys); len(d) > 0 {
		p.meta.description, descSrc = d[0].val, d[0].src
	}

	// Site name first: the title uses it to strip a suffix.
	p.setString(&a.SiteName, "site_name", p.siteNameCands(mt, ld))
	p.setString(&a.Title, "title", p.titleCands(mt, ld))
	if a.SiteName == "" {
		p.setString(&a.SiteName, "site_name", p.siteNameFallbacks())
	}
	p.setString(&a.Subtitle, "subtitle", p.subtitleCands(ld, descSrc))
	byl := p.ix.queryEach(p.ex.meta.byline)
	p.readAuthors(mt, ld, byl)
	// The language first: it tells the offset of dates written without one.
	p.setString(&a.Language, "language", p.languageCands(mt, ld))
	p.readDates(mt, ld)
	p.setString(&a.Section, "section", p.sectionCands(mt, ld))
	p.readTags(mt, ld)
	p.readCanonical(mt, ld)
	p.readLeadImage(mt, ld)
	p.meta.bylines = p.visibleBylines(byl)
}

// setString sets *dst to the first non-empty candidate and records its source.
func (p *pass) setString(dst *string, field string, cands []metaCand) {
	for _, c := range cands {
		if c.val = metaFold(c.val); c.val != "" {
			*dst = c.val
			p.art.Provenance[field] = c.src
			return
		}
	}
}

// siteNameFallbacks are used when no metadata names the site: the
// microdata publisher, then the part of <title> that is not the headline
// ("Headline | Valley Ledger").
func (p *metaReader) siteNameFallbacks() []metaCand {
	var out []metaCand
	if n := p.ix.query(p.ex.meta.publisherName); n != nil {
		v := metaAttr(n, "content")
		if v == "" {
			v = nodeTextLimit(n, 200)
		}
		out = append(out, metaCand{v, srcMicrodata})
	}
	title := metaFold(p.firstText(p.ex.meta.title))
	for _, sep := range metaTitleSeparators {
		i := strings.LastIndex(title, sep)
		if i <= 0 || p.art.Title == "" {
			continue
		}
		head, tail := title[:i], strings.TrimSpace(title[i+len(sep):])
		if strings.EqualFold(metaFold(head), p.art.Title) && tail != "" && len(strings.Fields(tail)) <= 5 {
			out = append(out, metaCand{tail, srcTitleTag})
			break
		}
	}
	return out
}

func (p *metaReader) siteNameCands(mt *metaTags, ld ldArticle) []metaCand {
	var out []metaCand
	og := mt.cands(metaSiteNameKeys[:1])
	if ld.siteName != "" && len(og) > 0 && siteNameVariant(og[0].val, ld.siteName) {
		out = append(out, metaCand{ld.siteName, srcJSONLD})
	}
	out = append(out, og...)
	if ld.siteName != "" {
		out = append(out, metaCand{ld.siteName, srcJSONLD})
	}
	out = append(out, mt.cands(metaSiteNameKeys[1:])...)
	return out
}

// siteNameVariant reports an og:site_name that is the JSON-LD name dressed
// up: written as an address ("dw.com", "https://www.newsnation.in",
// "Libération.fr"), or with a slogan or company form after it
// ("Aktuálně.cz - Víte, co se právě děje", "Spiceworks Inc"). The JSON-LD
// name is then the masthead. Otherwise og:site_name wins: JSON-LD
// publishers are often the parent company or, on syndicated copy, the
// agency.
func siteNameVariant(og, ld string) bool {
	og, ld = metaFold(og), metaFold(ld)
	if og == "" || ld == "" || strings.EqualFold(og, ld) || isURLish(ld) {
		return false
	}
	if isURLish(og) || domainLike(og) {
		return !domainLike(ld)
	}
	lo, ll := strings.ToLower(og), strings.ToLower(ld)
	if !strings.HasPrefix(lo, ll) {
		return false
	}
	rest := strings.TrimSpace(og[len(ld):])
	for _, sep := range metaTitleSeparators {
		if strings.HasPrefix(" "+rest, sep) {
			return true
		}
	}
	return metaCompanyForms[strings.ToLower(strings.Trim(rest, " .,"))]
}

// titleCands orders the title sources: JSON-LD headline, OpenGraph and
// other <meta> titles, microdata, <title>, <h1>. Without a JSON-LD headline
// the visible <h1> goes first when it is a variant of a declared title
// (measured on the dev sets: JSON-LD agrees best with hand-made gold, the
// <h1> best with pages that declare only og:title and <title>); every source may carry the site name
// ("Headline | Site"), which is stripped when it is known (site name, host,
// Twitter handle) or when the other part is another source's title.
func (p *metaReader) titleCands(mt *metaTags, ld ldArticle) []metaCand {
	var raw []metaCand
	if ld.headline != "" {
		raw = append(raw, metaCand{ld.headline, srcJSONLD})
	}
	raw = append(raw, mt.cands(metaTitleKeys)...)
	for _, v := range mt.microdata["headline"] {
		raw = append(raw, metaCand{v, srcMicrodata})
	}
	if s := p.firstText(p.ex.meta.headlineItem); s != "" {
		raw = append(raw, metaCand{s, srcMicrodata})
	}
	if t := p.firstText(p.ex.meta.title); t != "" {
		raw = append(raw, metaCand{t, srcTitleTag})
	}
	names := []string{p.art.SiteName, strings.TrimPrefix(mt.get("twitter:site"), "@")}
	if p.base != nil {
		host := strings.TrimPrefix(strings.ToLower(p.base.Hostname()), "www.")
		names = append(names, host)
		if i := strings.IndexByte(host, '.'); i > 0 {
			names = append(names, host[:i])
		}
	}
	h1 := p.headline(names)
	if h1 != "" {
		raw = append(raw, metaCand{h1, srcHeading})
	}
	others := make([]string, 0, len(raw)+1)
	for _, c := range raw {
		others = append(others, metaFold(c.val))
	}
	// A short <h1> ("Politics") is no headline but still tells which part
	// of "Politics | Riverbend News" is the page's own.
	if h1 == "" {
		others = append(others, p.firstText(p.ex.meta.h1))
	}
	out := make([]metaCand, 0, len(raw)+1)
	for _, c := range raw {
		out = append(out, metaCand{stripSiteName(c.val, names, others), c.src})
	}
	// The headline the page shows wins when it is a variant of a declared
	// title (publishers shorten og:title and <title> for search and social
	// cards); an unrelated <h1> is a logo or a section name.
	if h1 != "" && ld.headline == "" {
		for _, c := range out[:len(out)-1] {
			if kickerOf(h1, c.val) {
				// "Minderheit in Syrien - Drusen fordern ...": the <h1>
				// holds a kicker line before the declared title.
				return append([]metaCand{c}, out...)
			}
			if similarTitles(h1, c.val) {
				src := srcHeading
				if strings.EqualFold(h1, c.val) {
					src = c.src // a declared title that the page shows as is
				}
				return append([]metaCand{{h1, src}}, out...)
			}
		}
	}
	return out
}

// kickerOf reports an <h1> that is a short kicker, a separator and then
// title.
func kickerOf(h1, title string) bool {
	if len(title) >= len(h1) || !strings.HasSuffix(h1, title) {
		return false
	}
	head := h1[:len(h1)-len(title)]
	for _, sep := range append([]string{": "}, metaTitleSeparators...) {
		if k, ok := strings.CutSuffix(head, sep); ok {
			k = strings.TrimSpace(k)
			return k != "" && len(strings.Fields(k)) <= 5
		}
	}
	return false
}

// headline returns the first <h1> that reads as a headline: not a site
// name, not one word.
func (p *metaReader) headline(names []string) string {
	for _, n := range p.ix.queryAll(p.ex.meta.h1) {
		t := metaFold(nodeText(n))
		if t == "" || len([]rune(t)) > 300 {
			continue
		}
		site := false
		for _, name := range names {
			if name != "" && sameName(t, name) {
				site = true
			}
		}
		if site || (len(strings.Fields(t)) < 3 && len([]rune(t)) < 12) {
			continue
		}
		return t
	}
	return ""
}

// similarTitles reports whether two titles share most of their words.
func similarTitles(a, b string) bool {
	wa, wb := titleWords(a), titleWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	small := len(wa)
	if len(wb) < small {
		small = len(wb)
	}
	return float64(common) >= 0.6*float64(small)
}

func titleWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		out[w] = true
	}
	return out
}

// stripSiteName removes a site name from a title: "Headline | Site",
// "Site - Headline". A part is the site when it matches one of names, or
// the title when it equals another source's title (others).
func stripSiteName(title string, names, others []string) string {
	title = metaFold(title)
	for _, sep := range metaTitleSeparators {
		i := strings.Index(title, sep)
		if i <= 0 {
			continue
		}
		// Another source gives a prefix or suffix of the title exactly.
		for _, o := range others {
			if o == "" || o == title || len(o) >= len(title) {
				continue
			}
			if strings.HasPrefix(title, o+sep) || strings.HasSuffix(title, sep+o) {
				return o
			}
		}
		j := strings.LastIndex(title, sep)
		head, tail := strings.TrimSpace(title[:j]), strings.TrimSpace(title[j+len(sep):])
		first, rest := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		for _, n := range names {
			if n == "" {
				continue
			}
			if sameName(tail, n) && head != "" {
				return stripSiteName(head, names, others)
			}
			if sameName(first, n) && rest != "" {
				return stripSiteName(rest, names, others)
			}
		}
	}
	return title
}

// sameName compares a title part with a site name loosely: case, spaces
// and a leading "The" or ".com" aside, or one containing the other.
func sameName(part, site string) bool {
	norm := func(s string) string {
		s = strings.ToLower(metaFold(s))
		s = strings.TrimPrefix(s, "the ")
		s = strings.TrimPrefix(s, "www.")
		for _, tld := range []string{".com", ".co.uk", ".org", ".net", ".de", ".fr", ".in"} {
			s = strings.TrimSuffix(s, tld)
		}
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, s)
	}
	a, b := norm(part), norm(site)
	if a == "" || b == "" {
		return false
	}
	return a == b || (len(a) >= 3 && strings.Contains(b, a)) || (len(b) >= 3 && strings.Contains(a, b) && len(a) < 2*len(b)+10)
}

// subtitleCands are conservative: a visible standfirst, or an alternative
// headline that differs from the title. A description is not a dek unless
// the page also shows it.
func (p *metaReader) subtitleCands(ld ldArticle, descSrc string) []metaCand {
	title := strings.ToLower(p.art.Title)
	ok := func(s string) bool {
		n := len([]rune(s))
		return n >= 20 && n <= 400 && strings.ToLower(s) != title
	}
	for _, sel := range p.ex.meta.subtitle {
		for _, n := range p.ix.queryAll(sel) {
			if inChromeContainer(n) {
				continue
			}
			if s := metaFold(nodeTextLimit(n, 800)); ok(s) {
				return []metaCand{{s, srcHTML}}
			}
		}
	}
	if s := p.dekUnderHeadline(); ok(s) {
		return []metaCand{{s, srcHTML}}
	}
	if ok(ld.altHeadline) {
		return []metaCand{{ld.altHeadline, srcJSONLD}}
	}
	if d := p.meta.description; ok(d) && p.shownOnPage(d) {
		return []metaCand{{d, descSrc}}
	}
	return nil
}

// dekUnderHeadline finds a standfirst by its class word (metaDekWords:
// "chapo", "standfirst", "Vorspann"...) among the first elements that
// follow the headline: the same words elsewhere mark teasers and intros of
// other content. A paragraph followed by plain paragraphs is the body's
// lead paragraph, not a dek.
func (p *metaReader) dekUnderHeadline() string {
	h1 := p.headlineNode()
	if h1 == nil {
		return ""
	}
	seen := 0
	for x, level := h1, 0; x != nil && level <= 2; x, level = x.Parent, level+1 {
		for s := x.NextSibling; s != nil; s = s.NextSibling {
			if s.Type != xhtml.ElementNode {
				continue
			}
			t := metaFold(nodeTextLimit(s, 800))
			if t == "" {
				continue
			}
			if seen++; seen > 3 {
				return ""
			}
			d := s
			if !hasDekWord(d) {
				// A wrapper whose first text is the dek: <div class="head-meta"><p class="chapo">.
				d = firstTextElement(s)
				if d == nil || !hasDekWord(d) || metaFold(nodeTextLimit(d, 800)) != t {
					continue
				}
			}
			if inChromeContainer(d) || hasChromeWord(metaAttr(d, "class")) || inFigure(d) || leadParagraph(d) ||
				bylineOpens(t) || linkHeavy(d, t) || cascadia.Query(d, mediaSel) != nil {
				return ""
			}
			return t
		}
		if x.Parent != nil && x.Parent.Type == xhtml.ElementNode && (x.Parent.DataAtom == atom.Body || x.Parent.DataAtom == atom.Article) && level > 0 {
			break
		}
	}
	return ""
}

// headlineNode is the first <h1> that shows the title.
func (p *metaReader) headlineNode() *xhtml.Node {
	for _, n := range p.ix.queryAll(p.ex.meta.h1) {
		if t := metaFold(nodeTextLimit(n, 400)); t != "" && (t == p.art.Title || similarTitles(t, p.art.Title)) {
			return n
		}
	}
	return nil
}

// hasDekWord reports a class name of n that ends in a standfirst word
// ("article-chapo", "c-entry-summary", "articleLead"): "lead-asset" and
// "subtitle-2" are other things.
func hasDekWord(n *xhtml.Node) bool {
	if n.Type != xhtml.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.P, atom.Div, atom.H2, atom.H3, atom.Span, atom.Section, atom.Strong:
	default:
		return false
	}
	for _, cls := range strings.Fields(metaAttr(n, "class")) {
		low := strings.ToLower(cls)
		if strings.HasSuffix(low, "sous-titre") {
			return true
		}
		// The last word: after the last '-' or '_', or the last hump.
		i := strings.LastIndexAny(cls, "-_")
		last := cls[i+1:]
		for j := len(last) - 1; j > 0; j-- {
			if unicode.IsUpper(rune(last[j])) && unicode.IsLower(rune(last[j-1])) {
				last = last[j:]
				break
			}
		}
		if metaDekWords[strings.ToLower(last)] {
			return true
		}
	}
	return false
}

// firstTextElement is the first element under n that holds text itself.
func firstTextElement(n *xhtml.Node) *xhtml.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xhtml.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return n
			}
		case xhtml.ElementNode:
			if e := firstTextElement(c); e != nil {
				return e
			}
		}
	}
	return nil
}

// linkHeavy reports an element whose text is mostly links (share buttons,
// a byline with author links): a dek is prose.
func linkHeavy(n *xhtml.Node, text string) bool {
	linked := 0
	for _, a := range cascadia.QueryAll(n, linkSel) {
		linked += len(metaFold(nodeTextLimit(a, 400)))
	}
	return linked*3 > len(text)
}

var (
	linkSel  = cascadia.MustCompile("a")
	mediaSel = cascadia.MustCompile("img, picture, video, figure, iframe") // a lead media block and its caption
)

// leadParagraph reports a <p> whose next text sibling is a plain <p>: the
// body runs on from it.
func leadParagraph(n *xhtml.Node) bool {
	if n.DataAtom != atom.P {
		return false
	}
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type != xhtml.ElementNode || strings.TrimSpace(nodeTextLimit(s, 10)) == "" {
			continue
		}
		return s.DataAtom == atom.P && metaAttr(s, "class") == ""
	}
	return false
}

// shownOnPage reports whether some element of the body shows text as its
// whole text: a description the page prints under the headline is a dek,
// one written only for search engines is not.
func (p *pass) shownOnPage(text string) bool {
	want := metaFold(text)
	head := []rune(want)
	if len(head) > 12 {
		head = head[:12]
	}
	prefix := string(head)
	var walk func(*xhtml.Node) bool
	walk = func(n *xhtml.Node) bool {
		if n.Type == xhtml.ElementNode {
			switch n.DataAtom {
			case atom.Head, atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Meta:
				return false
			case atom.P, atom.H2, atom.H3, atom.Div, atom.Span, atom.Strong, atom.Em:
				// A bare <p> showing the description is the lead
				// paragraph, which the body keeps.
				if n.DataAtom == atom.P && metaAttr(n, "class") == "" {
					break
				}
				if foldedHasPrefix(firstTextOf(n), prefix) &&
					metaFold(nodeTextLimit(n, len(want)+64)) == want && !inChromeContainer(n) {
					return true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(p.root)
}

func (p *metaReader) languageCands(mt *metaTags, ld ldArticle) []metaCand {
	var out []metaCand
	add := func(v, src string) {
		if t := normalizeLang(v); t != "" {
			out = append(out, metaCand{t, src})
		}
	}
	if h := p.ix.html; h != nil {
		add(metaAttr(h, "lang"), srcHTML)
		add(metaAttr(h, "xml:lang"), srcHTML)
	}
	add(ld.language, srcJSONLD)
	add(mt.get("og:locale"), srcOpenGraph)
	for _, c := range mt.cands(metaLangKeys) {
		add(c.val, c.src)
	}
	return out
}

// normalizeLang writes a language tag in BCP 47 case: "en_us" → "en-US",
// "zh-hant-tw" → "zh-Hant-TW". It returns "" for what is not a tag.
func normalizeLang(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",;"); i >= 0 {
		s = s[:i] // Content-Language may list several
	}
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if s == "" {
		return ""
	}
	parts := strings.Split(s, "-")
	for i, part := range parts {
		if part == "" || len(part) > 8 {
			return ""
		}
		for _, r := range part {
			if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return ""
			}
		}
		switch {
		case i == 0:
			if len(part) < 2 || len(part) > 3 {
				return ""
			}
			parts[i] = strings.ToLower(part)
		case len(part) == 2:
			parts[i] = strings.ToUpper(part)
		case len(part) == 4:
			parts[i] = strings.ToUpper(part[:1]) + strings.ToLower(part[1:])
		default:
			parts[i] = strings.ToLower(part)
		}
	}
	return strings.Join(parts, "-")
}

func (p *metaReader) sectionCands(mt *metaTags, ld ldArticle) []metaCand {
	var out []metaCand
	out = append(out, mt.cands(metaSectionKeys[:2])...)
	if ld.section != "" {
		out = append(out, metaCand{ld.section, srcJSONLD})
	}
	out = append(out, mt.cands(metaSectionKeys[2:])...)
	if s := breadcrumbSection(ld.breadcrumb, p.art.Title); s != "" {
		out = append(out, metaCand{s, srcJSONLD})
	}
	var crumbs []string
	for _, sel := range p.ex.meta.breadcrumb {
		for _, n := range p.ix.queryAll(sel) {
			crumbs = append(crumbs, metaFold(nodeText(n)))
		}
		if len(crumbs) > 0 {
			break
		}
	}
	if s := breadcrumbSection(crumbs, p.art.Title); s != "" {
		out = append(out, metaCand{s, srcHTML})
	}
	return out
}

// breadcrumbSection is the last crumb that is neither home nor the article.
func breadcrumbSection(crumbs []string, title string) string {
	for i := len(crumbs) - 1; i >= 0; i-- {
		c := crumbs[i]
		switch strings.ToLower(c) {
		case "", "home", "start", "startseite", "accueil", "inicio", "news":
			continue
		}
		if strings.EqualFold(c, title) || len([]rune(c)) > 40 {
			continue
		}
		return c
	}
	return ""
}

func (p *metaReader) readTags(mt *metaTags, ld ldArticle) {
	sources := []struct {
		vals []string
		src  string
	}{{ld.keywords, srcJSONLD}}
	for _, k := range metaTagKeys {
		var vals []string
		for _, v := range mt.vals[k] {
			vals = append(vals, strings.Split(v, ",")...)
		}
		sources = append(sources, struct {
			vals []string
			src  string
		}{vals, metaSource(k)})
	}
	var visible []string
	for _, sel := range p.ex.meta.tags {
		for _, n := range p.ix.queryAll(sel) {
			if !inChromeContainer(n) {
				visible = append(visible, nodeText(n))
			}
		}
		if len(visible) > 0 {
			break
		}
	}
	sources = append(sources, struct {
		vals []string
		src  string
	}{visible, srcHTML})
	for _, s := range sources {
		tags := dedupeFold(s.vals, 80)
		if len(tags) > 0 {
			p.art.Tags = tags
			p.art.Provenance["tags"] = s.src
			return
		}
	}
}

// dedupeFold folds spaces, drops empty and over-long values and keeps the
// first of values equal without regard to case.
func dedupeFold(vals []string, maxLen int) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, v := range vals {
		v = strings.Trim(metaFold(v), " #")
		k := strings.ToLower(v)
		if v == "" || seen[k] || len([]rune(v)) > maxLen {
			continue
		}
		seen[k] = true
		out = append(out, v)
	}
	return out
}

func (p *metaReader) readCanonical(mt *metaTags, ld ldArticle) {
	var cands []metaCand
	for _, n := range p.ix.queryAll(p.ex.meta.canonical) {
		cands = append(cands, metaCand{metaAttr(n, "href"), srcHTML})
	}
	cands = append(cands, mt.cands([]string{"og:url"})...)
	if ld.url != "" {
		cands = append(cands, metaCand{ld.url, srcJSONLD})
	}
	for _, c := range cands {
		if u := absURL(p.base, c.val); u != "" {
			p.art.CanonicalURL = u
			p.art.Provenance["canonical_url"] = c.src
			return
		}
	}
}

func (p *metaReader) readLeadImage(mt *metaTags, ld ldArticle) {
	img := ld.image
	if og := mt.get("og:image"); og != "" {
		if og2 := mt.get("og:image:secure_url"); og2 != "" {
			og = og2
		}
		if img.url == "" || absURL(p.base, img.url) != absURL(p.base, og) {
			img = leadImage{url: og}
			img.width = ldInt(mt.get("og:image:width"))
			img.height = ldInt(mt.get("og:image:height"))
		}
	}
	if img.url == "" {
		img = leadImage{url: mt.get("twitter:image")}
		if img.url == "" {
			img.url = mt.get("twitter:image:src")
		}
	}
	if img.url == "" {
		return
	}
	img.url = absURL(p.base, img.url)
	if img.url == "" {
		return
	}
	p.meta.lead = img
}

// firstText returns the folded text of the first element matching sel.
func (p *metaReader) firstText(sel metaSel) string {
	if n := p.ix.query(sel); n != nil {
		return metaFold(allText(n))
	}
	return ""
}

// completeMetadata runs after the blocks are built: fallbacks that need the
// content (readability's title and byline, site name, language, dates).
func (p *pass) completeMetadata() {
	a := p.art
	if a.Title == "" {
		p.setString(&a.Title, "title", []metaCand{{p.rd.Title(), srcReadability}})
	}
	if len(a.Authors) == 0 && !p.declaredListing() {
		if names := p.cleanAuthors(p.splitAuthors(p.rd.Byline()), nil); len(names) > 0 {
			a.Authors = names
			a.Provenance["authors"] = srcReadability
		}
	}
	if a.SiteName == "" {
		p.setString(&a.SiteName, "site_name", []metaCand{{p.rd.SiteName(), srcReadability}})
	}
	if a.Language == "" {
		p.setString(&a.Language, "language", []metaCand{{normalizeLang(p.rd.Language()), srcReadability}})
	}
	if a.PublishedAt == nil {
		if t, err := p.rd.PublishedTime(); err == nil && !t.IsZero() {
			a.PublishedAt = &t
			a.Provenance["published_at"] = srcReadability
		}
	}
	if a.ModifiedAt == nil {
		if t, err := p.rd.ModifiedTime(); err == nil && !t.IsZero() {
			a.ModifiedAt = &t
			a.Provenance["modified_at"] = srcReadability
		}
	}
}

// Small DOM helpers of this stage.

func metaAttr(n *xhtml.Node, key string) string {
	v, _ := metaAttrOK(n, key)
	return v
}

func metaAttrOK(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// nodeText is the text of n, without scripts and styles.
func nodeText(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(x *xhtml.Node) {
		switch x.Type {
		case xhtml.TextNode:
			b.WriteString(x.Data)
		case xhtml.ElementNode:
			switch x.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Br, atom.P, atom.Div, atom.Li:
				b.WriteByte(' ')
			}
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// metaFold collapses runs of white space to one space and trims.
func metaFold(s string) string {
	if s == "" || folded(s) {
		return s
	}
	if strings.ContainsAny(s, "\u00ad\u200b\u2060\ufeff") {
		s = invisibles.Replace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// folded reports whether metaFold would return s as is: no invisible
// character, no white space but single inner spaces. Most values are, and
// this test does not allocate.
func folded(s string) bool {
	prevSpace := true // a leading space is not folded
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
				return false
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == '\u00ad' || r == '\u200b' || r == '\u2060' || r == '\ufeff' {
			return false
		}
		prevSpace = false
		i += size
	}
	return !prevSpace || s == ""
}

// foldedHasPrefix is strings.HasPrefix(metaFold(s), prefix) without
// building the folded string.
func foldedHasPrefix(s, prefix string) bool {
	j := 0
	space := false // a space is pending: written before the next rune
	for _, r := range s {
		if j >= len(prefix) {
			return true
		}
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\u2060' || r == '\ufeff':
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && j > 0 {
			if prefix[j] != ' ' {
				return false
			}
			j++
			if j >= len(prefix) {
				return true
			}
		}
		space = false
		pr, size := utf8.DecodeRuneInString(prefix[j:])
		if pr != r {
			return false
		}
		j += size
	}
	return j >= len(prefix)
}

// invisibles are format characters CMSs leave in titles and names (soft
// hyphens, zero-width spaces, word joiners, BOMs).
var invisibles = strings.NewReplacer("\u00ad", "", "\u200b", "", "\u2060", "", "\ufeff", "")

// inChromeContainer reports whether n sits in page chrome or a comment
// section, where author and tag elements belong to other content. Class
// and id names are compared word by word ("comment-list" is chrome,
// "no-footer-ads" on <body> is not looked at).
func inChromeContainer(n *xhtml.Node) bool {
	aside := false // an <aside> inside the <article> holds its meta line
	for x := n.Parent; x != nil; x = x.Parent {
		if x.Type != xhtml.ElementNode {
			continue
		}
		switch x.DataAtom {
		case atom.Body, atom.Html:
			return aside
		case atom.Article:
			aside = false
		case atom.Aside:
			aside = true
		case atom.Footer:
			return true
		case atom.Nav:
			// A menu is chrome; a <nav> holding a byline and a section
			// link is not.
			if countLinks(x, 7) > 6 {
				return true
			}
		}
		if hasChromeWord(metaAttr(x, "class")) || hasChromeWord(metaAttr(x, "id")) {
			return true
		}
	}
	return false
}

// hasChromeWord splits s at spaces, '-' and '_' and looks each word up in
// metaChromeWords, case aside, without allocating for lower-case words.
func hasChromeWord(s string) bool {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != ' ' && s[i] != '-' && s[i] != '_' {
			continue
		}
		if w := s[start:i]; w != "" {
			if hasUpperOrNonASCII(w) {
				w = strings.ToLower(w)
			}
			if metaChromeWords[w] {
				return true
			}
		}
		start = i + 1
	}
	return false
}

func hasUpperOrNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// countLinks counts <a> elements under n, stopping past limit.
func countLinks(n *xhtml.Node, limit int) int {
	count := 0
	var walk func(*xhtml.Node)
	walk = func(x *xhtml.Node) {
		for c := x.FirstChild; c != nil && count < limit; c = c.NextSibling {
			if c.Type == xhtml.ElementNode && c.DataAtom == atom.A {
				count++
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

// microdataArticleType returns the schema.org article type of the first
// itemscope whose itemtype names one ("https://schema.org/NewsArticle").
func (p *metaReader) microdataArticleType() string {
	for _, n := range p.ix.queryAll(p.ex.meta.itemtype) {
		for _, t := range strings.Fields(metaAttr(n, "itemtype")) {
			if i := strings.LastIndexByte(t, '/'); i >= 0 {
				t = t[i+1:]
			}
			for _, want := range metaArticleTypes {
				if strings.EqualFold(t, want) {
					return want
				}
			}
		}
	}
	return ""
}

// metaIndex is one walk of the page: the elements this stage looks at,
// listed by the keys its selectors need (tag, attribute, class token, class
// substring), each list in document order. Running some sixty selectors
// over the whole tree cost several times the parse of the page; each one
// now checks only its few candidates.
type metaIndex struct {
	root                              *xhtml.Node
	tags, attrs, classToks, classSubs map[string][]*xhtml.Node
	metas, ldScripts                  []*xhtml.Node
	html                              *xhtml.Node
}

func buildMetaIndex(root *xhtml.Node, w *metaWants) *metaIndex {
	ix := &metaIndex{root: root, tags: map[string][]*xhtml.Node{}, attrs: map[string][]*xhtml.Node{},
		classToks: map[string][]*xhtml.Node{}, classSubs: map[string][]*xhtml.Node{}}
	push := func(m map[string][]*xhtml.Node, k string, n *xhtml.Node) {
		l := m[k]
		if len(l) > 0 && l[len(l)-1] == n {
			return
		}
		m[k] = append(l, n)
	}
	// Iterative pre-order walk: document order, no closure per node.
	for n := root; n != nil; {
		if n.Type == xhtml.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				ix.metas = append(ix.metas, n)
			case atom.Script:
				if strings.Contains(strings.ToLower(metaAttr(n, "type")), "ld+json") {
					ix.ldScripts = append(ix.ldScripts, n)
				}
			case atom.Html:
				if ix.html == nil && n.Parent != nil && n.Parent.Type == xhtml.DocumentNode {
					ix.html = n
				}
			}
			if w.tags[n.Data] {
				push(ix.tags, n.Data, n)
			}
			for _, a := range n.Attr {
				if w.attrs[a.Key] {
					push(ix.attrs, a.Key, n)
				}
				if a.Key != "class" {
					continue
				}
				for start, i := 0, 0; i <= len(a.Val); i++ {
					if i < len(a.Val) && !asciiSpace(a.Val[i]) {
						continue
					}
					if tok := a.Val[start:i]; tok != "" && w.classToks[tok] {
						push(ix.classToks, tok, n)
					}
					start = i + 1
				}
				for _, sub := range w.classSubs {
					if strings.Contains(a.Val, sub) {
						push(ix.classSubs, sub, n)
					}
				}
			}
		}
		if n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
		}
		if n == root {
			break
		}
		n = n.NextSibling
	}
	return ix
}

// asciiSpace is HTML's white space, which separates class names.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func (ix *metaIndex) list(k selKey) ([]*xhtml.Node, bool) {
	switch k.kind {
	case keyTag:
		return ix.tags[k.name], true
	case keyAttr:
		return ix.attrs[k.name], true
	case keyClassTok:
		return ix.classToks[k.name], true
	case keyClassSub:
		return ix.classSubs[k.name], true
	}
	return nil, false
}

// queryAll is cascadia.QueryAll(root, s) over the indexed candidates.
func (ix *metaIndex) queryAll(s metaSel) []*xhtml.Node {
	for _, k := range s.anc {
		if l, _ := ix.list(k); len(l) == 0 {
			return nil
		}
	}
	cands, ok := ix.list(s.subj)
	if !ok {
		return cascadia.QueryAll(ix.root, s.Matcher)
	}
	var out []*xhtml.Node
	for _, n := range cands {
		if n != ix.root && s.Match(n) {
			out = append(out, n)
		}
	}
	return out
}

// query is cascadia.Query(root, s) over the indexed candidates.
func (ix *metaIndex) query(s metaSel) *xhtml.Node {
	for _, k := range s.anc {
		if l, _ := ix.list(k); len(l) == 0 {
			return nil
		}
	}
	cands, ok := ix.list(s.subj)
	if !ok {
		return cascadia.Query(ix.root, s.Matcher)
	}
	for _, n := range cands {
		if n != ix.root && s.Match(n) {
			return n
		}
	}
	return nil
}

// queryEach returns the matches of each selector, in selector order.
func (ix *metaIndex) queryEach(sels []metaSel) [][]*xhtml.Node {
	out := make([][]*xhtml.Node, len(sels))
	for i, sel := range sels {
		out[i] = ix.queryAll(sel)
	}
	return out
}

// allText is the text of every text node under n, scripts included, as
// goquery's Text gives it.
func allText(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(x *xhtml.Node) {
		if x.Type == xhtml.TextNode {
			b.WriteString(x.Data)
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
