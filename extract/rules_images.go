package extract

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Rule tables of images.go and credit.go. Selectors are compiled once in
// compileImageRules; Rules.CaptionSelectors and Rules.CreditSelectors are
// added to them.

// captionSelectors find the visible caption of a figure, in no particular
// order: the caption of an image is the outermost match nearest to it.
var captionSelectors = []string{
	"figcaption",
	".wp-caption-text", ".wp-element-caption",
	"[itemprop=caption]", "[itemprop=description]",
	".caption", ".image-caption", ".img-caption", ".photo-caption", ".media-caption",
	"[class*=caption i]",
	"[class*=legend i]",
	"[class*=bildunterschrift i]",
	"[data-testid*=caption]", "[class*=description i]",
}

// captionClassWords are whole words of a class that name a caption:
// "img-cap" is a caption, "capital" is not.
var captionClassWords = []string{
	"cap", "caption", "captions", "figcaption", "cutline", "legend", "legende", "légende",
	"bildtext", "bildunterschrift", "imgtext", "pictext", "phototext", "imagetext",
}

// creditClassWords are whole words of a class that name a photo credit.
var creditClassWords = []string{
	"credit", "credits", "copyright", "photographer", "photocredit", "imagecredit",
	"bildnachweis", "fotograf", "fotografo", "attribution", "attributions",
}

// imageBoxWords in a class name a box that holds a picture: a credit in
// such a box without an <img> belongs to a picture loaded by script.
var imageBoxWords = []string{"image", "img", "photo", "picture", "figure", "media", "inlineimage", "imageembed"}

// leadImageWords name the lead image in a credit line printed apart from
// it: "Featured Image Credit: X", "Header photo: X".
var leadImageWords = []string{"featured", "feature", "header", "top", "lead", "main", "hero", "cover", "banner"}

var reLeadCreditLine = regexp.MustCompile(`(?i)^(?:` + strings.Join(leadImageWords, "|") + `)\s+(?:image|photo|picture|photograph)s?(?:\s+credits?)?\s*:\s*(\S.*)$`)

// creditAbbreviations end a credit with a dot that stays ("Walt Disney
// Co."): the dot of any other final word is punctuation.
var creditAbbreviations = []string{
	"co", "inc", "corp", "ltd", "llc", "plc", "bros", "jr", "sr", "st", "dept", "assn", "univ",
}

// creditSelectors find a photo credit element beside or inside a caption.
var creditSelectors = []string{
	"[class*=credit i]",
	"[class*=copyright i]",
	"[itemprop=copyrightHolder]", "[itemprop=creditText]", "[itemprop=author]",
	"[class*=photographer i]",
	"[class*=source i]",
	"[class*=byline i]",
	"[data-testid*=credit]", "[class*=distributor i]",
	"figcaption cite", "[class*=caption i] cite",
	"figure [class*=author i]", "figcaption [class*=author i]", "[class*=caption i] [class*=author i]",
	"figure [class*=autor i]", "figcaption [class*=autor i]", "[class*=caption i] [class*=autor i]",
}

// chromeImageWords in the class or id of an image or its two nearest
// ancestors, or in its URL path, mark it as not an article image: icons,
// avatars, logos.
var chromeImageWords = []string{
	"icon", "icons", "avatar", "avatars", "logo", "logos", "emoji", "emoticon",
	"gravatar", "badge", "sprite", "spinner", "favicon",
}

// authorImageWords mark author photos: in the class or id of the image or
// one of its four nearest ancestors, or in its URL path.
var authorImageWords = []string{
	"author", "authors", "autor", "autoren", "byline", "profile", "profiles", "authorbox",
}

// chromeImagePathWords in an image URL's path mark a tracking pixel or a
// placeholder (class names are not checked for these: "image-placeholder"
// is the usual wrapper of a lazy real image).
var chromeImagePathWords = []string{
	"spacer", "pixel", "tracking", "tracker", "beacon", "blank", "placeholder", "transparent",
}

// trackingHosts serve tracking pixels and ad images only.
var trackingHosts = []string{
	"doubleclick.net", "scorecardresearch.com", "google-analytics.com",
	"googletagmanager.com", "facebook.com", "quantserve.com", "chartbeat.net",
	"amazon-adsystem.com", "adnxs.com", "outbrain.com", "taboola.com", "pixel.wp.com",
	"stats.wp.com", "ioam.de", "xiti.com", "gemius.pl", "ivwbox.de",
}

// teaserWords in the class or id of an ancestor mark a region of links to
// other stories (related boxes, rails, teasers): images there are
// thumbnails of other stories.
var teaserWords = []string{
	"related", "relatedposts", "relatedarticles", "recommended", "recommendation", "recommendations",
	"teaser", "teasers", "promo", "promos", "morestories", "readmore", "alsoread",
	"sidebar", "rail", "widget", "widgets", "trending", "popular", "mostread", "mostpopular",
	"outbrain", "taboola", "recirculation", "newsletter", "footer", "nav", "navigation",
	"menu", "masthead", "comments", "comment", "ad", "ads", "advert", "advertisement", "topstories",
}

// chromeImageTags are ancestors whose images are never article images.
var chromeImageTags = []string{"nav", "footer", "aside", "form", "button", "menu"}

// creditLabels are printed words that introduce a photo credit.
var creditLabels = []string{
	"photo", "photos", "photograph", "photography", "photographer", "image", "images",
	"picture", "pictures", "pic", "pics", "credit", "credits", "photo credit", "photo credits",
	"image credit", "image credits", "picture credit", "images courtesy", "image courtesy",
	"photo courtesy", "photos courtesy", "courtesy", "courtesy of", "illustration", "graphic",
	"foto", "fotos", "fotografía", "fotografia", "bild", "bilder", "bildquelle", "fotoquelle",
	"crédit", "crédits", "crédit photo", "crédits photo", "imagen", "imágenes", "copyright",
	"source", "sources", "quelle", "fuente", "fotoğraf", "isithombe", "foto/video",
	"фото", "фотография", "снимок", "zdjęcie", "fot", "kuva", "bilde",
	"تصوير", "صورة", "الصورة", "צילום", "عکس", "फोटो", "写真", "照片", "图片",
}

// creditMarkers stand before a credit label and stay in the caption:
// "(File Photo: PTI)" keeps "(File)".
var creditMarkers = []string{
	"file", "representational", "representative", "archive", "archiv", "symbol", "symbolic",
	"stock", "handout", "archivbild", "archivfoto", "symbolbild", "symbolfoto", "illustration",
	"representational image", "representative image",
}

// creditAgencies are agency and stock names: a short trailing segment or
// parenthetical naming one is a credit. Matched case-sensitively as words.
var creditAgencies = []string{
	"Getty Images", "Getty", "AFP", "Reuters", "REUTERS", "AP", "AP Photo", "Associated Press",
	"PA", "PA Wire", "PA Media", "EPA", "EPA-EFE", "EFE", "dpa", "DPA", "picture alliance",
	"picture-alliance", "imago", "IMAGO", "Imago", "Shutterstock", "iStock", "iStockphoto",
	"Alamy", "Bloomberg", "ANI", "PTI", "IANS", "Xinhua", "Anadolu", "Keystone", "KEYSTONE",
	"APA", "ANP", "Ritzau", "NTB", "Sipa", "SIPA", "Europa Press", "ZUMA", "Pool", "POOL",
	"Kyodo", "Yonhap", "Unsplash", "Pexels", "Pixabay", "Wikimedia", "Wikimedia Commons",
	"Handout", "HANDOUT", "TASS", "Sputnik", "NurPhoto", "SOPA Images", "Contributor",
	"Corbis", "Bridgeman", "Rex", "REX", "Shutterstock.com", "Sportsfile", "Pressefoto",
	"Public domain", "Public Domain", "public domain", "ASSOCIATED PRESS", "Flickr",
}

// creditConnectors may stand lower-case inside a credit.
var creditConnectors = map[string]bool{
	"via": true, "for": true, "and": true, "&": true, "de": true, "del": true, "van": true,
	"von": true, "der": true, "y": true, "e": true, "und": true, "/": true, "-": true, "|": true,
	"da": true, "di": true, "la": true, "le": true, "du": true, "des": true, "of": true,
}

type imageRules struct {
	caption attrMatcher
	credit  attrMatcher
}

func compileImageRules(r Rules) (*imageRules, error) {
	ir := &imageRules{}
	var err error
	if ir.caption, err = compileAttrMatcher(captionSelectors, r.CaptionSelectors); err != nil {
		return nil, fmt.Errorf("caption %w", err)
	}
	if ir.credit, err = compileAttrMatcher(creditSelectors, r.CreditSelectors); err != nil {
		return nil, fmt.Errorf("credit %w", err)
	}
	return ir, nil
}

// isCredit reports whether n is a credit element. A credit selector wins
// over a caption selector ("caption-credit"), except on a <figcaption> or
// a long text, which is a caption whatever its class says.
func (r *imageRules) isCredit(n *html.Node) bool {
	return r.isCreditOf(n, r.isCaption(n))
}

// isCreditOf is isCredit when whether n is a caption is known.
func (r *imageRules) isCreditOf(n *html.Node, caption bool) bool {
	if n.DataAtom == atom.Figcaption || !(r.credit.match(n) || classWordIn(n, creditClassWordSet)) {
		return false
	}
	if caption {
		t := foldCaption(domText(n))
		return len(t) <= 100 && len(strings.Fields(t)) <= 12
	}
	return true
}

// isCaption reports whether n is a caption element by selector or by a
// word of its class ("img-cap", "story-cutline").
func (r *imageRules) isCaption(n *html.Node) bool {
	return n.DataAtom == atom.Figcaption || r.caption.match(n) || classWordIn(n, captionClassWordSet)
}

// classWordIn reports whether a word of n's class is in set.
func classWordIn(n *html.Node, set map[string]bool) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && a.Namespace == "" {
			return identWordsAny(a.Val, func(w string) bool { return set[w] })
		}
	}
	return false
}

var (
	captionClassWordSet = imgWordSet(captionClassWords)
	creditClassWordSet  = imgWordSet(creditClassWords)
)

// compileSelectorGroup compiles the built-in selectors followed by the
// user's into one group; an empty or invalid selector fails.
func compileSelectorGroup(builtin, extra []string) (cascadia.SelectorGroup, error) {
	var out cascadia.SelectorGroup
	for _, s := range append(append([]string(nil), builtin...), extra...) {
		g, err := cascadia.ParseGroup(s)
		if err != nil {
			return nil, fmt.Errorf("selector %q: %w", s, err)
		}
		out = append(out, g...)
	}
	return out, nil
}

// attrMatcher matches the caption and credit selectors. The image stage
// tests these selectors on every node around every image, and cascadia's
// general matcher (case-folded substring matches that lower-case each
// attribute value per test) was most of the stage's time. The selectors of
// our tables use a small subset of CSS — a tag, ".class", "[a=v]",
// "[a*=v]" with an optional " i" flag, and the descendant combinator — so
// we compile that subset to simple attribute tests; a selector outside it
// (a user rule) is matched by cascadia.
type attrMatcher struct {
	simple []simpleSel
	other  cascadia.SelectorGroup
	// keys and tags are what the last compound of any simple selector
	// needs: an element with neither cannot match (most elements).
	keys, tags []string
}

// simpleSel is one selector of the subset: its last compound, and the
// compounds one of its ancestors must match, nearest first.
type simpleSel struct {
	last simpleCompound
	anc  []simpleCompound
}

type simpleCompound struct {
	tag   string // "" for any
	conds []attrCond
}

type attrCond struct {
	key, val string // val lower case when fold
	op       byte   // '=' equal, '*' contains, '~' class word
	fold     bool
}

func compileAttrMatcher(builtin, extra []string) (attrMatcher, error) {
	var m attrMatcher
	for _, s := range append(append([]string(nil), builtin...), extra...) {
		g, err := cascadia.ParseGroup(s)
		if err != nil {
			return attrMatcher{}, fmt.Errorf("selector %q: %w", s, err)
		}
		if sel, ok := parseSimpleSel(s); ok {
			m.simple = append(m.simple, sel)
			if len(sel.last.conds) > 0 {
				if k := sel.last.conds[0].key; !slices.Contains(m.keys, k) {
					m.keys = append(m.keys, k)
				}
			} else if !slices.Contains(m.tags, sel.last.tag) {
				m.tags = append(m.tags, sel.last.tag)
			}
			continue
		}
		m.other = append(m.other, g...)
	}
	return m, nil
}

// parseSimpleSel compiles one selector of the subset; ok is false for any
// other selector.
func parseSimpleSel(s string) (simpleSel, bool) {
	parts := splitCompounds(s)
	if len(parts) == 0 {
		return simpleSel{}, false
	}
	var comps []simpleCompound
	for _, p := range parts {
		c, ok := parseSimpleCompound(p)
		if !ok {
			return simpleSel{}, false
		}
		comps = append(comps, c)
	}
	sel := simpleSel{last: comps[len(comps)-1]}
	for i := len(comps) - 2; i >= 0; i-- {
		sel.anc = append(sel.anc, comps[i])
	}
	return sel, true
}

// splitCompounds splits a selector on the white space outside brackets.
func splitCompounds(s string) []string {
	var out []string
	depth, start := 0, -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case (c == ' ' || c == '\t' || c == '\n') && depth == 0:
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func parseSimpleCompound(p string) (simpleCompound, bool) {
	var c simpleCompound
	i := 0
	for i < len(p) && (p[i] >= 'a' && p[i] <= 'z' || p[i] >= '0' && p[i] <= '9') {
		i++
	}
	c.tag = p[:i]
	for i < len(p) {
		switch p[i] {
		case '.':
			j := i + 1
			for j < len(p) && p[j] != '.' && p[j] != '[' {
				j++
			}
			if j == i+1 {
				return c, false
			}
			c.conds = append(c.conds, attrCond{key: "class", val: p[i+1 : j], op: '~'})
			i = j
		case '[':
			j := strings.IndexByte(p[i:], ']')
			if j < 0 {
				return c, false
			}
			body := p[i+1 : i+j]
			i += j + 1
			fold := false
			if b, ok := strings.CutSuffix(body, " i"); ok {
				body, fold = b, true
			}
			cond := attrCond{op: '=', fold: fold}
			k, v, ok := strings.Cut(body, "=")
			if !ok {
				return c, false
			}
			if kk, ok := strings.CutSuffix(k, "*"); ok {
				k, cond.op = kk, '*'
			} else if strings.ContainsAny(k, "~|^$") {
				return c, false
			}
			v = strings.Trim(v, `"'`)
			if fold {
				v = strings.ToLower(v)
			}
			cond.key, cond.val = k, v
			c.conds = append(c.conds, cond)
		default:
			return c, false
		}
	}
	return c, c.tag != "" || len(c.conds) > 0
}

func (m *attrMatcher) match(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if !m.mayMatch(n) {
		return len(m.other) > 0 && m.other.Match(n)
	}
	for i := range m.simple {
		if m.simple[i].match(n) {
			return true
		}
	}
	return len(m.other) > 0 && m.other.Match(n)
}

// mayMatch reports whether n has an attribute or a tag that some simple
// selector's last compound requires.
func (m *attrMatcher) mayMatch(n *html.Node) bool {
	if slices.Contains(m.tags, n.Data) {
		return true
	}
	for _, a := range n.Attr {
		if slices.Contains(m.keys, a.Key) {
			return true
		}
	}
	return false
}

func (s *simpleSel) match(n *html.Node) bool {
	if !s.last.match(n) {
		return false
	}
	a := n.Parent
	for _, c := range s.anc {
		for a != nil && a.Type == html.ElementNode && !c.match(a) {
			a = a.Parent
		}
		if a == nil || a.Type != html.ElementNode {
			return false
		}
		a = a.Parent
	}
	return true
}

func (c *simpleCompound) match(n *html.Node) bool {
	if c.tag != "" && n.Data != c.tag {
		return false
	}
	for _, cond := range c.conds {
		if !cond.match(n) {
			return false
		}
	}
	return true
}

func (c attrCond) match(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != c.key || a.Namespace != "" {
			continue
		}
		switch c.op {
		case '~':
			return listHasWord(a.Val, c.val)
		case '=':
			if c.fold {
				return strings.EqualFold(a.Val, c.val)
			}
			return a.Val == c.val
		default:
			if c.fold {
				return containsFoldASCII(a.Val, c.val)
			}
			return strings.Contains(a.Val, c.val)
		}
	}
	return false
}

// listHasWord reports whether the space-separated list v holds w.
func listHasWord(v, w string) bool {
	for {
		i := strings.Index(v, w)
		if i < 0 {
			return false
		}
		end := i + len(w)
		if (i == 0 || isHTMLSpace(v[i-1])) && (end == len(v) || isHTMLSpace(v[end])) {
			return true
		}
		v = v[i+1:]
	}
}

func isHTMLSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

// containsFoldASCII reports whether s contains sub (lower case), ignoring
// ASCII case, without allocating.
func containsFoldASCII(s, sub string) bool {
	if sub == "" {
		return true
	}
	first := sub[0]
	for i := 0; i+len(sub) <= len(s); i++ {
		if lowerASCII(s[i]) != first {
			continue
		}
		j := 1
		for j < len(sub) && lowerASCII(s[i+j]) == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

func lowerASCII(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
