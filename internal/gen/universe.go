package gen

import (
	"sort"
	"strings"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
	"github.com/stix2hunq/stix2hunq/runtime/coverage"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// Universe is what the generators draw from for one STIX version.
type Universe struct {
	// Version is the STIX version of the patterns and of the mapper.
	Version tostix.Version
	// Paths are the event paths of the catalogue and the table, a list element written
	// "list[]"; a path that leads to others is left out (they give it its value), but for
	// a list of scalars.
	Paths []string
	// Properties are the properties the table writes, as "type:path" (see
	// coverage.Sources).
	Properties []string
	// Mapped are the field map's properties, some of which the table never writes.
	Mapped []string
	mapped map[string]bool
	typed  []string // the paths of a kind other than plain strings
}

// NewUniverse collects the paths of c's fields and of m's table, the properties m writes
// and those fm names.
func NewUniverse(m *tostix.Mapper, c *hunq.Catalog, fm *mapping.Map) *Universe {
	u := &Universe{Version: m.Version()}
	set := map[string]bool{}
	for f := range c.All() {
		for _, p := range f.Paths {
			set[p.Path] = true
		}
	}
	for _, o := range m.Provenance() {
		for _, p := range o.Paths {
			set[p] = true
		}
	}
	for p := range set {
		if strings.HasSuffix(p, "[]") || !leadsOn(p, set) {
			u.Paths = append(u.Paths, p)
		}
	}
	sort.Strings(u.Paths)
	for _, p := range u.Paths {
		if kindOfPath(p) != kindString {
			u.typed = append(u.typed, p)
		}
	}
	seen := map[string]bool{}
	for _, s := range coverage.Sources(m) {
		if !seen[s.Property] {
			seen[s.Property] = true
			u.Properties = append(u.Properties, s.Property)
		}
	}
	u.mapped = map[string]bool{}
	for e := range fm.All() {
		u.Mapped = append(u.Mapped, e.Key())
		u.mapped[e.Key()] = true
	}
	return u
}

// leadsOn reports whether other paths of set continue p.
func leadsOn(p string, set map[string]bool) bool {
	for q := range set {
		if strings.HasPrefix(q, p+".") || strings.HasPrefix(q, p+"[]") {
			return true
		}
	}
	return false
}
