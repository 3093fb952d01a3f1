package mapping

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

// FromStixShifter reads a field map in the shape of the stix-shifter connector's
// from_stix_map.json, {"OBJECT": {"fields": {"PROPERTY": ["FIELD", ...]}}}, as its
// `mapping` option carries it under the key from_stix_map. The file knows nothing of value
// kinds, several values per object or fields that search other properties, so every entry
// is read as @many and @wide: negations widen and matches are checked, which keeps the
// queries sound whatever the map means. A field name that c lacks but c knows with a
// A name that c also holds with a leading $ (ip, md5, path...) is read as that universal
// field, as the connector does; a property with no field is left out.
func FromStixShifter(raw []byte, c *hunq.Catalog) (*Map, error) {
	var doc map[string]struct {
		Fields map[string][]string `json:"fields"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("mapping: from_stix_map: %w", err)
	}
	var entries []Entry
	for object, o := range doc {
		for property, fields := range o.Fields {
			p, err := CanonicalPath(property)
			if err != nil {
				return nil, fmt.Errorf("mapping: from_stix_map: %s: %w", object, err)
			}
			e := Entry{Object: object, Property: p, Wide: true}
			for _, f := range fields {
				e.Fields = append(e.Fields, universalName(f, c))
			}
			if len(e.Fields) > 0 {
				entries = append(entries, e)
			}
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Key() < entries[j].Key() })
	return build(entries), nil
}

// universalName returns $name for a name that c holds with a $ prefix.
func universalName(name string, c *hunq.Catalog) string {
	if strings.HasPrefix(name, "$") {
		return name
	}
	if _, ok := c.Lookup("$" + name); ok {
		return "$" + name
	}
	return name
}
