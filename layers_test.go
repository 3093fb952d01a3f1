// Package stix2hunq_test checks the layering of the module's packages.
package stix2hunq_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/stix2hunq/stix2hunq/"

// sourceFiles maps each package directory to its non-test Go files.
func sourceFiles(t *testing.T) map[string][]string {
	pkgs := map[string][]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") &&
			path != "." {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			dir := filepath.ToSlash(filepath.Dir(path))
			pkgs[dir] = append(pkgs[dir], path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// imports lists the imports of the files.
func imports(t *testing.T, files []string) map[string]bool {
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[p] = true
		}
	}
	return out
}

// TestLayers: grammar and ast know nothing of HunQ, the compiler nothing of HTTP, the
// runtime never parses pattern text, nothing imports the command, and libraries never log.
func TestLayers(t *testing.T) {
	forbidden := map[string][]string{
		"grammar":  {module + "ast", module + "compiler", module + "runtime", module + "cmd"},
		"ast":      {module + "compiler", module + "runtime", module + "cmd"},
		"compiler": {module + "runtime", module + "cmd", module + "grammar", "net/http"},
		"runtime":  {module + "cmd", module + "grammar"},
		"fuzz":     {module + "cmd"},
	}
	pkgs := sourceFiles(t)
	if len(pkgs) < 8 {
		t.Fatalf("found only %d packages", len(pkgs))
	}
	for dir, files := range pkgs {
		layer, _, _ := strings.Cut(dir, "/")
		for imp := range imports(t, files) {
			for _, bad := range forbidden[layer] {
				if imp == bad || strings.HasPrefix(imp, bad+"/") {
					t.Errorf("%s imports %s", dir, imp)
				}
			}
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if layer == "runtime" && strings.Contains(string(src), "ast.Parse(") {
				t.Errorf("%s parses pattern text", f)
			}
			for _, call := range []string{"log.Print", "log.Fatal", "log.Panic", "slog."} {
				if layer != "cmd" && strings.Contains(string(src), call) {
					t.Errorf("%s logs (%s); libraries return errors or take a writer", f, call)
				}
			}
		}
	}
}
