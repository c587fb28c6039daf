package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Photo credits come in a handful of printed shapes, which we split with
// our own patterns: no library knows captions. The patterns are built from
// the word lists in rules_images.go once, at package init, because they are
// fixed (user rules add selectors, not credit words).
var (
	// "… (Photo: PTI)", "… [Image: X]", "… (File Photo: X)", "(Images courtesy: CSTO)"
	reCreditParen = regexp.MustCompile(`(?i)\s*[(\[]\s*(?:(` + reAlt(creditMarkers) + `)\s+)?(?:` + reAlt(creditLabels) + `)(?:\s*[:：\-–—]\s*|\s+(?:by\s+|of\s+)?)([^()\[\]]*[^()\[\]\s])\s*[)\]]\s*[.]?\s*$`)
	// "… | Photo Credit: X", "… Photo: X", "… - Foto: X", "Photograph: X" (colon required)
	reCreditLabel = regexp.MustCompile(`(?i)(^|[|•·/–—-]\s*|[.!?:;,"”’'»)]\s*|\s)(?:(` + reAlt(creditMarkers) + `)\s+)?(` + reAlt(creditLabels) + `)\s*:\s*(\S.*)$`)
	// "… Photo by X", "… Photograph by X", "… Image courtesy of X"
	// "… Express Photo by X", "Ledger photo by X": up to two capitalised
	// words (a publication) may stand before the label
	reCreditBy = regexp.MustCompile(`(^|[|•·–—-]\s*|[.!?"”’)]\s*)((?:\p{Lu}[\p{L}.&'-]*\s+){0,2})(?i:photos?|photograph|images?|picture|illustration|video|graphic)\s+(?i:by|courtesy of|courtesy|via)\s+(\S.*)$`)
	// Chinese "记者 张强 摄" (reporter X photographed), "（新华社记者 X 摄）"
	reCreditZh = regexp.MustCompile(`\s*[（(]?\s*(?:(?:新华社|本报|特约)?(?:摄影记者|记者|通讯员|摄影))?\s*((?:[\p{Han}·]{2,4}[ 、]*){1,3})\s*摄\s*[）)]?\s*$`)
	// Japanese "…＝ＡＰ", "…＝共同"
	// (after ＝ Japanese captions also put the date and place, which stay)
	reCreditJa = regexp.MustCompile(`\s*[＝=]\s*((?:[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ・／/ 　]*|共同|時事|ロイター|新華社|代表撮影)(?:時事)?)$`)
	// "… © X", "… (c) X", "… Copyright X"
	reCreditCopy = regexp.MustCompile(`(?i)(^|\s*[|/–—-]?\s*)[(\[]?\s*(?:©|\(c\)|（[cｃ]）|copyright\b)\s*(?:©\s*)?(\S[^()\[\]（）]*?)\s*[)\]]?\s*\.?$`)
	// a trailing parenthetical: "… (AP Photo/Eric Gay, File)"
	reTrailParen = regexp.MustCompile(`\s*[(\[]([^()\[\]]+)[)\]]\s*\.?$`)
	// the last sentence-like segment: "… Amini. Uncredited/AP/dpa"
	reTrailSegment = regexp.MustCompile(`(^|[.!?"”’]\s+|\s+[|•·–—-]\s*|\s*/\s+)([^.!?|•·–—]+?)\s*\.?$`)
	// agency and stock names that make a short segment a credit
	reAgency = regexp.MustCompile(`(?:^|[\s/(,;])(?:` + reAlt(creditAgencies) + `)(?:$|[\s/),;.])`)
)

// reAlt joins words into a regexp alternation, longest first so that
// "photo credit" wins over "photo".
func reAlt(words []string) string {
	ws := append([]string(nil), words...)
	for i := 1; i < len(ws); i++ { // insertion sort by length, descending
		for j := i; j > 0 && len(ws[j]) > len(ws[j-1]); j-- {
			ws[j], ws[j-1] = ws[j-1], ws[j]
		}
	}
	for i, w := range ws {
		ws[i] = strings.ReplaceAll(regexp.QuoteMeta(w), " ", `\s+`)
	}
	return strings.Join(ws, "|")
}

// splitCredit separates a photo credit printed inside a caption from the
// caption: "Modi at the rally. (Photo: PTI)" gives ("Modi at the rally.",
// "PTI"). Markers such as "File" stay in the caption. A caption with no
// recognisable credit is returned whole with an empty credit.
func splitCredit(s string) (caption, credit string) {
	s = foldCaption(s)
	if s == "" {
		return "", ""
	}
	// The patterns are large alternations run over the whole caption;
	// cheap tests of the characters each one needs come first.
	low := strings.ToLower(s)
	endsBracket := strings.HasSuffix(strings.TrimRight(s, ". "), ")") || strings.HasSuffix(strings.TrimRight(s, ". "), "]")
	if endsBracket {
		if m := reCreditParen.FindStringSubmatchIndex(s); m != nil {
			cap := strings.TrimSpace(s[:m[0]])
			if m[2] >= 0 { // a marker: "(File Photo: X)" keeps "(File)"
				cap = strings.TrimSpace(cap + " (" + s[m[2]:m[3]] + ")")
			}
			if cr := bareCredit(s[m[4]:m[5]]); cr != "" {
				return cap, cr
			}
		}
	}
	// a caption that is only a bracketed name: "(The Independent)"
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && strings.Count(s, "(") == 1 {
		inner := s[1 : len(s)-1]
		if n := len(strings.Fields(inner)); n >= 1 && n <= 6 && creditLooksLikeName(inner) {
			if cr := bareCredit(inner); cr != "" {
				return "", cr
			}
		}
	}
	if m := matchIf(strings.Contains(s, ":"), reCreditLabel, s); m != nil && labelLooksPrinted(s, m) {
		cr := s[m[8]:m[9]]
		if creditShort(cr) {
			cap := strings.TrimSpace(s[:m[0]] + s[m[2]:m[3]])
			cap = strings.TrimRight(cap, " |•·/–—-")
			if m[4] >= 0 {
				cap = strings.TrimSpace(cap + " " + s[m[4]:m[5]])
			}
			if cr := bareCredit(cr); cr != "" {
				return strings.TrimSpace(cap), cr
			}
		}
	}
	if m := matchIf(strings.Contains(low, " by ") || strings.Contains(low, "courtesy") || strings.Contains(low, " via "), reCreditBy, s); m != nil {
		cr := s[m[6]:m[7]]
		if creditShort(cr) {
			cap := strings.TrimRight(strings.TrimSpace(s[:m[0]]+s[m[2]:m[3]]), " |•·–—-")
			if cr := bareCredit(cr); cr != "" {
				return strings.TrimSpace(cap), cr
			}
		}
	}
	if m := matchIf(strings.Contains(s, "摄"), reCreditZh, s); m != nil && m[0] > 0 {
		if cr := strings.TrimSpace(s[m[2]:m[3]]); cr != "" {
			return strings.TrimSpace(s[:m[0]]), cr
		}
	}
	if m := matchIf(strings.ContainsAny(s, "＝="), reCreditJa, s); m != nil && m[0] > 0 && creditHasCJK(s[:m[0]]) {
		if cr := bareCredit(s[m[2]:m[3]]); cr != "" {
			return strings.TrimSpace(s[:m[0]]), cr
		}
	}
	if m := matchIf(strings.Contains(s, "©") || strings.Contains(low, "(c)") || strings.Contains(low, "（c）") || strings.Contains(low, "（ｃ）") || strings.Contains(low, "copyright"), reCreditCopy, s); m != nil {
		cr := s[m[4]:m[5]]
		if creditShort(cr) {
			cap := strings.TrimRight(strings.TrimSpace(s[:m[0]]+s[m[2]:m[3]]), " |•·/–—-")
			if cr := bareCredit(cr); cr != "" {
				return strings.TrimSpace(cap), cr
			}
		}
	}
	if m := matchIf(endsBracket, reTrailParen, s); m != nil && m[0] > 0 {
		inner := s[m[2]:m[3]]
		if creditShort(inner) && reAgency.MatchString(inner) {
			cap := strings.TrimSpace(s[:m[0]])
			cr, marker := splitMarker(inner)
			if marker != "" {
				cap += " (" + marker + ")"
			}
			if cr = bareCredit(cr); cr != "" {
				return cap, cr
			}
		}
	}
	// "… Apostoli. (Edu Luque)": a name in brackets after a full stop
	if m := matchIf(endsBracket, reTrailParen, s); m != nil && m[0] > 0 && strings.ContainsAny(s[m[0]-1:m[0]], ".!?") {
		inner := s[m[2]:m[3]]
		// two to five capitalised words: one word is more often a place
		// ("(Jerusalén)") or a marker ("(Archivbild)") than a name
		if n := len(strings.Fields(inner)); n >= 2 && n <= 5 && creditLooksLikeName(inner) && !hasMarker(inner) {
			if cr := bareCredit(inner); cr != "" {
				return strings.TrimSpace(s[:m[0]]), cr
			}
		}
	}
	if m := reTrailSegment.FindStringSubmatchIndex(s); m != nil && m[4] > 0 {
		seg := s[m[4]:m[5]]
		if creditShort(seg) && reAgency.MatchString(seg) && creditLooksLikeName(seg) {
			cap := strings.TrimSpace(s[:m[2]] + strings.TrimSpace(s[m[2]:m[3]]))
			cap = strings.TrimRight(cap, " |•·/–—-")
			if cr := bareCredit(seg); cr != "" && cap != "" {
				return cap, cr
			}
		}
	}
	return s, ""
}

// matchIf runs re on s only when the cheap condition holds.
func matchIf(cond bool, re *regexp.Regexp, s string) []int {
	if !cond {
		return nil
	}
	return re.FindStringSubmatchIndex(s)
}

// creditHasCJK reports whether s holds Han or kana characters.
func creditHasCJK(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// labelLooksPrinted rejects "photo:" in the middle of running text: the
// label must start with a capital letter or follow a separator.
func labelLooksPrinted(s string, m []int) bool {
	label := s[m[6]:m[7]]
	if m[4] >= 0 {
		label = s[m[4]:m[5]]
	}
	r, _ := utf8.DecodeRuneInString(label)
	if unicode.IsUpper(r) {
		return true
	}
	sep := strings.TrimSpace(s[m[2]:m[3]])
	return sep == "|" || m[2] == 0
}

// hasMarker reports whether s names a marker ("Archivbild", "File").
func hasMarker(s string) bool {
	low := strings.ToLower(s)
	for _, mk := range creditMarkers {
		if strings.Contains(low, mk) {
			return true
		}
	}
	return false
}

// splitMarker splits "AP Photo/Eric Gay, File" into the credit and a
// trailing marker word kept in the caption.
func splitMarker(s string) (credit, marker string) {
	for _, mk := range creditMarkers {
		for _, sep := range []string{", ", "; ", " - "} {
			if strings.HasSuffix(strings.ToLower(s), strings.ToLower(sep+mk)) {
				n := len(s) - len(sep+mk)
				return s[:n], s[n+len(sep):]
			}
		}
	}
	return s, ""
}

// creditLooksLikeName reports whether every word of s is capitalised, a
// connector ("via", "for", "von") or joined by a slash: "Eric Gay/AP",
// "Tom Brenner for The Washington Post via Getty Images".
func creditLooksLikeName(s string) bool {
	for _, w := range strings.Fields(s) {
		if strings.Contains(w, "/") || creditConnectors[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "(\"'“‘"))
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// creditShort reports whether s is short enough to be a name: credits are
// a few words, never a sentence.
func creditShort(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 120 {
		return false
	}
	return len(strings.Fields(s)) <= 12
}

// bareCredit trims a credit to the name: no label, brackets or final dot.
func bareCredit(s string) string {
	s = foldCaption(s)
	for {
		before := s
		s = strings.TrimSpace(strings.Trim(s, "|•·–—-:;,"))
		s = trimBrackets(s)
		low := strings.ToLower(s)
		for _, pre := range []string{"by ", "of ", "©", "(c) ", "copyright "} {
			if strings.HasPrefix(low, pre) {
				s = strings.TrimSpace(s[len(pre):])
				low = strings.ToLower(s)
			}
		}
		if m := reCreditLabelOnly.FindStringIndex(s); m != nil && m[1] < len(s) {
			s = strings.TrimSpace(s[m[1]:])
		}
		if strings.HasSuffix(s, ".") && !endsWithAbbreviation(s) {
			s = s[:len(s)-1]
		}
		if s == before {
			break
		}
	}
	return s
}

// trimBrackets removes brackets around s and unbalanced ones at its ends,
// keeping a balanced pair inside: "Jane Roe (dpa)" stays whole.
func trimBrackets(s string) string {
	for len(s) > 0 {
		first, last := s[0], s[len(s)-1]
		opens := strings.Count(s, "(") + strings.Count(s, "[")
		closes := strings.Count(s, ")") + strings.Count(s, "]")
		switch {
		case (first == '(' || first == '[') && (last == ')' || last == ']') && opens == 1 && closes == 1:
			s = strings.TrimSpace(s[1 : len(s)-1])
		case (first == '(' || first == '[') && opens > closes:
			s = strings.TrimSpace(s[1:])
		case (last == ')' || last == ']') && closes > opens:
			s = strings.TrimSpace(s[:len(s)-1])
		default:
			return s
		}
	}
	return s
}

// reCreditLabelOnly matches a leading label ("Photo: ", "Foto - ",
// "Credit...").
var reCreditLabelOnly = regexp.MustCompile(`(?i)^(?:` + reAlt(creditLabels) + `)\s*(?::|-|–|—|\.\.\.|…)\s*`)

var creditAbbreviationSet = imgWordSet(creditAbbreviations)

// endsWithAbbreviation reports whether s ends with an abbreviation whose
// dot belongs to it: "Walt Disney Co.", or an initial ("Jane R.").
func endsWithAbbreviation(s string) bool {
	w := strings.TrimSuffix(s, ".")
	if i := strings.LastIndexAny(w, " /("); i >= 0 {
		w = w[i+1:]
	}
	if creditAbbreviationSet[strings.ToLower(w)] {
		return true
	}
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && n > 0 && unicode.IsUpper(r) && len(strings.Fields(s)) > 1
}

// creditFromElement reads the text of a credit element ("Photo: Jane
// Doe", "© AFP") as a bare name.
func creditFromElement(s string) string {
	s = foldCaption(s)
	// only a printed label comes off: "Jane Roe (dpa via Getty)" is all
	// credit, not a caption with a credit
	if cp, cr := splitCredit(s); cr != "" && cp == "" {
		return cr
	}
	return bareCredit(s)
}

func isCaptionSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff'
}

// foldCaption collapses runs of white space (including no-break and zero-width
// spaces) to one space and trims.
func foldCaption(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isCaptionSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
