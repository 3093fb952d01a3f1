package ast_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stix2hunq/stix2hunq/internal/golden"
)

func errorsAs(err error, target any) bool { return errors.As(err, target) }

// readPatterns reads a corpus of ../testdata/patterns: one pattern a line, with blank
// lines and lines starting with # skipped.
func readPatterns(t testing.TB, name string) []string {
	return golden.Lines(t, "../testdata/patterns/"+name)
}

func typeName(n any) string { return fmt.Sprintf("%T", n) }
