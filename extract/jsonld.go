package extract

import (
	"encoding/json"
	"html"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
)

// ldNode is one JSON-LD object.
type ldNode = map[string]any

// ldData is every JSON-LD object of a page: the top-level ones (array
// entries and @graph members, mainEntity objects) in document order, and an
// index by @id for resolving references.
type ldData struct {
	nodes []ldNode
	byID  map[string]ldNode
}

// readJSONLD parses every <script type="application/ld+json"> of the page.
// A script that does not parse, even after cleanup, is skipped.
func readJSONLD(scripts []*xhtml.Node) *ldData {
	d := &ldData{byID: map[string]ldNode{}}
	for _, n := range scripts {
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == xhtml.TextNode {
				b.WriteString(c.Data)
			}
		}
		if v, ok := parseLDJSON(b.String()); ok {
			d.add(v, true)
		}
	}
	return d
}

// parseLDJSON decodes a script body, repairing what breaks real pages: HTML
// comment and CDATA wrappers, raw control characters inside strings, and
// trailing commas.
func parseLDJSON(s string) (any, bool) {
	s = strings.TrimSpace(s)
	for _, w := range [][2]string{{"<!--", "-->"}, {"//<![CDATA[", "//]]>"}, {"<![CDATA[", "]]>"}} {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, w[0]), w[1]))
	}
	s = strings.TrimSuffix(s, ";")
	var v any
	if json.Unmarshal([]byte(s), &v) == nil {
		return v, true
	}
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 {
			b[i] = ' ' // valid between tokens and inside strings alike
		}
	}
	b = dropTrailingCommas(b)
	if json.Unmarshal(b, &v) == nil {
		return v, true
	}
	return nil, false
}

// dropTrailingCommas removes a comma that is followed only by spaces and a
// closing bracket, outside strings.
func dropTrailingCommas(b []byte) []byte {
	out := make([]byte, 0, len(b))
	inStr, esc := false, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			out = append(out, c)
			continue
		}
		if c == '"' {
			inStr = true
		}
		if c == ',' {
			j := i + 1
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			if j < len(b) && (b[j] == '}' || b[j] == ']') {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// add records v: top marks objects that count as page-level nodes.
func (d *ldData) add(v any, top bool) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			d.add(e, top)
		}
	case ldNode:
		if id, ok := x["@id"].(string); ok && len(x) > 1 {
			if _, seen := d.byID[id]; !seen {
				d.byID[id] = x
			}
		}
		if top && len(ldTypes(x)) > 0 {
			d.nodes = append(d.nodes, x)
		}
		for k, e := range x {
			switch k {
			case "@graph":
				d.add(e, top)
			case "mainEntity", "mainEntityOfPage":
				d.add(e, top)
			default:
				d.add(e, false)
			}
		}
	}
}

// resolve follows an {"@id": ...} reference to the full object.
func (d *ldData) resolve(v any) any {
	if n, ok := v.(ldNode); ok {
		if id, ok := n["@id"].(string); ok && len(n) <= 2 {
			if full, ok := d.byID[id]; ok {
				return full
			}
		}
	}
	return v
}

// ldTypes returns the @type values of n without a schema.org prefix.
func ldTypes(n ldNode) []string {
	var out []string
	add := func(s string) {
		s = strings.TrimPrefix(s, "schema:")
		if i := strings.LastIndexByte(s, '/'); i >= 0 {
			s = s[i+1:]
		}
		if s != "" {
			out = append(out, s)
		}
	}
	switch t := n["@type"].(type) {
	case string:
		add(t)
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok {
				add(s)
			}
		}
	}
	return out
}

func ldHasType(n ldNode, types []string) string {
	for _, t := range ldTypes(n) {
		for _, want := range types {
			if strings.EqualFold(t, want) {
				return want
			}
		}
	}
	return ""
}

// ldString reads a text value: a string, a number, the first string of an
// array, or an object's @value or name. Entities left in by the publisher's
// CMS are decoded and spaces folded.
func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return metaFold(html.UnescapeString(x))
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		for _, e := range x {
			if s := ldString(e); s != "" {
				return s
			}
		}
	case ldNode:
		if s := ldString(x["@value"]); s != "" {
			return s
		}
		return ldString(x["name"])
	}
	return ""
}

// ldStrings reads a list value: an array of texts, or one text.
func ldStrings(v any) []string {
	switch x := v.(type) {
	case []any:
		var out []string
		for _, e := range x {
			if s := ldString(e); s != "" {
				out = append(out, s)
			}
		}
		return out
	case nil:
		return nil
	}
	if s := ldString(v); s != "" {
		return []string{s}
	}
	return nil
}

// ldInt reads a number given as a number or a string ("1200", "1200px").
func ldInt(v any) int {
	switch x := v.(type) {
	case float64:
		return int(x)
	case string:
		x = strings.TrimSuffix(strings.TrimSpace(x), "px")
		n, _ := strconv.Atoi(x)
		return n
	}
	return 0
}

// ldFalse reports an explicit false, as a boolean or the strings pages write.
func ldFalse(v any) bool {
	switch x := v.(type) {
	case bool:
		return !x
	case string:
		return strings.EqualFold(strings.TrimSpace(x), "false")
	}
	return false
}

// ldArticle is what the JSON-LD of a page says about its article.
type ldArticle struct {
	articleType, pageType              string
	headline, altHeadline, description string
	authors                            []string
	published, modified                string
	siteName, language, section, url   string
	publisher                          string
	keywords                           []string
	image                              leadImage
	paywalled                          bool
	breadcrumb                         []string
}

// articleFromLD picks the article node (the first node of an article type,
// preferring one with a headline) and reads its fields; page-level nodes
// (WebPage, WebSite, BreadcrumbList) fill what it lacks.
func (p *pass) articleFromLD(d *ldData) ldArticle {
	var out ldArticle
	var art, page ldNode
	for _, n := range d.nodes {
		if t := ldHasType(n, metaArticleTypes); t != "" {
			if art == nil || (ldString(art["headline"]) == "" && ldString(n["headline"]) != "") {
				art = n
				out.articleType = t
			}
			continue
		}
		if t := ldHasType(n, metaPageTypes); t != "" && page == nil && t != "WebSite" {
			page = n
			out.pageType = t
		}
		if ldHasType(n, []string{"WebSite"}) != "" && out.siteName == "" {
			out.siteName = ldString(n["name"])
		}
		if ldHasType(n, []string{"BreadcrumbList"}) != "" && out.breadcrumb == nil {
			out.breadcrumb = ldBreadcrumb(d, n)
		}
	}
	src := art
	if src == nil {
		src = page
	}
	if src == nil {
		return out
	}
	out.headline = ldString(src["headline"])
	if out.headline == "" && art != nil {
		out.headline = ldString(src["name"])
	}
	out.altHeadline = ldString(src["alternativeHeadline"])
	out.description = ldString(src["description"])
	out.published = ldString(src["datePublished"])
	if out.published == "" {
		out.published = ldString(src["dateCreated"])
	}
	out.modified = ldString(src["dateModified"])
	if art != nil && page != nil {
		if out.published == "" {
			out.published = ldString(page["datePublished"])
		}
		if out.modified == "" {
			out.modified = ldString(page["dateModified"])
		}
	}
	if art != nil {
		out.authors = p.ldAuthors(d, art["author"])
		if len(out.authors) == 0 {
			out.authors = p.ldAuthors(d, art["creator"])
		}
	}
	if pub, ok := d.resolve(src["publisher"]).(ldNode); ok {
		if s := ldString(pub["name"]); s != "" {
			out.siteName = s
			out.publisher = s
		}
	}
	out.language = ldString(src["inLanguage"])
	if out.language == "" && page != nil {
		out.language = ldString(page["inLanguage"])
	}
	out.section = ldString(src["articleSection"])
	out.url = ldString(src["url"])
	for _, k := range ldStrings(src["keywords"]) {
		for _, part := range strings.Split(k, ",") {
			if part = metaFold(part); part != "" {
				out.keywords = append(out.keywords, part)
			}
		}
	}
	out.image = ldImage(d, src["image"])
	if out.image.url == "" && page != nil {
		out.image = ldImage(d, page["image"])
	}
	if ldFalse(src["isAccessibleForFree"]) {
		out.paywalled = true
	}
	for _, part := range ldList(src["hasPart"]) {
		if n, ok := d.resolve(part).(ldNode); ok && ldFalse(n["isAccessibleForFree"]) {
			out.paywalled = true
		}
	}
	return out
}

func ldList(v any) []any {
	if a, ok := v.([]any); ok {
		return a
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

// ldAuthors reads author values: strings, Person objects, arrays and @id
// references. Organisations are not authors.
func (p *pass) ldAuthors(d *ldData, v any) []string {
	var names []string
	for _, e := range ldList(v) {
		e = d.resolve(e)
		switch x := e.(type) {
		case string:
			if isURLish(x) {
				continue
			}
			names = append(names, p.splitAuthors(html.UnescapeString(x))...)
		case ldNode:
			if ldHasType(x, []string{"Organization", "NewsMediaOrganization", "Corporation", "GovernmentOrganization"}) != "" {
				continue
			}
			name := ldString(x["name"])
			if name == "" {
				name = metaFold(ldString(x["givenName"]) + " " + ldString(x["familyName"]))
			}
			if name == "" || isURLish(name) {
				continue
			}
			names = append(names, p.splitAuthors(name)...)
		}
	}
	return names
}

// ldImage reads an image value: a URL, an ImageObject, or an array of
// either (the first with a URL).
func ldImage(d *ldData, v any) leadImage {
	for _, e := range ldList(v) {
		e = d.resolve(e)
		switch x := e.(type) {
		case string:
			if x != "" {
				return leadImage{url: x}
			}
		case ldNode:
			u := ldString(x["url"])
			if u == "" {
				u = ldString(x["contentUrl"])
			}
			if u == "" {
				continue
			}
			img := leadImage{url: u, width: ldInt(x["width"]), height: ldInt(x["height"]),
				caption: ldString(x["caption"])}
			for _, k := range []string{"creditText", "copyrightHolder", "creator", "author"} {
				if c := ldString(d.resolve(x[k])); c != "" {
					img.credit = c
					break
				}
			}
			return img
		}
	}
	return leadImage{}
}

// ldBreadcrumb returns the names of a BreadcrumbList in position order.
func ldBreadcrumb(d *ldData, n ldNode) []string {
	var names []string
	for _, e := range ldList(n["itemListElement"]) {
		it, ok := d.resolve(e).(ldNode)
		if !ok {
			continue
		}
		name := ldString(it["name"])
		if name == "" {
			if item, ok := d.resolve(it["item"]).(ldNode); ok {
				name = ldString(item["name"])
			}
		}
		if name != "" {
			names = append(names, name)
		}
	}
	return names
}

func isURLish(s string) bool {
	s = strings.TrimSpace(strings.ToLower(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//") ||
		strings.HasPrefix(s, "www.")
}
