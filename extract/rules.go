package extract

// Rules extend the built-in rule tables; every list is added to the
// defaults, never replaces them. New fails on an entry that does not
// compile (a bad CSS selector, an empty word).
type Rules struct {
	// CueVerbs are extra reporting verbs or phrases ("erklärte", "a déclaré").
	CueVerbs []string
	// SpeakerTitles are extra titles that may stand before a name ("Bundeskanzler").
	SpeakerTitles []string
	// OrganisationWords are extra words that mark a name as an organisation ("Ministerium").
	OrganisationWords []string
	// RelatedLabels are extra printed prefixes of related-story promos ("Lesen Sie auch").
	RelatedLabels []string
	// BoilerplateSelectors are extra CSS selectors removed before scoring.
	BoilerplateSelectors []string
	// CaptionSelectors are extra CSS selectors of caption elements.
	CaptionSelectors []string
	// CreditSelectors are extra CSS selectors of photo-credit elements.
	CreditSelectors []string
}
