package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/newsclip/newsclip/eval/score"
)

// table is a markdown table built row by row.
type table struct {
	head []string
	rows [][]string
}

func (t *table) write(w io.Writer) {
	fmt.Fprintf(w, "| %s |\n", strings.Join(t.head, " | "))
	seps := make([]string, len(t.head))
	for i := range seps {
		seps[i] = "---"
		if i > 0 {
			seps[i] = "---:"
		}
	}
	fmt.Fprintf(w, "|%s|\n", strings.Join(seps, "|"))
	for _, r := range t.rows {
		fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | "))
	}
	fmt.Fprintln(w)
}

const dash = "—"

func f3(x float64) string {
	if math.IsNaN(x) {
		return dash
	}
	return fmt.Sprintf("%.3f", x)
}

func ratio(r score.Ratio) string {
	if r.N == 0 {
		return dash
	}
	return f3(float64(r.K) / float64(r.N))
}

func ci(iv score.Interval) string {
	if math.IsNaN(iv.Point) {
		return dash
	}
	return fmt.Sprintf("%.3f [%.3f, %.3f]", iv.Point, iv.Lo, iv.Hi)
}

func signedCI(iv score.Interval) string {
	return fmt.Sprintf("%+.3f [%+.3f, %+.3f]", iv.Point, iv.Lo, iv.Hi)
}

// writeSetTable prints one set's table: one row per extractor. The first
// summary is the reference ("ours") for the bootstrap and speed ratios.
func writeSetTable(w io.Writer, set string, sms []summary, boot int, seed uint64) {
	ref := sms[0]
	hasBody := len(ref.body) > 0
	hasPrefix := ref.nPrefix > 0
	var fields []string
	nField := map[string]int{}
	for _, f := range fieldOrder {
		for _, s := range sms {
			if r, ok := s.fields[f]; ok && r.N > 0 {
				fields = append(fields, f)
				nField[f] = r.N
				break
			}
		}
	}
	hasImages, hasDamage := false, false
	for _, s := range sms {
		hasImages = hasImages || s.hasImages
		hasDamage = hasDamage || s.hasDamage
	}
	hasLeak := ref.nLeak > 0

	fmt.Fprintf(w, "### %s (%d pages)\n\n", set, ref.pages)
	t := table{head: []string{"extractor", "errors", "panics", "empty"}}
	if hasBody {
		t.head = append(t.head, "body P", "body R", "body F1", "exact", fmt.Sprintf("ΔF1 %s − this [95%% CI]", ref.name))
	}
	if hasPrefix {
		t.head = append(t.head, fmt.Sprintf("prefix R (n=%d)", ref.nPrefix), "starts with gold")
	}
	for _, f := range fields {
		t.head = append(t.head, fmt.Sprintf("%s (n=%d)", f, nField[f]))
	}
	if hasImages {
		t.head = append(t.head, "caption P", "caption R", "credit P", "credit R")
	}
	if hasLeak {
		t.head = append(t.head, fmt.Sprintf("caption in text (pages of %d)", ref.nLeak))
	}
	if hasDamage {
		t.head = append(t.head, "body paras taken as caption/promo (pages)")
	}
	t.head = append(t.head, "pages/s", fmt.Sprintf("%s speed ÷ this", ref.name), "allocs/page", "KB/page")

	for _, s := range sms {
		row := []string{s.name, fmt.Sprint(s.errs), fmt.Sprint(s.panics), fmt.Sprint(s.empty)}
		if hasBody {
			p, r, f := score.PRF(s.body)
			ex := float64(s.exact) / float64(len(s.body))
			diff := dash
			if s.name != ref.name {
				diff = signedCI(score.BootstrapF1Diff(ref.body, s.body, boot, seed))
			}
			row = append(row, f3(p), f3(r), f3(f), f3(ex), diff)
		}
		if hasPrefix {
			var sum float64
			for _, x := range s.prefixR {
				sum += x
			}
			row = append(row, f3(sum/float64(s.nPrefix)), f3(float64(s.starts)/float64(s.nPrefix)))
		}
		for _, f := range fields {
			if r, ok := s.fields[f]; ok {
				row = append(row, ratio(r))
			} else {
				row = append(row, dash)
			}
		}
		if hasImages {
			if s.hasImages {
				row = append(row, f3(s.captions.Precision().Point), f3(s.captions.Recall().Point),
					f3(s.credits.Precision().Point), f3(s.credits.Recall().Point))
			} else {
				row = append(row, dash, dash, dash, dash)
			}
		}
		if hasLeak {
			row = append(row, fmt.Sprint(s.leakPages))
		}
		if hasDamage {
			if s.hasDamage {
				row = append(row, fmt.Sprintf("%d (%d)", s.damage, s.damagePages))
			} else {
				row = append(row, dash)
			}
		}
		pps := s.speed.pagesPerSec()
		speedRatio := dash
		if pps > 0 {
			speedRatio = fmt.Sprintf("%.2f×", ref.speed.pagesPerSec()/pps)
		}
		perPage := func(x uint64) float64 { return float64(x) / float64(max(1, s.speed.pages)) }
		row = append(row, fmt.Sprintf("%.1f", pps), speedRatio,
			fmt.Sprintf("%.0f", perPage(s.speed.allocs)), fmt.Sprintf("%.0f", perPage(s.speed.bytes)/1024))
		t.rows = append(t.rows, row)
	}
	t.write(w)
	if hasImages {
		for _, s := range sms {
			if s.hasImages {
				fmt.Fprintf(w, "%s captions: P %s, R %s; credits: P %s, R %s (Wilson 95 %%).\n\n", s.name,
					ci(s.captions.Precision()), ci(s.captions.Recall()), ci(s.credits.Precision()), ci(s.credits.Recall()))
			}
		}
	}
}
