package main

import (
	"context"
	"errors"
)

// OWNER: stub to be replaced.
func runStatus(ctx context.Context, args []string, e env) error {
	return errors.New("status: not implemented yet")
}
