package main

import (
	"fmt"
	"io"

	"github.com/newsclip/newsclip/eval/score"
)

// results is everything a target can be read from: the summaries per set
// (ours first) and the label totals (ours first).
type results struct {
	sets   map[string][]summary
	labels []labelTotals
}

// target is one goal of issues 3 and 4, as data: the table printed above
// the per-set tables says for each whether our extractor meets it.
type target struct {
	issue  int
	set    string // a bench set, "labels", or "all"
	field  string
	atMost bool // the value must be at most bound (else at least)
	bound  float64
	get    func(r results) (float64, bool)
}

func ours(set string, f func(s summary) (float64, bool)) func(r results) (float64, bool) {
	return func(r results) (float64, bool) {
		sms, ok := r.sets[set]
		if !ok || len(sms) == 0 {
			return 0, false
		}
		return f(sms[0])
	}
}

func bodyP(s summary) (float64, bool) {
	p, _, _ := score.PRF(s.body)
	return p, len(s.body) > 0
}

func bodyF1(s summary) (float64, bool) {
	_, _, f := score.PRF(s.body)
	return f, len(s.body) > 0
}

func field(name string) func(s summary) (float64, bool) {
	return func(s summary) (float64, bool) {
		r, ok := s.fields[name]
		if !ok || r.N == 0 {
			return 0, false
		}
		return float64(r.K) / float64(r.N), true
	}
}

func captionP(s summary) (float64, bool) { return s.captions.Precision().Point, s.hasImages }
func captionR(s summary) (float64, bool) { return s.captions.Recall().Point, s.hasImages }

// speedRatio is our pages/s over the named peer's on set.
func speedRatio(set, peer string) func(r results) (float64, bool) {
	return func(r results) (float64, bool) {
		sms := r.sets[set]
		if len(sms) < 2 {
			return 0, false
		}
		for _, s := range sms[1:] {
			if s.name == peer && s.speed.pagesPerSec() > 0 {
				return sms[0].speed.pagesPerSec() / s.speed.pagesPerSec(), true
			}
		}
		return 0, false
	}
}

// faults counts our errors and panics over every set run.
func faults(r results) (float64, bool) {
	n, any := 0, false
	for _, sms := range r.sets {
		if len(sms) > 0 {
			n += sms[0].errs + sms[0].panics
			any = true
		}
	}
	return float64(n), any
}

func lab(f func(t labelTotals) (float64, bool)) func(r results) (float64, bool) {
	return func(r results) (float64, bool) {
		if len(r.labels) == 0 || r.labels[0].pages == 0 {
			return 0, false
		}
		return f(r.labels[0])
	}
}

func countsP(c score.Counts) (float64, bool) { return c.Precision().Point, c.TP+c.FP > 0 }
func countsR(c score.Counts) (float64, bool) { return c.Recall().Point, c.TP+c.FN > 0 }
func ratioV(r score.Ratio) (float64, bool) {
	return float64(r.K) / float64(max(1, r.N)), r.N > 0
}

var targets = []target{
	{3, "aeb-dev", "body F1", false, 0.970, ours("aeb-dev", bodyF1)},
	{3, "aeb-dev", "body precision", false, 0.950, ours("aeb-dev", bodyP)},
	{3, "fundus-dev", "title exact", false, 0.95, ours("fundus-dev", field(fTitle))},
	{3, "fundus-dev", "authors exact set", false, 0.85, ours("fundus-dev", field(fAuthors))},
	{3, "fundus-dev", "published day", false, 0.95, ours("fundus-dev", field(fDay))},
	{3, "fundus-dev", "body F1 (summary + paragraphs)", false, 0.93, ours("fundus-dev", bodyF1)},
	{3, "fundus-dev", "caption precision", false, 0.95, ours("fundus-dev", captionP)},
	{3, "fundus-dev", "caption recall", false, 0.85, ours("fundus-dev", captionR)},
	{3, "postlight", "title exact", false, 0.95, ours("postlight", field(fTitle))},
	{3, "postlight", "author exact", false, 0.85, ours("postlight", field(fAuthors))},
	{3, "postlight", "published day", false, 0.90, ours("postlight", field(fDay))},
	{3, "mozilla", "title exact", false, 0.95, ours("mozilla", field(fTitle))},
	{3, "mozilla", "byline exact", false, 0.80, ours("mozilla", field(fByline))},
	{3, "mozilla", "site name", false, 0.90, ours("mozilla", field(fSite))},
	{3, "all", "errors + panics", true, 0, faults},
	{3, "aeb-dev", "speed ÷ readeck", false, 1, speedRatio("aeb-dev", "readeck")},
	{3, "aeb-dev", "speed ÷ trafilatura (with fallback)", false, 3, speedRatio("aeb-dev", "trafilatura")},
	{4, "labels", "full quotes precision", false, 0.95, lab(func(t labelTotals) (float64, bool) { return countsP(t.full) })},
	{4, "labels", "full quotes recall", false, 0.92, lab(func(t labelTotals) (float64, bool) { return countsR(t.full) })},
	{4, "labels", "partial quotes precision", false, 0.85, lab(func(t labelTotals) (float64, bool) { return countsP(t.partial) })},
	{4, "labels", "partial quotes recall", false, 0.80, lab(func(t labelTotals) (float64, bool) { return countsR(t.partial) })},
	{4, "labels", "speaker accuracy, all", false, 0.92, lab(func(t labelTotals) (float64, bool) { return ratioV(t.speaker) })},
	{4, "labels", "speaker accuracy, named", false, 0.97, lab(func(t labelTotals) (float64, bool) { return ratioV(t.byKind[score.KindNamed]) })},
	{4, "labels", "speaker accuracy, organisation", false, 0.92, lab(func(t labelTotals) (float64, bool) { return ratioV(t.byKind[score.KindOrganisation]) })},
	{4, "labels", "speaker accuracy, pronoun or description", false, 0.85, lab(func(t labelTotals) (float64, bool) {
		r := t.byKind[score.KindPronoun]
		r.Add(t.byKind[score.KindDescription])
		return ratioV(r)
	})},
	{4, "labels", "wrong-attribution rate", true, 0.03, lab(func(t labelTotals) (float64, bool) { return ratioV(t.wrong) })},
	{4, "labels", "captions precision", false, 0.97, lab(func(t labelTotals) (float64, bool) { return countsP(t.captions) })},
	{4, "labels", "captions recall", false, 0.95, lab(func(t labelTotals) (float64, bool) { return countsR(t.captions) })},
	{4, "labels", "credits precision", false, 0.95, lab(func(t labelTotals) (float64, bool) { return countsP(t.credits) })},
	{4, "labels", "credits recall", false, 0.90, lab(func(t labelTotals) (float64, bool) { return countsR(t.credits) })},
	{4, "labels", "related links precision", false, 0.98, lab(func(t labelTotals) (float64, bool) { return countsP(t.related) })},
	{4, "labels", "related links recall", false, 0.95, lab(func(t labelTotals) (float64, bool) { return countsR(t.related) })},
	{4, "labels", "pages leaking caption/credit/related text", true, 0.02, lab(func(t labelTotals) (float64, bool) {
		return float64(t.leakAny) / float64(t.pages), true
	})},
}

// writeTargets prints the targets that could be measured in this run.
func writeTargets(w io.Writer, name string, r results) {
	t := table{head: []string{"issue", "set", "field", "target", name, "met"}}
	for _, tg := range targets {
		v, ok := tg.get(r)
		if !ok {
			continue
		}
		op, met := "≥", v >= tg.bound
		if tg.atMost {
			op, met = "≤", v <= tg.bound
		}
		mark := "no"
		if met {
			mark = "yes"
		}
		val := f3(v)
		if tg.field == "errors + panics" {
			val = fmt.Sprint(int(v))
		} else if tg.bound >= 1 {
			val = fmt.Sprintf("%.2f×", v)
		}
		bound := fmt.Sprintf("%s %g", op, tg.bound)
		t.rows = append(t.rows, []string{fmt.Sprint(tg.issue), tg.set, tg.field, bound, val, mark})
	}
	if len(t.rows) == 0 {
		return
	}
	fmt.Fprintf(w, "### Targets (issues 3 and 4) for %s\n\n", name)
	t.write(w)
}
