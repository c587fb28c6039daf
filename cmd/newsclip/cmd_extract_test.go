package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testArticle = `<!doctype html><html lang="en"><head><title>Dam opens early | Valley Times</title>
<meta property="og:title" content="Dam opens early">
<meta property="og:type" content="article"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Dam opens early</h1>
<p>The new dam on the Kessel river opened three weeks ahead of schedule on Monday, the regional water board said in a statement.</p>
<p>Engineers had worked through the winter to finish the spillway, and the first turbines are expected to run by the end of the month, according to the board.</p>
<p>"We are proud of what the crews did in difficult conditions," said Mara Lind, the board's chair. Read the <a href="/report.pdf?utm_source=x">full report</a> online.</p>
</article><footer>Copyright Valley Times</footer></body></html>`

// runCLI runs the CLI in-process and returns its exit code and streams.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExtractUsageErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no target", []string{"extract"}, "no TARGET"},
		{"bad format", []string{"extract", "--format", "xml", "x.html"}, "unknown --format"},
		{"bad jobs", []string{"extract", "--jobs", "0", "x.html"}, "--jobs"},
		{"relative url", []string{"extract", "--url", "/a", "-"}, "absolute"},
		{"two stdins", []string{"extract", "-", "-"}, "stdin"},
		{"unknown flag", []string{"extract", "--nope", "x"}, "nope"},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			code, out, errs := runCLI(t, "", c.args...)
			if code != exitUsage {
				t.Fatalf("exit %d, want %d; stderr %q", code, exitUsage, errs)
			}
			if out != "" {
				t.Fatalf("stdout must stay empty on usage errors, got %q", out)
			}
			if !strings.Contains(errs, c.want) {
				t.Fatalf("stderr %q does not mention %q", errs, c.want)
			}
		})
	}
}

func TestExtractHelpExitsZero(t *testing.T) {
	t.Parallel()
	code, _, errs := runCLI(t, "", "extract", "--help")
	if code != exitOK || !strings.Contains(errs, "Exit status") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}

func TestExtractStdinJSON(t *testing.T) {
	t.Parallel()
	code, out, errs := runCLI(t, testArticle, "extract", "--url", "https://valley.example/news/dam", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var a map[string]any
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("stdout is not one JSON document: %v\n%s", err, out)
	}
	if a["title"] != "Dam opens early" {
		t.Errorf("title = %v", a["title"])
	}
	text, _ := a["text"].(string)
	if !strings.HasPrefix(text, "The new dam") || strings.Contains(text, "Copyright") {
		t.Errorf("text = %q", text)
	}
	if a["url"] != "https://valley.example/news/dam" {
		t.Errorf("url = %v", a["url"])
	}
	if !strings.HasPrefix(out, "{\n  ") {
		t.Errorf("single target output is not indented JSON")
	}
}

// Several targets give JSON Lines in input order; a failing target gives an
// error line, the others still come out, and the exit status is 1.
func TestExtractManyTargetsJSONL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := writeFile(t, dir, "a.html", testArticle)
	missing := filepath.Join(dir, "missing.html")
	binary := writeFile(t, dir, "b.html", "\x00\x01\x02binary")
	code, out, errs := runCLI(t, "", "extract", "--jobs", "3", good, missing, binary, good)
	if code != exitFailure {
		t.Fatalf("exit %d, want 1; stderr %q", code, errs)
	}
	var lines []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 4 {
		t.Fatalf("got %d lines, want 4:\n%s", len(lines), out)
	}
	wantSources := []string{good, missing, binary, good}
	for i, m := range lines {
		if m["source"] != wantSources[i] {
			t.Errorf("line %d source %v, want %v", i, m["source"], wantSources[i])
		}
	}
	if lines[0]["title"] != "Dam opens early" || lines[3]["title"] != "Dam opens early" {
		t.Errorf("good targets lost: %v / %v", lines[0]["title"], lines[3]["title"])
	}
	for _, i := range []int{1, 2} {
		if s, _ := lines[i]["error"].(string); s == "" {
			t.Errorf("line %d has no error: %v", i, lines[i])
		}
	}
	if !strings.Contains(lines[2]["error"].(string), "not an html document") {
		t.Errorf("binary target error = %v", lines[2]["error"])
	}
	if !strings.Contains(errs, "missing.html") {
		t.Errorf("stderr does not name the failed target: %q", errs)
	}
}

func TestExtractInputDirAndFormats(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "one.html", testArticle)
	writeFile(t, dir, "notes.txt", "ignored")
	code, out, errs := runCLI(t, "", "extract", "--input-dir", dir)
	if code != exitOK || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"source":`) {
		t.Fatalf("input-dir: exit %d, out %q, err %q", code, out, errs)
	}
	code, out, _ = runCLI(t, testArticle, "extract", "--format", "markdown", "-")
	if code != exitOK || !strings.HasPrefix(out, "# Dam opens early\n") || !strings.Contains(out, "The new dam") {
		t.Fatalf("markdown: exit %d, out %q", code, out)
	}
	code, out, _ = runCLI(t, testArticle, "extract", "--format", "text", "-")
	if code != exitOK || !strings.HasPrefix(out, "Dam opens early\n\nThe new dam") {
		t.Fatalf("text: exit %d, out %q", code, out)
	}
}

// A URL target is fetched with our User-Agent and the charset of the
// Content-Type header; the final URL after redirects becomes the page URL.
func TestExtractURLTarget(t *testing.T) {
	t.Parallel()
	var gotUA string
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/dam", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/news/dam", func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.UserAgent()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(testArticle))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	code, out, errs := runCLI(t, "", "extract", srv.URL+"/old")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(gotUA, "newsclip/") {
		t.Errorf("User-Agent %q does not name the bot", gotUA)
	}
	if !strings.Contains(out, `"url": "`+srv.URL+`/news/dam"`) {
		t.Errorf("final URL not used: %s", out[:200])
	}
	code, _, errs = runCLI(t, "", "extract", srv.URL+"/gone")
	if code != exitFailure || !strings.Contains(errs, "404") {
		t.Fatalf("404: exit %d, stderr %q", code, errs)
	}
}

func TestExtractBodyCap(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("<p>x</p>"), 10_000))
	}))
	defer srv.Close()
	code, _, errs := runCLI(t, "", "extract", "--max-bytes", "1000", srv.URL)
	if code != exitFailure || !strings.Contains(errs, "too large") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}
