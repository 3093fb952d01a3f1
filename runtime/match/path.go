package match

import (
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
)

// selectValues returns the values that path selects in the object root of observation o.
// A step that cannot be taken (a missing key, an index out of range, a step into a value of
// the wrong kind, a reference that does not resolve) selects nothing, as in the reference.
func selectValues(o *Observation, root map[string]any, steps []ast.PathStep) []any {
	cur := []any{root}
	for _, st := range steps {
		var next []any
		for _, v := range cur {
			next = step(o, v, st, next)
		}
		if len(next) == 0 {
			return nil
		}
		cur = next
	}
	return cur
}

// step appends to dst what one step selects from v.
func step(o *Observation, v any, st ast.PathStep, dst []any) []any {
	switch st.Kind {
	case ast.KeyStep:
		m, ok := asMap(v)
		if !ok {
			return dst
		}
		x, ok := m[st.Key]
		if !ok {
			return dst
		}
		if x, ok = keyValue(o, st.Key, x); ok {
			dst = append(dst, x)
		}
	case ast.IndexStep:
		// Note: a negative index selects nothing, as in the reference (which bounds the
		// index to 0 <= n < len), although the AST's comment on IndexStep speaks of
		// counting from the end. The compiler widens every [n] to [*], so neither reading
		// loses an event there.
		l, ok := asList(v)
		if ok && st.Index >= 0 && st.Index < len(l) {
			dst = append(dst, l[st.Index])
		}
	case ast.AnyIndexStep:
		l, _ := asList(v)
		dst = append(dst, l...)
	}
	return dst
}

// keyValue applies the suffix rules to the value x of property key: "_hex" and "_bin"
// values become bytes, "_ref" values become the object they name, "_refs" values become
// the list of objects they name (names that do not resolve are dropped).
//
// Limitation: a "_hex" or "_bin" value that does not decode, or a reference that is not a
// string, selects nothing; the reference stops matching with an error instead.
func keyValue(o *Observation, key string, x any) (any, bool) {
	switch {
	case strings.HasSuffix(key, "_hex"):
		s, ok := x.(string)
		if !ok {
			return x, true
		}
		b, err := hex.DecodeString(s)
		return b, err == nil
	case strings.HasSuffix(key, "_bin"):
		s, ok := x.(string)
		if !ok {
			return x, true
		}
		b, err := base64.StdEncoding.DecodeString(s)
		return b, err == nil
	case strings.HasSuffix(key, "_ref"):
		return deref(o, x)
	case strings.HasSuffix(key, "_refs"):
		l, ok := asList(x)
		if !ok {
			return nil, false
		}
		objs := make([]any, 0, len(l))
		for _, r := range l {
			if obj, ok := deref(o, r); ok {
				objs = append(objs, obj)
			}
		}
		return objs, len(objs) > 0
	}
	return x, true
}

// deref resolves a reference against the observation's objects.
func deref(o *Observation, ref any) (any, bool) {
	name, ok := ref.(string)
	if !ok {
		return nil, false
	}
	obj, ok := o.Objects[name]
	if !ok {
		return nil, false
	}
	return obj, true
}

func asMap(v any) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	return m, ok
}

func asList(v any) ([]any, bool) {
	switch l := v.(type) {
	case []any:
		return l, true
	case []string:
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return out, true
	case []map[string]any:
		out := make([]any, len(l))
		for i, m := range l {
			out[i] = m
		}
		return out, true
	}
	return nil, false
}
