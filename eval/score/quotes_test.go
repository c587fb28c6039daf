package score

import (
	"errors"
	"testing"
)

func TestNormalizeQuote(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"“Special attention,”", "Special attention"},
		{`"First part,"`, "First part"},
		{"  ‘don’t \n  stop.’  ", "don't stop"},
		{"«Nous allons gagner.»", "Nous allons gagner"},
		{"„Wir schaffen das“", "Wir schaffen das"},
		{"「日本語の引用」", "日本語の引用"},
		{"‹Un› mot", "Un' mot"}, // inner marks are straightened, not removed
		{"He said so.", "He said so"},
		{"What now?", "What now?"},
		{`""`, ""},
		{"\x10...and then", "...and then"}, // invisible control characters dropped
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got := NormalizeQuote(tt.in)
			if got != tt.want {
				t.Errorf("NormalizeQuote(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := NormalizeQuote(got); again != got {
				t.Errorf("not idempotent: %q then %q", got, again)
			}
		})
	}
}

func TestSameSpeaker(t *testing.T) {
	t.Parallel()
	tests := []struct {
		gold, pred, kind string
		want             bool
	}{
		{"Sergei Lavrov", "Sergei Lavrov", KindNamed, true},
		{"Sergei Lavrov", "lavrov", KindNamed, true},
		{"Sergei Lavrov", "Mr. Lavrov", KindNamed, true},     // same last name
		{"Sergei Lavrov", "S. V. Lavrov", KindPronoun, true}, // same last name
		{"Foreign Ministry", "Russian Foreign Ministry", KindOrganisation, true},
		{"Foreign Ministry", "Defence Ministry", KindOrganisation, false},
		{"Nikol Pashinyan", "Sergei Lavrov", KindNamed, false},
		{"", "", "", true},
		{"", "Lavrov", "", false},
		{"Sergei Lavrov", "", KindNamed, false},
		{"Kurt Volker", "Ukraine Kurt Volker", KindNamed, false}, // a stray word is no title
		{"Kurt Volker", "Ambassador Kurt Volker", KindNamed, false},
		{"Kurt Volker", "Dr Kurt Volker", KindNamed, true},
		{"Stephen Curry", "Replied Stephen", KindNamed, false},
	}
	for _, tt := range tests {
		if got := SameSpeaker(tt.gold, tt.pred, tt.kind); got != tt.want {
			t.Errorf("SameSpeaker(%q, %q, %s) = %v, want %v", tt.gold, tt.pred, tt.kind, got, tt.want)
		}
	}
}

func TestLoadLabels(t *testing.T) {
	t.Parallel()
	ls, err := LoadLabels("../testdata/labels")
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 2 || ls[0].Set != "synth" || ls[0].Name != "empty" || ls[1].Name != "ministers" {
		t.Fatalf("loaded %d labels: %+v", len(ls), ls)
	}
	if len(ls[1].Quotes) != 7 || !ls[1].Quotes[6].Optional || ls[1].Images[0].Credit != "CSTO" {
		t.Errorf("ministers labels read wrongly: %+v", ls[1])
	}
	if none, err := LoadLabels("../testdata/no-such-dir"); err != nil || none != nil {
		t.Errorf("missing dir: %v %v, want no labels and no error", none, err)
	}
	if _, err := LoadLabels("../testdata/badlabels"); !errors.Is(err, ErrBadLabels) {
		t.Errorf("misspelt field: err = %v, want ErrBadLabels", err)
	}
}

func TestScoreLabels(t *testing.T) {
	t.Parallel()
	ls, err := LoadLabels("../testdata/labels")
	if err != nil {
		t.Fatal(err)
	}
	ministers := ls[1]
	pred := Prediction{
		HasQuotes: true, HasImages: true, HasRelated: true,
		Text: "Foreign ministers met in Yerevan on Friday\n\nThe talks went on. (Photo: CSTO)\n\nPTI reported the meeting.",
		Quotes: []PredQuote{
			{Text: "“We will prepare in advance for the challenges after the conflict”", Speaker: "Lavrov"}, // full, right (alias)
			{Text: "special attention", Speaker: "Sergei Lavrov"},                                           // partial, right
			{Text: "The meeting was constructive", Speaker: "Defence Ministry"},                             // full, wrong speaker
			{Text: "It is not only an occasion to analyse the path travelled.", Speaker: ""},                // full, no speaker
			{Text: "Security in Central Asia is a shared task for all of us", Speaker: "Lavrov"},            // full, guessed speaker
			{Text: "special military operation", Speaker: "Lavrov"},                                         // labelled not a quote
			{Text: "Together we are stronger than apart", Speaker: "Pashinyan"},                             // optional: ignored
		},
		Images: []PredImage{
			{Caption: "Foreign ministers  met in Yerevan on Friday", Credit: "CSTO"},
			{Caption: "", Credit: "Reuters"},
		},
		Related: []PredLink{
			{URL: "https://example.org/news/csto-summit", Text: "CSTO summit ends without a joint statement", Label: "Also Read"},
			{URL: "https://example.org/news/trending", Text: "Trending now"},
			{URL: "https://example.org/news/other", Text: "Other"},
		},
	}
	s := ScoreLabels(ministers, pred)
	check := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("full quotes", s.FullQuotes, Counts{TP: 4, FP: 0, FN: 1})
	check("partial quotes", s.PartialQuotes, Counts{TP: 1, FP: 1, FN: 0})
	check("not-quotes predicted", s.NotQuotesPredicted, 1)
	check("speaker", s.Speaker, Ratio{K: 2, N: 5})
	check("speaker named", s.SpeakerByKind[KindNamed], Ratio{K: 2, N: 2})
	check("speaker organisation", s.SpeakerByKind[KindOrganisation], Ratio{K: 0, N: 1})
	check("speaker pronoun", s.SpeakerByKind[KindPronoun], Ratio{K: 0, N: 1})
	check("speaker unnamed", s.SpeakerByKind["unnamed"], Ratio{K: 0, N: 1})
	check("wrong attribution", s.WrongSpeaker, Ratio{K: 2, N: 5})
	check("captions", s.Captions, Counts{TP: 1})
	check("credits", s.Credits, Counts{TP: 1, FP: 1, FN: 1})
	check("related", s.Related, Counts{TP: 1, FP: 1, FN: 1})
	check("related text", s.RelatedText, Ratio{K: 1, N: 1})
	check("caption leak", s.CaptionLeak, true)
	check("credit leak", s.CreditLeak, true)
	check("related leak", s.RelatedLeak, false)

	// The empty page measures precision: anything predicted is wrong.
	e := ScoreLabels(ls[0], pred)
	check("empty page full quotes", e.FullQuotes, Counts{FP: 5})
	check("empty page captions", e.Captions, Counts{FP: 1})
	check("empty page related", e.Related, Counts{FP: 3})
	check("empty page leak", e.Leaked(), false)

	// An extractor without quotes is not scored on them.
	n := ScoreLabels(ministers, Prediction{Text: "nothing"})
	check("peer without quotes", n.FullQuotes, Counts{})
}

func TestCreditLeakNeedsACue(t *testing.T) {
	t.Parallel()
	l := Labels{Images: []LabelImage{{Credit: "PTI"}}}
	if s := ScoreLabels(l, Prediction{Text: "PTI reported the meeting on Friday."}); s.CreditLeak {
		t.Error("a credit named in a sentence is not a leak")
	}
	if s := ScoreLabels(l, Prediction{Text: "The meeting. (Photo: PTI)"}); !s.CreditLeak {
		t.Error("a credit line left in the text is a leak")
	}
	if s := ScoreLabels(l, Prediction{Text: "Body.\nPTI\nMore body."}); !s.CreditLeak {
		t.Error("a credit on its own line is a leak")
	}
}

func TestLeakedStringsAndDamage(t *testing.T) {
	t.Parallel()
	text := "First paragraph of the story.\n\nFishing boats  return to the harbour\n\nPTI"
	got := LeakedStrings([]string{"Fishing boats return to the harbour", "PTI", "Not in the text at all"}, text)
	if len(got) != 1 || got[0] != "Fishing boats return to the harbour" {
		t.Errorf("LeakedStrings = %q", got)
	}
	gold := "The council met on Monday to discuss the new harbour wall.\n\nShort line.\n\nIt voted to spend two million on repairs before the winter storms."
	taken := []string{"It voted to spend two million on repairs before the winter storms.", "Short line."}
	dmg := Damage(gold, taken, "The council met on Monday to discuss the new harbour wall.")
	if len(dmg) != 1 || dmg[0] != "It voted to spend two million on repairs before the winter storms." {
		t.Errorf("Damage = %q", dmg)
	}
	if d := Damage(gold, taken, gold); len(d) != 0 {
		t.Errorf("a paragraph kept in the text is no damage: %q", d)
	}
}
