package extract

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// buildBlocks turns the content region into typed blocks in reading order,
// collects the links inside them, and drops what is not body: bylines,
// furniture lines, a heading that repeats the title, pull quotes that repeat
// a paragraph, repeated paragraphs.
func (p *pass) buildBlocks() {
	if p.content == nil {
		return
	}
	b := &blockBuilder{base: p.base}
	b.walk(p.content)
	b.flush()

	skip := map[string]bool{}
	for _, s := range p.meta.bylines {
		skip[foldSpace(s)] = true
	}
	title := foldSpace(p.art.Title)
	if sub := foldSpace(p.art.Subtitle); sub != "" {
		skip[sub] = true // the dek, printed above the body, is metadata
	}
	seen := map[string]bool{}
	var blocks []Block
	var links []Link
	for i, blk := range b.blocks {
		if blk.Type == BlockParagraph && strings.Contains(blk.Text, "\n") {
			blk.Text = p.ex.clean.dropChromeLines(blk.Text)
		}
		t := blk.Text
		switch {
		case blk.Type != BlockList && blk.Type != BlockTable && blk.Type != BlockFigure && blk.Type != BlockEmbed && t == "":
			continue
		case skip[t] || p.ex.clean.isChromeLine(t):
			continue
		case len(blocks) < 3 && blk.Type == BlockParagraph && isBylineLine(t):
			continue
		case blk.Type == BlockHeading && (t == title || len(blocks) == 0 && strings.EqualFold(t, title)):
			continue
		case blk.Type == BlockParagraph || blk.Type == BlockHeading:
			if seen[t] {
				continue
			}
			seen[t] = true
		}
		blocks = append(blocks, blk)
		links = append(links, b.links[i]...)
	}
	blocks = dropPullQuotes(blocks)
	p.art.Blocks = blocks
	if links != nil {
		p.art.Links = links
	}
}

// bylinePrefixes open a byline in the languages we see most.
var bylinePrefixes = []string{"by ", "by:", "by·", "by |", "von ", "par ", "por ", "di ", "door "}

// isBylineLine reports whether a block near the top reads as a byline or
// dateline line ("By Kavya Shetty · Oct 8, 2023"), even after the author
// link inside it was lifted out: short, opened by a byline word, and not a
// sentence.
func isBylineLine(t string) bool {
	if len(t) > 120 || strings.HasSuffix(t, ".") && !strings.ContainsAny(t, "·|•") {
		return false
	}
	low := strings.ToLower(t)
	for _, pre := range bylinePrefixes {
		if strings.HasPrefix(low, pre) {
			return len(t) <= 60 || strings.ContainsAny(t, "·|•")
		}
	}
	return false
}

// dropEmbedByline removes the last line of an embedded post when it is the
// post's chrome: "— Chris Delaney MP (@ChrisDelaneyMP) March 4, 2024".
// Readability strips the classes that would name the embed, so the line is
// recognised by its shape: a dash, then a handle in parentheses.
func dropEmbedByline(text string) string {
	i := strings.LastIndexByte(text, '\n')
	last := text[i+1:]
	trimmed := strings.TrimLeft(last, " ")
	if !(strings.HasPrefix(trimmed, "—") || strings.HasPrefix(trimmed, "–") || strings.HasPrefix(trimmed, "- ")) {
		return text
	}
	if !strings.Contains(last, "(@") {
		return text
	}
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(text[:i])
}

// dropPullQuotes removes quote blocks whose text repeats a sentence that
// also stands in a paragraph: a pull quote is a design element, and its
// words are already in the body.
func dropPullQuotes(blocks []Block) []Block {
	var body strings.Builder
	for _, b := range blocks {
		if b.Type == BlockParagraph {
			body.WriteString(normalizeQuoteText(b.Text))
			body.WriteByte('\n')
		}
	}
	all := body.String()
	out := blocks[:0]
	for _, b := range blocks {
		if b.Type == BlockQuote {
			q := normalizeQuoteText(b.Text)
			if len(q) >= 20 && strings.Contains(all, q) {
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

// normalizeQuoteText folds case, space and quotation marks so a pull quote
// matches the sentence it repeats.
func normalizeQuoteText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '"', '“', '”', '„', '«', '»', '‘', '’', '\'':
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	return foldSpace(strings.Trim(s, " .,;:—–-"))
}

type blockBuilder struct {
	base   *url.URL
	blocks []Block
	links  [][]Link // links per block, same index as blocks

	inline      strings.Builder // loose inline text waiting for a block
	inlineLinks []Link
}

// blockTags start a block of their own when met inside running text.
func isBlockLevel(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Dl,
		atom.Blockquote, atom.Figure, atom.Table, atom.Pre, atom.Address, atom.Aside,
		atom.Iframe, atom.Video, atom.Audio, atom.Embed, atom.Object, atom.Hr, atom.Details,
		atom.Center, atom.Li, atom.Dd, atom.Dt, atom.Picture,
		atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Caption,
		atom.Form, atom.Fieldset, atom.Nav, atom.Figcaption, atom.Summary:
		return true
	}
	return false
}

func (b *blockBuilder) add(blk Block, links []Link) {
	b.blocks = append(b.blocks, blk)
	b.links = append(b.links, links)
}

// flush turns pending loose inline text into a paragraph.
func (b *blockBuilder) flush() {
	t := cleanText(b.inline.String())
	b.inline.Reset()
	if t != "" {
		b.add(Block{Type: BlockParagraph, Text: t}, b.inlineLinks)
	}
	b.inlineLinks = nil
}

func (b *blockBuilder) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			b.inline.WriteString(c.Data)
		case html.ElementNode:
			b.element(c)
		}
	}
}

func (b *blockBuilder) element(c *html.Node) {
	if !isBlockLevel(c.DataAtom) {
		// Inline markup inside loose text: br breaks the line, a collects
		// a link, anything else contributes its text.
		t := &textCollector{base: b.base}
		t.collect(c)
		b.inline.WriteString(t.sb.String())
		b.inlineLinks = append(b.inlineLinks, t.links...)
		return
	}
	b.flush()
	switch c.DataAtom {
	case atom.P, atom.Pre, atom.Address, atom.Dd, atom.Dt:
		if hasBlockChild(c) {
			b.walk(c)
			b.flush()
			return
		}
		text, links := b.text(c)
		b.add(Block{Type: BlockParagraph, Text: text}, links)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		text, links := b.text(c)
		b.add(Block{Type: BlockHeading, Text: text, Level: int(c.Data[1] - '0')}, links)
	case atom.Ul, atom.Ol, atom.Dl:
		var items []string
		var links []Link
		for li := c.FirstChild; li != nil; li = li.NextSibling {
			if li.Type != html.ElementNode {
				continue
			}
			t, l := b.text(li)
			if t != "" {
				items = append(items, t)
				links = append(links, l...)
			}
		}
		if len(items) > 0 {
			b.add(Block{Type: BlockList, Text: strings.Join(items, "\n"), Items: items}, links)
		}
	case atom.Blockquote:
		text, links := b.text(c)
		b.add(Block{Type: BlockQuote, Text: text}, links)
	case atom.Figure, atom.Picture:
		// Captions were lifted out before scoring; what is left is media.
		text, _ := b.text(c)
		b.add(Block{Type: BlockFigure, Text: text}, nil)
	case atom.Table:
		if countParagraphs(c) >= 2 {
			b.walk(c) // a layout table holding the article
			b.flush()
			return
		}
		var rows []string
		var links []Link
		for _, tr := range findAll(c, atom.Tr) {
			var cells []string
			for td := tr.FirstChild; td != nil; td = td.NextSibling {
				if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) {
					t, l := b.text(td)
					cells = append(cells, t)
					links = append(links, l...)
				}
			}
			if row := strings.Join(cells, " | "); strings.Trim(row, " |") != "" {
				rows = append(rows, row)
			}
		}
		if len(rows) > 0 {
			b.add(Block{Type: BlockTable, Text: strings.Join(rows, "\n"), Items: rows}, links)
		}
	case atom.Iframe, atom.Video, atom.Audio, atom.Embed, atom.Object:
		src := attr(c, "src")
		if src == "" {
			src = attr(c, "data")
		}
		if u := absURL(b.base, src); u != "" {
			b.add(Block{Type: BlockEmbed, Text: u}, nil)
		}
	case atom.Hr:
	default: // div, section, article, li outside a list...
		b.walk(c)
		b.flush()
	}
}

func (b *blockBuilder) text(n *html.Node) (string, []Link) {
	t := &textCollector{base: b.base}
	t.collect(n)
	return cleanText(t.sb.String()), t.links
}

// textCollector gathers the visible text under a node, with <br> as a line
// break, and the links in it.
type textCollector struct {
	base  *url.URL
	sb    strings.Builder
	links []Link
}

func (t *textCollector) collect(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t.sb.WriteString(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	switch n.DataAtom {
	case atom.Br:
		t.sb.WriteByte('\n')
		return
	case atom.Script, atom.Style, atom.Noscript, atom.Template:
		return
	case atom.A:
		start := t.sb.Len()
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			t.collect(c)
		}
		if u := absURL(t.base, attr(n, "href")); u != "" {
			if text := foldSpace(t.sb.String()[start:]); text != "" {
				t.links = append(t.links, Link{URL: u, Text: text})
			}
		}
		return
	}
	block := isBlockLevel(n.DataAtom)
	if block && t.sb.Len() > 0 {
		t.sb.WriteByte('\n')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.collect(c)
	}
	if block {
		t.sb.WriteByte('\n')
	}
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom != atom.Br && isBlockLevel(c.DataAtom) {
			return true
		}
	}
	return false
}

func findAll(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == a {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// cleanText folds runs of white space to one space within each line, drops
// empty lines, and trims. Non-breaking and zero-width spaces count as space.
func cleanText(s string) string {
	if s == "" {
		return ""
	}
	var out strings.Builder
	out.Grow(len(s))
	pendingSpace, pendingLine := false, false
	for _, r := range s {
		switch {
		case r == '\n':
			if out.Len() > 0 {
				pendingLine = true
			}
			pendingSpace = false
		case r == '\u200b' || r == '\ufeff' || r == '\u00ad':
		case unicode.IsSpace(r):
			if out.Len() > 0 && !pendingLine {
				pendingSpace = true
			}
		case r == utf8.RuneError:
			// invalid bytes from a bad decode: drop them
		default:
			if pendingLine {
				out.WriteByte('\n')
			} else if pendingSpace {
				out.WriteByte(' ')
			}
			pendingLine, pendingSpace = false, false
			out.WriteRune(r)
		}
	}
	return out.String()
}

// foldSpace collapses all white space, line breaks included, to single spaces.
func foldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func blocksText(bs []Block) string {
	var sb strings.Builder
	for _, b := range bs {
		var parts []string
		switch b.Type {
		case BlockList, BlockTable:
			parts = b.Items
		case BlockFigure, BlockEmbed:
			continue
		case BlockQuote:
			// the quote block keeps an embedded post's attribution line
			// for the quotes stage; the body text does not
			parts = []string{dropEmbedByline(b.Text)}
		default:
			parts = []string{b.Text}
		}
		for _, p := range parts {
			if p == "" {
				continue
			}
			if sb.Len() > 0 {
				sb.WriteString("\n\n")
			}
			sb.WriteString(p)
		}
	}
	return sb.String()
}

// countWords counts runs of letters and digits; a CJK character counts as a
// word of its own, since those scripts do not separate words with spaces.
func countWords(s string) int {
	n, in := 0, false
	prevDigit, joinDigit := false, false
	for _, r := range s {
		switch {
		case isCJK(r):
			n++
			in, prevDigit, joinDigit = false, false, false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			isDigit := unicode.IsDigit(r)
			if !in && !(joinDigit && isDigit) {
				n++
			}
			in, prevDigit, joinDigit = true, isDigit, false
		case in && (r == '\'' || r == '’' || r == '-'):
			// inside a word: don't, well-known
		case prevDigit && (r == '.' || r == ','):
			// 12.50 and 1,300 are one number if a digit follows
			in, joinDigit = false, true
		default:
			in, prevDigit, joinDigit = false, false, false
		}
	}
	return n
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// normalizeForHash is the text the content hash covers: case and white
// space folded, so a re-rendered page with the same words hashes the same.
func normalizeForHash(s string) string {
	return strings.ToLower(foldSpace(s))
}
