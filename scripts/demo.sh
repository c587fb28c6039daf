#!/usr/bin/env bash
# make demo: serve a small local news site built from our fixture pages on
# loopback, crawl it into a fresh temporary database, print what was
# stored. Needs only Go (and the module cache: run `go mod download` once
# while online); nothing leaves this machine.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsclip-demo.XXXXXX")
site_pid=""
cleanup() {
	if [ -n "$site_pid" ]; then kill "$site_pid" 2>/dev/null || true; wait "$site_pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

echo "== building newsclip and the demo site"
CGO_ENABLED=0 go build -o "$tmp/newsclip" ./cmd/newsclip
go build -o "$tmp/demosite" ./internal/demosite/cmd/demosite

"$tmp/demosite" -fixtures fixtures -url-file "$tmp/url" >/dev/null &
site_pid=$!
for _ in $(seq 100); do [ -s "$tmp/url" ] && break; sleep 0.1; done
[ -s "$tmp/url" ] || { echo "demo site did not start" >&2; exit 1; }
base=$(cat "$tmp/url")
echo "== demo site at $base (robots.txt, /rss.xml, /sitemap.xml; /private/ is disallowed)"

cat > "$tmp/sites.yaml" <<YAML
user_agent: "newsclip-demo/0.1 (+https://github.com/newsclip/newsclip)"
allow_private_addresses: true   # the demo site listens on loopback
sites:
  - name: demo
    start_urls: ["$base/"]
    feeds: ["$base/rss.xml"]
    max_depth: 1
    max_pages: 200
    delay: 20ms
    concurrency: 2
YAML

echo "== newsclip crawl --config sites.yaml --db demo.db"
"$tmp/newsclip" crawl --config "$tmp/sites.yaml" --db "$tmp/demo.db" --log-format text --log-level warn

echo
echo "== stored articles (newsclip export --format csv --fields site_name,title,published_at,word_count)"
"$tmp/newsclip" export --db "$tmp/demo.db" --format csv --fields site_name,title,published_at,word_count

echo
echo "== the first article as Article JSON v1 (newsclip export --format jsonl), cut at 1,200 bytes"
"$tmp/newsclip" export --db "$tmp/demo.db" --format jsonl --out "$tmp/articles.jsonl"
head -n 1 "$tmp/articles.jsonl" | cut -c 1-1200
echo "..."
