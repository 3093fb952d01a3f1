// Package coverage joins the two field maps: from the event -> STIX table it derives where
// each STIX property comes from in a hunt event, in the compiler's notation, so that the
// compiler can tell the event paths that the HunQ fields searching a property read from
// those they do not (the coverage gaps).
package coverage

import (
	"slices"
	"sort"
	"strings"

	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// MaxDepth bounds the reference steps followed from an object; an object already on the
// way is not entered again. The embedded table needs three, which reach
// x-oca-event:process_ref.binary_ref.parent_directory_ref.path.
//
// Limitation: a table whose references nest deeper than MaxDepth yields properties that
// Sources does not list, and a comparison on one of them is taken as false.
const MaxDepth = 6

// Sources returns the provenance of every STIX property that m writes, as compiler
// sources sorted by property and event path. A property is written "type:path" in the
// field map's canonical notation (see mapping.CanonicalPath): extension keys in quotes,
// list steps [*]. References are followed up to MaxDepth steps, so that the properties
// of a referenced object also appear under the referring one: process:binary_ref.name,
// network-traffic:dst_ref.value, x-oca-event:ip_refs[*].value. A property that may hold a
// list (one the table keeps as JSON, or the protocols) also has its members, prop[*],
// from the same paths. An event path writes the
// element of a list as [*] (payload.data.matched[*].policyId). Each source says how the
// table derives the property's value from the event value (see compiler.Derivation).
func Sources(m *tostix.Mapper) []compiler.Source {
	g := newGraph(m)
	seen := map[compiler.Source]bool{}
	var out []compiler.Source
	for _, name := range g.order {
		g.walk([]string{name}, g.objects[name].typ, "", func(s compiler.Source) {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Property != out[j].Property {
			return out[i].Property < out[j].Property
		}
		if out[i].EventPath != out[j].EventPath {
			return out[i].EventPath < out[j].EventPath
		}
		return out[i].Derived < out[j].Derived
	})
	return out
}

// object is one object of the table: its type, its properties' origins and references.
type object struct {
	typ     string
	origins []tostix.Origin
	refs    []tostix.Reference
}

// graph is the table's objects by name, in table order.
type graph struct {
	objects map[string]*object
	order   []string
}

func newGraph(m *tostix.Mapper) *graph {
	g := &graph{objects: map[string]*object{}}
	get := func(name, typ string) *object {
		o, ok := g.objects[name]
		if !ok {
			o = &object{typ: typ}
			g.objects[name] = o
			g.order = append(g.order, name)
		}
		return o
	}
	for _, o := range m.Provenance() {
		if o.Type == "observed-data" {
			continue // the envelope's times are not object properties
		}
		get(o.Object, o.Type).origins = append(get(o.Object, o.Type).origins, o)
	}
	for _, r := range m.References() {
		get(r.Object, r.Type).refs = append(get(r.Object, r.Type).refs, r)
	}
	return g
}

// walk calls emit with the sources of the last object of way, its properties prefixed by
// prefix, as properties of type typ, then follows its references to objects not on way,
// while way is shorter than MaxDepth steps.
func (g *graph) walk(way []string, typ, prefix string, emit func(compiler.Source)) {
	o := g.objects[way[len(way)-1]]
	for _, or := range o.origins {
		prop, ok := canonical(prefix + propertyPath(or.Property))
		if !ok {
			continue
		}
		for i, p := range or.Paths {
			s := compiler.Source{Property: typ + ":" + prop,
				EventPath: strings.ReplaceAll(p, "[]", "[*]"), Derived: derivation(or.As[i])}
			emit(s)
			if listed[or.As[i]] {
				s.Property += "[*]"
				emit(s)
			}
		}
	}
	if len(way) > MaxDepth {
		return
	}
	for _, r := range o.refs {
		step := r.Property + "."
		if r.List {
			step = r.Property + "[*]."
		}
		for _, t := range r.Targets {
			if !slices.Contains(way, t) {
				g.walk(append(way[:len(way):len(way)], t), typ, prefix+step, emit)
			}
		}
	}
}

// propertyPath turns the table's dotted property name into a path the field map reads:
// "values[].name" has its list step as [*], and the key after "hashes." and
// "extensions." is one key even where it holds no dot.
func propertyPath(dotted string) string {
	return strings.ReplaceAll(dotted, "[]", "[*]")
}

// canonical returns the canonical form of a property path, quoting keys that need it.
func canonical(path string) (string, bool) {
	p, err := mapping.CanonicalPath(path)
	return p, err == nil
}

// listed holds the transformers that may write a list: the property's members then come
// from the same path, as prop[*].
var listed = map[string]bool{"json": true, "protocols": true}

// derivation says how a transformer derives the property's value from the event value:
// str, text, scalar, json, int, bool and the address filters keep its text (or number),
// dirpath keeps its leading part, every other transformer writes another text.
func derivation(as string) compiler.Derivation {
	switch as {
	case "str", "text", "scalar", "json", "int", "bool", "ipv4", "ipv6":
		return compiler.Verbatim
	case "dirpath":
		return compiler.LeadingPart
	}
	return compiler.Rewritten
}
