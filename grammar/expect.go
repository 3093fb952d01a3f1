package grammar

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// expected names, for messages, what the grammar's productions start with.
var expected = map[string]string{
	"Observations": "an observation expression",
	"Qualified":    "an observation expression",
	"Comparisons":  "a comparison",
	"PropTest":     "a comparison",
	"Path":         "an object path",
	"Step":         "a path step",
	"Value":        "a value",
	"Set":          "a set",
	"Literal":      "a literal",
	"Instant":      "a timestamp t'...'",
	"Seconds":      "a number of seconds",
	"Count":        "a number of repetitions",
}

// expectation extracts from participle's message what it expected: the first element of
// the sequence it names, in words. It returns "" when participle named nothing.
func expectation(msg string) string {
	const marker = " (expected "
	i := strings.Index(msg, marker)
	if i < 0 || !strings.HasSuffix(msg, ")") {
		return ""
	}
	seq := msg[i+len(marker) : len(msg)-1]
	switch {
	case strings.HasPrefix(seq, "(<operator>"):
		return "a comparison operator"
	case strings.HasPrefix(seq, "(<int>"):
		return `a list index (an integer or "*")`
	case strings.HasPrefix(seq, "(<ident>"):
		return "a property name"
	case strings.HasPrefix(seq, "(<string>"):
		return "a literal"
	case strings.HasPrefix(seq, `"`):
		lit := seq[1 : strings.IndexByte(seq[1:], '"')+1]
		if keywords[lit] {
			return lit
		}
		return `"` + lit + `"`
	}
	name, _, _ := strings.Cut(seq, " ")
	if words, ok := expected[strings.TrimSuffix(name, "*")]; ok {
		return words
	}
	return name
}

// unexpected builds the error for tok where the grammar wanted want ("" when it wanted
// the pattern to end, or did not say).
func unexpected(tok lexer.Token, want string, first lexer.Position) *Error {
	if want == "" {
		want = "AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern"
		if tok.Pos.Offset == first.Offset {
			want = `an observation expression ("[" or "(")`
		}
	}
	return errorf(tok.Pos, "expected %s, found %s%s", want, describe(tok), hint(tok, want))
}

// describe names a token for a message, shortening long ones.
func describe(t lexer.Token) string {
	if t.EOF() {
		return "end of pattern"
	}
	v := t.Value
	if utf8.RuneCountInString(v) > 40 {
		v = string([]rune(v)[:37]) + "..."
	}
	switch t.Type {
	case BracketText:
		return `"["`
	case String, Timestamp, Binary, Hex:
		return v
	case Ident:
		return "identifier " + v
	}
	return fmt.Sprintf("%q", v)
}

// hint suggests the fix for two common slips: a string without quotes, and a keyword
// written in lower case.
func hint(t lexer.Token, want string) string {
	if t.Type != Ident {
		return ""
	}
	if up := strings.ToUpper(t.Value); keywords[up] && up != t.Value {
		return " (keywords are upper case: " + up + ")"
	}
	if want == "a value" || want == "a literal" {
		return " (strings are in single quotes: '" + t.Value + "')"
	}
	return ""
}
