package match

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/stix2hunq/stix2hunq/ast"
	"golang.org/x/text/unicode/norm"
)

// textMatcher is a compiled LIKE or MATCHES operand.
type textMatcher struct {
	re *regexp.Regexp
	// binary reports whether the operand may be applied to binary values: every code point
	// of the (normalised) operand is below 256, the reference's rule.
	binary bool
	like   bool
}

// compileLike translates a LIKE pattern: % is any run of characters, _ any one character,
// everything else stands for itself (there is no escape character). The whole value must
// match. The pattern and the values are put in Unicode normal form C first, as the
// specification and the reference require.
//
// Note: % and _ also match line breaks, and the match must end at the end of the value.
// The reference translates to a Python expression where . stops at a line break and $
// also matches before a final line break, so that 'abc' LIKE 'abc' holds for "abc\n"
// there: SQL's LIKE, which the specification follows, has neither exception.
func compileLike(like string) *textMatcher {
	like = norm.NFC.String(like)
	var sb strings.Builder
	sb.WriteString(`^(?s:`)
	for _, r := range like {
		switch r {
		case '%':
			sb.WriteString(".*")
		case '_':
			sb.WriteString(".")
		default:
			sb.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	sb.WriteString(`)$`)
	_, binary := latin1(like)
	return &textMatcher{re: regexp.MustCompile(sb.String()), binary: binary, like: true}
}

// compileMatches compiles a MATCHES operand. The match is a search: the expression may
// match anywhere in the value unless it anchors itself, as with the reference's re.search.
//
// Note: the expression is read with Go's RE2 syntax and semantics, as ast.Check defines
// them, not Python's as in the reference: look-around and back-references are refused;
// \d, \w, \s and \b are ASCII classes (as in PCRE, which the specification names; the
// reference's are Unicode classes on strings); and $ matches only at the end of the value
// (PCRE and the reference also match it before a final line break), which keeps
// ^literal$ equal to the literal, as the compiler assumes.
func compileMatches(s *ast.StringLit) (*textMatcher, error) {
	src := norm.NFC.String(s.Value)
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, ast.Errorf(s.Pos, "invalid regular expression %q: %v", s.Value, err)
	}
	_, binary := latin1(src)
	return &textMatcher{re: re, binary: binary}, nil
}

// match applies the operand to one value. A string matches in normal form C. A binary
// value matches as the reference has it, when the operand is binary: LIKE reads the bytes
// as UTF-8 (bytes that are not UTF-8 match nothing; the reference stops with an error),
// MATCHES reads them as ISO 8859-1, one code point per byte, so that the expression
// matches byte for byte. Other values match nothing.
func (t *textMatcher) match(v any) bool {
	switch x := v.(type) {
	case string:
		return t.re.MatchString(norm.NFC.String(x))
	case []byte:
		switch {
		case !t.binary:
			return false
		case t.like:
			return utf8.Valid(x) && t.re.MatchString(norm.NFC.String(string(x)))
		}
		return t.re.MatchString(latin1String(x))
	}
	return false
}
