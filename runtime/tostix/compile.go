package tostix

import (
	"encoding/json"
	"fmt"
	"strings"
)

// compiled is a table ready to map events of one STIX version.
type compiled struct {
	version Version
	root    *node
	nslots  int
	objs    []*objDef
	groups  []*groupDef
	time    []srcDef
	conds   []condDef
	builtin builtinSlots
	codes   map[string]map[string]string
}

// groupDef is the list paths of an Each group, in order of preference, and the number of
// element-relative slots they share.
type groupDef struct {
	lists []string
	width int
}

// srcDef is one compiled Source.
type srcDef struct {
	slot   int32
	local  bool // slot is element-relative
	self   bool // the element itself (path "")
	path   string
	as     string // the transformer's name
	xf     transformer
	when   int // condition index + 1, 0 for none
	unless int
	value  []byte // constant JSON replacing the value found
}

// propDef is one compiled Property: its output name (version applied) and its sources.
type propDef struct {
	name string
	path []string
	srcs []srcDef
}

// refDef is one reference property; the table's entries of the same name are its
// alternatives, tried in order (a list reference collects from all of them).
type refDef struct {
	name string
	list bool
	alts []refAlt
}

type refAlt struct {
	targets      []int
	when, unless int
}

// objDef is one compiled Object.
type objDef struct {
	name, typ string
	group     int // -1 when not an Each group
	props     []propDef
	refs      []refDef
	emit      []*emitNode
	mask      []uint64 // the event slots its sources read (not for Each groups)
}

type compiler struct {
	c      *compiled
	t      *Table
	byName map[string]int
}

func compileTable(t *Table, v Version) (*compiled, error) {
	objs, err := expand(t)
	if err != nil {
		return nil, err
	}
	k := &compiler{c: &compiled{version: v, root: newNode(""), codes: t.Codes}, t: t,
		byName: map[string]int{}}
	for i, o := range objs {
		if o.Name == "" || o.Type == "" {
			return nil, fmt.Errorf("table: object %d needs a name and a type", i)
		}
		if _, dup := k.byName[o.Name]; dup {
			return nil, fmt.Errorf("table: object %q is defined twice", o.Name)
		}
		k.byName[o.Name] = i
	}
	k.builtinConds()
	for _, o := range objs {
		d, err := k.object(o)
		if err != nil {
			return nil, fmt.Errorf("table: object %q: %w", o.Name, err)
		}
		k.c.objs = append(k.c.objs, d)
	}
	for _, s := range t.Observed["time"] {
		sd, err := k.source(s, "", -1, "timestamp")
		if err != nil {
			return nil, fmt.Errorf("table: observed time: %w", err)
		}
		k.c.time = append(k.c.time, sd)
	}
	k.c.masks()
	return k.c, nil
}

// masks records, per object outside Each groups, the set of slots its sources read, so
// that the resolver skips at once the objects of which an event has nothing.
func (c *compiled) masks() {
	words := (c.nslots + 63) / 64
	for _, d := range c.objs {
		if d.group >= 0 {
			continue
		}
		d.mask = make([]uint64, words)
		for _, p := range d.props {
			for _, s := range p.srcs {
				d.mask[s.slot/64] |= 1 << (s.slot % 64)
			}
		}
	}
}

// expand instantiates the template uses and returns the plain object list.
func expand(t *Table) ([]Object, error) {
	var out []Object
	for _, o := range t.Objects {
		if o.Use == "" {
			out = append(out, o)
			continue
		}
		tmpl, ok := t.Templates[o.Use]
		if !ok {
			return nil, fmt.Errorf("table: unknown template %q", o.Use)
		}
		r := strings.NewReplacer("{at}", o.At, "{name}", o.Name)
		for _, to := range tmpl {
			out = append(out, instantiate(to, r, o.Extra))
		}
	}
	return out, nil
}

func instantiate(o Object, r *strings.Replacer, extra map[string][]Property) Object {
	n := Object{Name: r.Replace(o.Name), Type: o.Type}
	for _, l := range o.Each {
		n.Each = append(n.Each, r.Replace(l))
	}
	for _, p := range o.Props {
		q := p
		q.From = nil
		for _, s := range p.From {
			s.Path = r.Replace(s.Path)
			s.When, s.Unless = r.Replace(s.When), r.Replace(s.Unless)
			q.From = append(q.From, s)
		}
		n.Props = append(n.Props, q)
	}
	n.Props = append(n.Props, extra[n.Name]...)
	for _, ref := range o.Refs {
		q := ref
		q.To = nil
		for _, to := range ref.To {
			q.To = append(q.To, r.Replace(to))
		}
		q.When, q.Unless = r.Replace(ref.When), r.Replace(ref.Unless)
		n.Refs = append(n.Refs, q)
	}
	return n
}

func (k *compiler) object(o Object) (*objDef, error) {
	d := &objDef{name: o.Name, typ: o.Type, group: -1}
	if len(o.Each) > 0 {
		if err := k.group(d, o.Each); err != nil {
			return nil, err
		}
	}
	for _, p := range o.Props {
		if !k.inVersion(p.STIX) {
			continue
		}
		pd, err := k.property(d, p)
		if err != nil {
			return nil, err
		}
		d.props = append(d.props, pd)
	}
	for _, r := range o.Refs {
		if !k.inVersion(r.STIX) {
			continue
		}
		if err := k.ref(d, r); err != nil {
			return nil, err
		}
	}
	d.emit = emitTree(d.props)
	return d, nil
}

func (k *compiler) group(d *objDef, lists []string) error {
	d.group = len(k.c.groups)
	k.c.groups = append(k.c.groups, &groupDef{lists: lists})
	for alt, l := range lists {
		n := walkCreate(k.c.root, l)
		if n.each != nil {
			return fmt.Errorf("list %q is already the list of another object", l)
		}
		n.each = &eachList{group: d.group, alt: alt, root: newNode(l + "[]")}
	}
	return nil
}

func (k *compiler) inVersion(s string) bool {
	return s == "" || s == k.c.version.String()
}

func (k *compiler) property(d *objDef, p Property) (propDef, error) {
	if p.Prop == "" || len(p.From) == 0 {
		return propDef{}, fmt.Errorf("property %q needs a name and sources", p.Prop)
	}
	if strings.HasSuffix(p.Prop, "[]") || strings.Contains(p.Prop, "..") {
		return propDef{}, fmt.Errorf("property %q: malformed name", p.Prop)
	}
	pd := propDef{name: k.versionName(p.Prop)}
	pd.path = strings.Split(pd.name, ".")
	for _, s := range p.From {
		sd, err := k.source(s, p.As, d.group, "")
		if err != nil {
			return pd, fmt.Errorf("property %q: %w", p.Prop, err)
		}
		pd.srcs = append(pd.srcs, sd)
	}
	return pd, nil
}

// versionName renames the extension key of a dotted property name for STIX 2.1.
func (k *compiler) versionName(name string) string {
	if k.c.version != STIX21 || !strings.HasPrefix(name, "extensions.") {
		return name
	}
	parts := strings.SplitN(name, ".", 3)
	if n, ok := k.t.Extensions21[parts[1]]; ok {
		parts[1] = n
	}
	return strings.Join(parts, ".")
}

func (k *compiler) source(s Source, as string, group int, def string) (srcDef, error) {
	if s.As != "" {
		as = s.As
	}
	if as == "" {
		as = def
	}
	xf, ok := transformers[as]
	if !ok {
		return srcDef{}, fmt.Errorf("unknown transformer %q", as)
	}
	sd := srcDef{path: strings.TrimPrefix(s.Path, "$."), as: as, xf: xf}
	var err error
	if sd.when, err = k.cond(s.When); err != nil {
		return sd, err
	}
	if sd.unless, err = k.cond(s.Unless); err != nil {
		return sd, err
	}
	if s.Value != nil {
		if sd.value, err = json.Marshal(s.Value); err != nil {
			return sd, err
		}
	}
	switch {
	case group < 0 || strings.HasPrefix(s.Path, "$."):
		if sd.path == "" {
			return sd, fmt.Errorf("empty path outside a list")
		}
		sd.slot = k.slot(walkCreate(k.c.root, sd.path))
	case s.Path == "":
		sd.local, sd.self = true, true
		sd.slot = k.localSlot(group, "")
	default:
		sd.local = true
		sd.slot = k.localSlot(group, s.Path)
	}
	return sd, nil
}

func (k *compiler) slot(n *node) int32 {
	if n.slot < 0 {
		n.slot = int32(k.c.nslots)
		k.c.nslots++
	}
	return n.slot
}

// localSlot gives the element-relative slot of rel in every list of the group; all the
// lists of one group share the slot numbering.
func (k *compiler) localSlot(group int, rel string) int32 {
	g := k.c.groups[group]
	var slot int32 = -1
	for _, l := range g.lists {
		n := walkCreate(walkCreate(k.c.root, l).each.root, rel)
		switch {
		case n.slot >= 0:
		case slot >= 0:
			n.slot = slot
		default:
			n.slot = int32(g.width)
			g.width++
		}
		slot = n.slot
	}
	return slot
}

func (k *compiler) ref(d *objDef, r Ref) error {
	if r.Prop == "" || len(r.To) == 0 {
		return fmt.Errorf("reference %q needs a name and targets", r.Prop)
	}
	if strings.HasSuffix(r.Prop, "_refs") != r.List {
		return fmt.Errorf("reference %q: a list reference, and only one, ends in _refs", r.Prop)
	}
	var alt refAlt
	for _, to := range r.To {
		i, ok := k.byName[to]
		if !ok {
			return fmt.Errorf("reference %q: unknown object %q", r.Prop, to)
		}
		alt.targets = append(alt.targets, i)
	}
	var err error
	if alt.when, err = k.cond(r.When); err != nil {
		return err
	}
	if alt.unless, err = k.cond(r.Unless); err != nil {
		return err
	}
	for i := range d.refs {
		if d.refs[i].name == r.Prop {
			d.refs[i].alts = append(d.refs[i].alts, alt)
			return nil
		}
	}
	d.refs = append(d.refs, refDef{name: r.Prop, list: r.List, alts: []refAlt{alt}})
	return nil
}
