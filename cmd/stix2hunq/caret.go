package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
)

// writeSnippet writes a pattern error to w: each *ast.Error it holds as its line
// "pattern:LINE:COL: message", then the pattern's line and a caret under the column.
// Other errors are written as they are.
func writeSnippet(w io.Writer, src string, err error) {
	var list ast.ErrorList
	var one *ast.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = ast.ErrorList{one}
	default:
		fmt.Fprintln(w, err)
		return
	}
	lines := strings.Split(src, "\n")
	for _, e := range list {
		fmt.Fprintln(w, e.Error())
		if !e.Pos.IsValid() || e.Pos.Line > len(lines) {
			continue
		}
		line := strings.TrimSuffix(lines[e.Pos.Line-1], "\r")
		fmt.Fprintf(w, "    %s\n    %s^\n", line, caretIndent(line, e.Pos.Column))
	}
}

// caretIndent is the white space that puts a caret under the column-th rune of line: a tab
// under each tab, a space under every other rune.
func caretIndent(line string, column int) string {
	var b strings.Builder
	n := 1
	for _, r := range line {
		if n >= column {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		n++
	}
	for ; n < column; n++ {
		b.WriteByte(' ')
	}
	return b.String()
}
