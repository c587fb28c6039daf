package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/newsclip/newsclip/store"
)

const statusUsage = `usage: newsclip status [--db FILE] [--runs N] [--site NAME]

Print the recent crawl runs and each site's health over the last 24 hours:
articles first seen, and the share of them with a title, a date, an author,
a lead image, a caption and quotes. A share that falls sharply against the
24 hours before is flagged: the site has probably changed its template.

Exit status: 0 printed; 1 the database could not be read; 2 usage error.

Flags:
`

// statusDropPoints is the fall in a field's share, in percentage points
// against the previous 24 h, that status flags as a likely template change;
// statusMinArticles is the fewest articles in both windows for the
// comparison to mean anything.
const (
	statusDropPoints  = 25
	statusMinArticles = 10
)

type statusConfig struct {
	db   string
	runs int
	site string
}

func parseStatusFlags(args []string, stderr io.Writer) (*statusConfig, error) {
	cfg := &statusConfig{}
	fl := flag.NewFlagSet("status", flag.ContinueOnError)
	fl.StringVar(&cfg.db, "db", "newsclip.db", "the database `FILE`")
	fl.IntVar(&cfg.runs, "runs", 20, "how many recent runs to list")
	fl.StringVar(&cfg.site, "site", "", "only this site's runs")
	if err := parseFlags(fl, args, stderr, statusUsage); err != nil {
		return nil, err
	}
	if fl.NArg() > 0 {
		return nil, usagef("status: unexpected argument %q", fl.Arg(0))
	}
	if cfg.runs < 0 {
		return nil, usagef("status: --runs must not be negative")
	}
	return cfg, nil
}

func runStatus(ctx context.Context, args []string, e env) error {
	cfg, err := parseStatusFlags(args, e.stderr)
	if err != nil {
		return err
	}
	st, err := openExistingStore(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := printStatus(ctx, e.stdout, st, cfg, time.Now()); err != nil {
		return fmt.Errorf("status: %w", err)
	}
	return nil
}

// printStatus writes the runs table, the health table and any template
// change warnings.
func printStatus(ctx context.Context, w io.Writer, st store.Runs, cfg *statusConfig, now time.Time) error {
	var runs []store.Run
	if cfg.runs > 0 {
		var err error
		if runs, err = st.RecentRuns(ctx, cfg.site, cfg.runs); err != nil {
			return err
		}
	}
	health, err := st.Health(ctx, now)
	if err != nil {
		return err
	}
	before, err := st.Health(ctx, now.Add(-24*time.Hour))
	if err != nil {
		return err
	}

	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "RECENT RUNS\n")
	if len(runs) == 0 {
		fmt.Fprintf(tw, "(none yet)\n")
	} else {
		fmt.Fprintf(tw, "ID\tSITE\tSTARTED (UTC)\tDURATION\tSTATUS\tPAGES\tNEW\tUPDATED\tERRORS\n")
	}
	for _, r := range runs {
		dur := "-"
		if !r.EndedAt.IsZero() {
			dur = r.EndedAt.Sub(r.StartedAt).Round(time.Second).String()
		} else if r.Status == store.RunRunning {
			dur = "(" + now.Sub(r.StartedAt).Round(time.Second).String() + ")"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\n", r.ID, r.Site, r.StartedAt.UTC().Format("2006-01-02 15:04:05"),
			dur, r.Status, r.PagesFetched, r.ArticlesNew, r.ArticlesUpdated, r.Errors)
	}
	fmt.Fprintf(tw, "\nSITE HEALTH, LAST 24 H\n")
	fmt.Fprintf(tw, "SITE\tARTICLES\tTITLE\tDATE\tAUTHOR\tLEAD IMAGE\tCAPTION\tQUOTES\tFETCHES\tFETCH ERRORS\tLAST RUN\n")
	for _, h := range health {
		last := "never"
		if h.LastRun != nil {
			last = h.LastRun.Status + " " + h.LastRun.StartedAt.UTC().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", h.Site, h.Articles24h,
			pct(h, h.WithTitle), pct(h, h.WithPublished), pct(h, h.WithAuthor),
			pct(h, h.WithLeadImage), pct(h, h.WithCaption), pct(h, h.WithQuotes),
			h.Fetches24h, ratio(h.FetchErrors24h, h.Fetches24h), last)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	prev := map[string]store.SiteHealth{}
	for _, h := range before {
		prev[h.Site] = h
	}
	for _, h := range health {
		for _, d := range healthDrops(prev[h.Site], h) {
			if _, err := fmt.Fprintf(w, "warning: %s: %s\n", h.Site, d); err != nil {
				return err
			}
		}
	}
	return nil
}

// healthDrops compares two 24 h windows of a site and describes each field
// whose share fell by statusDropPoints or more.
func healthDrops(before, now store.SiteHealth) []string {
	if before.Articles24h < statusMinArticles || now.Articles24h < statusMinArticles {
		return nil
	}
	fields := []struct {
		name    string
		was, is int
	}{
		{"title", before.WithTitle, now.WithTitle},
		{"date", before.WithPublished, now.WithPublished},
		{"author", before.WithAuthor, now.WithAuthor},
		{"lead image", before.WithLeadImage, now.WithLeadImage},
		{"caption", before.WithCaption, now.WithCaption},
		{"quotes", before.WithQuotes, now.WithQuotes},
	}
	var out []string
	for _, f := range fields {
		was, is := 100*before.Share(f.was), 100*now.Share(f.is)
		if was-is >= statusDropPoints {
			out = append(out, fmt.Sprintf("%s share fell from %.0f%% to %.0f%% against the previous 24 h (template change?)", f.name, was, is))
		}
	}
	return out
}

func pct(h store.SiteHealth, n int) string {
	if h.Articles24h == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*h.Share(n))
}

func ratio(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(n)/float64(of))
}
