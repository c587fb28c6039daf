// Package score holds the scorers of the evaluation harness: body shingles,
// metadata fields, dates, quotes, captions and related links, and the
// interval estimates (paired bootstrap, Wilson) printed beside them.
//
// Everything here is pure and deterministic so that a table can be
// reproduced from the same inputs.
package score

import (
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"
)

// ShingleSize is the number of tokens in a body shingle, as in the
// article-extraction-benchmark.
const ShingleSize = 4

// Tokens splits s into word tokens the way Python's re.findall(r'\w+', s)
// does on a str: runs of letters, numbers and underscore. Combining marks
// are not word characters in Python's re, so they split words here too;
// keeping that quirk makes our numbers comparable with published ones.
// Case is kept, as in the reference scorer.
func Tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// shingles counts the ShingleSize-token shingles of s as a multiset. A text
// shorter than ShingleSize tokens (but not empty) is one shingle, as in the
// reference scorer.
func shingles(s string) map[string]int {
	toks := Tokens(s)
	m := make(map[string]int)
	if len(toks) == 0 {
		return m
	}
	n := len(toks) - ShingleSize + 1
	if n < 1 {
		n = 1
	}
	for i := 0; i < n; i++ {
		end := min(i+ShingleSize, len(toks))
		m[strings.Join(toks[i:end], "\x00")]++
	}
	return m
}

// BodyCounts is the shingle overlap of one page, normalised so that
// TP+FP+FN = 1 when any is non-zero (a long page weighs no more than a short
// one, as in the reference scorer).
type BodyCounts struct {
	TP, FP, FN float64
}

// CompareBody counts the multiset overlap of the shingles of gold and pred.
func CompareBody(gold, pred string) BodyCounts {
	g, p := shingles(gold), shingles(pred)
	var c BodyCounts
	for k, gc := range g {
		pc := p[k]
		c.TP += float64(min(gc, pc))
		c.FN += float64(max(0, gc-pc))
	}
	for k, pc := range p {
		c.FP += float64(max(0, pc-g[k]))
	}
	if s := c.TP + c.FP + c.FN; s > 0 {
		c.TP, c.FP, c.FN = c.TP/s, c.FP/s, c.FN/s
	}
	return c
}

// Precision of one page; ok is false when the prediction is empty, in which
// case the page is left out of the precision average.
func (c BodyCounts) Precision() (p float64, ok bool) {
	if c.TP+c.FP == 0 {
		return 0, false
	}
	return c.TP / (c.TP + c.FP), true
}

// Recall of one page; ok is false when the gold is empty. An empty
// prediction against a non-empty gold has recall 0.
func (c BodyCounts) Recall() (r float64, ok bool) {
	if c.TP+c.FN == 0 {
		return 0, false
	}
	return c.TP / (c.TP + c.FN), true
}

// F1 of one page (0 when undefined), used to sort pages worst first.
func (c BodyCounts) F1() float64 {
	p, _ := c.Precision()
	r, _ := c.Recall()
	return f1(p, r)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// PRF averages precision and recall over pages (each over the pages where
// it is defined) and returns F1 = 2PR/(P+R) of the averages.
func PRF(cs []BodyCounts) (p, r, f float64) {
	var ps, rs float64
	var np, nr int
	for _, c := range cs {
		if v, ok := c.Precision(); ok {
			ps += v
			np++
		}
		if v, ok := c.Recall(); ok {
			rs += v
			nr++
		}
	}
	if np > 0 {
		p = ps / float64(np)
	}
	if nr > 0 {
		r = rs / float64(nr)
	}
	return p, r, f1(p, r)
}

// SameTokens reports whether gold and pred have the same token sequence:
// the exact-match accuracy of a page.
func SameTokens(gold, pred string) bool {
	g, p := Tokens(gold), Tokens(pred)
	if len(g) != len(p) {
		return false
	}
	for i := range g {
		if g[i] != p[i] {
			return false
		}
	}
	return true
}

// PrefixRecall is the share of the shingles of gold, a prefix of the real
// body (goose3's cleaned_text, postlight's first words), found in pred.
// Only recall is meaningful against a prefix: the rest of pred is unknown.
func PrefixRecall(gold, pred string) (r float64, ok bool) {
	return CompareBody(gold, pred).Recall()
}

// StartsWith reports whether pred's tokens begin with gold's. The last gold
// token may be cut (a prefix stored to a character count), so it only has
// to be a prefix of the matching token.
func StartsWith(gold, pred string) bool {
	g, p := Tokens(gold), Tokens(pred)
	if len(g) == 0 || len(p) < len(g) {
		return false
	}
	last := len(g) - 1
	for i := 0; i < last; i++ {
		if g[i] != p[i] {
			return false
		}
	}
	return strings.HasPrefix(p[last], g[last])
}

// Interval is a two-sided interval estimate around Point.
type Interval struct {
	Point, Lo, Hi float64
}

// BootstrapF1Diff is the paired bootstrap of F1(a) − F1(b) over pages: n
// resamples of page indices drawn with replacement, the same indices for
// both extractors, with a fixed seed so that the interval is reproducible.
// Lo and Hi are the 2.5th and 97.5th percentiles.
func BootstrapF1Diff(a, b []BodyCounts, n int, seed uint64) Interval {
	if len(a) != len(b) {
		panic("score: bootstrap over unpaired pages")
	}
	_, _, fa := PRF(a)
	_, _, fb := PRF(b)
	out := Interval{Point: fa - fb}
	if len(a) == 0 || n <= 0 {
		return out
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	diffs := make([]float64, n)
	ra := make([]BodyCounts, len(a))
	rb := make([]BodyCounts, len(b))
	for i := range diffs {
		for j := range ra {
			k := rng.IntN(len(a))
			ra[j], rb[j] = a[k], b[k]
		}
		_, _, x := PRF(ra)
		_, _, y := PRF(rb)
		diffs[i] = x - y
	}
	sort.Float64s(diffs)
	out.Lo = percentile(diffs, 0.025)
	out.Hi = percentile(diffs, 0.975)
	return out
}

// percentile of sorted xs with linear interpolation between ranks.
func percentile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	pos := q * float64(len(xs)-1)
	i := int(pos)
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	frac := pos - float64(i)
	return xs[i]*(1-frac) + xs[i+1]*frac
}

// Wilson is the Wilson score 95 % interval of the proportion k/n. k and n
// are floats so that F1 = 2TP/(2TP+FP+FN) can be given as (TP, TP+(FP+FN)/2).
// With n = 0 it returns a NaN point and the interval [0, 1].
func Wilson(k, n float64) Interval {
	const z = 1.959963984540054
	if n <= 0 {
		return Interval{Point: math.NaN(), Lo: 0, Hi: 1}
	}
	p := k / n
	z2 := z * z
	den := 1 + z2/n
	center := (p + z2/(2*n)) / den
	half := z / den * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	return Interval{Point: p, Lo: math.Max(0, center-half), Hi: math.Min(1, center+half)}
}
