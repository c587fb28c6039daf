package score

import (
	"strings"
)

// straighten maps typographic quotation marks to the two ASCII ones, so that
// ’ in "don’t" and ' compare equal. Guillemets and corner brackets count as
// double marks: they only ever open or close a quote.
var straighten = strings.NewReplacer(
	"“", `"`, "”", `"`, "„", `"`, "‟", `"`, "«", `"`, "»", `"`, "″", `"`,
	"「", `"`, "」", `"`, "『", `"`, "』", `"`, "＂", `"`,
	"‘", "'", "’", "'", "‚", "'", "‛", "'", "‹", "'", "›", "'", "′", "'",
)

// NormalizeQuote is the form in which quote spans are compared: curly marks
// made straight, white space folded, outer quotation marks stripped and a
// trailing comma or full stop inside the marks dropped. It is idempotent.
func NormalizeQuote(s string) string {
	// C0 control characters are invisible page debris (one page has a
	// U+0010 before "..."): they must not decide a match.
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return -1
		}
		return r
	}, s)
	s = Fold(straighten.Replace(s))
	for {
		t := strings.TrimLeft(s, `"' `)
		t = strings.TrimRight(t, `"' ,.`)
		if t == s {
			return s
		}
		s = t
	}
}

// QuoteWords is the number of words of a normalised quote; spans of fewer
// than FullQuoteWords words are partial quotes.
func QuoteWords(s string) int { return len(strings.Fields(NormalizeQuote(s))) }

// FullQuoteWords is the number of words from which a quote is full.
const FullQuoteWords = 4

// Speaker kinds of the labels.
const (
	KindNamed        = "named"
	KindOrganisation = "organisation"
	KindPronoun      = "pronoun"
	KindDescription  = "description"
	KindInherited    = "inherited"
)

// SpeakerKinds lists the speaker kinds in table order.
var SpeakerKinds = []string{KindNamed, KindOrganisation, KindPronoun, KindDescription, KindInherited}

// SameSpeaker reports whether pred names gold's speaker: equal, or an alias,
// that is one name's words contained in the other's ("Lavrov" for "Sergei
// Lavrov", "Russian Foreign Ministry" for "Foreign Ministry"), or for a
// person the same last name. The last-name rule is not applied to
// organisations, where "Defence Ministry" is not "Foreign Ministry".
// Case is ignored. Two empty speakers are the same (nobody is named and
// nobody was guessed).
func SameSpeaker(gold, pred, kind string) bool {
	g := lowerTokens(gold)
	p := stripTitles(lowerTokens(pred))
	if len(g) == 0 || len(p) == 0 {
		return len(g) == 0 && len(p) == 0
	}
	// The prediction may be a shorter form of the gold name ("Lavrov" of
	// "Sergei Lavrov"), or the gold name behind a title ("Dr Jane Doe"),
	// but not the gold name behind other words ("Ukraine Kurt Volker").
	if containsRun(g, p) || containsRun(stripTitles(g), p) {
		return true
	}
	if kind == KindOrganisation {
		// an organisation named more fully ("Russian Foreign Ministry")
		return containsRun(p, g)
	}
	return nameWords(p) <= nameWords(g) && g[len(g)-1] == p[len(p)-1]
}

// speakerTitles may stand before a name without changing who it is.
var speakerTitles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "professor": true,
	"sir": true, "dame": true, "lord": true, "lady": true, "president": true, "minister": true,
	"senator": true, "sen": true, "rep": true, "gov": true, "governor": true, "judge": true,
	"justice": true, "mayor": true, "chancellor": true, "secretary": true, "general": true,
	"gen": true, "captain": true, "capt": true, "councillor": true, "councilor": true, "the": true,
}

// nameWords counts the tokens longer than one letter: initials do not
// make a name longer ("S. V. Lavrov").
func nameWords(t []string) int {
	n := 0
	for _, w := range t {
		if len([]rune(w)) > 1 {
			n++
		}
	}
	return n
}

// stripTitles drops leading title words.
func stripTitles(t []string) []string {
	for len(t) > 1 && speakerTitles[t[0]] {
		t = t[1:]
	}
	return t
}

func lowerTokens(s string) []string {
	return Tokens(strings.ToLower(s))
}

// containsRun reports whether needle occurs as a contiguous run in hay.
func containsRun(hay, needle []string) bool {
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j := range needle {
			if hay[i+j] != needle[j] {
				continue outer
			}
		}
		return true
	}
	return false
}
