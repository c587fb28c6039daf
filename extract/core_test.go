package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

func mustNew(t testing.TB, o Options) *Extractor {
	t.Helper()
	ex, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func extractString(t *testing.T, ex *Extractor, page, contentType string) (*Article, error) {
	t.Helper()
	u, _ := url.Parse("https://news.example/2024/05/01/story")
	return ex.ExtractWithContentType(strings.NewReader(page), u, contentType)
}

// longPara makes a paragraph long enough for readability to score.
func longPara(s string) string {
	return "<p>" + s + strings.Repeat(" The council will publish the full minutes of the meeting next week.", 3) + "</p>"
}

func TestNewRejectsBadRules(t *testing.T) {
	t.Parallel()
	if _, err := New(Options{Rules: Rules{BoilerplateSelectors: []string{"div[[["}}}); err == nil {
		t.Fatal("a selector that does not compile must fail New")
	}
	if _, err := New(Options{MaxNodes: -1}); err == nil {
		t.Fatal("a negative limit must fail New")
	}
}

func TestSentinelErrors(t *testing.T) {
	t.Parallel()
	ex := mustNew(t, Options{MaxInputBytes: 4096, MaxNodes: 200})
	cases := []struct {
		name string
		page string
		want error
	}{
		{"empty", "", ErrNotHTML},
		{"whitespace", "  \n\t ", ErrNotHTML},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ErrNotHTML},
		{"too many bytes", "<html>" + strings.Repeat("a", 5000), ErrTooLarge},
		{"too many nodes", "<html><body>" + strings.Repeat("<b>x</b>", 300), ErrTooLarge},
		{"no article", "<html><body><p>hi</p></body></html>", ErrNoContent},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := extractString(t, ex, c.page, "")
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
		})
	}
}

// The charset comes from a BOM, then the caller's Content-Type, then the
// page's <meta>, then sniffing.
func TestDecodeCharsets(t *testing.T) {
	t.Parallel()
	ru := "Совет депутатов утвердил новый бюджет города на следующий год после долгих споров"
	ja := "市議会は来年度の予算案を長い議論の末に可決した。市長は記者会見で説明した。"
	cp1251, _ := charmap.Windows1251.NewEncoder().String(ru)
	sjis, _ := japanese.ShiftJIS.NewEncoder().String(ja)
	page := func(head, body string) string {
		return "<html><head>" + head + "</head><body><article>" + strings.Repeat("<p>"+body+"</p>", 4) + "</article></body></html>"
	}
	cases := []struct {
		name, page, contentType, want string
	}{
		{"meta charset", page(`<meta charset="windows-1251">`, cp1251), "", ru},
		{"http-equiv", page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`, cp1251), "", ru},
		{"header wins over meta", page(`<meta charset="utf-8">`, cp1251), "text/html; charset=windows-1251", ru},
		{"shift_jis meta", page(`<meta charset="Shift_JIS">`, sjis), "", ja},
		{"bom wins over header", "\xef\xbb\xbf" + page("", ru), "text/html; charset=windows-1251", ru},
		{"undeclared utf-8 sniffed", page("", ru), "", ru},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			root, err := parseHTML([]byte(c.page), c.contentType, DefaultMaxNodes)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			collectText(root, &buf)
			if !strings.Contains(buf.String(), c.want) {
				t.Fatalf("decoded text %q does not contain %q", buf.String(), c.want)
			}
		})
	}
}

func TestBlocksAreTyped(t *testing.T) {
	t.Parallel()
	page := `<html><head><title>Budget passes</title></head><body><article>
<h1>Budget passes</h1>` +
		longPara("The city council passed the budget on Tuesday after a long debate.") +
		`<h2>What changes</h2>
<ul><li>Bus fares fall by ten percent.</li><li>Two new libraries open.</li></ul>` +
		longPara("Opposition members said the plan relied on optimistic forecasts.") +
		`<blockquote><p>This budget is a promise we intend to keep for every resident of the city.</p></blockquote>
<table><tr><th>Item</th><th>Amount</th></tr><tr><td>Transit</td><td>12m</td></tr></table>` +
		longPara("The mayor will sign the budget into law at the end of the month.") +
		`</article></body></html>`
	art, err := extractString(t, mustNew(t, Options{}), page, "")
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, b := range art.Blocks {
		types = append(types, b.Type)
	}
	want := "paragraph heading list paragraph quote table paragraph"
	if got := strings.Join(types, " "); got != want {
		t.Fatalf("block types %q, want %q", got, want)
	}
	if h := art.Blocks[1]; h.Level != 2 || h.Text != "What changes" {
		t.Errorf("heading = %+v", h)
	}
	if l := art.Blocks[2]; len(l.Items) != 2 || l.Items[1] != "Two new libraries open." {
		t.Errorf("list = %+v", l)
	}
	if tb := art.Blocks[5]; len(tb.Items) != 2 || tb.Items[1] != "Transit | 12m" {
		t.Errorf("table = %+v", tb)
	}
	if strings.Contains(art.Text, "Budget passes") {
		t.Errorf("the heading repeating the title is in the text")
	}
	if !strings.Contains(art.Text, "\n\nBus fares fall by ten percent.\n\nTwo new libraries open.\n\n") {
		t.Errorf("list items are not blank-line separated in text: %q", art.Text)
	}
	if art.WordCount == 0 || art.ReadingTimeMinutes != 1 || !strings.HasPrefix(art.ContentHash, "sha256:") {
		t.Errorf("counts: words %d, minutes %d, hash %q", art.WordCount, art.ReadingTimeMinutes, art.ContentHash)
	}
}

// A pull quote repeats a sentence of the body: it must not be in the text
// twice.
func TestPullQuoteNotDuplicated(t *testing.T) {
	t.Parallel()
	sentence := "We will not let the river decide the future of this town"
	page := `<html><body><article>` +
		longPara("Flood defences along the river were raised by a metre this spring.") +
		`<p>The engineer was blunt. "` + sentence + `," she said at the opening.</p>` +
		`<blockquote class="pullquote">“` + sentence + `”</blockquote>` +
		longPara("Work on the second section of the wall starts in the autumn.") +
		`</article></body></html>`
	art, err := extractString(t, mustNew(t, Options{}), page, "")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(art.Text, sentence); n != 1 {
		t.Fatalf("sentence appears %d times in text:\n%s", n, art.Text)
	}
}

// Chrome is removed by class words, but never a wrapper that holds the
// article: one theme calls its post container "widget Blog".
func TestChromeRemovalKeepsTextHeavyWrappers(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("The harbour authority approved the new ferry terminal after three years of planning.<br>", 12)
	page := `<html><body>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet this</a></div>
<div class="widget Blog"><div class="post-body">` + body + `</div></div>
<div class="newsletter-signup"><p>Sign up for our newsletter to get the best of the week in your inbox every Friday morning.</p></div>
</body></html>`
	art, err := extractString(t, mustNew(t, Options{}), page, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(art.Text, "ferry terminal") {
		t.Fatalf("article lost: %q", art.Text)
	}
	for _, chrome := range []string{"Share on Facebook", "newsletter"} {
		if strings.Contains(art.Text, chrome) {
			t.Errorf("chrome %q left in text", chrome)
		}
	}
}

func TestFurnitureLinesDropped(t *testing.T) {
	t.Parallel()
	page := `<html><body><article>` +
		longPara("The regional train line reopened on Monday after a month of repairs.") +
		`<p>Advertisement</p><p>CLICK HERE TO GET THE NEWS APP</p><p>PUBLISHED: 10:48, Tue, Nov 19, 2019</p>` +
		longPara("Passengers were offered free tickets for the first week of service.") +
		`</article></body></html>`
	art, err := extractString(t, mustNew(t, Options{}), page, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Advertisement", "CLICK HERE", "PUBLISHED"} {
		if strings.Contains(art.Text, s) {
			t.Errorf("%q left in text", s)
		}
	}
}

func TestCountWords(t *testing.T) {
	t.Parallel()
	cases := map[string]int{
		"":                       0,
		"one two  three":         3,
		"don't stop, well-known": 3,
		"市議会は":                   4,
		"Price: $12.50 (up 3%)":  4,
		"Совет депутатов утвердил": 3,
	}
	for in, want := range cases {
		if got := countWords(in); got != want {
			t.Errorf("countWords(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestCleanTextIdempotent(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"  a \u00a0 b\n\n\n c \u200b", "x\ny", "\n\n", "é  ü"} {
		once := cleanText(s)
		if twice := cleanText(once); twice != once {
			t.Errorf("cleanText not idempotent on %q: %q then %q", s, once, twice)
		}
	}
}

// collectText writes every text node under n.
func collectText(n *html.Node, buf *bytes.Buffer) {
	if n.Type == html.TextNode {
		buf.WriteString(n.Data)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectText(c, buf)
	}
}

func TestIsBylineLine(t *testing.T) {
	t.Parallel()
	cases := map[string]bool{
		"By · Oct 8, 2023, 07:02 PM IST":              true,
		"By Kavya Shetty · Oct 8, 2023, 07:02 PM IST": true,
		"By Jane Doe":                   true,
		"Von Anna Schmidt | 12.03.2024": true,
		"By the time the ferry arrived, the pier was closed to foot passengers.": false,
		"By noon.": false,
		"The council said on Monday it would vote again.": false,
	}
	for in, want := range cases {
		if got := isBylineLine(in); got != want {
			t.Errorf("isBylineLine(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestDeclaredType(t *testing.T) {
	t.Parallel()
	body := `<body><article>` + longPara("The bridge reopened on Friday after repairs.") + longPara("Traffic returned to normal by the evening rush.") + `</article></body></html>`
	cases := []struct {
		head, wantType string
		wantArticle    bool
	}{
		{`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Bridge reopens"}</script>`, "NewsArticle", true},
		{`<meta property="og:type" content="article">`, "article", true},
		{`<meta property="og:type" content="website">`, "website", false},
		{``, "", false},
	}
	ex := mustNew(t, Options{})
	for _, c := range cases {
		art, err := extractString(t, ex, `<html><head>`+c.head+`</head>`+body, "")
		if err != nil {
			t.Fatalf("%s: %v", c.head, err)
		}
		if !strings.EqualFold(art.DeclaredType, c.wantType) || art.IsDeclaredArticle() != c.wantArticle {
			t.Errorf("%s: DeclaredType %q article %v, want %q %v", c.head, art.DeclaredType, art.IsDeclaredArticle(), c.wantType, c.wantArticle)
		}
	}
}

// A body split into several containers of one class, each inside its own
// wrapper with ads and figures between them, comes out whole: readability
// alone keeps one container.
func TestSplitBodyGathered(t *testing.T) {
	t.Parallel()
	part := func(wrapper, words string, n int) string {
		var ps strings.Builder
		for i := 0; i < n; i++ {
			ps.WriteString(longPara(fmt.Sprintf("%s paragraph %d.", words, i)))
		}
		return `<section class="` + wrapper + `"><div class="grid"><div class="body__inner">` + ps.String() + `</div></div></section>`
	}
	ad := `<section class="promo-band"><div class="ad-slot"><p>Advertisement</p></div><figure><img src="/a.jpg"></figure></section>`
	page := `<html><body><main>` + part("lede-band", "Alpha section of the report", 6) + ad +
		part("band-two", "Beta section of the report", 3) + ad + part("band-three", "Gamma section of the report", 3) +
		`</main></body></html>`
	art, err := extractString(t, mustNew(t, Options{}), page, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Alpha section", "Beta section", "Gamma section"} {
		if !strings.Contains(art.Text, want) {
			t.Errorf("text lost %q:\n%s", want, art.Text)
		}
	}
}

// ASP.NET pages wrap everything in one <form>: the form is not chrome.
func TestPageInsideFormKept(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("The county court proposed removing birth dates from public records.<br><br>", 8)
	page := `<html><body><form id="aspnetForm"><nav><a href="/">Home</a></nav><div class="story"><span class="articleText">` + body + `</span></div><footer>Contact us</footer></form></body></html>`
	art, err := extractString(t, mustNew(t, Options{}), page, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(art.Text, "birth dates") || strings.Contains(art.Text, "Contact us") {
		t.Fatalf("text = %q", art.Text)
	}
}

func TestDropEmbedByline(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"We are making it safe.\n— Chris Delaney MP (@ChrisDelaneyMP) March 4, 2024": "We are making it safe.",
		"A plain block quote.\n— Jane Austen":                                        "A plain block quote.\n— Jane Austen",
		"One line only":                                                              "One line only",
	}
	for in, want := range cases {
		if got := dropEmbedByline(in); got != want {
			t.Errorf("dropEmbedByline(%q) = %q, want %q", in, got, want)
		}
	}
}

// Paragraphs inside a layout table's cell stay separate blocks.
func TestLayoutTableParagraphs(t *testing.T) {
	t.Parallel()
	page := `<html><body><table><tr><td class="main">` + longPara("First paragraph of the story.") + longPara("Second paragraph of the story.") + longPara("Third paragraph of the story.") +
		`</td><td class="side"><b>Weather</b><br>Showers</td></tr></table></body></html>`
	art, err := extractString(t, mustNew(t, Options{}), page, "")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(art.Blocks); n != 3 {
		t.Fatalf("%d blocks, want 3: %+v", n, art.Blocks)
	}
}
