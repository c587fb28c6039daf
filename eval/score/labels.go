package score

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Labels is one labelled page: eval/labels/<set>/<name>.json, where <set>
// and <name> name the page in the bench directory (<set>/html/<name>.html).
// The format is documented in eval/labels/README.md.
type Labels struct {
	Set  string `json:"-"` // from the path
	Name string `json:"-"` // from the path

	Labeller   string `json:"labeller,omitempty"`
	LabelledAt string `json:"labelled_at,omitempty"`
	Note       string `json:"note,omitempty"`

	Quotes       []LabelQuote `json:"quotes"`
	NotQuotes    []string     `json:"not_quotes"`
	Images       []LabelImage `json:"images"`
	RelatedLinks []LabelLink  `json:"related_links"`
}

// LabelQuote is one direct quote as a person labelled it.
type LabelQuote struct {
	Text        string `json:"text"`
	Speaker     string `json:"speaker"`
	SpeakerRaw  string `json:"speaker_raw"`
	SpeakerKind string `json:"speaker_kind"` // named|organisation|pronoun|description|inherited
	Kind        string `json:"kind"`         // inline|blockquote
	Partial     bool   `json:"partial"`
	// Optional quotes (a sub-heading, a pull quote repeating the body) are
	// neither rewarded nor penalised.
	Optional bool `json:"optional,omitempty"`
}

// LabelImage is one article image with its visible caption and bare credit.
type LabelImage struct {
	URL     string `json:"url"`
	Caption string `json:"caption"`
	Credit  string `json:"credit"`
}

// LabelLink is one inline related-article promo.
type LabelLink struct {
	URL   string `json:"url"`
	Text  string `json:"text"`
	Label string `json:"label"`
	// Optional links (a widget after the last paragraph, a hub promo) are
	// neither rewarded nor penalised.
	Optional bool `json:"optional,omitempty"`
}

// ErrBadLabels is wrapped by LoadLabels for a label file that does not
// follow the format.
var ErrBadLabels = errors.New("bad label file")

// LoadLabels reads every <set>/<name>.json under dir, sorted by set and
// name. A missing dir is no labels, not an error. Unknown fields and
// unknown speaker or quote kinds are errors, so a typo cannot silently drop
// a label.
func LoadLabels(dir string) ([]Labels, error) {
	var out []Labels
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || filepath.Ext(path) != ".json" {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		if len(parts) != 2 {
			return nil // not <set>/<name>.json (e.g. a schema file at the top)
		}
		l, err := ReadLabels(path)
		if err != nil {
			return err
		}
		l.Set, l.Name = parts[0], strings.TrimSuffix(parts[1], ".json")
		out = append(out, l)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load labels: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Set != out[j].Set {
			return out[i].Set < out[j].Set
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// ReadLabels reads and validates one label file.
func ReadLabels(path string) (Labels, error) {
	var l Labels
	b, err := os.ReadFile(path)
	if err != nil {
		return l, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return l, fmt.Errorf("%s: %w: %v", path, ErrBadLabels, err)
	}
	if err := l.validate(); err != nil {
		return l, fmt.Errorf("%s: %w: %v", path, ErrBadLabels, err)
	}
	return l, nil
}

func (l Labels) validate() error {
	kinds := map[string]bool{}
	for _, k := range SpeakerKinds {
		kinds[k] = true
	}
	for i, q := range l.Quotes {
		if NormalizeQuote(q.Text) == "" {
			return fmt.Errorf("quote %d: empty text", i)
		}
		if q.Speaker != "" && !kinds[q.SpeakerKind] {
			return fmt.Errorf("quote %d: speaker_kind %q not one of %v", i, q.SpeakerKind, SpeakerKinds)
		}
		if q.Speaker == "" && q.SpeakerKind != "" && !kinds[q.SpeakerKind] {
			return fmt.Errorf("quote %d: speaker_kind %q not one of %v", i, q.SpeakerKind, SpeakerKinds)
		}
		if q.Kind != "inline" && q.Kind != "blockquote" {
			return fmt.Errorf("quote %d: kind %q not inline or blockquote", i, q.Kind)
		}
	}
	for i, r := range l.RelatedLinks {
		if r.URL == "" {
			return fmt.Errorf("related link %d: empty url", i)
		}
	}
	return nil
}

// Prediction is what an extractor returned for a labelled page, in the
// terms the label scorers need.
type Prediction struct {
	Text    string
	Quotes  []PredQuote
	Images  []PredImage
	Related []PredLink
	// Has* say which fields the extractor returns at all; a peer that has no
	// quotes is not scored on them.
	HasQuotes, HasImages, HasRelated bool
}

// PredQuote is one predicted quote.
type PredQuote struct{ Text, Speaker string }

// PredImage is one predicted image.
type PredImage struct{ URL, Caption, Credit string }

// PredLink is one predicted related link.
type PredLink struct{ URL, Text, Label string }

// Counts are detection counts: true positives, false positives, misses.
type Counts struct{ TP, FP, FN int }

// Add sums counts.
func (c *Counts) Add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Precision with its Wilson interval.
func (c Counts) Precision() Interval { return Wilson(float64(c.TP), float64(c.TP+c.FP)) }

// Recall with its Wilson interval.
func (c Counts) Recall() Interval { return Wilson(float64(c.TP), float64(c.TP+c.FN)) }

// F1 = 2TP/(2TP+FP+FN), with the Wilson interval of TP out of
// TP+(FP+FN)/2 (an approximation: F1 is not a binomial proportion).
func (c Counts) F1() Interval {
	return Wilson(float64(c.TP), float64(c.TP)+float64(c.FP+c.FN)/2)
}

// Ratio is k out of n, for accuracies and rates.
type Ratio struct{ K, N int }

// Add sums ratios.
func (r *Ratio) Add(o Ratio) { r.K += o.K; r.N += o.N }

// Interval is the Wilson interval of the ratio.
func (r Ratio) Interval() Interval { return Wilson(float64(r.K), float64(r.N)) }

// PageLabelScore is the score of one labelled page, with the misses listed
// for the per-page table.
type PageLabelScore struct {
	Set, Name string

	FullQuotes, PartialQuotes Counts
	NotQuotesPredicted        int // predicted quotes that the labels list as not quotes (counted as FP)
	Speaker                   Ratio
	SpeakerByKind             map[string]Ratio
	WrongSpeaker              Ratio // non-empty wrong speaker out of matched quotes

	Captions, Credits Counts
	Related           Counts
	RelatedText       Ratio // anchor text exact on URL-matched links
	RelatedLabel      Ratio // label exact on URL-matched links

	CaptionLeak, CreditLeak, RelatedLeak bool

	Misses []string // human-readable, one per miss
}

// Leaked reports whether any labelled caption, credit or related text is
// still inside the body text.
func (s PageLabelScore) Leaked() bool { return s.CaptionLeak || s.CreditLeak || s.RelatedLeak }

// MissCount is the number of errors on the page, to sort pages worst first.
func (s PageLabelScore) MissCount() int {
	n := s.FullQuotes.FP + s.FullQuotes.FN + s.PartialQuotes.FP + s.PartialQuotes.FN
	n += s.Speaker.N - s.Speaker.K
	n += s.Captions.FP + s.Captions.FN + s.Credits.FP + s.Credits.FN + s.Related.FP + s.Related.FN
	if s.Leaked() {
		n++
	}
	return n
}

// ScoreLabels scores one prediction against one labelled page.
func ScoreLabels(l Labels, p Prediction) PageLabelScore {
	s := PageLabelScore{Set: l.Set, Name: l.Name, SpeakerByKind: map[string]Ratio{}}
	if p.HasQuotes {
		scoreQuotes(&s, l, p)
	}
	if p.HasImages {
		s.Captions = matchStrings(pluck(l.Images, LabelImage.caption), pluck(p.Images, PredImage.caption), "caption", &s.Misses)
		s.Credits = matchStrings(pluck(l.Images, LabelImage.credit), pluck(p.Images, PredImage.credit), "credit", &s.Misses)
	}
	if p.HasRelated {
		scoreRelated(&s, l, p)
	}
	scoreLeaks(&s, l, p.Text)
	return s
}

func scoreQuotes(s *PageLabelScore, l Labels, p Prediction) {
	type gq struct {
		LabelQuote
		norm    string
		partial bool
		used    bool
	}
	golds := make([]*gq, len(l.Quotes))
	for i, q := range l.Quotes {
		n := NormalizeQuote(q.Text)
		golds[i] = &gq{LabelQuote: q, norm: n, partial: q.Partial || len(strings.Fields(n)) < FullQuoteWords}
	}
	notQ := map[string]bool{}
	for _, t := range l.NotQuotes {
		notQ[NormalizeQuote(t)] = true
	}
	for _, pq := range p.Quotes {
		n := NormalizeQuote(pq.Text)
		if n == "" {
			continue
		}
		var match *gq
		for _, g := range golds {
			if !g.used && g.norm == n {
				match = g
				break
			}
		}
		if match == nil {
			bucket := &s.FullQuotes
			if len(strings.Fields(n)) < FullQuoteWords {
				bucket = &s.PartialQuotes
			}
			bucket.FP++
			if notQ[n] {
				s.NotQuotesPredicted++
				s.Misses = append(s.Misses, fmt.Sprintf("quote FP (labelled not a quote): %q", n))
			} else {
				s.Misses = append(s.Misses, fmt.Sprintf("quote FP: %q (speaker %q)", n, pq.Speaker))
			}
			continue
		}
		match.used = true
		if match.Optional {
			continue
		}
		if match.partial {
			s.PartialQuotes.TP++
		} else {
			s.FullQuotes.TP++
		}
		ok := SameSpeaker(match.Speaker, pq.Speaker, match.SpeakerKind)
		r := Ratio{N: 1}
		if ok {
			r.K = 1
		}
		s.Speaker.Add(r)
		kind := match.SpeakerKind
		if match.Speaker == "" {
			kind = "unnamed"
		}
		k := s.SpeakerByKind[kind]
		k.Add(r)
		s.SpeakerByKind[kind] = k
		wrong := Ratio{N: 1}
		if !ok && Fold(pq.Speaker) != "" {
			wrong.K = 1
		}
		s.WrongSpeaker.Add(wrong)
		if !ok {
			s.Misses = append(s.Misses, fmt.Sprintf("speaker: %q got %q, want %q (%s)", short(match.norm), pq.Speaker, match.Speaker, kind))
		}
	}
	for _, g := range golds {
		if g.used || g.Optional {
			continue
		}
		if g.partial {
			s.PartialQuotes.FN++
		} else {
			s.FullQuotes.FN++
		}
		s.Misses = append(s.Misses, fmt.Sprintf("quote missed: %q (%s)", g.norm, g.Speaker))
	}
}

func short(s string) string {
	if r := []rune(s); len(r) > 50 {
		return string(r[:50]) + "…"
	}
	return s
}

func (im LabelImage) caption() string { return im.Caption }
func (im LabelImage) credit() string  { return im.Credit }
func (im PredImage) caption() string  { return im.Caption }
func (im PredImage) credit() string   { return im.Credit }

// pluck maps each element of xs to one of its string fields.
func pluck[T any](xs []T, field func(T) string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, field(x))
	}
	return out
}

// MatchStrings counts the multiset overlap of the non-empty gold and pred
// strings compared after folding white space: the caption and credit
// scorers. Empty strings are "no caption" and are neither gold nor
// prediction.
func MatchStrings(gold, pred []string) Counts {
	var none []string
	return matchStrings(gold, pred, "", &none)
}

func matchStrings(gold, pred []string, what string, misses *[]string) Counts {
	left := map[string]int{}
	for _, g := range gold {
		if g = Fold(g); g != "" {
			left[g]++
		}
	}
	var c Counts
	for _, p := range pred {
		p = Fold(p)
		if p == "" {
			continue
		}
		if left[p] > 0 {
			left[p]--
			c.TP++
			continue
		}
		c.FP++
		if what != "" {
			*misses = append(*misses, fmt.Sprintf("%s FP: %q", what, short(p)))
		}
	}
	var missed []string
	for g, n := range left {
		c.FN += n
		for ; n > 0; n-- {
			missed = append(missed, g)
		}
	}
	sort.Strings(missed)
	if what != "" {
		for _, g := range missed {
			*misses = append(*misses, fmt.Sprintf("%s missed: %q", what, short(g)))
		}
	}
	return c
}

func scoreRelated(s *PageLabelScore, l Labels, p Prediction) {
	used := make([]bool, len(l.RelatedLinks))
	for _, pl := range p.Related {
		idx := -1
		for i, g := range l.RelatedLinks {
			if !used[i] && g.URL == pl.URL {
				idx = i
				break
			}
		}
		if idx < 0 {
			s.Related.FP++
			s.Misses = append(s.Misses, fmt.Sprintf("related FP: %s %q", pl.URL, short(pl.Text)))
			continue
		}
		used[idx] = true
		g := l.RelatedLinks[idx]
		if g.Optional {
			continue
		}
		s.Related.TP++
		t := Ratio{N: 1}
		if Fold(g.Text) == Fold(pl.Text) {
			t.K = 1
		} else {
			s.Misses = append(s.Misses, fmt.Sprintf("related text: %q, want %q", short(pl.Text), short(g.Text)))
		}
		s.RelatedText.Add(t)
		lb := Ratio{N: 1}
		if Fold(g.Label) == Fold(pl.Label) {
			lb.K = 1
		}
		s.RelatedLabel.Add(lb)
	}
	for i, g := range l.RelatedLinks {
		if !used[i] && !g.Optional {
			s.Related.FN++
			s.Misses = append(s.Misses, fmt.Sprintf("related missed: %s %q", g.URL, short(g.Text)))
		}
	}
}

// Leak thresholds: a caption or anchor text shorter than this many words
// ("File", "Reuters") is too likely to occur in a real sentence to count
// as leaked.
const leakMinWords = 3

// creditCues are words that, just before a credit, mark it as a credit line
// and not a mention in a sentence ("PTI reported").
var creditCues = []string{"(", "photo", "image", "picture", "credit", "courtesy", "©", "source:", "foto", "bild"}

func scoreLeaks(s *PageLabelScore, l Labels, text string) {
	body := Fold(text)
	lines := map[string]bool{}
	for _, ln := range strings.Split(text, "\n") {
		if ln = Fold(ln); ln != "" {
			lines[ln] = true
		}
	}
	for _, c := range LeakedStrings(pluck(l.Images, LabelImage.caption), text) {
		s.CaptionLeak = true
		s.Misses = append(s.Misses, fmt.Sprintf("leak: caption %q in text", short(c)))
	}
	for _, im := range l.Images {
		if c := Fold(im.Credit); c != "" && creditLeaks(body, lines, c) {
			s.CreditLeak = true
			s.Misses = append(s.Misses, fmt.Sprintf("leak: credit %q in text", c))
		}
	}
	var anchors []string
	for _, r := range l.RelatedLinks {
		anchors = append(anchors, r.Text)
	}
	for _, t := range LeakedStrings(anchors, text) {
		s.RelatedLeak = true
		s.Misses = append(s.Misses, fmt.Sprintf("leak: related %q in text", short(t)))
	}
}

// LeakedStrings returns the strings of leakMinWords words or more (captions,
// anchor texts) found inside text after folding white space.
func LeakedStrings(ss []string, text string) []string {
	body := Fold(text)
	var out []string
	for _, c := range ss {
		if c = Fold(c); c != "" && len(strings.Fields(c)) >= leakMinWords && strings.Contains(body, c) {
			out = append(out, c)
		}
	}
	return out
}

// damageMinWords: a gold paragraph shorter than this is too likely to be a
// real caption or label kept in the gold body to count as damage.
const damageMinWords = 8

// Damage returns the gold body paragraphs (of damageMinWords words or more)
// that the extractor dropped from text and returned as a caption or a
// related link instead: body removed as if it were a caption or a promo.
func Damage(goldBody string, taken []string, text string) []string {
	body := Fold(text)
	var folded []string
	for _, t := range taken {
		if t = Fold(t); t != "" {
			folded = append(folded, t)
		}
	}
	var out []string
	for _, para := range strings.Split(goldBody, "\n") {
		para = Fold(para)
		if len(strings.Fields(para)) < damageMinWords || strings.Contains(body, para) {
			continue
		}
		for _, t := range folded {
			if strings.Contains(t, para) || (len(strings.Fields(t)) >= damageMinWords && strings.Contains(para, t)) {
				out = append(out, para)
				break
			}
		}
	}
	return out
}

// creditLeaks: the credit is a line of its own, or follows a credit cue
// within a few characters ("(Photo: PTI)", "Image courtesy CSTO").
func creditLeaks(body string, lines map[string]bool, credit string) bool {
	if lines[credit] {
		return true
	}
	lb := strings.ToLower(body)
	lc := strings.ToLower(credit)
	for from := 0; ; {
		i := strings.Index(lb[from:], lc)
		if i < 0 {
			return false
		}
		i += from
		before := lb[max(0, i-24):i]
		for _, cue := range creditCues {
			if strings.Contains(before, cue) {
				return true
			}
		}
		from = i + len(lc)
	}
}
