package extract

import (
	"strings"
	"testing"
)

func testQuoteRules(t testing.TB) *quoteRules {
	t.Helper()
	q, err := compileQuoteRules(Rules{})
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// paragraphs splits text on blank lines into paragraph blocks.
func paragraphs(text string) []Block {
	var out []Block
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, Block{Type: BlockParagraph, Text: p})
		}
	}
	return out
}

// seedArticle is the body of the article the quotes issue was filed with
// (the CSTO ministerial meeting in Yerevan), as its visible paragraphs.
const seedArticle = `Russia-led CSTO prepares for challenges after Ukraine war

At the Russian initiative, a list of practical measures to increase cooperation between the CSTO, the CIS and the SCO was considered during Friday's meeting in Yerevan (Images courtesy: CSTO)

Russia-led Collective Security Treaty Organization (CSTO) has decided to prepare in advance for security challenges likely to emerge after the Ukraine conflict.

Foreign ministers of the CSTO member countries Russia, Belarus, Kazakhstan, Kyrgyzstan, Tajikistan and Armenia – which chairs the organisation currently – met in Yerevan on Friday to discuss the state of international and regional security and its impact on the security, especially in the Central Asian region.

Armenia's Prime Minister Nikol Pashinyan, who is also the Chairman of the CSTO Collective Security Council, received the participants in the Ministerial Council meeting, including Russian Foreign Minister Sergei Lavrov.

As CSTO celebrates the 30th anniversary of the signing of the collective security treaty and the 20th anniversary of the creation of the security organisation, Pashinyan said that it was not only an occasion to analyse the path travelled, mention the achievements but also to talk about the shortcomings.

Lavrov, in particular, highlighted that "special attention" needs to be paid to the coordination of foreign policy positions on international platforms, joint speeches with statements on key issues on the international agenda.

The Russian Foreign Minister also emphasised the need to launch the work of the Coordination Council of Authorized Bodies on Biological Safety Issues created within the framework of the CSTO as soon as possible.

"At the Russian initiative, a list of practical measures to increase cooperation between the CSTO, the CIS and the SCO was considered," said the Russian Foreign Ministry.

Fast-changing geopolitical realities – the Armenia-Azerbaijan war, massive unrest in Kazakhstan earlier this year, situation in Afghanistan and the ongoing Russia-Ukraine conflict – has forced the CSTO to re-focus on its priorities in recent times.

Referring to the situation in the CSTO area of responsibility and around it, CSTO Secretary General Stanislav Zas said that all foreign ministers spoke in favour of strengthening the cohesion of the CSTO member states, further increasing the Organization's activity in all three priority areas of its activity – foreign policy coordination, military cooperation, countering new challenges and threats.

"If you characterize it as a whole, then, unfortunately, the situation around the entire perimeter of the CSTO remains tense," he noted.

Russia

In a statement later adopted by the attending foreign ministers, the CSTO member states expressed their deep concern about the "ongoing degradation" of the international security system.

They also confirmed their common position to uphold and strictly observe the principle of equal and indivisible security, and emphasized the inadmissibility of strengthening the security of some states at the expense of the security of others.

"We stand for the further strengthening of the leading role of the UN Security Council in maintaining international peace and security, entrusted to it by the UN Charter," the statement mentioned.

It added: "CSTO member states call for building a world free from wars and conflicts, violence and pressure, for the development of comprehensive, equal and mutually beneficial cooperation, for the achievement of a comprehensive, sustainable and cooperation-based security, taking into account the interests of all states and peoples".`

func TestFindQuotesSeedArticle(t *testing.T) {
	t.Parallel()
	blocks := paragraphs(seedArticle)
	got := findQuotes(blocks, testQuoteRules(t))
	want := []struct{ text, speaker, cue string }{
		{"special attention", "Sergei Lavrov", "highlighted"},
		{"At the Russian initiative, a list of practical measures to increase cooperation between the CSTO, the CIS and the SCO was considered,", "Russian Foreign Ministry", "said"},
		{"If you characterize it as a whole, then, unfortunately, the situation around the entire perimeter of the CSTO remains tense,", "Stanislav Zas", "noted"},
		{"ongoing degradation", "CSTO member states", "expressed"},
		{"We stand for the further strengthening of the leading role of the UN Security Council in maintaining international peace and security, entrusted to it by the UN Charter,", "CSTO member states", "mentioned"},
		{"CSTO member states call for building a world free from wars and conflicts, violence and pressure, for the development of comprehensive, equal and mutually beneficial cooperation, for the achievement of a comprehensive, sustainable and cooperation-based security, taking into account the interests of all states and peoples", "CSTO member states", "added"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d quotes, want %d:\n%s", len(got), len(want), dumpQuotes(got))
	}
	for i, w := range want {
		g := got[i]
		if g.Text != w.text || g.Speaker != w.speaker || g.Cue != w.cue || g.Kind != QuoteInline {
			t.Errorf("quote %d = %+v\nwant text %q speaker %q cue %q", i, g, w.text, w.speaker, w.cue)
		}
		if !strings.Contains(blocks[g.Paragraph].Text, strings.TrimRight(g.Text, ",")) {
			t.Errorf("quote %d: paragraph %d does not hold its text", i, g.Paragraph)
		}
	}
}

func dumpQuotes(qs []Quote) string {
	var sb strings.Builder
	for _, q := range qs {
		sb.WriteString(strings.Join([]string{q.Text, "→", q.Speaker, "(" + q.SpeakerRaw + ")", "cue=" + q.Cue, q.Kind}, " "))
		sb.WriteByte('\n')
	}
	return sb.String()
}
