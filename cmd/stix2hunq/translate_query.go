package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
)

func init() { registerTranslate("query", translateQuery) }

// translationFailure is stix-shifter's error object for a failed translation.
type translationFailure struct {
	Success bool   `json:"success"`
	Code    string `json:"code"`
	Error   string `json:"error"`
}

// translateQuery prints {"queries": [...]} for the pattern in DATA, as stix-shifter's
// reaqta module does. Failures print stix-shifter's error object: code invalid_parameter
// ("stix validation error") for an invalid pattern, exit 3; mapping_error ("data mapping
// error") for a pattern that no field can search, exit 4; invalid_parameter for bad
// OPTIONS, exit 1. The pattern is always validated, so validate_pattern changes nothing.
// The coverage comes from the event to STIX table the results are mapped with (the
// mapping's to_stix_map, or the embedded table); --complete widens its gaps.
func translateQuery(io stdio, c *translateCmd, opts translateOptions) error {
	copts, err := queryOptions(opts)
	if err != nil {
		return failTranslation(io, exitFailure, "invalid_parameter", err.Error())
	}
	version := ast.V20
	if opts.STIX21 {
		version = ast.V21
	}
	p, err := ast.Parse(c.Data, ast.ParseOptions{Version: version})
	if err != nil {
		writeSnippet(io.err, c.Data, err)
		return failTranslation(io, exitInvalid, "invalid_parameter",
			"stix validation error : "+strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	table, err := resultsTable(opts.Mapping)
	if err == nil {
		copts.Sources, err = sources(table, version)
	}
	if err != nil {
		return failTranslation(io, exitFailure, "invalid_parameter", err.Error())
	}
	copts.Parsed, copts.Complete = true, c.Complete
	plan, err := compiler.Compile(p, copts)
	var ue *compiler.UntranslatableError
	switch {
	case errors.As(err, &ue):
		return failTranslation(io, exitUntranslated, "mapping_error",
			"data mapping error : "+untranslatableText(ue))
	case err != nil:
		return failTranslation(io, exitFailure, "invalid_parameter", err.Error())
	}
	queries := make([]string, len(plan.Queries))
	for i, q := range plan.Queries {
		queries[i] = q.Text
	}
	return writeJSONLine(io.out, struct {
		Queries []string `json:"queries"`
	}{queries})
}

// untranslatableText words an untranslatable pattern as stix-shifter does.
func untranslatableText(e *compiler.UntranslatableError) string {
	if len(e.Properties) == 0 {
		return e.Error()
	}
	msg := "Unable to map the following STIX objects and properties: ['" +
		strings.Join(e.Properties, "', '") + "'] to data source fields"
	if len(e.Hints) > 0 {
		msg += " (" + strings.Join(e.Hints, "; ") + ")"
	}
	return msg
}

func failTranslation(io stdio, code int, kind, msg string) error {
	if err := writeJSONLine(io.out, translationFailure{Code: kind, Error: msg}); err != nil {
		return err
	}
	return withCode(code, nil)
}

// queryOptions turns stix-shifter's OPTIONS into compiler options: time_range in minutes,
// and mapping, either the path of a field map file or an object whose from_stix_map holds
// a map in the shape of stix-shifter's from_stix_map.json, which replaces the built-in one.
func queryOptions(opts translateOptions) (compiler.Options, error) {
	var copts compiler.Options
	if opts.TimeRange != nil {
		copts.TimeRange = time.Duration(*opts.TimeRange * float64(time.Minute))
	}
	if len(opts.Mapping) == 0 || string(opts.Mapping) == "null" {
		return copts, nil
	}
	m, err := optionMapping(opts.Mapping)
	if err != nil {
		return copts, fmt.Errorf("OPTIONS mapping: %w", err)
	}
	if m != nil {
		if err := m.Check(hunq.DefaultCatalog()); err != nil {
			return copts, fmt.Errorf("OPTIONS mapping: %w", err)
		}
	}
	copts.Fields = m
	return copts, nil
}

func optionMapping(raw json.RawMessage) (*mapping.Map, error) {
	var path string
	if err := json.Unmarshal(raw, &path); err == nil {
		if _, err := os.Stat(path); err != nil {
			return nil, err
		}
		return mapping.LoadFile(mapping.Default(), path)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, errors.New("want the path of a map file or an object")
	}
	from, ok := doc["from_stix_map"]
	if !ok {
		return nil, nil
	}
	return mapping.FromStixShifter(from, hunq.DefaultCatalog())
}
