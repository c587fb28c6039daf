package extract

import (
	"fmt"
	"strings"

	"github.com/andybalholm/cascadia"
)

// Tables of the metadata stage. Order matters where a list is a priority.

// metaBylineSelectors find visible bylines: the element whose text names the
// authors. Their texts also go to pageMeta.bylines so the body drops them.
var metaBylineSelectors = []string{
	`[itemprop="author"]`,
	`[rel="author"]`,
	`.byline`, `.by-line`, `.article-byline`, `.story-byline`, `.c-byline`,
	`.author-name`, `.authorName`, `.author__name`, `.byline__name`, `.byline-name`,
	`.article-author`, `.story-author`, `.post-author`, `.entry-author`,
	`[data-testid="byline"]`, `[class*="byline"]`,
	`.author`, `.autor`, `.auteur`,
	`[class*="Byline"]`, `[class*="authorname"]`,
	`a[href*="/author/"]`, `a[href*="/authors/"]`, `a[href*="/autor/"]`, `a[href*="/profile/"]`,
	`[class*="author"]`,
}

// metaAuthorNameSelectors are, inside a byline element, the elements that
// hold one name each (a byline often reads "By <a>A</a> and <a>B</a>").
var metaAuthorNameSelectors = []string{
	`[itemprop="name"]`, `a[rel="author"]`, `a[href*="/author"]`, `a[href*="/autor"]`,
	`a[href*="/people/"]`, `a[href*="/profile"]`, `a[href*="/journalist"]`, `a[href*="/staff/"]`,
}

// metaDatelineSelectors are visible datelines ("June 10, 2022 14:05 IST").
var metaDatelineSelectors = []string{
	`.dateline`, `.article-dateline`, `.story-date`, `.publish-date`, `.published-date`,
	`.article-date`, `.post-date`, `.entry-date`, `.date-published`,
}

// metaDateTextSelectors are elements whose short text may be the date
// when nothing declares one; tried after the datelines, first parse wins.
var metaDateTextSelectors = []string{
	`[class*="date"]`, `[class*="Date"]`, `[class*="publish"]`, `[class*="timestamp"]`,
	`[class*="byline"]`, `[class*="meta"]`, `[class*="posted"]`, `[class*="author"]`,
}

// metaTagSelectors are visible tag links inside the article.
var metaTagSelectors = []string{
	`a[rel="tag"]`, `.tags a`, `.tag-list a`, `.article-tags a`, `.post-tags a`, `.entry-tags a`,
}

// metaSubtitleSelectors are visible standfirsts; a dek is taken from them
// only when short and distinct from the title.
var metaSubtitleSelectors = []string{
	`[itemprop="alternativeHeadline"]`, `.subtitle`, `.sub-title`, `.subheadline`, `.sub-headline`,
	`.dek`, `.standfirst`, `.article-dek`, `.article__dek`, `.c-entry-summary`, `.article-summary`,
	`.article__subtitle`, `.article-subtitle`, `.story-subtitle`, `h2.summary`, `.lede`, `.kicker-sub`,
}

// metaDekWords are class words of a standfirst, taken only right under the
// headline (dekUnderHeadline): French chapo/chapeau, German Vorspann,
// British standfirst, American dek/deck.
var metaDekWords = map[string]bool{
	"chapo": true, "chapeau": true, "standfirst": true, "dek": true, "deck": true, "summary": true, "lead": true,
	"lede": true, "teaser": true, "intro": true, "introduction": true, "vorspann": true, "subtitle": true,
	"subheadline": true, "soustitre": true, "entradilla": true, "sommario": true, "catenaccio": true,
}

// metaWrittenByLabels are the labels of a Twitter card field that names
// the author (lower-case).
var metaWrittenByLabels = map[string]bool{
	"written by": true, "geschrieben von": true, "napisane przez": true, "écrit par": true, "escrito por": true,
	"scritto da": true, "geschreven door": true, "skrevet af": true, "skrivet av": true,
}

// metaWeekdays are day names a dateline leaves after a byline ("Joe Wee
// Monday"), lower-case.
var metaWeekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "montag": true, "dienstag": true, "mittwoch": true, "donnerstag": true, "freitag": true,
	"samstag": true, "sonntag": true, "lundi": true, "mardi": true, "mercredi": true, "jeudi": true,
	"vendredi": true, "samedi": true, "dimanche": true,
}

// metaCompanyForms are legal forms a site name may carry ("Spiceworks
// Inc"), lower-case without dots.
var metaCompanyForms = map[string]bool{
	"inc": true, "ltd": true, "llc": true, "plc": true, "corp": true, "gmbh": true, "ag": true, "sa": true,
	"sas": true, "srl": true, "spa": true, "bv": true, "nv": true, "ab": true, "as": true, "oy": true,
}

// metaTimeSelectors are <time> elements that date the article, best first.
var metaTimeSelectors = []string{
	`article time[datetime][itemprop="datePublished"]`, `time[pubdate][datetime]`,
	`article header time[datetime]`, `header time[datetime]`, `article time[datetime]`,
	`main time[datetime]`, `time[datetime]`, `relative-time[datetime]`, // GitHub's element, also on Gitea and Forgejo
}

// metaBreadcrumbSelectors are visible breadcrumb links; the section is the
// last one that is not "Home".
var metaBreadcrumbSelectors = []string{
	`nav[aria-label*="readcrumb"] a`, `.breadcrumb a`, `.breadcrumbs a`, `[itemtype$="BreadcrumbList"] [itemprop="name"]`,
}

// metaChromeWords are class or id words of containers whose bylines,
// dates and tags belong to other stories or to readers.
var metaChromeWords = map[string]bool{
	"comment": true, "comments": true, "related": true, "recommended": true, "recommendations": true,
	"sidebar": true, "teaser": true, "teasers": true, "promo": true, "outbrain": true, "taboola": true,
	"newsletter": true, "trending": true, "popular": true, "footer": true, "widget": true,
}

// metaNotAuthors are the lower-case names of agencies, desks and generic
// credits: never a named author.
var metaNotAuthors = []string{
	"pti", "ians", "ani", "uni", "reuters", "thomson reuters", "ap", "the associated press", "associated press",
	"afp", "agence france-presse", "agence france presse", "dpa", "epd", "kna", "apa", "sda", "ansa",
	"efe", "europa press", "sid", "ddp", "afp/dpa", "dpa/afp", "xinhua", "kyodo", "yonhap", "bloomberg", "tass", "ria novosti", "anadolu", "aa",
	"cnn", "bbc", "bbc news", "nyt", "wire", "wires", "wire services", "agencies", "agency", "news agencies",
	"staff", "desk", "editor", "editors", "admin", "administrator", "team", "redaktion", "rédaction", "redacción",
	"redazione", "editorial", "newsroom", "guest", "guest author", "anonymous", "unknown",
}

// metaNotAuthorWords mark a name as a desk or agency credit when they occur
// as whole words in it ("Web Desk", "TOI Staff", "Express News Service").
var metaNotAuthorWords = []string{
	"staff", "desk", "bureau", "news service", "editorial board", "editorial team", "newsroom",
	"correspondent", "correspondents", "team", "redaktion", "agencies", "agency", "online",
	"news network", "news agency", "press trust", "wire service", "wires", "contributor", "contributors",
	"editors", "reporters", "media", "group", "inc", "ltd", "gmbh", "limited", "digital",
	"news", "nachrichten", "noticias", "nouvelles", "notizie",
}

// metaBylinePrefixes are stripped from the start of a byline (lower-case).
var metaBylinePrefixes = []string{
	"written by", "posted by", "reported by", "story by", "words by", "text by", "by", "von", "par", "por",
	"door", "autor", "autorin", "author", "authors", "reporter", "quelle", "source", "fuente", "著者", "文",
}

// metaNameJoiners split a byline into names (with spaces around).
var metaNameJoiners = []string{" and ", " & ", " und ", " et ", " y ", " e ", " og ", " en ", " ve ", " i ", " with "}

// metaTitleSeparators separate a headline from the site name in <title>.
var metaTitleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ", " : "}

// metaArticleTypes are schema.org types that declare an article.
var metaArticleTypes = []string{
	"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
	"BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "SatiricalArticle",
	"BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "ScholarlyArticle", "TechArticle",
	"Report", "Review", "CriticReview", "MedicalScholarlyArticle", "APIReference", "DiscussionForumPosting",
}

// metaPageTypes are schema.org types that declare a page that is not an article.
var metaPageTypes = []string{
	"CollectionPage", "WebPage", "ItemList", "SearchResultsPage", "ProfilePage", "AboutPage",
	"ContactPage", "FAQPage", "QAPage", "WebSite", "VideoObject", "Product",
}

// Meta keys (name, property or itemprop, lower-case) per field, best first.
var (
	metaTitleKeys     = []string{"og:title", "twitter:title", "dc.title", "dcterms.title", "parsely-title", "sailthru.title", "headline"}
	metaAuthorKeys    = []string{"dc.creator", "dcterms.creator", "article:author", "author", "parsely-author", "sailthru.author", "byl", "og:article:author", "citation_author", "cxenseparse:author", "dc.contributor"}
	metaPublishedKeys = []string{"article:published_time", "og:article:published_time", "article:published", "og:published_time", "datepublished", "publishdate", "publish-date", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date", "article.published", "original-publish-date", "cxenseparse:recs:publishtime", "citation_publication_date", "citation_date", "displaydate", "datecreated", "article:created", "originalpublicationdate", "rnews:datepublished", "sailthru.date", "article_date_original", "publication_date"}
	metaModifiedKeys  = []string{"article:modified_time", "og:article:modified_time", "og:updated_time", "article:modified", "datemodified", "dcterms.modified", "dc.date.modified", "last-modified", "lastmod", "article.updated", "revised"}
	metaSiteNameKeys  = []string{"og:site_name", "application-name", "publisher", "dc.publisher", "apple-mobile-web-app-title", "twitter:app:name:iphone"}
	metaSectionKeys   = []string{"article:section", "og:article:section", "section", "parsely-section", "sailthru.section", "category", "articlesection"}
	metaTagKeys       = []string{"article:tag", "og:article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru.tags"}
	metaDescKeys      = []string{"og:description", "description", "twitter:description", "dc.description"}
	metaLangKeys      = []string{"content-language", "dc.language", "language", "inlanguage"}
)

// monthNames maps month names and abbreviations (English, German, French,
// Spanish, Italian, Portuguese, Dutch) to numbers.
var monthNames = map[string]int{}

func init() {
	months := [12][]string{
		{"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari"},
		{"february", "feb", "februar", "février", "fevrier", "févr", "fév", "febrero", "febbraio", "fevereiro", "fev", "februari"},
		{"march", "mar", "märz", "maerz", "mrz", "mars", "marzo", "março", "marco", "maart", "mär", "mrt"},
		{"april", "apr", "avril", "avr", "abril", "abr", "aprile"},
		{"may", "mai", "mayo", "maggio", "mag", "maio", "mei"},
		{"june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho"},
		{"july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"},
		{"august", "aug", "août", "aout", "agosto", "ago"},
		{"september", "sep", "sept", "septembre", "septiembre", "settembre", "set", "setembro"},
		{"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"},
		{"november", "nov", "novembre", "noviembre", "novembro"},
		{"december", "dec", "dezember", "dez", "décembre", "déc", "diciembre", "dic", "dicembre", "dezembro", "desember"},
	}
	for i, names := range months {
		for _, n := range names {
			monthNames[n] = i + 1
		}
	}
}

// zoneOffsets maps zone abbreviations that pages print to their offsets in
// seconds. Ambiguous ones take the reading most common on news sites
// (IST is India, CST is US Central, BST is British Summer Time).
var zoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0,
	"BST": 3600, "IST": 5*3600 + 1800, "WEST": 3600, "CET": 3600, "MEZ": 3600, "WAT": 3600,
	"CEST": 2 * 3600, "MESZ": 2 * 3600, "EET": 2 * 3600, "SAST": 2 * 3600, "CAT": 2 * 3600,
	"EEST": 3 * 3600, "MSK": 3 * 3600, "EAT": 3 * 3600, "AST": 3 * 3600, "GST": 4 * 3600,
	"PKT": 5 * 3600, "NPT": 5*3600 + 2700, "BDT": 6 * 3600, "ICT": 7 * 3600, "WIB": 7 * 3600,
	"SGT": 8 * 3600, "HKT": 8 * 3600, "PHT": 8 * 3600, "MYT": 8 * 3600, "AWST": 8 * 3600, "CST8": 8 * 3600,
	"JST": 9 * 3600, "KST": 9 * 3600, "ACST": 9*3600 + 1800, "AEST": 10 * 3600, "ACDT": 10*3600 + 1800,
	"AEDT": 11 * 3600, "NZST": 12 * 3600, "NZDT": 13 * 3600,
	"EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600, "MST": -7 * 3600,
	"MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600, "AKST": -9 * 3600, "AKDT": -8 * 3600,
	"HST": -10 * 3600, "BRT": -3 * 3600, "ART": -3 * 3600, "NST": -3*3600 - 1800, "ADT": -3 * 3600,
}

// metaRules are the compiled tables of the metadata stage.
type metaRules struct {
	byline, dateline, dateText, tags, subtitle, times, breadcrumb []metaSel
	// Fixed selectors of the stage.
	publisherName, canonical, microDate, itemtype, h1, title, headlineItem metaSel
	// authorName runs inside byline elements, not over the page.
	authorName []cascadia.Sel
	// wants is what the one walk of the page must index.
	wants metaWants
	// bylineWord[i] is the class word that a `[class*="word"]` byline
	// selector must match as a whole word ("content__author", not
	// "authority-control").
	bylineWord     []string
	notAuthors     map[string]bool
	notAuthorWords []string
}

func compileMetaRules(r Rules) (*metaRules, error) {
	m := &metaRules{notAuthors: map[string]bool{}, wants: metaWants{
		tags: map[string]bool{}, attrs: map[string]bool{}, classToks: map[string]bool{}}}
	for _, t := range []struct {
		dst  *[]metaSel
		srcs []string
	}{
		{&m.byline, metaBylineSelectors},
		{&m.dateline, metaDatelineSelectors},
		{&m.dateText, metaDateTextSelectors},
		{&m.tags, metaTagSelectors},
		{&m.subtitle, metaSubtitleSelectors},
		{&m.times, metaTimeSelectors},
		{&m.breadcrumb, metaBreadcrumbSelectors},
	} {
		for _, s := range t.srcs {
			sel, err := compileMetaSel(s, &m.wants)
			if err != nil {
				return nil, err
			}
			*t.dst = append(*t.dst, sel)
		}
	}
	for _, t := range []struct {
		dst *metaSel
		src string
	}{
		{&m.publisherName, `[itemprop="publisher"] [itemprop="name"]`},
		{&m.canonical, `link[rel~="canonical"][href]`},
		{&m.microDate, `[itemprop="datePublished"]:not(meta), [itemprop="dateModified"]:not(meta)`},
		{&m.itemtype, `[itemscope][itemtype]`},
		{&m.h1, `h1`},
		{&m.title, `title`},
		{&m.headlineItem, `[itemprop="headline"]`},
	} {
		sel, err := compileMetaSel(t.src, &m.wants)
		if err != nil {
			return nil, err
		}
		*t.dst = sel
	}
	for _, s := range metaAuthorNameSelectors {
		sel, err := cascadia.Parse(s)
		if err != nil {
			return nil, fmt.Errorf("selector %q: %w", s, err)
		}
		m.authorName = append(m.authorName, sel)
	}
	for _, src := range metaBylineSelectors {
		w := ""
		if rest, ok := strings.CutPrefix(src, `[class*="`); ok && strings.HasSuffix(rest, `"]`) {
			w = strings.ToLower(strings.TrimSuffix(rest, `"]`))
		}
		m.bylineWord = append(m.bylineWord, w)
	}
	for _, n := range metaNotAuthors {
		m.notAuthors[n] = true
	}
	m.notAuthorWords = append(m.notAuthorWords, metaNotAuthorWords...)
	// Organisation words of the caller also mark a credit as not a person.
	for _, w := range r.OrganisationWords {
		w = strings.ToLower(strings.TrimSpace(w))
		if w == "" {
			return nil, fmt.Errorf("empty organisation word")
		}
		m.notAuthorWords = append(m.notAuthorWords, w)
	}
	return m, nil
}

// metaSel is a compiled selector of this stage with what an element must
// have to match it, read from the selector text: the index of one walk over
// the page (metaIndex) then hands each selector only its few candidates
// instead of running it over the whole tree. The key is a necessary
// condition only; every candidate is still checked with Match, so results
// are those of cascadia.QueryAll.
type metaSel struct {
	cascadia.Matcher
	subj selKey   // key of the element that matches
	anc  []selKey // keys of ancestors it requires: no such element, no match
}

// selKey names one list of the index.
type selKey struct {
	kind selKind
	name string
}

type selKind uint8

const (
	keyAll      selKind = iota // every element
	keyTag                     // elements named name
	keyClassSub                // class attribute containing name
	keyAttr                    // elements with attribute name
	keyClassTok                // class token name
)

// metaWants is what the index must record: the union of all keys.
type metaWants struct {
	tags, attrs, classToks map[string]bool
	classSubs              []string
}

func (w *metaWants) add(k selKey) {
	switch k.kind {
	case keyTag:
		w.tags[k.name] = true
	case keyAttr:
		w.attrs[k.name] = true
	case keyClassTok:
		w.classToks[k.name] = true
	case keyClassSub:
		for _, s := range w.classSubs {
			if s == k.name {
				return
			}
		}
		w.classSubs = append(w.classSubs, k.name)
	}
}

// compileMetaSel compiles src and reads its keys. Selectors with several
// alternatives get a subject key only when all alternatives share it.
func compileMetaSel(src string, w *metaWants) (metaSel, error) {
	sel, err := cascadia.ParseGroup(src)
	if err != nil {
		return metaSel{}, fmt.Errorf("selector %q: %w", src, err)
	}
	ms := metaSel{Matcher: sel}
	alts := splitTopLevel(src, ',')
	for i, alt := range alts {
		var compounds []string
		for _, c := range splitTopLevel(alt, ' ') {
			if c = strings.TrimSpace(c); c != "" && c != ">" && c != "+" && c != "~" {
				compounds = append(compounds, c)
			}
		}
		if len(compounds) == 0 {
			return ms, nil
		}
		subj := compoundKey(compounds[len(compounds)-1])
		switch {
		case i == 0:
			ms.subj = subj
		case subj != ms.subj:
			ms.subj = selKey{}
		}
		if len(alts) == 1 {
			for _, c := range compounds[:len(compounds)-1] {
				if k := compoundKey(c); k.kind != keyAll {
					ms.anc = append(ms.anc, k)
				}
			}
		}
	}
	w.add(ms.subj)
	for _, k := range ms.anc {
		w.add(k)
	}
	return ms, nil
}

// splitTopLevel splits s at sep outside brackets, parentheses and quotes.
func splitTopLevel(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '(':
			depth++
		case c == ']' || c == ')':
			depth--
		case c == sep && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// compoundKey reads the most selective key of one compound selector
// ("a[href*=\"/author/\"]", ".byline", "[class*=\"date\"]", "h2.summary"):
// a class token, then an attribute, then a class substring, then the tag.
func compoundKey(c string) selKey {
	best := selKey{}
	rank := func(k selKey) int {
		switch {
		case k.kind == keyClassTok:
			return 5
		case k.kind == keyAttr && k.name != "href":
			return 4
		case k.kind == keyClassSub:
			return 3
		case k.kind == keyTag:
			return 2
		case k.kind == keyAttr:
			return 1
		}
		return 0
	}
	take := func(k selKey) {
		if rank(k) > rank(best) {
			best = k
		}
	}
	ident := func(i int) (string, int) {
		j := i
		for j < len(c) && (c[j] == '-' || c[j] == '_' || c[j] >= 'a' && c[j] <= 'z' || c[j] >= 'A' && c[j] <= 'Z' || c[j] >= '0' && c[j] <= '9') {
			j++
		}
		return c[i:j], j
	}
	i := 0
	if tag, j := ident(0); tag != "" {
		take(selKey{keyTag, strings.ToLower(tag)})
		i = j
	}
	for i < len(c) {
		switch c[i] {
		case '.':
			name, j := ident(i + 1)
			if name != "" {
				take(selKey{keyClassTok, name})
			}
			i = j
		case '#':
			_, j := ident(i + 1)
			take(selKey{keyAttr, "id"})
			i = j
		case '[':
			end := strings.IndexByte(c[i:], ']')
			if end < 0 {
				return best
			}
			body := c[i+1 : i+end]
			name, rest := body, ""
			for k := 0; k < len(body); k++ {
				if strings.IndexByte("=~*$^|!]", body[k]) >= 0 {
					name, rest = body[:k], body[k:]
					break
				}
				name, rest = body[:k+1], ""
			}
			name = strings.ToLower(strings.TrimSpace(name))
			if name == "class" && strings.HasPrefix(rest, "*=") {
				v := strings.Trim(strings.TrimSpace(rest[2:]), `"'`)
				if v != "" && !strings.ContainsAny(v, `"' `) {
					take(selKey{keyClassSub, v})
					i += end + 1
					continue
				}
			}
			if name != "" {
				take(selKey{keyAttr, name})
			}
			i += end + 1
		case ':':
			// A pseudo-class (":not(meta)") narrows further; skip it.
			j := i + 1
			for j < len(c) && c[j] != '(' && c[j] != '.' && c[j] != '[' && c[j] != ':' {
				j++
			}
			if j < len(c) && c[j] == '(' {
				depth := 0
				for ; j < len(c); j++ {
					if c[j] == '(' {
						depth++
					} else if c[j] == ')' {
						depth--
						if depth == 0 {
							j++
							break
						}
					}
				}
			}
			i = j
		default:
			i++
		}
	}
	return best
}

// pageZone is the offset of local time where a page is written: a date the
// page gives without an offset ("2019年4月4日", "2019-04-04", a time of day
// alone) is local time there, not UTC. Read from the region of the language
// tag, then the country-code TLD of the host, then the language alone; only
// places with one time zone (or one that news sites mostly use) are listed.
type pageZone struct {
	std int  // standard offset in seconds
	eu  bool // EU summer time: one hour more from the last Sunday of March to the last Sunday of October
}

const hour = 3600

var (
	zoneCET = pageZone{std: 1 * hour, eu: true}
	zoneWET = pageZone{std: 0, eu: true}
	zoneEET = pageZone{std: 2 * hour, eu: true}

	// metaRegionZones are keyed by ISO 3166 region, also used for ccTLDs.
	metaRegionZones = map[string]pageZone{
		"jp": {std: 9 * hour}, "kr": {std: 9 * hour}, "cn": {std: 8 * hour}, "tw": {std: 8 * hour},
		"hk": {std: 8 * hour}, "sg": {std: 8 * hour}, "in": {std: 5*hour + 1800}, "tr": {std: 3 * hour},
		"br": {std: -3 * hour}, "ar": {std: -3 * hour},
		"de": zoneCET, "at": zoneCET, "ch": zoneCET, "fr": zoneCET, "it": zoneCET, "es": zoneCET, "nl": zoneCET,
		"be": zoneCET, "lu": zoneCET, "pl": zoneCET, "cz": zoneCET, "sk": zoneCET, "hu": zoneCET, "se": zoneCET,
		"dk": zoneCET, "no": zoneCET, "si": zoneCET, "hr": zoneCET, "rs": zoneCET,
		"gb": zoneWET, "uk": zoneWET, "ie": zoneWET, "pt": zoneWET,
		"fi": zoneEET, "ee": zoneEET, "lv": zoneEET, "lt": zoneEET, "gr": zoneEET, "ro": zoneEET, "bg": zoneEET,
	}
	// metaLanguageZones are keyed by language subtag, for a tag without a
	// region; languages spoken across many zones (en, es, pt, ar, ru) are not.
	metaLanguageZones = map[string]pageZone{
		"ja": {std: 9 * hour}, "ko": {std: 9 * hour}, "zh": {std: 8 * hour}, "tr": {std: 3 * hour},
		"de": zoneCET, "fr": zoneCET, "it": zoneCET, "nl": zoneCET, "pl": zoneCET, "cs": zoneCET, "sk": zoneCET,
		"hu": zoneCET, "sv": zoneCET, "da": zoneCET, "nb": zoneCET, "nn": zoneCET, "no": zoneCET, "sl": zoneCET,
		"hr": zoneCET, "fi": zoneEET, "et": zoneEET, "lv": zoneEET, "lt": zoneEET, "el": zoneEET, "ro": zoneEET,
		"bg": zoneEET,
	}
)
