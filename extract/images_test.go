package extract

import (
	"net/url"
	"strings"
	"testing"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

const testPageURL = "https://news.example.org/world/2024/05/story.html"

// para is a paragraph of running text, long enough to count as body.
const para = `<p>The council met on Tuesday evening to discuss the new budget, which includes funds for roads, schools and the harbour.</p>`

// newTestPass parses page and returns a pass ready for the image and
// related-link stages (metadata is left empty; tests set p.meta directly).
func newTestPass(t *testing.T, page string) *pass {
	t.Helper()
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	root, err := parseHTML([]byte(page), "", DefaultMaxNodes)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse(testPageURL)
	return &pass{ex: ex, base: base, root: root, doc: goquery.NewDocumentFromNode(root), art: newArticle(base)}
}

// runImages runs our stages around a readability pass of our own, so the
// test does not depend on the other stages.
func runImages(t *testing.T, p *pass) []Image {
	t.Helper()
	p.extractImages()
	p.extractRelated()
	parser := readability.NewParser()
	rd, err := parser.ParseDocument(p.root, p.base)
	if err == nil && rd.Node != nil {
		p.content = rd.Node
	}
	p.finishImages()
	return p.art.Images
}

func article(inner string) string {
	return `<!doctype html><html><head><title>t</title></head><body>
<header><nav><a href="/"><img src="/static/logo.png" alt="Logo"></a></nav></header>
<article><h1>Council passes the budget</h1>` + inner + `</article>
<footer><img src="/static/footer-banner.jpg" alt=""></footer></body></html>`
}

func TestExtractImages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		page string
		want []Image
	}{
		{
			name: "figcaption with span.credit",
			page: article(para + `<figure><img src="/img/harbour.jpg" alt="The harbour" width="800" height="450">
<figcaption>Boats in the harbour at dawn. <span class="credit">Jane Roe/Example Press</span></figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/harbour.jpg", Alt: "The harbour", Caption: "Boats in the harbour at dawn.", Credit: "Jane Roe/Example Press", Width: 800, Height: 450}},
		},
		{
			name: "wordpress caption with printed credit",
			page: article(para + `<div class="wp-caption aligncenter"><img src="https://cdn.example.org/uploads/rally.jpg" alt="">
<p class="wp-caption-text">Modi addresses the rally in Varanasi. (Photo: PTI)</p></div>` + para + para),
			want: []Image{{URL: "https://cdn.example.org/uploads/rally.jpg", Caption: "Modi addresses the rally in Varanasi.", Credit: "PTI"}},
		},
		{
			name: "italic line closing a hand-made figure",
			page: article(para + `<div class="image-none"><img src="/img/shelter.jpg" alt="shelter.jpg" width="640" height="416"><br><i> The basement shelter today. (<a href="https://example.com/u/jr">Jane Roe</a>/Flickr)</i></div>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/shelter.jpg", Alt: "shelter.jpg", Caption: "The basement shelter today.", Credit: "Jane Roe/Flickr", Width: 640, Height: 416}},
		},
		{
			name: "italic inside body text is no caption",
			page: article(para + `<p><img src="/img/inline.jpg" alt=""> The mayor, <i>in a statement</i>, said the works would end in June.</p>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/inline.jpg"}},
		},
		{
			name: "figcaption holding only a credit",
			page: article(para + `<figure><img src="/img/pier.jpg" alt=""><figcaption>REUTERS/Jane Roe</figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/pier.jpg", Credit: "REUTERS/Jane Roe"}},
		},
		{
			name: "figcaption holding a name and an agency in capitals",
			page: article(para + `<figure><img src="/img/hall.jpg" alt=""><figcaption>Jane Roe, ASSOCIATED PRESS</figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/hall.jpg", Credit: "Jane Roe, ASSOCIATED PRESS"}},
		},
		{
			name: "a short caption naming a person stays a caption",
			page: article(para + `<figure><img src="/img/mayor.jpg" alt=""><figcaption>Mayor Jane Roe</figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/mayor.jpg", Caption: "Mayor Jane Roe"}},
		},
		{
			name: "unlabelled credit in a wrapper beside an icon",
			page: article(para + `<figure><img src="/img/dock.jpg" alt=""><figcaption><svg><title>arrow</title></svg><div class="wrap"><div class="text">Cranes at the dock.</div><span>Jane Roe/Example Press</span></div></figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/dock.jpg", Caption: "Cranes at the dock.", Credit: "Jane Roe/Example Press"}},
		},
		{
			name: "hidden caption copy does not stop the search",
			page: article(para + `<figure><div class="image-with-caption-image"><img src="/img/quay.jpg" alt=""><div class="image-caption"><p style="display:none">Copy for the lightbox.</p></div></div><figcaption>The quay at noon. <span class="credit">Jane Roe</span></figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/quay.jpg", Caption: "The quay at noon.", Credit: "Jane Roe"}},
		},
		{
			name: "attribution element",
			page: article(para + `<figure><img src="/img/chart.jpg" alt=""><figcaption><div class="caption">Rainfall by month.</div><div class="attribution">Jane Roe/Example Magazine</div></figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/chart.jpg", Caption: "Rainfall by month.", Credit: "Jane Roe/Example Magazine"}},
		},
		{
			name: "file marker in a credit element stays in the caption",
			page: article(para + `<figure><img src="/img/store.jpg" alt=""><figcaption><span>A store in Hialeah.</span> <span class="credit">(AP Photo/Jane Roe, File)</span></figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/store.jpg", Caption: "A store in Hialeah. (File)", Credit: "AP Photo/Jane Roe"}},
		},
		{
			name: "full and truncated copies of one caption",
			page: article(para + `<figure><img src="/img/cars.jpg" alt=""><div class="caption"><div class="caption-full"><p>Unsold cars at a dealership. (AP Photo/Jane Roe)</p></div><div class="caption-truncated"><p>Unsold cars at a dealership. (AP Photo/Jane Roe)</p></div><span class="credit">Jane Roe / Associated Press</span></div></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/cars.jpg", Caption: "Unsold cars at a dealership.", Credit: "Jane Roe / Associated Press"}},
		},
		{
			name: "lazy data-src behind a placeholder",
			page: article(para + `<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/lazy.jpg" alt="">
<figcaption>Lazy loaded.</figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/lazy.jpg", Caption: "Lazy loaded."}},
		},
		{
			name: "srcset picks the largest width",
			page: article(para + `<figure><img src="/img/s.jpg" srcset="/img/s.jpg 320w, /img/l.jpg 1600w, /img/m.jpg 800w" alt="">
<figcaption>Sizes.</figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/l.jpg", Caption: "Sizes."}},
		},
		{
			name: "picture sources",
			page: article(para + `<figure><picture><source media="(min-width: 900px)" srcset="/img/wide.webp 1200w, /img/wider.webp 2400w">
<source srcset="/img/narrow.webp 600w"><img src="/img/fallback.jpg" alt=""></picture>
<figcaption>A picture element.</figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/wider.webp", Caption: "A picture element."}},
		},
		{
			name: "noscript image",
			page: article(para + `<figure><img class="lazyload" alt=""><noscript><img src="/img/real.jpg" alt="Real"></noscript>
<figcaption>From noscript.</figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/real.jpg", Caption: "From noscript."}},
		},
		{
			name: "alt is not promoted to a caption",
			page: article(para + `<figure><img src="/img/quiet.jpg" alt="A quiet street"></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/quiet.jpg", Alt: "A quiet street"}},
		},
		{
			name: "thumbnails in a related box are not article images",
			page: article(para + `<figure><img src="/img/main.jpg" alt=""><figcaption>Main.</figcaption></figure>` + para +
				`<div class="related-stories"><h3>Related</h3><ul>
<li><a href="/world/other-1.html"><img src="/img/thumb1.jpg" alt=""> Other story one</a></li>
<li><a href="/world/other-2.html"><img src="/img/thumb2.jpg" alt=""> Other story two</a></li>
<li><a href="/world/other-3.html"><img src="/img/thumb3.jpg" alt=""> Other story three</a></li></ul></div>` + para),
			want: []Image{{URL: "https://news.example.org/img/main.jpg", Caption: "Main."}},
		},
		{
			name: "pixels and icons are skipped",
			page: article(para + `<img src="https://pixel.wp.com/g.gif" width="1" height="1" alt="">
<img src="/img/share-icon.png" alt=""><figure><img src="/img/real.jpg" alt=""><figcaption>Real.</figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/real.jpg", Caption: "Real."}},
		},
		{
			name: "unlabelled credit span after the caption span",
			page: article(para + `<figure><img src="/img/camp.jpg" alt=""><figcaption><span>Containers at the camp, on 1 August. </span><span class="x_q">Alketa Misja (dpa via Getty)</span></figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/camp.jpg", Caption: "Containers at the camp, on 1 August.", Credit: "Alketa Misja (dpa via Getty)"}},
		},
		{
			name: "caption class by word, credit in em",
			page: article(para + `<div class="story-lead-img"><img src="/img/counter.jpg" alt="Counters"><div class="img-cap">Immigration counters in New Delhi. (Representational image) <em>Express Photo by Praveen Khanna</em></div></div>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/counter.jpg", Alt: "Counters", Caption: "Immigration counters in New Delhi. (Representational image)", Credit: "Praveen Khanna"}},
		},
		{
			name: "centred paragraph under an image paragraph",
			page: article(para + `<p><img src="/img/line5.jpg" alt=""></p><p style="text-align: center">开通首日，乘客在南湖站候车。记者 张强 摄</p>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/line5.jpg", Caption: "开通首日，乘客在南湖站候车。", Credit: "张强"}},
		},
		{
			name: "figcaption after the picture, beside body paragraphs",
			page: article(`<div class="text">` + para + `<picture><img src="/img/lowes.jpg" alt="Lowes"></picture><figcaption><span>Lowes rides a strong season, Foto: LAT Images</span></figcaption>` + para + para + `</div>`),
			want: []Image{{URL: "https://news.example.org/img/lowes.jpg", Alt: "Lowes", Caption: "Lowes rides a strong season", Credit: "LAT Images"}},
		},
		{
			name: "icon class on a lightbox link two levels up is no icon",
			page: article(para + `<figure><a class="slides icon maximize" href="/img/big.jpg"><picture><img src="/img/photo.jpg" alt=""></picture></a><figcaption>Lightbox photo.</figcaption></figure>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/photo.jpg", Caption: "Lightbox photo."}},
		},
		{
			name: "author box photo is not an article image",
			page: article(para + para + `<div class="author-box"><div class="inner"><figure><img src="/img/jane.jpg" alt="Jane"></figure><p>Jane writes about the city.</p></div></div>` + para),
			want: []Image{},
		},
		{
			name: "caption outside the figure, in the wrapper",
			page: article(para + `<div class="image-container"><figure><img src="/img/ivy.jpg" alt="ivy"></figure>
<figcaption><span class="caption">English Ivy is easy to grow</span> <span class="credit">(Image: Getty Images)</span></figcaption></div>` + para + para),
			want: []Image{{URL: "https://news.example.org/img/ivy.jpg", Alt: "ivy", Caption: "English Ivy is easy to grow", Credit: "Getty Images"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := runImages(t, newTestPass(t, tc.page))
			if len(got) != len(tc.want) {
				t.Fatalf("got %d images, want %d:\n%+v", len(got), len(tc.want), got)
			}
			for i := range got {
				w := tc.want[i]
				w.Lead = got[i].Lead // lead marking has its own test
				if got[i] != w {
					t.Errorf("image %d:\n got %+v\nwant %+v", i, got[i], w)
				}
			}
		})
	}
}

// A gallery prints the caption of its first picture again in a caption
// strip away from the image: that copy is no body text either.
func TestCaptionCopiesLeaveTheTree(t *testing.T) {
	t.Parallel()
	p := newTestPass(t, article(`<figure><img src="/img/cars.jpg" alt=""><figcaption>Unsold cars wait at a dealership in the suburbs. <span class="credit">Jane Roe</span></figcaption></figure>`+
		para+`<div class="gallery-strip"><div class="caption-remote"><p>Unsold cars wait at a dealership in the suburbs.</p></div></div>`+para+para))
	got := runImages(t, p)
	if len(got) != 1 || got[0].Caption != "Unsold cars wait at a dealership in the suburbs." {
		t.Fatalf("got %+v", got)
	}
	if text := foldCaption(domText(p.root)); strings.Contains(text, "Unsold cars") {
		t.Errorf("a caption copy stays in the page: %q", text)
	}
}

// Pages that append the next story as a second <article> have one main
// article: the one around the text.
func TestImagesOfTheNextStoryAreNotArticleImages(t *testing.T) {
	t.Parallel()
	page := `<!doctype html><html><body><article><h1>Main story</h1>` + para + `<figure><img src="/img/main.jpg" alt=""><figcaption>Main.</figcaption></figure>` +
		strings.Repeat(para, 6) + `</article><article><h2>Next story</h2><figure><img src="/img/next.jpg" alt=""><figcaption>Next.</figcaption></figure>` +
		strings.Repeat(para, 5) + `</article></body></html>`
	got := runImages(t, newTestPass(t, page))
	if len(got) != 1 || got[0].Caption != "Main." {
		t.Fatalf("got %+v", got)
	}
}

func TestCaptionNodesLeaveTheTree(t *testing.T) {
	t.Parallel()
	p := newTestPass(t, article(para+`<figure><img src="/img/a.jpg" alt=""><figcaption>Caption text here. <span class="credit">Credit Name</span></figcaption></figure>
<div class="video"><iframe src="https://video.example.org/1"></iframe><figcaption>Video caption.</figcaption></div>`+para+para))
	p.extractImages()
	var b strings.Builder
	if err := html.Render(&b, p.root); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, gone := range []string{"Caption text here", "Credit Name", "Video caption"} {
		if strings.Contains(out, gone) {
			t.Errorf("%q still in the tree", gone)
		}
	}
	if !strings.Contains(out, `src="/img/a.jpg"`) {
		t.Error("the <img> left the tree; readability needs it in place")
	}
}

// TestReadabilityKeepsMark checks what finishImages relies on: readability
// keeps our data attribute on the images it keeps.
func TestReadabilityKeepsMark(t *testing.T) {
	t.Parallel()
	p := newTestPass(t, article(para+`<figure><img src="/img/a.jpg" alt=""><figcaption>C.</figcaption></figure>`+para+para+para))
	p.extractImages()
	parser := readability.NewParser()
	rd, err := parser.ParseDocument(p.root, p.base)
	if err != nil || rd.Node == nil {
		t.Fatalf("readability: %v", err)
	}
	found := false
	domWalk(rd.Node, func(n *html.Node) {
		if n.DataAtom == atom.Img && domAttr(n, imgMarkAttr) == "0" {
			found = true
		}
	})
	if !found {
		t.Fatalf("readability dropped the %s attribute", imgMarkAttr)
	}
}

func TestLeadImage(t *testing.T) {
	t.Parallel()
	page := article(`<figure class="featured"><img src="https://cdn.example.org/2024/05/council-hall-4711.jpg?w=800" alt="">
<figcaption>The council hall. (Photo: City Press)</figcaption></figure>` + para + `<figure><img src="/img/second.jpg" alt=""><figcaption>Second.</figcaption></figure>` + para + para)
	t.Run("og:image merged with the featured figure", func(t *testing.T) {
		t.Parallel()
		p := newTestPass(t, page)
		p.meta.lead = leadImage{url: "https://cdn.example.org/2024/05/council-hall-4711.jpg?w=1200", caption: "The council hall."}
		got := runImages(t, p)
		if len(got) != 2 || !got[0].Lead || got[0].Caption != "The council hall." || got[0].Credit != "City Press" || got[1].Lead {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("og:image not on the page comes first", func(t *testing.T) {
		t.Parallel()
		p := newTestPass(t, article(para+`<figure><img src="/img/second.jpg" alt=""><figcaption>Second.</figcaption></figure>`+para+para))
		p.meta.lead = leadImage{url: "https://cdn.example.org/social/card.jpg", width: 1200, height: 630}
		got := runImages(t, p)
		if len(got) != 2 || !got[0].Lead || got[0].URL != "https://cdn.example.org/social/card.jpg" || got[0].Width != 1200 || got[1].Caption != "Second." {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("byline beside the lead image is no credit", func(t *testing.T) {
		t.Parallel()
		p := newTestPass(t, `<!doctype html><html><body><article><div class="head"><div class="hero"><img src="/img/lead.jpg" alt=""></div>
<div class="css-1wkce1i-Byline"><span>Jane Roe</span></div></div>`+para+para+`</article></body></html>`)
		p.art.Authors = []string{"Jane Roe"}
		got := runImages(t, p)
		if len(got) != 1 || got[0].Credit != "" {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("featured image credit line", func(t *testing.T) {
		t.Parallel()
		p := newTestPass(t, article(`<div class="hero"><img src="/img/lead.jpg" alt=""></div>`+para+para+`<p class="x">Featured Image Credit: Example Government</p>`))
		got := runImages(t, p)
		if len(got) != 1 || !got[0].Lead || got[0].Credit != "Example Government" {
			t.Fatalf("got %+v", got)
		}
		if text := foldCaption(domText(p.root)); strings.Contains(text, "Featured Image") {
			t.Errorf("the credit line stays in the page: %q", text)
		}
	})
	t.Run("a declared pixel og:image is no lead", func(t *testing.T) {
		t.Parallel()
		p := newTestPass(t, article(para+para+para))
		p.meta.lead = leadImage{url: "https://cdn.example.org/ad/pixel.jpg", caption: "Pixel", width: 1, height: 1}
		if got := runImages(t, p); len(got) != 0 {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("og:image found in a teaser keeps no teaser blurb", func(t *testing.T) {
		t.Parallel()
		p := newTestPass(t, article(para+para+para)+`<div class="rail"><a href="/other/story.html"><img src="/img/og-card.jpg" alt=""></a><div class="teaser-description">Our family always celebrates anniversaries.</div></div>`)
		p.meta.lead = leadImage{url: "https://news.example.org/img/og-card.jpg"}
		got := runImages(t, p)
		if len(got) != 1 || got[0].Caption != "" {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("a metadata caption repeating the file name is none", func(t *testing.T) {
		t.Parallel()
		p := newTestPass(t, article(para+para+para))
		p.meta.lead = leadImage{url: "https://cdn.example.org/ad/93/viyard.jpg", caption: "Viyard", width: 1200, height: 900}
		got := runImages(t, p)
		if len(got) != 1 || got[0].Caption != "" {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("credit of an image the page never rendered", func(t *testing.T) {
		t.Parallel()
		p := newTestPass(t, article(`<div class="InlineImage-wrapper"><div class="lazyload-placeholder"></div><div class="InlineImage-imageEmbedCredit">Jane Roe | Example Images</div></div>`+para+para+para))
		p.meta.lead = leadImage{url: "https://cdn.example.org/og/lead.jpg"}
		got := runImages(t, p)
		if len(got) != 1 || got[0].Credit != "Jane Roe | Example Images" {
			t.Fatalf("got %+v", got)
		}
		if text := foldCaption(domText(p.root)); strings.Contains(text, "Jane Roe") {
			t.Errorf("the credit stays in the page: %q", text)
		}
	})
	t.Run("photographer for the site itself", func(t *testing.T) {
		t.Parallel()
		p := newTestPass(t, article(para+`<figure><img src="/img/tram.jpg" alt=""><figcaption>New trams. <span class="credit">(Photo by Ana Ruiz for Metro Herald)</span></figcaption></figure>`+para+para))
		p.art.SiteName = "Metro Herald"
		got := runImages(t, p)
		if len(got) != 1 || got[0].Caption != "New trams." || got[0].Credit != "Ana Ruiz" {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("featured figure without metadata", func(t *testing.T) {
		t.Parallel()
		got := runImages(t, newTestPass(t, page))
		if len(got) != 2 || !got[0].Lead || got[1].Lead {
			t.Fatalf("got %+v", got)
		}
	})
}

// TestAttrMatcherAgreesWithCascadia checks the compiled selector subset
// against cascadia on every element of a page full of near misses.
func TestAttrMatcherAgreesWithCascadia(t *testing.T) {
	t.Parallel()
	page := `<html><body>
<figure><img src="a.jpg"><figcaption>Cap <cite>Jane</cite> <span class="Author-name">A</span></figcaption></figure>
<div class="Image-CAPTION">x</div><div class="photo-caption">x</div><div class="caption">x</div>
<div class="captions-wrap"><span class="autor">B</span><cite>C</cite></div>
<div class="wp-caption-text">x</div><div class="wp-element-caption">x</div><p class="x caption y">x</p>
<span itemprop="caption">x</span><span itemprop="Caption">x</span><span itemprop="description">x</span>
<span data-testid="photo-caption">x</span><span data-testid="Caption">x</span>
<span class="Credit">x</span><span class="img-copyright">x</span><span itemprop="copyrightHolder">x</span>
<span itemprop="creditText">x</span><span itemprop="author">x</span><span class="source-line">x</span>
<span class="byline">x</span><span data-testid="credit">x</span><span class="distributor">x</span>
<div class="author">not in a figure</div><cite>not in a caption</cite><div id="caption">id only</div>
<div class="legend legendary">x</div><div class="bildunterschrift">x</div><div class="DESCRIPTION">x</div>
<aside>x</aside><div class="Also-Read">x</div><div class="related">x</div><div id="relatedStories">x</div>
<div class="read-more-box">x</div><div class="inline-teaser">x</div><div class="unrelated-x">x</div>
</body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		sels []string
	}{{"caption", captionSelectors}, {"credit", creditSelectors}, {"related", relatedBoxSelectors}} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := compileAttrMatcher(tc.sels, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(m.other) > 0 {
				t.Errorf("%d built-in selectors fell back to cascadia", len(m.other))
			}
			g, err := compileSelectorGroup(tc.sels, nil)
			if err != nil {
				t.Fatal(err)
			}
			matched := 0
			domWalk(root, func(n *html.Node) {
				want := g.Match(n)
				if want {
					matched++
				}
				if got := m.match(n); got != want {
					t.Errorf("<%s %v>: match %v, cascadia %v", n.Data, n.Attr, got, want)
				}
			})
			if matched < 5 {
				t.Fatalf("only %d elements matched: the page tests nothing", matched)
			}
		})
	}
}

func TestDomClassWordsAnyAgreesWithDomClassWords(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ class, id string }{
		{"related-posts__item", ""}, {"relatedPosts", "Main"}, {"  a  b ", "c-d"},
		{"Légende photo", "ÉTÉ"}, {"x_y.z", ""}, {"", ""}, {"AbC", "İstanbul"},
	} {
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: tc.class}, {Key: "id", Val: tc.id}}}
		var got []string
		domClassWordsAny(n, func(w string) bool { got = append(got, w); return false })
		want := domClassWords(n)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("class %q id %q: words %q, want %q", tc.class, tc.id, got, want)
		}
	}
}
