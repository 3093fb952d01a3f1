package mapping

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"iter"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

//go:embed stix.map
var defaultText string

// Entry maps one STIX property to the HunQ fields that search it.
type Entry struct {
	Object   string   // STIX object type, such as "network-traffic"
	Property string   // canonical property path, such as "src_ref.value"
	Fields   []string // HunQ field names; the comparison searches them joined by OR
	// Single is true when the property holds at most one value per object. A negated
	// comparison is exact only on a single-valued property mapped to one single-path field.
	Single bool
	// Wide is true when the fields also search event values that are not this property,
	// so a match does not prove the comparison: the result is inexact.
	Wide bool
	// Kind is the kind of the property's values; only a literal of that kind compares
	// exactly.
	Kind ValueKind
	// Present is true for a property that events carry but that no field searches as STIX
	// writes it: Fields is empty and every comparison widens instead of being false.
	Present bool
}

// ValueKind is the JSON kind of a property's values in the STIX objects events map to.
type ValueKind uint8

// The value kinds.
const (
	KindString ValueKind = iota // the default
	KindInt                     // @int
	KindBool                    // @bool
	KindIPv4                    // @ipv4: strings that are IPv4 addresses
	KindIPv6                    // @ipv6: strings that are IPv6 addresses
)

var kindNames = [...]string{"string", "int", "bool", "ipv4", "ipv6"}

// String names the kind as the map file's flag does, or "string".
func (k ValueKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "string"
}

// Key returns "object:property".
func (e Entry) Key() string { return e.Object + ":" + e.Property }

// Map is a STIX -> HunQ field map, read-only once built.
type Map struct {
	entries []Entry // sorted by Key
	index   map[string]int
}

// Default returns the embedded map.
var Default = sync.OnceValue(func() *Map {
	m, err := Load(strings.NewReader(defaultText))
	if err != nil {
		panic("mapping: embedded map: " + err.Error())
	}
	return m
})

// Lookup returns the entry for a STIX object type and property path. The path need not be
// canonical (see CanonicalPath).
func (m *Map) Lookup(object, property string) (Entry, bool) {
	p, err := CanonicalPath(property)
	if err != nil {
		return Entry{}, false
	}
	i, ok := m.index[object+":"+p]
	if !ok {
		return Entry{}, false
	}
	return m.entries[i], true
}

// Len returns the number of entries.
func (m *Map) Len() int { return len(m.entries) }

// All yields the entries in order of object type, then property path.
func (m *Map) All() iter.Seq[Entry] {
	return func(yield func(Entry) bool) {
		for _, e := range m.entries {
			if !yield(e) {
				return
			}
		}
	}
}

// Check returns an error naming every field of the map that c lacks.
func (m *Map) Check(c *hunq.Catalog) error {
	var missing []string
	for _, e := range m.entries {
		for _, f := range e.Fields {
			if _, ok := c.Lookup(f); !ok {
				missing = append(missing, e.Key()+" -> "+f)
			}
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("mapping: fields missing from the HunQ catalogue: %s",
			strings.Join(missing, ", "))
	}
	return nil
}

// Extend returns a map holding m's entries with those of overlay added: an overlay entry
// replaces the entry of m for the same property, and an overlay removal deletes it.
func (m *Map) Extend(overlay *Overlay) *Map {
	byKey := map[string]Entry{}
	for _, e := range m.entries {
		byKey[e.Key()] = e
	}
	for _, e := range overlay.set {
		byKey[e.Key()] = e
	}
	for _, k := range overlay.removed {
		delete(byKey, k)
	}
	entries := make([]Entry, 0, len(byKey))
	for _, e := range byKey {
		entries = append(entries, e)
	}
	return build(entries)
}

func build(entries []Entry) *Map {
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].Object != entries[j].Object {
			return entries[i].Object < entries[j].Object
		}
		return entries[i].Property < entries[j].Property
	})
	m := &Map{entries: entries, index: make(map[string]int, len(entries))}
	for i, e := range entries {
		m.index[e.Key()] = i
	}
	return m
}

// Overlay is a parsed map file: entries to set and properties to remove.
type Overlay struct {
	set     []Entry
	removed []string
	replace bool
}

// Load reads a whole map in the format of the embedded stix.map. A removal line is an
// error here, since there is nothing to remove from.
func Load(r io.Reader) (*Map, error) {
	o, err := ReadOverlay(r)
	if err != nil {
		return nil, err
	}
	if len(o.removed) > 0 {
		return nil, fmt.Errorf("mapping: %s: removal in a whole map", o.removed[0])
	}
	return build(o.set), nil
}

// LoadFile reads the map file at path and applies it to base: a file whose first
// non-comment line is `@replace` replaces base, any other file extends it (see Extend).
func LoadFile(base *Map, path string) (*Map, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	defer f.Close()
	o, err := ReadOverlay(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if o.replace {
		base = build(nil)
	}
	return base.Extend(o), nil
}

// ReadOverlay reads a map file: lines `OBJECT:PROPERTY [FLAG...] FIELD...` with the flags
// @many, @wide, @int, @bool, @ipv4, @ipv6 and @present (see the embedded stix.map), removals
// `OBJECT:PROPERTY -`, an optional `@replace` line, blank lines and # comments.
func ReadOverlay(r io.Reader) (*Overlay, error) {
	o := &Overlay{}
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		switch {
		case text == "" || text[0] == '#':
			continue
		case text == "@replace":
			o.replace = true
			continue
		}
		e, remove, err := parseLine(text)
		if err != nil {
			return nil, fmt.Errorf("mapping: line %d: %w", line, err)
		}
		if prev, dup := seen[e.Key()]; dup {
			return nil, fmt.Errorf("mapping: line %d: %s already mapped on line %d",
				line, e.Key(), prev)
		}
		seen[e.Key()] = line
		if remove {
			o.removed = append(o.removed, e.Key())
		} else {
			o.set = append(o.set, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	return o, nil
}

func parseLine(text string) (Entry, bool, error) {
	words := strings.Fields(text)
	object, property, ok := strings.Cut(words[0], ":")
	if !ok || object == "" {
		return Entry{}, false, fmt.Errorf("%q: want OBJECT:PROPERTY", words[0])
	}
	p, err := CanonicalPath(property)
	if err != nil {
		return Entry{}, false, err
	}
	e := Entry{Object: object, Property: p, Single: true}
	if len(words) == 2 && words[1] == "-" {
		return e, true, nil
	}
	for _, w := range words[1:] {
		if err := e.addWord(w); err != nil {
			return Entry{}, false, err
		}
	}
	switch {
	case e.Present && len(e.Fields) > 0:
		return Entry{}, false, fmt.Errorf("%s: @present takes no HunQ field", e.Key())
	case !e.Present && len(e.Fields) == 0:
		return Entry{}, false, fmt.Errorf("%s: no HunQ field", e.Key())
	}
	return e, false, nil
}

// addWord applies one flag or field name of a map line.
func (e *Entry) addWord(w string) error {
	switch w {
	case "@many":
		e.Single = false
	case "@wide":
		e.Wide = true
	case "@int":
		e.Kind = KindInt
	case "@bool":
		e.Kind = KindBool
	case "@ipv4":
		e.Kind = KindIPv4
	case "@ipv6":
		e.Kind = KindIPv6
	case "@present":
		e.Present = true
	default:
		if strings.HasPrefix(w, "@") {
			return fmt.Errorf("unknown flag %s", w)
		}
		e.Fields = append(e.Fields, w)
	}
	return nil
}
