package export

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsclip/newsclip/extract"
)

// column is one exported field. Its name is the JSON key (Article JSON v1
// where the article has it), the CSV header and the Parquet column name.
type column struct {
	name string
	// value is what JSONL writes for the column.
	value func(r *Record) any
	// cell is what CSV writes: lists joined with "; ", nested values as JSON.
	cell func(r *Record) string
	// text marks free text that may start with a spreadsheet formula
	// character; numbers and timestamps are never neutralised.
	text bool
}

// columns is every exported field, in output order. Parquet's row type
// (parquet.go) has one field per entry, tagged with the same name.
var columns = []column{
	{name: "schema_version", value: func(r *Record) any { return r.Article.SchemaVersion }, cell: func(r *Record) string { return strconv.Itoa(r.Article.SchemaVersion) }},
	{name: "site", value: func(r *Record) any { return r.Site }, cell: func(r *Record) string { return r.Site }, text: true},
	{name: "url", value: func(r *Record) any { return r.Article.URL }, cell: func(r *Record) string { return r.Article.URL }, text: true},
	{name: "canonical_url", value: func(r *Record) any { return r.Article.CanonicalURL }, cell: func(r *Record) string { return r.Article.CanonicalURL }, text: true},
	{name: "title", value: func(r *Record) any { return r.Article.Title }, cell: func(r *Record) string { return r.Article.Title }, text: true},
	{name: "subtitle", value: func(r *Record) any { return r.Article.Subtitle }, cell: func(r *Record) string { return r.Article.Subtitle }, text: true},
	{name: "authors", value: func(r *Record) any { return nonNil(r.Article.Authors) }, cell: func(r *Record) string { return joinList(r.Article.Authors) }, text: true},
	{name: "published_at", value: func(r *Record) any { return r.Article.PublishedAt }, cell: func(r *Record) string { return timeCell(r.Article.PublishedAt) }},
	{name: "modified_at", value: func(r *Record) any { return r.Article.ModifiedAt }, cell: func(r *Record) string { return timeCell(r.Article.ModifiedAt) }},
	{name: "site_name", value: func(r *Record) any { return r.Article.SiteName }, cell: func(r *Record) string { return r.Article.SiteName }, text: true},
	{name: "language", value: func(r *Record) any { return r.Article.Language }, cell: func(r *Record) string { return r.Article.Language }, text: true},
	{name: "section", value: func(r *Record) any { return r.Article.Section }, cell: func(r *Record) string { return r.Article.Section }, text: true},
	{name: "tags", value: func(r *Record) any { return nonNil(r.Article.Tags) }, cell: func(r *Record) string { return joinList(r.Article.Tags) }, text: true},
	{name: "lead_image_url", value: func(r *Record) any { return leadImage(r.Article).URL }, cell: func(r *Record) string { return leadImage(r.Article).URL }, text: true},
	{name: "lead_image_caption", value: func(r *Record) any { return leadImage(r.Article).Caption }, cell: func(r *Record) string { return leadImage(r.Article).Caption }, text: true},
	{name: "images", value: func(r *Record) any { return nonNil(r.Article.Images) }, cell: func(r *Record) string { return jsonCell(nonNil(r.Article.Images)) }},
	{name: "text", value: func(r *Record) any { return r.Article.Text }, cell: func(r *Record) string { return r.Article.Text }, text: true},
	{name: "blocks", value: func(r *Record) any { return nonNil(r.Article.Blocks) }, cell: func(r *Record) string { return jsonCell(nonNil(r.Article.Blocks)) }},
	{name: "quotes", value: func(r *Record) any { return nonNil(r.Article.Quotes) }, cell: func(r *Record) string { return jsonCell(nonNil(r.Article.Quotes)) }},
	{name: "related_links", value: func(r *Record) any { return nonNil(r.Article.RelatedLinks) }, cell: func(r *Record) string { return jsonCell(nonNil(r.Article.RelatedLinks)) }},
	{name: "links", value: func(r *Record) any { return nonNil(r.Article.Links) }, cell: func(r *Record) string { return jsonCell(nonNil(r.Article.Links)) }},
	{name: "word_count", value: func(r *Record) any { return r.Article.WordCount }, cell: func(r *Record) string { return strconv.Itoa(r.Article.WordCount) }},
	{name: "reading_time_minutes", value: func(r *Record) any { return r.Article.ReadingTimeMinutes }, cell: func(r *Record) string { return strconv.Itoa(r.Article.ReadingTimeMinutes) }},
	{name: "content_hash", value: func(r *Record) any { return r.Article.ContentHash }, cell: func(r *Record) string { return r.Article.ContentHash }, text: true},
	{name: "provenance", value: func(r *Record) any { return nonNilMap(r.Article.Provenance) }, cell: func(r *Record) string { return jsonCell(nonNilMap(r.Article.Provenance)) }},
	{name: "warnings", value: func(r *Record) any { return nonNil(r.Article.Warnings) }, cell: func(r *Record) string { return joinList(r.Article.Warnings) }, text: true},
	{name: "fetched_at", value: func(r *Record) any { return r.FetchedAt }, cell: func(r *Record) string { return timeCell(&r.FetchedAt) }},
	{name: "first_seen_at", value: func(r *Record) any { return r.FirstSeenAt }, cell: func(r *Record) string { return timeCell(&r.FirstSeenAt) }},
	{name: "version", value: func(r *Record) any { return r.Version }, cell: func(r *Record) string { return strconv.Itoa(r.Version) }},
}

// Columns returns the names --fields accepts, in default output order.
func Columns() []string {
	names := make([]string, len(columns))
	for i, c := range columns {
		names[i] = c.name
	}
	return names
}

// selectColumns returns the named columns in the order given, or every
// column when names is empty.
func selectColumns(names []string) ([]column, error) {
	if len(names) == 0 {
		return columns, nil
	}
	out := make([]column, 0, len(names))
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		n = strings.TrimSpace(n)
		if seen[n] {
			continue
		}
		c, ok := columnNamed(n)
		if !ok {
			return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownField, n, strings.Join(Columns(), ", "))
		}
		seen[n] = true
		out = append(out, c)
	}
	return out, nil
}

func columnNamed(name string) (column, bool) {
	for _, c := range columns {
		if c.name == name {
			return c, true
		}
	}
	return column{}, false
}

// ListSeparator joins list values in a CSV cell.
const ListSeparator = "; "

func joinList(s []string) string { return strings.Join(s, ListSeparator) }

// timeCell writes a time as RFC 3339 with the offset it carries; empty for
// none.
func timeCell(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func jsonCell(v any) string {
	b, err := marshalJSON(v)
	if err != nil {
		// Only article types reach here, and they always marshal.
		panic(fmt.Sprintf("export: marshal %T: %v", v, err))
	}
	return string(b)
}

// marshalJSON is json.Marshal without HTML escaping, so URLs stay readable.
func marshalJSON(v any) ([]byte, error) {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(sb.String(), "\n")), nil
}

// nonNil keeps JSON arrays as [] rather than null, as Article JSON v1 does.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// leadImage returns the article's lead image, or the zero Image.
func leadImage(a *extract.Article) extract.Image {
	for _, im := range a.Images {
		if im.Lead {
			return im
		}
	}
	return extract.Image{}
}
