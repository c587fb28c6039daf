package main

import (
	"context"
	"errors"
)

// OWNER: stub to be replaced.
func runCrawl(ctx context.Context, args []string, e env) error {
	return errors.New("crawl: not implemented yet")
}
