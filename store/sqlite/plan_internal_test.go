package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestPragmas checks the settings the package comment promises, on the
// writer and on a reader connection.
func TestPragmas(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct {
		pragma string
		want   string
		reader bool
	}{
		{"journal_mode", "wal", false},
		{"journal_mode", "wal", true},
		{"synchronous", "1", false}, // NORMAL
		{"foreign_keys", "1", false},
		{"foreign_keys", "1", true},
		{"busy_timeout", "10000", false},
		{"busy_timeout", "10000", true},
		{"query_only", "1", true},
		{"query_only", "0", false},
	}
	for _, tc := range tests {
		db := s.w
		if tc.reader {
			db = s.r
		}
		var got string
		if err := db.QueryRow("PRAGMA " + tc.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if strings.ToLower(got) != tc.want {
			t.Errorf("%s (reader %v) = %s, want %s", tc.pragma, tc.reader, got, tc.want)
		}
	}
}

// TestQueryPlans keeps the hot queries on their indexes: a full scan of the
// frontier or of the versions would make Lease and SaveArticle slow down
// as the database grows.
func TestQueryPlans(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct {
		name, query, want string
	}{
		{"lease candidates", `SELECT id FROM frontier WHERE site_id = 1 AND host = 'a' AND state < 2 AND due_at <= 5 ORDER BY priority DESC, id LIMIT 3`, "frontier_open"},
		{"in flight", `SELECT count(*) FROM frontier WHERE site_id = 1 AND host = 'a' AND state = 1 AND due_at > 5`, "frontier_leased"},
		{"hash dedup", `SELECT a.id FROM article_versions v JOIN articles a ON a.id = v.article_id WHERE v.site_id = 1 AND v.content_hash = 'x' ORDER BY v.id LIMIT 1`, "versions_hash"},
		{"export by site", `SELECT v.id FROM article_versions v WHERE v.site_id = 1 AND v.latest = 1 AND v.id > 0 ORDER BY v.id LIMIT 10`, "versions_latest_site"},
		{"health", `SELECT count(*) FROM articles a WHERE a.site_id = 1 AND a.first_seen_at > 0 AND a.first_seen_at <= 9`, "articles_first_seen"},
	}
	for _, tc := range tests {
		rows, err := s.w.Query("EXPLAIN QUERY PLAN " + tc.query)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		p := strings.Join(plan, "; ")
		if !strings.Contains(p, tc.want) || strings.Contains(p, "TEMP B-TREE") {
			t.Errorf("%s: plan %q, want index %s and no sort", tc.name, p, tc.want)
		}
	}
}
