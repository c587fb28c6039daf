package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsclip/newsclip/crawler"
	"github.com/newsclip/newsclip/extract"
)

const extractUsage = `usage: newsclip extract [flags] TARGET...

Extract one news article per TARGET and print it.

TARGET is an http(s) URL (fetched with a named User-Agent, a timeout, a size
cap, redirects followed, charset from the Content-Type header), a file, or -
for standard input.

One target prints one indented JSON document. Several targets, or
--input-dir, print JSON Lines: one article per line with an added "source";
a target that fails prints {"source": ..., "error": ...} and the others
still come out, in the order given.

Exit status: 0 all targets succeeded; 1 any target failed; 2 usage error.

Flags:
`

// extractConfig is the typed form of the extract flags.
type extractConfig struct {
	format    string
	pageURL   string
	inputDir  string
	jobs      int
	userAgent string
	timeout   time.Duration
	maxBytes  int64
	targets   []string
}

func parseExtractFlags(args []string, stderr io.Writer) (*extractConfig, error) {
	cfg := &extractConfig{}
	fl := flag.NewFlagSet("extract", flag.ContinueOnError)
	fl.StringVar(&cfg.format, "format", "", "output format: json, jsonl, markdown or text (default json for one target, jsonl for several)")
	fl.StringVar(&cfg.pageURL, "url", "", "the page's URL for a file or stdin target, used to resolve links")
	fl.StringVar(&cfg.inputDir, "input-dir", "", "extract every .html/.htm file under `DIR` (JSON Lines)")
	fl.IntVar(&cfg.jobs, "jobs", runtime.NumCPU(), "targets extracted in parallel")
	fl.StringVar(&cfg.userAgent, "user-agent", defaultUserAgent, "User-Agent for URL targets")
	fl.DurationVar(&cfg.timeout, "timeout", 30*time.Second, "whole-request timeout for URL targets")
	fl.Int64Var(&cfg.maxBytes, "max-bytes", extract.DefaultMaxInputBytes, "largest page accepted, in bytes")
	if err := parseFlags(fl, args, stderr, extractUsage); err != nil {
		return nil, err
	}
	cfg.targets = fl.Args()
	if cfg.inputDir != "" {
		files, err := htmlFiles(cfg.inputDir)
		if err != nil {
			return nil, usagef("--input-dir: %v", err)
		}
		cfg.targets = append(cfg.targets, files...)
	}
	switch {
	case len(cfg.targets) == 0:
		return nil, usagef("extract: no TARGET given (a URL, a file, or -)")
	case cfg.jobs < 1:
		return nil, usagef("extract: --jobs must be at least 1")
	case cfg.maxBytes < 1:
		return nil, usagef("extract: --max-bytes must be positive")
	}
	stdins := 0
	for _, t := range cfg.targets {
		if t == "-" {
			stdins++
		}
	}
	if stdins > 1 {
		return nil, usagef("extract: - (stdin) given more than once")
	}
	if cfg.format == "" {
		cfg.format = "json"
		if len(cfg.targets) > 1 || cfg.inputDir != "" {
			cfg.format = "jsonl"
		}
	}
	switch cfg.format {
	case "json", "jsonl", "markdown", "text":
	default:
		return nil, usagef("extract: unknown --format %q (json, jsonl, markdown, text)", cfg.format)
	}
	if cfg.pageURL != "" {
		if u, err := url.Parse(cfg.pageURL); err != nil || !u.IsAbs() {
			return nil, usagef("extract: --url must be an absolute URL")
		}
	}
	return cfg, nil
}

const defaultUserAgent = "newsclip/0.1 (+https://github.com/newsclip/newsclip)"

func runExtract(ctx context.Context, args []string, e env) error {
	cfg, err := parseExtractFlags(args, e.stderr)
	if err != nil {
		return err
	}
	ex, err := extract.New(extract.Options{MaxInputBytes: cfg.maxBytes})
	if err != nil {
		return err
	}
	results := extractAll(ctx, ex, cfg, e.stdin)
	failed := false
	for i, r := range results {
		res := <-r
		if res.err != nil {
			failed = true
			fmt.Fprintf(e.stderr, "newsclip: %s: %v\n", cfg.targets[i], res.err)
		}
		if err := writeResult(e.stdout, cfg, res); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if failed {
		return errFailed
	}
	return nil
}

type extractResult struct {
	source string
	art    *extract.Article
	err    error
}

// extractAll extracts every target with cfg.jobs workers. The result of
// target i arrives on the i-th channel, so output keeps the input order
// while later targets are already being worked on.
func extractAll(ctx context.Context, ex *extract.Extractor, cfg *extractConfig, stdin io.Reader) []chan extractResult {
	out := make([]chan extractResult, len(cfg.targets))
	for i := range out {
		out[i] = make(chan extractResult, 1)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(cfg.jobs, len(cfg.targets)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				art, err := extractTarget(ctx, ex, cfg, cfg.targets[i], stdin)
				out[i] <- extractResult{source: cfg.targets[i], art: art, err: err}
			}
		}()
	}
	go func() {
		for i := range cfg.targets {
			next <- i
		}
		close(next)
		wg.Wait()
	}()
	return out
}

// extractTarget reads one target (URL, file or stdin) and extracts it.
// ErrNoContent still returns the article with its metadata.
func extractTarget(ctx context.Context, ex *extract.Extractor, cfg *extractConfig, target string, stdin io.Reader) (*extract.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var (
		body        []byte
		contentType string
		pageURL     *url.URL
		err         error
	)
	switch {
	case target == "-":
		body, err = io.ReadAll(io.LimitReader(stdin, cfg.maxBytes+1))
		if err != nil {
			return nil, fmt.Errorf("read stdin: %w", err)
		}
	case strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://"):
		page, err := crawler.FetchPage(ctx, target, crawler.PageOptions{
			UserAgent: cfg.userAgent, Timeout: cfg.timeout, MaxBodyBytes: cfg.maxBytes,
		})
		if err != nil {
			return nil, err
		}
		body, contentType = page.Body, page.ContentType
		pageURL, _ = url.Parse(page.URL)
	default:
		body, err = os.ReadFile(target)
		if err != nil {
			return nil, err
		}
	}
	if pageURL == nil {
		pageURL = targetURL(cfg.pageURL, target)
	}
	art, err := ex.ExtractWithContentType(bytes.NewReader(body), pageURL, contentType)
	if err != nil {
		return art, fmt.Errorf("extract: %w", err)
	}
	return art, nil
}

// targetURL is the base URL of a file or stdin target: --url when given,
// else a file:// URL of the file.
func targetURL(given, target string) *url.URL {
	if given != "" {
		u, _ := url.Parse(given)
		return u
	}
	if target == "-" {
		return &url.URL{}
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		abs = target
	}
	return &url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
}

// htmlFiles lists the .html and .htm files under dir, sorted.
func htmlFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := strings.ToLower(filepath.Ext(path))
		if !d.IsDir() && (ext == ".html" || ext == ".htm") {
			files = append(files, path)
		}
		return nil
	})
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("no .html or .htm files in %s", dir)
	}
	sort.Strings(files)
	return files, err
}

// jsonlLine is one line of JSON Lines output: the article with its source.
type jsonlLine struct {
	Source string `json:"source"`
	*extract.Article
}

type jsonlError struct {
	Source string `json:"source"`
	Error  string `json:"error"`
}

func writeResult(w io.Writer, cfg *extractConfig, r extractResult) error {
	switch cfg.format {
	case "jsonl":
		var line any = jsonlLine{Source: r.source, Article: r.art}
		if r.err != nil {
			line = jsonlError{Source: r.source, Error: r.err.Error()}
		}
		b, err := json.Marshal(line)
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	case "json":
		if r.err != nil {
			// The error is on stderr; stdout keeps its JSON shape.
			b, _ := json.MarshalIndent(jsonlError{Source: r.source, Error: r.err.Error()}, "", "  ")
			_, err := w.Write(append(b, '\n'))
			return err
		}
		b, err := json.MarshalIndent(r.art, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	case "markdown":
		if r.err != nil {
			return nil
		}
		_, err := io.WriteString(w, renderMarkdown(r.art))
		return err
	default: // text
		if r.err != nil {
			return nil
		}
		_, err := io.WriteString(w, renderText(r.art))
		return err
	}
}
