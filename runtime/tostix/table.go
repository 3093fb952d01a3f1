package tostix

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed reaqta.json
var defaultTableJSON []byte

// TableFormat is the value of the "format" member that every table file carries.
const TableFormat = "stix2hunq-tostix/1"

// Table is the declarative event -> STIX mapping in the project's own format. See the
// package documentation for its semantics.
type Table struct {
	// Format must equal TableFormat.
	Format string `json:"format"`
	// Base, if "reaqta", makes the file an extension of the embedded table (see Extend);
	// otherwise the file replaces it.
	Base string `json:"base,omitempty"`
	// Extensions21 renames extension keys for STIX 2.1 output (2.0 name -> 2.1 name).
	Extensions21 map[string]string `json:"extensions_2_1,omitempty"`
	// Observed lists the sources of the observed-data envelope: "time" gives
	// first_observed and last_observed.
	Observed map[string][]Source `json:"observed,omitempty"`
	// Codes are the lookup tables used by code transformers (event_name, protocol,
	// address_family, tactic_name), each from a decimal code to a name.
	Codes map[string]map[string]string `json:"codes,omitempty"`
	// Templates are named lists of objects instantiated by Use entries.
	Templates map[string][]Object `json:"templates,omitempty"`
	// Objects are the object groups, in output order, or uses of templates.
	Objects []Object `json:"objects"`
}

// Object is one object group: the STIX object built from an event (or one per element of
// a list when Each is set), or a use of a template when Use is set.
type Object struct {
	Name string `json:"name,omitempty"`
	Type string `json:"type,omitempty"`
	// Remove, in an extension, deletes the object of this name from the base table.
	Remove bool `json:"remove,omitempty"`
	// Each names lists of the event: one object is built per element of the first list
	// present and non-empty; property paths are then relative to the element ("" is the
	// element itself) unless they start with "$.".
	Each  []string   `json:"each,omitempty"`
	Props []Property `json:"props,omitempty"`
	Refs  []Ref      `json:"refs,omitempty"`

	// Use instantiates the template of that name, replacing "{at}" by At and "{name}" by
	// Name in every path and object name; Extra adds properties to its objects by name.
	Use   string                `json:"use,omitempty"`
	At    string                `json:"at,omitempty"`
	Extra map[string][]Property `json:"extra,omitempty"`
}

// Property is one STIX property: Prop is its dotted name inside the object
// ("extensions.x-reaqta-process.logon_id"), From its sources in order of preference.
type Property struct {
	Prop string `json:"prop"`
	// As is the default transformer of the sources (see Transformers).
	As string `json:"as,omitempty"`
	// STIX restricts the property to one version ("2.0" or "2.1").
	STIX string   `json:"stix,omitempty"`
	From []Source `json:"from"`
}

// Source is one event path feeding a property. In JSON it is a path string or an object.
type Source struct {
	Path string `json:"path"`
	As   string `json:"as,omitempty"`
	// When and Unless name a condition (see Conditions) that must hold, or must not.
	When   string `json:"when,omitempty"`
	Unless string `json:"unless,omitempty"`
	// Value, if set, replaces the value found at Path (which must still be present).
	Value any `json:"value,omitempty"`
}

// UnmarshalJSON accepts a bare path string or an object.
func (s *Source) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &s.Path)
	}
	type plain Source
	return json.Unmarshal(b, (*plain)(s))
}

// Ref is a reference property: it points at the first existing object among To (or, with
// List, at every existing object among To, each element of an Each group included).
// A reference is written only when its target exists.
type Ref struct {
	Prop   string   `json:"prop"`
	List   bool     `json:"list,omitempty"`
	STIX   string   `json:"stix,omitempty"`
	When   string   `json:"when,omitempty"`
	Unless string   `json:"unless,omitempty"`
	To     []string `json:"to"`
}

// DefaultTable returns a fresh copy of the embedded QRadar EDR table.
func DefaultTable() *Table {
	t, err := ParseTable(defaultTableJSON)
	if err != nil {
		panic("tostix: embedded table: " + err.Error())
	}
	return t
}

// ParseTable decodes a table file, rejecting unknown members. A file whose base is
// "reaqta" returns the embedded table extended by the file.
func ParseTable(b []byte) (*Table, error) {
	var t Table
	if err := decodeStrict(b, &t); err != nil {
		return nil, fmt.Errorf("table: %w", err)
	}
	if t.Format != TableFormat {
		return nil, fmt.Errorf("table: format is %q, want %q", t.Format, TableFormat)
	}
	switch t.Base {
	case "":
		return &t, nil
	case "reaqta":
		base := DefaultTable()
		base.Extend(&t)
		return base, nil
	}
	return nil, fmt.Errorf("table: unknown base %q (want \"reaqta\" or none)", t.Base)
}

// Extend adds the codes, templates and objects of other to t: an object or template of
// the same name replaces t's, a new one is appended, one marked Remove deletes t's; codes
// and extension names are merged entry by entry.
func (t *Table) Extend(other *Table) {
	for k, v := range other.Extensions21 {
		if t.Extensions21 == nil {
			t.Extensions21 = map[string]string{}
		}
		t.Extensions21[k] = v
	}
	for k, v := range other.Observed {
		if t.Observed == nil {
			t.Observed = map[string][]Source{}
		}
		t.Observed[k] = v
	}
	for name, codes := range other.Codes {
		if t.Codes == nil {
			t.Codes = map[string]map[string]string{}
		}
		if t.Codes[name] == nil {
			t.Codes[name] = map[string]string{}
		}
		for k, v := range codes {
			t.Codes[name][k] = v
		}
	}
	for k, v := range other.Templates {
		if t.Templates == nil {
			t.Templates = map[string][]Object{}
		}
		t.Templates[k] = v
	}
	for _, o := range other.Objects {
		t.replaceOrAppend(o)
	}
}

func (t *Table) replaceOrAppend(o Object) {
	key := objectKey(o)
	for i := range t.Objects {
		if objectKey(t.Objects[i]) != key {
			continue
		}
		if o.Remove {
			t.Objects = append(t.Objects[:i], t.Objects[i+1:]...)
		} else {
			t.Objects[i] = o
		}
		return
	}
	if !o.Remove {
		t.Objects = append(t.Objects, o)
	}
}

// objectKey identifies an object entry for Extend: its name, or for a use its name and
// template.
func objectKey(o Object) string {
	if o.Use != "" {
		return "use:" + o.Use + ":" + o.Name
	}
	return o.Name
}

func decodeStrict(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return fmt.Errorf("trailing data after the table at offset %d", d.InputOffset())
	}
	return nil
}
