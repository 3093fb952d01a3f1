package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

func init() {
	register("validate", "Check STIX patterns (or HunQ queries) and report every error.",
		func() any { return &validateCmd{} })
}

// validateCmd checks patterns: PATTERN, or one pattern a line from standard input for "-".
type validateCmd struct {
	Version string `name:"stix-version" enum:"2.0,2.1" default:"2.1" help:"STIX version."`
	JSON    bool   `name:"json" help:"Print one JSON result a pattern on standard output."`
	HunQ    bool   `name:"hunq" help:"Check HunQ queries instead of STIX patterns."`
	Pattern string `arg:"" help:"The pattern, or - for one pattern a line on standard input."`
}

// validation is the JSON result for one pattern.
type validation struct {
	Line      int               `json:"line,omitempty"` // of standard input
	Pattern   string            `json:"pattern"`
	Language  string            `json:"language"`
	Valid     bool              `json:"valid"`
	Canonical string            `json:"canonical,omitempty"`
	Errors    []validationError `json:"errors,omitempty"`
}

// validationError is one error with its 1-based position.
type validationError struct {
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Offset  int    `json:"offset"`
	Message string `json:"message"`
}

func (c *validateCmd) Run(io stdio) error {
	invalid := 0
	check := func(line int, src string) error {
		v, err := c.check(src)
		v.Line = line
		if !v.Valid {
			invalid++
		}
		return c.report(io, v, err)
	}
	if c.Pattern != "-" {
		if err := check(0, c.Pattern); err != nil {
			return err
		}
	} else if err := eachLine(io.in, check); err != nil {
		return withCode(exitFailure, err)
	}
	if invalid > 0 {
		return withCode(exitInvalid, nil)
	}
	return nil
}

// eachLine calls f with every line of r that is not blank, numbered from 1.
func eachLine(r io.Reader, f func(line int, text string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		if err := f(n, text); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading standard input: %w", err)
	}
	return nil
}

// check validates one pattern or query; the error is what makes it invalid.
func (c *validateCmd) check(src string) (validation, error) {
	v := validation{Pattern: src, Language: "stix-" + c.Version}
	var err error
	if c.HunQ {
		v.Language = "hunq"
		var n hunq.Node
		if n, err = hunq.Parse(src); err == nil {
			v.Canonical, err = hunq.Print(n)
		}
	} else {
		opts := ast.ParseOptions{Version: ast.V21}
		if c.Version == "2.0" {
			opts.Version = ast.V20
		}
		var p *ast.Pattern
		if p, err = ast.Parse(src, opts); err == nil {
			v.Canonical = ast.Print(p)
		}
	}
	v.Valid = err == nil
	if err != nil {
		v.Errors = jsonErrors(err)
	}
	return v, err
}

// jsonErrors lists the positioned errors of err.
func jsonErrors(err error) []validationError {
	var list ast.ErrorList
	var he *hunq.Error
	switch {
	case errors.As(err, &list):
		out := make([]validationError, len(list))
		for i, e := range list {
			out[i] = validationError{Line: e.Pos.Line, Column: e.Pos.Column,
				Offset: e.Pos.Offset, Message: e.Msg}
		}
		return out
	case errors.As(err, &he):
		return []validationError{{Line: he.Pos.Line, Column: he.Pos.Column,
			Offset: he.Pos.Offset, Message: he.Msg}}
	}
	return []validationError{{Message: err.Error()}}
}

// report writes one result: JSON on stdout, or the errors with snippets on stderr.
func (c *validateCmd) report(io stdio, v validation, err error) error {
	if c.JSON {
		return writeJSONLine(io.out, v)
	}
	if v.Valid {
		return nil
	}
	if v.Line > 0 {
		fmt.Fprintf(io.err, "<stdin>:%d:\n", v.Line)
	}
	var he *hunq.Error
	if errors.As(err, &he) {
		fmt.Fprintln(io.err, he)
		line, pad := snippet(v.Pattern, ast.Pos{Line: he.Pos.Line, Column: he.Pos.Column})
		fmt.Fprintf(io.err, "    %s\n    %s^\n", line, pad)
		return nil
	}
	writeSnippet(io.err, v.Pattern, err)
	return nil
}
