package extract

// OWNER: quotes helper. Stub to be replaced.

type quoteRules struct{}

func compileQuoteRules(r Rules) (*quoteRules, error) { return &quoteRules{}, nil }

// attributeQuotes finds the direct quotes in p.art.Blocks and their speakers.
func (p *pass) attributeQuotes() {}
