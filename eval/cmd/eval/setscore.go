package main

import (
	"fmt"
	"strings"

	"github.com/newsclip/newsclip/eval/bench"
	"github.com/newsclip/newsclip/eval/peers"
	"github.com/newsclip/newsclip/eval/score"
)

// pageScore is one extractor's score on one page, with the misses written
// out for the per-page table.
type pageScore struct {
	name string
	body *score.BodyCounts
	// exact: token sequence equal to the gold body.
	exact bool
	// prefix sets
	prefixRecall *float64
	starts       *bool
	fields       map[string]bool // field -> correct, only fields scored on this page
	captions     score.Counts
	credits      score.Counts
	hasImages    bool
	captionLeak  *bool // a gold caption inside the text (sets with captions)
	damage       *int  // gold paragraphs returned as caption or related link instead of text
	errText      string
	panicked     bool
	noContent    bool
	empty        bool
	misses       []string
}

// Field names, in table order.
const (
	fTitle   = "title"
	fAuthors = "authors"
	fByline  = "byline"
	fDay     = "day"
	fMinute  = "minute"
	fSite    = "site"
	fLang    = "lang"
)

var fieldOrder = []string{fTitle, fAuthors, fByline, fDay, fMinute, fSite, fLang}

func scorePage(p bench.Page, o outcome) pageScore {
	g, r := p.Gold, o.res
	s := pageScore{name: p.Name, fields: map[string]bool{}, panicked: o.panicked, noContent: r.NoContent}
	if o.err != nil {
		s.errText = o.err.Error()
	}
	s.empty = strings.TrimSpace(r.Text) == ""
	if g.Body != nil {
		c := score.CompareBody(*g.Body, r.Text)
		s.body = &c
		s.exact = score.SameTokens(*g.Body, r.Text)
	}
	if len(g.Captions) > 0 {
		leaked := score.LeakedStrings(g.Captions, r.Text)
		l := len(leaked) > 0
		s.captionLeak = &l
		for _, c := range leaked {
			s.misses = append(s.misses, fmt.Sprintf("leak: caption %q in text", firstWords(c, 12)))
		}
	}
	if g.Body != nil && (r.HasImages || r.HasRelated) {
		var taken []string
		for _, im := range r.Images {
			taken = append(taken, im.Caption)
		}
		for _, l := range r.Related {
			taken = append(taken, l.Text)
		}
		d := score.Damage(*g.Body, taken, r.Text)
		n := len(d)
		s.damage = &n
		for _, para := range d {
			s.misses = append(s.misses, fmt.Sprintf("damage: body paragraph returned as caption/related: %q", firstWords(para, 12)))
		}
	}
	if g.BodyPrefix != nil {
		rec, _ := score.PrefixRecall(*g.BodyPrefix, r.Text)
		st := score.StartsWith(*g.BodyPrefix, r.Text)
		s.prefixRecall, s.starts = &rec, &st
		if !st {
			s.misses = append(s.misses, "starts: "+firstDifference(*g.BodyPrefix, r.Text))
		}
	}
	if !r.HasMeta {
		return s
	}
	check := func(field string, ok bool, got, want any) {
		s.fields[field] = ok
		if !ok {
			s.misses = append(s.misses, fmt.Sprintf("%s: got %v, want %v", field, got, want))
		}
	}
	if g.Title != nil {
		check(fTitle, score.SameString(*g.Title, r.Title), q(r.Title), q(*g.Title))
	}
	if g.HasAuthors {
		check(fAuthors, score.SameAuthors(g.Authors, r.Authors), qs(r.Authors), qs(g.Authors))
	}
	if g.Byline != nil {
		check(fByline, score.SameString(*g.Byline, r.Byline), q(r.Byline), q(*g.Byline))
	}
	if g.Date != nil {
		got := "none"
		if r.Published != nil {
			got = r.Published.Format("2006-01-02T15:04Z07:00")
		}
		want := g.Date.T.Format("2006-01-02")
		if g.Date.Timed {
			want = g.Date.T.Format("2006-01-02T15:04Z07:00")
			if !g.Date.Zoned {
				want = g.Date.T.Format("2006-01-02T15:04") + " (no offset)"
			}
		}
		check(fDay, score.SameDay(*g.Date, r.Published), got, want)
		if same, ok := score.SameMinute(*g.Date, r.Published); ok {
			s.fields[fMinute] = same
			if !same && s.fields[fDay] {
				s.misses = append(s.misses, fmt.Sprintf("minute: got %v, want %v", got, want))
			}
		}
	}
	if g.SiteName != nil {
		check(fSite, score.SameString(*g.SiteName, r.SiteName), q(r.SiteName), q(*g.SiteName))
	}
	if g.Language != nil {
		check(fLang, score.SameLanguage(*g.Language, r.Language), q(r.Language), q(*g.Language))
	}
	if g.HasImages && r.HasImages {
		s.hasImages = true
		var caps, creds []string
		for _, im := range r.Images {
			caps = append(caps, im.Caption)
			creds = append(creds, im.Credit)
		}
		s.captions = score.MatchStrings(g.Captions, caps)
		s.credits = score.MatchStrings(g.Credits, creds)
		if s.captions.FP+s.captions.FN > 0 {
			s.misses = append(s.misses, fmt.Sprintf("captions: %d right, %d wrong, %d missed", s.captions.TP, s.captions.FP, s.captions.FN))
		}
		if s.credits.FP+s.credits.FN > 0 {
			s.misses = append(s.misses, fmt.Sprintf("credits: %d right, %d wrong, %d missed (want %s)", s.credits.TP, s.credits.FP, s.credits.FN, qs(g.Credits)))
		}
	}
	return s
}

func q(s string) string { return fmt.Sprintf("%q", s) }

func qs(ss []string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = q(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// firstDifference shows where pred's tokens stop following gold's, with a
// few tokens of context on both sides.
func firstDifference(gold, pred string) string {
	g, p := score.Tokens(gold), score.Tokens(pred)
	i := 0
	for i < len(g) && i < len(p) && g[i] == p[i] {
		i++
	}
	from := max(0, i-3)
	window := func(ts []string) string {
		return strings.Join(ts[min(from, len(ts)):min(i+6, len(ts))], " ")
	}
	return fmt.Sprintf("token %d of %d differs: got %q, want %q", i, len(g), window(p), window(g))
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// summary is one extractor's row on one set.
type summary struct {
	name                string
	pages, errs, panics int
	noContent, empty    int
	body                []score.BodyCounts
	exact               int
	prefixR             []float64
	starts              int
	nPrefix             int
	fields              map[string]score.Ratio
	captions, credits   score.Counts
	hasImages           bool
	leakPages, nLeak    int // pages with a gold caption in the text, out of pages with gold captions
	damage, damagePages int
	hasDamage           bool
	speed               speed
}

func summarize(ex peers.Extractor, run setRun, idx int) (summary, []pageScore) {
	sm := summary{name: ex.Name(), pages: len(run.pages), fields: map[string]score.Ratio{}, speed: run.speed[idx]}
	scores := make([]pageScore, len(run.pages))
	for j, p := range run.pages {
		o := run.out[idx][j]
		s := scorePage(p, o)
		scores[j] = s
		if s.panicked {
			sm.panics++
		} else if o.err != nil {
			sm.errs++
		}
		if s.noContent {
			sm.noContent++
		}
		if s.empty {
			sm.empty++
		}
		if s.body != nil {
			sm.body = append(sm.body, *s.body)
			if s.exact {
				sm.exact++
			}
		}
		if s.prefixRecall != nil {
			sm.nPrefix++
			sm.prefixR = append(sm.prefixR, *s.prefixRecall)
			if *s.starts {
				sm.starts++
			}
		}
		for f, ok := range s.fields {
			r := sm.fields[f]
			r.N++
			if ok {
				r.K++
			}
			sm.fields[f] = r
		}
		if s.captionLeak != nil {
			sm.nLeak++
			if *s.captionLeak {
				sm.leakPages++
			}
		}
		if s.damage != nil {
			sm.hasDamage = true
			sm.damage += *s.damage
			if *s.damage > 0 {
				sm.damagePages++
			}
		}
		if s.hasImages {
			sm.hasImages = true
			sm.captions.Add(s.captions)
			sm.credits.Add(s.credits)
		}
	}
	return sm, scores
}
