package extract

type cleanRules struct{}

func compileCleanRules(r Rules) (*cleanRules, error) { return &cleanRules{}, nil }

// removeBoilerplate lifts page chrome out of the tree before scoring.
func (p *pass) removeBoilerplate() {}
