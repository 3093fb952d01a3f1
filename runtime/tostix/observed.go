package tostix

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
)

// ObservedData is one event mapped to STIX: an observed-data with its objects. It owns
// its data. Its match form is
//
//	match.Observation{ID: od.ID, First: od.First, Last: od.Last, Count: 1, Objects: od.Objects()}
type ObservedData struct {
	// ID is "observed-data--" and a random UUID.
	ID string
	// Index is the position of the event in its input, from 0.
	Index int
	// First and Last are first_observed and last_observed: the event's happenedAt, or
	// Created when it has none.
	First, Last time.Time
	// Created is the created and modified time of the observed-data.
	Created time.Time
	// Warnings lists the values skipped because of their type or content.
	Warnings []Warning

	c       *compiled
	res     result
	arena   []byte
	ids     []string // 2.1: one id per built object
	det     []bool   // 2.1: the id is deterministic
	uniq    []int32  // 2.1: the built objects with distinct ids, in order
	first   []byte   // first_observed as written, a JSON string
	created string
}

// Version returns the STIX version of the observed-data.
func (od *ObservedData) Version() Version { return od.c.version }

// Len returns the number of objects (in 2.1, of distinct ids).
func (od *ObservedData) Len() int {
	if od.c.version == STIX21 {
		return len(od.uniq)
	}
	return len(od.res.objs)
}

// ObjectIDs returns the 2.1 ids of the objects, in order (the observed-data's
// object_refs), or nil for 2.0.
func (od *ObservedData) ObjectIDs() []string {
	if od.c.version != STIX21 {
		return nil
	}
	out := make([]string, len(od.uniq))
	for i, u := range od.uniq {
		out[i] = od.ids[u]
	}
	return out
}

// Objects returns the objects as generic JSON values, for the STIX pattern matcher: keyed
// by their index ("0", "1", ...) with references as index strings in 2.0, by their id with
// references as ids in 2.1. Strings are string, integers int64, other numbers float64,
// booleans bool, lists []any and dictionaries map[string]any.
func (od *ObservedData) Objects() map[string]map[string]any {
	out := make(map[string]map[string]any, od.Len())
	e := od.encoder()
	for i := range od.res.objs {
		key := strconv.Itoa(i)
		if e.ids != nil {
			if key = e.ids[i]; out[key] != nil {
				continue
			}
		}
		d := od.c.objs[od.res.objs[i].def]
		obj := map[string]any{"type": d.typ}
		if e.ids != nil {
			obj["id"], obj["spec_version"] = key, "2.1"
		}
		fillProps(obj, d.emit, od.res.values(od.c, i))
		for ri := range d.refs {
			e.fillRef(obj, &d.refs[ri])
		}
		out[key] = obj
	}
	return out
}

func (od *ObservedData) encoder() *encoder {
	e := &encoder{c: od.c, r: &od.res}
	if od.c.version == STIX21 {
		e.ids = od.ids
	}
	return e
}

func (e *encoder) fillRef(obj map[string]any, rd *refDef) {
	e.refs = e.r.targets(e.refs[:0], rd)
	if len(e.refs) == 0 {
		return
	}
	name := func(t int32) string {
		if e.ids != nil {
			return e.ids[t]
		}
		return strconv.Itoa(int(t))
	}
	if !rd.list {
		obj[rd.name] = name(e.refs[0])
		return
	}
	l := make([]any, 0, len(e.refs))
	for k, t := range e.refs {
		if e.ids == nil || !e.seenID(k) {
			l = append(l, name(t))
		}
	}
	obj[rd.name] = l
}

func fillProps(obj map[string]any, nodes []*emitNode, vals [][]byte) {
	for _, n := range nodes {
		if n.prop >= 0 {
			if v := vals[n.prop]; v != nil {
				obj[n.key] = decodeValue(v)
			}
			continue
		}
		sub := map[string]any{}
		fillProps(sub, n.kids, vals)
		switch {
		case len(sub) == 0:
		case n.list:
			obj[n.key] = []any{sub}
		default:
			obj[n.key] = sub
		}
	}
}

// decodeValue decodes a raw JSON value with integers as int64.
func decodeValue(raw []byte) any {
	switch raw[0] {
	case '"':
		return unquote(raw)
	case 't':
		return true
	case 'f':
		return false
	}
	if i, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
		return i
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return nil
	}
	return numbers(v)
}

func numbers(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case []any:
		for i := range v {
			v[i] = numbers(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = numbers(v[k])
		}
	}
	return v
}
