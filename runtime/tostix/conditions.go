package tostix

import (
	"fmt"
	"strings"
)

// Conditions documents the predicates that a Source or Ref may require (When) or exclude
// (Unless):
//
//   - "inbound": payload.data.outbound is present and false (or 0);
//   - "swap": inbound, and the event is a raw Hunt API event (it has payload.data.localAddr
//     or payload.data.remoteAddr, or a numeric payload.data.addressFamily). A raw event
//     names the endpoint "local"; STIX names the initiator "src", so an inbound raw event
//     swaps them. An event rewritten by the stix-shifter connector is already swapped;
//     it never matches;
//   - "present:PATH": the event has a value at PATH that is not null, "", [] or {}.
const Conditions = "inbound, swap, present:PATH"

// maxConds bounds the conditions of one table: they are evaluated into a 64-bit set.
const maxConds = 64

// condDef is a compiled condition: a built-in one, or presence of the value at slot.
type condDef struct {
	name string
	slot int32
}

// The slots of the paths the built-in conditions read.
type builtinSlots struct{ outbound, local, remote, family int32 }

var builtinPaths = []string{
	"payload.data.outbound", "payload.data.localAddr", "payload.data.remoteAddr",
	"payload.data.addressFamily",
}

// builtinConds registers "inbound" (bit 0) and "swap" (bit 1) and the paths they read.
func (k *compiler) builtinConds() {
	s := make([]int32, len(builtinPaths))
	for i, p := range builtinPaths {
		s[i] = k.slot(walkCreate(k.c.root, p))
	}
	k.c.conds = []condDef{{name: "inbound", slot: s[0]}, {name: "swap", slot: s[0]}}
	k.c.builtin = builtinSlots{s[0], s[1], s[2], s[3]}
}

// cond returns the index + 1 of a named condition, 0 for "".
func (k *compiler) cond(name string) (int, error) {
	if name == "" {
		return 0, nil
	}
	for i, c := range k.c.conds {
		if c.name == name {
			return i + 1, nil
		}
	}
	path, ok := strings.CutPrefix(name, "present:")
	if !ok || path == "" {
		return 0, fmt.Errorf("unknown condition %q (known: %s)", name, Conditions)
	}
	if len(k.c.conds) == maxConds {
		return 0, fmt.Errorf("condition %q: more than %d conditions", name, maxConds)
	}
	k.c.conds = append(k.c.conds, condDef{name: name,
		slot: k.slot(walkCreate(k.c.root, path))})
	return len(k.c.conds), nil
}

// evalConds computes the set of the conditions that hold for the walked event.
func evalConds(c *compiled, slots [][]byte) uint64 {
	var bits uint64
	b := c.builtin
	if out := slots[b.outbound]; out != nil && isFalsy(out) {
		bits |= 1 << 0
		fam := slots[b.family]
		if slots[b.local] != nil || slots[b.remote] != nil || (fam != nil && isNumber(fam)) {
			bits |= 1 << 1
		}
	}
	for i := 2; i < len(c.conds); i++ {
		if v := slots[c.conds[i].slot]; v != nil && !isEmpty(v) {
			bits |= 1 << i
		}
	}
	return bits
}

func isFalsy(raw []byte) bool {
	switch string(raw) {
	case "false", "0", `"false"`:
		return true
	}
	return false
}

func isNumber(raw []byte) bool {
	return len(raw) > 0 && (raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9'))
}

// isEmpty reports whether a raw value is "", an empty list or an empty dictionary.
func isEmpty(raw []byte) bool {
	switch raw[0] {
	case '"':
		return len(raw) == 2
	case '[', '{':
		return skipSpace(raw, 1) == len(raw)-1
	}
	return false
}

// holds reports whether a source or reference with these conditions applies.
func holds(bits uint64, when, unless int) bool {
	if when > 0 && bits&(1<<(when-1)) == 0 {
		return false
	}
	return unless == 0 || bits&(1<<(unless-1)) == 0
}
