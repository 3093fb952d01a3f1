package match

import (
	"bytes"
	"strings"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
)

// latin1 returns s as bytes, one per code point, when every code point is below 256: the
// specification's rule for comparing a string with a binary value.
func latin1(s string) ([]byte, bool) {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r >= 256 { // also U+FFFD, which stands for a byte that is not UTF-8
			return nil, false
		}
		b = append(b, byte(r))
	}
	return b, true
}

// latin1String decodes b as ISO 8859-1, one code point per byte, so that a regular
// expression whose code points are all below 256 matches it byte for byte.
func latin1String(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// parseTimestamp reads a STIX timestamp: YYYY-MM-DDTHH:MM:SS[.fraction]Z, upper case.
//
// Note: timestamps compare to the nanosecond, as the literal's own precision allows. The
// reference keeps microseconds only (Python's datetime): it cuts longer fractions, so
// that there t'2020-01-01T00:00:00.0000001Z' equals "2020-01-01T00:00:00Z".
func parseTimestamp(s string) (time.Time, bool) {
	if !strings.HasSuffix(s, "Z") || strings.ContainsAny(s, "tz") {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// equal reports whether the JSON value v equals the literal lit. Values of kinds that do
// not compare are unequal. With strict, strings and binary values never compare (the
// reference's rule inside IN sets).
func equal(v any, lit ast.Literal, strict bool) bool {
	switch l := lit.(type) {
	case *ast.IntLit, *ast.FloatLit:
		c, res := orderNumber(v, l)
		return res == ordered && c == 0
	case *ast.BoolLit:
		b, ok := v.(bool)
		return ok && b == l.Value
	case *ast.StringLit:
		switch x := v.(type) {
		case string:
			return x == l.Value
		case []byte:
			b, ok := latin1(l.Value)
			return !strict && ok && bytes.Equal(b, x)
		}
	case *ast.TimestampLit:
		// Limitation: a string that is not a timestamp compares unequal (and unordered);
		// the reference stops matching with an error instead.
		s, ok := v.(string)
		if !ok {
			return false
		}
		t, ok := parseTimestamp(s)
		return ok && t.Equal(l.Value)
	case *ast.BinaryLit:
		return equalBytes(v, l.Value, strict)
	case *ast.HexLit:
		return equalBytes(v, l.Value, strict)
	}
	return false
}

func equalBytes(v any, want []byte, strict bool) bool {
	switch x := v.(type) {
	case []byte:
		return bytes.Equal(x, want)
	case string:
		b, ok := latin1(x)
		return !strict && ok && bytes.Equal(b, want)
	}
	return false
}

// orderResult is the outcome of an order comparison.
type orderResult int

const (
	unordered  orderResult = iota // kinds that do not order: false, even under NOT
	orderFalse                    // a string that cannot be read as binary: false, NOT flips it
	ordered                       // the comparison result is valid
)

// order compares the JSON value v with the literal lit.
func order(v any, lit ast.Literal) (int, orderResult) {
	switch l := lit.(type) {
	case *ast.IntLit, *ast.FloatLit:
		return orderNumber(v, l)
	case *ast.StringLit:
		switch x := v.(type) {
		case string:
			return strings.Compare(x, l.Value), ordered
		case []byte:
			return orderBytes(x, l.Value)
		}
	case *ast.TimestampLit:
		if s, ok := v.(string); ok {
			if t, ok := parseTimestamp(s); ok {
				return t.Compare(l.Value), ordered
			}
		}
	case *ast.BinaryLit:
		return orderWithBytes(v, l.Value)
	case *ast.HexLit:
		return orderWithBytes(v, l.Value)
	}
	return 0, unordered
}

// orderNumber compares the value v with a numeric literal.
func orderNumber(v any, lit ast.Literal) (int, orderResult) {
	n, ok := asNumber(v)
	if !ok {
		return 0, unordered
	}
	want := number{isInt: true}
	switch l := lit.(type) {
	case *ast.IntLit:
		want.i = l.Value
	case *ast.FloatLit:
		want = number{f: l.Value}
	}
	c, ok := cmpNumbers(n, want)
	if !ok {
		return 0, unordered
	}
	return c, ordered
}

func orderWithBytes(v any, lit []byte) (int, orderResult) {
	switch x := v.(type) {
	case []byte:
		return bytes.Compare(x, lit), ordered
	case string:
		c, r := orderBytes(lit, x)
		return -c, r
	}
	return 0, unordered
}

// orderBytes compares b with the string s read as bytes.
func orderBytes(b []byte, s string) (int, orderResult) {
	sb, ok := latin1(s)
	if !ok {
		return 0, orderFalse
	}
	return bytes.Compare(b, sb), ordered
}
