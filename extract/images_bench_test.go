package extract

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/PuerkitoBio/goquery"
)

// TestDevCaptions measures captions and credits on the fundus development
// set (../shared/bench/fundus-dev, outside the repository):
//
//	NEWSCLIP_BENCH=1 go test ./extract -run TestDevCaptions -v
//
// Captions and credits are compared per page as multisets: a caption
// matches when equal after whitespace folding, a credit when equal after
// dropping case and everything but letters and digits (the set splits
// "Jean Levac / Postmedia" into two names). NEWSCLIP_BENCH_DIR overrides
// the directory.
func TestDevCaptions(t *testing.T) {
	if os.Getenv("NEWSCLIP_BENCH") == "" {
		t.Skip("set NEWSCLIP_BENCH=1 to measure on the development set")
	}
	dir := os.Getenv("NEWSCLIP_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "bench", "fundus-dev")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "expectations.json"))
	if err != nil {
		t.Skipf("no development set: %v", err)
	}
	var exp map[string]struct {
		URL    string `json:"url"`
		File   string `json:"file"`
		Images *[]struct {
			Caption  *string  `json:"caption"`
			Authors  []string `json:"authors"`
			Versions []struct {
				URL string `json:"url"`
			} `json:"versions"`
		} `json:"images"`
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(exp))
	for k := range exp {
		names = append(names, k)
	}
	sort.Strings(names)
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var capTP, capPred, capGold, crTP, crPred, crGold int
	// per image, on the images the set lists: a predicted caption of an
	// image whose URL matches a listed one, compared with that image's
	var listedPred, listedTP int
	for _, name := range names {
		e := exp[name]
		if e.Images == nil {
			continue
		}
		page, err := os.ReadFile(filepath.Join(dir, e.File))
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(e.URL)
		art, _ := ex.Extract(bytes.NewReader(page), u)
		if art == nil {
			t.Logf("%s: no article", name)
			continue
		}
		var goldCaps, goldCreds, predCaps, predCreds []string
		for _, im := range *e.Images {
			if im.Caption != nil && foldCaption(*im.Caption) != "" {
				goldCaps = append(goldCaps, foldCaption(*im.Caption))
			}
			if c := creditNorm(strings.Join(im.Authors, "")); c != "" {
				goldCreds = append(goldCreds, c)
			}
		}
		for _, im := range art.Images {
			if im.Caption != "" {
				predCaps = append(predCaps, foldCaption(im.Caption))
			}
			if c := creditNorm(im.Credit); c != "" {
				predCreds = append(predCreds, c)
			}
		}
		for _, im := range art.Images {
			if im.Caption == "" {
				continue
			}
		gold:
			for _, g := range *e.Images {
				for _, v := range g.Versions {
					if sameImage(im.URL, v.URL) {
						listedPred++
						if g.Caption != nil && foldCaption(*g.Caption) == foldCaption(im.Caption) {
							listedTP++
						}
						break gold
					}
				}
			}
		}
		tp, missed, extra := multisetMatch(goldCaps, predCaps)
		capTP += tp
		capGold += len(goldCaps)
		capPred += len(predCaps)
		ctp, cmissed, cextra := multisetMatch(goldCreds, predCreds)
		crTP += ctp
		crGold += len(goldCreds)
		crPred += len(predCreds)
		for _, m := range missed {
			t.Logf("%s: caption missed: %q", name, clip(m))
		}
		for _, m := range extra {
			t.Logf("%s: caption extra:  %q", name, clip(m))
		}
		for _, m := range cmissed {
			t.Logf("%s: credit missed: %q", name, m)
		}
		for _, m := range cextra {
			t.Logf("%s: credit extra:  %q", name, m)
		}
	}
	t.Logf("captions: P=%.3f R=%.3f (%d matched, %d predicted, %d gold)", ratio(capTP, capPred), ratio(capTP, capGold), capTP, capPred, capGold)
	t.Logf("captions on listed images: P=%.3f (%d of %d)", ratio(listedTP, listedPred), listedTP, listedPred)
	t.Logf("credits:  P=%.3f R=%.3f (%d matched, %d predicted, %d gold)", ratio(crTP, crPred), ratio(crTP, crGold), crTP, crPred, crGold)
}

// multisetMatch pairs equal strings of gold and pred.
func multisetMatch(gold, pred []string) (tp int, missed, extra []string) {
	left := map[string]int{}
	for _, p := range pred {
		left[p]++
	}
	for _, g := range gold {
		if left[g] > 0 {
			left[g]--
			tp++
		} else {
			missed = append(missed, g)
		}
	}
	for _, p := range pred {
		if left[p] > 0 {
			left[p]--
			extra = append(extra, p)
		}
	}
	return tp, missed, extra
}

func creditNorm(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func clip(s string) string {
	if r := []rune(s); len(r) > 110 {
		return string(r[:110]) + "…"
	}
	return s
}

// TestDevCaptionsPage prints the image candidates of one page of the set,
// for tuning: NEWSCLIP_BENCH=1 NEWSCLIP_BENCH_PAGE=<name> go test ./extract -run TestDevCaptionsPage -v
func TestDevCaptionsPage(t *testing.T) {
	name := os.Getenv("NEWSCLIP_BENCH_PAGE")
	if os.Getenv("NEWSCLIP_BENCH") == "" || name == "" {
		t.Skip("set NEWSCLIP_BENCH=1 and NEWSCLIP_BENCH_PAGE")
	}
	dir := os.Getenv("NEWSCLIP_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "bench", "fundus-dev")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "html", name+".html"))
	if err != nil {
		t.Skipf("no page: %v", err)
	}
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	root, err := parseHTML(raw, "", DefaultMaxNodes)
	if err != nil {
		t.Fatal(err)
	}
	base := &url.URL{Scheme: "https", Host: "example.org", Path: "/"}
	var exp map[string]struct {
		URL string `json:"url"`
	}
	if b, err := os.ReadFile(filepath.Join(dir, "expectations.json")); err == nil && json.Unmarshal(b, &exp) == nil {
		if u, err := url.Parse(exp[name].URL); err == nil {
			base = u
		}
	}
	p := &pass{ex: ex, base: base, root: root, art: newArticle(base)}
	p.doc = goquery.NewDocumentFromNode(root)
	p.readMetadata()
	t.Logf("lead: %+v", p.meta.lead)
	p.extractImages()
	for _, c := range p.images {
		t.Logf("#%d teaser=%v %s inArticle=%v inBody=%v before=%v capd=%v url=%s\n   caption=%q credit=%q", c.idx, c.teaser, c.why, c.inArticle, c.inBody, c.beforeBody, c.captioned, clip(c.url), clip(c.caption), c.credit)
	}
	p.extractRelated()
	p.removeBoilerplate()
	p.findContent()
	p.buildBlocks()
	p.completeMetadata()
	p.finishImages()
	for _, im := range p.art.Images {
		t.Logf("OUT lead=%v %s caption=%q credit=%q", im.Lead, clip(im.URL), clip(im.Caption), im.Credit)
	}
}

// stagePages parses the aeb-dev pages for the stage benchmarks; it skips
// when the development sets are absent.
func stagePages(b *testing.B) (*Extractor, []devPage) {
	b.Helper()
	dir := devBenchDir()
	if dir == "" {
		b.Skip("no development sets")
	}
	ex, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	return ex, loadDevPages(b, dir, "aeb-dev")
}

// stagePasses parses every page into a fresh pass (the stages edit the
// tree, so each timed round needs its own trees).
func stagePasses(b *testing.B, ex *Extractor, pages []devPage, images bool) []*pass {
	b.Helper()
	ps := make([]*pass, len(pages))
	for i, pg := range pages {
		root, err := parseHTML(pg.raw, "", DefaultMaxNodes)
		if err != nil {
			b.Fatal(err)
		}
		ps[i] = &pass{ex: ex, base: pg.u, root: root, doc: goquery.NewDocumentFromNode(root), art: newArticle(pg.u)}
		if images {
			ps[i].extractImages()
		}
	}
	return ps
}

// BenchmarkImagesStage times extractImages alone on the aeb-dev pages,
// parsed outside the timer:
//
//	go test ./extract -run '^$' -bench ImagesStage -benchtime 5x -count 6
func BenchmarkImagesStage(b *testing.B) {
	ex, pages := stagePages(b)
	found := 0
	for _, p := range stagePasses(b, ex, pages, true) {
		found += len(p.images)
	}
	if found < len(pages) {
		b.Fatalf("%d image candidates on %d pages before timing", found, len(pages))
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		ps := stagePasses(b, ex, pages, false)
		b.StartTimer()
		for _, p := range ps {
			p.extractImages()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages))/1e6, "ms/page")
}

// BenchmarkRelatedStage times extractRelated alone on the aeb-dev pages,
// after the image stage has run outside the timer as in Extract.
//
//	go test ./extract -run '^$' -bench RelatedStage -benchtime 5x -count 6
func BenchmarkRelatedStage(b *testing.B) {
	ex, pages := stagePages(b)
	links := 0
	for _, p := range stagePasses(b, ex, pages, true) {
		p.extractRelated()
		links += len(p.art.RelatedLinks)
	}
	if links == 0 {
		b.Fatal("no related links on the pages before timing")
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		ps := stagePasses(b, ex, pages, true)
		b.StartTimer()
		for _, p := range ps {
			p.extractRelated()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages))/1e6, "ms/page")
}
