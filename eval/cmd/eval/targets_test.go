package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/newsclip/newsclip/eval/score"
)

func TestWriteTargets(t *testing.T) {
	t.Parallel()
	perfect := score.CompareBody("a b c d e", "a b c d e")
	half := score.CompareBody("a b c d e", "a b c d x")
	r := results{
		sets: map[string][]summary{
			"aeb-dev": {
				{name: "ours", body: []score.BodyCounts{perfect, perfect}, speed: speed{total: time.Second, pages: 30}, errs: 1},
				{name: "readeck", body: []score.BodyCounts{half, half}, speed: speed{total: time.Second, pages: 20}},
				{name: "trafilatura", speed: speed{total: time.Second, pages: 15}},
			},
		},
		labels: []labelTotals{{name: "ours", pages: 10, leakAny: 1, full: score.Counts{TP: 19, FP: 1}}},
	}
	var b bytes.Buffer
	writeTargets(&b, "ours", r)
	out := b.String()
	for _, want := range []string{
		"| 3 | aeb-dev | body F1 | ≥ 0.97 | 1.000 | yes |",
		"| 3 | all | errors + panics | ≤ 0 | 1 | no |",
		"| 3 | aeb-dev | speed ÷ readeck | ≥ 1 | 1.50× | yes |",
		"| 3 | aeb-dev | speed ÷ trafilatura (with fallback) | ≥ 3 | 2.00× | no |",
		"| 4 | labels | full quotes precision | ≥ 0.95 | 0.950 | yes |",
		"| 4 | labels | pages leaking caption/credit/related text | ≤ 0.02 | 0.100 | no |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("targets lack %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "fundus-dev") || strings.Contains(out, "partial quotes") {
		t.Errorf("targets that could not be measured are printed:\n%s", out)
	}
}
