package compiler

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/internal/golden"
)

// goldenClock is the clock of the golden files' default windows.
var goldenClock = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// TestGolden compiles every testdata/compile/*.stix pattern and compares the plan's
// summary with the .hunq file beside it. A .stix file holds one pattern after optional
// comment lines starting with #; the line "# stix 2.0" reads the pattern as STIX 2.0.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "compile", "*.stix"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden patterns: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".stix")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := goldenSummary(t, string(raw))
			golden.Check(t, strings.TrimSuffix(file, ".stix")+".hunq", got)
		})
	}
}

// goldenSummary compiles the pattern of a .stix file and returns its summary, or the
// error with the exit status the command line would give.
func goldenSummary(t *testing.T, raw string) string {
	var src []string
	opts := ast.ParseOptions{}
	for _, line := range strings.Split(raw, "\n") {
		switch {
		case strings.TrimSpace(line) == "# stix 2.0":
			opts.Version = ast.V20
		case strings.HasPrefix(line, "#") && len(src) == 0:
		default:
			src = append(src, line)
		}
	}
	p, err := ast.Parse(strings.TrimRight(strings.Join(src, "\n"), "\n"), opts)
	if err != nil {
		return "# error (invalid pattern)\n" + commentLines(err.Error())
	}
	plan, err := Compile(p, Options{Now: func() time.Time { return goldenClock }})
	var ue *UntranslatableError
	if errors.As(err, &ue) {
		return "# error (not translatable)\n" + commentLines(err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := plan.WriteSummary(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func commentLines(s string) string {
	return "# " + strings.ReplaceAll(s, "\n", "\n# ") + "\n"
}
