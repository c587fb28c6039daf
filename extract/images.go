package extract

// OWNER: images helper. Stub to be replaced.

type imageRules struct{}

func compileImageRules(r Rules) (*imageRules, error) { return &imageRules{}, nil }

type imageCand struct{}

// extractImages collects candidate images with captions and credits from
// the original tree and lifts caption and credit nodes out of it.
func (p *pass) extractImages() {}

// finishImages keeps the candidates that belong to the article and writes
// p.art.Images, lead image first.
func (p *pass) finishImages() {}
