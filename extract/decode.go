package extract

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// readLimited reads all of r, failing with ErrTooLarge past max bytes.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("read page: %w: more than %d bytes", ErrTooLarge, max)
	}
	return b, nil
}

// parseHTML decodes raw to UTF-8 and parses it once. The charset comes from,
// in order: a byte-order mark, the caller's Content-Type, <meta charset> or
// http-equiv, then sniffing (valid UTF-8 is taken as UTF-8).
func parseHTML(raw []byte, contentType string, maxNodes int) (*html.Node, error) {
	if !looksLikeHTML(raw) {
		return nil, ErrNotHTML
	}
	enc, name, certain := charset.DetermineEncoding(raw, contentType)
	if !certain && name != "utf-8" && utf8.Valid(raw) {
		enc = nil // pages that declare nothing and are valid UTF-8 are UTF-8
	}
	var r io.Reader
	if enc != nil && name != "utf-8" {
		r = enc.NewDecoder().Reader(bytes.NewReader(raw))
	} else {
		// UTF-8, declared or sniffed: invalid sequences become U+FFFD here,
		// once, so that no later stage can emit invalid UTF-8 in JSON.
		if !utf8.Valid(raw) {
			raw = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
		}
		r = bytes.NewReader(raw)
	}
	root, err := html.Parse(r)
	if err != nil {
		if strings.Contains(err.Error(), "open stack of elements exceeds") {
			// x/net/html refuses nesting deeper than 512 elements with an
			// unexported error; for us that page is too large.
			return nil, fmt.Errorf("parse html: %w: %v", ErrTooLarge, err)
		}
		return nil, fmt.Errorf("parse html: %w", err)
	}
	if n := countNodes(root, maxNodes); n > maxNodes {
		return nil, fmt.Errorf("parse html: %w: more than %d nodes", ErrTooLarge, maxNodes)
	}
	return root, nil
}

// countNodes counts nodes, stopping once past limit.
func countNodes(root *html.Node, limit int) int {
	n := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil && n <= limit; c = c.NextSibling {
			n++
			walk(c)
		}
	}
	walk(root)
	return n
}

// looksLikeHTML rejects empty and binary input: a NUL byte in the first
// kilobyte (after any UTF-16 BOM is excluded) or no '<' at all.
func looksLikeHTML(raw []byte) bool {
	head := raw
	if len(head) > 1024 {
		head = head[:1024]
	}
	if bytes.HasPrefix(head, []byte{0xFE, 0xFF}) || bytes.HasPrefix(head, []byte{0xFF, 0xFE}) {
		return true
	}
	if len(bytes.TrimSpace(raw)) == 0 || bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	return bytes.IndexByte(raw, '<') >= 0
}
