package tostix

// Origin is where one property of one object of the table comes from.
type Origin struct {
	Object   string // the table's object name
	Type     string // the STIX type
	Property string // the dotted property name, as written for the mapper's version
	// Paths are the event paths read, in order of preference; the element of a list is
	// written "list[]" ("payload.data.matched[].policyId").
	Paths []string
}

// Provenance lists, for every property the table can produce, the event paths it comes
// from, in table order; the observed-data's first_observed and last_observed come first.
func (m *Mapper) Provenance() []Origin {
	var out []Origin
	for _, prop := range []string{"first_observed", "last_observed"} {
		o := Origin{Object: "observed-data", Type: "observed-data", Property: prop}
		for _, s := range m.c.time {
			o.Paths = append(o.Paths, s.path)
		}
		out = append(out, o)
	}
	for _, d := range m.c.objs {
		for _, p := range d.props {
			o := Origin{Object: d.name, Type: d.typ, Property: p.name}
			for _, s := range p.srcs {
				o.Paths = append(o.Paths, m.c.sourcePaths(d, &s)...)
			}
			out = append(out, o)
		}
	}
	return out
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
