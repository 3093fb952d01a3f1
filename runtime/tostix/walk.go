package tostix

import (
	"strconv"
	"strings"
)

// state is the scratch of one event: the raw values captured at the table's paths.
type state struct {
	slots  [][]byte
	filled []uint64 // the slots that hold a value, set by the resolver
	groups []groupState
	warns  []shapeWarning
}

// groupState holds, per list of an Each group, the slots of every element walked.
type groupState struct {
	width int
	alts  []altState
}

type altState struct {
	n     int
	slots [][]byte
}

// shapeWarning is a value whose kind leaves the table's paths below it unreachable.
type shapeWarning struct {
	path string // node path; "[]" stands for the element index
	elem int
	want string
	got  byte
}

func (w shapeWarning) warning(index int) Warning {
	p := w.path
	if w.elem >= 0 {
		p = strings.Replace(p, "[]", "["+strconv.Itoa(w.elem)+"]", 1)
	}
	return Warning{Event: index, Path: p, Msg: "want " + w.want + ", got " + kindOf([]byte{w.got})}
}

func newState(c *compiled) *state {
	st := &state{slots: make([][]byte, c.nslots)}
	for _, g := range c.groups {
		st.groups = append(st.groups, groupState{width: g.width,
			alts: make([]altState, len(g.lists))})
	}
	return st
}

func (st *state) reset() {
	clear(st.slots)
	st.warns = st.warns[:0]
	for gi := range st.groups {
		g := &st.groups[gi]
		for ai := range g.alts {
			a := &g.alts[ai]
			clear(a.slots[:a.n*g.width])
			a.n = 0
		}
	}
}

// element returns the slots of a new element of list alt of group g.
func (st *state) element(g, alt int) [][]byte {
	gs := &st.groups[g]
	a := &gs.alts[alt]
	need := (a.n + 1) * gs.width
	if need > len(a.slots) {
		grown := make([][]byte, need*2)
		copy(grown, a.slots)
		a.slots = grown
	}
	s := a.slots[a.n*gs.width : need : need]
	a.n++
	return s
}

// walker reads one event's bytes along the trie, skipping every subtree the trie does not
// name and capturing the raw values at its slots.
type walker struct {
	b    []byte
	st   *state
	elem int // index of the list element being walked, -1 outside lists
}

// event walks the top-level value at b[i:], which must be an object for values to be
// captured; it returns the offset after the value.
func (w *walker) event(root *node, i int) (int, error) {
	w.elem = -1
	if i < len(w.b) && w.b[i] == '{' {
		return w.object(i, root, w.st.slots, 0)
	}
	return skipValue(w.b, i, 0)
}

func (w *walker) object(i int, n *node, slots [][]byte, depth int) (int, error) {
	if depth >= maxDepth {
		return i, &scanErr{i, "nesting too deep"}
	}
	b := w.b
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return i, bad(b, i, "expected a string key")
		}
		kend, esc, err := scanString(b, i)
		if err != nil {
			return kend, err
		}
		var child *node
		if esc {
			child = n.kids[peek(b[i:kend])]
		} else {
			child = n.kids[string(b[i+1:kend-1])]
		}
		i = skipSpace(b, kend)
		if i >= len(b) || b[i] != ':' {
			return i, bad(b, i, "expected ':' after a key")
		}
		i = skipSpace(b, i+1)
		if child == nil {
			i, err = skipValue(b, i, depth+1)
		} else {
			i, err = w.value(i, child, slots, depth+1)
		}
		if err != nil {
			return i, err
		}
		var done bool
		if i, done, err = nextMember(b, i, '}'); err != nil || done {
			return i, err
		}
	}
}

func (w *walker) value(i int, n *node, slots [][]byte, depth int) (int, error) {
	if i >= len(w.b) {
		return i, errShort
	}
	var end int
	var err error
	switch c := w.b[i]; {
	case c == '{' && n.kids != nil:
		end, err = w.object(i, n, slots, depth)
	case c == '[' && n.each != nil:
		end, err = w.list(i, n.each, depth)
	default:
		end, err = skipValue(w.b, i, depth)
		if err == nil && n.slot < 0 && c != 'n' && !isEmpty(w.b[i:end]) {
			w.shape(n, c)
		}
	}
	if err == nil && n.slot >= 0 {
		if w.b[i] == 'n' {
			slots[n.slot] = nil
		} else {
			slots[n.slot] = w.b[i:end:end]
		}
	}
	return end, err
}

// shape records a value that cannot hold the paths the table reads below it.
func (w *walker) shape(n *node, c byte) {
	want := "an object"
	if n.each != nil {
		want = "a list"
	}
	w.st.warns = append(w.st.warns, shapeWarning{path: n.path, elem: w.elem, want: want, got: c})
}

// list walks the elements of an Each list, each with fresh element slots.
func (w *walker) list(i int, e *eachList, depth int) (int, error) {
	if depth >= maxDepth {
		return i, &scanErr{i, "nesting too deep"}
	}
	b := w.b
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return i + 1, nil
	}
	defer func() { w.elem = -1 }()
	for k := 0; ; k++ {
		var err error
		if i >= len(b) {
			return i, errShort
		}
		w.elem = k
		if b[i] == 'n' {
			i, err = skipValue(b, i, depth+1)
		} else {
			i, err = w.value(i, e.root, w.st.element(e.group, e.alt), depth+1)
		}
		if err != nil {
			return i, err
		}
		var done bool
		if i, done, err = nextMember(b, i, ']'); err != nil || done {
			return i, err
		}
	}
}
