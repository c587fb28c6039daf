package main

import (
	"context"
	"errors"
)

// OWNER: stub to be replaced.
func runExport(ctx context.Context, args []string, e env) error {
	return errors.New("export: not implemented yet")
}
