package hunq

import (
	"fmt"
	"strconv"
)

// ValueKind is the type of a literal in a query.
type ValueKind uint8

// The kinds of literal.
const (
	String ValueKind = iota // "text", always written in double quotes
	Number                  // an unquoted decimal number
	Bool                    // true or false, unquoted
)

// String names the kind.
func (k ValueKind) String() string {
	switch k {
	case Number:
		return "number"
	case Bool:
		return "boolean"
	}
	return "string"
}

// Value is a literal. Text holds the string itself, the decimal text of a number, or
// "true"/"false".
type Value struct {
	Kind ValueKind
	Text string
}

// Str returns the string literal s.
func Str(s string) Value { return Value{Kind: String, Text: s} }

// Int returns the number literal i.
func Int(i int64) Value { return Value{Kind: Number, Text: strconv.FormatInt(i, 10)} }

// Boolean returns the literal true or false.
func Boolean(b bool) Value { return Value{Kind: Bool, Text: strconv.FormatBool(b)} }

// Num returns the number literal written as text, which must match -?[0-9]+(\.[0-9]+)?.
func Num(text string) (Value, error) {
	if !isNumber(text) {
		return Value{}, fmt.Errorf("hunq: %q is not a decimal number", text)
	}
	return Value{Kind: Number, Text: text}, nil
}

// String returns the value as the default dialect writes it.
func (v Value) String() string {
	s, err := DefaultDialect.quote(v)
	if err != nil {
		return strconv.Quote(v.Text)
	}
	return s
}

// isNumber reports whether s matches -?[0-9]+(\.[0-9]+)?.
func isNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	j := digits(s, i)
	if j == i {
		return false
	}
	if j < len(s) && s[j] == '.' {
		k := digits(s, j+1)
		if k == j+1 {
			return false
		}
		j = k
	}
	return j == len(s)
}

func digits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
