package ast

import (
	"errors"

	"github.com/stix2hunq/stix2hunq/grammar"
)

// ParseOptions configure Parse. The zero value reads STIX 2.1 with the default limits.
type ParseOptions struct {
	// Version is the specification the pattern is read under.
	Version Version
	// MaxDepth bounds the brackets and parentheses open at once, and the length of a
	// chain of qualifiers; 0 means grammar.DefaultMaxDepth.
	MaxDepth int
	// MaxBytes bounds the length of the pattern text; 0 means grammar.DefaultMaxBytes.
	MaxBytes int
}

// Parse reads a pattern, decodes its literals and checks it (see [Check]). The error, if
// any, is an [ErrorList] of every problem found: a syntax error ends the parse, so it is
// alone in its list; the checks report every comparison and qualifier they refuse.
func Parse(src string, opts ParseOptions) (*Pattern, error) {
	lim := grammar.Limits{MaxDepth: opts.MaxDepth, MaxBytes: opts.MaxBytes}
	cst, err := grammar.Parse(src, lim)
	if err != nil {
		var ge *grammar.Error
		if errors.As(err, &ge) {
			return nil, ErrorList{&Error{Pos: posOf(ge.Pos), Msg: ge.Msg}}
		}
		return nil, ErrorList{&Error{Msg: err.Error()}}
	}
	maxDepth := opts.MaxDepth
	if maxDepth <= 0 {
		maxDepth = grammar.DefaultMaxDepth
	}
	lw := &lowerer{maxDepth: maxDepth}
	p := lw.pattern(cst, opts.Version)
	if err := lw.errs.Err(); err != nil {
		return nil, err
	}
	if err := Check(p).Err(); err != nil {
		return nil, err
	}
	return p, nil
}
