package extract

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestExtractRelated(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string // inside <article>, around body paragraphs
		want []RelatedLink
		gone []string // text that must leave the tree
		kept []string // text that must stay
	}{
		{
			name: "also read paragraph",
			body: para + `<p><strong>Also Read:</strong> <a href="/world/2024/05/other-story.html?utm_source=inline&amp;utm_medium=web">Floods hit the coast again</a></p>` + para + para,
			want: []RelatedLink{{URL: "https://news.example.org/world/2024/05/other-story.html", Text: "Floods hit the coast again", Label: "Also Read"}},
			gone: []string{"Floods hit the coast again", "Also Read:"},
		},
		{
			name: "ALSO READ | keeps the label as printed",
			body: para + `<p>ALSO READ | <a href="https://news.example.org/india/x-123.html?fbclid=abc">Monsoon arrives early</a></p>` + para + para,
			want: []RelatedLink{{URL: "https://news.example.org/india/x-123.html", Text: "Monsoon arrives early", Label: "ALSO READ"}},
			gone: []string{"Monsoon arrives early"},
		},
		{
			name: "read more with a dash, relative link",
			body: para + `<p>Read more - <a href="../other.html">Budget talks stall</a></p>` + para + para,
			want: []RelatedLink{{URL: "https://news.example.org/world/2024/other.html", Text: "Budget talks stall", Label: "Read more"}},
		},
		{
			name: "label inside the anchor",
			body: para + `<p><a href="/a/b.html">READ: Harbour plan approved</a></p>` + para + para,
			want: []RelatedLink{{URL: "https://news.example.org/a/b.html", Text: "Harbour plan approved", Label: "READ"}},
		},
		{
			name: "german label",
			body: para + `<p>Lesen Sie auch: <a href="/de/artikel-1.html">Neue Brücke eröffnet</a></p>` + para + para,
			want: []RelatedLink{{URL: "https://news.example.org/de/artikel-1.html", Text: "Neue Brücke eröffnet", Label: "Lesen Sie auch"}},
		},
		{
			name: "ALSO READ box over a list",
			body: para + `<div class="also-read"><h4>ALSO READ</h4><ul><li><a href="/s/1.html">First story</a></li><li><a href="/s/2.html">Second story</a></li></ul></div>` + para + para,
			want: []RelatedLink{
				{URL: "https://news.example.org/s/1.html", Text: "First story", Label: "ALSO READ"},
				{URL: "https://news.example.org/s/2.html", Text: "Second story", Label: "ALSO READ"},
			},
			gone: []string{"First story", "Second story", "ALSO READ"},
		},
		{
			name: "aside with story links inside the article",
			body: para + `<aside><ul><li><a href="/s/3.html">Third story</a></li><li><a href="/s/4.html">Fourth story</a></li></ul></aside>` + para + para,
			want: []RelatedLink{
				{URL: "https://news.example.org/s/3.html", Text: "Third story"},
				{URL: "https://news.example.org/s/4.html", Text: "Fourth story"},
			},
			gone: []string{"Third story"},
		},
		{
			name: "related heading over a list",
			body: para + `<h3>Related</h3><ul><li><a href="/s/5.html">Fifth story</a></li><li><a href="/s/6.html">Sixth story</a></li></ul>` + para + para,
			want: []RelatedLink{
				{URL: "https://news.example.org/s/5.html", Text: "Fifth story", Label: "Related"},
				{URL: "https://news.example.org/s/6.html", Text: "Sixth story", Label: "Related"},
			},
		},
		{
			name: "a link inside a sentence stays in the body",
			body: para + `<p>The mayor said the plan, <a href="/s/plan.html">published last week</a>, would be reviewed by the council in June.</p>` + para + para,
			want: []RelatedLink{},
			kept: []string{"published last week"},
		},
		{
			name: "read more mid-sentence is body",
			body: para + `<p>Readers who want to read more about the budget can find the full report on the council website, the mayor said.</p>` + para + para,
			want: []RelatedLink{},
			kept: []string{"Readers who want to read more"},
		},
		{
			name: "a sentence starting with Read is body",
			body: para + `<p>Read the <a href="/report.pdf">full report</a> before the meeting, the mayor urged residents on Tuesday evening.</p>` + para + para,
			want: []RelatedLink{},
			kept: []string{"full report"},
		},
		{
			name: "share, tag and hashtag links in a box are skipped",
			body: para + `<aside><ul><li><a href="https://www.facebook.com/sharer.php?u=x">Facebook</a></li><li><a href="/tag/harbour/">Harbour</a></li><li><a href="/keyword/12/">#Korea</a></li><li><a href="/s/7.html">Seventh story</a></li></ul></aside>` + para + para,
			want: []RelatedLink{{URL: "https://news.example.org/s/7.html", Text: "Seventh story"}},
		},
		{
			name: "a bare read-more button in a box is no story",
			body: para + `<div class="related"><ul><li><a href="/s/8.html">Eighth story</a></li><li><a href="/more/">Read More</a></li></ul></div>` + para + para,
			want: []RelatedLink{{URL: "https://news.example.org/s/8.html", Text: "Eighth story"}},
		},
		{
			name: "a trending rail inside the text is not related",
			body: para + `<div class="trending-strip"><p>More: <a href="/t/1.html">Trending one</a></p></div>` + para + para,
			want: []RelatedLink{},
		},
		{
			name: "a lone headline link between paragraphs",
			body: para + `<p><strong><a href="/2024/05/harbour-wall-vote.html">COUNCIL DELAYS THE HARBOUR WALL VOTE AGAIN</a></strong></p>` + para + para,
			want: []RelatedLink{{URL: "https://news.example.org/2024/05/harbour-wall-vote.html", Text: "COUNCIL DELAYS THE HARBOUR WALL VOTE AGAIN"}},
			gone: []string{"HARBOUR WALL VOTE"},
		},
		{
			name: "a card closing with read more",
			body: para + `<figure class="x1"><div><a href="/2024/05/tram-line.html"><div>Tram line opens to the airport</div><div>Read more</div></a></div></figure>` + para + para,
			want: []RelatedLink{{URL: "https://news.example.org/2024/05/tram-line.html", Text: "Tram line opens to the airport"}},
			gone: []string{"Tram line opens"},
		},
		{
			name: "a labelled photo promo inside the link",
			body: para + `<p><a href="/celebrity/wedding-photos/"><strong>RELATED PHOTOS: Inside the backyard wedding</strong></a></p>` + para + para,
			want: []RelatedLink{{URL: "https://news.example.org/celebrity/wedding-photos/", Text: "Inside the backyard wedding", Label: "RELATED PHOTOS"}},
		},
		{
			name: "learn more label",
			body: para + `<p>Learn More: <a href="/marketing/video-tips/">Seven tips for video content</a></p>` + para + para,
			want: []RelatedLink{{URL: "https://news.example.org/marketing/video-tips/", Text: "Seven tips for video content", Label: "Learn More"}},
		},
		{
			name: "a lone link to another site stays",
			body: para + `<p><a href="https://other.example.com/2024/report.html">The full text of the regional transport report</a></p>` + para + para,
			want: []RelatedLink{},
			kept: []string{"The full text of the regional transport report"},
		},
		{
			name: "a lone link to a file or a call to action stays",
			body: para + `<p><a href="/docs/budget-2024.pdf">Budget documents for the coming year</a></p>` + para + `<p><a href="/newsletter-signup/">Sign up for our morning briefing today</a></p>` + para,
			want: []RelatedLink{},
			kept: []string{"Budget documents", "Sign up for our"},
		},
		{
			name: "a list of story cards is a rail, not inline promos",
			body: para + `<div><a href="/s/a.html">First card headline in the list</a></div><div><a href="/s/b.html">Second card headline in the list</a></div><div><a href="/s/c.html">Third card headline in the list</a></div>` + para,
			want: []RelatedLink{},
		},
		{
			name: "a watch heading over a video list is a player rail",
			body: para + `<h3>Watch</h3><ul><li><a href="/v/1.html">First video of the day</a></li><li><a href="/v/2.html">Second video of the day</a></li></ul>` + para + para,
			want: []RelatedLink{},
		},
		{
			name: "a site name as the label",
			body: para + `<p class="mm_related"><strong>On NewsExample.com:</strong> <a href="/business/car-sales.html">Car sales fall again</a></p>` + para + para,
			want: []RelatedLink{{URL: "https://news.example.org/business/car-sales.html", Text: "Car sales fall again", Label: "On NewsExample.com"}},
		},
		{
			name: "a topic label over one link per paragraph",
			body: para + para + `<p><b>MORE ON EDUCATION</b></p><p><b><a href="/local/a-story.html">Students share photos, police say</a></b></p><p><b><a href="/local/b-story.html">Bill declares a right to education</a></b></p>` + para,
			want: []RelatedLink{
				{URL: "https://news.example.org/local/a-story.html", Text: "Students share photos, police say", Label: "MORE ON EDUCATION"},
				{URL: "https://news.example.org/local/b-story.html", Text: "Bill declares a right to education", Label: "MORE ON EDUCATION"},
			},
			gone: []string{"MORE ON EDUCATION", "Students share photos"},
		},
		{
			name: "one story promoted under two labels",
			body: para + `<div class="related-articles"><h3>Related articles</h3><ul><li><a href="/w/siege.html">Students under siege</a></li><li><a href="/w/warning.html">A defiant warning</a></li></ul></div>` + para + `<p><strong>SEE MORE</strong>: <a href="/w/siege.html">Students under siege</a></p>` + para,
			want: []RelatedLink{
				{URL: "https://news.example.org/w/siege.html", Text: "Students under siege", Label: "Related articles"},
				{URL: "https://news.example.org/w/warning.html", Text: "A defiant warning", Label: "Related articles"},
				{URL: "https://news.example.org/w/siege.html", Text: "Students under siege", Label: "SEE MORE"},
			},
			gone: []string{"SEE MORE"},
		},
		{
			name: "a related widget after the article is not in-body",
			body: para + para + para,
			want: []RelatedLink{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			page := `<!doctype html><html><body><nav><a href="/">Home</a></nav><article><h1>Council passes the budget</h1>` + tc.body +
				`</article><div class="related-posts"><h3>Related</h3><ul><li><a href="/w/1.html">Widget one</a></li><li><a href="/w/2.html">Widget two</a></li></ul></div></body></html>`
			p := newTestPass(t, page)
			p.extractRelated()
			if !reflect.DeepEqual(p.art.RelatedLinks, tc.want) {
				t.Errorf("related links:\n got %+v\nwant %+v", p.art.RelatedLinks, tc.want)
			}
			var b strings.Builder
			if err := html.Render(&b, p.root); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, g := range tc.gone {
				if strings.Contains(out, g) {
					t.Errorf("%q is still in the tree", g)
				}
			}
			for _, k := range append(tc.kept, "Widget one", "The council met") {
				if !strings.Contains(out, k) {
					t.Errorf("%q left the tree", k)
				}
			}
		})
	}
}

// WordPress puts the post's tags in the class of the article element; the
// container's own class must not turn its promos into a "tag" rail.
func TestRelatedInTaggedArticle(t *testing.T) {
	t.Parallel()
	page := `<!doctype html><html><body><article class="post tag-russia category-world"><div class="entry-content">` + para +
		`<p><strong>Also Read: <a href="/world/putin-front.html">Putin marshals a united front</a></strong></p>` + para + para + `</div></article></body></html>`
	p := newTestPass(t, page)
	p.extractRelated()
	want := []RelatedLink{{URL: "https://news.example.org/world/putin-front.html", Text: "Putin marshals a united front", Label: "Also Read"}}
	if !reflect.DeepEqual(p.art.RelatedLinks, want) {
		t.Fatalf("got %+v, want %+v", p.art.RelatedLinks, want)
	}
}

func TestRelatedRulesUserLabel(t *testing.T) {
	t.Parallel()
	rr, err := compileRelatedRules(Rules{RelatedLabels: []string{"Ebenfalls lesenswert"}})
	if err != nil {
		t.Fatal(err)
	}
	l, rest, ok := rr.matchLabel("Ebenfalls lesenswert: Die Brücke")
	if !ok || l.label != "Ebenfalls lesenswert" || rest != "Die Brücke" {
		t.Fatalf("matchLabel = %+v, %q, %v", l, rest, ok)
	}
	if _, err := compileRelatedRules(Rules{RelatedLabels: []string{"  "}}); err == nil {
		t.Fatal("an empty label compiled")
	}
}

func TestImageRulesBadSelector(t *testing.T) {
	t.Parallel()
	if _, err := compileImageRules(Rules{CaptionSelectors: []string{"figure[["}}); err == nil {
		t.Fatal("a bad caption selector compiled")
	}
	if _, err := compileImageRules(Rules{CreditSelectors: []string{">>"}}); err == nil {
		t.Fatal("a bad credit selector compiled")
	}
	ir, err := compileImageRules(Rules{CaptionSelectors: []string{".bildtext"}})
	if err != nil {
		t.Fatal(err)
	}
	root, _ := html.Parse(strings.NewReader(`<div class="bildtext">x</div>`))
	found := false
	domWalk(root, func(n *html.Node) {
		if domAttr(n, "class") == "bildtext" && ir.caption.match(n) {
			found = true
		}
	})
	if !found {
		t.Fatal("user caption selector not applied")
	}
}
