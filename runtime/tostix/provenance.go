package tostix

// Origin is where one property of one object of the table comes from.
type Origin struct {
	Object   string // the table's object name
	Type     string // the STIX type
	Property string // the dotted property name, as written for the mapper's version
	// Paths are the event paths read, in order of preference; the element of a list is
	// written "list[]" ("payload.data.matched[].policyId").
	Paths []string
	// As names, for each path, how its value becomes the property's: the transformer
	// (see Transformers; "str" when the table names none), or "value" when a constant
	// replaces it.
	As []string
}

// Reference is one reference property of one object of the table: it points at the first
// existing object among Targets, or at every existing one for a List reference.
type Reference struct {
	Object   string   // the table's object name
	Type     string   // the STIX type
	Property string   // the reference's name, such as "parent_ref" or "ip_refs"
	List     bool     // a list reference (*_refs)
	Targets  []string // the table's names of the objects it may point at, in order
}

// Provenance lists, for every property the table can produce, the event paths it comes
// from, in table order; the observed-data's first_observed and last_observed come first.
func (m *Mapper) Provenance() []Origin {
	var out []Origin
	for _, prop := range []string{"first_observed", "last_observed"} {
		o := Origin{Object: "observed-data", Type: "observed-data", Property: prop}
		for _, s := range m.c.time {
			o.Paths = append(o.Paths, s.path)
			o.As = append(o.As, s.as)
		}
		out = append(out, o)
	}
	for _, d := range m.c.objs {
		for _, p := range d.props {
			o := Origin{Object: d.name, Type: d.typ, Property: p.name}
			for _, s := range p.srcs {
				paths := m.c.sourcePaths(d, &s)
				o.Paths = append(o.Paths, paths...)
				for range paths {
					o.As = append(o.As, s.transformName())
				}
			}
			out = append(out, o)
		}
	}
	return out
}

// References lists the reference properties of the table's objects for the mapper's
// version, in table order; the alternatives of one reference (its entries guarded by
// conditions) are merged into one.
func (m *Mapper) References() []Reference {
	var out []Reference
	for _, d := range m.c.objs {
		for _, r := range d.refs {
			ref := Reference{Object: d.name, Type: d.typ, Property: r.name, List: r.list}
			seen := map[int]bool{}
			for _, alt := range r.alts {
				for _, t := range alt.targets {
					if !seen[t] {
						seen[t] = true
						ref.Targets = append(ref.Targets, m.c.objs[t].name)
					}
				}
			}
			out = append(out, ref)
		}
	}
	return out
}

// transformName names how the source's value becomes the property's.
func (s *srcDef) transformName() string {
	switch {
	case s.value != nil:
		return "value"
	case s.as == "":
		return "str"
	}
	return s.as
}

// sourcePaths spells the event paths of one source.
func (c *compiled) sourcePaths(d *objDef, s *srcDef) []string {
	if !s.local {
		return []string{s.path}
	}
	var out []string
	for _, l := range c.groups[d.group].lists {
		p := l + "[]"
		if !s.self {
			p += "." + s.path
		}
		out = append(out, p)
	}
	return out
}
