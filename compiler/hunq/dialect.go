package hunq

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escaping is how a dialect writes `"` and `\` inside a quoted string.
type Escaping uint8

// The escaping rules. Which one the Hunt API follows is unverified: stix-shifter sends
// values unescaped, ReaQta's own queries use both forms.
const (
	// EscapeBackslash writes `\` as `\\` and `"` as `\"`. Reading, any other backslash is
	// literal, so Windows paths written with single backslashes still parse.
	EscapeBackslash Escaping = iota
	// EscapeNone writes every character as it is. A backslash is literal and a value
	// containing `"` cannot be expressed.
	EscapeNone
)

// KeywordCase is the case the printer writes AND, OR and NOT in. The parser reads any case.
type KeywordCase uint8

// The keyword cases.
const (
	Upper KeywordCase = iota // AND OR NOT
	Lower                    // and or not
)

// Negation is the form a dialect prefers for a negated comparison.
type Negation uint8

// The negation forms.
const (
	NotPrefix Negation = iota // NOT f = v
	NotEqual                  // f != v
)

// Dialect holds every unverified choice about HunQ's surface syntax. The zero value is
// [DefaultDialect].
type Dialect struct {
	Escaping Escaping
	Keywords KeywordCase
	// Negation is the form [Dialect.Negate] builds. The printer writes the tree as it is.
	Negation Negation
	// NotGroup allows NOT over a parenthesised group. Whether the Hunt API accepts it is
	// unknown, so the default refuses it and the compiler negates single comparisons.
	NotGroup bool
}

// DefaultDialect escapes with backslashes, writes upper-case keywords, negates with a NOT
// prefix and refuses NOT over a group.
var DefaultDialect = Dialect{}

// InexpressibleError reports a value that a dialect cannot write. The compiler widens the
// comparison instead.
type InexpressibleError struct {
	Value  Value
	Reason string
}

// Error implements the error interface.
func (e *InexpressibleError) Error() string {
	return fmt.Sprintf("hunq: cannot express %s %q: %s", e.Value.Kind, e.Value.Text, e.Reason)
}

// CanExpress returns nil if the dialect can write v, and an *InexpressibleError if not.
func (d Dialect) CanExpress(v Value) error {
	switch v.Kind {
	case Number:
		if !isNumber(v.Text) {
			return &InexpressibleError{v, "not a decimal number"}
		}
	case Bool:
		if v.Text != "true" && v.Text != "false" {
			return &InexpressibleError{v, "not true or false"}
		}
	case String:
		if !utf8.ValidString(v.Text) {
			return &InexpressibleError{v, "not valid UTF-8"}
		}
		if d.Escaping == EscapeNone && strings.IndexByte(v.Text, '"') >= 0 {
			return &InexpressibleError{v, `a double quote needs escaping`}
		}
	default:
		return &InexpressibleError{v, "unknown kind"}
	}
	return nil
}

// Negate returns the negation of c in the dialect's preferred form: `NOT f = v` or
// `f != v` for c of the form `f = v`, and `f = v` for c of the form `f != v`.
func (d Dialect) Negate(c *CompareExpr) Node {
	if c.Op == Ne {
		return &CompareExpr{Field: c.Field, Op: Eq, Value: c.Value}
	}
	if d.Negation == NotEqual {
		return &CompareExpr{Field: c.Field, Op: Ne, Value: c.Value}
	}
	return &NotExpr{X: c}
}

// quote returns v as a literal of the dialect.
func (d Dialect) quote(v Value) (string, error) {
	var b strings.Builder
	if err := d.writeValue(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}

// writeValue writes v as a literal of the dialect: the one place that quotes and escapes.
// A string is written in double quotes; under EscapeBackslash a `"` or `\` in it is
// preceded by a backslash, and every other character, line breaks included, is written
// as it is.
func (d Dialect) writeValue(b *strings.Builder, v Value) error {
	if err := d.CanExpress(v); err != nil {
		return err
	}
	if v.Kind != String {
		b.WriteString(v.Text)
		return nil
	}
	s := v.Text
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	if d.Escaping == EscapeNone {
		b.WriteString(s)
	} else {
		for len(s) > 0 {
			i := strings.IndexAny(s, `"\`)
			if i < 0 {
				b.WriteString(s)
				break
			}
			b.WriteString(s[:i])
			b.WriteByte('\\')
			b.WriteByte(s[i])
			s = s[i+1:]
		}
	}
	b.WriteByte('"')
	return nil
}

func (d Dialect) keyword(upper string) string {
	if d.Keywords == Lower {
		return strings.ToLower(upper)
	}
	return upper
}
