package bench

import (
	"errors"
	"reflect"
	"testing"
)

func TestSets(t *testing.T) {
	t.Parallel()
	got, err := Sets("../testdata/bench")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"prefix", "tiny"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Sets = %v, want %v", got, want)
	}
}

func TestLoadFullGold(t *testing.T) {
	t.Parallel()
	pages, err := Load("../testdata/bench", "tiny")
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].Name != "bridge" || pages[1].Name != "harbour" {
		t.Fatalf("pages: %+v", pages)
	}
	h := pages[1]
	g := h.Gold
	if h.URL.Host != "coastal.example" || len(h.HTML) == 0 {
		t.Errorf("url %v, %d bytes", h.URL, len(h.HTML))
	}
	if g.Body == nil || g.Title == nil || *g.Title != "Harbour reopens after storm" {
		t.Errorf("body/title: %+v", g)
	}
	if !g.HasAuthors || !reflect.DeepEqual(g.Authors, []string{"Mara Quell"}) {
		t.Errorf("authors: %v %v", g.HasAuthors, g.Authors)
	}
	if g.Date == nil || !g.Date.Zoned || !g.Date.Timed {
		t.Errorf("date: %+v", g.Date)
	}
	if !g.HasImages || !reflect.DeepEqual(g.Captions, []string{"Fishing boats return to the harbour on Friday"}) ||
		!reflect.DeepEqual(g.Credits, []string{"Ada Lind"}) {
		t.Errorf("images: %v %v %v", g.HasImages, g.Captions, g.Credits)
	}
	b := pages[0].Gold
	if !b.HasAuthors || len(b.Authors) != 0 || b.HasImages || b.Date == nil || b.Date.Timed {
		t.Errorf("bridge gold: %+v", b)
	}
}

func TestLoadPrefixGold(t *testing.T) {
	t.Parallel()
	pages, err := Load("../testdata/bench", "prefix")
	if err != nil {
		t.Fatal(err)
	}
	post, goose := pages[0].Gold, pages[1].Gold
	if post.BodyPrefix == nil || post.Body != nil || !post.HasAuthors || len(post.Authors) != 0 {
		t.Errorf("postlight-style gold: %+v", post)
	}
	if goose.BodyPrefix == nil || *goose.BodyPrefix != "The old stone bridge over the riv" || goose.Title == nil ||
		goose.Language == nil || goose.HasAuthors {
		t.Errorf("goose3-style gold: %+v", goose)
	}
	if _, err := Load("../testdata/bench", "nope"); !errors.Is(err, ErrNoSet) {
		t.Errorf("missing set: %v, want ErrNoSet", err)
	}
}
