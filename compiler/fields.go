package compiler

import (
	"fmt"
	"strings"
	"sync"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
)

// fieldKind is how the compiler uses a HunQ field.
type fieldKind uint8

const (
	termField   fieldKind = iota // f = v is exact equality
	prefixField                  // f = v is a prefix or token match
	rangeField                   // f.gte = v and f.lte = v bound a number or time
	existsField                  // f = true tests presence
)

var fieldKindNames = [...]string{"TERM", "PREFIX", "RANGE", "EXISTS"}

func (k fieldKind) String() string { return fieldKindNames[k] }

// field is a HunQ field ready for mapping. For a range field, name is the base name
// and the query uses name.gte and name.lte.
type field struct {
	name      string
	kind      fieldKind
	universal bool     // a $ field, searching several objects at once
	paths     []string // the event paths it reads
}

// target is what a STIX property maps to.
type target struct {
	fields  []field
	single  bool              // at most one value per object
	wide    bool              // the fields also search values that are not the property
	kind    mapping.ValueKind // the kind of the property's values
	present bool              // events carry it, but no field searches it: fields is empty
}

// propKey is an object type and a property path.
type propKey struct{ typ, path string }

// resolver looks properties up in the field map and the fields in the catalogue, once
// per property.
type resolver struct {
	fields  *mapping.Map
	catalog *hunq.Catalog
	cache   map[propKey]*target
	shared  *sync.Map // propKey -> *target, for the default map and catalogue
}

// defaultTargets caches the properties the default field map and catalogue resolve, which
// never change; the map holds at most one entry for each of the map's properties.
var defaultTargets sync.Map

func newResolver(fm *mapping.Map, c *hunq.Catalog) *resolver {
	r := &resolver{fields: fm, catalog: c}
	if fm == mapping.Default() && c == hunq.DefaultCatalog() {
		r.shared = &defaultTargets
	}
	return r
}

// lookup returns the target of objectType:property (list indexes as [*]), or nil when
// no field searches it. An error names a mapped field that the catalogue lacks.
func (r *resolver) lookup(objectType, property string) (*target, error) {
	k := propKey{objectType, property}
	if t, ok := r.cache[k]; ok {
		return t, nil
	}
	if r.shared != nil {
		if t, ok := r.shared.Load(k); ok {
			return t.(*target), nil
		}
	}
	t, err := r.resolveProperty(objectType, property)
	if err != nil {
		return nil, err
	}
	if r.cache == nil {
		r.cache = map[propKey]*target{}
	}
	r.cache[k] = t
	if t != nil && r.shared != nil {
		r.shared.Store(k, t)
	}
	return t, nil
}

// resolveProperty finds the entry of objectType:property and resolves its fields.
func (r *resolver) resolveProperty(objectType, property string) (*target, error) {
	key := objectType + ":" + property
	e, ok := r.fields.Lookup(objectType, property)
	var t *target
	if ok && (len(e.Fields) > 0 || e.Present) {
		fs, err := r.resolve(e.Fields)
		if err != nil {
			return nil, fmt.Errorf("field map for %s: %w", key, err)
		}
		t = &target{fields: fs, single: e.Single, wide: e.Wide, kind: e.Kind,
			present: e.Present}
	}
	return t, nil
}

func (r *resolver) resolve(names []string) ([]field, error) {
	var fs []field
	seen := map[string]bool{}
	for _, n := range names {
		f, err := r.field(n)
		if err != nil {
			return nil, err
		}
		if !seen[f.name] {
			seen[f.name] = true
			fs = append(fs, f)
		}
	}
	return fs, nil
}

// field resolves one name: a catalogue field, a range field's base name, or one of its
// .gte and .lte halves.
func (r *resolver) field(name string) (field, error) {
	if hf, ok := r.catalog.Lookup(name); ok {
		switch hf.Kind {
		case hunq.Term, hunq.Prefix, hunq.Exists:
			k := [...]fieldKind{hunq.Term: termField, hunq.Prefix: prefixField,
				hunq.Exists: existsField}[hf.Kind]
			return field{name: name, kind: k, universal: strings.HasPrefix(name, "$"),
				paths: paths(hf)}, nil
		}
		name = strings.TrimSuffix(strings.TrimSuffix(name, ".gte"), ".lte")
	}
	lo, okLo := r.catalog.Lookup(name + ".gte")
	hi, okHi := r.catalog.Lookup(name + ".lte")
	if okLo && okHi && lo.Kind == hunq.RangeGTE && hi.Kind == hunq.RangeLTE {
		return field{name: name, kind: rangeField, paths: paths(lo)}, nil
	}
	return field{}, fmt.Errorf("HunQ field %q is not in the catalogue", name)
}

func paths(f hunq.Field) []string {
	ps := make([]string, len(f.Paths))
	for i, p := range f.Paths {
		ps[i] = p.Path
	}
	return ps
}

// targetOf returns the target of c's property, looking it up once; nil when no field
// searches it or when the sources say that events never have it.
func (u *unit) targetOf(c *Cmp) (*target, error) {
	if !c.resolved {
		c.target, c.err = u.resolve.lookup(c.Src.Path.ObjectType, propertyKey(c.Src.Path))
		if c.target != nil && u.sourced != nil &&
			!u.sourced[canonicalProperty(c.Src.Path.ObjectType, propertyKey(c.Src.Path))] {
			c.target, c.absent = nil, true
		}
		c.resolved = true
	}
	return c.target, c.err
}
