// Package storetest is the conformance suite every store.Store
// implementation must pass (go-cloud's drivertest idea): one Run call from
// the implementation's own test, with a function that opens a fresh, empty
// store for each subtest.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/newsclip/newsclip/extract"
	"github.com/newsclip/newsclip/store"
)

// T0 is the fake "now" the suite starts from.
var T0 = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

// Run runs every conformance test. open must return a new, empty store;
// Run closes it at the end of each subtest.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"Sites", testSites},
		{"EnqueueDedup", testEnqueueDedup},
		{"EnqueueLargeBatch", testEnqueueLargeBatch},
		{"LeaseOrderAndState", testLeaseOrderAndState},
		{"LeaseExpiryMakesLeasableAgain", testLeaseExpiry},
		{"LeasePerHostLimit", testLeasePerHostLimit},
		{"LeaseFairAcrossHosts", testLeaseFair},
		{"LeaseHostFilter", testLeaseHostFilter},
		{"EnqueueNotBefore", testEnqueueNotBefore},
		{"Reschedule", testReschedule},
		{"CompleteAndFail", testCompleteAndFail},
		{"FrontierCounts", testFrontierCounts},
		{"Validators", testValidators},
		{"SaveNewUnchangedUpdated", testSaveVersions},
		{"SaveMarksItemDoneAtomically", testSaveAtomic},
		{"SaveDuplicateAcrossURLs", testSaveDuplicate},
		{"ExportFiltersAndOrder", testExportFilters},
		{"ExportBatchesAcrossPages", testExportBatches},
		{"ExportRawAndStop", testExportRawAndStop},
		{"ExportWhileWriting", testExportWhileWriting},
		{"ExportUpdatedAfterCursor", testExportUpdatedAfterCursor},
		{"ExportCursors", testExportCursors},
		{"Runs", testRuns},
		{"Health", testHealth},
		{"SiteLock", testSiteLock},
		{"SiteLockTakeoverReleasesLeases", testSiteLockTakeover},
		{"LeaseOwnerNeedsLock", testLeaseOwnerNeedsLock},
		{"RevisitListingPages", testRevisit},
		{"Concurrent", testConcurrent},
		{"Closed", testClosed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tc.fn(t, s)
		})
	}
}

var ctx = context.Background()

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func site(t *testing.T, s store.Store, name string) {
	t.Helper()
	if _, err := s.UpsertSite(ctx, name); err != nil {
		t.Fatal(err)
	}
}

func enqueue(t *testing.T, s store.Store, siteName string, urls ...store.NewURL) int {
	t.Helper()
	n, err := s.Enqueue(ctx, siteName, urls)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func u(host, path string) store.NewURL {
	url := "https://" + host + path
	return store.NewURL{URL: url, OriginalURL: url + "?utm_source=x", Host: host, Kind: store.KindArticle, DiscoveredFrom: "https://" + host + "/"}
}

func lease(t *testing.T, s store.Store, siteName string, req store.LeaseRequest) []store.Item {
	t.Helper()
	if req.LeaseFor == 0 {
		req.LeaseFor = time.Minute
	}
	items, err := s.Lease(ctx, siteName, req)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func urls(items []store.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.URL)
	}
	return out
}

func hostCount(items []store.Item) map[string]int {
	m := map[string]int{}
	for _, it := range items {
		m[it.Host]++
	}
	return m
}

func testSites(t *testing.T, s store.Store) {
	a, err := s.UpsertSite(ctx, "alpha")
	must(t, err)
	b, err := s.UpsertSite(ctx, "beta")
	must(t, err)
	a2, err := s.UpsertSite(ctx, "alpha")
	must(t, err)
	if a != a2 || a == b {
		t.Fatalf("ids: alpha %d then %d, beta %d", a, a2, b)
	}
	if _, err := s.Enqueue(ctx, "nosuch", []store.NewURL{u("x.test", "/a")}); !errors.Is(err, store.ErrUnknownSite) {
		t.Fatalf("enqueue to unknown site: %v, want ErrUnknownSite", err)
	}
	if _, err := s.StartRun(ctx, "nosuch", T0); !errors.Is(err, store.ErrUnknownSite) {
		t.Fatalf("start run on unknown site: %v, want ErrUnknownSite", err)
	}
}

func testEnqueueDedup(t *testing.T, s store.Store) {
	site(t, s, "s")
	site(t, s, "other")
	if n := enqueue(t, s, "s", u("a.test", "/1"), u("a.test", "/2"), u("a.test", "/1")); n != 2 {
		t.Fatalf("first batch added %d, want 2 (one duplicate inside the batch)", n)
	}
	if n := enqueue(t, s, "s", u("a.test", "/2"), u("a.test", "/3")); n != 1 {
		t.Fatalf("second batch added %d, want 1", n)
	}
	if n := enqueue(t, s, "s", u("a.test", "/1")); n != 0 {
		t.Fatalf("known URL added %d, want 0", n)
	}
	// The dedup key is (site, URL): another site may hold the same URL.
	if n := enqueue(t, s, "other", u("a.test", "/1")); n != 1 {
		t.Fatalf("same URL on another site added %d, want 1", n)
	}
	// A done URL is still known.
	items := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 10})
	for _, it := range items {
		must(t, s.Complete(ctx, it.ID))
	}
	if n := enqueue(t, s, "s", u("a.test", "/1")); n != 0 {
		t.Fatalf("done URL re-added %d, want 0", n)
	}
	c, err := s.FrontierCounts(ctx, "s", T0)
	must(t, err)
	if c.Done != 3 || c.Left() != 0 {
		t.Fatalf("counts %+v, want 3 done, none left", c)
	}
}

// testEnqueueLargeBatch crosses any internal chunking of a batch: 300
// URLs over 3 hosts, some known before, some repeated inside the batch.
func testEnqueueLargeBatch(t *testing.T, s store.Store) {
	site(t, s, "s")
	var known []store.NewURL
	for i := range 40 {
		known = append(known, u("h0.test", fmt.Sprint("/", i*3)))
	}
	if n := enqueue(t, s, "s", known...); n != 40 {
		t.Fatalf("first batch added %d, want 40", n)
	}
	var batch []store.NewURL
	for i := range 300 {
		batch = append(batch, u(fmt.Sprintf("h%d.test", i%3), fmt.Sprint("/", i)))
		if i%50 == 0 {
			batch = append(batch, u(fmt.Sprintf("h%d.test", i%3), fmt.Sprint("/", i))) // repeated
		}
	}
	if n := enqueue(t, s, "s", batch...); n != 260 {
		t.Fatalf("large batch added %d, want 300 - 40 known = 260", n)
	}
	c, err := s.FrontierCounts(ctx, "s", T0)
	must(t, err)
	if c.Due != 300 {
		t.Fatalf("due %d, want 300", c.Due)
	}
	got := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 300})
	if hc := hostCount(got); len(got) != 300 || hc["h0.test"] != 100 || hc["h1.test"] != 100 || hc["h2.test"] != 100 {
		t.Fatalf("leased %d over hosts %v", len(got), hc)
	}
}

func testLeaseOrderAndState(t *testing.T, s store.Store) {
	site(t, s, "s")
	low, high, mid := u("a.test", "/low"), u("a.test", "/high"), u("a.test", "/mid")
	high.Priority, mid.Priority = 10, 5
	high.Depth, high.Kind = 2, store.KindFeed
	enqueue(t, s, "s", low, high, mid)
	items := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 2, LeaseFor: 5 * time.Minute})
	if got, want := urls(items), []string{high.URL, mid.URL}; !slices.Equal(got, want) {
		t.Fatalf("leased %v, want %v (priority order)", got, want)
	}
	it := items[0]
	if it.Site != "s" || it.Host != "a.test" || it.OriginalURL != high.OriginalURL || it.Depth != 2 ||
		it.Kind != store.KindFeed || it.DiscoveredFrom != high.DiscoveredFrom || it.Priority != 10 || it.Attempts != 0 || it.ID == 0 {
		t.Fatalf("item fields lost: %+v", it)
	}
	if !it.LeasedUntil.Equal(T0.Add(5 * time.Minute)) {
		t.Fatalf("LeasedUntil %v, want %v", it.LeasedUntil, T0.Add(5*time.Minute))
	}
	// Leased items are not leased twice while the lease holds.
	rest := lease(t, s, "s", store.LeaseRequest{Now: T0.Add(time.Minute), Max: 10})
	if got, want := urls(rest), []string{low.URL}; !slices.Equal(got, want) {
		t.Fatalf("second lease %v, want %v", got, want)
	}
	if more := lease(t, s, "s", store.LeaseRequest{Now: T0.Add(time.Minute), Max: 10}); len(more) != 0 {
		t.Fatalf("third lease got %v, want nothing", urls(more))
	}
}

func testLeaseExpiry(t *testing.T, s store.Store) {
	site(t, s, "s")
	enqueue(t, s, "s", u("a.test", "/1"))
	first := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 1, LeaseFor: time.Minute})
	if len(first) != 1 {
		t.Fatalf("leased %d, want 1", len(first))
	}
	if got := lease(t, s, "s", store.LeaseRequest{Now: T0.Add(59 * time.Second), Max: 1}); len(got) != 0 {
		t.Fatalf("leased again before expiry: %v", urls(got))
	}
	c, err := s.FrontierCounts(ctx, "s", T0.Add(30*time.Second))
	must(t, err)
	if c.Leased != 1 || c.Due != 0 {
		t.Fatalf("counts during lease %+v", c)
	}
	// The worker died: after expiry the item comes back (resume after kill).
	again := lease(t, s, "s", store.LeaseRequest{Now: T0.Add(time.Minute), Max: 1})
	if len(again) != 1 || again[0].ID != first[0].ID {
		t.Fatalf("after expiry leased %v, want the same item", urls(again))
	}
	c, err = s.FrontierCounts(ctx, "s", T0.Add(3*time.Minute))
	must(t, err)
	if c.Due != 1 || c.Leased != 0 {
		t.Fatalf("counts after second expiry %+v, want it due", c)
	}
}

func testLeasePerHostLimit(t *testing.T, s store.Store) {
	site(t, s, "s")
	for i := range 5 {
		enqueue(t, s, "s", u("a.test", fmt.Sprint("/", i)), u("b.test", fmt.Sprint("/", i)))
	}
	req := store.LeaseRequest{Now: T0, Max: 10, PerHostInFlight: 2}
	got := lease(t, s, "s", req)
	if hc := hostCount(got); len(got) != 4 || hc["a.test"] != 2 || hc["b.test"] != 2 {
		t.Fatalf("leased %v, want 2 per host", urls(got))
	}
	if more := lease(t, s, "s", req); len(more) != 0 {
		t.Fatalf("hosts at their limit, still leased %v", urls(more))
	}
	// Finishing one of a.test's frees one slot for a.test only.
	for _, it := range got {
		if it.Host == "a.test" {
			must(t, s.Complete(ctx, it.ID))
			break
		}
	}
	more := lease(t, s, "s", req)
	if hc := hostCount(more); len(more) != 1 || hc["a.test"] != 1 {
		t.Fatalf("after one completion leased %v, want one from a.test", urls(more))
	}
	// Expired leases no longer count as in flight.
	later := req
	later.Now = T0.Add(2 * time.Minute)
	if got := lease(t, s, "s", later); len(got) != 4 {
		t.Fatalf("after expiry leased %d, want 4", len(got))
	}
}

func testLeaseFair(t *testing.T, s store.Store) {
	site(t, s, "s")
	var batch []store.NewURL
	for i := range 10 {
		batch = append(batch, u("big.test", fmt.Sprint("/", i)))
	}
	batch = append(batch, u("small.test", "/1"), u("small.test", "/2"), u("tiny.test", "/1"))
	enqueue(t, s, "s", batch...)
	got := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 5})
	hc := hostCount(got)
	if len(got) != 5 || hc["big.test"] != 2 || hc["small.test"] != 2 || hc["tiny.test"] != 1 {
		t.Fatalf("leased %v (%v), want round-robin 2/2/1", urls(got), hc)
	}
}

func testLeaseHostFilter(t *testing.T, s store.Store) {
	site(t, s, "s")
	enqueue(t, s, "s", u("a.test", "/1"), u("b.test", "/1"), u("b.test", "/2"))
	got := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 10, Host: "b.test"})
	if hc := hostCount(got); len(got) != 2 || hc["b.test"] != 2 {
		t.Fatalf("host filter leased %v", urls(got))
	}
}

func testEnqueueNotBefore(t *testing.T, s store.Store) {
	site(t, s, "s")
	later := u("a.test", "/later")
	later.NotBefore = T0.Add(time.Hour)
	enqueue(t, s, "s", later)
	if got := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 1}); len(got) != 0 {
		t.Fatalf("leased before not_before: %v", urls(got))
	}
	if got := lease(t, s, "s", store.LeaseRequest{Now: T0.Add(time.Hour), Max: 1}); len(got) != 1 {
		t.Fatalf("not leased at not_before")
	}
}

func testReschedule(t *testing.T, s store.Store) {
	site(t, s, "s")
	enqueue(t, s, "s", u("a.test", "/429"))
	it := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 1})[0]
	retry := T0.Add(10 * time.Minute) // Retry-After: 600
	must(t, s.Reschedule(ctx, it.ID, retry, 1, "http 429"))
	c, err := s.FrontierCounts(ctx, "s", T0)
	must(t, err)
	if c.Waiting != 1 || c.Due != 0 || c.Leased != 0 {
		t.Fatalf("counts after reschedule %+v, want 1 waiting", c)
	}
	if got := lease(t, s, "s", store.LeaseRequest{Now: retry.Add(-time.Second), Max: 1}); len(got) != 0 {
		t.Fatalf("leased before not_before")
	}
	got := lease(t, s, "s", store.LeaseRequest{Now: retry, Max: 1})
	if len(got) != 1 || got[0].Attempts != 1 {
		t.Fatalf("after not_before got %+v, want the item with 1 attempt", got)
	}
	if err := s.Reschedule(ctx, 987654, retry, 1, "x"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("reschedule unknown item: %v, want ErrNotFound", err)
	}
}

func testCompleteAndFail(t *testing.T, s store.Store) {
	site(t, s, "s")
	enqueue(t, s, "s", u("a.test", "/ok"), u("a.test", "/404"))
	items := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 2})
	must(t, s.Complete(ctx, items[0].ID))
	must(t, s.Fail(ctx, items[1].ID, "http 404"))
	// Neither comes back, even long after the leases would have expired.
	if got := lease(t, s, "s", store.LeaseRequest{Now: T0.Add(24 * time.Hour), Max: 10}); len(got) != 0 {
		t.Fatalf("finished items leased again: %v", urls(got))
	}
	c, err := s.FrontierCounts(ctx, "s", T0)
	must(t, err)
	if c.Done != 1 || c.Failed != 1 || c.Left() != 0 {
		t.Fatalf("counts %+v", c)
	}
	if err := s.Complete(ctx, 987654); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("complete unknown: %v", err)
	}
	if err := s.Fail(ctx, 987654, "x"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("fail unknown: %v", err)
	}
}

func testFrontierCounts(t *testing.T, s store.Store) {
	site(t, s, "s")
	site(t, s, "empty")
	w := u("a.test", "/wait")
	w.NotBefore = T0.Add(time.Hour)
	enqueue(t, s, "s", u("a.test", "/1"), u("a.test", "/2"), u("a.test", "/3"), u("a.test", "/4"), w)
	items := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 3})
	must(t, s.Complete(ctx, items[0].ID))
	must(t, s.Fail(ctx, items[1].ID, "boom"))
	c, err := s.FrontierCounts(ctx, "s", T0)
	must(t, err)
	want := store.FrontierCounts{Due: 1, Waiting: 1, Leased: 1, Done: 1, Failed: 1}
	if c != want {
		t.Fatalf("counts %+v, want %+v", c, want)
	}
	if c.Left() != 3 {
		t.Fatalf("Left %d, want 3", c.Left())
	}
	c, err = s.FrontierCounts(ctx, "empty", T0)
	must(t, err)
	if c != (store.FrontierCounts{}) {
		t.Fatalf("empty site counts %+v", c)
	}
}

func testValidators(t *testing.T, s store.Store) {
	const url = "https://a.test/page"
	v, err := s.GetValidators(ctx, url)
	must(t, err)
	if v != (store.HTTPValidators{}) {
		t.Fatalf("unknown URL validators %+v", v)
	}
	want := store.HTTPValidators{ETag: `W/"abc"`, LastModified: "Wed, 21 Oct 2026 07:28:00 GMT"}
	must(t, s.PutValidators(ctx, url, want))
	v, err = s.GetValidators(ctx, url)
	must(t, err)
	if v != want {
		t.Fatalf("got %+v, want %+v", v, want)
	}
	want2 := store.HTTPValidators{ETag: `"def"`}
	must(t, s.PutValidators(ctx, url, want2))
	v, err = s.GetValidators(ctx, url)
	must(t, err)
	if v != want2 {
		t.Fatalf("after replace got %+v, want %+v", v, want2)
	}
}

// Article builds a minimal valid article; mods adjust it.
func Article(url, hash string, mods ...func(*extract.Article)) *extract.Article {
	a := &extract.Article{
		SchemaVersion: extract.SchemaVersion,
		URL:           url,
		CanonicalURL:  url,
		Title:         "Title of " + url,
		Authors:       []string{},
		Tags:          []string{},
		Images:        []extract.Image{},
		Text:          "Body " + hash,
		Blocks:        []extract.Block{},
		Quotes:        []extract.Quote{},
		RelatedLinks:  []extract.RelatedLink{},
		Links:         []extract.Link{},
		ContentHash:   hash,
		Provenance:    map[string]string{},
		Warnings:      []string{},
	}
	for _, m := range mods {
		m(a)
	}
	return a
}

func published(t time.Time) func(*extract.Article) {
	return func(a *extract.Article) { a.PublishedAt = &t }
}

func save(t *testing.T, s store.Store, siteName string, a *extract.Article, at time.Time, item int64) store.SaveResult {
	t.Helper()
	r, err := s.SaveArticle(ctx, siteName, a, at, item)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func collect(t *testing.T, s store.Store, q store.ExportQuery) []store.ArticleRecord {
	t.Helper()
	var out []store.ArticleRecord
	for r, err := range s.ExportArticles(ctx, q) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func canon(recs []store.ArticleRecord) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.CanonicalURL)
	}
	return out
}

func testSaveVersions(t *testing.T, s store.Store) {
	site(t, s, "s")
	const url = "https://a.test/story"
	pub := T0.Add(-time.Hour).In(time.FixedZone("IST", 19800))
	r := save(t, s, "s", Article(url, "h1", published(pub)), T0, 0)
	if r.Outcome != store.OutcomeNew || r.Version != 1 || r.ArticleID == 0 {
		t.Fatalf("first save %+v", r)
	}
	r2 := save(t, s, "s", Article(url, "h1"), T0.Add(time.Hour), 0)
	if r2.Outcome != store.OutcomeUnchanged || r2.Version != 1 || r2.ArticleID != r.ArticleID {
		t.Fatalf("same content %+v, want unchanged v1", r2)
	}
	recs := collect(t, s, store.ExportQuery{})
	if len(recs) != 1 || !recs[0].FetchedAt.Equal(T0) {
		t.Fatalf("unchanged content stored a new version: %+v", recs)
	}
	edited := Article(url, "h2", published(pub), func(a *extract.Article) { a.Title = "Corrected title" })
	r3 := save(t, s, "s", edited, T0.Add(2*time.Hour), 0)
	if r3.Outcome != store.OutcomeUpdated || r3.Version != 2 || r3.ArticleID != r.ArticleID {
		t.Fatalf("changed content %+v, want updated v2", r3)
	}
	recs = collect(t, s, store.ExportQuery{})
	if len(recs) != 1 {
		t.Fatalf("export has %d records, want the latest version only", len(recs))
	}
	g := recs[0]
	if g.Version != 2 || g.ContentHash != "h2" || g.Site != "s" || g.URL != url || g.CanonicalURL != url || g.ArticleID != r.ArticleID {
		t.Fatalf("latest record %+v", g)
	}
	if !g.FirstSeenAt.Equal(T0) || !g.FetchedAt.Equal(T0.Add(2*time.Hour)) {
		t.Fatalf("first_seen %v fetched %v: first_seen_at must be kept", g.FirstSeenAt, g.FetchedAt)
	}
	if g.PublishedAt == nil || !g.PublishedAt.Equal(pub) {
		t.Fatalf("published_at %v, want %v", g.PublishedAt, pub)
	}
	if g.Article == nil || g.Article.Title != "Corrected title" || g.Article.SchemaVersion != extract.SchemaVersion {
		t.Fatalf("decoded article %+v", g.Article)
	}
	// The Article JSON keeps the offset the page stated.
	if _, off := g.Article.PublishedAt.Zone(); off != 19800 {
		t.Fatalf("published offset %d, want 19800", off)
	}
	// A misparsed far-future date is kept in the JSON but not used as a
	// published time.
	far := time.Date(2500, 1, 1, 0, 0, 0, 0, time.UTC)
	save(t, s, "s", Article("https://a.test/far", "far", published(far)), T0, 0)
	if got := collect(t, s, store.ExportQuery{Site: "s", TimeField: store.ByPublished, Since: T0}); len(got) != 0 {
		t.Fatalf("year 2500 matched a published filter: %v", canon(got))
	}
	for _, r := range collect(t, s, store.ExportQuery{Site: "s"}) {
		if r.CanonicalURL == "https://a.test/far" && (r.PublishedAt != nil || !r.Article.PublishedAt.Equal(far)) {
			t.Fatalf("far date: record %v, article %v", r.PublishedAt, r.Article.PublishedAt)
		}
	}
	// Canonical URL is the key, not the fetched URL.
	moved := Article("https://a.test/story?page=1", "h2", func(a *extract.Article) { a.CanonicalURL = url })
	if r := save(t, s, "s", moved, T0.Add(3*time.Hour), 0); r.Outcome != store.OutcomeUnchanged {
		t.Fatalf("same canonical URL from another URL: %+v", r)
	}
}

func testSaveAtomic(t *testing.T, s store.Store) {
	site(t, s, "s")
	enqueue(t, s, "s", u("a.test", "/story"))
	it := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 1})[0]
	save(t, s, "s", Article(it.URL, "h"), T0, it.ID)
	c, err := s.FrontierCounts(ctx, "s", T0.Add(time.Hour))
	must(t, err)
	if c.Done != 1 || c.Left() != 0 {
		t.Fatalf("after save the item is not done: %+v", c)
	}
	// An unknown frontier item rolls the whole save back.
	_, err = s.SaveArticle(ctx, "s", Article("https://a.test/other", "h-other"), T0, 987654)
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("save with unknown item: %v, want ErrNotFound", err)
	}
	if recs := collect(t, s, store.ExportQuery{}); len(recs) != 1 {
		t.Fatalf("failed save left an article behind: %v", canon(recs))
	}
	if r := save(t, s, "s", Article("https://a.test/other", "h-other"), T0, 0); r.Outcome != store.OutcomeNew {
		t.Fatalf("after rollback the article is %s, want new", r.Outcome)
	}
	// Unchanged and duplicate saves mark their item done too.
	enqueue(t, s, "s", u("a.test", "/story-again"), u("a.test", "/syndicated"))
	items := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 2})
	for _, it := range items {
		save(t, s, "s", Article(it.URL, "h", func(a *extract.Article) {
			if it.URL == "https://a.test/story-again" {
				a.CanonicalURL = "https://a.test/story"
			}
		}), T0, it.ID)
	}
	c, err = s.FrontierCounts(ctx, "s", T0)
	must(t, err)
	if c.Done != 3 || c.Left() != 0 {
		t.Fatalf("unchanged/duplicate saves did not complete their items: %+v", c)
	}
}

func testSaveDuplicate(t *testing.T, s store.Store) {
	site(t, s, "s")
	site(t, s, "other")
	orig := save(t, s, "s", Article("https://a.test/original", "same"), T0, 0)
	dup := save(t, s, "s", Article("https://a.test/syndicated-copy", "same"), T0.Add(time.Minute), 0)
	if dup.Outcome != store.OutcomeDuplicate || dup.ArticleID != orig.ArticleID || dup.DuplicateOf != "https://a.test/original" {
		t.Fatalf("duplicate %+v, want duplicate of the original", dup)
	}
	again := save(t, s, "s", Article("https://a.test/syndicated-copy", "same"), T0.Add(time.Hour), 0)
	if again.Outcome != store.OutcomeDuplicate {
		t.Fatalf("duplicate seen again: %+v", again)
	}
	if recs := collect(t, s, store.ExportQuery{Site: "s"}); len(recs) != 1 {
		t.Fatalf("export holds %v, want the original only", canon(recs))
	}
	// Duplicates are per site.
	if r := save(t, s, "other", Article("https://b.test/copy", "same"), T0, 0); r.Outcome != store.OutcomeNew {
		t.Fatalf("same hash on another site: %s, want new", r.Outcome)
	}
	// An empty hash never matches.
	save(t, s, "s", Article("https://a.test/nohash1", ""), T0, 0)
	if r := save(t, s, "s", Article("https://a.test/nohash2", ""), T0, 0); r.Outcome != store.OutcomeNew {
		t.Fatalf("empty hash treated as duplicate: %+v", r)
	}
}

func testExportFilters(t *testing.T, s store.Store) {
	site(t, s, "s")
	site(t, s, "other")
	day := 24 * time.Hour
	// Fetched on days 0..4, published the day before each fetch; "nodate"
	// has no published date.
	for i := range 5 {
		save(t, s, "s", Article(fmt.Sprintf("https://a.test/%d", i), fmt.Sprint("h", i), published(T0.Add(time.Duration(i-1)*day))), T0.Add(time.Duration(i)*day), 0)
	}
	save(t, s, "s", Article("https://a.test/nodate", "hn"), T0.Add(2*day), 0)
	save(t, s, "other", Article("https://b.test/x", "hx"), T0, 0)

	tests := []struct {
		name string
		q    store.ExportQuery
		want []string
	}{
		{"all", store.ExportQuery{}, []string{"https://a.test/0", "https://a.test/1", "https://a.test/2", "https://a.test/3", "https://a.test/4", "https://a.test/nodate", "https://b.test/x"}},
		{"site", store.ExportQuery{Site: "other"}, []string{"https://b.test/x"}},
		{"fetched since", store.ExportQuery{Site: "s", Since: T0.Add(3 * day)}, []string{"https://a.test/3", "https://a.test/4"}},
		{"fetched until exclusive", store.ExportQuery{Site: "s", Until: T0.Add(day)}, []string{"https://a.test/0"}},
		{"fetched window", store.ExportQuery{Site: "s", Since: T0.Add(day), Until: T0.Add(3 * day)}, []string{"https://a.test/1", "https://a.test/2", "https://a.test/nodate"}},
		{"published window", store.ExportQuery{Site: "s", TimeField: store.ByPublished, Since: T0, Until: T0.Add(2 * day)}, []string{"https://a.test/1", "https://a.test/2"}},
		{"published since excludes undated", store.ExportQuery{Site: "s", TimeField: store.ByPublished, Since: T0.Add(-10 * day)}, []string{"https://a.test/0", "https://a.test/1", "https://a.test/2", "https://a.test/3", "https://a.test/4"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs := collect(t, s, tc.q)
			if got := canon(recs); !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := 1; i < len(recs); i++ {
				if recs[i].Position <= recs[i-1].Position {
					t.Fatalf("positions not increasing: %d then %d", recs[i-1].Position, recs[i].Position)
				}
			}
		})
	}
	if _, err := collectErr(s, store.ExportQuery{Site: "nosuch"}); !errors.Is(err, store.ErrUnknownSite) {
		t.Fatalf("export of unknown site: %v, want ErrUnknownSite", err)
	}
}

func collectErr(s store.Store, q store.ExportQuery) ([]store.ArticleRecord, error) {
	var out []store.ArticleRecord
	for r, err := range s.ExportArticles(ctx, q) {
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

func testExportBatches(t *testing.T, s store.Store) {
	site(t, s, "s")
	site(t, s, "noise")
	var want []string
	for i := range 23 {
		url := fmt.Sprintf("https://a.test/%02d", i)
		save(t, s, "s", Article(url, url), T0.Add(time.Duration(i)*time.Second), 0)
		want = append(want, url)
		// Interleave another site's rows so pages of "s" are not contiguous.
		save(t, s, "noise", Article(fmt.Sprintf("https://n.test/%02d", i), url), T0, 0)
	}
	// Update a few so superseded versions sit between the latest ones.
	for _, i := range []int{0, 7, 15} {
		save(t, s, "s", Article(want[i], want[i]+"-v2"), T0.Add(time.Hour), 0)
	}
	wantOrder := slices.Concat(slices.DeleteFunc(slices.Clone(want), func(u string) bool {
		return u == want[0] || u == want[7] || u == want[15]
	}), []string{want[0], want[7], want[15]})
	for _, batch := range []int{1, 2, 5, 10, 22, 23, 24, 1000} {
		t.Run(fmt.Sprint("batch", batch), func(t *testing.T) {
			got := canon(collect(t, s, store.ExportQuery{Site: "s", BatchSize: batch}))
			if !slices.Equal(got, wantOrder) {
				t.Fatalf("batch %d: got %v, want %v", batch, got, wantOrder)
			}
		})
	}
}

func testExportRawAndStop(t *testing.T, s store.Store) {
	site(t, s, "s")
	for i := range 5 {
		save(t, s, "s", Article(fmt.Sprint("https://a.test/", i), fmt.Sprint(i)), T0, 0)
	}
	n := 0
	for r, err := range s.ExportArticles(ctx, store.ExportQuery{RawOnly: true, BatchSize: 2}) {
		must(t, err)
		if r.Article != nil || len(r.JSON) == 0 || r.JSON[0] != '{' {
			t.Fatalf("raw record: article %v, json %q", r.Article, r.JSON)
		}
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Fatalf("iterated %d, want to stop at 3", n)
	}
}

// testExportWhileWriting writes from inside the export loop, as an
// exporter that records progress would: the iterator must hold no lock or
// connection the writer needs while the caller has a record.
func testExportWhileWriting(t *testing.T, s store.Store) {
	site(t, s, "s")
	site(t, s, "w")
	for i := range 30 {
		save(t, s, "s", Article(fmt.Sprint("https://a.test/", i), fmt.Sprint(i)), T0, 0)
	}
	n := 0
	for r, err := range s.ExportArticles(ctx, store.ExportQuery{Site: "s", BatchSize: 7}) {
		must(t, err)
		save(t, s, "w", Article(fmt.Sprint("https://w.test/", n), fmt.Sprint("w", n)), T0, 0)
		must(t, s.SetExportCursor(ctx, "progress", r.Position))
		n++
	}
	if n != 30 {
		t.Fatalf("exported %d while writing, want 30", n)
	}
	if got := collect(t, s, store.ExportQuery{Site: "w"}); len(got) != 30 {
		t.Fatalf("writes during export: %d stored, want 30", len(got))
	}
}

func testExportUpdatedAfterCursor(t *testing.T, s store.Store) {
	site(t, s, "s")
	save(t, s, "s", Article("https://a.test/1", "a"), T0, 0)
	save(t, s, "s", Article("https://a.test/2", "b"), T0, 0)
	recs := collect(t, s, store.ExportQuery{})
	last := recs[len(recs)-1].Position
	if got := collect(t, s, store.ExportQuery{After: last}); len(got) != 0 {
		t.Fatalf("nothing new, got %v", canon(got))
	}
	save(t, s, "s", Article("https://a.test/1", "a2"), T0.Add(time.Hour), 0)
	save(t, s, "s", Article("https://a.test/3", "c"), T0.Add(time.Hour), 0)
	save(t, s, "s", Article("https://a.test/2", "b"), T0.Add(time.Hour), 0) // unchanged
	got := collect(t, s, store.ExportQuery{After: last})
	if want := []string{"https://a.test/1", "https://a.test/3"}; !slices.Equal(canon(got), want) {
		t.Fatalf("after cursor got %v, want %v (the update and the new one)", canon(got), want)
	}
}

func testExportCursors(t *testing.T, s store.Store) {
	p, err := s.GetExportCursor(ctx, "daily")
	must(t, err)
	if p != 0 {
		t.Fatalf("unset cursor %d, want 0", p)
	}
	must(t, s.SetExportCursor(ctx, "daily", 42))
	must(t, s.SetExportCursor(ctx, "weekly", 7))
	must(t, s.SetExportCursor(ctx, "daily", 99))
	for name, want := range map[string]int64{"daily": 99, "weekly": 7} {
		p, err := s.GetExportCursor(ctx, name)
		must(t, err)
		if p != want {
			t.Fatalf("cursor %s = %d, want %d", name, p, want)
		}
	}
}

func testRuns(t *testing.T, s store.Store) {
	site(t, s, "s")
	site(t, s, "other")
	r1, err := s.StartRun(ctx, "s", T0)
	must(t, err)
	r2, err := s.StartRun(ctx, "other", T0.Add(time.Minute))
	must(t, err)
	r3, err := s.StartRun(ctx, "s", T0.Add(2*time.Minute))
	must(t, err)
	res := store.RunResult{EndedAt: T0.Add(10 * time.Minute), PagesFetched: 120, ArticlesNew: 30, ArticlesUpdated: 4, Errors: 2, Status: store.RunOK}
	must(t, s.FinishRun(ctx, r1, res))
	must(t, s.FinishRun(ctx, r2, store.RunResult{EndedAt: T0.Add(11 * time.Minute), Status: store.RunInterrupted}))

	all, err := s.RecentRuns(ctx, "", 10)
	must(t, err)
	var ids []int64
	for _, r := range all {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []int64{r3, r2, r1}) {
		t.Fatalf("recent runs %v, want newest first %v", ids, []int64{r3, r2, r1})
	}
	if all[0].Status != store.RunRunning || !all[0].EndedAt.IsZero() || all[0].Site != "s" {
		t.Fatalf("running run %+v", all[0])
	}
	got := all[2]
	want := store.Run{ID: r1, Site: "s", StartedAt: T0, Status: store.RunOK, EndedAt: res.EndedAt,
		PagesFetched: 120, ArticlesNew: 30, ArticlesUpdated: 4, Errors: 2}
	if got != want {
		t.Fatalf("finished run %+v, want %+v", got, want)
	}
	only, err := s.RecentRuns(ctx, "s", 1)
	must(t, err)
	if len(only) != 1 || only[0].ID != r3 {
		t.Fatalf("site filter with limit 1: %+v", only)
	}
	if err := s.FinishRun(ctx, 987654, res); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("finish unknown run: %v", err)
	}
	if err := s.FinishRun(ctx, r3, store.RunResult{Status: "bogus"}); err == nil {
		t.Fatal("invalid status accepted")
	}
}

func testHealth(t *testing.T, s store.Store) {
	site(t, s, "news")
	site(t, s, "quiet")
	now := T0.Add(48 * time.Hour)
	full := func(a *extract.Article) {
		a.Authors = []string{"A. Writer"}
		a.Images = []extract.Image{{URL: "https://a.test/i.jpg", Caption: "A caption", Lead: true}}
		a.Quotes = []extract.Quote{{Text: "We will", Speaker: "Minister"}}
	}
	// In the window: 4 articles, with various facts present.
	save(t, s, "news", Article("https://a.test/1", "1", full, published(now)), now.Add(-time.Hour), 0)
	save(t, s, "news", Article("https://a.test/2", "2", published(now)), now.Add(-2*time.Hour), 0)
	save(t, s, "news", Article("https://a.test/3", "3", func(a *extract.Article) {
		a.Title = ""
		a.Images = []extract.Image{{URL: "https://a.test/j.jpg", Lead: false, Caption: "in body"}}
	}), now.Add(-23*time.Hour), 0)
	save(t, s, "news", Article("https://a.test/4", "4", func(a *extract.Article) {
		a.Images = []extract.Image{{URL: "https://a.test/k.jpg", Lead: true}}
	}), now, 0)
	// Outside: first seen 25 h ago, even if updated since.
	save(t, s, "news", Article("https://a.test/old", "o"), now.Add(-25*time.Hour), 0)
	save(t, s, "news", Article("https://a.test/old", "o2", full), now.Add(-time.Minute), 0)
	// A future article (clock skew) is outside too.
	save(t, s, "news", Article("https://a.test/future", "f"), now.Add(time.Hour), 0)

	must(t, s.LogFetch(ctx, store.Fetch{Site: "news", URL: "https://a.test/1", StatusCode: 200, Bytes: 5000, Duration: 120 * time.Millisecond, StartedAt: now.Add(-time.Hour)}))
	must(t, s.LogFetch(ctx, store.Fetch{Site: "news", URL: "https://a.test/x", StatusCode: 404, StartedAt: now.Add(-time.Hour)}))
	must(t, s.LogFetch(ctx, store.Fetch{Site: "news", URL: "https://a.test/y", Err: "dial tcp: timeout", StartedAt: now.Add(-time.Hour)}))
	must(t, s.LogFetch(ctx, store.Fetch{Site: "news", URL: "https://a.test/z", StatusCode: 500, StartedAt: now.Add(-30 * time.Hour)}))
	if err := s.LogFetch(ctx, store.Fetch{Site: "nosuch", URL: "x", StartedAt: now}); !errors.Is(err, store.ErrUnknownSite) {
		t.Fatalf("log fetch for unknown site: %v", err)
	}
	run, err := s.StartRun(ctx, "news", now.Add(-time.Hour))
	must(t, err)
	must(t, s.LogFetch(ctx, store.Fetch{Site: "news", RunID: run, URL: "https://a.test/r", StatusCode: 304, StartedAt: now.Add(-time.Minute)}))

	hs, err := s.Health(ctx, now)
	must(t, err)
	if len(hs) != 2 || hs[0].Site != "news" || hs[1].Site != "quiet" {
		t.Fatalf("health sites %+v", hs)
	}
	got := hs[0]
	if got.LastRun == nil || got.LastRun.ID != run {
		t.Fatalf("last run %+v, want %d", got.LastRun, run)
	}
	got.LastRun = nil
	want := store.SiteHealth{Site: "news", Articles24h: 4, WithTitle: 3, WithPublished: 2, WithAuthor: 1,
		WithLeadImage: 2, WithCaption: 2, WithQuotes: 1, Fetches24h: 4, FetchErrors24h: 2}
	if got != want {
		t.Fatalf("health\n got %+v\nwant %+v", got, want)
	}
	if sh := want.Share(want.WithTitle); sh != 0.75 {
		t.Fatalf("share %v", sh)
	}
	if q := hs[1]; q.Articles24h != 0 || q.LastRun != nil || q.Share(q.WithTitle) != 0 {
		t.Fatalf("quiet site %+v", q)
	}
}

func testSiteLock(t *testing.T, s store.Store) {
	site(t, s, "s")
	site(t, s, "t")
	ttl := time.Minute
	must(t, s.AcquireSiteLock(ctx, "s", "proc-a", T0, ttl))
	if err := s.AcquireSiteLock(ctx, "s", "proc-b", T0.Add(time.Second), ttl); !errors.Is(err, store.ErrSiteLocked) {
		t.Fatalf("second owner: %v, want ErrSiteLocked", err)
	}
	must(t, s.AcquireSiteLock(ctx, "t", "proc-b", T0, ttl)) // other sites are independent
	must(t, s.AcquireSiteLock(ctx, "s", "proc-a", T0.Add(time.Second), ttl))
	must(t, s.RenewSiteLock(ctx, "s", "proc-a", T0.Add(50*time.Second), ttl))
	// Renewed until T0+110s: still locked at T0+100s.
	if err := s.AcquireSiteLock(ctx, "s", "proc-b", T0.Add(100*time.Second), ttl); !errors.Is(err, store.ErrSiteLocked) {
		t.Fatalf("after renew: %v, want ErrSiteLocked", err)
	}
	// proc-a stops renewing (killed): after expiry proc-b takes over.
	must(t, s.AcquireSiteLock(ctx, "s", "proc-b", T0.Add(111*time.Second), ttl))
	if err := s.RenewSiteLock(ctx, "s", "proc-a", T0.Add(112*time.Second), ttl); !errors.Is(err, store.ErrLockLost) {
		t.Fatalf("renew by old owner: %v, want ErrLockLost", err)
	}
	if err := s.ReleaseSiteLock(ctx, "s", "proc-a"); !errors.Is(err, store.ErrLockLost) {
		t.Fatalf("release by old owner: %v, want ErrLockLost", err)
	}
	must(t, s.ReleaseSiteLock(ctx, "s", "proc-b"))
	must(t, s.AcquireSiteLock(ctx, "s", "proc-c", T0.Add(113*time.Second), ttl))
	if err := s.AcquireSiteLock(ctx, "nosuch", "proc-a", T0, ttl); !errors.Is(err, store.ErrUnknownSite) {
		t.Fatalf("unknown site: %v", err)
	}
}

// testSiteLockTakeover: a killed owner stops its heartbeat; the next owner
// takes the lock after the short ttl and gets the dead owner's leases back
// at once, although they were leased for much longer.
func testSiteLockTakeover(t *testing.T, s store.Store) {
	site(t, s, "s")
	site(t, s, "t")
	hb := 5 * time.Second
	enqueue(t, s, "s", u("a.test", "/1"), u("a.test", "/2"), u("b.test", "/3"), u("a.test", "/4"))
	enqueue(t, s, "t", u("a.test", "/t1"))
	must(t, s.AcquireSiteLock(ctx, "s", "dead", T0, hb))
	must(t, s.AcquireSiteLock(ctx, "t", "other", T0, hb))
	deadItems := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 3, LeaseFor: time.Hour, Owner: "dead"})
	otherItems := lease(t, s, "t", store.LeaseRequest{Now: T0, Max: 1, LeaseFor: time.Hour, Owner: "other"})
	if len(deadItems) != 3 || len(otherItems) != 1 {
		t.Fatalf("leased %d and %d, want 3 and 1", len(deadItems), len(otherItems))
	}
	// Re-acquiring one's own lock (the heartbeat) releases nothing.
	must(t, s.AcquireSiteLock(ctx, "s", "dead", T0.Add(time.Second), hb))
	c, err := s.FrontierCounts(ctx, "s", T0.Add(time.Second))
	must(t, err)
	if c.Leased != 3 {
		t.Fatalf("after own re-acquire %+v, want 3 leased", c)
	}
	// Heartbeat still fresh: no takeover, nothing released.
	if err := s.AcquireSiteLock(ctx, "s", "next", T0.Add(5*time.Second), hb); !errors.Is(err, store.ErrSiteLocked) {
		t.Fatalf("takeover of a live lock: %v, want ErrSiteLocked", err)
	}
	c, err = s.FrontierCounts(ctx, "s", T0.Add(5*time.Second))
	must(t, err)
	if c.Leased != 3 || c.Due != 1 {
		t.Fatalf("after a refused takeover %+v, want 3 leased, 1 due", c)
	}
	// The heartbeat stopped at T0+1s: at T0+6s the lock is taken over and
	// the dead owner's three items are due at once, not in an hour.
	now := T0.Add(6 * time.Second)
	must(t, s.AcquireSiteLock(ctx, "s", "next", now, hb))
	c, err = s.FrontierCounts(ctx, "s", now)
	must(t, err)
	if c.Leased != 0 || c.Due != 4 {
		t.Fatalf("after takeover %+v, want 4 due, none leased", c)
	}
	got := lease(t, s, "s", store.LeaseRequest{Now: now, Max: 10, Owner: "next"})
	if len(got) != 4 {
		t.Fatalf("new owner leased %v, want all 4", urls(got))
	}
	for _, it := range got {
		if it.Attempts != 0 {
			t.Errorf("%s: attempts %d after a takeover, want 0", it.URL, it.Attempts)
		}
	}
	// The old owner, should it still be alive, can lease nothing more.
	if _, err := s.Lease(ctx, "s", store.LeaseRequest{Now: now, Max: 1, LeaseFor: time.Minute, Owner: "dead"}); !errors.Is(err, store.ErrLockLost) {
		t.Fatalf("lease by the old owner: %v, want ErrLockLost", err)
	}
	// Another site's leases are untouched.
	ct, err := s.FrontierCounts(ctx, "t", now)
	must(t, err)
	if ct.Leased != 1 {
		t.Fatalf("other site %+v, want its lease kept", ct)
	}
	// A clean release followed by a new owner also frees leftover leases
	// (a crawl interrupted by a signal releases its lock but not its
	// in-flight items).
	must(t, s.ReleaseSiteLock(ctx, "s", "next"))
	must(t, s.AcquireSiteLock(ctx, "s", "third", now.Add(time.Second), hb))
	c, err = s.FrontierCounts(ctx, "s", now.Add(time.Second))
	must(t, err)
	if c.Leased != 0 || c.Due != 4 {
		t.Fatalf("after release and new owner %+v, want 4 due", c)
	}
}

// testLeaseOwnerNeedsLock: Lease with an Owner checks the site lock.
func testLeaseOwnerNeedsLock(t *testing.T, s store.Store) {
	site(t, s, "s")
	enqueue(t, s, "s", u("a.test", "/1"), u("a.test", "/2"))
	if _, err := s.Lease(ctx, "s", store.LeaseRequest{Now: T0, Max: 1, LeaseFor: time.Minute, Owner: "a"}); !errors.Is(err, store.ErrLockLost) {
		t.Fatalf("lease without the lock: %v, want ErrLockLost", err)
	}
	must(t, s.AcquireSiteLock(ctx, "s", "b", T0, time.Minute))
	if _, err := s.Lease(ctx, "s", store.LeaseRequest{Now: T0, Max: 1, LeaseFor: time.Minute, Owner: "a"}); !errors.Is(err, store.ErrLockLost) {
		t.Fatalf("lease under another's lock: %v, want ErrLockLost", err)
	}
	if got := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 1, Owner: "b"}); len(got) != 1 {
		t.Fatalf("holder leased %d, want 1", len(got))
	}
	// No owner: no check (callers outside the lock protocol).
	if got := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 1}); len(got) != 1 {
		t.Fatalf("ownerless lease got %d, want 1", len(got))
	}
}

// testRevisit: done listing pages up to a depth are queued again; articles
// (enqueued as such or saved by SaveArticle), failed, deeper and open
// items are not.
func testRevisit(t *testing.T, s store.Store) {
	site(t, s, "s")
	site(t, s, "t")
	page := func(path string, depth int, kind store.Kind) store.NewURL {
		n := u("a.test", path)
		n.Kind, n.Depth = kind, depth
		return n
	}
	enqueue(t, s, "s",
		page("/section", 1, store.KindPage),
		page("/section/sub", 2, store.KindPage),
		page("/deep", 3, store.KindPage),
		page("/feed.xml", 1, store.KindFeed),
		page("/news/1", 2, store.KindArticle),
		page("/looks-like-page", 2, store.KindPage), // saved as an article
		page("/gone", 1, store.KindPage),            // failed
		page("/report.pdf", 1, store.KindPage),      // completed as KindOther
		page("/open", 1, store.KindPage),            // never leased
	)
	enqueue(t, s, "t", page("/other-site", 1, store.KindPage))
	items := lease(t, s, "s", store.LeaseRequest{Now: T0, Max: 8})
	if len(items) != 8 {
		t.Fatalf("leased %d, want 8", len(items))
	}
	byURL := map[string]store.Item{}
	for _, it := range items {
		byURL[it.URL] = it
	}
	if _, ok := byURL["https://a.test/open"]; ok {
		t.Fatal("leased /open; the test needs it never leased")
	}
	for _, it := range items {
		switch it.URL {
		case "https://a.test/looks-like-page", "https://a.test/news/1":
			save(t, s, "s", Article(it.URL, "h"+it.URL), T0, it.ID)
		case "https://a.test/gone":
			must(t, s.Fail(ctx, it.ID, "404"))
		case "https://a.test/report.pdf":
			must(t, s.CompleteAs(ctx, it.ID, store.KindOther))
		default:
			must(t, s.Complete(ctx, it.ID))
		}
	}
	tl := lease(t, s, "t", store.LeaseRequest{Now: T0, Max: 1})
	must(t, s.Complete(ctx, tl[0].ID))
	// Before the open item is leased again, Revisit must leave it alone.
	due := T0.Add(time.Hour)
	n, err := s.Revisit(ctx, "s", 2, due)
	must(t, err)
	if n != 3 {
		t.Errorf("Revisit queued %d, want 3 (/section, /section/sub, /feed.xml)", n)
	}
	if got := lease(t, s, "s", store.LeaseRequest{Now: due.Add(-time.Second), Max: 10}); len(got) != 1 || got[0].URL != "https://a.test/open" {
		t.Fatalf("before notBefore leased %v, want only /open", urls(got))
	}
	got := urls(lease(t, s, "s", store.LeaseRequest{Now: due, Max: 10}))
	slices.Sort(got)
	want := []string{"https://a.test/feed.xml", "https://a.test/section", "https://a.test/section/sub"}
	if !slices.Equal(got, want) {
		t.Errorf("after Revisit leased %v, want %v", got, want)
	}
	c, err := s.FrontierCounts(ctx, "s", due)
	must(t, err)
	if c.Done != 4 || c.Failed != 1 {
		t.Errorf("counts %+v, want /deep, /report.pdf and the two articles still done, /gone failed", c)
	}
	if err := s.CompleteAs(ctx, 1<<40, store.KindOther); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("CompleteAs of a missing item: %v, want ErrNotFound", err)
	}
	// Other sites are untouched; an unknown site is an error.
	if n, err := s.Revisit(ctx, "t", 0, due); err != nil || n != 0 {
		t.Errorf("Revisit of t at depth 0 = %d, %v; want 0 (its page is at depth 1)", n, err)
	}
	if _, err := s.Revisit(ctx, "nosuch", 2, due); !errors.Is(err, store.ErrUnknownSite) {
		t.Errorf("unknown site: %v", err)
	}
}

// testConcurrent runs what 8 crawler workers do at once; run it with -race.
func testConcurrent(t *testing.T, s store.Store) {
	site(t, s, "s")
	const workers, per = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range per {
				url := fmt.Sprintf("https://a.test/w%d/%d", w, i)
				if _, err := s.Enqueue(ctx, "s", []store.NewURL{u("a.test", fmt.Sprintf("/w%d/%d", w, i)), u("a.test", "/shared")}); err != nil {
					errs <- err
					return
				}
				if _, err := s.SaveArticle(ctx, "s", Article(url, url), T0, 0); err != nil {
					errs <- err
					return
				}
				if err := s.LogFetch(ctx, store.Fetch{Site: "s", URL: url, StatusCode: 200, StartedAt: T0}); err != nil {
					errs <- err
					return
				}
				if _, err := s.GetValidators(ctx, url); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	leased := map[int64]bool{}
	var mu sync.Mutex
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				items, err := s.Lease(ctx, "s", store.LeaseRequest{Now: T0, Max: 5, LeaseFor: time.Hour})
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				for _, it := range items {
					if leased[it.ID] {
						errs <- fmt.Errorf("item %d leased twice", it.ID)
					}
					leased[it.ID] = true
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if recs := collect(t, s, store.ExportQuery{}); len(recs) != workers*per {
		t.Fatalf("stored %d articles, want %d", len(recs), workers*per)
	}
	c, err := s.FrontierCounts(ctx, "s", T0)
	must(t, err)
	if total := c.Due + c.Leased; total != workers*per+1 {
		t.Fatalf("frontier holds %d, want %d", total, workers*per+1)
	}
}

func testClosed(t *testing.T, s store.Store) {
	site(t, s, "s")
	must(t, s.Close())
	if _, err := s.UpsertSite(ctx, "x"); !errors.Is(err, store.ErrClosed) {
		t.Fatalf("upsert after close: %v", err)
	}
	if _, err := s.Lease(ctx, "s", store.LeaseRequest{Now: T0, Max: 1, LeaseFor: time.Minute}); !errors.Is(err, store.ErrClosed) {
		t.Fatalf("lease after close: %v", err)
	}
	if _, err := collectErr(s, store.ExportQuery{}); !errors.Is(err, store.ErrClosed) {
		t.Fatalf("export after close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
}
