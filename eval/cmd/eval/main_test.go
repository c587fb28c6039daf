package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testBench = "../../testdata/bench"

func runEval(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestMissingBenchSkips(t *testing.T) {
	t.Parallel()
	code, out, errs := runEval(t, "-bench", filepath.Join(t.TempDir(), "absent"))
	if code != 0 || out != "" || !strings.Contains(errs, "not found; skipping") {
		t.Errorf("code %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestBadFlags(t *testing.T) {
	t.Parallel()
	tests := [][]string{
		{"-no-such-flag"},
		{"-bench", testBench, "-peers", "newsclip,nope"},
		{"-bench", testBench, "extra-arg"},
	}
	for _, args := range tests {
		if code, _, _ := runEval(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestTablesAndOut(t *testing.T) {
	t.Parallel()
	outFile := filepath.Join(t.TempDir(), "benchmarks.md")
	code, out, errs := runEval(t, "-bench", testBench, "-peers", "readeck,visible-text",
		"-labels", "../../testdata/labels-tiny", "-bootstrap", "50", "-out", outFile, "-speed-sets", "tiny", "-rounds", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"### tiny (2 pages)", "### prefix (2 pages)",
		"| readeck |", "| visible-text |", "body F1", "ΔF1 readeck − this", "title (n=2)", "authors (n=2)",
		"day (n=2)", "minute (n=1)", "prefix R (n=2)", "starts with gold", "pages/s",
		"### labelled pages (1 pages from tiny)", "Leakage", "caption in text (pages of 1)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	// visible-text returns no metadata: shown as a dash, not as 0.
	for _, ln := range strings.Split(out, "\n") {
		if strings.HasPrefix(ln, "| visible-text |") && strings.Contains(ln, "tiny") {
			t.Errorf("row mislabelled: %s", ln)
		}
	}
	doc, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Benchmarks", "- date: ", "- machine: ", "- commit: ", "### tiny",
		"speed: fastest of 2 passes taken in turn on tiny, one pass elsewhere"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("%s lacks %q", outFile, want)
		}
	}
}

func TestSetsFlag(t *testing.T) {
	t.Parallel()
	code, out, errs := runEval(t, "-bench", testBench, "-sets", "prefix", "-peers", "visible-text", "-labels", "none")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(out, "### tiny") || !strings.Contains(out, "### prefix") {
		t.Errorf("-sets prefix ran other sets:\n%s", out)
	}
	if !strings.Contains(out, "No labelled pages") {
		t.Errorf("missing labels not reported:\n%s", out)
	}
}

func TestPerPageWorstFirst(t *testing.T) {
	t.Parallel()
	code, out, errs := runEval(t, "-bench", testBench, "-pages", "tiny", "-peers", "visible-text,readeck", "-labels", "none")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "per-page scores on tiny, visible-text, worst first") {
		t.Fatalf("header: %q", out)
	}
	// bridge is short beside its menu and promo, so visible text scores
	// worse there than on harbour.
	h, b := strings.Index(out, "\nharbour "), strings.Index(out, "\nbridge ")
	if h < 0 || b < 0 || b > h {
		t.Errorf("want bridge before harbour:\n%s", out)
	}
	if !strings.Contains(out, `leak: caption "Fishing boats return to the harbour on Friday" in text`) {
		t.Errorf("visible text keeps the caption; no leak reported:\n%s", out)
	}
	if strings.Contains(out, "| readeck |") {
		t.Error("-pages prints only the first extractor")
	}
	if code, _, _ := runEval(t, "-bench", testBench, "-pages", "nope", "-labels", "none"); code != 1 {
		t.Errorf("-pages on a missing set: exit %d, want 1", code)
	}
}

func TestPerPageLabels(t *testing.T) {
	t.Parallel()
	code, out, errs := runEval(t, "-bench", testBench, "-pages", "labels", "-peers", "visible-text",
		"-labels", "../../testdata/labels-tiny")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// visible text keeps the caption and its credit line in the body.
	for _, want := range []string{"per-page misses on labelled pages, visible-text", "tiny/harbour", "leak: caption", "leak: credit"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
}

func TestNewsclipRuns(t *testing.T) {
	t.Parallel()
	code, out, errs := runEval(t, "-bench", testBench, "-sets", "tiny", "-peers", "newsclip,readeck",
		"-labels", "../../testdata/labels-tiny", "-bootstrap", "20")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"| newsclip |", "caption P", "body paras taken as caption/promo (pages)", "newsclip (value [Wilson 95 % interval])", "full quotes (4+ words)"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
}
