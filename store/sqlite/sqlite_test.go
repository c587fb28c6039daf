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
