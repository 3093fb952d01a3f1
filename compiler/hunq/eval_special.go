package hunq

import (
	"fmt"
	"strings"
)

// existsValue reads the value of an EXISTS comparison: true or false, as a boolean or a
// string.
func existsValue(field string, v Value) (bool, error) {
	switch strings.ToLower(v.Text) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("hunq: %s takes true or false, not %s", field, v)
}

// present reports whether an event value counts as present for EXISTS: not null, false,
// "" or an empty array.
func present(x any) bool {
	switch x := x.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	}
	return true
}

// compileExists builds an EXISTS field: guards are paths that prefix another path.
func compileExists(f Field, v Value) (matcher, error) {
	want, err := existsValue(f.Name, v)
	if err != nil {
		return nil, err
	}
	var guards, leaves [][]string
	for _, p := range f.Paths {
		if isGuard(p.Path, f.Paths) {
			guards = append(guards, splitPath(p.Path))
		} else {
			leaves = append(leaves, splitPath(p.Path))
		}
	}
	has := func(e map[string]any, paths [][]string) bool {
		for _, segs := range paths {
			if anyLeaf(e, segs, present) || presentArray(e, segs) {
				return true
			}
		}
		return false
	}
	return func(e map[string]any) bool {
		if has(e, leaves) {
			return want
		}
		return !want && (len(guards) == 0 || has(e, guards))
	}, nil
}

// presentArray reports whether segs leads to a non-empty array (anyLeaf tests its elements).
func presentArray(e map[string]any, segs []string) bool {
	v, ok := lookup(e, segs)
	arr, isArr := v.([]any)
	return ok && isArr && len(arr) > 0
}

func isGuard(path string, paths []FieldPath) bool {
	for _, p := range paths {
		if strings.HasPrefix(p.Path, path+".") {
			return true
		}
	}
	return false
}

// compileDirection builds ip.src or ip.dst: the source is localAddr unless outbound is
// present and falsy (false, 0 or null), as the event-to-STIX mapping swaps the addresses.
func compileDirection(f Field, v Value) (matcher, error) {
	var local, remote, outbound []string
	for _, p := range f.Paths {
		segs := splitPath(p.Path)
		switch segs[len(segs)-1] {
		case "localAddr":
			local = segs
		case "remoteAddr":
			remote = segs
		case "outbound":
			outbound = segs
		}
	}
	if local == nil || remote == nil || outbound == nil {
		return nil, fmt.Errorf("hunq: field %s needs localAddr, remoteAddr and outbound",
			f.Name)
	}
	test := termTest(v)
	wantSource := f.Direction == Source
	return func(e map[string]any) bool {
		o, ok := lookup(e, outbound)
		inbound := ok && !truthy(o)
		if inbound == wantSource {
			return anyLeaf(e, remote, test)
		}
		return anyLeaf(e, local, test)
	}, nil
}

func truthy(x any) bool {
	if f, ok := number(x); ok {
		if _, isStr := x.(string); !isStr {
			return f != 0
		}
	}
	return present(x)
}
