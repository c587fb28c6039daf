package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/store"
)

func TestStatus(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, st := expDB(t)
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)

	id1, err := st.StartRun(ctx, "a", now.Add(-2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.FinishRun(ctx, id1, store.RunResult{EndedAt: now.Add(-2*time.Hour + 95*time.Second), PagesFetched: 40, ArticlesNew: 12, ArticlesUpdated: 3, Errors: 1, Status: store.RunOK}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.StartRun(ctx, "b", now.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	// Site a: 10 articles the day before, all with an author; 10 today, of
	// which 2 have one (a template change), 5 with quotes, none dated.
	for i := range 10 {
		expSave(t, st, "a", expArticle("a", i, day(1)), now.Add(-30*time.Hour))
		a := expArticle("a", 100+i, nil)
		if i >= 2 {
			a.Authors = []string{}
		}
		if i >= 5 {
			a.Quotes = []extract.Quote{}
		}
		expSave(t, st, "a", a, now.Add(-time.Hour))
	}

	var out bytes.Buffer
	if err := printStatus(ctx, &out, st, &statusConfig{runs: 10}, now); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	lines := strings.Split(got, "\n")
	norm := regexp.MustCompile(`\s{2,}`)
	want := []string{
		"RECENT RUNS",
		"ID SITE STARTED (UTC) DURATION STATUS PAGES NEW UPDATED ERRORS",
		"2 b 2026-03-20 11:59:00 (1m0s) running 0 0 0 0",
		"1 a 2026-03-20 10:00:00 1m35s ok 40 12 3 1",
		"",
		"SITE HEALTH, LAST 24 H",
		"SITE ARTICLES TITLE DATE AUTHOR LEAD IMAGE CAPTION QUOTES FETCHES FETCH ERRORS LAST RUN",
		"a 10 100% 0% 20% 100% 100% 50% 0 - ok 2026-03-20 10:00",
		"b 0 - - - - - - 0 - running 2026-03-20 11:59",
		"warning: a: date share fell from 100% to 0% against the previous 24 h (template change?)",
		"warning: a: author share fell from 100% to 20% against the previous 24 h (template change?)",
		"warning: a: quotes share fell from 100% to 50% against the previous 24 h (template change?)",
	}
	for i, w := range want {
		if i >= len(lines) || strings.TrimSpace(norm.ReplaceAllString(lines[i], " ")) != w {
			t.Fatalf("line %d:\n got %q\nwant %q\nfull output:\n%s", i, lines[min(i, len(lines)-1)], w, got)
		}
	}

	// Through the CLI: the same database, --site filters the runs.
	code, cliOut, errOut := runCLI(t, "", "status", "--db", db, "--site", "a")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(cliOut, "1m35s") || strings.Contains(cliOut, "running 0") {
		t.Errorf("status --site a:\n%s", cliOut)
	}
}

func TestStatusErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"status", "--db", filepath.Join(t.TempDir(), "none.db")}, exitFailure, "does not exist"},
		{[]string{"status", "--runs", "-1"}, exitUsage, "--runs"},
		{[]string{"status", "extra"}, exitUsage, "unexpected argument"},
	} {
		code, _, errOut := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d %q, want %d %q", c.args, code, errOut, c.code, c.want)
		}
	}
}

func TestStatusEmpty(t *testing.T) {
	t.Parallel()
	db, _ := expDB(t)
	code, out, errOut := runCLI(t, "", "status", "--db", db)
	if code != exitOK || !strings.Contains(out, "(none yet)") || !strings.Contains(out, "never") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
}
