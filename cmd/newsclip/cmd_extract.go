package main

import (
	"context"
	"errors"
)

// OWNER: stub to be replaced.
func runExtract(ctx context.Context, args []string, e env) error {
	return errors.New("extract: not implemented yet")
}
