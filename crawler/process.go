package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/store"
)

// process fetches one task and records what happened. Only a store
// failure is returned (it stops the cycle); everything about the page is
// recorded in the frontier, the fetch log and the summary.
func (cy *cycle) process(ctx context.Context, t *task) error {
	cfg := cy.c.cfg
	obs := cfg.Observer
	name := cy.site.Name
	u, err := url.Parse(t.url)
	if err != nil {
		return cy.failTask(ctx, t, fmt.Sprintf("parse url: %v", err), true)
	}
	host := strings.ToLower(u.Host)
	if t.item != nil && t.kind == store.KindPage && cy.templateFull(t.url) {
		// Queued before the trap showed itself: dropped unfetched.
		cy.mu.Lock()
		cy.sum.Skipped++
		cy.mu.Unlock()
		return cy.failTask(ctx, t, "crawler trap: too many pages of this url template", false)
	}
	g := cy.c.gates.get(host, cy.site.Delay, cy.site.Concurrency)

	// robots.txt first; its own fetch goes through the same gate.
	crawlDelay, sitemaps, err := cy.c.robots.check(ctx, u, time.Now, g.acquire, func(r robotsResult) {
		cy.logFetch(ctx, r.URL, r.Status, r.Err, int64(r.Bytes), r.Duration, r.Started)
	})
	g.setCrawlDelay(crawlDelay)
	for _, sm := range sitemaps {
		if su, err := url.Parse(sm); err == nil && hostAllowed(su, cy.allowedDomains()) {
			cy.addSeed(sm, store.KindSitemap, false)
		}
	}
	switch {
	case errors.Is(err, ErrRobotsDisallowed):
		obs.RobotsRefused(name)
		cy.mu.Lock()
		cy.sum.RobotsRefused++
		cy.mu.Unlock()
		cy.log.Debug("robots.txt disallows", "url", t.url)
		return cy.failTask(ctx, t, "disallowed by robots.txt", false)
	case errors.Is(err, ErrRobotsUnreachable):
		cy.mu.Lock()
		first := !cy.robotsLogged[host]
		cy.robotsLogged[host] = true
		cy.mu.Unlock()
		if first {
			cy.log.Warn("robots.txt unreachable, host paused", "host", host)
		}
		// Not the page's fault: a frontier item is retried without using
		// up an attempt; the cycle waits for the host a few times only,
		// then leaves the item for the next cycle. A seed lives only in
		// this cycle, so its tries are counted.
		cy.mu.Lock()
		cy.robotsWaits[host]++
		wait := cy.robotsWaits[host] <= 3*cfg.MaxAttempts
		cy.mu.Unlock()
		if t.item == nil && t.attempts+1 >= cfg.MaxAttempts {
			return cy.failTask(ctx, t, "robots.txt unreachable", true)
		}
		return cy.retryTask(ctx, t, time.Now().Add(cfg.RobotsRetryInterval), t.item == nil, wait, "robots.txt unreachable")
	case err != nil:
		if ctx.Err() != nil {
			return nil
		}
		return cy.failTask(ctx, t, err.Error(), true)
	}

	// Conditional GET for what we revisit: feeds, sitemaps and pages
	// (start URLs, and listing pages queued again by Revisit); a page seen
	// for the first time simply has no validators yet.
	hdr := http.Header{}
	hdr.Set("User-Agent", cfg.UserAgent)
	revisit := t.kind != store.KindArticle
	if revisit {
		v, err := cy.c.st.GetValidators(ctx, t.url)
		if err != nil {
			return storeErr(ctx, err)
		}
		if v.ETag != "" {
			hdr.Set("If-None-Match", v.ETag)
		}
		if v.LastModified != "" {
			hdr.Set("If-Modified-Since", v.LastModified)
		}
	}

	release, err := g.acquire(ctx)
	if err != nil {
		return nil // ctx ended; the lease expires and the item is retaken
	}
	started := time.Now()
	p, ferr := cy.eng.fetch(t.url, hdr, cfg.MaxOutlinks)
	status := 0
	var body []byte
	if p != nil {
		status, body = p.Status, p.Body
	}
	class := classify(ferr, status)
	var ra time.Duration
	if class == classRetry && p != nil && p.Header != nil && (status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) {
		ra = retryAfter(p.Header.Get("Retry-After"), time.Now())
	}
	// Only transient failures slow the host down; a 404 or a refused
	// body says nothing about the server's load.
	release(class != classRetry, ra)
	if ctx.Err() != nil {
		return nil // interrupted: nothing recorded, the lease is retaken
	}
	if ferr == nil && status >= 400 {
		ferr = &HTTPError{StatusCode: status, URL: t.url, RetryAfter: ra}
	}
	obs.Fetch(name, status, len(body))
	cy.mu.Lock()
	cy.sum.Pages++
	cy.mu.Unlock()
	if err := cy.logFetch(ctx, t.url, status, ferr, int64(len(body)), time.Since(started), started); err != nil {
		return err
	}

	switch class {
	case classRetry:
		cy.countError()
		if t.attempts+1 >= cfg.MaxAttempts {
			cy.log.Warn("fetch failed", "url", t.url, "err", ferr, "attempts", t.attempts+1)
			return cy.failTask(ctx, t, ferr.Error(), false)
		}
		obs.Retry(name)
		d := backoff(cfg, t.attempts+1)
		if ra > 0 {
			d = min(ra, cfg.MaxRetryAfter)
		}
		cy.log.Debug("fetch will be retried", "url", t.url, "err", ferr, "in", d)
		return cy.retryTask(ctx, t, time.Now().Add(d), true, true, ferr.Error())
	case classPermanent:
		cy.countError()
		cy.log.Warn("fetch failed", "url", t.url, "err", ferr)
		return cy.failTask(ctx, t, ferr.Error(), false)
	}

	switch {
	case status == http.StatusNotModified:
		cy.mu.Lock()
		cy.sum.NotModified++
		cy.mu.Unlock()
		return cy.completeTask(ctx, t)
	case status >= 300 && status < 400:
		// A redirect to another host: enqueue the target for its own
		// host's robots and politeness.
		if loc := p.Header.Get("Location"); loc != "" {
			if target, err := u.Parse(loc); err == nil {
				if err := cy.enqueue(ctx, t.url, []string{target.String()}, t.depth, t.kind, false); err != nil {
					return err
				}
			}
		}
		return cy.completeTask(ctx, t)
	}

	switch t.kind {
	case store.KindFeed, store.KindSitemap:
		d, err := parseListing(body)
		if err != nil {
			cy.countError()
			cy.log.Warn("feed or sitemap unreadable", "url", t.url, "err", err)
			return cy.failTask(ctx, t, err.Error(), false)
		}
		resolve(u, d.Pages)
		resolve(u, d.Sitemaps)
		for _, sm := range d.Sitemaps {
			cy.addSeed(sm, store.KindSitemap, false)
		}
		// Items listed by a feed or sitemap are enqueued whatever the
		// depth limit (the site names them itself), one hop further.
		if err := cy.enqueue(ctx, t.url, d.Pages, t.depth+1, store.KindArticle, true); err != nil {
			return err
		}
		if !t.noValidators && len(d.Sitemaps) == 0 {
			if err := cy.putValidators(ctx, t.url, p.Header); err != nil {
				return err
			}
		}
		return cy.completeTask(ctx, t)
	}
	return cy.processHTML(ctx, t, p, revisit)
}

// processHTML follows a page's links and stores it when it is an article.
func (cy *cycle) processHTML(ctx context.Context, t *task, p *page, revisit bool) error {
	ct := p.Header.Get("Content-Type")
	if mt, _, _ := mime.ParseMediaType(ct); ct != "" && mt != "text/html" && mt != "application/xhtml+xml" {
		cy.log.Debug("not html, skipped", "url", t.url, "content_type", ct)
		if t.item == nil {
			return nil
		}
		// A PDF or an image has no links to revisit for.
		return storeErr(ctx, cy.c.st.CompleteAs(ctx, t.item.ID, store.KindOther))
	}
	for _, f := range p.Feeds {
		if fu, err := url.Parse(f); err == nil && hostAllowed(fu, cy.allowedDomains()) {
			cy.addSeed(f, store.KindFeed, false)
		}
	}
	if t.depth < cy.site.MaxDepth {
		if err := cy.enqueue(ctx, t.url, p.Links, t.depth+1, "", false); err != nil {
			return err
		}
	}
	pageURL := t.url
	if p.URL != "" {
		if cu, err := Canonicalize(p.URL); err == nil {
			pageURL = cu
		}
	}
	wantArticle := cy.matchesPatterns(pageURL) || cy.matchesPatterns(t.url)
	if len(cy.site.patterns) > 0 && !wantArticle {
		cy.countNonArticle(t.url)
		if revisit {
			if err := cy.putValidators(ctx, t.url, p.Header); err != nil {
				return err
			}
		}
		return cy.completeTask(ctx, t)
	}
	pu, _ := url.Parse(pageURL)
	art, err := cy.c.ex.ExtractWithContentType(bytes.NewReader(p.Body), pu, contentTypeAfterColly(ct))
	isArticle := err == nil && looksLikeArticle(art)
	if len(cy.site.patterns) == 0 && !isArticle {
		cy.countNonArticle(t.url)
		if err != nil && !errors.Is(err, extract.ErrNoContent) {
			cy.c.cfg.Observer.ExtractError(cy.site.Name)
			cy.log.Debug("not extractable, links only", "url", t.url, "err", err)
		}
		if revisit {
			if err := cy.putValidators(ctx, t.url, p.Header); err != nil {
				return err
			}
		}
		return cy.completeTask(ctx, t)
	}
	if err != nil {
		cy.c.cfg.Observer.ExtractError(cy.site.Name)
		cy.countError()
		cy.log.Warn("extract failed", "url", t.url, "err", err)
		return cy.failTask(ctx, t, "extract: "+err.Error(), false)
	}
	art.CanonicalURL = cy.canonicalFor(pageURL, p.Canonical, art.CanonicalURL)
	var id int64
	if t.item != nil {
		id = t.item.ID
	}
	res, err := cy.c.st.SaveArticle(ctx, cy.site.Name, art, time.Now(), id)
	if err != nil {
		return storeErr(ctx, fmt.Errorf("save article: %w", err))
	}
	cy.c.cfg.Observer.ArticleStored(cy.site.Name, string(res.Outcome))
	cy.mu.Lock()
	cy.sum.Articles++
	switch res.Outcome {
	case store.OutcomeNew:
		cy.sum.New++
	case store.OutcomeUpdated:
		cy.sum.Updated++
	case store.OutcomeUnchanged:
		cy.sum.Unchanged++
	case store.OutcomeDuplicate:
		cy.sum.Duplicates++
	}
	cy.mu.Unlock()
	cy.log.Debug("article stored", "url", art.CanonicalURL, "outcome", res.Outcome)
	return nil // SaveArticle completed the frontier item in its transaction
}

// looksLikeArticle is the test for a page when no article_url_patterns are
// configured: a readable body of some length, or a dated shorter one.
func looksLikeArticle(a *extract.Article) bool {
	if a.IsDeclaredArticle() {
		return a.WordCount >= 40
	}
	return a.WordCount >= 150 || (a.PublishedAt != nil && a.WordCount >= 40)
}

func (cy *cycle) matchesPatterns(u string) bool {
	for _, re := range cy.site.patterns {
		if re.MatchString(u) {
			return true
		}
	}
	return false
}

// canonicalFor picks the URL an article is stored under: the page's
// rel=canonical (from the <link> or extract's metadata) when it is on the
// same registrable domain, else the page's own canonical URL.
func (cy *cycle) canonicalFor(pageURL string, candidates ...string) string {
	pu, err := url.Parse(pageURL)
	if err != nil {
		return pageURL
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		cu, err := Canonicalize(c)
		if err != nil {
			continue
		}
		u, _ := url.Parse(cu)
		if RegistrableDomain(u.Host) == RegistrableDomain(pu.Host) {
			return cu
		}
	}
	return pageURL
}

func (cy *cycle) allowedDomains() []string {
	if len(cy.site.AllowedDomains) > 0 {
		return cy.site.AllowedDomains
	}
	// No allowed_domains: the hosts of the configured URLs.
	var hosts []string
	for _, l := range [][]string{cy.site.StartURLs, cy.site.Feeds, cy.site.Sitemaps} {
		for _, s := range l {
			if u, err := url.Parse(s); err == nil && u.Hostname() != "" {
				hosts = append(hosts, u.Hostname())
			}
		}
	}
	return hosts
}

// enqueue canonicalises and filters links and adds the new ones to the
// frontier. kind "" means: article when it matches the patterns, else page.
// listed marks URLs named by a feed or sitemap (no template cap).
func (cy *cycle) enqueue(ctx context.Context, from string, links []string, depth int, kind store.Kind, listed bool) error {
	if len(links) == 0 {
		return nil
	}
	now := time.Now()
	allowed := cy.allowedDomains()
	seen := make(map[string]bool, len(links))
	batch := make([]store.NewURL, 0, len(links))
	skipped := 0
	for _, l := range links {
		cu, err := Canonicalize(l)
		if err != nil {
			skipped++
			continue
		}
		if seen[cu] {
			continue
		}
		seen[cu] = true
		cy.mu.Lock()
		isSeed := cy.seen[cu]
		cy.mu.Unlock()
		if isSeed {
			continue // fetched every cycle anyway
		}
		u, _ := url.Parse(cu)
		if !hostAllowed(u, allowed) {
			skipped++
			continue
		}
		if r := trapReason(u, now); r != "" {
			skipped++
			cy.log.Debug("trap link skipped", "url", cu, "reason", r)
			continue
		}
		k := kind
		if k == "" {
			k = store.KindPage
			if cy.matchesPatterns(cu) {
				k = store.KindArticle
			}
		}
		if !listed && k == store.KindPage && cy.templateFull(cu) {
			skipped++
			continue
		}
		prio := 0
		if k == store.KindArticle {
			prio = 1
		}
		batch = append(batch, store.NewURL{
			URL: cu, OriginalURL: l, Host: strings.ToLower(u.Host), Depth: depth,
			Kind: k, DiscoveredFrom: from, Priority: prio,
		})
	}
	if skipped > 0 {
		cy.mu.Lock()
		cy.sum.Skipped += skipped
		cy.mu.Unlock()
	}
	if len(batch) == 0 {
		return nil
	}
	if _, err := cy.c.st.Enqueue(ctx, cy.site.Name, batch); err != nil {
		return storeErr(ctx, fmt.Errorf("enqueue: %w", err))
	}
	return nil
}

func (cy *cycle) putValidators(ctx context.Context, u string, h http.Header) error {
	v := store.HTTPValidators{ETag: h.Get("ETag"), LastModified: h.Get("Last-Modified")}
	if v.ETag == "" && v.LastModified == "" {
		return nil
	}
	return storeErr(ctx, cy.c.st.PutValidators(ctx, u, v))
}

func (cy *cycle) countError() {
	cy.mu.Lock()
	cy.sum.Errors++
	cy.mu.Unlock()
}

func (cy *cycle) completeTask(ctx context.Context, t *task) error {
	if t.item == nil {
		return nil
	}
	return storeErr(ctx, cy.c.st.Complete(ctx, t.item.ID))
}

// failTask marks a frontier item failed for good (a seed is dropped for
// this cycle). count adds it to the summary's errors.
func (cy *cycle) failTask(ctx context.Context, t *task, reason string, count bool) error {
	if count {
		cy.countError()
	}
	if t.item == nil {
		return nil
	}
	return storeErr(ctx, cy.c.st.Fail(ctx, t.item.ID, reason))
}

// retryTask puts the task back, due at when. attempt says whether this
// try counts against MaxAttempts; wait whether the cycle waits for it.
func (cy *cycle) retryTask(ctx context.Context, t *task, when time.Time, attempt, wait bool, reason string) error {
	n := t.attempts
	if attempt {
		n++
	}
	cy.mu.Lock()
	if wait && time.Until(when) <= cy.c.cfg.MaxRetryAfter && when.After(cy.waitUntil) {
		cy.waitUntil = when.Add(100 * time.Millisecond)
	}
	if t.item == nil {
		t.attempts, t.notBefore = n, when
		cy.seeds = append(cy.seeds, t)
		cy.mu.Unlock()
		return nil
	}
	cy.mu.Unlock()
	return storeErr(ctx, cy.c.st.Reschedule(ctx, t.item.ID, when, n, reason))
}

func (cy *cycle) logFetch(ctx context.Context, u string, status int, ferr error, n int64, d time.Duration, started time.Time) error {
	f := store.Fetch{Site: cy.site.Name, RunID: cy.runID, URL: u, StatusCode: status, Bytes: n, Duration: d, StartedAt: started}
	if ferr != nil {
		f.Err = ferr.Error()
	}
	return storeErr(ctx, cy.c.st.LogFetch(ctx, f))
}

// storeErr drops errors caused by the cycle's own cancellation: an
// interrupted cycle leaves its leases to expire and be retaken.
func storeErr(ctx context.Context, err error) error {
	if err == nil || ctx.Err() != nil {
		return nil
	}
	return fmt.Errorf("store: %w", err)
}

// templateFull reports whether MaxPerTemplate pages of u's template were
// already found not to be articles this cycle. Endless calendars and
// pagination are chains of such pages; article URLs sharing a template
// (/news/12345) are never capped because articles do not count.
func (cy *cycle) templateFull(u string) bool {
	cy.mu.Lock()
	defer cy.mu.Unlock()
	return cy.templates[linkTemplate(u)] >= cy.c.cfg.MaxPerTemplate
}

// countNonArticle records a followed page that was not an article.
func (cy *cycle) countNonArticle(u string) {
	cy.mu.Lock()
	cy.templates[linkTemplate(u)]++
	cy.mu.Unlock()
}

// resolve makes relative feed and sitemap entries absolute, in place.
func resolve(base *url.URL, refs []string) {
	for i, r := range refs {
		if ru, err := base.Parse(strings.TrimSpace(r)); err == nil {
			refs[i] = ru.String()
		}
	}
}
