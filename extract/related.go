package extract

// OWNER: related-links helper. Stub to be replaced.

type relatedRules struct{}

func compileRelatedRules(r Rules) (*relatedRules, error) { return &relatedRules{}, nil }

// extractRelated finds "Also Read" promos and related-story boxes, writes
// p.art.RelatedLinks and removes those nodes from the tree.
func (p *pass) extractRelated() {}
