package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

func init() {
	register("compile", "Compile a STIX pattern to HunQ queries, one a line.",
		func() any { return &compileCmd{} })
}

// patternFlags are the arguments and flags of the commands that compile a pattern.
type patternFlags struct {
	Pattern     string  `arg:"" help:"The STIX pattern; - reads it from standard input."`
	STIXVersion string  `name:"stix-version" enum:"2.0,2.1" default:"2.1" help:"STIX version."`
	Mapping     string  `type:"existingfile" help:"Field map file extending the built-in one."`
	TimeRange   float64 `name:"time-range" default:"5" help:"Minutes searched without START/STOP."`
	Now         string  `help:"The clock, in RFC 3339 (default: the current time)."`
	Table       string  `type:"existingfile" help:"Event to STIX table file (coverage, mapping)."`
	Complete    bool    `help:"Widen comparisons on properties with unsearched sources."`
}

// compileCmd prints the queries of a pattern.
type compileCmd struct {
	patternFlags
	Strict bool `help:"Refuse an inexact plan (exit 4)."`
}

func (c *compileCmd) Run(io stdio) error {
	plan, err := c.compile(io, false)
	if err != nil {
		return err
	}
	if err := refuseInexact(io.err, plan, c.Strict); err != nil {
		return err
	}
	var b strings.Builder
	for _, q := range plan.Queries {
		b.WriteString(q.Text)
		b.WriteByte('\n')
	}
	if _, err := io.out.Write([]byte(b.String())); err != nil {
		return err
	}
	if !plan.Exact {
		fmt.Fprintf(io.err, "stix2hunq: inexact plan (%d widened): the runtime checks the "+
			"events against the pattern; stix2hunq explain says why\n", len(plan.Widenings))
	}
	noteGaps(io.err, plan, c.Complete)
	return nil
}

// refuseInexact returns an exit 4 error listing why plan is inexact, under strict.
func refuseInexact(w io.Writer, plan *compiler.Plan, strict bool) error {
	if !strict || plan.Exact {
		return nil
	}
	fmt.Fprintln(w, "stix2hunq: the plan is not exact (--strict):")
	for _, x := range plan.Widenings {
		fmt.Fprintf(w, "  %s %s: %s\n", x.Pos, x.What, x.Reason)
	}
	for _, c := range plan.Checks[1:] {
		fmt.Fprintf(w, "  %s\n", c)
	}
	return withCode(exitUntranslated, nil)
}

// compile reads, parses and compiles the pattern; errors come back with their exit
// status, invalid patterns already shown with a caret on io.err.
func (f *patternFlags) compile(io stdio, trace bool) (*compiler.Plan, error) {
	src, err := f.source(io)
	if err != nil {
		return nil, withCode(exitFailure, err)
	}
	version := ast.V21
	if f.STIXVersion == "2.0" {
		version = ast.V20
	}
	opts, err := f.options(trace, version)
	if err != nil {
		return nil, withCode(exitFailure, err)
	}
	return compilePattern(io, src, version, opts)
}

// compilePattern parses and compiles src, showing an invalid pattern with a caret.
func compilePattern(io stdio, src string, v ast.Version, opts compiler.Options) (
	*compiler.Plan, error) {
	p, err := ast.Parse(src, ast.ParseOptions{Version: v})
	if err != nil {
		writeSnippet(io.err, src, err)
		return nil, withCode(exitInvalid, nil)
	}
	opts.Parsed = true
	plan, err := compiler.Compile(p, opts)
	var ue *compiler.UntranslatableError
	switch {
	case errors.As(err, &ue):
		return nil, withCode(exitUntranslated, err)
	case err != nil:
		return nil, withCode(exitFailure, err)
	}
	return plan, nil
}

// source returns the pattern argument, or standard input for "-".
func (f *patternFlags) source(io stdio) (string, error) {
	if f.Pattern != "-" {
		return f.Pattern, nil
	}
	raw, err := readAll(io.in)
	if err != nil {
		return "", fmt.Errorf("reading the pattern: %w", err)
	}
	return strings.TrimRight(string(raw), "\r\n"), nil
}

// readAll reads r to its end, at most 16 MiB.
func readAll(r io.Reader) ([]byte, error) {
	const limit = 16 << 20
	raw, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && len(raw) > limit {
		err = errors.New("more than 16 MiB")
	}
	return raw, err
}

// options turns the flags into compiler options for patterns of version v.
func (f *patternFlags) options(trace bool, v ast.Version) (compiler.Options, error) {
	opts := compiler.Options{Trace: trace, Complete: f.Complete}
	if f.TimeRange <= 0 {
		return opts, fmt.Errorf("--time-range must be a positive number of minutes")
	}
	opts.TimeRange = time.Duration(f.TimeRange * float64(time.Minute))
	if f.Now != "" {
		now, err := time.Parse(time.RFC3339Nano, f.Now)
		if err != nil {
			return opts, fmt.Errorf("--now %q is not an RFC 3339 time", f.Now)
		}
		opts.Now = func() time.Time { return now }
	}
	if f.Mapping != "" {
		m, err := mapping.LoadFile(mapping.Default(), f.Mapping)
		if err != nil {
			return opts, err
		}
		opts.Fields = m
	}
	if opts.Fields != nil {
		if err := opts.Fields.Check(hunq.DefaultCatalog()); err != nil {
			return opts, err
		}
	}
	var table *tostix.Table
	if f.Table != "" {
		var err error
		if table, err = readTable(f.Table); err != nil {
			return opts, err
		}
	}
	var err error
	opts.Sources, err = sources(table, v)
	return opts, err
}
