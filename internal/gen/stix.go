package gen

import "strings"

// Values returns the values that the property ("type:path" in the field map's canonical
// notation, see mapping.CanonicalPath) takes in the objects of one observed-data, keyed
// as match.Observation's are: references (*_ref, *_refs) resolve against the keys, and
// [*] steps go into every element of a list.
func Values(objs map[string]map[string]any, prop string) []any {
	return values(objs, sortedKeys(objs), prop)
}

// values is Values with the objects' keys, sorted, given.
func values(objs map[string]map[string]any, keys []string, prop string) []any {
	typ, path, ok := strings.Cut(prop, ":")
	if !ok {
		return nil
	}
	steps := splitSteps(path)
	var out []any
	for _, id := range keys {
		if o := objs[id]; o["type"] == typ {
			out = appendValues(out, objs, o, steps)
		}
	}
	return out
}

// splitSteps splits a canonical path into keys (unquoted) and "[*]".
func splitSteps(path string) []string {
	var steps []string
	for path != "" {
		switch {
		case strings.HasPrefix(path, "[*]"):
			steps, path = append(steps, "[*]"), path[3:]
		case path[0] == '.':
			path = path[1:]
		case path[0] == '\'':
			end := strings.IndexByte(path[1:], '\'') + 1
			if end == 0 {
				return nil
			}
			steps, path = append(steps, path[1:end]), path[end+1:]
		default:
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			steps, path = append(steps, path[:end]), path[end:]
		}
	}
	return steps
}

func appendValues(out []any, objs map[string]map[string]any, v any, steps []string) []any {
	if len(steps) == 0 {
		return append(out, v)
	}
	if steps[0] == "[*]" {
		l, _ := v.([]any)
		for _, el := range l {
			out = appendValues(out, objs, el, steps[1:])
		}
		return out
	}
	m, ok := v.(map[string]any)
	if !ok {
		return out
	}
	x, ok := m[steps[0]]
	if !ok {
		return out
	}
	switch {
	case strings.HasSuffix(steps[0], "_ref"):
		if ref, ok := x.(string); ok && objs[ref] != nil {
			out = appendValues(out, objs, objs[ref], steps[1:])
		}
		return out
	case strings.HasSuffix(steps[0], "_refs"):
		if len(steps) < 2 || steps[1] != "[*]" {
			return out
		}
		l, _ := x.([]any)
		for _, r := range l {
			if ref, ok := r.(string); ok && objs[ref] != nil {
				out = appendValues(out, objs, objs[ref], steps[2:])
			}
		}
		return out
	}
	return appendValues(out, objs, x, steps[1:])
}
