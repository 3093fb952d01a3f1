package gen

import (
	"encoding/json"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
	"pgregory.net/rapid"
)

func universe(t *testing.T, v tostix.Version) (*Universe, *tostix.Mapper) {
	m, err := tostix.New(tostix.Options{Version: v})
	if err != nil {
		t.Fatal(err)
	}
	return NewUniverse(m, hunq.DefaultCatalog(), mapping.Default()), m
}

// TestPatternsParse: every drawn pattern is valid in its version.
func TestPatternsParse(t *testing.T) {
	for _, v := range []tostix.Version{tostix.STIX20, tostix.STIX21} {
		u, m := universe(t, v)
		rapid.Check(t, func(t *rapid.T) {
			raw, _ := json.Marshal(u.Event(t))
			od, err := m.Map(raw, 0)
			if err != nil {
				t.Fatal(err)
			}
			src := u.Pattern(t, []map[string]map[string]any{od.Objects()})
			version := ast.V21
			if v == tostix.STIX20 {
				version = ast.V20
			}
			if _, err := ast.Parse(src, ast.ParseOptions{Version: version}); err != nil {
				t.Fatalf("%s\n%v", src, err)
			}
		})
	}
}
