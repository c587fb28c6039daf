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
	p := lowerTokens(pred)
	if len(g) == 0 || len(p) == 0 {
		return len(g) == 0 && len(p) == 0
	}
	if containsRun(g, p) || containsRun(p, g) {
		return true
	}
	return kind != KindOrganisation && g[len(g)-1] == p[len(p)-1]
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
