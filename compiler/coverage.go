package compiler

import (
	"sort"
	"strings"

	"github.com/stix2hunq/stix2hunq/compiler/mapping"
)

// canonicalProperty returns "type:path" with the path in the field map's canonical form,
// or "" when it is not a valid path.
func canonicalProperty(objectType, path string) string {
	if mapping.IsCanonical(path) {
		return objectType + ":" + path
	}
	p, err := mapping.CanonicalPath(path)
	if err != nil {
		return ""
	}
	return objectType + ":" + p
}

// unsearched returns, for every property of sources in only (every one when only is
// nil), the event paths that yield it but that no field mapped to it reads, or reads with
// a match kind that cannot find the derived value. A property no field searches has all
// its paths there.
func unsearched(u *unit, sources []Source, only map[string]bool) map[string][]Gap {
	out := map[string][]Gap{}
	read := map[string]map[string]fieldKind{} // property -> event paths its fields read
	for _, s := range sources {
		key, typ, path := sourceKey(s.Property)
		if key == "" || only != nil && !only[key] {
			continue
		}
		paths, done := read[key]
		if !done {
			paths = readPaths(u, typ, path)
			read[key] = paths
		}
		kind, isRead := paths[plainPath(s.EventPath)]
		searched := isRead && (s.Derived == Verbatim ||
			s.Derived == LeadingPart && kind == prefixField)
		if !searched && !hasGap(out[key], s.EventPath) {
			out[key] = append(out[key], Gap{Property: key, EventPath: s.EventPath,
				Derived: isRead})
		}
	}
	return out
}

// readPaths returns the event paths that the fields of typ:path read, each with the
// widest kind of field reading it (PREFIX before TERM).
func readPaths(u *unit, typ, path string) map[string]fieldKind {
	paths := map[string]fieldKind{}
	t, _ := u.resolve.lookup(typ, path)
	if t == nil {
		return paths
	}
	for _, f := range t.fields {
		for _, p := range f.paths {
			if k, seen := paths[plainPath(p)]; !seen || k != prefixField {
				paths[plainPath(p)] = f.kind
			}
		}
	}
	return paths
}

// sourced returns the set of the properties of only that sources yield, or nil when
// there are no sources.
func sourced(sources []Source, only map[string]bool) map[string]bool {
	if len(sources) == 0 {
		return nil
	}
	out := map[string]bool{}
	for _, s := range sources {
		if key, _, _ := sourceKey(s.Property); key != "" && only[key] {
			out[key] = true
		}
	}
	return out
}

// sourceKey returns the canonical "type:path" of a source's property, its type and its
// path, or "" when it is not a valid property.
func sourceKey(prop string) (key, typ, path string) {
	typ, path, ok := strings.Cut(prop, ":")
	switch {
	case !ok:
		return "", "", ""
	case mapping.IsCanonical(path):
		return prop, typ, path
	}
	return canonicalProperty(typ, path), typ, path
}

// CoverageGaps returns every coverage gap of opts.Sources under opts's field map and
// catalogue, sorted: each event path that yields a property but that no HunQ field
// searching the property reads, for every property, compared by a pattern or not. An
// error names a mapped field that the catalogue lacks.
func CoverageGaps(opts Options) ([]Gap, error) {
	u := &unit{opts: &opts, resolve: newResolver(opts.fields(), opts.catalog())}
	for _, s := range opts.Sources {
		if typ, path, ok := strings.Cut(s.Property, ":"); ok {
			if _, err := u.resolve.lookup(typ, path); err != nil {
				return nil, err
			}
		}
	}
	return sortGaps(unsearched(u, opts.Sources, nil), nil), nil
}

// gaps returns the coverage gaps of the properties that the pattern compares, sorted.
func gaps(u *unit, sources []Source) []Gap {
	if len(sources) == 0 {
		return nil
	}
	all := u.complete
	if all == nil {
		all = unsearched(u, sources, u.used)
	}
	return sortGaps(all, nil)
}

// compared returns the set of the properties that the pattern compares.
func (u *unit) compared() map[string]bool {
	used := map[string]bool{}
	for _, o := range u.obs {
		walkAST(o.bracket, func(typ, path string) { used[canonicalProperty(typ, path)] = true })
	}
	return used
}

// sortGaps lists the gaps of the properties in used (all when used is nil), sorted by
// property and event path.
func sortGaps(all map[string][]Gap, used map[string]bool) []Gap {
	var out []Gap
	for prop, gaps := range all {
		if used == nil || used[prop] {
			out = append(out, gaps...)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Property != out[j].Property {
			return out[i].Property < out[j].Property
		}
		return out[i].EventPath < out[j].EventPath
	})
	return out
}

// plainPath drops list indexes from an event path: payload.data.tags[*] -> payload.data.tags.
func plainPath(p string) string {
	if !strings.Contains(p, "[") {
		return p
	}
	var b strings.Builder
	depth := 0
	for _, r := range p {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hasGap(gaps []Gap, path string) bool {
	for _, g := range gaps {
		if g.EventPath == path {
			return true
		}
	}
	return false
}

// unsearchedOf returns, in complete mode, the event paths yielding c's property that no
// field mapped to it reads.
func (u *unit) unsearchedOf(c *Cmp) []string {
	if u.complete == nil {
		return nil
	}
	gaps := u.complete[canonicalProperty(c.Src.Path.ObjectType, propertyKey(c.Src.Path))]
	paths := make([]string, len(gaps))
	for i, g := range gaps {
		paths[i] = g.EventPath
	}
	return paths
}
