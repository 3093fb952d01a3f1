package main

import (
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
