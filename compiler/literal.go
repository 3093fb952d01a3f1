package compiler

import (
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
)

// timeLayout is how HunQ writes a time: UTC with exactly three fractional digits.
const timeLayout = "2006-01-02T15:04:05.000Z"

// FormatTime returns t as HunQ writes times: UTC, millisecond precision, truncated.
func FormatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// literalText writes a literal as pattern text, for explain output.
func literalText(l ast.Literal) string {
	switch v := l.(type) {
	case *ast.StringLit:
		return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v.Value) + "'"
	case *ast.IntLit:
		return strconv.FormatInt(v.Value, 10)
	case *ast.FloatLit:
		return strconv.FormatFloat(v.Value, 'g', -1, 64)
	case *ast.BoolLit:
		return strconv.FormatBool(v.Value)
	case *ast.TimestampLit:
		return "t'" + v.Value.UTC().Format(time.RFC3339Nano) + "'"
	case *ast.BinaryLit:
		return "b'" + base64.StdEncoding.EncodeToString(v.Value) + "'"
	case *ast.HexLit:
		return "h'" + hex.EncodeToString(v.Value) + "'"
	case *ast.SetLit:
		parts := make([]string, len(v.Elems))
		for i, e := range v.Elems {
			parts[i] = literalText(e)
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	return "?"
}

// quote writes s in double quotes with Go escapes; only explain output uses it.
func quote(s string) string { return strconv.Quote(s) }

// scalarText returns the text a TERM or PREFIX field is searched with for a scalar
// literal, and false for a literal HunQ cannot compare as text.
func scalarText(l ast.Literal) (string, bool) {
	switch v := l.(type) {
	case *ast.StringLit:
		return v.Value, true
	case *ast.IntLit:
		return strconv.FormatInt(v.Value, 10), true
	case *ast.BoolLit:
		return strconv.FormatBool(v.Value), true
	case *ast.TimestampLit:
		return FormatTime(v.Value), true
	}
	// Limitation: floats, binary and hex literals have no agreed text form in the
	// events, so comparisons with them widen.
	return "", false
}
