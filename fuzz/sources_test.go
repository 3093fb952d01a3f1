package fuzz

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
	"github.com/stix2hunq/stix2hunq/internal/gen"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// TestDifferentialSources checks the coverage that the two field maps give, source by
// source, in STIX 2.0 and 2.1. Every (property, event path) that the event to STIX table
// yields is either a gap the compiler lists (and docs/coverage-gaps.md shows) or read by
// a HunQ field that the field map names for the property, with a match kind that finds
// the value as the table derives it; this is worked out here from the map and the
// catalogue, apart from the compiler. And every source that is not a gap is searched in
// fact: an event holding a typical value at that path alone maps to STIX with the
// property, and the query of [property = value] matches the event in the emulator.
func TestDifferentialSources(t *testing.T) {
	for _, v := range []tostix.Version{tostix.STIX20, tostix.STIX21} {
		t.Run("STIX "+v.String(), func(t *testing.T) {
			l := newLane(t, v)
			gaps, err := compiler.CoverageGaps(l.options(false))
			if err != nil {
				t.Fatal(err)
			}
			isGap := map[[2]string]bool{}
			for _, g := range gaps {
				isGap[[2]string{g.Property, g.EventPath}] = true
			}
			searched, tried := 0, 0
			var untried []string // sources a lone path does not make the property of
			for _, s := range l.sources {
				reads := readsSource(s)
				gap := isGap[[2]string{s.Property, s.EventPath}]
				switch {
				case reads && gap:
					t.Errorf("%s from %s is read by its fields, yet listed as a gap",
						s.Property, s.EventPath)
				case !reads && !gap:
					t.Errorf("%s from %s is read by no field of the property, yet not "+
						"listed as a gap", s.Property, s.EventPath)
				case reads:
					searched++
					if l.searchesSource(t, s) {
						tried++
					} else if !strings.Contains(s.Property, "_ref") {
						untried = append(untried, s.Property+" from "+s.EventPath)
					}
				}
			}
			t.Logf("STIX %v: %d sources, %d gaps, %d searched, %d of them found by a "+
				"query on an event holding only that path", v, len(l.sources), len(gaps),
				searched, tried)
			if len(untried) > searched/10 {
				t.Errorf("%d searched sources, not through a reference, could not be tried "+
					"alone: %s", len(untried), strings.Join(untried, "; "))
			}
		})
	}
}

// readsSource works out from the field map and the catalogue whether a field that the
// map names for the source's property reads its path with a match kind that finds the
// value: any kind the value itself, a PREFIX field a leading part.
func readsSource(s compiler.Source) bool {
	typ, path, _ := strings.Cut(s.Property, ":")
	e, ok := mapping.Default().Lookup(typ, path)
	if !ok {
		return false
	}
	plain := strings.ReplaceAll(s.EventPath, "[*]", "")
	for _, name := range e.Fields {
		f, ok := hunq.DefaultCatalog().Lookup(name)
		if !ok {
			continue
		}
		for _, p := range f.Paths {
			switch {
			case p.Path != plain:
			case s.Derived == compiler.Verbatim,
				s.Derived == compiler.LeadingPart && p.Kind == hunq.Prefix:
				return true
			}
		}
	}
	return false
}

// searchesSource maps an event holding a typical value at the source's path alone and,
// when its STIX has the property, checks that the query of [property = value] matches
// the event. It reports whether the source could be tried so.
func (l *lane) searchesSource(t *testing.T, s compiler.Source) bool {
	ev := map[string]any{"happenedAt": gen.Now.Add(-60e9).Format("2006-01-02T15:04:05.000Z")}
	v := gen.Typical(s.EventPath)
	if strings.HasPrefix(s.Property, "ipv6-addr:") {
		v = "2001:db8::7"
	}
	gen.Set(ev, strings.ReplaceAll(s.EventPath, "[*]", "[]"), v)
	if s.Property == "windows-registry-key:values[*].name" ||
		s.Property == "windows-registry-key:values[*].data" {
		gen.Set(ev, "payload.data.rootObject", `\registry\machine\software`)
	}
	raw, _ := json.Marshal(ev)
	e, err := l.event(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range gen.Values(e.obs.Objects, s.Property) {
		lit, ok := literal(v)
		if !ok {
			continue
		}
		src := fmt.Sprintf("[%s = %s]", s.Property, lit)
		p, err := ast.Parse(src, ast.ParseOptions{Version: l.syntax})
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		plan, qs, err := compile(p, l.options(false))
		switch {
		case err != nil:
			t.Fatalf("%s: %v", src, err)
		case plan == nil:
			t.Errorf("%s from %s: refused as never matching", s.Property, s.EventPath)
		case !servedMatch(plan, qs, 0, e):
			t.Errorf("%s from %s: the query %s does not match the event %s", s.Property,
				s.EventPath, plan.Queries[0].Text, raw)
		}
		return true
	}
	return false
}

// literal writes a scalar STIX value as a pattern literal.
func literal(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'", true
	case float64:
		return fmt.Sprint(v), v == float64(int64(v))
	case json.Number, int, int64:
		return fmt.Sprint(v), true
	case bool:
		return fmt.Sprint(v), true
	}
	return "", false
}
