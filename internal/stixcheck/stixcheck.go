// Package stixcheck checks, for tests, that output is valid STIX of its version: that a
// bundle and its observed-data carry their required properties in the right form, and
// that every reference resolves to an object that exists.
//
// It checks what the STIX 2.0 and 2.1 specifications require of bundles, identities,
// observed-data and cyber-observable objects; it does not check the vocabulary of every
// property of every object type.
package stixcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

var (
	idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*--` +
		`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	timestampPattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$`)
	typePattern      = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*[a-z0-9]$`)
)

// Bundle checks one bundle, of the version its spec_version says (a 2.0 bundle has
// spec_version "2.0"; a 2.1 bundle has none). It returns every problem found.
func Bundle(data []byte) error {
	var b map[string]any
	if err := decode(data, &b); err != nil {
		return fmt.Errorf("bundle: %w", err)
	}
	var c checker
	c.bundle(b)
	return c.err()
}

// Objects checks a stream of JSON lines holding the objects of a bundle of the given
// version ("2.0" or "2.1"), in the order a bundle would hold them.
func Objects(data []byte, version string) error {
	var c checker
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var objs []any
	for dec.More() {
		var o any
		if err := dec.Decode(&o); err != nil {
			return fmt.Errorf("line %d: %w", len(objs)+1, err)
		}
		objs = append(objs, o)
	}
	c.objects(objs, version)
	return c.err()
}

func decode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("text after the JSON value")
	}
	return nil
}

// checker collects problems.
type checker struct{ problems []string }

func (c *checker) addf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *checker) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	return errors.New(strings.Join(c.problems, "\n"))
}

func (c *checker) bundle(b map[string]any) {
	if b["type"] != "bundle" {
		c.addf("bundle: type is %v, want bundle", b["type"])
	}
	c.id("bundle", b, "bundle")
	version := "2.1"
	if v, ok := b["spec_version"]; ok {
		if v != "2.0" {
			c.addf("bundle: spec_version %v: a 2.0 bundle says 2.0, a 2.1 bundle nothing", v)
		}
		version = "2.0"
	}
	objs, ok := b["objects"].([]any)
	if !ok {
		c.addf("bundle: objects is not a list")
		return
	}
	c.objects(objs, version)
}

// objects checks the objects of a bundle: identities, observed-data and, in 2.1, the
// cyber-observable objects they reference.
func (c *checker) objects(objs []any, version string) {
	byID := map[string]map[string]any{}
	for i, o := range objs {
		m, ok := o.(map[string]any)
		if !ok {
			c.addf("object %d is not an object", i)
			continue
		}
		id, _ := m["id"].(string)
		if _, dup := byID[id]; dup {
			c.addf("object %d: id %s appears twice", i, id)
		}
		byID[id] = m
	}
	for i, o := range objs {
		m, ok := o.(map[string]any)
		if !ok {
			continue
		}
		where := fmt.Sprintf("object %d (%v)", i, m["type"])
		if version == "2.1" && m["spec_version"] != "2.1" {
			c.addf("%s: spec_version is %v, want 2.1", where, m["spec_version"])
		}
		switch m["type"] {
		case "identity":
			c.common(where, m)
			c.required(where, m, "name")
		case "observed-data":
			c.common(where, m)
			c.observedData(where, m, version, byID)
		default:
			if version == "2.0" {
				c.addf("%s: a 2.0 bundle holds only SDOs", where)
			}
			c.sco(where, m)
			c.refs21(where, m, byID)
		}
	}
}

// common checks the properties every SDO has.
func (c *checker) common(where string, m map[string]any) {
	c.id(where, m, m["type"].(string))
	for _, k := range []string{"created", "modified"} {
		c.timestamp(where, m, k)
	}
}

func (c *checker) id(where string, m map[string]any, typ string) {
	id, ok := m["id"].(string)
	if !ok || !idPattern.MatchString(id) || !strings.HasPrefix(id, typ+"--") {
		c.addf("%s: id %v is not %s--UUID", where, m["id"], typ)
	}
}

func (c *checker) timestamp(where string, m map[string]any, k string) {
	s, ok := m[k].(string)
	if !ok || !timestampPattern.MatchString(s) {
		c.addf("%s: %s is %v, not a UTC timestamp", where, k, m[k])
	}
}

func (c *checker) required(where string, m map[string]any, keys ...string) {
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			c.addf("%s: no %s", where, k)
		}
	}
}

func (c *checker) observedData(where string, m map[string]any, version string,
	byID map[string]map[string]any) {
	c.timestamp(where, m, "first_observed")
	c.timestamp(where, m, "last_observed")
	if n, ok := m["number_observed"].(json.Number); !ok || n.String() == "0" ||
		strings.HasPrefix(n.String(), "-") {
		c.addf("%s: number_observed is %v, want a positive integer", where, m["number_observed"])
	}
	if ref, ok := m["created_by_ref"].(string); ok {
		if byID[ref] == nil {
			c.addf("%s: created_by_ref %s resolves to nothing", where, ref)
		}
	}
	if version == "2.0" {
		c.objects20(where, m)
		return
	}
	refs, ok := m["object_refs"].([]any)
	if !ok || len(refs) == 0 {
		c.addf("%s: object_refs is not a list of ids", where)
	}
	for _, r := range refs {
		if s, _ := r.(string); byID[s] == nil {
			c.addf("%s: object_refs names %v, which the bundle lacks", where, r)
		}
	}
}

// objects20 checks the objects dictionary of a 2.0 observed-data: keys "0", "1", ...,
// each an SCO whose references name keys of the same dictionary.
func (c *checker) objects20(where string, m map[string]any) {
	objs, ok := m["objects"].(map[string]any)
	if !ok || len(objs) == 0 {
		c.addf("%s: objects is not a dictionary of objects", where)
		return
	}
	keys := make([]string, 0, len(objs))
	for k := range objs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		o, ok := objs[k].(map[string]any)
		w := where + " object " + k
		if !ok {
			c.addf("%s is not an object", w)
			continue
		}
		c.sco(w, o)
		walkRefs(o, func(prop, ref string) {
			if _, ok := objs[ref]; !ok {
				c.addf("%s: %s names %q, which objects lacks", w, prop, ref)
			}
		})
	}
}

// sco checks that a cyber-observable object has a type (and, in 2.1, an id of it).
func (c *checker) sco(where string, o map[string]any) {
	typ, ok := o["type"].(string)
	if !ok || !typePattern.MatchString(typ) {
		c.addf("%s: type %v is not a STIX type name", where, o["type"])
	}
	for k, v := range o {
		if v == nil {
			c.addf("%s: %s is null", where, k)
		}
	}
}

// refs21 checks a 2.1 SCO: its id, and that its references name objects of the bundle.
func (c *checker) refs21(where string, o map[string]any, byID map[string]map[string]any) {
	if typ, ok := o["type"].(string); ok {
		c.id(where, o, typ)
	}
	walkRefs(o, func(prop, ref string) {
		if byID[ref] == nil {
			c.addf("%s: %s names %s, which the bundle lacks", where, prop, ref)
		}
	})
}

// walkRefs calls f with every reference in o and its nested dictionaries: the string
// values of properties named *_ref and the members of lists named *_refs.
func walkRefs(o map[string]any, f func(prop, ref string)) {
	for k, v := range o {
		switch v := v.(type) {
		case string:
			if strings.HasSuffix(k, "_ref") {
				f(k, v)
			}
		case []any:
			if strings.HasSuffix(k, "_refs") {
				for _, r := range v {
					s, _ := r.(string)
					f(k, s)
				}
			}
		case map[string]any:
			walkRefs(v, f)
		}
	}
}
