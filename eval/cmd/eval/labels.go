package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsclip/newsclip/eval/bench"
	"github.com/newsclip/newsclip/eval/peers"
	"github.com/newsclip/newsclip/eval/score"
)

// labelTotals sums the page scores of one extractor on the labelled pages.
type labelTotals struct {
	name                                string
	pages                               int
	full, partial                       score.Counts
	notQuotes                           int
	speaker, wrong                      score.Ratio
	byKind                              map[string]score.Ratio
	captions, credits                   score.Counts
	related                             score.Counts
	relText, relLabel                   score.Ratio
	leakCap, leakCred, leakRel, leakAny int
	hasQuotes, hasImages, hasRelated    bool
}

func (t *labelTotals) add(s score.PageLabelScore, r peers.Result) {
	t.pages++
	t.hasQuotes = t.hasQuotes || r.HasQuotes
	t.hasImages = t.hasImages || r.HasImages
	t.hasRelated = t.hasRelated || r.HasRelated
	t.full.Add(s.FullQuotes)
	t.partial.Add(s.PartialQuotes)
	t.notQuotes += s.NotQuotesPredicted
	t.speaker.Add(s.Speaker)
	t.wrong.Add(s.WrongSpeaker)
	for k, v := range s.SpeakerByKind {
		x := t.byKind[k]
		x.Add(v)
		t.byKind[k] = x
	}
	t.captions.Add(s.Captions)
	t.credits.Add(s.Credits)
	t.related.Add(s.Related)
	t.relText.Add(s.RelatedText)
	t.relLabel.Add(s.RelatedLabel)
	if s.CaptionLeak {
		t.leakCap++
	}
	if s.CreditLeak {
		t.leakCred++
	}
	if s.RelatedLeak {
		t.leakRel++
	}
	if s.Leaked() {
		t.leakAny++
	}
}

// labelPage is one labelled page with every extractor's answer on it.
type labelPage struct {
	labels score.Labels
	page   bench.Page
	out    []outcome
}

// collectLabelled finds the page of each label, reusing the answers of the
// set runs when the set was run and extracting otherwise. Labels whose page
// is not in the bench directory are reported and skipped.
func collectLabelled(benchDir string, labels []score.Labels, runs map[string]setRun, exs []peers.Extractor, stderr io.Writer) []labelPage {
	loaded := map[string]map[string]int{}
	pagesOf := map[string][]bench.Page{}
	var out []labelPage
	for _, l := range labels {
		idx, ok := loaded[l.Set]
		if !ok {
			var pages []bench.Page
			if r, ran := runs[l.Set]; ran {
				pages = r.pages
			} else {
				var err error
				pages, err = bench.Load(benchDir, l.Set)
				if err != nil {
					fmt.Fprintf(stderr, "eval: labels %s/%s: %v\n", l.Set, l.Name, err)
				}
			}
			idx = map[string]int{}
			for i, p := range pages {
				idx[p.Name] = i
			}
			loaded[l.Set], pagesOf[l.Set] = idx, pages
		}
		i, ok := idx[l.Name]
		if !ok {
			fmt.Fprintf(stderr, "eval: labels %s/%s: page not in %s, skipped\n", l.Set, l.Name, benchDir)
			continue
		}
		lp := labelPage{labels: l, page: pagesOf[l.Set][i], out: make([]outcome, len(exs))}
		for e, ex := range exs {
			if r, ran := runs[l.Set]; ran {
				lp.out[e] = r.out[e][i]
			} else {
				lp.out[e] = safeExtract(ex, lp.page)
			}
		}
		out = append(out, lp)
	}
	return out
}

func prediction(r peers.Result) score.Prediction {
	return score.Prediction{
		Text: r.Text, Quotes: r.Quotes, Images: r.Images, Related: r.Related,
		HasQuotes: r.HasQuotes, HasImages: r.HasImages, HasRelated: r.HasRelated,
	}
}

func scoreLabelled(lps []labelPage, exs []peers.Extractor) ([]labelTotals, [][]score.PageLabelScore) {
	tots := make([]labelTotals, len(exs))
	per := make([][]score.PageLabelScore, len(exs))
	for e, ex := range exs {
		tots[e] = labelTotals{name: ex.Name(), byKind: map[string]score.Ratio{}}
		for _, lp := range lps {
			s := score.ScoreLabels(lp.labels, prediction(lp.out[e].res))
			tots[e].add(s, lp.out[e].res)
			per[e] = append(per[e], s)
		}
	}
	return tots, per
}

func prf(c score.Counts) []string {
	return []string{ci(c.Precision()), ci(c.Recall()), ci(c.F1())}
}

// writeLabelTables prints the issue-4 tables: per field precision, recall
// and F1 with Wilson 95 % intervals for the extractors that return the
// field, and leakage for every extractor.
func writeLabelTables(w io.Writer, tots []labelTotals, sets []string) {
	if len(tots) == 0 || tots[0].pages == 0 {
		return
	}
	fmt.Fprintf(w, "### labelled pages (%d pages from %s)\n\n", tots[0].pages, strings.Join(sets, ", "))
	for _, t := range tots {
		if !t.hasQuotes && !t.hasImages && !t.hasRelated {
			continue
		}
		fmt.Fprintf(w, "%s (value [Wilson 95 %% interval]):\n\n", t.name)
		tb := table{head: []string{"field", "precision", "recall", "F1", "n gold / n predicted"}}
		row := func(name string, c score.Counts) {
			r := append([]string{name}, prf(c)...)
			r = append(r, fmt.Sprintf("%d / %d", c.TP+c.FN, c.TP+c.FP))
			tb.rows = append(tb.rows, r)
		}
		if t.hasQuotes {
			row("full quotes (4+ words)", t.full)
			row("partial quotes", t.partial)
		}
		if t.hasImages {
			row("captions", t.captions)
			row("credits", t.credits)
		}
		if t.hasRelated {
			row("related links (URL)", t.related)
		}
		tb.write(w)
		ta := table{head: []string{"accuracy", "value", "k / n"}}
		acc := func(name string, r score.Ratio) {
			ta.rows = append(ta.rows, []string{name, ci(r.Interval()), fmt.Sprintf("%d / %d", r.K, r.N)})
		}
		if t.hasQuotes {
			acc("speaker, all matched quotes", t.speaker)
			for _, k := range append(append([]string{}, score.SpeakerKinds...), "unnamed") {
				if r, ok := t.byKind[k]; ok {
					acc("speaker, "+k, r)
				}
			}
			pd := t.byKind[score.KindPronoun]
			pd.Add(t.byKind[score.KindDescription])
			acc("speaker, pronoun or description", pd)
			acc("wrong-attribution rate", t.wrong)
			ta.rows = append(ta.rows, []string{"predicted quotes labelled not-a-quote", fmt.Sprint(t.notQuotes), ""})
		}
		if t.hasRelated {
			acc("related anchor text exact", t.relText)
			acc("related label exact", t.relLabel)
		}
		ta.write(w)
	}
	tl := table{head: []string{"extractor", "pages leaking any", "caption in text", "credit in text", "related text in text"}}
	for _, t := range tots {
		pct := func(n int) string { return fmt.Sprintf("%d (%.1f %%)", n, 100*float64(n)/float64(t.pages)) }
		tl.rows = append(tl.rows, []string{t.name, pct(t.leakAny), pct(t.leakCap), pct(t.leakCred), pct(t.leakRel)})
	}
	fmt.Fprintln(w, "Leakage (pages whose body text still holds a labelled caption, credit or related-link text):")
	fmt.Fprintln(w)
	tl.write(w)
}

func writeLabelPages(w io.Writer, name string, per []score.PageLabelScore, limit int) {
	sort.SliceStable(per, func(i, j int) bool { return per[i].MissCount() > per[j].MissCount() })
	fmt.Fprintf(w, "per-page misses on labelled pages, %s, worst first\n\n", name)
	for i, s := range per {
		if limit > 0 && i >= limit {
			break
		}
		fmt.Fprintf(w, "%s/%s  misses=%d  quotes full %d/%d/%d partial %d/%d/%d (tp/fp/fn)  speaker %d/%d\n",
			s.Set, s.Name, s.MissCount(), s.FullQuotes.TP, s.FullQuotes.FP, s.FullQuotes.FN,
			s.PartialQuotes.TP, s.PartialQuotes.FP, s.PartialQuotes.FN, s.Speaker.K, s.Speaker.N)
		for _, m := range s.Misses {
			fmt.Fprintf(w, "    %s\n", m)
		}
	}
}
