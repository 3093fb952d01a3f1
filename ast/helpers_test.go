package ast_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func errorsAs(err error, target any) bool { return errors.As(err, target) }

// readPatterns reads a corpus of ../testdata/patterns: one pattern a line, with blank
// lines and lines starting with # skipped.
func readPatterns(t testing.TB, name string) []string {
	t.Helper()
	f, err := os.Open("../testdata/patterns/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func typeName(n any) string { return fmt.Sprintf("%T", n) }
