package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/newsclip/newsclip/crawler"
	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/store/sqlite"
	"github.com/schollz/progressbar/v3"
)

const crawlUsage = `usage: newsclip crawl --config FILE [--db FILE] [flags]

Runs one polite crawl cycle of every configured site (or those named with
--site), stores new and changed articles in the database, prints a summary
per site on standard output and exits. Logs go to standard error (JSON when
it is not a terminal); a progress line is shown on a terminal.

Exit status: 0 when every cycle ran (failed pages are recorded, counted and
logged, not fatal); 1 when a site's cycle could not run (database, lock);
2 for bad flags or a bad config file; 3 when interrupted.

flags:
`

// crawlConfig is the typed form of the crawl flags.
type crawlConfig struct {
	config    string
	db        string
	sites     []string
	logLevel  slog.Level
	logFormat string // auto, json, text
	progress  string // auto, on, off
	parallel  int
	cpuprof   string
}

func parseCrawlFlags(args []string, stderr io.Writer) (*crawlConfig, error) {
	cfg := &crawlConfig{}
	var level, sites string
	fl := flag.NewFlagSet("crawl", flag.ContinueOnError)
	fl.StringVar(&cfg.config, "config", "", "the sites config `FILE` (YAML), required")
	fl.StringVar(&cfg.db, "db", "newsclip.db", "the database `FILE`, created if missing")
	fl.StringVar(&sites, "site", "", "crawl only these comma-separated site `NAMES`")
	fl.StringVar(&level, "log-level", "info", "debug, info, warn or error")
	fl.StringVar(&cfg.logFormat, "log-format", "auto", "auto (JSON unless stderr is a terminal), json or text")
	fl.StringVar(&cfg.progress, "progress", "auto", "progress line on stderr: auto (on a terminal), on or off")
	fl.IntVar(&cfg.parallel, "parallel", 1, "sites crawled at the same time")
	fl.StringVar(&cfg.cpuprof, "cpuprofile", "", "write a CPU profile of the crawl to `FILE` (go tool pprof)")
	if err := parseFlags(fl, args, stderr, crawlUsage); err != nil {
		return nil, err
	}
	if fl.NArg() > 0 {
		return nil, usagef("crawl: unexpected argument %q", fl.Arg(0))
	}
	if cfg.config == "" {
		return nil, usagef("crawl: --config is required")
	}
	l, err := parseLevel(level)
	if err != nil {
		return nil, usagef("crawl: --log-level: %v", err)
	}
	cfg.logLevel = l
	switch cfg.logFormat {
	case "auto", "json", "text":
	default:
		return nil, usagef("crawl: --log-format must be auto, json or text")
	}
	switch cfg.progress {
	case "auto", "on", "off":
	default:
		return nil, usagef("crawl: --progress must be auto, on or off")
	}
	if cfg.parallel < 1 {
		return nil, usagef("crawl: --parallel must be at least 1")
	}
	for _, s := range strings.Split(sites, ",") {
		if s = strings.TrimSpace(s); s != "" {
			cfg.sites = append(cfg.sites, s)
		}
	}
	return cfg, nil
}

func runCrawl(ctx context.Context, args []string, e env) error {
	cfg, err := parseCrawlFlags(args, e.stderr)
	if err != nil {
		return err
	}
	fc, err := loadConfig(cfg.config)
	if err != nil {
		return usageError{err}
	}
	sites, err := selectSites(fc, cfg.sites)
	if err != nil {
		return err
	}
	term := isTerminal(e.stderr)
	log := newLogger(e.stderr, cfg.logFormat == "json" || (cfg.logFormat == "auto" && !term), cfg.logLevel)

	st, err := sqlite.Open(ctx, cfg.db)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer st.Close()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	ccfg := fc.crawlerConfig()
	var prog *progress
	if cfg.progress == "on" || (cfg.progress == "auto" && term) {
		prog = newProgress(e.stderr)
		ccfg.Observer = prog
		defer prog.stop()
	}
	cr, err := crawler.New(ccfg, st, ex, log)
	if err != nil {
		return err
	}
	if cfg.cpuprof != "" {
		f, err := os.Create(cfg.cpuprof)
		if err != nil {
			return fmt.Errorf("cpuprofile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("cpuprofile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	sums, failed := crawlSites(ctx, cr, sites, cfg.parallel, log)
	if prog != nil {
		prog.stop()
	}
	if err := printSummaries(e.stdout, sums); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("crawl: %w", ctx.Err())
	}
	if failed > 0 {
		return errFailed
	}
	return nil
}

// selectSites returns the configured sites, or those named by --site.
func selectSites(fc *fileConfig, names []string) ([]crawler.SiteConfig, error) {
	var out []crawler.SiteConfig
	for _, s := range fc.Sites {
		out = append(out, s.Site)
	}
	if len(names) == 0 {
		return out, nil
	}
	byName := map[string]crawler.SiteConfig{}
	for _, s := range out {
		byName[s.Name] = s
	}
	out = out[:0]
	for _, n := range names {
		s, ok := byName[n]
		if !ok {
			return nil, usagef("crawl: --site %q is not in the config", n)
		}
		out = append(out, s)
	}
	return out, nil
}

// crawlSites runs one cycle per site, parallel at a time, and returns the
// summaries in config order and how many cycles failed. A failed cycle is
// logged here, once.
func crawlSites(ctx context.Context, cr *crawler.Crawler, sites []crawler.SiteConfig, parallel int, log *slog.Logger) ([]crawler.Summary, int) {
	sums := make([]crawler.Summary, len(sites))
	var failed atomic.Int32
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, sc := range sites {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				sums[i] = crawler.Summary{Site: sc.Name}
				return
			}
			defer func() { <-sem }()
			sum, err := cr.RunSite(ctx, sc)
			sums[i] = sum
			if err != nil && ctx.Err() == nil {
				failed.Add(1)
				log.Error("crawl cycle failed", "site", sc.Name, "err", err)
			}
		}()
	}
	wg.Wait()
	return sums, int(failed.Load())
}

func printSummaries(w io.Writer, sums []crawler.Summary) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "site\tpages\tarticles\tnew\tupdated\tunchanged\tduplicates\t304\terrors\trobots\tleft\ttime\t")
	for _, s := range sums {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t\n", s.Site, s.Pages, s.Articles, s.New,
			s.Updated, s.Unchanged, s.Duplicates, s.NotModified, s.Errors, s.RobotsRefused, s.Left, s.Duration.Round(time.Millisecond))
	}
	return tw.Flush()
}

// progress is a crawler.Observer that keeps a live line on a terminal:
// an open-ended progressbar spinner counting pages, with the articles and
// errors so far as its description.
type progress struct {
	bar            *progressbar.ProgressBar
	articles, errs atomic.Int64
}

func newProgress(w io.Writer) *progress {
	return &progress{bar: progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("crawling"),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("pages"),
		progressbar.OptionThrottle(250*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p *progress) describe() {
	p.bar.Describe(fmt.Sprintf("articles %d, errors %d, pages", p.articles.Load(), p.errs.Load()))
}

func (p *progress) stop() {
	p.bar.Finish()
}

func (p *progress) Fetch(site string, status int, bytes int) {
	if status == 0 || status >= 400 {
		p.errs.Add(1)
		p.describe()
	}
	p.bar.Add(1)
}
func (p *progress) RobotsRefused(string) {}
func (p *progress) Retry(string)         {}
func (p *progress) ArticleStored(site, outcome string) {
	p.articles.Add(1)
	p.describe()
}
func (p *progress) ExtractError(string) {
	p.errs.Add(1)
	p.describe()
}
