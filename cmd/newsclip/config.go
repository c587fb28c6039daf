package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"gopkg.in/yaml.v3"

	"github.com/newsclip/newsclip/crawler"
)

// fileConfig is the YAML config file of `crawl` and `run`, validated.
//
//	user_agent: "newsclip/0.1 (+https://example.org/bot)"
//	allow_private_addresses: false
//	workers: 8                # fetches in flight over all hosts of a site
//	lease_duration: 1m        # how long a fetched page stays leased; a killed crawl's site lock and leases are taken over once its 5 s heartbeat stops
//	request_timeout: 60s
//	max_body_bytes: 10485760
//	sites:
//	  - name: demo
//	    start_urls: [...]
//	    feeds: [...]                 # optional
//	    sitemaps: [...]              # optional
//	    allowed_domains: [...]       # host names, port ignored; default: the hosts of the URLs above
//	    article_url_patterns: [...]  # optional regexes
//	    max_depth: 2
//	    max_pages: 1000              # per cycle
//	    delay: 1s                    # per-host gap between request starts
//	    concurrency: 1               # per-host requests in flight
//	    schedule: "*/15 * * * *"     # cron (5 fields) or @hourly, @every 30m...
type fileConfig struct {
	UserAgent             string
	AllowPrivateAddresses bool
	Workers               int
	LeaseDuration         time.Duration
	RequestTimeout        time.Duration
	MaxBodyBytes          int64
	Sites                 []fileSite
}

// fileSite is one configured site with its schedule for `newsclip run`.
type fileSite struct {
	Schedule string
	Site     crawler.SiteConfig
}

// Defaults of the config file.
const (
	defaultConfigUserAgent = "newsclip/0.1 (+https://github.com/newsclip/newsclip)"
	defaultSchedule        = "@hourly"
	defaultDelay           = time.Second
	defaultMaxDepth        = 2
	defaultMaxPages        = 1000
	defaultLease           = time.Minute
)

// cronParser accepts standard 5-field cron lines and descriptors
// (@hourly, @daily, @every 30s).
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// crawlerConfig is the crawler.Config the file describes.
func (c *fileConfig) crawlerConfig() crawler.Config {
	return crawler.Config{
		UserAgent:             c.UserAgent,
		AllowPrivateAddresses: c.AllowPrivateAddresses,
		Workers:               c.Workers,
		LeaseDuration:         c.LeaseDuration,
		RequestTimeout:        c.RequestTimeout,
		MaxBodyBytes:          c.MaxBodyBytes,
	}
}

// loadConfig reads and validates a config file. Every unknown key and bad
// value is reported with its line; any of them fails the load.
func loadConfig(path string) (*fileConfig, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return parseConfig(path, b)
}

// configErrors collects problems as "file:line: message".
type configErrors struct {
	file string
	errs []string
}

func (ce *configErrors) add(n *yaml.Node, format string, a ...any) {
	ce.errs = append(ce.errs, fmt.Sprintf("%s:%d: %s", ce.file, n.Line, fmt.Sprintf(format, a...)))
}

func (ce *configErrors) err() error {
	if len(ce.errs) == 0 {
		return nil
	}
	return errors.New("config: " + strings.Join(ce.errs, "\n  "))
}

func parseConfig(file string, data []byte) (*fileConfig, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("config: %s: %w", file, err)
	}
	ce := &configErrors{file: file}
	cfg := &fileConfig{UserAgent: defaultConfigUserAgent, LeaseDuration: defaultLease}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("config: %s: empty file", file)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		ce.add(root, "the config must be a mapping with user_agent, sites...")
		return nil, ce.err()
	}
	var sitesNode *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "user_agent":
			if s, ok := str(ce, v, k.Value); ok {
				if strings.TrimSpace(s) == "" {
					ce.add(v, "user_agent must not be empty")
				}
				cfg.UserAgent = s
			}
		case "allow_private_addresses":
			if b, ok := boolean(ce, v, k.Value); ok {
				cfg.AllowPrivateAddresses = b
			}
		case "workers":
			cfg.Workers, _ = integer(ce, v, k.Value, 1, 256)
		case "lease_duration":
			cfg.LeaseDuration, _ = duration(ce, v, k.Value, 100*time.Millisecond, 24*time.Hour)
		case "request_timeout":
			cfg.RequestTimeout, _ = duration(ce, v, k.Value, 100*time.Millisecond, time.Hour)
		case "max_body_bytes":
			n, _ := integer(ce, v, k.Value, 1024, 1<<30)
			cfg.MaxBodyBytes = int64(n)
		case "sites":
			sitesNode = v
		default:
			ce.add(k, "unknown key %q", k.Value)
		}
	}
	if sitesNode == nil {
		ce.add(root, "no sites")
		return nil, ce.err()
	}
	if sitesNode.Kind != yaml.SequenceNode || len(sitesNode.Content) == 0 {
		ce.add(sitesNode, "sites must be a non-empty list")
		return nil, ce.err()
	}
	names := map[string]int{}
	for _, sn := range sitesNode.Content {
		fs, ok := parseSite(ce, sn)
		if !ok {
			continue
		}
		if line, dup := names[fs.Site.Name]; dup {
			ce.add(sn, "site name %q already used on line %d", fs.Site.Name, line)
			continue
		}
		names[fs.Site.Name] = sn.Line
		cfg.Sites = append(cfg.Sites, fs)
	}
	if err := ce.err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

var siteNameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func parseSite(ce *configErrors, n *yaml.Node) (fileSite, bool) {
	before := len(ce.errs)
	fs := fileSite{Schedule: defaultSchedule, Site: crawler.SiteConfig{
		MaxDepth: defaultMaxDepth, MaxPages: defaultMaxPages, Delay: defaultDelay, Concurrency: 1,
	}}
	if n.Kind != yaml.MappingNode {
		ce.add(n, "a site must be a mapping with name, start_urls...")
		return fs, false
	}
	sc := &fs.Site
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "name":
			if s, ok := str(ce, v, k.Value); ok {
				if !siteNameRe.MatchString(s) {
					ce.add(v, "name %q: use letters, digits, '.', '_' and '-'", s)
				}
				sc.Name = s
			}
		case "start_urls":
			sc.StartURLs = urlList(ce, v, k.Value)
		case "feeds":
			sc.Feeds = urlList(ce, v, k.Value)
		case "sitemaps":
			sc.Sitemaps = urlList(ce, v, k.Value)
		case "allowed_domains":
			for _, d := range strList(ce, v, k.Value) {
				h := strings.ToLower(strings.TrimSpace(d.Value))
				if hh, _, err := net.SplitHostPort(h); err == nil {
					h = hh // port ignored
				}
				if h == "" || strings.ContainsAny(h, "/:@ ") {
					ce.add(d, "allowed_domains: %q is not a host name", d.Value)
					continue
				}
				sc.AllowedDomains = append(sc.AllowedDomains, h)
			}
		case "article_url_patterns":
			for _, p := range strList(ce, v, k.Value) {
				if _, err := regexp.Compile(p.Value); err != nil {
					ce.add(p, "article_url_patterns: %v", err)
					continue
				}
				sc.ArticleURLPatterns = append(sc.ArticleURLPatterns, p.Value)
			}
		case "max_depth":
			sc.MaxDepth, _ = integer(ce, v, k.Value, 0, 10_000)
		case "max_pages":
			sc.MaxPages, _ = integer(ce, v, k.Value, 1, 10_000_000)
		case "delay":
			sc.Delay, _ = duration(ce, v, k.Value, 0, time.Hour)
		case "concurrency":
			sc.Concurrency, _ = integer(ce, v, k.Value, 1, 64)
		case "schedule":
			if s, ok := str(ce, v, k.Value); ok {
				if _, err := cronParser.Parse(s); err != nil {
					ce.add(v, "schedule %q: %v", s, err)
				}
				fs.Schedule = s
			}
		default:
			ce.add(k, "unknown key %q in site", k.Value)
		}
	}
	if sc.Name == "" {
		ce.add(n, "site without a name")
	}
	if len(sc.StartURLs)+len(sc.Feeds)+len(sc.Sitemaps) == 0 {
		ce.add(n, "site %q: give start_urls, feeds or sitemaps", sc.Name)
	}
	return fs, len(ce.errs) == before
}

func str(ce *configErrors, v *yaml.Node, key string) (string, bool) {
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!str" && v.Tag != "!!int" && v.Tag != "!!float") {
		ce.add(v, "%s must be a string", key)
		return "", false
	}
	return v.Value, true
}

func boolean(ce *configErrors, v *yaml.Node, key string) (bool, bool) {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
		ce.add(v, "%s must be true or false", key)
		return false, false
	}
	b, _ := strconv.ParseBool(strings.ToLower(v.Value))
	return b, true
}

func integer(ce *configErrors, v *yaml.Node, key string, lo, hi int) (int, bool) {
	n, err := strconv.Atoi(v.Value)
	if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || err != nil {
		ce.add(v, "%s must be a whole number, got %q", key, v.Value)
		return 0, false
	}
	if n < lo || n > hi {
		ce.add(v, "%s must be between %d and %d, got %d", key, lo, hi, n)
		return 0, false
	}
	return n, true
}

func duration(ce *configErrors, v *yaml.Node, key string, lo, hi time.Duration) (time.Duration, bool) {
	if v.Kind != yaml.ScalarNode {
		ce.add(v, "%s must be a duration like 500ms, 2s or 1m", key)
		return 0, false
	}
	d, err := time.ParseDuration(v.Value)
	if err != nil && v.Value == "0" {
		d, err = 0, nil
	}
	if err != nil {
		ce.add(v, "%s must be a duration like 500ms, 2s or 1m, got %q", key, v.Value)
		return 0, false
	}
	if d < lo || d > hi {
		ce.add(v, "%s must be between %v and %v, got %v", key, lo, hi, d)
		return 0, false
	}
	return d, true
}

func strList(ce *configErrors, v *yaml.Node, key string) []*yaml.Node {
	if v.Kind != yaml.SequenceNode {
		ce.add(v, "%s must be a list", key)
		return nil
	}
	var out []*yaml.Node
	for _, it := range v.Content {
		if _, ok := str(ce, it, key); ok {
			out = append(out, it)
		}
	}
	return out
}

func urlList(ce *configErrors, v *yaml.Node, key string) []string {
	var out []string
	for _, it := range strList(ce, v, key) {
		u, err := url.Parse(strings.TrimSpace(it.Value))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			ce.add(it, "%s: %q is not an absolute http(s) URL", key, it.Value)
			continue
		}
		out = append(out, u.String())
	}
	return out
}
