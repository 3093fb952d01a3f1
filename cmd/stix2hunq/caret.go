package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/stix2hunq/stix2hunq/ast"
)

// snippetWidth is the most runes of a source line a snippet shows.
const snippetWidth = 100

// writeSnippet writes err, one error a line; under each error that has a position in
// src it shows that line of src with a caret under the column. Long lines are cut to a
// window around the column.
func writeSnippet(w io.Writer, src string, err error) {
	var list ast.ErrorList
	if !errors.As(err, &list) {
		var one *ast.Error
		if !errors.As(err, &one) {
			fmt.Fprintln(w, err)
			return
		}
		list = ast.ErrorList{one}
	}
	for _, e := range list {
		fmt.Fprintln(w, e)
		if e.Pos.IsValid() {
			line, caret := snippet(src, e.Pos)
			fmt.Fprintf(w, "    %s\n    %s^\n", line, caret)
		}
	}
}

// snippet returns the line of src at pos, cut to snippetWidth runes around the column,
// and the white space that puts a caret under the column (tabs where the line has tabs).
func snippet(src string, pos ast.Pos) (line, pad string) {
	lines := strings.Split(src, "\n")
	if pos.Line > len(lines) {
		return "", ""
	}
	runes := []rune(strings.TrimSuffix(lines[pos.Line-1], "\r"))
	col := pos.Column - 1
	if col > len(runes) {
		col = len(runes)
	}
	start, prefix, suffix := 0, "", ""
	if col > snippetWidth/2 {
		start, prefix = col-snippetWidth/2, "..."
	}
	end := start + snippetWidth
	if end < len(runes) {
		suffix = "..."
	} else {
		end = len(runes)
	}
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", utf8.RuneCountInString(prefix)))
	for _, r := range runes[start:col] {
		if r == '\t' {
			b.WriteRune('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return prefix + printable(string(runes[start:end])) + suffix, b.String()
}

// printable replaces the control characters of a line but tabs, which would otherwise
// move the caret.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' && r != '\t' || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}
