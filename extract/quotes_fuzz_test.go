package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzFindQuotes: no panic; every quote's text is valid UTF-8 and, after
// white space folding, a piece of its block's text; Paragraph is in range.
func FuzzFindQuotes(f *testing.F) {
	for _, s := range []string{
		seedArticle,
		`“First part,” she said, “second part.”`,
		"«\u00a0Bonjour\u00a0», a dit Marie.\n\n„Hallo“, sagte er.",
		`"unclosed quote that runs on`,
		`Lavrov’s ’90s ‘quoted’ don't 5'10" "" “”`,
		"\"a\n\n\"b\" said X",
		"Thank you pic.twitter.com/x — Jane (@jane) June 1",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	q := testQuoteRules(f)
	f.Fuzz(func(t *testing.T, text string, asQuote bool) {
		// Blocks are valid UTF-8 (cleanText drops invalid bytes); so is
		// the input here.
		blocks := paragraphs(strings.ToValidUTF8(text, "\uFFFD"))
		if asQuote && len(blocks) > 0 {
			blocks[len(blocks)-1].Type = BlockQuote
		}
		for _, qt := range findQuotes(blocks, q) {
			if qt.Paragraph < 0 || qt.Paragraph >= len(blocks) {
				t.Fatalf("paragraph %d out of range (%d blocks)", qt.Paragraph, len(blocks))
			}
			for _, s := range []string{qt.Text, qt.Speaker, qt.SpeakerRaw, qt.Cue} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %+v", qt)
				}
			}
			if qt.Text == "" || !strings.Contains(foldSpace(blocks[qt.Paragraph].Text), qt.Text) {
				t.Fatalf("text %q is not in paragraph %d %q", qt.Text, qt.Paragraph, blocks[qt.Paragraph].Text)
			}
		}
	})
}
