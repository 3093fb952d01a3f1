package tostix

import (
	"fmt"
	"strconv"
)

// Warning is a value skipped because of its type or content; the event is still mapped.
type Warning struct {
	Event int    // index of the event in its input, from 0
	Path  string // event path of the value, list elements as [i]
	Msg   string
}

// Error spells the warning as "event N: PATH: MSG".
func (w Warning) Error() string {
	return fmt.Sprintf("event %d: %s: %s", w.Event, w.Path, w.Msg)
}

// result is one mapped event: the objects that exist, with their property values.
type result struct {
	objs     []builtObj
	vals     [][]byte
	first    []int32 // per object definition: index of its first built object, or -1
	count    []int32 // per object definition: how many were built
	bits     uint64  // conditions that hold
	time     []byte  // raw observed time, nil when absent
	warnings []Warning
}

// builtObj is one output object: its definition and its values vals[off:off+len(props)].
type builtObj struct {
	def int32
	off int32
}

func (r *result) reset(ndefs int) {
	r.objs = r.objs[:0]
	r.vals = r.vals[:0]
	r.time = nil
	r.warnings = r.warnings[:0]
	if cap(r.first) < ndefs {
		r.first = make([]int32, ndefs)
		r.count = make([]int32, ndefs)
	}
	r.first, r.count = r.first[:ndefs], r.count[:ndefs]
}

// warn records w unless a warning names its path already: several properties, with
// their own transformers, may read the same path.
func (r *result) warn(w Warning) {
	for _, o := range r.warnings {
		if o.Path == w.Path && w.Path != "(event)" {
			return
		}
	}
	r.warnings = append(r.warnings, w)
}

// values returns the property values of built object i.
func (r *result) values(c *compiled, i int) [][]byte {
	o := r.objs[i]
	return r.vals[o.off : int(o.off)+len(c.objs[o.def].props)]
}

// resolver picks, for every property of every object, the first source with a value.
type resolver struct {
	c     *compiled
	st    *state
	x     *xctx
	r     *result
	index int
}

func (v *resolver) run() {
	c, r := v.c, v.r
	r.reset(len(c.objs))
	for _, w := range v.st.warns {
		r.warn(w.warning(v.index))
	}
	r.bits = evalConds(c, v.st.slots)
	filled := v.filled()
	for di, d := range c.objs {
		r.first[di], r.count[di] = -1, 0
		if d.group < 0 {
			if intersects(d.mask, filled) {
				v.instance(di, d, nil, -1, 0)
			}
			continue
		}
		gs := &v.st.groups[d.group]
		for alt := range gs.alts {
			a := &gs.alts[alt]
			if a.n == 0 {
				continue
			}
			for e := 0; e < a.n; e++ {
				v.instance(di, d, a.slots[e*gs.width:(e+1)*gs.width], alt, e)
			}
			break
		}
	}
	for _, s := range c.time {
		if val := v.source(&s, nil, -1, 0, nil); val != nil {
			r.time = val
			break
		}
	}
}

// filled returns the set of the event slots that hold a value.
func (v *resolver) filled() []uint64 {
	f := v.st.filled[:0]
	var w uint64
	for i, s := range v.st.slots {
		if s != nil {
			w |= 1 << (i % 64)
		}
		if i%64 == 63 {
			f, w = append(f, w), 0
		}
	}
	if len(v.st.slots)%64 != 0 {
		f = append(f, w)
	}
	v.st.filled = f
	return f
}

func intersects(a, b []uint64) bool {
	for i := range a {
		if a[i]&b[i] != 0 {
			return true
		}
	}
	return false
}

// instance resolves one object; it is kept when some property has a value.
func (v *resolver) instance(di int, d *objDef, local [][]byte, alt, elem int) {
	r := v.r
	off := len(r.vals)
	some := false
	for pi := range d.props {
		var val []byte
		for si := range d.props[pi].srcs {
			if val = v.source(&d.props[pi].srcs[si], local, alt, elem, d); val != nil {
				break
			}
		}
		r.vals = append(r.vals, val)
		some = some || val != nil
	}
	if !some {
		r.vals = r.vals[:off]
		return
	}
	if r.first[di] < 0 {
		r.first[di] = int32(len(r.objs))
	}
	r.count[di]++
	r.objs = append(r.objs, builtObj{def: int32(di), off: int32(off)})
}

// source returns the transformed value of one source, or nil. Null and empty values
// ("", [], {}) count as absent.
func (v *resolver) source(s *srcDef, local [][]byte, alt, elem int, d *objDef) []byte {
	var raw []byte
	if s.local {
		raw = local[s.slot]
	} else {
		raw = v.st.slots[s.slot]
	}
	if raw == nil || isEmpty(raw) || !holds(v.r.bits, s.when, s.unless) {
		return nil
	}
	if s.self && (raw[0] == '{' || raw[0] == '[') {
		return nil
	}
	if s.value != nil {
		return s.value
	}
	val, msg := s.xf(v.x, raw)
	if msg != "" {
		v.r.warn(Warning{Event: v.index, Path: v.path(s, alt, elem, d), Msg: msg})
	}
	return val
}

// path spells the event path of a source for a warning.
func (v *resolver) path(s *srcDef, alt, elem int, d *objDef) string {
	if !s.local {
		return s.path
	}
	p := v.c.groups[d.group].lists[alt] + "[" + strconv.Itoa(elem) + "]"
	if s.self {
		return p
	}
	return p + "." + s.path
}

// targets appends the built indices a reference points at.
func (r *result) targets(dst []int32, rd *refDef) []int32 {
	for _, a := range rd.alts {
		if !holds(r.bits, a.when, a.unless) {
			continue
		}
		for _, t := range a.targets {
			f := r.first[t]
			if f < 0 {
				continue
			}
			if !rd.list {
				return append(dst, f)
			}
			for k := int32(0); k < r.count[t]; k++ {
				dst = append(dst, f+k)
			}
		}
	}
	return dst
}
