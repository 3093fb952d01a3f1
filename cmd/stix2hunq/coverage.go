package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/runtime/coverage"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// sources returns where the events' STIX properties come from under the table (nil: the
// embedded one) in the pattern's STIX version, for the compiler's coverage.
func sources(table *tostix.Table, v ast.Version) ([]compiler.Source, error) {
	if table == nil {
		table = tostix.DefaultTable()
	}
	version := tostix.STIX21
	if v == ast.V20 {
		version = tostix.STIX20
	}
	m, err := tostix.Compile(table, tostix.Options{Version: version})
	if err != nil {
		return nil, err
	}
	return coverage.Sources(m), nil
}

// noteGaps says on w, when the plan's queries leave some sources of the compared
// properties unsearched (and --complete is off), which properties they are, so that a
// user knows which matches the default search can miss and how to find them.
func noteGaps(w io.Writer, plan *compiler.Plan, complete bool) {
	if complete || len(plan.Gaps) == 0 {
		return
	}
	var props []string
	paths := map[string]int{}
	for _, g := range plan.Gaps {
		if paths[g.Property] == 0 {
			props = append(props, g.Property)
		}
		paths[g.Property]++
	}
	parts := make([]string, len(props))
	for i, p := range props {
		parts[i] = fmt.Sprintf("%s (%d)", p, paths[p])
	}
	fmt.Fprintf(w, "stix2hunq: note: the queries cannot search some event paths that yield "+
		"%s, so matches there are missed; --complete widens the queries to find them, and "+
		"stix2hunq explain lists the paths\n", strings.Join(parts, ", "))
}
