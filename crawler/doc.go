// Package crawler crawls news sites politely into a store.Store. It is the
// only package that speaks HTTP.
//
// Colly's collector is used only as the fetch-and-parse engine (one request
// at a time per call, driven by our frontier): its own robots handling,
// visited set, limits and body-size truncation are all switched off because
// they are unsafe for this job (robots off by default, no Crawl-delay, a
// global rather than per-host limit, visited marked before the fetch, silent
// truncation, no backoff). What we do ourselves, by file:
//
//	canon.go     URL canonicalisation, registrable domains, trap heuristics
//	ssrf.go      the dial-time guard against private and metadata addresses
//	fetch.go     the HTTP transport: timeouts, redirects, decompressed body cap
//	robots.go    robots.txt per RFC 9309 (cache, unreachable hosts, Crawl-delay)
//	polite.go    per-host gates: gap between starts, concurrency, backoff
//	discover.go  feeds (gofeed), sitemaps (index, news, .xml.gz), page links
//	config.go    Config, SiteConfig, Observer and their defaults
//	crawler.go   Crawler, RunSite: the cycle's dispatch loop over the store's frontier
//	process.go   one URL: robots, gate, fetch, discovery, extraction, store
//	fetchpage.go FetchPage, the one-shot fetch of `newsclip extract <url>`
package crawler
