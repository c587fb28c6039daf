package extract

import (
	"html"
	"strings"
	"unicode"

	"github.com/andybalholm/cascadia"
	xhtml "golang.org/x/net/html"
)

// readAuthors fills Authors from the first source that names a person:
// JSON-LD, then <meta> author keys, then microdata and visible bylines.
func (p *pass) readAuthors(mt *metaTags, ld ldArticle) {
	type source struct {
		names []string
		src   string
	}
	sources := []source{{ld.authors, srcJSONLD}}
	for _, k := range metaAuthorKeys {
		var names []string
		for _, v := range mt.vals[k] {
			if isURLish(v) {
				continue
			}
			names = append(names, p.splitAuthors(v)...)
		}
		sources = append(sources, source{names, metaSource(k)})
	}
	for _, v := range mt.microdata["author"] {
		if !isURLish(v) {
			sources = append(sources, source{p.splitAuthors(v), srcMicrodata})
		}
	}
	sources = append(sources, source{p.visibleAuthors(), srcByline})
	for _, s := range sources {
		names := p.cleanAuthors(s.names)
		if len(names) > 0 {
			p.art.Authors = names
			p.art.Provenance["authors"] = s.src
			return
		}
	}
}

// cleanAuthors drops credits that are not people and duplicates (case
// aside), keeping order.
func (p *pass) cleanAuthors(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		k := strings.ToLower(n)
		if seen[k] || p.notAPerson(n) {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

// notAPerson reports agencies, desks, the site itself and generic credits.
func (p *pass) notAPerson(name string) bool {
	k := strings.ToLower(strings.Trim(name, " .,;:"))
	r := p.ex.meta
	if k == "" || r.notAuthors[k] {
		return true
	}
	if site := p.art.SiteName; site != "" && sameName(name, site) && len(strings.Fields(k)) <= 3 {
		return true
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
	for _, j := range metaNameJoiners {
		s = replaceFold(s, j, ",")
	}
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '、' }) {
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
			if r != ' ' && r != ':' && r != '\u00a0' && pre[0] < 0x80 {
				continue // "Byron" is a name
			}
			s = strings.TrimLeft(rest, " :\u00a0")
			changed = true
			break
		}
	}
	return s
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
		case monthNames[w] != 0 && len(f) > 2:
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
func (p *pass) visibleAuthors() []string {
	r := p.ex.meta
	for _, sel := range r.byline {
		var names []string
		nodes := cascadia.QueryAll(p.root, sel)
		for _, n := range nodes {
			if inChromeContainer(n) || hasMatchingAncestor(n, sel) {
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
		names = p.cleanAuthors(names)
		// Many different "authors" on one page are comment or teaser credits.
		if len(names) > 0 && len(names) <= 6 {
			return names
		}
	}
	return nil
}

// hasMatchingAncestor avoids reading a byline twice through a nested match.
func hasMatchingAncestor(n *xhtml.Node, sel cascadia.Sel) bool {
	for x := n.Parent; x != nil; x = x.Parent {
		if x.Type == xhtml.ElementNode && sel.Match(x) {
			return true
		}
	}
	return false
}

// visibleBylines returns the texts of visible byline and dateline elements,
// for the body stage to drop. Long elements are containers, not bylines.
func (p *pass) visibleBylines() []string {
	r := p.ex.meta
	seen := map[string]bool{}
	var out []string
	for _, group := range [][]cascadia.Sel{r.byline, r.dateline} {
		for _, sel := range group {
			for _, n := range cascadia.QueryAll(p.root, sel) {
				t := metaFold(nodeText(n))
				if t == "" || len([]rune(t)) > 200 || seen[t] || inChromeContainer(n) {
					continue
				}
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}
