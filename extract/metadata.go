package extract

// OWNER: metadata helper. Stub to be replaced.

type metaRules struct{}

func compileMetaRules(r Rules) (*metaRules, error) { return &metaRules{}, nil }

// readMetadata fills the Article's metadata fields and p.meta from the
// original tree, before any stage edits it.
func (p *pass) readMetadata() {}

// completeMetadata runs after the blocks are built: fallbacks that need the
// content (readability's title and byline, visible bylines and datelines).
func (p *pass) completeMetadata() {}
