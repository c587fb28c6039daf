package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quotes: direct quotations in the body and who said them.
//
// findQuotes runs in two steps. The first scans each text block rune by
// rune for quoted spans and reads the words around each span: a reporting
// verb (cue) before it ("Lavrov said: “…”") or after it ("“…,” said the
// ministry"), and the phrase that names the speaker. The second step walks
// the spans in reading order, resolves each phrase to a name (speakers.go),
// and keeps a span only when it is a quote: a full quote (4+ words) that is
// attributed or stands as a quoted paragraph, a partial one only when a
// cue ties it to a speaker. Scare quotes, terms and titles of works have no
// cue, or stand after a word that marks them ("so-called", "his book").
// We scan runes instead of using regexp: this runs on every page.

// attributeQuotes finds the direct quotes in p.art.Blocks and their speakers.
func (p *pass) attributeQuotes() {
	p.art.Quotes = findQuotes(p.art.Blocks, p.ex.quotes)
}

// fullQuoteWords is the length from which a quoted span is a full quote.
const fullQuoteWords = 4

// maxQuoteCandidates bounds the work on a page made of quotation marks.
const maxQuoteCandidates = 2000

// qspan is one quoted span in a block's text.
type qspan struct {
	open, inner, end, close int // mark, text start, text end, after the closing mark
	unclosed                bool
}

// candidate is a quoted span with what its context says.
type candidate struct {
	block    int
	pos      int
	text     string
	words    int
	kind     string
	unclosed bool
	// chained: continues the unclosed quote of the previous paragraph
	chained bool
	// standalone: the paragraph is this quote and nothing else
	standalone bool
	// sentenceStart: nothing stands before the span in its sentence
	sentenceStart bool
	term          bool // a label, a term or a title, not words spoken
	cue           string
	naming        bool    // the cue names ("called") rather than reports
	phrase        []token // the words naming the speaker
	phraseInPrev  bool    // the phrase stands in the block before ("He said:" + blockquote)
	hasCue        bool
	fixed         *speakerRef // speaker given by the block itself (embed chrome)
}

// findQuotes returns the direct quotes of the blocks, in reading order.
func findQuotes(blocks []Block, q *quoteRules) []Quote {
	out := []Quote{}
	if q == nil || len(blocks) == 0 {
		return out
	}
	var cands []candidate
	open := false // the previous text block ended inside an unclosed quote
	for bi, b := range blocks {
		switch b.Type {
		case BlockParagraph, BlockList:
			cands, open = q.scanBlock(cands, bi, b.Text, QuoteInline, open)
		case BlockQuote:
			cands = q.scanBlockquote(cands, bi, b.Text, blocks)
			open = false
		case BlockHeading:
			open = false
		}
	}
	if len(cands) == 0 {
		return out // most pages: no need to read the names
	}
	if len(cands) > maxQuoteCandidates {
		cands = cands[:maxQuoteCandidates] // a pathological page, not an article
	}
	rv := &resolver{q: q, blocks: blocks, mentions: q.findMentions(blocks)}
	rv.buildIndex()
	// titles and first names say a gender; the pronouns of a sentence a
	// name opens only guess it ("Rothman reached out to her")
	for i := range rv.mentions {
		m := &rv.mentions[i]
		var g int8
		switch {
		case m.male && !m.female:
			g = 1
		case m.female && !m.male:
			g = -1
		}
		if g != 0 && (m.kind == mentionPerson || rv.isPerson(m.last())) {
			rv.learnGender(rv.fullestPerson([]string{m.name}, m.words, m.block, m.pos), g)
		}
	}
	rv.firstGender = map[string]int8{}
	for i := range rv.mentions {
		m := &rv.mentions[i]
		if m.kind != mentionPerson || len(m.words) < 2 {
			continue
		}
		var g int8
		switch {
		case q.maleFirst[m.words[0]]:
			g = 1
		case q.femaleFirst[m.words[0]]:
			g = -1
		default:
			continue
		}
		name := rv.fullestPerson([]string{m.name}, m.words, m.block, m.pos)
		if old, ok := rv.firstGender[name]; ok && old != g {
			g = 0
		}
		rv.firstGender[name] = g
	}
	for i := range rv.mentions {
		m := &rv.mentions[i]
		if m.gender != 0 && (m.kind == mentionPerson || rv.isPerson(m.last())) {
			rv.guessGender(rv.fullestPerson([]string{m.name}, m.words, m.block, m.pos), m.gender)
		}
	}
	return rv.decide(cands, out)
}

// scanSpans finds the quoted spans of s in order. An opening mark with no
// closing mark makes a span to the end of s (a quote that continues in the
// next paragraph); for marks that double as apostrophes it is dropped.
func (q *quoteRules) scanSpans(s string) []qspan {
	var spans []qspan
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && c != '"' {
			i++ // fast path: no ASCII character but " is a mark
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		m, ok := q.marks[r]
		if !ok || !canOpen(s, i, size, m) {
			i += size
			continue
		}
		j, cl := findClose(s, i+size, m)
		if j < 0 {
			if m.apostrophe {
				i += size
				continue
			}
			spans = append(spans, qspan{open: i, inner: i + size, end: len(s), close: len(s), unclosed: true})
			break
		}
		spans = append(spans, qspan{open: i, inner: i + size, end: j, close: j + cl})
		i = j + cl
	}
	return spans
}

func prevRune(s string, i int) rune {
	if i <= 0 {
		return ' '
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func nextRune(s string, i int) rune {
	if i >= len(s) {
		return ' '
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func canOpen(s string, i, size int, m quoteMark) bool {
	next := nextRune(s, i+size)
	if i+size >= len(s) || unicode.IsSpace(next) && (m.straight || m.apostrophe) {
		return false
	}
	if m.straight || m.apostrophe {
		// after a space, a bracket, a dash or another quotation mark;
		// never inside a word (5'10", rock'n'roll)
		p := prevRune(s, i)
		return !isWordRune(p) && p != '.' && p != ','
	}
	return true
}

// findClose returns the offset and size of the mark that closes a span
// whose text starts at from, or -1.
func findClose(s string, from int, m quoteMark) (int, int) {
	depth := 0
	for i := from; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case strings.ContainsRune(m.closers, r):
			ok := true
			if m.straight || m.apostrophe || r == '"' {
				// a closer touches the text before it and no letter
				// follows: Lavrov’s and ’90s are apostrophes
				ok = !unicode.IsSpace(prevRune(s, i)) && !isWordRune(nextRune(s, i+size))
			}
			if ok && m.straight && depth == 0 && i == from {
				ok = false
			}
			if ok {
				if depth == 0 {
					return i, size
				}
				depth--
			}
		case r == m.open && !m.straight:
			if depth == 0 && m.open == '“' && !unicode.IsSpace(prevRune(s, i)) && !isWordRune(prevRune(s, i)) && !isWordRune(nextRune(s, i+size)) {
				return i, size // a typo'd closer: “…,“ Jerry says / “…that“—taking
			}
			depth++
		}
		i += size
	}
	return -1, 0
}

// abbrevDot reports a word whose dot abbreviates it: "Dr.", the
// initial in "Mark J. Heller".
func (q *quoteRules) abbrevDot(t token) bool {
	if t.trail != "." {
		return false
	}
	return q.abbreviations[t.lower] || utf8.RuneCountInString(t.word) == 1 && isCapitalised(t.word)
}

// sentenceStart returns where the sentence holding offset i begins.
func (q *quoteRules) sentenceStart(s string, i int) int {
	for k := i - 1; k > 0; k-- {
		switch s[k] {
		case '\n':
			return k + 1
		case ' ':
			if q.endsSentence(s[:k]) {
				return k + 1
			}
		}
	}
	return 0
}

// sentenceEnd returns where the sentence holding offset i ends.
func (q *quoteRules) sentenceEnd(s string, i int) int {
	for k := i; k < len(s); k++ {
		switch s[k] {
		case '\n':
			return k
		case ' ':
			if k > i && q.endsSentence(s[:k]) {
				return k
			}
		}
	}
	return len(s)
}

// endsSentence reports whether s ends with a sentence end: a full stop,
// question or exclamation mark, not the dot of an abbreviation.
func (q *quoteRules) endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r != '.' && r != '!' && r != '?' && r != '…' {
		return false
	}
	if r != '.' {
		return true
	}
	w := s[:len(s)-1]
	if k := strings.LastIndexAny(w, " \n(\"“‘«"); k >= 0 {
		w = w[k+1:]
	}
	if utf8.RuneCountInString(w) == 1 {
		return false // an initial: "J. Smith", "U.S."
	}
	return !q.abbreviations[strings.ToLower(w)]
}

// scanBlock reads the quoted spans of one paragraph. open says that the
// previous paragraph ended inside an unclosed quote; the result says
// whether this one does.
func (q *quoteRules) scanBlock(cands []candidate, bi int, text, kind string, open bool) ([]candidate, bool) {
	spans := q.scanSpans(text)
	if len(spans) == 0 {
		return cands, false
	}
	// words outside the spans decide whether the paragraph is a quote
	outside := 0
	prev := 0
	for _, sp := range spans {
		outside += fewWords(text[prev:sp.open], 3)
		prev = sp.close
	}
	outside += fewWords(text[prev:], 3)
	prevEnd := 0
	for si, sp := range spans {
		qt := foldSpace(text[sp.inner:sp.end])
		if !hasWordRune(qt) {
			prevEnd = sp.close
			continue
		}
		c := candidate{block: bi, pos: sp.open, text: qt, words: quoteWords(qt), kind: kind, unclosed: sp.unclosed}
		c.chained = open && si == 0 && strings.TrimSpace(text[:sp.open]) == ""
		c.standalone = si == 0 && strings.TrimSpace(text[:sp.open]) == "" && outside <= 2
		from := max(prevEnd, q.sentenceStart(text[prevEnd:], sp.open-prevEnd)+prevEnd)
		before := tokenize(text[from:sp.open], from)
		c.sentenceStart = len(before) == 0 || allPunct(before)
		c.term = q.isTerm(text[:sp.open])
		nextOpen := len(text)
		if si+1 < len(spans) {
			nextOpen = spans[si+1].open
		}
		afterEnd := min(nextOpen, q.sentenceEnd(text[:nextOpen], sp.close))
		after := tokenize(text[sp.close:afterEnd], sp.close)
		if !c.term && !sp.unclosed && q.modifiesNoun(before, after, text[sp.inner:sp.end]) {
			c.term = true // the “one country, two systems” formula
		}
		// A comma, question or exclamation mark ends the quoted words
		// when the attribution follows: “…,” said X / “…”, he noted.
		// (through the marks of a nested quote: ‘…?’” Holmes testified)
		trailing := strings.TrimRightFunc(text[sp.inner:sp.end], func(r rune) bool {
			return unicode.IsSpace(r) || r == '’' || r == '\'' || r == '"' || r == '”'
		})
		lastR, _ := utf8.DecodeLastRuneInString(trailing)
		commaAfter := len(after) > 0 && after[0].word == "" && strings.HasPrefix(after[0].trail, ",")
		attrAfter := commaAfter || strings.ContainsRune(",?!—–-…:", lastR)
		switch {
		case cjkIn(text[from:sp.open]) || cjkIn(text[sp.close:afterEnd]):
			q.attributeCJK(&c, text[from:sp.open], text[sp.close:afterEnd])
		case sp.unclosed || !attrAfter && lastR == '.' || !q.attributeAfter(&c, after, attrAfter):
			if sp.unclosed || !q.attributeTrailing(&c, after, attrAfter) {
				q.attributeBefore(&c, before)
			}
		}
		cands = append(cands, c)
		if !c.term {
			prevEnd = sp.close // a term (the word “hope”) does not end the clause before the next span
		}
	}
	last := spans[len(spans)-1]
	return cands, last.unclosed
}

// modifiesNoun reports a short span that stands between a determiner and
// the noun it qualifies: the “one country, two systems” formula. Not
// the “ongoing degradation” of…, a “very high-level commitment” to….
func (q *quoteRules) modifiesNoun(before, after []token, inner string) bool {
	if len(before) == 0 || len(after) == 0 {
		return false
	}
	b, a := before[len(before)-1], after[0]
	if !q.determiners[b.lower] || isCapitalised(b.word) || b.trail != "" || a.lead != "" || a.word == "" || isCapitalised(a.word) {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(inner)); !isWordRune(r) {
		return false // “…,” or “….”: the words end there
	}
	w := a.lower
	return !q.prepositions[w] && !q.clauseWords[w] && !q.softWords[w] && q.cues.match([]string{w}, 0) == 0 && !strings.HasSuffix(w, "ed")
}

// isTitleCase reports a label in title case: every word of four letters
// or more capitalised, at least two of them, not all in capitals (that is
// shouting, which people do), and no sentence end.
func isTitleCase(s string) bool {
	s = strings.TrimRight(s, " ,;:")
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return false
	}
	long, lower := 0, false
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !isWordRune(r) })
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		if !isCapitalised(w) {
			return false
		}
		long++
		for _, r := range w {
			lower = lower || unicode.IsLower(r)
		}
	}
	return long >= 2 && lower
}

// fewWords counts the words of s up to limit: cheaper than countWords
// when all we ask is "two words or fewer?".
func fewWords(s string, limit int) int {
	n, in := 0, false
	for _, r := range s {
		if isWordRune(r) {
			if !in {
				n++
				if n >= limit {
					return n
				}
			}
			in = true
		} else if r != '\'' && r != '’' && r != '-' {
			in = false
		}
	}
	return n
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

func allPunct(toks []token) bool {
	for _, t := range toks {
		if t.word != "" {
			return false
		}
	}
	return true
}

// isTerm reports whether the words right before a span mark it as a label:
// "so-called", "known as", "his book".
func (q *quoteRules) isTerm(before string) bool {
	toks := tokenize(lastBytes(before, 80), 0)
	if len(toks) == 0 {
		return false
	}
	if len(toks) > 4 {
		toks = toks[len(toks)-4:]
	}
	lastT := toks[len(toks)-1]
	if lastT.trail != "" && lastT.trail != "-" {
		return false // "book:" introduces, "so-called" ends in a word
	}
	lw := lowerWords(toks)
	if q.termCues.matchEnding(lw, len(lw)-1) > 0 {
		return true
	}
	if q.workNouns[lw[len(lw)-1]] {
		return true
	}
	// "his new book", "the 2019 film"
	return len(lw) >= 2 && q.workNouns[lw[len(lw)-2]] && toks[len(toks)-2].trail == ""
}

// lastBytes returns about the last n bytes of s, cut at a rune start.
func lastBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// cueAt matches a cue phrase at toks[i]; it returns its length in words.
// A capitalised word is a cue only at the start of a sentence: "the
// United States" does not state.
func (q *quoteRules) cueAt(toks []token, lw []string, i int) int {
	if i > 0 && isCapitalised(toks[i].word) {
		return 0
	}
	return q.cues.match(lw, i)
}

// attributeAfter reads “…,” said X / “…,” X said / “…”, he noted. strong
// says that the quote's punctuation announces an attribution.
func (q *quoteRules) attributeAfter(c *candidate, after []token, strong bool) bool {
	for len(after) > 0 && after[0].word == "" {
		after = after[1:]
	}
	if len(after) == 0 {
		return false
	}
	lw := lowerWords(after)
	limit := min(len(after), 10) // "a senior official in the tourism ministry said"
	for k := 0; k < limit; k++ {
		n := q.cueAt(after, lw, k)
		if n == 0 {
			// a word before the cue must run on without punctuation
			if after[k].trail != "" && !strings.HasPrefix(after[k].trail, "-") && !q.abbrevDot(after[k]) || after[k].word == "" || k > 0 && after[k].lead != "" {
				return false
			}
			if k == 0 && q.clauseWords[lw[k]] {
				return false
			}
			continue
		}
		cue := strings.Join(lw[k:k+n], " ")
		if q.afterOnlyCue[cue] && k > 0 {
			return false
		}
		if !strong && k == 0 && !q.afterCue[cue] {
			// “special attention” needs…: only a comma or question mark
			// lets a verb right after the quote attribute it
			return false
		}
		if k == 0 && q.objectCue[cue] {
			return false // “…,” told the court: the court heard it
		}
		var phrase []token
		if k > 0 && !q.afterCue[cue] {
			phrase = after[:k]
			for _, t := range phrase[1:] {
				if q.clauseWords[t.lower] && !q.prepositions[t.lower] && !isCapitalised(t.word) {
					return false // “patched” the software as the company continued
				}
			}
		} else {
			phrase = q.phraseAfter(after, k+n)
			phrase = q.appositiveName(after, k+n, phrase)
		}
		if len(phrase) == 0 {
			return false
		}
		c.cue, c.hasCue, c.phrase, c.naming = cueText(after[k:k+n]), true, phrase, q.namingCue[cue]
		return true
	}
	return false
}

// attributeTrailing reads an attribution that closes the sentence after a
// comma, with words between it and the quote: “…aren't buying”
// impeachment, Trump said. / a “high-level commitment” to the goal, says
// Belinda Schäpe. It beats a cue before the quote, which then belongs to
// another clause ("Xi announced the targets, which signal a “…”").
//
// After a quote that ends in a comma, a cue after an appositive takes the
// name from it: “…,” Dr Jane Roe, the lead of the unit, told the paper.
func (q *quoteRules) attributeTrailing(c *candidate, after []token, strong bool) bool {
	for k := 0; k+1 < len(after) && k < 40; k++ {
		if after[k].trail != "," {
			continue
		}
		rest := after[k+1:]
		if strong {
			lw := lowerWords(rest[:min(len(rest), 4)])
			if n := q.cueAt(rest, lw, 0); n > 0 && !q.afterCue[strings.Join(lw[:n], " ")] {
				if seg := q.appositiveSubject(after[:k+1]); seg != nil {
					c.cue, c.hasCue, c.phrase, c.naming = cueText(rest[:n]), true, seg, q.namingCue[strings.Join(lw[:n], " ")]
					return true
				}
			}
		}
		if k >= 25 {
			break
		}
		if len(rest) > 12 && !q.cueIn(rest[:4]) {
			continue
		}
		tmp := *c
		if q.attributeAfter(&tmp, rest, true) {
			*c = tmp
			return true
		}
	}
	return false
}

// appositiveSubject returns the name among the comma-separated parts
// of toks, the first two: "Dr Jane Roe, the lead of the unit," or "the
// lead of the unit, Jane Roe,".
func (q *quoteRules) appositiveSubject(toks []token) []token {
	from := 0
	for part := 0; part < 2 && from < len(toks); part++ {
		to := from
		for to < len(toks) && toks[to].trail == "" {
			to++
		}
		if to == len(toks) || toks[to].trail != "," {
			return nil
		}
		seg := toks[from : to+1]
		if runs := q.nameRuns(seg); len(runs) == 1 && runs[0].from == 0 && runs[0].to == len(seg) {
			return seg
		}
		if part == 0 && !q.determiners[seg[0].lower] {
			return nil // a clause, not a description of the speaker
		}
		from = to + 1
	}
	return nil
}

// cueIn reports a cue among toks.
func (q *quoteRules) cueIn(toks []token) bool {
	lw := lowerWords(toks)
	for i := range toks {
		if q.cueAt(toks, lw, i) > 0 {
			return true
		}
	}
	return false
}

func cueText(toks []token) string {
	ws := make([]string, len(toks))
	for i, t := range toks {
		ws[i] = t.word
	}
	return strings.Join(ws, " ")
}

// phraseAfter collects the speaker words after a cue: “…,” said the
// Russian Foreign Ministry. / according to Smith, …
func (q *quoteRules) phraseAfter(toks []token, from int) []token {
	to := from
	for to < len(toks) && to-from < 8 {
		t := toks[to]
		if t.word == "" || to > from && t.lead != "" {
			break
		}
		if q.clauseWords[t.lower] || !isCapitalised(t.word) && q.phraseStops(t.lower) && to > from {
			break
		}
		if to > from && q.determiners[t.lower] && !isCapitalised(t.word) && hasCapital(toks[from:to]) &&
			toks[to-1].lower != "von" && toks[to-1].lower != "van" {
			break // "sagte Experte Bernd Bönte der Deutschen Presse-Agentur"
		}
		if to > from && q.prepositions[t.lower] && !isCapitalised(t.word) &&
			!(q.connectors[t.lower] && isCapitalised(toks[to-1].word) && to+1 < len(toks) && isCapitalised(toks[to+1].word)) {
			break // "erklärt Boris Nadeschdin im DW-Interview"; not "Ministry of Foreign Affairs"
		}
		to++
		if t.trail != "" && !q.abbrevDot(t) {
			break
		}
	}
	return toks[from:to]
}

func hasCapital(toks []token) bool {
	for _, t := range toks {
		if isCapitalised(t.word) {
			return true
		}
	}
	return false
}

// appositiveName prefers the name that follows a description after a
// comma: "…, raconte la directrice du festival, Claire Dumas." and
// "…," said the hospital's chief executive, Graham Illingworth.
func (q *quoteRules) appositiveName(toks []token, from int, phrase []token) []token {
	if len(phrase) == 0 || !q.determiners[phrase[0].lower] {
		return phrase // "said Smith", "dijo Pedro Sánchez": a name already
	}
	comma := -1
	for i := from; i < len(toks) && i < from+8; i++ {
		if toks[i].trail == "," {
			comma = i
			break
		}
		if toks[i].trail != "" || toks[i].word == "" {
			return phrase
		}
	}
	if comma < 0 || comma+1 >= len(toks) {
		return phrase
	}
	rest := toks[comma+1:]
	runs := q.nameRuns(rest)
	if len(runs) == 0 || runs[0].from != 0 {
		return phrase
	}
	r := runs[0]
	last := rest[r.to-1]
	if r.to < len(rest) && !q.endsSentence(last.word+last.trail) && last.trail != "," {
		return phrase // the name runs on into a clause
	}
	return rest[:r.to]
}

// phraseStops are lower-case words that end a speaker phrase after a cue:
// "said Smith in a statement", "said Smith on Friday".
func (q *quoteRules) phraseStops(w string) bool {
	switch w {
	case "in", "on", "at", "during", "with", "by", "about", "adding", "told", "last", "this", "earlier", "later", "today", "yesterday":
		return true
	}
	return q.cues.match([]string{w}, 0) > 0
}

// attributeBefore reads X said: “…” / X said that “…” / according to X, “…”
// / It added: “…”: the last cue in the sentence before the span.
func (q *quoteRules) attributeBefore(c *candidate, before []token) {
	lw := lowerWords(before)
	cueI, cueN := -1, 0
	for i := range before {
		if n := q.cueAt(before, lw, i); n > 0 && !q.afterOnlyCue[strings.Join(lw[i:i+n], " ")] && !q.afterQuoteCue[strings.Join(lw[i:i+n], " ")] {
			cueI, cueN = i, n
		}
	}
	if cueI < 0 {
		return
	}
	cue := strings.Join(lw[cueI:cueI+cueN], " ")
	var phrase []token
	switch {
	case q.afterCue[cue]:
		phrase = q.phraseAfter(before, cueI+cueN)
	case q.participle[cue]:
		phrase = q.sentenceSubject(before[:cueI])
	default:
		phrase = q.subjectBefore(before, cueI)
		if len(phrase) == 0 && cueI == 0 {
			// , said Smith, “second part”
			phrase = q.phraseAfter(before, cueN)
		}
		if len(phrase) == 0 && cueI > 0 && (before[cueI-1].lower == "and" || strings.HasSuffix(before[cueI-1].trail, ",")) {
			// "Trump has championed fossil fuels, called climate change
			// “…”": the subject of the sentence, one of its verbs
			phrase = q.sentenceSubject(before[:cueI])
		}
	}
	if len(phrase) == 0 {
		return
	}
	c.cue, c.hasCue, c.phrase, c.naming = cueText(before[cueI:cueI+cueN]), true, phrase, q.namingCue[cue]
}

// sentenceSubject is the name or pronoun a sentence starts with, the
// subject of a participle cue: "Trump posted on X, saying “…”".
func (q *quoteRules) sentenceSubject(toks []token) []token {
	i := 0
	for i < len(toks) && q.determiners[toks[i].lower] {
		i++
	}
	if i >= len(toks) {
		return nil
	}
	if q.personPronouns[toks[i].lower] || q.thingPronouns[toks[i].lower] {
		return toks[i : i+1]
	}
	for _, r := range q.nameRuns(toks) {
		if r.from == i && !r.possessive {
			return toks[:r.to] // not "China's ambassador…"
		}
		break
	}
	return nil
}

// subjectBefore walks back from a cue to the words naming its subject,
// over soft words ("also") and a parenthesis between commas
// ("Lavrov, in particular, highlighted").
func (q *quoteRules) subjectBefore(toks []token, cue int) []token {
	j := cue - 1
	for j >= 0 && toks[j].word != "" && toks[j].trail == "" && q.softWords[toks[j].lower] {
		j--
	}
	if j < 0 {
		return nil
	}
	if strings.HasSuffix(toks[j].trail, ",") {
		k := j - 1
		for k >= 0 && j-k < 15 && !strings.HasSuffix(toks[k].trail, ",") && toks[k].word != "" {
			k--
		}
		if k < 0 || !strings.HasSuffix(toks[k].trail, ",") || toks[k].word == "" {
			return nil
		}
		if inner := toks[k+1 : j+1]; q.nameWord(inner[0]) && q.titles.matchEnding([]string{inner[0].lower}, 0) == 0 {
			// an appositive name: "Lindsay's sister, Tracey Lomax, told"
			if runs := q.nameRuns(inner); len(runs) == 1 && runs[0].from == 0 && runs[0].to == len(inner) {
				return inner
			}
		}
		j = k
	} else if toks[j].trail != "" || toks[j].word == "" {
		return nil
	}
	end := j
	for j >= 0 && end-j < 7 {
		t := toks[j]
		if t.word == "" || j < end && t.trail != "" && !q.abbrevDot(t) {
			break
		}
		if q.clauseWords[t.lower] || j < end && q.cues.match([]string{t.lower}, 0) > 0 && !isCapitalised(t.word) {
			break // "Lacerda said Epstein told her"
		}
		j--
		if t.lead != "" || q.determiners[t.lower] {
			break // a determiner starts the noun phrase: "carried a sign"
		}
	}
	phrase := toks[j+1 : end+1]
	if len(phrase) == 3 && j >= 1 && q.prepositions[toks[j].lower] && toks[j].trail == "" && q.titles.has(toks[j-1].lower) &&
		isCapitalised(phrase[0].word) && isCapitalised(phrase[1].word) && isCapitalised(phrase[2].word) {
		phrase = phrase[1:] // "ambassador to Britain Liu Xiaming said": the place belongs to the title
	}
	return phrase
}

// quoteWords counts the words of a quoted span. Chinese and Japanese
// words run one to three characters, so three characters count as a
// word: 「小山ちれ事件」 is a term, not a full quote.
func quoteWords(s string) int {
	if cjkIn(s) {
		return utf8.RuneCountInString(s) / 3
	}
	return countWords(s)
}

// cjkIn reports a Chinese, Japanese or Korean character in s.
func cjkIn(s string) bool {
	for _, r := range s {
		if r >= 0x2E80 && isCJK(r) {
			return true
		}
	}
	return false
}

// attributeCJK reads Chinese and Japanese attributions, which have no
// spaces to split words on: 王女士说：“…” / “…”，王女士说。 /
// 山田健一さんは「…」と話した。 The speaker is the run of characters
// before the cue back to a punctuation mark or 的/の ("of"), without
// honorifics; a pronoun (他, 彼女) leaves it empty.
func (q *quoteRules) attributeCJK(c *candidate, before, after string) {
	after = strings.TrimLeft(after, " ，,、")
	// Japanese: 「…」と話した, speaker before the quote, ending in は or が
	if rest, ok := strings.CutPrefix(after, "と"); ok {
		for _, cue := range q.jaCues {
			if strings.HasPrefix(rest, cue) {
				name := strings.TrimRight(strings.TrimSpace(before), "はが")
				q.setCJKSpeaker(c, cjkTail(name), cue)
				return
			}
		}
	}
	// Chinese after: “…”，王女士说。
	if end := strings.IndexAny(after, "。.！!？?\n"); end >= 0 {
		head := after[:end]
		for _, cue := range q.cjkCues {
			if strings.HasSuffix(head, cue) {
				q.setCJKSpeaker(c, cjkTail(strings.TrimSuffix(head, cue)), cue)
				return
			}
		}
	}
	// Chinese before: 王女士说：“…”
	b := strings.TrimRight(strings.TrimSpace(before), "：:，,")
	for _, cue := range q.cjkCues {
		if strings.HasSuffix(b, cue) {
			q.setCJKSpeaker(c, cjkTail(strings.TrimSuffix(b, cue)), cue)
			return
		}
	}
}

func (q *quoteRules) setCJKSpeaker(c *candidate, name, cue string) {
	for _, h := range q.jaHonorifics {
		name = strings.TrimSuffix(name, h)
	}
	c.hasCue, c.cue = true, cue
	ref := speakerRef{raw: name, class: speakerNamed, name: name, person: true}
	if name == "" || containsString(q.cjkPronouns, name) {
		ref.name, ref.class = "", speakerUnknown
	}
	c.fixed = &ref
}

// cjkTail is the end of s after its last punctuation mark or 的/の, at
// most eight characters: 家住南湖新区的王女士 → 王女士.
func cjkTail(s string) string {
	i := strings.LastIndexAny(s, "，,。、；;：:的の（(」 ")
	if i >= 0 {
		_, size := utf8.DecodeRuneInString(s[i:])
		s = s[i+size:]
	}
	if utf8.RuneCountInString(s) > 8 {
		return ""
	}
	return s
}

// scanBlockquote reads a quote block: an embedded post or a statement is a
// quote of its own; a blockquote of running text with quotation marks is
// read like a paragraph.
func (q *quoteRules) scanBlockquote(cands []candidate, bi int, text string, blocks []Block) []candidate {
	t := foldSpace(text)
	t, poster := stripPostChrome(t)
	spans := q.scanSpans(t)
	if len(spans) == 1 && spans[0].open == 0 && strings.Trim(t[spans[0].close:], " .,;") == "" {
		t = foldSpace(t[spans[0].inner:spans[0].end])
	} else if len(spans) > 0 && poster == "" {
		n := len(cands)
		cands, _ = q.scanBlock(cands, bi, t, QuoteBlockquote, false)
		if len(cands) > n {
			return cands
		}
	}
	if !hasWordRune(t) || countWords(t) < 2 {
		return cands
	}
	c := candidate{block: bi, text: t, words: quoteWords(t), kind: QuoteBlockquote, standalone: true, sentenceStart: true}
	if poster != "" {
		c.fixed = &speakerRef{name: q.cleanName(poster), raw: poster, class: speakerNamed, person: true}
		c.hasCue = true
	} else if bi > 0 && (blocks[bi-1].Type == BlockParagraph) {
		// He said in a statement: <blockquote>
		prev := strings.TrimRightFunc(blocks[bi-1].Text, unicode.IsSpace)
		if strings.HasSuffix(prev, ":") {
			from := q.sentenceStart(prev, len(prev))
			q.attributeBefore(&c, tokenize(prev[from:], from))
			c.phraseInPrev = true
		}
	}
	return append(cands, c)
}

// stripPostChrome drops the "— Name (@handle) Date" line of an embedded
// post and returns the text and the poster's name.
func stripPostChrome(t string) (string, string) {
	h := strings.LastIndex(t, "(@")
	if h < 0 {
		return stripDashAttribution(t)
	}
	for _, sep := range []string{"—", "–", " - ", "A post shared by"} {
		if d := strings.LastIndex(t[:h], sep); d >= 0 {
			name := strings.TrimSpace(t[d+len(sep) : h])
			if name == "" || countWords(name) > 6 {
				continue
			}
			return strings.TrimSpace(t[:d]), name
		}
	}
	return t, ""
}

// stripDashAttribution splits "“…” — Jane Doe, mayor of Springfield" into
// the quoted words and the name after the dash.
func stripDashAttribution(t string) (string, string) {
	for _, sep := range []string{" — ", " – ", " ― ", "\n— ", "\n– "} {
		d := strings.LastIndex(t, sep)
		if d <= 0 {
			continue
		}
		name := strings.TrimSpace(t[d+len(sep):])
		if i := strings.IndexByte(name, ','); i > 0 {
			name = name[:i] // "Jane Doe, mayor of Springfield"
		}
		if name == "" || countWords(name) > 5 || !isCapitalised(name) || strings.ContainsAny(name, ".!?:\"“”") {
			continue
		}
		for _, w := range strings.Fields(name) {
			if !isCapitalised(w) {
				return t, "" // a clause after a dash, not a name
			}
		}
		return strings.TrimSpace(t[:d]), name
	}
	return t, ""
}

// prevText is the text block before block b, skipping figures, embeds
// and tables that a page sets between the paragraphs of one quote; -1 if
// none.
func (rv *resolver) prevText(b int) int {
	for b--; b >= 0; b-- {
		switch rv.blocks[b].Type {
		case BlockFigure, BlockEmbed, BlockTable:
			continue
		}
		return b
	}
	return -1
}

// decide resolves the speakers of the candidates in reading order and
// keeps those that are quotes.
func (rv *resolver) decide(cands []candidate, out []Quote) []Quote {
	last := -1 // index in out of the previous accepted quote
	lastBlock := -1
	chainRef := speakerRef{}
	chainCue := ""
	for i := range cands {
		c := &cands[i]
		if c.term {
			continue
		}
		// a chain of paragraphs shares the attribution found in any part
		if c.chained && last >= 0 && lastBlock == rv.prevText(c.block) {
			ref, cue := chainRef, chainCue
			if c.hasCue {
				ref, cue = rv.resolveCand(c), c.cue
			}
			out = append(out, Quote{Text: c.text, Speaker: ref.name, SpeakerRaw: ref.raw, Cue: cue, Kind: c.kind, Paragraph: c.block})
			last, lastBlock = len(out)-1, c.block
			continue
		}
		if c.unclosed && !c.hasCue {
			// look ahead: the attribution may stand in a later part
			for j := i + 1; j < len(cands) && cands[j].chained && rv.prevText(cands[j].block) == cands[j-1].block; j++ {
				if cands[j].hasCue {
					c.hasCue, c.cue, c.phrase, c.naming = true, cands[j].cue, cands[j].phrase, cands[j].naming
					break
				}
				if !cands[j].unclosed {
					break
				}
			}
		}
		var ref speakerRef
		cue := c.cue
		ok := false
		switch {
		case c.fixed != nil:
			ref, ok = *c.fixed, true
		case c.hasCue:
			ref = rv.resolveCand(c)
			switch {
			case ref.class == speakerPoll:
				c.term = true // a poll option; not a stand-alone quote either
			case c.naming:
				ok = ref.class == speakerNamed || ref.class == speakerResolved
			case c.words >= fullQuoteWords:
				ok = ref.class != speakerNone
			default:
				ok = ref.class == speakerNamed || ref.class == speakerAnonymous || ref.class == speakerResolved && ref.name != ""
			}
		}
		if c.term {
			continue
		}
		if !ok && last >= 0 && (c.words >= fullQuoteWords || lastBlock == c.block && endsWithSentence(c.text)) {
			// “…,” he said. “More words.” / “…,” she said. “This must
			// stop.” / a quoted paragraph after a quote
			sameBlock := lastBlock == c.block && c.sentenceStart && !c.hasCue
			nextBlock := lastBlock == rv.prevText(c.block) && c.standalone && !c.hasCue
			if sameBlock || nextBlock {
				ref = speakerRef{name: out[last].Speaker, raw: out[last].SpeakerRaw, class: speakerResolved, person: chainRef.person}
				cue, ok = out[last].Cue, true
			}
		}
		if !ok && c.kind == QuoteBlockquote && c.fixed == nil && !c.hasCue && c.words >= fullQuoteWords {
			// "…, Zuckerberg said at the trial." then the excerpt
			if name, person := rv.paragraphSpeaker(rv.prevText(c.block), -1); name != "" {
				ref, ok = speakerRef{name: name, class: speakerResolved, person: person}, true
			}
		}
		if !ok && c.kind == QuoteInline && c.words >= fullQuoteWords && c.sentenceStart && !c.hasCue && !c.chained {
			// "…, says Yao. “They cannot expect China to…”"
			if name, person := rv.paragraphSpeaker(c.block, c.pos); name != "" {
				ref, ok = speakerRef{name: name, class: speakerResolved, person: person}, true
			}
		}
		if !ok && c.words >= fullQuoteWords && c.standalone && !c.hasCue {
			ref, cue, ok = speakerRef{}, "", true
		}
		if !ok {
			continue
		}
		if ref.class == speakerUnknown || ref.class == speakerAnonymous {
			ref.name = ""
		}
		if ref.name == "" && isTitleCase(c.text) {
			continue // "Best of the Bench" declared by the wines: a label
		}
		out = append(out, Quote{Text: c.text, Speaker: ref.name, SpeakerRaw: ref.raw, Cue: cue, Kind: c.kind, Paragraph: c.block})
		last, lastBlock = len(out)-1, c.block
		chainRef, chainCue = ref, cue
		rv.last = said{block: c.block, pos: c.pos, name: ref.name, person: ref.person}
		if ref.name != "" {
			rv.said = append(rv.said, rv.last)
			if ref.person && ref.class == speakerResolved {
				rv.guessGender(ref.name, pronounGender(pronounWord(strings.ToLower(ref.raw))))
			}
		}
	}
	return out
}

// paragraphSpeaker returns the one name that is the subject of a
// reporting verb in block b ("Zuckerberg said"), before offset until
// when until >= 0, or "" when none or several are.
func (rv *resolver) paragraphSpeaker(b, until int) (string, bool) {
	name, person := "", false
	ms := rv.inBlock(b)
	for i := range ms {
		m := &ms[i]
		if until >= 0 && m.pos >= until {
			break
		}
		if !m.cueSubject || m.possessive {
			continue
		}
		var n string
		p := false
		switch {
		case m.kind == mentionOrg:
			n = rv.fullestOrg([]string{m.name}, m.words, m.block, m.pos)
		case m.kind == mentionPerson || rv.isPerson(m.last()):
			n, p = rv.fullestPerson([]string{m.name}, m.words, m.block, m.pos), true
		default:
			continue
		}
		if name != "" && n != name {
			return "", false
		}
		name, person = n, p
	}
	return name, person
}

// endsWithSentence reports a quoted span that is a sentence of its own:
// it ends with a full stop, question or exclamation mark.
func endsWithSentence(s string) bool {
	s = strings.TrimRight(s, " ’'\"”")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

func (rv *resolver) resolveCand(c *candidate) speakerRef {
	block, pos := c.block, c.pos
	if len(c.phrase) > 0 {
		pos = c.phrase[0].pos
	}
	if c.phraseInPrev {
		block--
	}
	return rv.resolve(c.phrase, block, pos)
}
