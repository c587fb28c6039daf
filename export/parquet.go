package export

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/newsclip/newsclip/extract"
)

// pqRow is one Parquet row. Each field's parquet name is a column name of
// columns.go. Timestamps are TIMESTAMP(MILLIS, UTC) — Parquet has no
// per-value offset, so the page's offset is dropped; JSONL and CSV keep it.
// Lists use the LIST logical type; nested values are lists of structs.
type pqRow struct {
	SchemaVersion      int32             `parquet:"schema_version"`
	Site               string            `parquet:"site,dict"`
	URL                string            `parquet:"url"`
	CanonicalURL       string            `parquet:"canonical_url"`
	Title              string            `parquet:"title"`
	Subtitle           string            `parquet:"subtitle"`
	Authors            []string          `parquet:"authors,list"`
	PublishedAt        *time.Time        `parquet:"published_at,optional,timestamp(millisecond)"`
	ModifiedAt         *time.Time        `parquet:"modified_at,optional,timestamp(millisecond)"`
	SiteName           string            `parquet:"site_name,dict"`
	Language           string            `parquet:"language,dict"`
	Section            string            `parquet:"section,dict"`
	Tags               []string          `parquet:"tags,list"`
	LeadImageURL       string            `parquet:"lead_image_url"`
	LeadImageCaption   string            `parquet:"lead_image_caption"`
	Images             []pqImage         `parquet:"images,list"`
	Text               string            `parquet:"text"`
	Blocks             []pqBlock         `parquet:"blocks,list"`
	Quotes             []pqQuote         `parquet:"quotes,list"`
	RelatedLinks       []pqRelatedLink   `parquet:"related_links,list"`
	Links              []pqLink          `parquet:"links,list"`
	WordCount          int32             `parquet:"word_count"`
	ReadingTimeMinutes int32             `parquet:"reading_time_minutes"`
	ContentHash        string            `parquet:"content_hash"`
	Provenance         map[string]string `parquet:"provenance"`
	Warnings           []string          `parquet:"warnings,list"`
	FetchedAt          time.Time         `parquet:"fetched_at,timestamp(millisecond)"`
	FirstSeenAt        time.Time         `parquet:"first_seen_at,timestamp(millisecond)"`
	Version            int32             `parquet:"version"`
}

type pqImage struct {
	URL     string `parquet:"url"`
	Alt     string `parquet:"alt"`
	Caption string `parquet:"caption"`
	Credit  string `parquet:"credit"`
	Width   int32  `parquet:"width"`
	Height  int32  `parquet:"height"`
	Lead    bool   `parquet:"lead"`
}

type pqBlock struct {
	Type  string   `parquet:"type,dict"`
	Text  string   `parquet:"text"`
	Level int32    `parquet:"level"`
	Items []string `parquet:"items,list"`
}

type pqQuote struct {
	Text       string `parquet:"text"`
	Speaker    string `parquet:"speaker"`
	SpeakerRaw string `parquet:"speaker_raw"`
	Cue        string `parquet:"cue"`
	Kind       string `parquet:"kind,dict"`
	Paragraph  int32  `parquet:"paragraph"`
}

type pqRelatedLink struct {
	URL   string `parquet:"url"`
	Text  string `parquet:"text"`
	Label string `parquet:"label"`
}

type pqLink struct {
	URL  string `parquet:"url"`
	Text string `parquet:"text"`
}

// defaultRowGroupRows bounds a row group: parquet-go holds a whole row group
// in memory before writing it, so this is what keeps a Parquet export in
// constant memory (10,000 articles of ~5 KB text is ~50 MB before
// compression).
const defaultRowGroupRows = 10_000

// defaultRowGroupBytes flushes a row group early when its articles are
// long: parquet-go holds two to three times the raw bytes of a row group
// while it encodes and compresses it.
const defaultRowGroupBytes = 32 << 20

// rowSize estimates the bytes a row adds to the row group: the text twice
// (text and blocks) plus everything else at a flat rate.
func rowSize(a *extract.Article) int {
	n := len(a.Text) + len(a.Title) + len(a.Subtitle) + 1024
	for _, b := range a.Blocks {
		n += len(b.Text)
	}
	for _, q := range a.Quotes {
		n += len(q.Text)
	}
	return n
}

type parquetEncoder struct {
	w        *parquet.Writer
	fields   []int         // pqRow field index per output column
	rowType  reflect.Type  // pqRow, or a struct of the selected fields
	row      reflect.Value // reused output row when rowType is not pqRow
	maxRows  int
	maxBytes int
	rows     int
	rowBytes int
	full     pqRow
}

func newParquetEncoder(w io.Writer, cols []column, maxRows, maxBytes int) (*parquetEncoder, error) {
	if maxRows <= 0 {
		maxRows = defaultRowGroupRows
	}
	if maxBytes <= 0 {
		maxBytes = defaultRowGroupBytes
	}
	e := &parquetEncoder{maxRows: maxRows, maxBytes: maxBytes}
	rt := reflect.TypeFor[pqRow]()
	byName := make(map[string]int, rt.NumField())
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("parquet"), ",")
		byName[name] = i
	}
	// --fields: a struct type of just the chosen fields, in the chosen
	// order, so the file's schema has exactly those columns.
	sel := make([]reflect.StructField, 0, len(cols))
	for _, c := range cols {
		i, ok := byName[c.name]
		if !ok {
			return nil, fmt.Errorf("parquet: no column for %q", c.name)
		}
		e.fields = append(e.fields, i)
		sel = append(sel, rt.Field(i))
	}
	e.rowType = rt
	if len(cols) != rt.NumField() {
		e.rowType = reflect.StructOf(sel)
		e.row = reflect.New(e.rowType).Elem()
	}
	schema := parquet.SchemaOf(reflect.New(e.rowType).Interface())
	e.w = parquet.NewWriter(w, schema,
		parquet.Compression(&parquet.Zstd),
		parquet.CreatedBy("newsclip", "", ""),
		parquet.KeyValueMetadata("newsclip.article_schema_version", fmt.Sprint(extract.SchemaVersion)),
	)
	return e, nil
}

func (e *parquetEncoder) raw() bool { return false }

func (e *parquetEncoder) encode(r *Record) error {
	fillRow(&e.full, r)
	var row any = &e.full
	if e.row.IsValid() {
		full := reflect.ValueOf(&e.full).Elem()
		for i, f := range e.fields {
			e.row.Field(i).Set(full.Field(f))
		}
		row = e.row.Addr().Interface()
	}
	if err := e.w.Write(row); err != nil {
		return err
	}
	e.rows++
	e.rowBytes += rowSize(r.Article)
	if e.rows >= e.maxRows || e.rowBytes >= e.maxBytes {
		e.rows, e.rowBytes = 0, 0
		return e.w.Flush()
	}
	return nil
}

func (e *parquetEncoder) close() error { return e.w.Close() }

// fillRow converts a record into p, reusing p's slices.
func fillRow(p *pqRow, r *Record) {
	a := r.Article
	lead := leadImage(a)
	*p = pqRow{
		SchemaVersion:      int32(a.SchemaVersion),
		Site:               r.Site,
		URL:                a.URL,
		CanonicalURL:       a.CanonicalURL,
		Title:              a.Title,
		Subtitle:           a.Subtitle,
		Authors:            a.Authors,
		PublishedAt:        utcPtr(a.PublishedAt),
		ModifiedAt:         utcPtr(a.ModifiedAt),
		SiteName:           a.SiteName,
		Language:           a.Language,
		Section:            a.Section,
		Tags:               a.Tags,
		LeadImageURL:       lead.URL,
		LeadImageCaption:   lead.Caption,
		Images:             p.Images[:0],
		Text:               a.Text,
		Blocks:             p.Blocks[:0],
		Quotes:             p.Quotes[:0],
		RelatedLinks:       p.RelatedLinks[:0],
		Links:              p.Links[:0],
		WordCount:          int32(a.WordCount),
		ReadingTimeMinutes: int32(a.ReadingTimeMinutes),
		ContentHash:        a.ContentHash,
		Provenance:         a.Provenance,
		Warnings:           a.Warnings,
		FetchedAt:          r.FetchedAt.UTC(),
		FirstSeenAt:        r.FirstSeenAt.UTC(),
		Version:            int32(r.Version),
	}
	for _, im := range a.Images {
		p.Images = append(p.Images, pqImage{URL: im.URL, Alt: im.Alt, Caption: im.Caption, Credit: im.Credit, Width: int32(im.Width), Height: int32(im.Height), Lead: im.Lead})
	}
	for _, b := range a.Blocks {
		p.Blocks = append(p.Blocks, pqBlock{Type: b.Type, Text: b.Text, Level: int32(b.Level), Items: b.Items})
	}
	for _, q := range a.Quotes {
		p.Quotes = append(p.Quotes, pqQuote{Text: q.Text, Speaker: q.Speaker, SpeakerRaw: q.SpeakerRaw, Cue: q.Cue, Kind: q.Kind, Paragraph: int32(q.Paragraph)})
	}
	for _, l := range a.RelatedLinks {
		p.RelatedLinks = append(p.RelatedLinks, pqRelatedLink{URL: l.URL, Text: l.Text, Label: l.Label})
	}
	for _, l := range a.Links {
		p.Links = append(p.Links, pqLink{URL: l.URL, Text: l.Text})
	}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
