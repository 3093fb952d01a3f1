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
	_, err := d.quote(v)
	return err
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

// quote writes v as a literal of the dialect.
func (d Dialect) quote(v Value) (string, error) {
	switch v.Kind {
	case Number:
		if !isNumber(v.Text) {
			return "", &InexpressibleError{v, "not a decimal number"}
		}
		return v.Text, nil
	case Bool:
		if v.Text != "true" && v.Text != "false" {
			return "", &InexpressibleError{v, "not true or false"}
		}
		return v.Text, nil
	case String:
		return d.quoteString(v)
	}
	return "", &InexpressibleError{v, "unknown kind"}
}

func (d Dialect) quoteString(v Value) (string, error) {
	s := v.Text
	if !utf8.ValidString(s) {
		return "", &InexpressibleError{v, "not valid UTF-8"}
	}
	if d.Escaping == EscapeNone {
		if strings.ContainsRune(s, '"') {
			return "", &InexpressibleError{v, `a double quote needs escaping`}
		}
		return `"` + s + `"`, nil
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String(), nil
}

func (d Dialect) keyword(upper string) string {
	if d.Keywords == Lower {
		return strings.ToLower(upper)
	}
	return upper
}
