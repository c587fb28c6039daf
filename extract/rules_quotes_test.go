package extract

import (
	"errors"
	"testing"
)

func TestCompileQuoteRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		rules   Rules
		wantErr bool
	}{
		{name: "defaults", rules: Rules{}},
		{name: "extra words", rules: Rules{CueVerbs: []string{"räumte ein", "a précisé"}, SpeakerTitles: []string{"Bundesminister"}, OrganisationWords: []string{"Bundesamt"}}},
		{name: "empty cue", rules: Rules{CueVerbs: []string{"  "}}, wantErr: true},
		{name: "empty title", rules: Rules{SpeakerTitles: []string{""}}, wantErr: true},
		{name: "malformed organisation word", rules: Rules{OrganisationWords: []string{"Amt*"}}, wantErr: true},
		{name: "cue with a quotation mark", rules: Rules{CueVerbs: []string{`said "`}}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := compileQuoteRules(tt.rules)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, errQuoteRule) {
				t.Fatalf("err = %v, not errQuoteRule", err)
			}
		})
	}
}

// User rules extend the tables: a cue, a title and an organisation word
// that the defaults do not know.
func TestQuoteRulesExtensions(t *testing.T) {
	t.Parallel()
	blocks := paragraphs("Das Bundesamt Fernstraßen teilte mit.\n\n„Die Brücke bleibt bis Juni gesperrt“, präzisierte Staatssekretärin Petra Müller.")
	base := findQuotes(blocks, testQuoteRules(t))
	if len(base) != 0 {
		t.Fatalf("defaults found %v, want none", base)
	}
	q, err := compileQuoteRules(Rules{CueVerbs: []string{"präzisierte"}, SpeakerTitles: []string{"Staatssekretärin"}})
	if err != nil {
		t.Fatal(err)
	}
	got := findQuotes(blocks, q)
	if len(got) != 1 || got[0].Speaker != "Petra Müller" || got[0].Cue != "präzisierte" {
		t.Fatalf("got %+v, want one quote by Petra Müller with cue präzisierte", got)
	}
}

func TestQuoteRulesOrganisationWords(t *testing.T) {
	t.Parallel()
	blocks := paragraphs("Bundesamt Fernstraßen closed the bridge on Monday.\n\n\"The bridge stays shut until the end of June,\" it said.")
	if got := findQuotes(blocks, testQuoteRules(t)); len(got) != 1 || got[0].Speaker != "" {
		t.Fatalf("defaults: got %+v, want one quote with no speaker", got)
	}
	q, err := compileQuoteRules(Rules{OrganisationWords: []string{"Bundesamt"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := findQuotes(blocks, q); len(got) != 1 || got[0].Speaker != "Bundesamt Fernstraßen" {
		t.Fatalf("got %+v, want one quote by Bundesamt Fernstraßen", got)
	}
}
