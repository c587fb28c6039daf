package sqlite_test

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsclip/newsclip/store"
	"github.com/newsclip/newsclip/store/sqlite"
	"github.com/newsclip/newsclip/store/storetest"
)

func open(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "newsclip.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

var ctx = context.Background()

func openPath(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestTwoInstances opens one database twice, as two newsclip processes
// would: the site lock keeps them apart, and what one writes the other
// sees; concurrent writers wait on busy_timeout instead of failing.
func TestTwoInstances(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a, b := openPath(t, path), openPath(t, path)
	t0 := storetest.T0
	idA, err := a.UpsertSite(ctx, "s")
	if err != nil {
		t.Fatal(err)
	}
	idB, err := b.UpsertSite(ctx, "s")
	if err != nil {
		t.Fatal(err)
	}
	if idA != idB {
		t.Fatalf("site ids differ: %d vs %d", idA, idB)
	}
	if err := a.AcquireSiteLock(ctx, "s", "pid-1", t0, time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := b.AcquireSiteLock(ctx, "s", "pid-2", t0, time.Minute); !errors.Is(err, store.ErrSiteLocked) {
		t.Fatalf("second process: %v, want ErrSiteLocked", err)
	}
	if _, err := a.Enqueue(ctx, "s", []store.NewURL{{URL: "https://a.test/1", Host: "a.test"}}); err != nil {
		t.Fatal(err)
	}
	c, err := b.FrontierCounts(ctx, "s", t0)
	if err != nil {
		t.Fatal(err)
	}
	if c.Due != 1 {
		t.Fatalf("other instance sees %+v, want 1 due", c)
	}
	// a is killed without releasing; b takes over after expiry and resumes
	// a's frontier.
	if err := b.AcquireSiteLock(ctx, "s", "pid-2", t0.Add(time.Minute), time.Minute); err != nil {
		t.Fatal(err)
	}
	items, err := b.Lease(ctx, "s", store.LeaseRequest{Now: t0.Add(time.Minute), Max: 5, LeaseFor: time.Minute})
	if err != nil || len(items) != 1 {
		t.Fatalf("lease in other instance: %v, %v", items, err)
	}
	if err := a.RenewSiteLock(ctx, "s", "pid-1", t0.Add(time.Minute), time.Minute); !errors.Is(err, store.ErrLockLost) {
		t.Fatalf("renew by the old process: %v, want ErrLockLost", err)
	}

	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for i, s := range []*sqlite.Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 100 {
				url := fmt.Sprintf("https://a.test/p%d/%d", i, j)
				if _, err := s.SaveArticle(ctx, "s", storetest.Article(url, url), t0, 0); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent writers in two instances: %v", err)
	}
}

// TestReopen checks that data and the schema version survive a reopen and
// that a database from a newer program is refused.
func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpsertSite(ctx, "s"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveArticle(ctx, "s", storetest.Article("https://a.test/1", "h"), storetest.T0, 0); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = openPath(t, path)
	r, err := s.SaveArticle(ctx, "s", storetest.Article("https://a.test/1", "h"), storetest.T0, 0)
	if err != nil || r.Outcome != store.OutcomeUnchanged {
		t.Fatalf("after reopen: %+v, %v", r, err)
	}
	s.Close()

	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow(`SELECT version FROM schema_version`).Scan(&v); err != nil || v < 1 {
		t.Fatalf("schema_version %d, %v", v, err)
	}
	if _, err := db.Exec(`UPDATE schema_version SET version = 999`); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Open(ctx, path); !errors.Is(err, sqlite.ErrSchemaTooNew) {
		t.Fatalf("open newer schema: %v, want ErrSchemaTooNew", err)
	}
}

const crashEnv = "NEWSCLIP_STORE_CRASH_DB"

// TestCrashHelper is the child of TestKill9: it crawls a fake site into the
// database forever, until it is killed.
func TestCrashHelper(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("child process of TestKill9")
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpsertSite(ctx, "s"); err != nil {
		t.Fatal(err)
	}
	now := storetest.T0
	for i := 0; ; i++ {
		var batch []store.NewURL
		for j := range 10 {
			batch = append(batch, store.NewURL{URL: fmt.Sprintf("https://a.test/%d/%d", i, j), Host: "a.test"})
		}
		if _, err := s.Enqueue(ctx, "s", batch); err != nil {
			t.Fatal(err)
		}
		items, err := s.Lease(ctx, "s", store.LeaseRequest{Now: now, Max: 10, LeaseFor: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if _, err := s.SaveArticle(ctx, "s", storetest.Article(it.URL, it.URL), now, it.ID); err != nil {
				t.Fatal(err)
			}
		}
		if i == 20 {
			fmt.Println("ready")
		}
	}
}

// TestKill9 kills a writing process with SIGKILL at an arbitrary moment and
// checks that the database is intact and consistent: every stored article
// has its frontier item done (SaveArticle is one transaction), and every
// article has exactly one latest version.
func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	for round := range 3 {
		path := filepath.Join(t.TempDir(), "crash.db")
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		if line != "ready\n" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child said %q", line)
		}
		time.Sleep(time.Duration(round*37) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()

		s := openPath(t, path)
		s.Close()
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		var check string
		var articles, done, latest, versions, maxVersions int
		for _, q := range []struct {
			sql string
			dst any
		}{
			{`PRAGMA integrity_check`, &check},
			{`SELECT count(*) FROM articles`, &articles},
			{`SELECT count(*) FROM frontier WHERE state = 2`, &done},
			{`SELECT count(*) FROM article_versions WHERE latest = 1`, &latest},
			{`SELECT count(*) FROM article_versions`, &versions},
			{`SELECT coalesce(sum(version), 0) FROM articles`, &maxVersions},
		} {
			if err := db.QueryRow(q.sql).Scan(q.dst); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		if check != "ok" {
			t.Fatalf("integrity_check: %s", check)
		}
		if articles < 200 || articles != done || latest != articles || versions != maxVersions {
			t.Fatalf("round %d: articles %d, done items %d, latest versions %d, versions %d (sum of versions %d)",
				round, articles, done, latest, versions, maxVersions)
		}
	}
}

// TestHeartbeatTakeover opens one database twice, as a crawl and its
// restart would, with the real clock: while the first owner renews its
// lock every 100 ms, the second never gets it and the first owner's leases
// stay out; once the first stops renewing (killed), the second takes the
// lock after the 500 ms heartbeat timeout, well before the leases' hour,
// and leases the dead owner's items at once.
func TestHeartbeatTakeover(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a, b := openPath(t, path), openPath(t, path)
	const hb = 500 * time.Millisecond
	for _, s := range []*sqlite.Store{a, b} {
		if _, err := s.UpsertSite(ctx, "s"); err != nil {
			t.Fatal(err)
		}
	}
	var urls []store.NewURL
	for i := range 5 {
		u := fmt.Sprintf("https://a.test/%d", i)
		urls = append(urls, store.NewURL{URL: u, OriginalURL: u, Host: "a.test", Kind: store.KindArticle})
	}
	if _, err := a.Enqueue(ctx, "s", urls); err != nil {
		t.Fatal(err)
	}
	if err := a.AcquireSiteLock(ctx, "s", "a", time.Now(), hb); err != nil {
		t.Fatal(err)
	}
	held, err := a.Lease(ctx, "s", store.LeaseRequest{Now: time.Now(), Max: 3, LeaseFor: time.Hour, Owner: "a"})
	if err != nil || len(held) != 3 {
		t.Fatalf("a leased %d, %v; want 3", len(held), err)
	}

	stop := make(chan struct{})
	beatDone := make(chan struct{})
	go func() {
		defer close(beatDone)
		tick := time.NewTicker(hb / 5)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if err := a.RenewSiteLock(ctx, "s", "a", time.Now(), hb); err != nil {
					t.Errorf("heartbeat: %v", err)
					return
				}
			}
		}
	}()
	// Three heartbeat timeouts with a live owner: b never gets the lock.
	for end := time.Now().Add(3 * hb); time.Now().Before(end); time.Sleep(hb / 10) {
		if err := b.AcquireSiteLock(ctx, "s", "b", time.Now(), hb); !errors.Is(err, store.ErrSiteLocked) {
			t.Fatalf("b acquired a live lock: %v", err)
		}
	}
	if c, err := b.FrontierCounts(ctx, "s", time.Now()); err != nil || c.Leased != 3 {
		t.Fatalf("live owner's leases %+v, %v; want 3 kept", c, err)
	}

	close(stop) // a is killed: no more heartbeats, no release
	<-beatDone
	killed := time.Now()
	for {
		err := b.AcquireSiteLock(ctx, "s", "b", time.Now(), hb)
		if err == nil {
			break
		}
		if !errors.Is(err, store.ErrSiteLocked) || time.Since(killed) > 10*hb {
			t.Fatalf("b could not take over: %v after %v", err, time.Since(killed))
		}
		time.Sleep(hb / 10)
	}
	waited := time.Since(killed)
	if waited > 3*hb {
		t.Errorf("takeover took %v, want about the %v heartbeat timeout", waited, hb)
	}
	got, err := b.Lease(ctx, "s", store.LeaseRequest{Now: time.Now(), Max: 10, LeaseFor: time.Minute, Owner: "b"})
	if err != nil || len(got) != 5 {
		t.Fatalf("b leased %d, %v; want all 5 (the dead owner's 3 at once)", len(got), err)
	}
	if _, err := a.Lease(ctx, "s", store.LeaseRequest{Now: time.Now(), Max: 1, LeaseFor: time.Minute, Owner: "a"}); !errors.Is(err, store.ErrLockLost) {
		t.Errorf("old owner leased after the takeover: %v, want ErrLockLost", err)
	}
	if err := a.RenewSiteLock(ctx, "s", "a", time.Now(), hb); !errors.Is(err, store.ErrLockLost) {
		t.Errorf("old owner renewed after the takeover: %v, want ErrLockLost", err)
	}
	t.Logf("lock taken over %v after the last heartbeat stopped", waited)
}
