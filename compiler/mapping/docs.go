package mapping

import (
	"fmt"
	"io"
	"strings"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

// WriteMarkdown writes the map as the reference page docs/supported-stix.md: one table per
// STIX object type listing each property, the HunQ fields with their match kinds from c,
// and the flags.
func (m *Map) WriteMarkdown(w io.Writer, c *hunq.Catalog) error {
	var b strings.Builder
	b.WriteString("# Supported STIX properties\n\n")
	b.WriteString("Generated from the field map (`compiler/mapping/stix.map`) by " +
		"`go test ./compiler/mapping -update`; do not edit.\n\n")
	b.WriteString("A comparison on a property searches its HunQ fields joined by OR. " +
		"Match kinds: TERM exact value, PREFIX text match (always inexact), EXISTS " +
		"presence, RANGE_GTE/RANGE_LTE inclusive bounds. *Kind*: the kind of the " +
		"property's values; a literal of another kind is searched by its text and the " +
		"match is inexact. *Many*: the property can hold several values per object, so " +
		"a negation is widened. *Wide*: the fields also search other values, so a match " +
		"is checked against the exact STIX semantics. *Widened*: events carry the " +
		"property but no field searches it as STIX writes it, so every comparison on it " +
		"is widened. A property not listed here is never present in QRadar EDR events " +
		"for the compiler: a comparison on it is false.\n")
	fmt.Fprintf(&b, "\n%d properties of %d object types.\n", m.Len(), len(m.objects()))
	object := ""
	for _, e := range m.entries {
		if e.Object != object {
			object = e.Object
			fmt.Fprintf(&b, "\n## %s\n\n", object)
			b.WriteString("| property | HunQ fields | kind | many | wide |\n" +
				"| --- | --- | --- | --- | --- |\n")
		}
		fields := make([]string, len(e.Fields))
		for i, name := range e.Fields {
			kind := "missing"
			if f, ok := c.Lookup(name); ok {
				kind = f.Kind.String()
			}
			fields[i] = fmt.Sprintf("`%s` %s", name, kind)
		}
		list := strings.Join(fields, ", ")
		if e.Present {
			list = "*widened*"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", e.Property, list, e.Kind,
			yes(!e.Single), yes(e.Wide))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (m *Map) objects() []string {
	var objs []string
	for _, e := range m.entries {
		if len(objs) == 0 || objs[len(objs)-1] != e.Object {
			objs = append(objs, e.Object)
		}
	}
	return objs
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}
