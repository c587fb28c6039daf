package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsclip/newsclip/store"
)

func TestKnownURLsShortCircuit(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.UpsertSite(ctx, "s"); err != nil {
		t.Fatal(err)
	}
	x := []store.NewURL{{URL: "https://a.test/x", Host: "a.test"}}

	// A failed transaction must not mark its URLs known.
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Enqueue(canceled, "s", x); err == nil {
		t.Fatal("enqueue with a canceled context succeeded")
	}
	if n, err := s.Enqueue(ctx, "s", x); err != nil || n != 1 {
		t.Fatalf("after a failed enqueue: added %d, %v; want 1", n, err)
	}
	// Remove the row behind the store's back: only the in-memory set can
	// still say the URL is known.
	if _, err := s.w.Exec(`DELETE FROM frontier`); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Enqueue(ctx, "s", x); err != nil || n != 0 {
		t.Fatalf("known URL: added %d, %v; want 0 from the in-memory set", n, err)
	}
}

func TestKnownURLsBounded(t *testing.T) {
	k := newKnownURLs(4)
	a, b, c := k.key(1, "a"), k.key(1, "b"), k.key(1, "c")
	if k.key(2, "a") == a {
		t.Fatal("site not part of the key")
	}
	k.add([]uint64{a, b, c})
	if !k.has(a) || !k.has(c) || k.has(k.key(1, "d")) {
		t.Fatal("membership wrong")
	}
	d, e := k.key(1, "d"), k.key(1, "e")
	k.add([]uint64{d, e}) // 5 > 4: cleared first
	if k.has(a) || !k.has(d) || !k.has(e) || len(k.m) != 2 {
		t.Fatalf("after overflow: %d entries, a=%v d=%v", len(k.m), k.has(a), k.has(d))
	}
}
