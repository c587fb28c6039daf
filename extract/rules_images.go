package extract

import (
	"fmt"
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
	"bildnachweis", "fotograf", "fotografo",
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
}

// creditConnectors may stand lower-case inside a credit.
var creditConnectors = map[string]bool{
	"via": true, "for": true, "and": true, "&": true, "de": true, "del": true, "van": true,
	"von": true, "der": true, "y": true, "e": true, "und": true, "/": true, "-": true, "|": true,
	"da": true, "di": true, "la": true, "le": true, "du": true, "des": true, "of": true,
}

type imageRules struct {
	caption cascadia.SelectorGroup
	credit  cascadia.SelectorGroup
}

func compileImageRules(r Rules) (*imageRules, error) {
	ir := &imageRules{}
	var err error
	if ir.caption, err = compileSelectorGroup(captionSelectors, r.CaptionSelectors); err != nil {
		return nil, fmt.Errorf("caption %w", err)
	}
	if ir.credit, err = compileSelectorGroup(creditSelectors, r.CreditSelectors); err != nil {
		return nil, fmt.Errorf("credit %w", err)
	}
	return ir, nil
}

// isCredit reports whether n is a credit element. A credit selector wins
// over a caption selector ("caption-credit"), except on a <figcaption> or
// a long text, which is a caption whatever its class says.
func (r *imageRules) isCredit(n *html.Node) bool {
	if n.DataAtom == atom.Figcaption || !(r.credit.Match(n) || classWordIn(n, creditClassWordSet)) {
		return false
	}
	if r.isCaption(n) {
		t := foldCaption(domText(n))
		return len(t) <= 100 && len(strings.Fields(t)) <= 12
	}
	return true
}

// isCaption reports whether n is a caption element by selector or by a
// word of its class ("img-cap", "story-cutline").
func (r *imageRules) isCaption(n *html.Node) bool {
	return n.DataAtom == atom.Figcaption || r.caption.Match(n) || classWordIn(n, captionClassWordSet)
}

// classWordIn reports whether a word of n's class is in set.
func classWordIn(n *html.Node, set map[string]bool) bool {
	for _, w := range splitIdentWords(strings.ToLower(domAttr(n, "class"))) {
		if set[w] {
			return true
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
