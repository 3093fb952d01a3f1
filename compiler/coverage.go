package compiler

import (
	"sort"
	"strings"

	"github.com/stix2hunq/stix2hunq/compiler/mapping"
)

// canonicalProperty returns "type:path" with the path in the field map's canonical form,
// or "" when it is not a valid path.
func canonicalProperty(objectType, path string) string {
	p, err := mapping.CanonicalPath(path)
	if err != nil {
		return ""
	}
	return objectType + ":" + p
}

// unsearched returns, for every property of sources, the event paths that yield it but
// that no field mapped to it reads. A property no field searches has all its paths there.
func unsearched(u *unit, sources []Source) map[string][]string {
	out := map[string][]string{}
	read := map[string]map[string]bool{} // property -> event paths its fields read
	for _, s := range sources {
		typ, path, ok := strings.Cut(s.Property, ":")
		if !ok {
			continue
		}
		key := canonicalProperty(typ, path)
		if key == "" {
			continue
		}
		paths, done := read[key]
		if !done {
			paths = map[string]bool{}
			if t, _ := u.resolve.lookup(typ, path); t != nil {
				for _, f := range t.fields {
					for _, p := range f.paths {
						paths[plainPath(p)] = true
					}
				}
			}
			read[key] = paths
		}
		if ep := plainPath(s.EventPath); !paths[ep] && !contains(out[key], s.EventPath) {
			out[key] = append(out[key], s.EventPath)
		}
	}
	return out
}

// gaps returns the coverage gaps of the properties that the pattern compares, sorted.
func gaps(u *unit, sources []Source) []Gap {
	if len(sources) == 0 {
		return nil
	}
	all := u.complete
	if all == nil {
		all = unsearched(u, sources)
	}
	used := map[string]bool{}
	for _, o := range u.obs {
		walkAST(o.bracket, func(typ, path string) { used[canonicalProperty(typ, path)] = true })
	}
	var out []Gap
	for prop, paths := range all {
		if used[prop] {
			for _, p := range paths {
				out = append(out, Gap{Property: prop, EventPath: p})
			}
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

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
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
	return u.complete[canonicalProperty(c.Src.Path.ObjectType, propertyKey(c.Src.Path))]
}
