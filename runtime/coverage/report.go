package coverage

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// Report is the coverage of one STIX version: where the events' properties come from and
// which of those event paths the default search misses.
type Report struct {
	Version tostix.Version
	Sources []compiler.Source
	Gaps    []compiler.Gap
	fields  *mapping.Map
}

// NewReport computes the coverage of m's output under the compiler options' field map
// and catalogue (opts.Sources is replaced by m's).
func NewReport(m *tostix.Mapper, opts compiler.Options) (*Report, error) {
	opts.Sources = Sources(m)
	gaps, err := compiler.CoverageGaps(opts)
	if err != nil {
		return nil, err
	}
	fields := opts.Fields
	if fields == nil {
		fields = mapping.Default()
	}
	return &Report{Version: m.Version(), Sources: opts.Sources, Gaps: gaps, fields: fields},
		nil
}

// Figures are the counts a report's summary gives.
type Figures struct {
	Properties int // properties the events yield
	Sources    int // (property, event path) pairs
	Searched   int // pairs whose path a field searching the property reads
	Gaps       int // pairs the default search misses
	Unsearched int // properties that no HunQ field searches at all
	Partial    int // properties searched, but not on every path
}

// Figures counts the report's properties, sources and gaps.
func (r *Report) Figures() Figures {
	f := Figures{Gaps: len(r.Gaps)}
	pairs := map[[2]string]bool{}
	for _, s := range r.Sources {
		pairs[[2]string{s.Property, s.EventPath}] = true
	}
	f.Sources, f.Searched = len(pairs), len(pairs)-len(r.Gaps)
	for _, p := range r.properties() {
		switch {
		case !r.searched(p):
			f.Unsearched++
		case len(r.gapsOf(p)) > 0:
			f.Partial++
		}
		f.Properties++
	}
	return f
}

func (r *Report) properties() []string {
	var out []string
	for _, s := range r.Sources {
		if len(out) == 0 || out[len(out)-1] != s.Property {
			out = append(out, s.Property)
		}
	}
	return out
}

// searched reports whether the field map names fields for the property.
func (r *Report) searched(prop string) bool {
	typ, path, _ := strings.Cut(prop, ":")
	e, ok := r.fields.Lookup(typ, path)
	return ok && len(e.Fields) > 0
}

func (r *Report) gapsOf(prop string) []compiler.Gap {
	var out []compiler.Gap
	for _, g := range r.Gaps {
		if g.Property == prop {
			out = append(out, g)
		}
	}
	return out
}

// WriteMarkdown writes the reports as the page docs/coverage-gaps.md: the figures of each
// version, then the properties searched on some event paths but not all, and the
// properties that the events yield but no HunQ field searches, each row naming the STIX
// versions it holds for.
func WriteMarkdown(w io.Writer, reports []*Report) error {
	var b strings.Builder
	b.WriteString("# Coverage gaps\n\n")
	b.WriteString("Generated from the event to STIX table (`runtime/tostix/reaqta.json`) and " +
		"the field map (`compiler/mapping/stix.map`) by `go test ./runtime/coverage " +
		"-update`; do not edit.\n\n")
	b.WriteString("An event path yields a STIX property when the table writes the property " +
		"from it; it is searched when a HunQ field that the compiler uses for the property " +
		"reads the path and its match kind finds the property's value there (a PREFIX " +
		"field finds a directory in a full path; no field finds a base name, a decoded " +
		"hexadecimal number or a name given to a code). Every other path is a gap: the " +
		"default search misses an event whose property comes only from there. " +
		"`stix2hunq explain` lists the gaps of the properties a pattern compares, and " +
		"`--complete` widens those comparisons so that no such event is missed. *(derived)*: " +
		"a field searching the property reads the path, but the property's value is " +
		"derived from the value there in a way the field's match kind does not find.\n\n")
	b.WriteString("| | " + versions(reports) + " |\n| --- |" +
		strings.Repeat(" --- |", len(reports)) + "\n")
	row := func(name string, get func(Figures) int) {
		b.WriteString("| " + name + " |")
		for _, r := range reports {
			fmt.Fprintf(&b, " %d |", get(r.Figures()))
		}
		b.WriteByte('\n')
	}
	row("properties the events yield", func(f Figures) int { return f.Properties })
	row("(property, event path) sources", func(f Figures) int { return f.Sources })
	row("sources searched", func(f Figures) int { return f.Searched })
	row("sources not searched (gaps)", func(f Figures) int { return f.Gaps })
	row("properties searched on some paths only", func(f Figures) int { return f.Partial })
	row("properties no HunQ field searches", func(f Figures) int { return f.Unsearched })
	writeRows(&b, reports, "Properties searched on some event paths only",
		"| property | event paths not searched | STIX |\n| --- | --- | --- |\n", true)
	writeRows(&b, reports, "Properties no HunQ field searches",
		"| property | event paths | STIX |\n| --- | --- | --- |\n", false)
	_, err := io.WriteString(w, b.String())
	return err
}

func versions(reports []*Report) string {
	vs := make([]string, len(reports))
	for i, r := range reports {
		vs[i] = "STIX " + r.Version.String()
	}
	return strings.Join(vs, " | ")
}

// writeRows writes one section: a row per property and list of gap paths, with the
// versions that have it; searched chooses the properties some field searches or none.
func writeRows(b *strings.Builder, reports []*Report, title, header string, searched bool) {
	type key struct{ prop, paths string }
	in := map[key][]string{}
	var keys []key
	for _, r := range reports {
		for _, p := range r.properties() {
			gaps := r.gapsOf(p)
			if len(gaps) == 0 || r.searched(p) != searched {
				continue
			}
			paths := make([]string, len(gaps))
			for i, g := range gaps {
				paths[i] = "`" + g.EventPath + "`"
				if g.Derived {
					paths[i] += " (derived)"
				}
			}
			k := key{p, strings.Join(paths, ", ")}
			if in[k] == nil {
				keys = append(keys, k)
			}
			in[k] = append(in[k], r.Version.String())
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].prop != keys[j].prop {
			return keys[i].prop < keys[j].prop
		}
		return keys[i].paths < keys[j].paths
	})
	fmt.Fprintf(b, "\n## %s\n\n%s", title, header)
	for _, k := range keys {
		fmt.Fprintf(b, "| `%s` | %s | %s |\n", k.prop, k.paths, strings.Join(in[k], ", "))
	}
}
