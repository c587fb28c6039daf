package main

import (
	"context"
	"errors"
)

// OWNER: stub to be replaced.
func runRun(ctx context.Context, args []string, e env) error {
	return errors.New("run: not implemented yet")
}
