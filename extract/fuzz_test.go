package extract_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsclip/newsclip/extract"
)

// hostileSeeds are inputs that broke or slowed HTML extractors elsewhere:
// each is a property check on its own, and a start for the fuzzer.
func hostileSeeds() map[string][]byte {
	nested := strings.Repeat("<div>", 10_000) + "<p>deep</p>" + strings.Repeat("</div>", 10_000)
	bigAttr := `<html><body><article><h1>Big</h1><p title="` + strings.Repeat("a", 1<<20) + `">text of the article body that is long enough to be a paragraph.</p></article></body></html>`
	deepJSON := `<html><head><script type="application/ld+json">` +
		strings.Repeat(`{"@type":"NewsArticle","headline":"x","author":[`, 2_000) + `1` + strings.Repeat(`]}`, 2_000) +
		`</script></head><body><p>x</p></body></html>`
	var srcset strings.Builder
	for i := range 20_000 {
		if i > 0 {
			srcset.WriteString(", ")
		}
		srcset.WriteString("/img/a.jpg?")
		srcset.WriteString(strings.Repeat("w", i%7))
		srcset.WriteString(" 1")
		srcset.WriteString(strings.Repeat("0", i%4))
		srcset.WriteString("w")
	}
	hugeSrcset := `<html><body><article><figure><img srcset="` + srcset.String() + `"><figcaption>cap (Photo: PTI)</figcaption></figure><p>Body paragraph of some length that says something about something.</p></article></body></html>`
	return map[string][]byte{
		"empty":            {},
		"space":            []byte(" \n\t "),
		"binary":           {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0xff, 0xfe, 0x00, 0x01},
		"gzip":             {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, '<', 'p', '>'},
		"json":             []byte(`{"title": "<b>not html</b>"}`),
		"utf16 bom":        {0xff, 0xfe, '<', 0, 'p', 0, '>', 0, 'h', 0, 'i', 0},
		"nested divs":      []byte(nested),
		"invalid utf8":     []byte("<html><head><title>bad \xff\xfe title \xc3\x28</title></head><body><article><h1>H\xe2\x82</h1><p>Body \xed\xa0\x80 with \"a quote \xf0\x28\x8c\x28 here,\" he said.</p></article></body></html>"),
		"1MB attribute":    []byte(bigAttr),
		"unclosed tags":    []byte(`<html><body><article><h1>Title<p>First "unclosed quote, said <b><i><a href="/x">Someone <figure><img src=x.jpg><figcaption>cap (Photo: AP`),
		"deep json-ld":     []byte(deepJSON),
		"bad json-ld":      []byte(`<script type="application/ld+json">{"@graph":[{"@type":["NewsArticle",null,7],"headline":{"@value":[]},"datePublished":"2024-02-30T25:61:00+99:00","author":{"name":{"name":null}}}]</script><p>x</p>`),
		"huge srcset":      []byte(hugeSrcset),
		"only comments":    []byte(`<!-- <p>hidden</p> --><!--`),
		"meta charset bad": []byte(`<meta charset="x-unknown-9"><meta http-equiv="content-type" content="text/html; charset=utf-7"><p>+ADw-script+AD4-</p>`),
		"quotes storm":     []byte(`<article><p>` + strings.Repeat(`"a," he said, "b" `, 1_000) + `</p></article>`),
	}
}

// maxFuzzSeed is the largest hostile seed handed to the mutator.
const maxFuzzSeed = 16 << 10

// fuzzing reports whether this run is fuzzing (go test -fuzz) rather than
// running the seed corpus as tests.
func fuzzing() bool {
	fl := flag.Lookup("test.fuzz")
	return fl != nil && fl.Value.String() != ""
}

// FuzzExtract checks what must hold for any input: no panic, only the
// documented errors, valid UTF-8 JSON out, and the same output twice.
//
// Pages are 5-20 KB, so minimising each new interesting input takes long;
// run with a short minimisation, e.g.
//
//	go test ./extract -run '^$' -fuzz '^FuzzExtract$' -fuzztime 60s -fuzzminimizetime 3s
func FuzzExtract(f *testing.F) {
	for _, fx := range loadFixtures(f) {
		f.Add(fx.page, fx.meta.ContentType)
	}
	seeds := hostileSeeds()
	for _, name := range slices.Sorted(maps.Keys(seeds)) { // stable seed#N numbering
		// Under -fuzz the mutator would spend seconds on each copy of a
		// 18 KB-1 MB seed and stall (0 execs/s); those seeds still run
		// under plain go test, here and in TestHostileInputs.
		if fuzzing() && len(seeds[name]) > maxFuzzSeed {
			continue
		}
		f.Add(seeds[name], "")
	}
	f.Add([]byte(`<p>caf\xe9</p>`), "text/html; charset=iso-8859-1")
	f.Add([]byte(`<meta charset="shift_jis"><p>x</p>`), "text/html; charset=bogus")
	ex := newExtractor(f)
	base, _ := url.Parse("https://news.example/section/story.html")
	f.Fuzz(func(t *testing.T, page []byte, contentType string) {
		first := checkExtract(t, ex, page, base, contentType)
		second := checkExtract(t, ex, page, base, contentType)
		if !bytes.Equal(first, second) {
			t.Fatalf("not deterministic: two runs on the same bytes differ:\n%s", lineDiff(first, second, 8))
		}
	})
}

// checkExtract runs one extraction, checks the error and the JSON, and
// returns the JSON with the error name appended, for the determinism check.
func checkExtract(t *testing.T, ex *extract.Extractor, page []byte, base *url.URL, contentType string) []byte {
	t.Helper()
	art, err := ex.ExtractWithContentType(bytes.NewReader(page), base, contentType)
	if err != nil && !isSentinel(err) {
		t.Fatalf("error %v is none of ErrNoContent, ErrNotHTML, ErrTooLarge", err)
	}
	if errors.Is(err, extract.ErrNoContent) && art == nil {
		t.Fatal("ErrNoContent without the article metadata")
	}
	if art == nil {
		if err == nil {
			t.Fatal("nil article and nil error")
		}
		return []byte("error: " + err.Error())
	}
	if art.Authors == nil || art.Tags == nil || art.Images == nil || art.Blocks == nil || art.Quotes == nil ||
		art.RelatedLinks == nil || art.Links == nil || art.Provenance == nil || art.Warnings == nil {
		t.Fatal("a slice or map of the article is nil; JSON would carry null")
	}
	b, jerr := json.Marshal(art)
	if jerr != nil {
		t.Fatalf("json.Marshal: %v", jerr)
	}
	if !utf8.Valid(b) || !json.Valid(b) {
		t.Fatalf("article JSON is not valid UTF-8 JSON: %.200q", b)
	}
	if !utf8.ValidString(art.Text) || !utf8.ValidString(art.Title) {
		t.Fatal("title or text is not valid UTF-8")
	}
	if err != nil {
		b = append(b, "\nerror: "+err.Error()...)
	}
	return b
}

// TestHostileInputs runs the hostile seeds as plain tests, so that `go
// test` checks them without -fuzz, with names in the failure.
func TestHostileInputs(t *testing.T) {
	ex := newExtractor(t)
	base, _ := url.Parse("https://news.example/section/story.html")
	for name, page := range hostileSeeds() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			first := checkExtract(t, ex, page, base, "")
			second := checkExtract(t, ex, page, base, "")
			if !bytes.Equal(first, second) {
				t.Fatalf("not deterministic:\n%s", lineDiff(first, second, 8))
			}
		})
	}
	t.Run("empty is not html", func(t *testing.T) {
		t.Parallel()
		if _, err := ex.Extract(bytes.NewReader(nil), base); !errors.Is(err, extract.ErrNotHTML) {
			t.Errorf("Extract(empty) error = %v, want ErrNotHTML", err)
		}
	})
	t.Run("binary is not html", func(t *testing.T) {
		t.Parallel()
		if _, err := ex.Extract(bytes.NewReader(hostileSeeds()["binary"]), base); !errors.Is(err, extract.ErrNotHTML) {
			t.Errorf("Extract(png bytes) error = %v, want ErrNotHTML", err)
		}
	})
	t.Run("over MaxInputBytes is too large", func(t *testing.T) {
		t.Parallel()
		small, err := extract.New(extract.Options{MaxInputBytes: 1 << 10})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := small.Extract(bytes.NewReader(hostileSeeds()["1MB attribute"]), base); !errors.Is(err, extract.ErrTooLarge) {
			t.Errorf("Extract(1 MB, limit 1 KiB) error = %v, want ErrTooLarge", err)
		}
	})
	t.Run("over MaxNodes is too large", func(t *testing.T) {
		t.Parallel()
		small, err := extract.New(extract.Options{MaxNodes: 1_000})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := small.Extract(bytes.NewReader(hostileSeeds()["nested divs"]), base); !errors.Is(err, extract.ErrTooLarge) {
			t.Errorf("Extract(10,000 divs, limit 1,000 nodes) error = %v, want ErrTooLarge", err)
		}
	})
}
