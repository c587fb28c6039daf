package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Speakers: the people and organisations an article names, and how a
// speaker phrase ("he", "the ministry", "Lavrov") is resolved to the
// fullest name the article gives. We write this ourselves because the Go
// NLP libraries we could use (prose, for one) bring statistical models
// far heavier than the capitalisation and title rules news prose needs,
// and their output is not deterministic across versions.

// token is one whitespace-separated word with its punctuation split off.
type token struct {
	word  string // the word without surrounding punctuation; "" for bare punctuation
	lower string
	lead  string // punctuation before the word: `"`, `(`
	trail string // punctuation after the word: `,`, `.”`
	pos   int    // byte offset of word in the tokenized string
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// tokenize splits s on white space and peels punctuation off each field.
// pos offsets are relative to s plus base.
func tokenize(s string, base int) []token {
	out := make([]token, 0, len(s)/6+1)
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
			if (r == '—' || r == '–') && j < len(s) && j-size > i {
				break // "Polian—Stephen": a dash between words ends the first
			}
		}
		f := s[i:j]
		a := 0
		for a < len(f) {
			r, size := utf8.DecodeRuneInString(f[a:])
			if isWordRune(r) {
				break
			}
			a += size
		}
		b := len(f)
		for b > a {
			r, size := utf8.DecodeLastRuneInString(f[:b])
			if isWordRune(r) {
				break
			}
			b -= size
		}
		t := token{lead: f[:a], word: f[a:b], trail: f[b:], pos: base + i + a}
		if a == b {
			t.lead, t.trail = "", f
		}
		t.lower = strings.ToLower(t.word)
		out = append(out, t)
		i = j
	}
	return out
}

// possessive splits "Armenia's" into "Armenia" and true.
func possessive(w string) (string, bool) {
	for _, suf := range []string{"'s", "’s", "‘s", "'", "’"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return w[:len(w)-len(suf)], true
		}
	}
	return w, false
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isAcronym: two or more letters, all upper case ("CSTO", "UN").
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

type mentionKind int

const (
	mentionPerson mentionKind = iota + 1
	mentionOrg
	mentionSingle // one capitalised word: a surname, a place, a brand
)

// mention is one name the article gives.
type mention struct {
	kind   mentionKind
	name   string   // "Sergei Lavrov", "Russian Foreign Ministry"
	words  []string // lower-case words of name
	titles []string // "foreign minister", "mr"
	block  int
	pos    int // byte offset in the block text
	// cueSubject: the name is the subject of a reporting verb
	// ("Pashinyan said"), so it is a person or organisation that speaks.
	cueSubject bool
	// sentenceSubject: the name opens a sentence
	sentenceSubject bool
	// appositive: a description of a person follows ("X, who…")
	appositive bool
	possessive bool // "Taylor Swift's album"
	// gender: the pronouns of the sentence this name opens ("Heidnik's
	// reign began when he kidnapped his first victim"): 1 he, -1 she
	gender int8
	male   bool
	female bool
}

func (m *mention) before(block, pos int) bool {
	return m.block < block || m.block == block && m.pos < pos
}

func (m *mention) last() string { return m.words[len(m.words)-1] }

func (m *mention) hasTitle(t string) bool {
	for _, x := range m.titles {
		if x == t || !strings.Contains(t, " ") && strings.HasSuffix(x, " "+t) {
			return true
		}
	}
	return false
}

// nameRun is a run of capitalised words in a token slice.
type nameRun struct {
	from, to   int // token indexes, to exclusive
	possessive bool
}

// nameRuns finds the runs of capitalised words: a name continues over
// connectors ("of", "von") followed by a capitalised word and stops at
// punctuation, except the dot of an abbreviated title.
func (q *quoteRules) nameRuns(toks []token) []nameRun {
	var runs []nameRun
	for i := 0; i < len(toks); {
		if !q.nameWord(toks[i]) {
			i++
			continue
		}
		if i+1 < len(toks) && toks[i].trail == "" && toks[i+1].lead == "" && q.nameWord(toks[i+1]) &&
			q.cues.has(toks[i].lower) && (i == 0 || q.endsSentence(toks[i-1].word+toks[i-1].trail)) {
			i++ // "Replied Stephen, with some delicacy": the verb is no part of the name
			continue
		}
		start := i
		poss := false
		for {
			t := toks[i]
			_, p := possessive(t.word)
			i++
			if p {
				poss = true
				break
			}
			if t.trail != "" && !q.abbrevDot(t) {
				break
			}
			if i >= len(toks) || toks[i].lead != "" {
				break
			}
			if q.nameWord(toks[i]) {
				continue
			}
			// connector followed by a capitalised word: "Ministry of
			// Foreign Affairs", "Ursula von der Leyen"
			if (q.connectors[toks[i].lower] && !isCapitalised(toks[i].word) || q.innerConnectors[toks[i].lower] && (toks[i-1].lower == "von" || toks[i-1].lower == "van")) &&
				toks[i].trail == "" && i+1 < len(toks) {
				j := i + 1
				if q.innerConnectors[toks[j].lower] && toks[j].trail == "" && j+1 < len(toks) {
					j++
				}
				if toks[j].lead == "" && q.nameWord(toks[j]) {
					i = j
					continue
				}
			}
			break
		}
		runs = q.appendRun(runs, toks, nameRun{from: start, to: i, possessive: poss})
	}
	return runs
}

// appendRun adds a run, split at "and" unless it names an organisation:
// "Tony Manzara and Doug Johnson" are two people, "Devon and Cornwall
// Police" is one force.
func (q *quoteRules) appendRun(runs []nameRun, toks []token, r nameRun) []nameRun {
	for i := r.from; i < r.to; i++ {
		if q.orgWords[toks[i].lower] || isAcronym(toks[i].word) {
			// "Carsten Brzeski von der Direktbank ING" is a person of an
			// organisation: split at the connector when a name stands
			// before it; "Ministry of Foreign Affairs" stays whole
			for k := r.from + 2; k < i; k++ {
				if q.connectors[toks[k].lower] && !isCapitalised(toks[k].word) {
					if !q.runHasOrgWord(toks[r.from:k]) {
						runs = append(runs, nameRun{from: r.from, to: k})
						j := k + 1
						for j < i && !isCapitalised(toks[j].word) {
							j++
						}
						return append(runs, nameRun{from: j, to: r.to, possessive: r.possessive})
					}
					break
				}
			}
			return append(runs, r)
		}
	}
	from := r.from
	for i := r.from; i < r.to; i++ {
		if t := toks[i].lower; (t == "and" || t == "y" || t == "und" || t == "et") && !isCapitalised(toks[i].word) {
			if i > from {
				runs = append(runs, nameRun{from: from, to: i})
			}
			from = i + 1
		}
	}
	if from < r.to {
		runs = append(runs, nameRun{from: from, to: r.to, possessive: r.possessive})
	}
	return runs
}

func (q *quoteRules) runHasOrgWord(toks []token) bool {
	for _, t := range toks {
		if q.orgWords[t.lower] || isAcronym(t.word) {
			return true
		}
	}
	return false
}

func (q *quoteRules) nameWord(t token) bool {
	return t.word != "" && isCapitalised(t.word) && !q.nonNames[t.lower]
}

// runWords returns the display words and lower-case words of a run, the
// possessive ending dropped.
func runWords(toks []token, r nameRun) (disp, lower []string) {
	for i := r.from; i < r.to; i++ {
		w, _ := possessive(toks[i].word)
		lower = append(lower, strings.ToLower(w))
		if toks[i].trail == "." && i < r.to-1 && utf8.RuneCountInString(w) == 1 {
			w += "." // "Mark J. Heller"
		}
		disp = append(disp, w)
	}
	return disp, lower
}

// classify reads a run as an organisation, a (titled) person or a single
// word. titleEnd is the index in words after the last title.
func (q *quoteRules) classify(disp, lower []string) (kind mentionKind, titles []string, titleEnd int) {
	for _, w := range lower {
		if q.orgWords[w] {
			return mentionOrg, nil, 0
		}
		if k := strings.LastIndexByte(w, '-'); k > 0 && q.orgWords[w[k+1:]] {
			return mentionOrg, nil, 0 // "Presse-Agentur"
		}
	}
	titled := false
	for i := range lower {
		titled = titled || q.titles.match(lower, i) > 0
	}
	for _, w := range disp {
		if isAcronym(w) && (len(disp) == 1 || !titled) {
			return mentionOrg, nil, 0 // "CSTO", "Direktbank ING"; not "US President Joe Biden"
		}
	}
	for i := 0; i < len(lower); {
		if i == len(lower)-1 && i > 0 && q.surnameTitles[lower[i]] && i != titleEnd {
			break // "Tessa Bishop": a surname, not the title bishop
		}
		if n := q.titles.match(lower, i); n > 0 {
			titles = append(titles, q.canonicalTitle(strings.Join(lower[i:i+n], " ")))
			i += n
			titleEnd = i
			continue
		}
		if i < len(lower)-1 && q.hasTitleSuffix(lower[i]) {
			titles = append(titles, lower[i])
			titleEnd = i + 1
		}
		i++
	}
	for _, w := range lower[titleEnd:] {
		if q.prepositions[w] && !q.innerConnectors[w] && (w == "of" || w == "for" || !q.connectors[w]) {
			return 0, nil, titleEnd // "Crowds of Muslim": not a name; "von der Leyen" is
		}
	}
	if last := lower[len(lower)-1]; utf8.RuneCountInString(last) < 2 {
		return 0, nil, titleEnd // "Gen Z", "Plan B"
	}
	switch n := len(disp) - titleEnd; {
	case n == 0:
		return 0, titles, titleEnd // a title alone: a description
	case n >= 4 && !hasConnector(q, lower[titleEnd:]):
		// four capitalised words with no particle are an organisation
		// and a name run together ("Ocean Florida Abby Dunn"): keep the
		// last two, the person's name
		return mentionPerson, titles, len(disp) - 2
	case n >= 2 || len(titles) > 0:
		return mentionPerson, titles, titleEnd
	}
	return mentionSingle, nil, titleEnd
}

func hasConnector(q *quoteRules, words []string) bool {
	for _, w := range words {
		if q.connectors[w] || q.innerConnectors[w] {
			return true
		}
	}
	return false
}

// hasTitleSuffix reports a one-word compound title: "klimaforscher".
func (q *quoteRules) hasTitleSuffix(w string) bool {
	for _, suf := range q.titleSuffix {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

func (q *quoteRules) canonicalTitle(t string) string {
	if c, ok := q.titleAliases[t]; ok {
		return c
	}
	return t
}

// findMentions lists the names in the text blocks, in reading order.
// Names inside quoted spans are left out: people quoted talk about others.
func (q *quoteRules) findMentions(blocks []Block) []mention {
	var out []mention
	for bi, b := range blocks {
		switch b.Type {
		case BlockParagraph, BlockList, BlockQuote, BlockHeading:
		default:
			continue
		}
		toks := tokenize(b.Text, 0)
		spans := q.scanSpans(b.Text)
		for _, r := range q.nameRuns(toks) {
			if inSpans(spans, toks[r.from].pos) {
				continue
			}
			if r.to-r.from == 3 && r.from >= 2 && q.prepositions[toks[r.from-1].lower] && toks[r.from-1].trail == "" &&
				(q.titles.has(toks[r.from-2].lower) || q.hasTitleSuffix(toks[r.from-2].lower)) {
				// "envoy to Ukraine Kurt Volker": the place belongs to the
				// title, the name follows it
				r.from++
			}
			disp, lower := runWords(toks, r)
			kind, titles, te := q.classify(disp, lower)
			if kind == 0 {
				continue
			}
			lastTrail := toks[r.to-1].trail
			// a title right before the name: "spokesperson Maria
			// Zakharova", "the chief executive, Graham Illingworth,"
			if kind != mentionOrg && r.from > 0 {
				var prev []string
				for k := r.from - 1; k >= 0 && k >= r.from-3 && toks[k].word != ""; k-- {
					if toks[k].trail != "" && !(k == r.from-1 && toks[k].trail == "," && lastTrail == ",") {
						break
					}
					prev = append([]string{toks[k].lower}, prev...)
				}
				if len(prev) > 0 {
					if n := q.titles.matchEnding(prev, len(prev)-1); n > 0 {
						titles = append(titles, q.canonicalTitle(strings.Join(prev[len(prev)-n:], " ")))
						if kind == mentionSingle {
							kind = mentionPerson
						}
					}
				}
			}
			m := mention{kind: kind, block: bi, pos: toks[r.from].pos, possessive: r.possessive}
			if kind == mentionOrg {
				m.name, m.words = strings.Join(disp, " "), lower
			} else {
				m.name, m.words = strings.Join(disp[te:], " "), lower[te:]
			}
			m.titles = titles
			for _, t := range titles {
				m.male = m.male || q.male[t]
				m.female = m.female || q.female[t]
			}
			// subject of a reporting verb: "Pashinyan said", "Smith also
			// told", "…'s sister, Tracey Lomax, told"
			k := r.to
			for k < len(toks) && toks[k-1].trail == "" || k == r.to && k < len(toks) && lastTrail == "," {
				if !q.softWords[toks[k].lower] {
					break
				}
				k++
			}
			if k < len(toks) && (k == r.to || toks[k-1].trail == "") && (lastTrail == "" || lastTrail == ",") {
				lw := lowerWords(toks[k:min(k+4, len(toks))])
				if n := q.cues.match(lw, 0); n > 0 && !q.afterOnlyCue[strings.Join(lw[:n], " ")] && !q.afterQuoteCue[strings.Join(lw[:n], " ")] {
					m.cueSubject = true
				}
			}
			// "…, says Yao." / "said Smith, adding": the name after the
			// cue ends the clause
			if prev := r.from - 1; prev >= 0 && toks[prev].trail == "" && lastTrail != "" && !isCapitalised(toks[prev].word) &&
				q.cues.has(toks[prev].lower) && !q.objectCue[toks[prev].lower] && !q.participle[toks[prev].lower] && !q.afterCue[toks[prev].lower] {
				m.cueSubject = true
			}
			// a name that opens a sentence is its subject: "White didn't
			// commit", "Katjavivi, one of Geingob's friends, was…"
			opens := r.from == 0 || q.endsSentence(toks[r.from-1].word+toks[r.from-1].trail)
			m.sentenceSubject = !r.possessive && opens
			if opens && kind == mentionPerson || opens && kind == mentionSingle {
				m.gender = q.sentenceGender(toks[r.to:])
			}
			// "Anne Strachan, who chairs…", "Rajiv Mehra, president of…",
			// "Henning Melber, a political analyst": an appositive that
			// only people get
			if lastTrail == "," && r.to < len(toks) {
				next := toks[r.to].lower
				if next == "who" || q.appositiveHeads[next] || q.indefinites[next] || q.titles.has(next) || isNumber(next) {
					m.appositive = true
				}
			}
			if r.from >= 2 && toks[r.from-1].lower == "and" && len(out) > 0 {
				// "Manzara and Johnson wanted": both open the sentence
				if prev := &out[len(out)-1]; prev.block == bi && prev.sentenceSubject && prev.pos < toks[r.from-1].pos {
					m.sentenceSubject = true
				}
			}
			out = append(out, m)
		}
	}
	return out
}

// sentenceGender reads the pronouns up to the end of the sentence: only
// "he/his/him" gives 1, only "she/her" gives -1, both or none 0.
func (q *quoteRules) sentenceGender(toks []token) int8 {
	male, female := false, false
	for _, t := range toks {
		switch t.lower {
		case "he", "his", "him", "himself":
			male = true
		case "she", "her", "hers", "herself":
			female = true
		}
		if t.trail != "" && q.endsSentence(t.word+t.trail) {
			break
		}
	}
	switch {
	case male && !female:
		return 1
	case female && !male:
		return -1
	}
	return 0
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

func inSpans(spans []qspan, pos int) bool {
	for _, sp := range spans {
		if pos >= sp.inner && pos < sp.end {
			return true
		}
	}
	return false
}

func lowerWords(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.lower
	}
	return out
}

// cleanName drops post-nominal titles from a name as an embed prints it:
// "Chris Delaney MP" is Chris Delaney.
func (q *quoteRules) cleanName(name string) string {
	ws := strings.Fields(name)
	// a name also written in another script: "Jane Doe ג'יין"
	for len(ws) > 1 && scriptOf(ws[len(ws)-1]) != scriptOf(ws[0]) {
		ws = ws[:len(ws)-1]
	}
	for len(ws) > 1 {
		w := strings.ToLower(strings.Trim(ws[len(ws)-1], ".,"))
		if !q.postnominals[w] && q.titles.match([]string{w}, 0) == 0 {
			break
		}
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

// speakerClass says what a speaker phrase turned out to be.
type speakerClass int

const (
	speakerNone      speakerClass = iota // no phrase
	speakerNamed                         // the phrase names someone
	speakerResolved                      // a pronoun or description resolved to a name
	speakerAnonymous                     // "a source", "critics": attributed to nobody named
	speakerUnknown                       // a description we could not resolve
	speakerPoll                          // "51 percent say": a poll, not a quote
)

// speakerRef is a resolved speaker phrase.
type speakerRef struct {
	name   string
	raw    string
	class  speakerClass
	person bool
}

// said is one attributed quote already resolved, for pronouns and
// documents that refer back to it.
type said struct {
	block, pos int
	name       string
	person     bool
}

// resolver resolves speaker phrases against the article's mentions and
// the speakers found so far.
type resolver struct {
	q        *quoteRules
	blocks   []Block
	mentions []mention
	said     []said
	last     said // the last quote accepted, named or not
	// indexes over mentions, built once by buildIndex
	byLast, byFirst            map[string][]int
	personLast, subjectSingles map[string]bool
	firstSingle                map[string]int // first mention of a word alone
	blockFrom                  []int
	// gender of a person name: 1 male, -1 female, from titles ("Mr") and
	// from pronouns already resolved to the name ("she said")
	gender map[string]int8
	// firstGender is what a common first name says ("Daniel Rothman"):
	// it vetoes a pronoun's choice but never picks one of two people
	firstGender map[string]int8
}

// guessGender records what a pronoun resolved to name says, unless a
// title or first name has already said it: "Michelle Obama said he
// believes…" is about someone else.
func (rv *resolver) guessGender(name string, g int8) {
	if _, ok := rv.gender[name]; !ok && rv.firstGender[name] == 0 {
		rv.learnGender(name, g)
	}
}

// genderOf is what titles and pronouns say of a name, else what its
// first name says.
func (rv *resolver) genderOf(name string) int8 {
	if g := rv.gender[name]; g != 0 {
		return g
	}
	return rv.firstGender[name]
}

// learnGender records what titles and resolved pronouns say.
func (rv *resolver) learnGender(name string, g int8) {
	if name == "" || g == 0 {
		return
	}
	if rv.gender == nil {
		rv.gender = map[string]int8{}
	}
	if old, ok := rv.gender[name]; ok && old != g {
		rv.gender[name] = 0 // contradictory evidence: unknown
		return
	}
	rv.gender[name] = g
}

func phraseRaw(toks []token) string {
	var sb strings.Builder
	for i, t := range toks {
		if i > 0 {
			sb.WriteByte(' ')
		}
		w := t.word
		if i < len(toks)-1 && strings.HasPrefix(t.trail, "-") {
			w += t.trail // "a-t-il"
		}
		sb.WriteString(w)
	}
	return sb.String()
}

// resolve turns the words that point to a speaker into a name. block and
// pos are where the phrase stands.
func (rv *resolver) resolve(toks []token, block, pos int) speakerRef {
	q := rv.q
	// drop empty tokens, trailing soft words and adverbs ("Xi personally")
	for len(toks) > 0 && toks[0].word == "" {
		toks = toks[1:]
	}
	for len(toks) > 0 {
		t := toks[len(toks)-1]
		if t.word != "" && !q.softWords[t.lower] && !(len(toks) > 1 && strings.HasSuffix(t.lower, "ly") && !isCapitalised(t.word)) {
			break
		}
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return speakerRef{}
	}
	ref := speakerRef{raw: phraseRaw(toks)}
	for _, t := range toks {
		if q.pollWords[t.lower] || strings.HasPrefix(t.trail, "%") {
			ref.class = speakerPoll
			return ref
		}
	}
	runs := q.nameRuns(toks)
	// a full name after its title: "Trump's chief of staff Reince
	// Priebus"; not "a lawyer for Jane Doe"
	if n := len(runs); n > 0 && len(toks) > 2 {
		r := runs[n-1]
		if prev := toks[max(r.from-1, 0)]; r.to == len(toks) && r.to-r.from >= 2 && r.from > 0 && !r.possessive &&
			!q.prepositions[prev.lower] && !q.clauseWords[prev.lower] && prev.trail == "" {
			disp, lower := runWords(toks, r)
			if kind, _, _ := q.classify(disp, lower); kind == mentionPerson {
				return rv.named(ref, disp, lower, block, pos)
			}
		}
	}
	// the head ends at a preposition outside a name: "the former editor
	// of the Standard" is an editor
	for i := 1; i < len(toks); i++ {
		if q.prepositions[toks[i].lower] && !isCapitalised(toks[i].word) && !inRun(runs, i) {
			toks = toks[:i]
			runs = q.nameRuns(toks)
			break
		}
	}
	// "The following month they", "She said he": a pronoun at the end is
	// the subject
	if w := pronounWord(toks[len(toks)-1].lower); len(toks) > 1 && (q.personPronouns[w] || q.thingPronouns[w]) {
		toks = toks[len(toks)-1:]
		runs = nil
	}
	indefinite, nounDet := false, false
	definite := len(toks) > 1 && toks[0].lower == "the"
	for len(toks) > 1 && q.determiners[toks[0].lower] {
		indefinite = indefinite || q.indefinites[toks[0].lower]
		nounDet = nounDet || q.nounDeterminers[toks[0].lower]
		toks = toks[1:]
		runs = nil
	}
	if runs == nil {
		runs = q.nameRuns(toks)
	}
	if len(toks) == 1 {
		w := pronounWord(toks[0].lower)
		switch {
		case q.personPronouns[w]:
			return rv.personPronoun(ref, w, block, pos)
		case q.thingPronouns[w]:
			return rv.thingPronoun(ref, block, pos)
		case q.selfPronouns[w]:
			ref.class = speakerAnonymous
			return ref
		}
	}
	lw := lowerWords(toks)
	head := lw[len(lw)-1]
	if w, p := possessive(head); p {
		head = w
	}
	if q.anonymous[head] || indefinite {
		ref.class = speakerAnonymous // "Critics", "Russian officials", "a source"
		if definite && !indefinite && len(toks) <= 3 && !strings.HasSuffix(head, "s") && !q.selfPronouns[head] && head != "one" && head != "someone" {
			// "the expert said": the expert quoted before, going on
			if r := rv.continuing(ref, q.nounGender(head), block, pos); r.name != "" {
				return r
			}
		}
		return ref
	}
	if nounDet && len(runs) == 1 && runs[0].to-runs[0].from == 1 {
		// "die Mutter", "der Endokrinologe": a German noun, a description
		switch {
		case q.titles.has(head) || q.hasTitleSuffix(head):
			return rv.byTitle(ref, head, block, pos)
		case q.orgWords[head]:
			return rv.byOrgWords(ref, []string{head}, block, pos)
		}
		ref.class = speakerUnknown
		return ref
	}
	if len(runs) > 0 {
		r := runs[len(runs)-1]
		tail := toks[r.to:]
		disp, lower := runWords(toks, r)
		if len(tail) == 0 {
			return rv.named(ref, disp, lower, block, pos)
		}
		tl := lowerWords(tail)
		switch {
		case q.titles.matchEnding(tl, len(tl)-1) > 0:
			// "the Kremlin spokesman": a title with no name
			n := q.titles.matchEnding(tl, len(tl)-1)
			return rv.byTitle(ref, q.canonicalTitle(strings.Join(tl[len(tl)-n:], " ")), block, pos)
		case q.documentWords[head]:
			// "the ministry's statement", "Bushnell's LinkedIn page",
			// "the CSTO statement" speak for their owner: the first name
			// of the phrase, when it owns or is an organisation
			first := runs[0]
			d, l := runWords(toks, first)
			if kind, _, _ := q.classify(d, l); first.possessive || kind == mentionOrg {
				return rv.named(ref, d, l, block, pos)
			}
			return rv.byDocument(ref, head, block, pos) // "the Swedish brochure"
		case r.possessive || !strings.HasSuffix(head, "s") || q.orgWords[head]:
			// "Travis Kelce's mom", "the Florida fan": someone the
			// article may name elsewhere, but not here; "the Florida
			// fan" may be the speaker going on
			ref.class = speakerUnknown
			if definite && !r.possessive && !q.orgWords[head] && r.to < len(toks) {
				return rv.continuing(ref, q.nounGender(head), block, pos)
			}
			return ref
		}
		// a group: "CSTO member states"
		var ws []string
		for i := r.from; i < len(toks); i++ {
			ws = append(ws, toks[i].word)
		}
		ref.name, ref.class = strings.Join(ws, " "), speakerNamed
		return ref
	}
	switch {
	case q.titles.matchEnding(lw, len(lw)-1) > 0:
		n := q.titles.matchEnding(lw, len(lw)-1)
		return rv.byTitle(ref, q.canonicalTitle(strings.Join(lw[len(lw)-n:], " ")), block, pos)
	case q.orgWords[head]:
		return rv.byOrgWords(ref, lw, block, pos)
	case q.documentWords[head]:
		return rv.byDocument(ref, head, block, pos)
	default:
		ref.class = speakerUnknown
		if definite {
			// "the actress stated", "said the 36-year-old"
			return rv.continuing(ref, q.nounGender(head), block, pos)
		}
	}
	return ref
}

// nounGender is 1 for a noun only men are ("the father"), -1 for one
// only women are ("the actress"), else 0.
func (q *quoteRules) nounGender(w string) int8 {
	switch {
	case q.maleNouns[w]:
		return 1
	case q.femaleNouns[w]:
		return -1
	}
	return 0
}

// continuing resolves a description ("the host", "the Florida fan") to
// the person who spoke last, when that was in an earlier paragraph close
// by, the gender fits, and no other person became a subject since. In
// the paragraph of a named quote a description means someone else
// ("Stephen recalls… the patriarch added").
func (rv *resolver) continuing(ref speakerRef, g int8, block, pos int) speakerRef {
	s := rv.last
	if s.name == "" || !s.person || s.block >= block || block-s.block > 6 {
		return ref
	}
	between := 0 // text paragraphs between; headings and figures do not count
	for b := s.block + 1; b < block; b++ {
		switch rv.blocks[b].Type {
		case BlockParagraph, BlockList, BlockQuote:
			between++
		}
	}
	if between > 1 {
		return ref
	}
	if g != 0 && rv.genderOf(s.name) != g {
		return ref
	}
	i := rv.blockFrom[min(s.block, len(rv.blockFrom)-1)]
	for i < len(rv.mentions) && rv.mentions[i].before(s.block, s.pos) {
		i++
	}
	if rv.otherSubjectSince(i-1, s.name, block, pos) {
		return ref
	}
	ref.name, ref.class, ref.person = s.name, speakerResolved, true
	return ref
}

// pronounWord strips what French inversion and English contractions add
// to a pronoun: "a-t-il" → "il", "he’d" → "he".
func pronounWord(w string) string {
	if i := strings.LastIndexByte(w, '-'); i >= 0 {
		w = w[i+1:]
	}
	if i := strings.IndexAny(w, "'’"); i > 0 {
		w = w[:i]
	}
	return w
}

func inRun(runs []nameRun, i int) bool {
	for _, r := range runs {
		if i >= r.from && i < r.to {
			return true
		}
	}
	return false
}

// named resolves a capitalised run: an organisation, a titled or bare
// person name, or a title alone ("the Russian Foreign Minister").
func (rv *resolver) named(ref speakerRef, disp, lower []string, block, pos int) speakerRef {
	kind, titles, te := rv.q.classify(disp, lower)
	switch kind {
	case 0:
		if len(titles) == 0 {
			ref.class = speakerUnknown
			return ref
		}
		return rv.byTitle(ref, titles[len(titles)-1], block, pos)
	case mentionOrg:
		ref.name, ref.class = rv.fullestOrg(disp, lower, block, pos), speakerNamed
		if len(lower) == 1 && rv.q.orgWords[lower[0]] {
			// "The College urged": the college named before
			if r := rv.byOrgWords(ref, lower, block, pos); r.name != "" {
				return r
			}
		}
	default:
		ref.name, ref.class, ref.person = rv.fullestPerson(disp[te:], lower[te:], block, pos), speakerNamed, true
		if kind == mentionSingle && !rv.isPerson(lower[te]) && !strings.Contains(ref.name, " ") {
			ref.person = false // "Jerry" found as "Jerry Jones" is a person; "Strava" is not
		}
	}
	return ref
}

// buildIndex indexes the mentions once, so that resolving a phrase does
// not walk every name of the article: a page of thousands of names and
// quotes must stay linear.
func (rv *resolver) buildIndex() {
	rv.byLast = map[string][]int{}
	rv.byFirst = map[string][]int{}
	rv.personLast = map[string]bool{}
	rv.subjectSingles = map[string]bool{}
	rv.firstSingle = map[string]int{}
	rv.blockFrom = make([]int, len(rv.blocks)+2)
	for i := range rv.mentions {
		m := &rv.mentions[i]
		if m.kind == mentionSingle {
			if _, ok := rv.firstSingle[m.words[0]]; !ok {
				rv.firstSingle[m.words[0]] = i
			}
		}
	}
	b := 0
	for i := range rv.mentions {
		m := &rv.mentions[i]
		for b <= m.block {
			rv.blockFrom[b] = i
			b++
		}
		switch m.kind {
		case mentionPerson:
			confirmed := len(m.titles) > 0 || m.appositive || m.cueSubject || m.sentenceSubject
			if first, ok := rv.firstSingle[m.last()]; ok && first < i && !confirmed {
				// "Strava" spoke long before "Camp Strava" was named: a
				// passing name that ends with the word is not its full form
				continue
			}
			rv.personLast[m.last()] = true
			if len(m.words) > 1 {
				rv.byLast[m.last()] = append(rv.byLast[m.last()], i)
				if len(m.titles) > 0 || m.appositive || m.cueSubject || m.sentenceSubject {
					rv.byFirst[m.words[0]] = append(rv.byFirst[m.words[0]], i)
				}
			}
		case mentionSingle:
			if m.cueSubject || m.sentenceSubject {
				rv.subjectSingles[m.words[0]] = true
			}
		}
	}
	for ; b < len(rv.blockFrom); b++ {
		rv.blockFrom[b] = len(rv.mentions)
	}
}

// inBlock returns the mentions of block b.
func (rv *resolver) inBlock(b int) []mention {
	if b < 0 || b+1 >= len(rv.blockFrom) {
		return nil
	}
	return rv.mentions[rv.blockFrom[b]:rv.blockFrom[b+1]]
}

// isPerson reports whether a single capitalised word is known as a
// person's surname.
func (rv *resolver) isPerson(w string) bool { return rv.personLast[w] || rv.firstNameOf(w) != "" }

// firstNameOf returns the one full name that starts with first name w
// ("Stephen" after "Stephen Jones"), or "" when none or several do.
func (rv *resolver) firstNameOf(w string) string {
	name := ""
	for _, i := range rv.byFirst[w] {
		if m := &rv.mentions[i]; name == "" {
			name = m.name
		} else if m.name != name {
			return ""
		}
	}
	return name
}

// fullestPerson maps a surname to the full name given elsewhere, nearest
// earlier mention first, then any.
func (rv *resolver) fullestPerson(disp, lower []string, block, pos int) string {
	name := strings.Join(disp, " ")
	if len(lower) != 1 {
		return name
	}
	before, after := -1, -1
	for _, i := range rv.byLast[lower[0]] {
		m := &rv.mentions[i]
		if m.before(block, pos) {
			before = i // the nearest earlier wins
		} else if after < 0 {
			after = i
		}
	}
	best := before
	if best < 0 {
		best = after
	}
	if best < 0 {
		// a first name: "Donna" after "Donna Kelce", when only one
		// person has it
		for _, i := range rv.byFirst[lower[0]] {
			m := &rv.mentions[i]
			if best >= 0 && rv.mentions[best].name != m.name {
				return name
			}
			best = i
		}
	}
	if best >= 0 {
		return rv.mentions[best].name
	}
	return name
}

// fullestOrg maps "Foreign Ministry" to an earlier "Russian Foreign
// Ministry": the nearest earlier organisation that ends with the same words.
func (rv *resolver) fullestOrg(disp, lower []string, block, pos int) string {
	name := strings.Join(disp, " ")
	for i := len(rv.mentions) - 1; i >= 0; i-- {
		m := &rv.mentions[i]
		if m.kind != mentionOrg || !m.before(block, pos) || len(m.words) <= len(lower) {
			continue
		}
		if equalWords(m.words[len(m.words)-len(lower):], lower) {
			return m.name
		}
	}
	return name
}

// nearBlocks is how many paragraphs back a pronoun or description looks.
const nearBlocks = 3

// personPronoun resolves "he"/"she" to the nearest earlier person: in the
// nearest paragraph that names a speaking or titled person, exactly one
// such person must qualify, or the speaker stays empty.
func (rv *resolver) personPronoun(ref speakerRef, w string, block, pos int) speakerRef {
	ref.class = speakerUnknown
	g := pronounGender(w)
	// the person who spoke last nearby, for paragraphs that only mention
	// people in passing
	recent := ""
	if s := rv.last; s.name != "" && s.person && block-s.block <= nearBlocks && (s.block < block || s.pos < pos) {
		if g == 0 || rv.genderOf(s.name) != -g {
			recent = s.name
		}
	}
	for b := block; b >= 0 && block-b <= nearBlocks; b-- {
		var names, subjects, strong []string
		lastSaid := ""
		blocked := false // a person of the other gender stands here
		add := func(name string, subject, isStrong bool) {
			if g != 0 && rv.gender[name] == -g {
				blocked = true
				return
			}
			names = appendUnique(names, name)
			if subject {
				subjects = appendUnique(subjects, name)
			}
			if isStrong {
				strong = appendUnique(strong, name)
			}
		}
		for i := len(rv.said) - 1; i >= 0 && rv.said[i].block >= b; i-- {
			s := rv.said[i]
			if s.block == b && (b < block || s.pos < pos) && s.person {
				add(s.name, true, true)
				if lastSaid == "" && (g == 0 || rv.gender[s.name] != -g) {
					lastSaid = s.name
				}
			}
		}
		ms := rv.inBlock(b)
		passing := false // a full name of the right gender in passing
		for i := range ms {
			m := &ms[i]
			if !m.before(block, pos) {
				continue
			}
			switch {
			case m.possessive:
				continue // "Taylor Swift's new album": not who speaks next
			case m.kind == mentionPerson && (len(m.titles) > 0 || m.cueSubject || m.appositive || m.sentenceSubject && len(m.words) > 1 || rv.surnameReused(m)):
			case m.kind == mentionSingle && rv.isPerson(m.last()):
				// "Roberts" after "Jane Roberts"
			default:
				if m.kind == mentionPerson && len(m.words) > 1 && (g == 0 || rv.genderOf(m.name) != -g) {
					passing = true
				}
				continue
			}
			add(rv.fullestPerson([]string{m.name}, m.words, m.block, m.pos), m.cueSubject, m.cueSubject || m.sentenceSubject || m.appositive || len(m.titles) > 0)
		}
		if len(names) == 0 {
			if blocked || passing && recent == "" {
				// the only person here is of the other gender; or "it
				// was Katie Boulter who…": someone nearer than the
				// subject of an older paragraph
				return ref
			}
			continue
		}
		if len(strong) == 0 && recent != "" {
			// people mentioned in passing ("Geingob's health"); the
			// speaker of the quotes before goes on speaking, unless one
			// of them is known to fit the pronoun as well
			for _, n := range names {
				if g != 0 && n != recent && rv.genderOf(n) == g {
					return ref
				}
			}
			names = []string{recent}
		} else if len(strong) > 0 {
			names = strong
		}
		switch {
		case len(names) == 1:
			ref.name = names[0]
		case lastSaid != "":
			ref.name = lastSaid
		case len(subjects) == 1:
			ref.name = subjects[0]
		default:
			return ref // two people, nothing says which: no guess
		}
		if g != 0 && rv.genderOf(ref.name) == -g {
			ref.name = "" // "she" is not Daniel
			return ref
		}
		ref.class, ref.person = speakerResolved, true
		return ref
	}
	return ref
}

// pronounGender is 1 for "he", -1 for "she", 0 when the pronoun does not
// say.
func pronounGender(w string) int8 {
	switch w {
	case "he", "il", "él", "er":
		return 1
	case "she", "elle", "ella":
		return -1
	}
	return 0
}

// surnameReused reports whether the last word of a two-word name stands
// alone elsewhere ("Slemp said"): places and things are rarely shortened
// that way.
func (rv *resolver) surnameReused(m *mention) bool {
	return len(m.words) > 1 && rv.subjectSingles[m.last()]
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// thingPronoun resolves "it"/"they": the organisation or statement that
// spoke last nearby, else the one organisation named nearby.
func (rv *resolver) thingPronoun(ref speakerRef, block, pos int) speakerRef {
	ref.class = speakerUnknown
	for i := len(rv.said) - 1; i >= 0; i-- {
		s := rv.said[i]
		if block-s.block > 2 {
			break
		}
		if !s.person {
			ref.name, ref.class = s.name, speakerResolved
			return ref
		}
		break
	}
	var names []string
	for b := max(block-1, 0); b <= block && len(names) < 2; b++ {
		ms := rv.inBlock(b)
		for i := range ms {
			if m := &ms[i]; m.kind == mentionOrg && m.before(block, pos) {
				names = appendUnique(names, rv.fullestOrg([]string{m.name}, m.words, m.block, m.pos))
			}
		}
	}
	if len(names) == 1 {
		ref.name, ref.class = names[0], speakerResolved
	}
	return ref
}

// byTitle resolves "the minister" to the nearest earlier person with that
// title.
func (rv *resolver) byTitle(ref speakerRef, title string, block, pos int) speakerRef {
	ref.class = speakerUnknown
	for i := len(rv.mentions) - 1; i >= 0; i-- {
		m := &rv.mentions[i]
		if m.kind == mentionPerson && m.before(block, pos) && m.hasTitle(title) {
			name := rv.fullestPerson([]string{m.name}, m.words, m.block, m.pos)
			if rv.otherSubjectSince(i, name, block, pos) {
				return ref // "coach Jimmy Johnson left…; Parcells, who insisted…" then "the coach said"
			}
			ref.name, ref.class, ref.person = name, speakerResolved, true
			return ref
		}
	}
	return ref
}

// otherSubjectSince reports whether a person other than name is the
// subject of a sentence or a reporting verb, or described, between
// mention i and the phrase at block, pos: then a title that matched
// name may as well mean that person.
func (rv *resolver) otherSubjectSince(i int, name string, block, pos int) bool {
	for j := i + 1; j < len(rv.mentions); j++ {
		m := &rv.mentions[j]
		if !m.before(block, pos) {
			break
		}
		if m.possessive || !(m.cueSubject || m.appositive || m.sentenceSubject || len(m.titles) > 0) {
			continue
		}
		if m.kind != mentionPerson && !(m.kind == mentionSingle && rv.isPerson(m.last())) {
			continue
		}
		if rv.fullestPerson([]string{m.name}, m.words, m.block, m.pos) != name {
			return true
		}
	}
	return false
}

// byOrgWords resolves "the ministry" or "the foreign ministry" to the
// nearest earlier organisation whose name holds every word of the
// description: "the state's largest teachers union" is not the ACLU.
func (rv *resolver) byOrgWords(ref speakerRef, words []string, block, pos int) speakerRef {
	ref.class = speakerUnknown
	for i := len(rv.mentions) - 1; i >= 0; i-- {
		m := &rv.mentions[i]
		if m.kind != mentionOrg || !m.before(block, pos) {
			continue
		}
		all := true
		for _, w := range words {
			if !containsString(m.words, w) {
				all = false
				break
			}
		}
		if all {
			ref.name, ref.class = m.name, speakerResolved
			return ref
		}
	}
	return ref
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// byDocument resolves "the statement" to whoever issued it: the speaker
// of a nearby quote whose paragraph mentions the document.
func (rv *resolver) byDocument(ref speakerRef, word string, block, pos int) speakerRef {
	ref.class = speakerUnknown
	for i := len(rv.said) - 1; i >= 0; i-- {
		s := rv.said[i]
		if block-s.block > nearBlocks {
			break
		}
		if containsWord(rv.blocks[s.block].Text, word) {
			ref.name, ref.class, ref.person = s.name, speakerResolved, s.person
			return ref
		}
	}
	// "The Health Ministry published a statement": the one name in the
	// nearest earlier sentence that mentions the document
	for b := block; b >= 0 && block-b <= nearBlocks; b-- {
		text := rv.blocks[b].Text
		toks := tokenize(text, 0)
		at := -1
		for _, t := range toks {
			if t.lower == word && (b < block || t.pos < pos) {
				at = t.pos
			}
		}
		if at < 0 {
			continue
		}
		from, to := rv.q.sentenceStart(text, at), rv.q.sentenceEnd(text, at)
		var names []string
		person := false
		ms := rv.inBlock(b)
		for i := range ms {
			m := &ms[i]
			if m.pos < from || m.pos >= to || !m.cueSubject && !m.possessive && !rv.q.opensSentence(text[from:m.pos]) {
				continue // "released in response to a Times request": not its author
			}
			if m.kind == mentionOrg || m.kind == mentionPerson && (len(m.titles) > 0 || len(m.words) > 1) {
				names = appendUnique(names, m.name)
				person = m.kind == mentionPerson
			}
		}
		if len(names) == 1 {
			ref.name, ref.class, ref.person = names[0], speakerResolved, person
		}
		return ref
	}
	return ref
}

// opensSentence reports whether the words before a name in its sentence
// are at most a determiner: "The Health Ministry published…".
func (q *quoteRules) opensSentence(before string) bool {
	before = strings.TrimSpace(before)
	return before == "" || !strings.ContainsRune(before, ' ') && q.determiners[strings.ToLower(before)]
}

// containsWord reports whether text holds word (lower case) as a whole
// word, ignoring case.
func containsWord(text, word string) bool {
	for _, t := range tokenize(text, 0) {
		if t.lower == word {
			return true
		}
	}
	return false
}

// scriptOf returns the script of the first letter of w, Latin or not:
// enough to tell a transliteration from the name it follows.
func scriptOf(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return unicode.Is(unicode.Latin, r)
		}
	}
	return true
}
