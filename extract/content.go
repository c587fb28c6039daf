package extract

// findContent scores the cleaned tree with go-readability.
func (p *pass) findContent() {}
