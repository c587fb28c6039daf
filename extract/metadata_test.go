package extract

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// metaPass parses page and runs readMetadata, as Extract does.
func metaPass(t *testing.T, page, pageURL string) *pass {
	t.Helper()
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	root, err := parseHTML([]byte(page), "", DefaultMaxNodes)
	if err != nil {
		t.Fatal(err)
	}
	p := &pass{ex: ex, base: u, root: root, doc: goquery.NewDocumentFromNode(root), art: newArticle(u)}
	p.readMetadata()
	return p
}

func ldScript(js string) string { return `<script type="application/ld+json">` + js + `</script>` }

func rfc(tm *time.Time) string {
	if tm == nil {
		return ""
	}
	return tm.Format(time.RFC3339)
}

func TestReadMetadata(t *testing.T) {
	t.Parallel()
	type want struct {
		title, subtitle, site, lang, section, canonical string
		authors, tags                                   []string
		published, modified                             string
		prov                                            map[string]string
		articleType, pageType                           string
		lead                                            leadImage
		paywalled                                       bool
		bylines                                         []string
	}
	cases := []struct {
		name, url, page string
		want            want
	}{
		{
			name: "json-ld graph with author reference and offset kept",
			url:  "https://news.example/india/story-1",
			page: `<html lang="en-IN"><head><title>Old title | Example News</title>` + ldScript(`{"@context":"https://schema.org","@graph":[
				{"@type":"WebSite","@id":"#site","name":"Example News"},
				{"@type":"Person","@id":"#asha","name":"Asha Rao"},
				{"@type":"NewsArticle","headline":"Monsoon reaches Kerala","datePublished":"2022-06-10T14:05:00+05:30",
				 "dateModified":"2022-06-10T16:00:00+05:30","author":[{"@id":"#asha"},{"@type":"Organization","name":"PTI"}],
				 "publisher":{"@type":"Organization","name":"Example News"},"articleSection":"India",
				 "keywords":"monsoon, Kerala, weather","inLanguage":"en-IN"}]}`) + `</head><body><h1>Monsoon reaches Kerala</h1></body></html>`,
			want: want{
				title: "Monsoon reaches Kerala", site: "Example News", lang: "en-IN", section: "India",
				authors: []string{"Asha Rao"}, tags: []string{"monsoon", "Kerala", "weather"},
				published: "2022-06-10T14:05:00+05:30", modified: "2022-06-10T16:00:00+05:30",
				prov:        map[string]string{"title": "json-ld", "authors": "json-ld", "published_at": "json-ld", "tags": "json-ld"},
				articleType: "NewsArticle",
			},
		},
		{
			name: "json-ld top-level array, string byline split, agency dropped",
			url:  "https://news.example/a",
			page: `<html><head>` + ldScript(`[{"@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":1,"name":"Home"},{"@type":"ListItem","position":2,"name":"Business"}]},
				{"@type":["ReportageNewsArticle"],"headline":"Rates rise","author":"By Jane Doe and John Roe, Reuters","datePublished":"2023-01-02"}]`) + `</head><body></body></html>`,
			want: want{
				title: "Rates rise", authors: []string{"Jane Doe", "John Roe"}, section: "Business",
				published: "2023-01-02T00:00:00Z", articleType: "ReportageNewsArticle",
				prov: map[string]string{"authors": "json-ld", "section": "json-ld"},
			},
		},
		{
			name: "json-ld article nested as mainEntity, malformed json repaired",
			url:  "https://blog.example/p/1",
			page: "<html><head>" + ldScript("{\"@type\":\"WebPage\",\"mainEntity\":{\"@type\":\"BlogPosting\",\"headline\":\"Line\nbreak\",\"author\":{\"@type\":\"Person\",\"name\":\"Li Wei\"},},}") + "</head><body></body></html>",
			want: want{title: "Line break", authors: []string{"Li Wei"}, articleType: "BlogPosting",
				prov: map[string]string{"title": "json-ld"}},
		},
		{
			name: "opengraph only",
			url:  "https://paper.example/world/story",
			page: `<html><head>
				<meta property="og:title" content="Talks resume in Geneva | The Paper">
				<meta property="og:site_name" content="The Paper">
				<meta property="og:type" content="article">
				<meta property="og:locale" content="en_GB">
				<meta property="og:url" content="/world/story?ref=x">
				<meta property="og:image" content="/img/lead.jpg">
				<meta property="og:image:width" content="1200">
				<meta property="og:description" content="Diplomats meet again.">
				<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
				<meta property="article:author" content="https://paper.example/people/x">
				<meta name="author" content="Marta Klein">
				<meta property="article:section" content="World">
				<meta property="article:tag" content="Diplomacy"><meta property="article:tag" content="Geneva"><meta property="article:tag" content="diplomacy">
				</head><body></body></html>`,
			want: want{
				title: "Talks resume in Geneva", site: "The Paper", lang: "en-GB", section: "World",
				canonical: "https://paper.example/world/story?ref=x", authors: []string{"Marta Klein"},
				tags: []string{"Diplomacy", "Geneva"}, published: "2024-03-05T09:30:00+01:00",
				articleType: "article", lead: leadImage{url: "https://paper.example/img/lead.jpg", width: 1200},
				prov: map[string]string{"title": "opengraph", "published_at": "opengraph", "authors": "meta", "site_name": "opengraph", "tags": "opengraph"},
			},
		},
		{
			name: "microdata only",
			url:  "https://micro.example/x",
			page: `<html><body><article itemscope itemtype="https://schema.org/NewsArticle">
				<h1 itemprop="headline">Bridge reopens</h1>
				<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Olu Ade</span></span>
				<time itemprop="datePublished" datetime="2021-11-30T08:00:00-05:00">Nov 30</time>
				<p>Text.</p></article></body></html>`,
			want: want{
				title: "Bridge reopens", authors: []string{"Olu Ade"}, published: "2021-11-30T08:00:00-05:00", articleType: "NewsArticle",
				prov:    map[string]string{"title": "microdata", "published_at": "microdata", "authors": "byline"},
				bylines: []string{"Olu Ade"},
			},
		},
		{
			name: "time element and visible byline",
			url:  "https://plain.example/x",
			page: `<html><head><title>Flood warning - Plain Times</title></head><body><article><header>
				<h1>Flood warning</h1><p class="byline">By Sam Hill | PTI</p>
				<time datetime="2020-02-03T10:00:00+05:30">3 Feb</time></header><p>Body.</p></article></body></html>`,
			want: want{
				title: "Flood warning", authors: []string{"Sam Hill"}, published: "2020-02-03T10:00:00+05:30", site: "Plain Times",
				prov:    map[string]string{"published_at": "time", "authors": "byline", "site_name": "title-tag"},
				bylines: []string{"By Sam Hill | PTI"},
			},
		},
		{
			name: "date from the url only",
			url:  "https://site.example/2022/06/10/some-story/",
			page: `<html><head><title>Story</title></head><body><p>x</p></body></html>`,
			want: want{title: "Story", published: "2022-06-10T00:00:00Z", prov: map[string]string{"published_at": "url", "title": "title-tag"}},
		},
		{
			name: "agencies and desks are not authors",
			url:  "https://desk.example/x",
			page: `<html><head><meta name="author" content="PTI"><meta name="author" content="Web Desk"></head>
				<body><div class="byline">By Express News Service</div></body></html>`,
			want: want{bylines: []string{"By Express News Service"}},
		},
		{
			name: "date-only value takes the same day with an offset from another source",
			url:  "https://d.example/x",
			page: `<html><head>` + ldScript(`{"@type":"NewsArticle","headline":"H","datePublished":"2022-06-10"}`) + `
				<meta property="article:published_time" content="2022-06-10T14:05:00+05:30"></head><body></body></html>`,
			want: want{title: "H", published: "2022-06-10T14:05:00+05:30", articleType: "NewsArticle",
				prov: map[string]string{"published_at": "opengraph"}},
		},
		{
			name: "paywall, lead image object, canonical link, collection fallback type",
			url:  "https://pay.example/a/b",
			page: `<html><head><link rel="canonical" href="../c">` + ldScript(`{"@type":"NewsArticle","headline":"Paid","isAccessibleForFree":"False",
				"image":{"@type":"ImageObject","url":"https://pay.example/i.jpg","width":800,"height":450,"caption":"A cap","creditText":"Jo Bloggs"}}`) + `</head><body></body></html>`,
			want: want{title: "Paid", canonical: "https://pay.example/c", articleType: "NewsArticle", paywalled: true,
				lead: leadImage{url: "https://pay.example/i.jpg", width: 800, height: 450, caption: "A cap", credit: "Jo Bloggs"},
				prov: map[string]string{"canonical_url": "html"}},
		},
		{
			name: "declared collection page",
			url:  "https://pay.example/list",
			page: `<html><head>` + ldScript(`[{"@type":"CollectionPage","name":"Latest"},{"@type":"WebPageElement","isAccessibleForFree":false}]`) + `
				<meta property="og:type" content="website"></head><body></body></html>`,
			want: want{pageType: "CollectionPage"},
		},
		{
			name: "paywall declared on a part",
			url:  "https://pay.example/p",
			page: `<html><head>` + ldScript(`{"@type":"NewsArticle","headline":"P","hasPart":{"@type":"WebPageElement","isAccessibleForFree":false,"cssSelector":".paywall"}}`) + `</head></html>`,
			want: want{title: "P", articleType: "NewsArticle", paywalled: true},
		},
		{
			name: "parsely-page json",
			url:  "https://p.example/x",
			page: `<html><head><meta name="parsely-page" content='{"title":"Merger done","pub_date":"2014-11-23T16:00:00+04:00","author":"Kim Park"}'></head></html>`,
			want: want{title: "Merger done", published: "2014-11-23T16:00:00+04:00", authors: []string{"Kim Park"},
				prov: map[string]string{"published_at": "meta", "authors": "meta"}},
		},
		{
			name: "date from a date-classed element in an aside of the article",
			url:  "https://v.example/x",
			page: `<html><body class="no-footer-ads"><article><aside><ul class="content__meta"><li class="content__meta__date">19.07.2022</li></ul></aside>
				<h1>Giant flowers</h1><p>Text.</p></article></body></html>`,
			want: want{title: "Giant flowers", published: "2022-07-19T00:00:00Z", prov: map[string]string{"published_at": "byline"}},
		},
		{
			name: "byline recognised by its By text, publisher is not an author",
			url:  "https://q.example/x",
			page: `<html><head><meta name="author" content="Big Media Co">` + ldScript(`{"@type":"NewsArticle","headline":"Economy grows","publisher":{"@type":"Organization","name":"Big Media Co"}}`) + `</head>
				<body><article><div class="x1"><div class="x2">By <span class="x3">Yomi Kazeem</span></div></div><p>Text.</p></article></body></html>`,
			want: want{title: "Economy grows", authors: []string{"Yomi Kazeem"}, articleType: "NewsArticle", site: "Big Media Co",
				prov: map[string]string{"authors": "byline"}},
		},
		{
			name: "credits of other stories are not co-authors",
			url:  "https://r.example/x",
			page: `<html><body class="has-footer-widget"><article><h1>Main story here</h1><div class="byline"><span itemprop="author">Ann Lee</span> and <span itemprop="author">Bo Chen</span></div><p>Text.</p></article>
				<div class="comments"><span itemprop="author">Commenter One</span></div>
				<section><div><div><div><span itemprop="author">Other Writer</span></div></div></div></section></body></html>`,
			want: want{title: "Main story here", authors: []string{"Ann Lee", "Bo Chen"}, prov: map[string]string{"authors": "byline"}},
		},
		{
			name: "visible headline preferred when it is a variant of og:title and no JSON-LD",
			url:  "https://s.example/x",
			page: `<html><head><meta property="og:title" content="Council approves budget for new bridge"><title>Council approves budget | S</title></head>
				<body><h1>Council approves budget for the new river bridge</h1></body></html>`,
			want: want{title: "Council approves budget for the new river bridge", prov: map[string]string{"title": "h1"}},
		},
		{
			name: "description shown under the headline is the dek",
			url:  "https://dd.example/x",
			page: `<html><head><meta property="og:description" content="What the story says in one line, shown on the page."></head>
				<body><h1>Headline of the story</h1><div class="x9">What the story says in one line, shown on the page.</div><p>Body text.</p></body></html>`,
			want: want{title: "Headline of the story", subtitle: "What the story says in one line, shown on the page.",
				prov: map[string]string{"subtitle": "opengraph"}},
		},
		{
			name: "description that is only metadata or the lead paragraph is not a dek",
			url:  "https://dd.example/y",
			page: `<html><head><meta name="description" content="The first paragraph of the story, repeated for search."></head>
				<body><h1>Headline of the story</h1><p>The first paragraph of the story, repeated for search.</p></body></html>`,
			want: want{title: "Headline of the story"},
		},
		{
			name: "section front: teaser bylines and dates are not the page's",
			url:  "https://rb.example/politics/",
			page: `<html><head><title>Politics | Riverbend News</title><meta property="og:type" content="website">` + ldScript(`{"@type":"CollectionPage","name":"Politics"}`) + `</head>
				<body><h1>Politics</h1><article class="card"><h2><a href="/a">Council votes</a></h2><p class="byline">By Carla Jimenez</p><time datetime="2024-04-09">April 9</time></article></body></html>`,
			want: want{title: "Politics", site: "Riverbend News", pageType: "CollectionPage", bylines: []string{"By Carla Jimenez"}},
		},
		{
			name: "site name from microdata publisher",
			url:  "https://vl.example/x",
			page: `<html><head><title>Library reopens</title></head><body><article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Library reopens</h1>
				<div itemprop="publisher" itemscope itemtype="https://schema.org/Organization"><meta itemprop="name" content="Valley Ledger"></div></article></body></html>`,
			want: want{title: "Library reopens", site: "Valley Ledger", articleType: "NewsArticle", prov: map[string]string{"site_name": "microdata"}},
		},
		{
			name: "the whole byline line around an author link is a byline",
			url:  "https://dp.example/x",
			page: `<html><body><article><h1>Metro line opens on Monday</h1><div class="post-meta">By <a href="/author/ks/" rel="author">Kavya Shetty</a> &middot; <span>Oct 8, 2023, 07:02 PM IST</span></div><p>Text.</p></article></body></html>`,
			want: want{title: "Metro line opens on Monday", authors: []string{"Kavya Shetty"}, published: "2023-10-08T19:02:00+05:30",
				bylines: []string{"Kavya Shetty", "By Kavya Shetty · Oct 8, 2023, 07:02 PM IST"}},
		},
		{
			name: "subtitle from a visible standfirst, tags from visible links",
			url:  "https://dek.example/x",
			page: `<html><head><title>Headline here</title></head><body><article><h1>Headline here</h1>
				<p class="standfirst">A standfirst that says what the story is about.</p>
				<div class="tags"><a href="/t/a">Alpha</a><a href="/t/b">Beta</a></div></article></body></html>`,
			want: want{title: "Headline here", subtitle: "A standfirst that says what the story is about.",
				tags: []string{"Alpha", "Beta"}, prov: map[string]string{"subtitle": "html", "tags": "html"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := metaPass(t, c.page, c.url)
			a, w := p.art, c.want
			check := func(field string, got, want any) {
				t.Helper()
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", field, got, want)
				}
			}
			if w.authors == nil {
				w.authors = []string{}
			}
			if w.tags == nil {
				w.tags = []string{}
			}
			check("Title", a.Title, w.title)
			check("Subtitle", a.Subtitle, w.subtitle)
			check("SiteName", a.SiteName, w.site)
			check("Language", a.Language, w.lang)
			check("Section", a.Section, w.section)
			check("Authors", a.Authors, w.authors)
			check("Tags", a.Tags, w.tags)
			check("PublishedAt", rfc(a.PublishedAt), w.published)
			if w.modified != "" {
				check("ModifiedAt", rfc(a.ModifiedAt), w.modified)
			}
			if w.canonical != "" {
				check("CanonicalURL", a.CanonicalURL, w.canonical)
			}
			for f, src := range w.prov {
				check("Provenance["+f+"]", a.Provenance[f], src)
			}
			check("articleType", p.meta.articleType, w.articleType)
			check("pageType", p.meta.pageType, w.pageType)
			check("lead", p.meta.lead, w.lead)
			check("paywalled", p.meta.paywalled, w.paywalled)
			if w.bylines != nil {
				check("bylines", p.meta.bylines, w.bylines)
			}
		})
	}
}

func TestPublishedKeepsOffset(t *testing.T) {
	t.Parallel()
	p := metaPass(t, `<html><head><meta property="article:published_time" content="2022-06-10T23:30:00+05:30"></head></html>`, "https://x.example/")
	_, off := p.art.PublishedAt.Zone()
	if off != 5*3600+1800 || p.art.PublishedAt.Day() != 10 {
		t.Fatalf("published %v: offset %d, want +05:30 on the 10th", p.art.PublishedAt, off)
	}
}

// A Twitter card's "Written by" names the author when the page shows no
// byline; a visible byline wins over it (magazines post as an editor).
func TestTwitterWrittenBy(t *testing.T) {
	t.Parallel()
	head := `<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Sam Editor">` +
		`<meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="5 minutes">`
	cases := []struct {
		name, page string
		want       []string
	}{
		{"label pair", `<html><head>` + head + `</head><body><h1>A headline here</h1></body></html>`, []string{"Sam Editor"}},
		{"misc key", `<html><head><meta name="twitter:misc:Written by" content="Dieter Kuckelkorn"></head><body></body></html>`, []string{"Dieter Kuckelkorn"}},
		{"visible byline wins", `<html><head>` + head + `</head><body><p class="byline">By Duncan Writer</p></body></html>`, []string{"Duncan Writer"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := metaPass(t, c.page, "https://x.example/a")
			if !reflect.DeepEqual(p.art.Authors, c.want) {
				t.Errorf("authors %q, want %q", p.art.Authors, c.want)
			}
		})
	}
}

func TestSplitAuthors(t *testing.T) {
	t.Parallel()
	p := metaPass(t, `<html></html>`, "https://x.example/")
	cases := []struct {
		in   string
		want []string
	}{
		{"By Jane Doe and John Roe", []string{"Jane Doe", "John Roe"}},
		{"Jane Doe, John Roe & Ann Lee", []string{"Jane Doe", "John Roe", "Ann Lee"}},
		{"Von Anna Schmidt und Ben Vogel", []string{"Anna Schmidt", "Ben Vogel"}},
		{"BY: Mary Major | Updated June 10, 2022", []string{"Mary Major"}},
		{"Elena Oberholzer (obe)", []string{"Elena Oberholzer"}},
		{"Byron Smith", []string{"Byron Smith"}},
		{"https://example.com/author/x", nil},
		{"Photograph by Tyrone Turner", nil},
		{"by Michael Larabel in Valve on 1 June 2019", []string{"Michael Larabel"}},
		{"Gillman, Steve", []string{"Steve Gillman"}},
		{"hessenschau.de, Frankfurt, Germany", nil},
		{"Quelle: Jane Roe", []string{"Jane Roe"}},
		{"著者：後藤大地", []string{"後藤大地"}},
		{"ByTravis Haney", []string{"Travis Haney"}},
		{"Byby JOSH HASKELL, DAVID CAPLAN", []string{"JOSH HASKELL", "DAVID CAPLAN"}},
		{"Byung Kim", []string{"Byung Kim"}},
		{"steventroughtonsmith", nil},
		{"kei_eno", nil},
		{"Madonna", []string{"Madonna"}},
		{"Bryan Walsh Tuesday", []string{"Bryan Walsh"}},
	}
	for _, c := range cases {
		got := p.splitAuthors(c.in)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitAuthors(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, name := range []string{"PTI", "Reuters", "AFP", "Web Desk", "TOI Staff", "Express News Service", "Editorial Board", "Bureau"} {
		if !p.notAPerson(name, nil) {
			t.Errorf("notAPerson(%q) = false", name)
		}
	}
	if p.notAPerson("Asha Rao", nil) {
		t.Error("notAPerson(Asha Rao) = true")
	}
}

func TestStripSiteName(t *testing.T) {
	t.Parallel()
	cases := []struct {
		title  string
		names  []string
		others []string
		want   string
	}{
		{"Headline | Site", []string{"Site"}, nil, "Headline"},
		{"Site - Headline", []string{"Site"}, nil, "Headline"},
		{"Headline - Golem.de", []string{"golem.de", "golem"}, nil, "Headline"},
		{"A - B | Paper", nil, []string{"A - B"}, "A - B"},
		{"Left - right debate", []string{"Site"}, nil, "Left - right debate"},
	}
	for _, c := range cases {
		if got := stripSiteName(c.title, c.names, c.others); got != c.want {
			t.Errorf("stripSiteName(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}

func TestNormalizeLang(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"en_US": "en-US", "en-us": "en-US", "EN": "en", "zh-hant-tw": "zh-Hant-TW", "de-DE, en": "de-DE",
		"": "", "english": "", "x": "", "en-<": "",
	} {
		if got := normalizeLang(in); got != want {
			t.Errorf("normalizeLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCompleteMetadataFallbacks(t *testing.T) {
	t.Parallel()
	page := `<html lang="fr"><head><title>Le titre</title><meta name="author" content="Jean Dupont"></head>
		<body><article><h2>Le titre</h2><p>` + strings.Repeat("Un texte assez long pour être retenu. ", 40) + `</p></article></body></html>`
	u, _ := url.Parse("https://fr.example/x")
	root, err := parseHTML([]byte(page), "", DefaultMaxNodes)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := readability.FromDocument(root, u)
	if err != nil {
		t.Fatal(err)
	}
	ex, _ := New(Options{})
	p := &pass{ex: ex, base: u, root: root, doc: goquery.NewDocumentFromNode(root), art: newArticle(u), rd: rd}
	// Nothing was read before: every field comes from readability.
	p.completeMetadata()
	if p.art.Title != "Le titre" || p.art.Provenance["title"] != srcReadability {
		t.Errorf("title %q (%s), want readability's", p.art.Title, p.art.Provenance["title"])
	}
	if !reflect.DeepEqual(p.art.Authors, []string{"Jean Dupont"}) || p.art.Language != "fr" {
		t.Errorf("authors %q language %q", p.art.Authors, p.art.Language)
	}
	// A field already found is kept.
	p2 := &pass{ex: ex, base: u, root: root, art: newArticle(u), rd: rd}
	p2.art.Title = "Mine"
	p2.completeMetadata()
	if p2.art.Title != "Mine" {
		t.Errorf("title overwritten: %q", p2.art.Title)
	}
	// A zero readability result changes nothing.
	p3 := &pass{ex: ex, base: u, root: root, art: newArticle(u)}
	p3.completeMetadata()
	if p3.art.Title != "" || len(p3.art.Provenance) != 0 {
		t.Errorf("zero readability filled %q %v", p3.art.Title, p3.art.Provenance)
	}
}

func TestCompileMetaRulesRejectsEmptyWord(t *testing.T) {
	t.Parallel()
	if _, err := New(Options{Rules: Rules{OrganisationWords: []string{" "}}}); err == nil {
		t.Fatal("New accepted an empty organisation word")
	}
	ex, err := New(Options{Rules: Rules{OrganisationWords: []string{"Ministerium"}}})
	if err != nil {
		t.Fatal(err)
	}
	p := &pass{ex: ex, art: newArticle(&url.URL{})}
	if !p.notAPerson("Bundesministerium", nil) && !p.notAPerson("Das Ministerium", nil) {
		t.Error("organisation word from Rules not applied")
	}
}

func TestHasClassWord(t *testing.T) {
	t.Parallel()
	cases := []struct {
		class, word string
		want        bool
	}{
		{"content__author", "author", true},
		{"authority-control", "author", false},
		{"css-1wkce1i-Byline", "byline", true},
		{"bylineDetails x", "byline", true},
		{"authorname-txt", "authorname", true},
		{"coauthors", "author", false},
	}
	for _, c := range cases {
		root, err := parseHTML([]byte(`<p class="`+c.class+`">x</p>`), "", DefaultMaxNodes)
		if err != nil {
			t.Fatal(err)
		}
		n := goquery.NewDocumentFromNode(root).Find("p").Nodes[0]
		if got := hasClassWord(n, c.word); got != c.want {
			t.Errorf("hasClassWord(%q, %q) = %v", c.class, c.word, got)
		}
	}
}

// FuzzReadMetadata: no panic on any page, and every text field is valid
// UTF-8 without surrounding space.
func FuzzReadMetadata(f *testing.F) {
	for _, s := range []string{
		`<html><head>` + ldScript(`{"@graph":[{"@type":"NewsArticle","headline":"H","author":{"@id":"#a"}},{"@id":"#a","name":"A B"}]}`) + `</head></html>`,
		`<html lang="en_us"><head><meta property="og:title" content="T | S"><meta property="og:site_name" content="S"></head><body><h1>T</h1><p class="byline">By X and Y</p></body></html>`,
		`<html><body><div itemscope itemtype="https://schema.org/Article"><time itemprop="datePublished" datetime="2022-06-10T14:05:00+05:30"></time></div></body></html>`,
		"<script type=\"application/ld+json\">{\"author\":[\"By \\u00a0\",{\"@type\":\"Person\"}],}</script>",
	} {
		f.Add(s)
	}
	ex, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	u, _ := url.Parse("https://fuzz.example/2022/06/10/x")
	f.Fuzz(func(t *testing.T, page string) {
		root, err := parseHTML([]byte(page), "", DefaultMaxNodes)
		if err != nil {
			return
		}
		checkIndexQueries(t, ex.meta, root)
		p := &pass{ex: ex, base: u, root: root, doc: goquery.NewDocumentFromNode(root), art: newArticle(u)}
		p.readMetadata()
		p.completeMetadata()
		a := p.art
		for _, s := range append([]string{a.Title, a.Subtitle, a.SiteName, a.Language, a.Section, a.CanonicalURL}, append(a.Authors, a.Tags...)...) {
			if !utf8.ValidString(s) || strings.TrimSpace(s) != s {
				t.Fatalf("field %q is not clean text", s)
			}
		}
	})
}

// checkIndexQueries fails when the index gives another answer than
// cascadia over the whole tree for any selector of the stage.
func checkIndexQueries(t *testing.T, r *metaRules, root *html.Node) {
	t.Helper()
	ix := buildMetaIndex(root, &r.wants)
	var sels []metaSel
	for _, group := range [][]metaSel{r.byline, r.dateline, r.dateText, r.tags, r.subtitle, r.times, r.breadcrumb} {
		sels = append(sels, group...)
	}
	sels = append(sels, r.publisherName, r.canonical, r.microDate, r.itemtype, r.h1, r.title, r.headlineItem)
	for _, s := range sels {
		got, want := ix.queryAll(s), cascadia.QueryAll(root, s.Matcher)
		if !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("selector %+v: index finds %d elements, cascadia %d", s, len(got), len(want))
		}
		if g, w := ix.query(s), cascadia.Query(root, s.Matcher); g != w {
			t.Fatalf("selector %+v: first match differs", s)
		}
	}
}

func TestMetaIndexMatchesCascadia(t *testing.T) {
	t.Parallel()
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := []string{
		`<html><head><title>T</title><link rel="canonical stylesheet" href="/c"></head><body>
		<article><header><h1 class="x">Head</h1><time datetime="2022-01-02">x</time></header>
		<div class="byline byline"><a rel="author" href="/author/a">A</a></div>
		<span class="c-Byline">B</span><p class="authorname-x">C</p><div class="tags"><a href="/t/1">t</a></div>
		<nav aria-label="Breadcrumb"><a>Home</a><a>World</a></nav>
		<div itemscope itemtype="https://schema.org/BreadcrumbList"><span itemprop="name">S</span></div>
		<div itemprop="publisher"><meta itemprop="name" content="P"><span itemprop="name">Pub</span></div>
		<span itemprop="datePublished">2022-01-02</span><meta itemprop="dateModified" content="2022-01-03">
		<h2 class="summary">Sum</h2><p class="chapo">Chapo</p><p class="date	publish">1 Jan</p>
		</article><footer class="meta"><time pubdate datetime="2021-01-01">y</time></footer></body></html>`,
		`<html><body><p class="BYLINE">x</p><p class="">y</p><p class="author byline">z</p></body></html>`,
	}
	for i, page := range pages {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			root, err := parseHTML([]byte(page), "", DefaultMaxNodes)
			if err != nil {
				t.Fatal(err)
			}
			checkIndexQueries(t, ex.meta, root)
		})
	}
}

func TestCompoundKey(t *testing.T) {
	t.Parallel()
	cases := []struct {
		sel  string
		want selKey
	}{
		{`.byline`, selKey{keyClassTok, "byline"}},
		{`h2.summary`, selKey{keyClassTok, "summary"}},
		{`[class*="Byline"]`, selKey{keyClassSub, "Byline"}},
		{`a[href*="/author/"]`, selKey{keyTag, "a"}},
		{`[itemprop="author"]`, selKey{keyAttr, "itemprop"}},
		{`time[pubdate][datetime]`, selKey{keyAttr, "pubdate"}},
		{`[itemprop="datePublished"]:not(meta)`, selKey{keyAttr, "itemprop"}},
		{`#main`, selKey{keyAttr, "id"}},
		{`*`, selKey{}},
	}
	for _, c := range cases {
		if got := compoundKey(c.sel); got != c.want {
			t.Errorf("compoundKey(%q) = %+v, want %+v", c.sel, got, c.want)
		}
	}
}

func TestFoldedMatchesMetaFold(t *testing.T) {
	t.Parallel()
	slow := func(s string) string {
		return strings.Join(strings.Fields(invisibles.Replace(s)), " ")
	}
	for _, s := range []string{"", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u200bb", "Ünï cödé", "x\u3000y", "\xff", "a \xffb"} {
		if got, want := folded(s), slow(s) == s; got != want {
			t.Errorf("folded(%q) = %v, want %v", s, got, want)
		}
		if got := metaFold(s); got != slow(s) {
			t.Errorf("metaFold(%q) = %q, want %q", s, got, slow(s))
		}
		for _, prefix := range []string{"", "a", "a b", "a b ", "Ünï", "x y", "ab"} {
			if got, want := foldedHasPrefix(s, prefix), strings.HasPrefix(slow(s), prefix); got != want {
				t.Errorf("foldedHasPrefix(%q, %q) = %v, want %v", s, prefix, got, want)
			}
		}
	}
}

// A standfirst marked by a class word in any language is the subtitle only
// right under the headline, and never when it is body text, media or a
// byline.
func TestDekUnderHeadline(t *testing.T) {
	t.Parallel()
	const body = `<p>Premier paragraphe du corps de l'article, assez long pour compter.</p><p>Second paragraphe.</p>`
	cases := []struct {
		name, article, want string
	}{
		{"french chapo", `<h1>Le festival double sa fréquentation</h1><p class="chapo">Plus de 30 000 spectateurs se sont pressés au bord du lac.</p><p class="signature">Par A</p><div>` + body + `</div>`,
			"Plus de 30 000 spectateurs se sont pressés au bord du lac."},
		{"german vorspann after header", `<header><h1>Le festival double sa fréquentation</h1></header><div class="article-meta"><p class="Vorspann">Der Stadtrat hat die neue Brücke am Montag genehmigt.</p></div><div>` + body + `</div>`,
			"Der Stadtrat hat die neue Brücke am Montag genehmigt."},
		{"camel case standfirst", `<h1>Le festival double sa fréquentation</h1><h2 class="articleStandfirst">Council approves the bridge after a decade of debate.</h2>` + body,
			"Council approves the bridge after a decade of debate."},
		{"bootstrap lead paragraph is body", `<h1>Le festival double sa fréquentation</h1><p class="lead">Le festival a refermé ses portes dimanche soir sur un record.</p>` + body, ""},
		{"lead media with caption", `<h1>Le festival double sa fréquentation</h1><div class="art-lead"><img src="/a.jpg"><p>Photo of the stage at night, by the lake.</p></div>` + body, ""},
		{"byline in a subhead", `<h1>Le festival double sa fréquentation</h1><div class="header-summary">By Jane Doe, staff writer at the paper</div>` + body, ""},
		{"word inside a class name", `<h1>Le festival double sa fréquentation</h1><p class="lead-asset">Ceci est une légende de la photo principale.</p>` + body, ""},
		{"too far from the headline", `<h1>Le festival double sa fréquentation</h1><p class="a">Un.</p><p class="b">Deux.</p><p class="c">Trois.</p><p class="chapo">Plus de 30 000 spectateurs se sont pressés au bord du lac.</p>` + body, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			page := `<html lang="fr"><head><meta property="og:title" content="Le festival double sa fréquentation"></head><body><article>` + c.article + `</article></body></html>`
			p := metaPass(t, page, "https://news.example/a")
			if p.art.Subtitle != c.want {
				t.Errorf("subtitle %q, want %q", p.art.Subtitle, c.want)
			}
		})
	}
}

func TestSiteNameVariant(t *testing.T) {
	t.Parallel()
	cases := []struct {
		og, ld string
		want   bool
	}{
		{"dw.com", "Deutsche Welle", true},
		{"https://www.newsnation.in", "News Nation", true},
		{"Libération.fr", "Libération", true},
		{"Aktuálně.cz - Víte, co se právě děje", "Aktuálně.cz", true},
		{"Spiceworks Inc", "Spiceworks", true},
		{"Tages-Anzeiger", "Tamedia AG", false},          // the parent company
		{"Houston Chronicle", "Associated Press", false}, // syndicated copy
		{"Metro", "Metro.co.uk", false},
		{"livescience.com", "livescience.com", false},
		{"Business Insider", "Insider", false},
	}
	for _, c := range cases {
		if got := siteNameVariant(c.og, c.ld); got != c.want {
			t.Errorf("siteNameVariant(%q, %q) = %v, want %v", c.og, c.ld, got, c.want)
		}
	}
}

// An <h1> that opens with a kicker line does not replace the declared
// title it ends with.
func TestTitleKickerInHeadline(t *testing.T) {
	t.Parallel()
	page := `<html><head><meta property="og:title" content="Drusen fordern Teilhabe von neuer Regierung"></head>
		<body><h1><span>Minderheit in Syrien</span><span> - </span>Drusen fordern Teilhabe von neuer Regierung</h1></body></html>`
	p := metaPass(t, page, "https://srf.example/a")
	if want := "Drusen fordern Teilhabe von neuer Regierung"; p.art.Title != want {
		t.Errorf("title %q, want %q", p.art.Title, want)
	}
	for _, c := range []struct {
		h1, title string
		want      bool
	}{
		{"Minderheit in Syrien - Drusen fordern", "Drusen fordern", true},
		{"Analyse: Drusen fordern", "Drusen fordern", true},
		{"A very long line that is no kicker at all here - Drusen fordern", "Drusen fordern", false},
		{"Drusen fordern", "Drusen fordern", false},
		{"Die Drusen fordern", "Drusen fordern", false},
	} {
		if got := kickerOf(c.h1, c.title); got != c.want {
			t.Errorf("kickerOf(%q, %q) = %v", c.h1, c.title, got)
		}
	}
}
