package extract_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/newsclip/newsclip/extract"
)

// update rewrites fixtures/*/*/want.json from the current output; the diff
// is what gets reviewed.
var update = flag.Bool("update", false, "rewrite the golden want.json files")

// fixturesDir is where our own hand-written pages live, relative to extract/.
const fixturesDir = "../fixtures"

// fixture is one hand-written page: fixtures/<site>/<slug>/.
type fixture struct {
	name   string // "<site>/<slug>"
	dir    string
	page   []byte
	meta   fixtureMeta
	checks *fixtureChecks // nil when checks.json is absent
	body   string         // body.txt, "" when absent
}

// fixtureMeta is meta.json: where the page was served from and how.
type fixtureMeta struct {
	URL         string `json:"url"`
	ContentType string `json:"content_type"`
}

// fixtureChecks is checks.json: the must / must-not facts a person wrote
// from the page before looking at any output. Only keys present are
// checked, hence the pointers; fixtures/README.md documents the keys.
type fixtureChecks struct {
	Error           *string         `json:"error"`
	Title           *string         `json:"title"`
	Authors         *[]string       `json:"authors"`
	PublishedDay    *string         `json:"published_day"`
	Language        *string         `json:"language"`
	SiteName        *string         `json:"site_name"`
	TagsInclude     []string        `json:"tags_include"`
	TextStartsWith  *string         `json:"text_starts_with"`
	TextEndsWith    *string         `json:"text_ends_with"`
	TextContains    []string        `json:"text_contains"`
	TextOnce        []string        `json:"text_contains_once"`
	TextNotContains []string        `json:"text_not_contains"`
	Images          []imageCheck    `json:"images"`
	ImagesCount     *int            `json:"images_count"`
	Quotes          []quoteCheck    `json:"quotes"`
	QuotesCount     *int            `json:"quotes_count"`
	NotQuotes       []string        `json:"not_quotes"`
	Related         []relatedCheck  `json:"related"`
	RelatedCount    *int            `json:"related_count"`
	WarningsContain []string        `json:"warnings_contain"`
	Comment         json.RawMessage `json:"_comment"` // free text for the reader
}

type imageCheck struct {
	URLSuffix string  `json:"url_suffix"`
	Caption   *string `json:"caption"`
	Credit    *string `json:"credit"`
	Lead      *bool   `json:"lead"`
}

type quoteCheck struct {
	TextPrefix string  `json:"text_prefix"`
	TextHas    string  `json:"text_has"` // instead of text_prefix: the quote contains this
	Speaker    *string `json:"speaker"`
	Kind       *string `json:"kind"`
}

type relatedCheck struct {
	URL   string  `json:"url"`
	Label *string `json:"label"`
	Text  *string `json:"text"`
}

// errorNames are the values of checks.json "error".
var errorNames = map[string]error{
	"no_content": extract.ErrNoContent,
	"not_html":   extract.ErrNotHTML,
	"too_large":  extract.ErrTooLarge,
}

var (
	fixturesOnce sync.Once
	fixturesAll  []fixture
	fixturesErr  error
)

// loadFixtures reads every fixtures/<site>/<slug>/page.html with its
// meta.json, checks.json and body.txt, sorted by name. It reads the disk
// once per test binary.
func loadFixtures(tb testing.TB) []fixture {
	tb.Helper()
	fixturesOnce.Do(func() { fixturesAll, fixturesErr = readFixtures(fixturesDir) })
	if fixturesErr != nil {
		tb.Fatal(fixturesErr)
	}
	if len(fixturesAll) == 0 {
		tb.Fatalf("no fixtures under %s", fixturesDir)
	}
	return fixturesAll
}

func readFixtures(root string) ([]fixture, error) {
	// WalkDir does not follow a symlinked root; resolve it.
	root, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, err
	}
	var out []fixture
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || d.Name() != "page.html" {
			return nil
		}
		dir := filepath.Dir(path)
		rel, err := filepath.Rel(root, dir)
		if err != nil {
			return err
		}
		f := fixture{name: filepath.ToSlash(rel), dir: dir}
		if f.page, err = os.ReadFile(path); err != nil {
			return err
		}
		if err := readJSONStrict(filepath.Join(dir, "meta.json"), &f.meta); err != nil {
			return err
		}
		if f.meta.URL == "" {
			return fmt.Errorf("%s: meta.json has no url", f.name)
		}
		if _, err := url.Parse(f.meta.URL); err != nil {
			return fmt.Errorf("%s: meta.json: %w", f.name, err)
		}
		checksPath := filepath.Join(dir, "checks.json")
		if _, err := os.Stat(checksPath); err == nil {
			f.checks = new(fixtureChecks)
			if err := readJSONStrict(checksPath, f.checks); err != nil {
				return err
			}
			if c := f.checks; c.Error != nil && *c.Error != "" && errorNames[*c.Error] == nil {
				return fmt.Errorf("%s: checks.json: unknown error %q", f.name, *c.Error)
			}
		}
		if b, err := os.ReadFile(filepath.Join(dir, "body.txt")); err == nil {
			f.body = string(b)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		out = append(out, f)
		return nil
	})
	slices.SortFunc(out, func(a, b fixture) int { return strings.Compare(a.name, b.name) })
	return out, err
}

// readJSONStrict decodes a file, refusing unknown keys so that a misspelt
// check fails loudly instead of silently checking nothing.
func readJSONStrict(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

var (
	extractorOnce sync.Once
	extractor     *extract.Extractor
	extractorErr  error
)

// newExtractor returns one shared default Extractor (it is safe for
// concurrent use).
func newExtractor(tb testing.TB) *extract.Extractor {
	tb.Helper()
	extractorOnce.Do(func() { extractor, extractorErr = extract.New(extract.Options{}) })
	if extractorErr != nil {
		tb.Fatal(extractorErr)
	}
	return extractor
}

// run extracts the fixture's page as the crawler would hand it over.
func (f fixture) run(ex *extract.Extractor) (*extract.Article, error) {
	u, err := url.Parse(f.meta.URL)
	if err != nil {
		return nil, err
	}
	return ex.ExtractWithContentType(bytes.NewReader(f.page), u, f.meta.ContentType)
}

// wantErr is the error checks.json expects, nil for a normal article.
func (f fixture) wantErr() error {
	if f.checks == nil || f.checks.Error == nil {
		return nil
	}
	return errorNames[*f.checks.Error]
}

// goldenJSON is the golden form of a result: the indented article JSON.
func goldenJSON(art *extract.Article) ([]byte, error) {
	b, err := json.MarshalIndent(art, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// TestGolden extracts every fixture, compares the output with want.json and
// applies checks.json. `go test ./extract -run TestGolden -update` rewrites
// want.json and returns before comparing.
func TestGolden(t *testing.T) {
	ex := newExtractor(t)
	for _, f := range loadFixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			art, err := f.run(ex)
			if err != nil && !isSentinel(err) {
				t.Fatalf("%s: extract: unexpected error %v", f.name, err)
			}
			got, jerr := goldenJSON(art)
			if jerr != nil {
				t.Fatalf("%s: marshal: %v", f.name, jerr)
			}
			wantPath := filepath.Join(f.dir, "want.json")
			if *update {
				if err := os.WriteFile(wantPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if f.checks != nil {
				for _, msg := range applyChecks(f.checks, art, err) {
					t.Errorf("%s: %s", f.name, msg)
				}
			}
			want, rerr := os.ReadFile(wantPath)
			if errors.Is(rerr, fs.ErrNotExist) {
				t.Errorf("%s: no want.json; run go test ./extract -run TestGolden -update and review the diff", f.name)
				return
			}
			if rerr != nil {
				t.Fatal(rerr)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: output differs from want.json (-want +got):\n%s", f.name, lineDiff(want, got, 12))
			}
		})
	}
}

func isSentinel(err error) bool {
	for _, s := range errorNames {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// applyChecks returns one message per failed fact, naming the fact.
func applyChecks(c *fixtureChecks, art *extract.Article, err error) []string {
	var fails []string
	failf := func(format string, args ...any) { fails = append(fails, fmt.Sprintf(format, args...)) }

	wantErrName := ""
	if c.Error != nil {
		wantErrName = *c.Error
	}
	if wantErrName == "" {
		if err != nil {
			failf("error = %v, want none", err)
		}
	} else if !errors.Is(err, errorNames[wantErrName]) {
		failf("error = %v, want %s", err, wantErrName)
	}
	if art == nil {
		if wantErrName == "" || wantErrName == "no_content" {
			failf("article is nil")
		}
		return fails
	}

	// Names compare after collapsing whitespace (U+3000 included), as the
	// benchmark scorers do.
	if c.Title != nil && collapse(art.Title) != collapse(*c.Title) {
		failf("title = %q, want %q", art.Title, *c.Title)
	}
	if c.Authors != nil && !sameSet(art.Authors, *c.Authors) {
		failf("authors = %q, want the set %q", art.Authors, *c.Authors)
	}
	if c.PublishedDay != nil {
		switch {
		case art.PublishedAt == nil:
			failf("published_at = null, want day %s", *c.PublishedDay)
		case art.PublishedAt.Format("2006-01-02") != *c.PublishedDay:
			failf("published_at = %s, want day %s (in the offset the page states)", art.PublishedAt.Format("2006-01-02T15:04:05Z07:00"), *c.PublishedDay)
		}
	}
	if c.Language != nil && primaryLang(art.Language) != primaryLang(*c.Language) {
		failf("language = %q, want %q", art.Language, *c.Language)
	}
	if c.SiteName != nil && collapse(art.SiteName) != collapse(*c.SiteName) {
		failf("site_name = %q, want %q", art.SiteName, *c.SiteName)
	}
	for _, tag := range c.TagsInclude {
		if !slices.ContainsFunc(art.Tags, func(s string) bool { return strings.EqualFold(s, tag) }) {
			failf("tags %q lack %q", art.Tags, tag)
		}
	}

	if c.TextStartsWith != nil && !strings.HasPrefix(art.Text, *c.TextStartsWith) {
		failf("text starts with %q, want %q", clip(art.Text, 80, false), *c.TextStartsWith)
	}
	if c.TextEndsWith != nil && !strings.HasSuffix(art.Text, *c.TextEndsWith) {
		failf("text ends with %q, want %q", clip(art.Text, 80, true), *c.TextEndsWith)
	}
	for _, s := range c.TextContains {
		if !strings.Contains(art.Text, s) {
			failf("text lacks %q", s)
		}
	}
	for _, s := range c.TextOnce {
		if n := strings.Count(art.Text, s); n != 1 {
			failf("text has %q %d times, want once", s, n)
		}
	}
	for _, s := range c.TextNotContains {
		if strings.Contains(art.Text, s) {
			failf("text contains %q, which is not body text", s)
		}
	}

	for _, w := range c.Images {
		i := slices.IndexFunc(art.Images, func(im extract.Image) bool { return strings.HasSuffix(im.URL, w.URLSuffix) })
		if i < 0 {
			failf("no image with url ending %q (images: %s)", w.URLSuffix, imageURLs(art.Images))
			continue
		}
		im := art.Images[i]
		if w.Caption != nil && im.Caption != *w.Caption {
			failf("image %q: caption = %q, want %q", w.URLSuffix, im.Caption, *w.Caption)
		}
		if w.Credit != nil && im.Credit != *w.Credit {
			failf("image %q: credit = %q, want %q", w.URLSuffix, im.Credit, *w.Credit)
		}
		if w.Lead != nil && im.Lead != *w.Lead {
			failf("image %q: lead = %v, want %v", w.URLSuffix, im.Lead, *w.Lead)
		}
	}
	if c.ImagesCount != nil && len(art.Images) != *c.ImagesCount {
		failf("%d images, want %d (images: %s)", len(art.Images), *c.ImagesCount, imageURLs(art.Images))
	}

	for _, w := range c.Quotes {
		match, what := strings.HasPrefix, "starting"
		key := collapse(w.TextPrefix)
		if w.TextHas != "" {
			match, what = strings.Contains, "containing"
			key = collapse(w.TextHas)
		}
		i := slices.IndexFunc(art.Quotes, func(q extract.Quote) bool { return match(collapse(q.Text), key) })
		if i < 0 {
			failf("no quote %s %q", what, key)
			continue
		}
		q := art.Quotes[i]
		if w.Speaker != nil && q.Speaker != *w.Speaker {
			failf("quote %q: speaker = %q (raw %q, cue %q), want %q", key, q.Speaker, q.SpeakerRaw, q.Cue, *w.Speaker)
		}
		if w.Kind != nil && q.Kind != *w.Kind {
			failf("quote %q: kind = %q, want %q", key, q.Kind, *w.Kind)
		}
	}
	if c.QuotesCount != nil && len(art.Quotes) != *c.QuotesCount {
		failf("%d quotes, want %d", len(art.Quotes), *c.QuotesCount)
	}
	for _, s := range c.NotQuotes {
		for _, q := range art.Quotes {
			if strings.EqualFold(strings.TrimRight(collapse(q.Text), ",.;:!? "), strings.TrimRight(collapse(s), ",.;:!? ")) {
				failf("%q is reported as a quote (speaker %q), but it is not one", s, q.Speaker)
			}
		}
	}

	for _, w := range c.Related {
		i := slices.IndexFunc(art.RelatedLinks, func(r extract.RelatedLink) bool { return r.URL == w.URL })
		if i < 0 {
			failf("no related link to %s", w.URL)
			continue
		}
		r := art.RelatedLinks[i]
		if w.Label != nil && r.Label != *w.Label {
			failf("related %s: label = %q, want %q", w.URL, r.Label, *w.Label)
		}
		if w.Text != nil && r.Text != *w.Text {
			failf("related %s: text = %q, want %q", w.URL, r.Text, *w.Text)
		}
	}
	if c.RelatedCount != nil && len(art.RelatedLinks) != *c.RelatedCount {
		failf("%d related links, want %d", len(art.RelatedLinks), *c.RelatedCount)
	}

	for _, s := range c.WarningsContain {
		if !slices.ContainsFunc(art.Warnings, func(w string) bool { return strings.Contains(strings.ToLower(w), strings.ToLower(s)) }) {
			failf("warnings %q lack %q", art.Warnings, s)
		}
	}
	return fails
}

// sameSet compares two sets of names, ignoring case and whitespace runs.
func sameSet(got, want []string) bool {
	norm := func(ss []string) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = strings.ToLower(collapse(s))
		}
		return out
	}
	g, w := norm(got), norm(want)
	slices.Sort(g)
	slices.Sort(w)
	return slices.Equal(slices.Compact(g), slices.Compact(w))
}

// primaryLang is the primary subtag of a language tag: "en-US" and "en_us"
// both give "en".
func primaryLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	return s
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func imageURLs(ims []extract.Image) string {
	var us []string
	for _, im := range ims {
		us = append(us, im.URL)
	}
	return fmt.Sprintf("%q", us)
}

// clip returns the first (or last) n runes of s.
func clip(s string, n int, tail bool) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if tail {
		return "…" + string(r[len(r)-n:])
	}
	return string(r[:n]) + "…"
}

// lineDiff lists up to max differing lines of two texts, by line number.
// Enough to see what moved; the full diff is `git diff` after -update.
func lineDiff(want, got []byte, max int) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w == g {
			continue
		}
		if n == max {
			b.WriteString("…\n")
			break
		}
		n++
		fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, clip(w, 200, false), clip(g, 200, false))
	}
	return b.String()
}

// qualityFloor is the least body shingle recall and precision accepted on
// our own fixtures.
const qualityFloor = 0.95

// TestFixtureQuality measures how much of the hand-written body.txt the
// extracted text recovers (recall) and how much of the text is body
// (precision), as word-trigram shingles. It keeps accuracy gains on our own
// pages from regressing.
func TestFixtureQuality(t *testing.T) {
	ex := newExtractor(t)
	for _, f := range loadFixtures(t) {
		if f.body == "" {
			continue
		}
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			art, err := f.run(ex)
			if err != nil {
				t.Fatalf("%s: extract: %v", f.name, err)
			}
			recall, precision := shingleScores(art.Text, f.body)
			t.Logf("%s: recall %.3f precision %.3f", f.name, recall, precision)
			if recall < qualityFloor {
				t.Errorf("%s: body recall %.3f < %.2f: text misses body paragraphs", f.name, recall, qualityFloor)
			}
			if precision < qualityFloor {
				t.Errorf("%s: body precision %.3f < %.2f: text carries non-body text", f.name, precision, qualityFloor)
			}
		})
	}
}

// TestShingleScores pins the scorer itself.
func TestShingleScores(t *testing.T) {
	t.Parallel()
	body := "One two three four five.\n\nSix seven eight nine ten."
	tests := []struct {
		name      string
		text      string
		recall    float64
		precision float64
	}{
		{"identical", body, 1, 1},
		{"case and punctuation ignored", "one, TWO three four five six seven eight nine ten", 1, 1},
		{"empty text", "", 0, 0},
		{"extra chrome", body + "\n\nshare on facebook now please", 1, 8.0 / 13},
		{"half missing", "One two three four five.", 3.0 / 8, 1},
		{"cjk by rune", "一二三四", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, p := shingleScores(tt.text, body)
			if !near(r, tt.recall) || !near(p, tt.precision) {
				t.Errorf("shingleScores(%q) = %.3f, %.3f; want %.3f, %.3f", tt.text, r, p, tt.recall, tt.precision)
			}
		})
	}
	if r, p := shingleScores("今日は晴れです。", "今日は晴れです"); r != 1 || p != 1 {
		t.Errorf("cjk: got %.3f, %.3f; want 1, 1", r, p)
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// shingleScores returns the recall of body's word trigrams in text and the
// precision of text's trigrams, counting repeats (multisets).
func shingleScores(text, body string) (recall, precision float64) {
	ts, bs := shingles(text), shingles(body)
	var nt, nb, common int
	for _, c := range ts {
		nt += c
	}
	for k, c := range bs {
		nb += c
		common += min(c, ts[k])
	}
	if nb > 0 {
		recall = float64(common) / float64(nb)
	}
	if nt > 0 {
		precision = float64(common) / float64(nt)
	}
	return recall, precision
}

// shingles counts the word trigrams of s. Words are lower-cased runs of
// letters and digits; a Han, kana or Hangul character is a word of its own,
// since those scripts do not separate words with spaces. A text of one or
// two words is one shingle.
func shingles(s string) map[string]int {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			flush()
			words = append(words, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			cur.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	out := map[string]int{}
	const n = 3
	if len(words) > 0 && len(words) < n {
		out[strings.Join(words, " ")]++
	}
	for i := 0; i+n <= len(words); i++ {
		out[strings.Join(words[i:i+n], " ")]++
	}
	return out
}

// TestApplyChecks pins the checker: each key fails on a wrong article and
// passes on a right one, and absent keys check nothing.
func TestApplyChecks(t *testing.T) {
	t.Parallel()
	day := time.Date(2024, 3, 14, 23, 30, 0, 0, time.FixedZone("", -5*3600))
	art := &extract.Article{
		Title:        "A  title",
		Authors:      []string{"Ann Lee", "Bo Diaz"},
		Language:     "en-GB",
		SiteName:     "The Site",
		Tags:         []string{"Marina"},
		Text:         "First para.\n\nSecond \"quoted words here\" para.",
		Images:       []extract.Image{{URL: "https://x.example/a.jpg", Caption: "Cap", Credit: "PTI", Lead: true}},
		Quotes:       []extract.Quote{{Text: "quoted words here", Speaker: "Ann Lee", Kind: "inline"}},
		Warnings:     []string{"paywall: teaser"},
		RelatedLinks: []extract.RelatedLink{{URL: "https://x.example/r", Text: "R", Label: "Also Read"}},
	}
	art.PublishedAt = &day
	tests := []struct {
		name   string
		checks string
		err    error
		fails  []string // substrings, one per expected failure
	}{
		{"empty checks", `{}`, nil, nil},
		{"all pass", `{"error": "", "title": "A title", "authors": ["bo diaz", "Ann Lee"], "published_day": "2024-03-14",
			"language": "en", "site_name": "The Site", "tags_include": ["marina"], "text_starts_with": "First",
			"text_ends_with": "para.", "text_contains": ["\n\nSecond"], "text_contains_once": ["First"],
			"text_not_contains": ["Menu"], "images": [{"url_suffix": "/a.jpg", "caption": "Cap", "credit": "PTI", "lead": true}],
			"images_count": 1, "quotes": [{"text_prefix": "quoted", "speaker": "Ann Lee", "kind": "inline"}, {"text_has": "words"}],
			"quotes_count": 1, "not_quotes": ["para"], "related": [{"url": "https://x.example/r", "label": "Also Read", "text": "R"}],
			"related_count": 1, "warnings_contain": ["PAYWALL"]}`, nil, nil},
		{"text once", `{"text_contains_once": ["para."]}`, nil, []string{"2 times"}},
		{"wrong error", `{"error": "no_content"}`, nil, []string{"want no_content"}},
		{"unexpected error", `{"error": ""}`, extract.ErrNoContent, []string{"want none"}},
		{"title", `{"title": "Other"}`, nil, []string{"title ="}},
		{"authors set", `{"authors": ["Ann Lee"]}`, nil, []string{"authors ="}},
		{"no authors", `{"authors": []}`, nil, []string{"authors ="}},
		{"day in page offset", `{"published_day": "2024-03-15"}`, nil, []string{"published_at"}},
		{"language", `{"language": "fr"}`, nil, []string{"language"}},
		{"tags", `{"tags_include": ["Planning"]}`, nil, []string{"lack \"Planning\""}},
		{"text", `{"text_starts_with": "Second", "text_ends_with": "First", "text_contains": ["zzz"], "text_not_contains": ["First"]}`, nil,
			[]string{"starts with", "ends with", "lacks", "not body text"}},
		{"image", `{"images": [{"url_suffix": "/a.jpg", "caption": "X", "credit": "", "lead": false}, {"url_suffix": "/b.jpg"}], "images_count": 2}`, nil,
			[]string{"caption =", "credit =", "lead =", "no image", "1 images"}},
		{"quote", `{"quotes": [{"text_prefix": "words"}, {"text_prefix": "quoted", "speaker": "", "kind": "blockquote"}], "quotes_count": 0, "not_quotes": ["Quoted words here."]}`, nil,
			[]string{"no quote starting", "speaker =", "kind =", "1 quotes", "is reported as a quote"}},
		{"related", `{"related": [{"url": "https://x.example/r", "label": "", "text": "S"}, {"url": "/r"}], "related_count": 0}`, nil,
			[]string{"label =", "text =", "no related link", "1 related"}},
		{"warnings", `{"warnings_contain": ["too large"]}`, nil, []string{"warnings"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var c fixtureChecks
			dec := json.NewDecoder(strings.NewReader(tt.checks))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&c); err != nil {
				t.Fatal(err)
			}
			got := applyChecks(&c, art, tt.err)
			if len(got) != len(tt.fails) {
				t.Fatalf("applyChecks gave %d failures, want %d:\n%s", len(got), len(tt.fails), strings.Join(got, "\n"))
			}
			for i, want := range tt.fails {
				if !strings.Contains(got[i], want) {
					t.Errorf("failure %d = %q, want it to mention %q", i, got[i], want)
				}
			}
		})
	}
}

// TestFixtureChecksConsistent checks each fixture's checks.json against its
// own body.txt, without running Extract: a text check that the hand-written
// body itself fails is a mistake in the fixture, not in the extractor.
func TestFixtureChecksConsistent(t *testing.T) {
	for _, f := range loadFixtures(t) {
		if f.checks == nil || f.body == "" {
			continue
		}
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			c, body := f.checks, strings.TrimSpace(f.body)
			if c.TextStartsWith != nil && !strings.HasPrefix(body, *c.TextStartsWith) {
				t.Errorf("%s: body.txt does not start with text_starts_with %q", f.name, *c.TextStartsWith)
			}
			if c.TextEndsWith != nil && !strings.HasSuffix(body, *c.TextEndsWith) {
				t.Errorf("%s: body.txt does not end with text_ends_with %q", f.name, *c.TextEndsWith)
			}
			for _, s := range c.TextContains {
				if !strings.Contains(body, s) {
					t.Errorf("%s: body.txt lacks text_contains %q", f.name, s)
				}
			}
			for _, s := range c.TextOnce {
				if strings.Count(body, s) != 1 {
					t.Errorf("%s: body.txt has text_contains_once %q %d times", f.name, s, strings.Count(body, s))
				}
			}
			for _, s := range c.TextNotContains {
				if strings.Contains(body, s) {
					t.Errorf("%s: body.txt contains text_not_contains %q", f.name, s)
				}
			}
			flat := collapse(body)
			for _, q := range c.Quotes {
				if k := collapse(q.TextPrefix + q.TextHas); !strings.Contains(flat, k) {
					t.Errorf("%s: quote %q is not in body.txt", f.name, k)
				}
			}
		})
	}
}
