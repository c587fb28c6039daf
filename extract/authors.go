package extract

import (
	"html"
	"strings"
	"unicode"

	"github.com/andybalholm/cascadia"
	xhtml "golang.org/x/net/html"
)

// readAuthors fills Authors from the first source that names a person:
// JSON-LD, then <meta> author keys, then microdata and visible bylines
// (byl holds the matches of each byline selector). Later sources are only
// computed when the earlier ones name nobody.
func (p *metaReader) readAuthors(mt *metaTags, ld ldArticle, byl [][]*xhtml.Node) {
	type source struct {
		names func() []string
		src   string
	}
	// The publisher named in JSON-LD is not an author either.
	orgs := []string{ld.publisher}
	sources := []source{{func() []string { return ld.authors }, srcJSONLD}}
	for _, k := range metaAuthorKeys {
		sources = append(sources, source{func() []string {
			var names []string
			for _, v := range mt.vals[k] {
				if !isURLish(v) {
					names = append(names, p.splitAuthors(v)...)
				}
			}
			return names
		}, metaSource(k)})
	}
	sources = append(sources,
		source{func() []string {
			var names []string
			for _, v := range mt.microdata["author"] {
				if !isURLish(v) {
					names = append(names, p.splitAuthors(v)...)
				}
			}
			return names
		}, srcMicrodata},
	)
	// On a declared listing page (section front, tag page) visible bylines
	// credit the teasers, not the page.
	listing := p.declaredListing()
	if !listing {
		sources = append(sources, source{func() []string { return p.visibleAuthors(byl, orgs) }, srcByline})
	}
	// The account a CMS names in its Twitter card ("Written by") is the
	// author unless the page shows another byline: magazines post as an
	// editor.
	sources = append(sources, source{func() []string {
		var names []string
		for _, v := range mt.vals[metaWrittenByKey] {
			if !isURLish(v) {
				names = append(names, p.splitAuthors(v)...)
			}
		}
		return names
	}, srcTwitter})
	if !listing {
		sources = append(sources, source{func() []string { return p.textBylineAuthors(orgs) }, srcByline})
	}
	for _, s := range sources {
		names := p.cleanAuthors(s.names(), orgs)
		if len(names) > 0 {
			p.art.Authors = names
			p.art.Provenance["authors"] = s.src
			return
		}
	}
}

// cleanAuthors drops credits that are not people and duplicates (case
// aside), keeping order.
func (p *pass) cleanAuthors(names, orgs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		k := strings.ToLower(n)
		if seen[k] || p.notAPerson(n, orgs) {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

// notAPerson reports agencies, desks, the site itself and generic credits.
func (p *pass) notAPerson(name string, orgs []string) bool {
	k := strings.ToLower(strings.Trim(name, " .,;:"))
	r := p.ex.meta
	if k == "" || r.notAuthors[k] {
		return true
	}
	for _, site := range append([]string{p.art.SiteName}, orgs...) {
		if site != "" && sameName(name, site) && len(strings.Fields(k)) <= 3 {
			return true
		}
	}
	padded := " " + strings.Map(func(c rune) rune {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return c
		}
		return ' '
	}, k) + " "
	for _, w := range r.notAuthorWords {
		if strings.Contains(padded, " "+w+" ") {
			return true
		}
	}
	// "Associated Press in Valencia", "Reuters in Kyiv".
	for a := range r.notAuthors {
		if strings.HasPrefix(padded, " "+a+" in ") {
			return true
		}
	}
	return false
}

// splitAuthors turns a byline into names: "By A and B", "A, B & C",
// "Von A und B". It strips the "By", dates and e-mail or link residue, and
// drops parts that cannot be a name. Agency filtering is cleanAuthors's.
func (p *pass) splitAuthors(s string) []string {
	s = metaFold(html.UnescapeString(s))
	if s == "" || isURLish(s) {
		return nil
	}
	// A byline often runs on into the date or a role: cut at the first
	// separator or digit.
	if i := strings.IndexAny(s, "|•·\u2022\n"); i > 0 {
		s = s[:i]
	}
	if i := strings.IndexFunc(s, unicode.IsDigit); i >= 0 {
		s = s[:i]
	}
	s = stripBylinePrefix(s)
	// What follows a name: "X in Valve", "X at MSA Models", "X for Amika".
	for _, cut := range []string{" in ", " at ", " for ", " on "} {
		if i := strings.Index(s, cut); i > 0 {
			s = s[:i]
		}
	}
	for _, j := range metaNameJoiners {
		s = replaceFold(s, j, ",")
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '、' })
	// "Gillman, Steve": one word on each side of a single comma is a
	// surname first.
	if len(parts) == 2 && !strings.Contains(s, " and ") && len(strings.Fields(parts[0])) == 1 && len(strings.Fields(parts[1])) == 1 &&
		strings.Count(s, ",") == 1 {
		parts = []string{strings.TrimSpace(parts[1]) + " " + strings.TrimSpace(parts[0])}
	}
	// "hessenschau.de, Frankfurt, Germany": a credit that opens with a
	// domain is the site's, and what follows is its address.
	if len(parts) > 0 && domainLike(strings.TrimSpace(parts[0])) {
		return nil
	}
	var out []string
	for _, part := range parts {
		if i := strings.IndexAny(part, "(（["); i >= 0 {
			part = part[:i] // "Elena Oberholzer (obe)", "Name (Reuters)"
		}
		part = stripBylinePrefix(strings.Trim(metaFold(part), " .:-–—()[]"))
		part = trimTrailingWords(part)
		if plausibleName(part) {
			out = append(out, part)
		}
	}
	return out
}

// stripBylinePrefix removes "By", "By:", "Written by" and the like.
func stripBylinePrefix(s string) string {
	for changed := true; changed; {
		changed = false
		low := strings.ToLower(s)
		for _, pre := range metaBylinePrefixes {
			if !strings.HasPrefix(low, pre) {
				continue
			}
			rest := s[len(pre):]
			if rest == "" {
				return ""
			}
			r := rest[0]
			if r != ' ' && r != ':' && r != '\u00a0' && pre[0] < 0x80 && !gluedBy(s, pre) {
				continue // "Byron" is a name
			}
			s = strings.TrimLeft(rest, " :：\u00a0")
			changed = true
			break
		}
	}
	return s
}

// gluedBy reports a "By" that lost its space to markup: "ByTravis Haney"
// ("By<span>Travis Haney</span>"), "Byby JOSH HASKELL". A name that opens
// with "By" goes on in lower case ("Byron", "Byung").
func gluedBy(s, pre string) bool {
	if pre != "by" || !strings.HasPrefix(s, "By") || len(s) < 4 {
		return false
	}
	rest := s[2:]
	if len(rest) > 3 && strings.EqualFold(rest[:3], "by ") {
		return true
	}
	return rest[0] >= 'A' && rest[0] <= 'Z' && rest[1] >= 'a' && rest[1] <= 'z'
}

// trimTrailingWords drops words a dateline leaves after a name: "Updated",
// "Published", "on", month names.
func trimTrailingWords(s string) string {
	f := strings.Fields(s)
	for len(f) > 0 {
		w := strings.ToLower(strings.Trim(f[len(f)-1], ".,:"))
		switch {
		case w == "updated" || w == "published" || w == "on" || w == "at" || w == "am" || w == "le" || w == "am:" ||
			w == "posted" || w == "last" || w == "stand" || w == "aktualisiert":
		case (monthNames[w] != 0 || metaWeekdays[w]) && len(f) > 2:
		default:
			return strings.Join(f, " ")
		}
		f = f[:len(f)-1]
	}
	return ""
}

// plausibleName accepts one to six words of letters that do not read as a
// sentence, a handle or an address.
func plausibleName(s string) bool {
	if s == "" || strings.ContainsAny(s, "@<>{}=\"") || isURLish(s) {
		return false
	}
	words := strings.Fields(s)
	low := " " + strings.ToLower(s) + " "
	if strings.Contains(low, " by ") || (len(words) == 1 && monthNames[strings.Trim(strings.ToLower(s), ".")] != 0) {
		return false // "Photograph by X" is a credit; "Dec" is a dateline residue
	}
	if len(words) == 1 && len(s) <= 3 && strings.ToUpper(s) == s {
		return false // "MA", "CC": credentials and licence marks
	}
	if len(words) == 1 && isHandle(s) {
		return false // "steventroughtonsmith", "mcupdate": an account, not a name
	}
	if len(words) > 6 || len([]rune(s)) > 60 {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// isHandle reports one ASCII word with no capital letter: user names are
// written so, people's names are not.
func isHandle(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			letters++
		case c >= '0' && c <= '9', c == '_', c == '.', c == '-':
		default:
			return false
		}
	}
	return letters >= 3
}

// replaceFold replaces old (lower-case ASCII) in s regardless of case.
func replaceFold(s, old, new string) string {
	low := strings.ToLower(s)
	if len(low) != len(s) {
		return strings.ReplaceAll(s, old, new)
	}
	var b strings.Builder
	for {
		i := strings.Index(low, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(new)
		s, low = s[i+len(old):], low[i+len(old):]
	}
}

// visibleAuthors reads names from the visible byline elements: the first
// selector (in rule order) whose elements give names wins. Within a byline,
// name elements (links to author pages) are preferred to its whole text.
func (p *metaReader) visibleAuthors(byl [][]*xhtml.Node, orgs []string) []string {
	r := p.ex.meta
	for i, sel := range r.byline {
		var names []string
		var first *xhtml.Node
		for _, n := range byl[i] {
			if inChromeContainer(n) || inFigure(n) || hasMatchingAncestor(n, sel) {
				continue
			}
			if w := r.bylineWord[i]; w != "" && !hasClassWord(n, w) {
				continue
			}
			// Co-authors sit together; a later match elsewhere on the
			// page is another story's credit.
			if first == nil {
				first = n
			} else if !nearby(first, n) {
				continue
			}
			var inner []string
			for _, ns := range r.authorName {
				for _, m := range cascadia.QueryAll(n, ns) {
					inner = append(inner, p.splitAuthors(nodeText(m))...)
				}
				if len(inner) > 0 {
					break
				}
			}
			if len(inner) == 0 {
				inner = p.splitAuthors(nodeText(n))
			}
			names = append(names, inner...)
		}
		names = p.cleanAuthors(names, orgs)
		// Many different "authors" on one page are comment or teaser credits.
		if len(names) > 0 && len(names) <= 6 {
			return names
		}
	}
	return nil
}

// hasMatchingAncestor avoids reading a byline twice through a nested match.
func hasMatchingAncestor(n *xhtml.Node, sel cascadia.Matcher) bool {
	for x := n.Parent; x != nil; x = x.Parent {
		if x.Type == xhtml.ElementNode && sel.Match(x) {
			return true
		}
	}
	return false
}

// visibleBylines returns the texts of visible byline and dateline elements,
// for the body stage to drop. Long elements are containers, not bylines.
func (p *metaReader) visibleBylines(byl [][]*xhtml.Node) []string {
	seen := map[string]bool{}
	var out []string
	for _, group := range [][][]*xhtml.Node{byl, p.ix.queryEach(p.ex.meta.dateline)} {
		for _, nodes := range group {
			for _, n := range nodes {
				if inChromeContainer(n) {
					continue
				}
				add := func(t string) {
					if t = metaFold(t); t != "" && len([]rune(t)) <= 200 && !seen[t] {
						seen[t] = true
						out = append(out, t)
					}
				}
				add(nodeTextLimit(n, 400))
				// An author link inside "By <a>Name</a> · date": the
				// whole line is the byline the body must drop.
				if par := n.Parent; inlineElement(n) && par != nil && par.Type == xhtml.ElementNode && !inlineElement(par) {
					if t := metaFold(nodeTextLimit(par, 400)); bylineOpens(t) {
						add(t)
					}
				}
			}
		}
	}
	return out
}

// inFigure reports whether n is inside a figure or caption, where "By X"
// is a photo credit.
func inFigure(n *xhtml.Node) bool {
	for x := n.Parent; x != nil; x = x.Parent {
		if x.Type == xhtml.ElementNode && (x.Data == "figure" || x.Data == "figcaption") {
			return true
		}
	}
	return false
}

// textBylineAuthors finds a short element whose whole text is "By Name"
// (bylines without a telling class), the first in page order outside
// chrome and figures.
func (p *pass) textBylineAuthors(orgs []string) []string {
	var found []string
	var walk func(*xhtml.Node) bool
	walk = func(n *xhtml.Node) bool {
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "figure", "figcaption", "footer", "nav", "aside", "head":
				return false
			case "p", "div", "span", "li", "address", "section", "header":
				// Cheap test first: the element's first text must open
				// with "By"; only then is its (bounded) text built.
				if !bylineOpens(firstTextOf(n)) {
					break
				}
				t := metaFold(nodeTextLimit(n, 200))
				if len(t) > 3 && len(t) < 80 && bylineStart(t) {
					if names := p.cleanAuthors(p.splitAuthors(t), orgs); len(names) > 0 && len(names) <= 4 && !inChromeContainer(n) {
						found = names
						return true
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(p.root)
	return found
}

// bylineStart reports a text that opens with "By " followed by a capital.
func bylineStart(t string) bool {
	for _, pre := range []string{"By ", "BY ", "by "} {
		if rest, ok := strings.CutPrefix(t, pre); ok {
			r := []rune(strings.TrimSpace(rest))
			return len(r) > 0 && unicode.IsUpper(r[0])
		}
	}
	return false
}

// nearby reports whether b is under the grandparent of a
// (siblings, cousins): the shape of one multi-author byline.
func nearby(a, b *xhtml.Node) bool {
	anc := a
	for i := 0; i < 2 && anc.Parent != nil; i++ {
		anc = anc.Parent
	}
	for x := b.Parent; x != nil; x = x.Parent {
		if x == anc {
			return true
		}
	}
	return false
}

// hasClassWord reports whether a class name of n, split at '-', '_' and
// camel-case humps, has the word w.
func hasClassWord(n *xhtml.Node, w string) bool {
	for _, cls := range strings.Fields(metaAttr(n, "class")) {
		start := 0
		rs := []rune(cls)
		for i := 0; i <= len(rs); i++ {
			end := i == len(rs) || rs[i] == '-' || rs[i] == '_' ||
				(i > start && unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]))
			if !end {
				continue
			}
			if i > start && strings.EqualFold(string(rs[start:i]), w) {
				return true
			}
			start = i
			if i < len(rs) && (rs[i] == '-' || rs[i] == '_') {
				start = i + 1
			}
		}
	}
	return false
}

// firstTextOf returns the first non-blank text under n.
func firstTextOf(n *xhtml.Node) string {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xhtml.TextNode:
			if t := strings.TrimSpace(c.Data); t != "" {
				return t
			}
		case xhtml.ElementNode:
			if c.Data == "script" || c.Data == "style" {
				continue
			}
			if t := firstTextOf(c); t != "" {
				return t
			}
		}
	}
	return ""
}

func bylineOpens(t string) bool {
	if len(t) < 2 || !strings.EqualFold(t[:2], "by") {
		return false
	}
	return len(t) == 2 || t[2] == ' ' || t[2] == ':'
}

// nodeTextLimit is nodeText that stops once past max bytes.
func nodeTextLimit(n *xhtml.Node, max int) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(x *xhtml.Node) {
		if b.Len() > max {
			return
		}
		switch x.Type {
		case xhtml.TextNode:
			b.WriteString(x.Data)
		case xhtml.ElementNode:
			switch x.Data {
			case "script", "style", "noscript", "template":
				return
			case "br", "p", "div", "li":
				b.WriteByte(' ')
			}
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// declaredListing reports a page that declares itself a list of items
// (CollectionPage and the like) and no article type. og:type "website" is
// not enough: many article pages carry it.
func (p *pass) declaredListing() bool {
	if p.meta.articleType != "" {
		return false
	}
	switch p.meta.pageType {
	case "CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage":
		return true
	}
	return false
}

func inlineElement(n *xhtml.Node) bool {
	switch n.Data {
	case "a", "span", "strong", "em", "b", "i", "small":
		return true
	}
	return false
}

// domainLike reports "example.com", "ORF.at": one word with an inner dot and
// a final label of letters.
func domainLike(s string) bool {
	if s == "" || strings.ContainsAny(s, " \u00a0") {
		return false
	}
	i := strings.LastIndexByte(s, '.')
	if i <= 0 || len(s)-i-1 < 2 {
		return false
	}
	for _, r := range s[i+1:] {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
