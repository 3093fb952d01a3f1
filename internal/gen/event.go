package gen

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/stix2hunq/stix2hunq/runtime/emulator/sample"
	"pgregory.net/rapid"
)

// Event draws a raw Hunt API event as encoding/json decodes it: half of the time a
// realistic event of package sample, otherwise an envelope, then with up to eight of the
// universe's paths set to drawn values and up to two of its values removed. Its
// happenedAt is drawn by the same rule for both (see Now).
func (u *Universe) Event(t *rapid.T) map[string]any {
	var ev map[string]any
	if rapid.Bool().Draw(t, "realistic") {
		seed := rapid.Uint64().Draw(t, "sample seed")
		ev = sample.Generate(sample.Options{Seed: seed, Count: 1, Now: Now})[0]
	} else {
		ev = map[string]any{"eventId": "847102109500309505", "endpointId": "842028663686823936",
			"payload": map[string]any{"eventType": value(t, kindInt)}}
	}
	ev = normal(ev)
	if rapid.IntRange(0, 15).Draw(t, "no time") > 0 {
		ev["happenedAt"] = timeValue(t)
	}
	for range rapid.IntRange(0, 8).Draw(t, "set") {
		paths := u.Paths
		if rapid.Bool().Draw(t, "typed path") {
			paths = u.typed
		}
		p := rapid.SampledFrom(paths).Draw(t, "path")
		set(t, ev, p, func() any { return value(t, kindOfPath(p)) })
	}
	for range rapid.IntRange(0, 2).Draw(t, "remove") {
		if leaves := leafPaths(ev, ""); len(leaves) > 0 {
			remove(ev, strings.Split(rapid.SampledFrom(leaves).Draw(t, "removed"), "."))
		}
	}
	return ev
}

// normal returns v as encoding/json decodes it: numbers float64, lists []any.
func normal(v map[string]any) map[string]any {
	b, err := json.Marshal(v)
	if err != nil {
		panic("gen: an event does not encode: " + err.Error())
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		panic("gen: an event does not decode: " + err.Error())
	}
	return out
}

// set writes a drawn value at path, creating the objects on the way. A step "list[]"
// makes list a list of one object (or, at the end of the path, of scalars) unless it is
// a list already, and continues in every element.
func set(t *rapid.T, m map[string]any, path string, draw func() any) {
	key, rest, more := strings.Cut(path, ".")
	name, isList := strings.CutSuffix(key, "[]")
	switch {
	case isList && !more:
		m[name] = listOf(t, draw)
	case isList:
		l, ok := m[name].([]any)
		if !ok || len(l) == 0 {
			l = []any{map[string]any{}}
			m[name] = l
		}
		for i, el := range l {
			sub, ok := el.(map[string]any)
			if !ok {
				sub = map[string]any{}
				l[i] = sub
			}
			set(t, sub, rest, draw)
		}
	case !more:
		m[name] = draw()
	default:
		sub, ok := m[name].(map[string]any)
		if !ok {
			sub = map[string]any{}
			m[name] = sub
		}
		set(t, sub, rest, draw)
	}
}

// leafPaths lists, sorted, the dotted paths of the scalar and list values under m.
func leafPaths(m map[string]any, prefix string) []string {
	var out []string
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok && len(sub) > 0 {
			out = append(out, leafPaths(sub, prefix+k+".")...)
			continue
		}
		out = append(out, prefix+k)
	}
	sort.Strings(out)
	return out
}

func remove(m map[string]any, segs []string) {
	if len(segs) == 1 {
		delete(m, segs[0])
		return
	}
	if sub, ok := m[segs[0]].(map[string]any); ok {
		remove(sub, segs[1:])
	}
}

// Set writes v at path in ev, creating the objects on the way; a step "list[]" makes a
// list of one object, or at the end of the path a list holding v.
func Set(ev map[string]any, path string, v any) {
	key, rest, more := strings.Cut(path, ".")
	name, isList := strings.CutSuffix(key, "[]")
	switch {
	case isList && !more:
		ev[name] = []any{v}
	case isList:
		sub := map[string]any{}
		ev[name] = []any{sub}
		Set(sub, rest, v)
	case !more:
		ev[name] = v
	default:
		sub, ok := ev[name].(map[string]any)
		if !ok {
			sub = map[string]any{}
			ev[name] = sub
		}
		Set(sub, rest, v)
	}
}
