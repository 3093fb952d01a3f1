package hunq

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"iter"
	"sort"
	"strings"
	"sync"
)

//go:embed fields.txt
var fieldsText string

// Direction marks a field that reads one end of a network connection.
type Direction uint8

// The directions. The source of a connection is its localAddr, or its remoteAddr when
// payload.data.outbound is present and false (an inbound connection); the destination is
// the other address.
const (
	NoDirection Direction = iota
	Source
	Destination
)

// FieldPath is one event JSON path a field reads, relative to the event (for example
// payload.data.localPort), and how the path is matched.
type FieldPath struct {
	Path string
	Kind MatchKind
}

// Field is one HunQ field of the catalogue.
type Field struct {
	Name      string
	Kind      MatchKind   // the field's own kind
	Paths     []FieldPath // in catalogue order; a comparison holds if it holds on one path
	Direction Direction   // Source or Destination for ip.src and ip.dst
	Note      string      // a known oddity of the field, or ""
}

// Catalog is a set of HunQ fields, read-only once built.
type Catalog struct {
	fields []Field // sorted by name
	byName map[string]int
}

// DefaultCatalog returns the embedded catalogue of 288 fields: TERM 218, PREFIX 52,
// EXISTS 10, RANGE_GTE 4, RANGE_LTE 4.
var DefaultCatalog = sync.OnceValue(func() *Catalog {
	c, err := LoadCatalog(strings.NewReader(fieldsText))
	if err != nil {
		panic("hunq: embedded catalogue: " + err.Error())
	}
	return c
})

// Lookup returns the field called name. Names are case-sensitive.
func (c *Catalog) Lookup(name string) (Field, bool) {
	i, ok := c.byName[name]
	if !ok {
		return Field{}, false
	}
	return c.fields[i], true
}

// Len returns the number of fields.
func (c *Catalog) Len() int { return len(c.fields) }

// All yields the fields in order of name (byte order).
func (c *Catalog) All() iter.Seq[Field] {
	return func(yield func(Field) bool) {
		for _, f := range c.fields {
			if !yield(f) {
				return
			}
		}
	}
}

// LoadCatalog reads a catalogue in the format of the embedded fields.txt: one field a line,
// `NAME KIND [@src|@dst] PATH[::KIND]...`, blank lines and lines starting with # ignored.
func LoadCatalog(r io.Reader) (*Catalog, error) {
	c := &Catalog{byName: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '#' {
			continue
		}
		f, err := parseFieldLine(text)
		if err != nil {
			return nil, fmt.Errorf("catalogue line %d: %w", line, err)
		}
		if _, dup := c.byName[f.Name]; dup {
			return nil, fmt.Errorf("catalogue line %d: field %s listed twice", line, f.Name)
		}
		c.byName[f.Name] = len(c.fields)
		c.fields = append(c.fields, f)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	sort.Slice(c.fields, func(i, j int) bool { return c.fields[i].Name < c.fields[j].Name })
	for i, f := range c.fields {
		c.byName[f.Name] = i
	}
	return c, nil
}

func parseFieldLine(text string) (Field, error) {
	words := strings.Fields(text)
	if len(words) < 3 {
		return Field{}, fmt.Errorf("want NAME KIND PATH..., got %q", text)
	}
	if !isField(words[0]) {
		return Field{}, fmt.Errorf("%q is not a field name", words[0])
	}
	kind, err := ParseMatchKind(words[1])
	if err != nil {
		return Field{}, err
	}
	f := Field{Name: words[0], Kind: kind, Note: noteFor(words[0])}
	for _, w := range words[2:] {
		if err := f.addWord(w); err != nil {
			return Field{}, err
		}
	}
	if len(f.Paths) == 0 {
		return Field{}, fmt.Errorf("field %s has no path", f.Name)
	}
	return f, nil
}

func (f *Field) addWord(w string) error {
	switch w {
	case "@src":
		f.Direction = Source
		return nil
	case "@dst":
		f.Direction = Destination
		return nil
	}
	p := FieldPath{Path: w, Kind: f.Kind}
	if path, k, ok := strings.Cut(w, "::"); ok {
		kind, err := ParseMatchKind(k)
		if err != nil {
			return fmt.Errorf("path %s: %w", w, err)
		}
		p = FieldPath{Path: path, Kind: kind}
	}
	if p.Path == "" || strings.HasPrefix(p.Path, ".") || strings.HasSuffix(p.Path, ".") ||
		strings.Contains(p.Path, "..") {
		return fmt.Errorf("field %s: bad path %q", f.Name, w)
	}
	f.Paths = append(f.Paths, p)
	return nil
}
