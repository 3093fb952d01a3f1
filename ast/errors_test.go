package ast_test

import (
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
)

// TestParseErrors pins the message and position of every way the grammar and the checks
// refuse a pattern: one row per rule.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		// Scanner.
		{"empty", "", "1:1: empty pattern: expected an observation expression"},
		{"only space", " \t\n", "2:1: empty pattern: expected an observation expression"},
		{"only a comment", "/* x */", "1:8: empty pattern: expected an observation expression"},
		{"bad character", "[a:b = 1] @", "1:11: unexpected character '@'"},
		{"lone bang", "[a:b ! 1]", `1:6: unexpected character '!': expected "!="`},
		{"unterminated string", "[a:b = 'x]", "1:8: unterminated string: expected a closing quote"},
		{"bad escape", `[a:b = 'a\n']`,
			`1:10: invalid escape \n in string: only \' and \\ are allowed`},
		{"unterminated comment", "[a:b = 1] /* x", "1:11: unterminated comment: expected */"},
		{"sign without number", "[a:b = -]",
			"1:8: unexpected character '-': expected a number after the sign"},
		{"unterminated timestamp", "[a:b = t'2020]",
			"1:8: unterminated timestamp: expected a closing quote"},
		// Grammar.
		{"no brackets", "file:size = 1280",
			`1:1: expected an observation expression ("[" or "("), found identifier file`},
		{"missing value", "[file:size = ]", `1:14: expected a value, found "]"`},
		{"unquoted string", "[file:hashes.MD5 = cead3f]",
			"1:20: expected a value, found identifier cead3f (strings are in single quotes: " +
				"'cead3f')"},
		{"dot for colon", "[file.size = 1280]", `1:6: expected ":", found "."`},
		{"missing property", "[a: = 1]", `1:5: expected a property name, found "="`},
		{"missing step", "[a:b. = 1]", `1:7: expected a property name, found "="`},
		{"bad index", "[a:b[x] = 1]",
			`1:6: expected a list index (an integer or "*"), found identifier x`},
		{"unclosed index", "[a:b[1 = 1]", `1:8: expected "]", found "="`},
		{"missing operator", "[a:b 1]", `1:6: expected a comparison operator, found "1"`},
		{"NOT without operator", "[a:b NOT x]",
			"1:10: expected a comparison operator, found identifier x"},
		{"NOT before the path", "[NOT a:b = 1]", `1:2: expected a comparison, found "NOT" ` +
			`(NOT follows the object path: file:name NOT = 'a')`},
		{"EXISTS without path", "[EXISTS 1]", `1:9: expected an object path, found "1"`},
		{"empty brackets", "[]", `1:2: expected a comparison, found "]"`},
		{"missing comparison", "[a:b = 1 AND ]", `1:14: expected a comparison, found "]"`},
		{"two comparisons", "[a:b = 1 c:d = 2]",
			`1:10: expected AND, OR or "]", found identifier c`},
		{"unclosed bracket", "[a:b = 1", `1:9: expected AND, OR or "]", found end of pattern`},
		{"unclosed group", "[(a:b = 1]", `1:10: expected AND, OR or ")", found "]"`},
		{"stray parenthesis", "[a:b = 1)]", `1:9: expected AND, OR or "]", found ")"`},
		{"set without comma", "[a:b IN (1 2)]", `1:12: expected "," or ")", found "2"`},
		{"set trailing comma", "[a:b IN (1,)]", `1:12: expected a literal, found ")"`},
		{"nested set", "[a:b IN ((1))]", `1:10: expected a literal, found "("`},
		{"trailing bracket", "[a:b = 1]]",
			`1:10: expected AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern, found "]"`},
		{"two observations", "[a:b = 1] [c:d = 1]",
			`1:11: expected AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern, found "["`},
		{"lower-case keyword", "[foo:bar=1] within 2 seconds",
			"1:13: expected AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern, found " +
				"identifier within (keywords are upper case: WITHIN)"},
		{"dangling AND", "[a:b = 1] AND",
			"1:14: expected an observation expression, found end of pattern"},
		{"empty group", "()", `1:2: expected an observation expression, found ")"`},
		{"unclosed observation group", "([a:b = 1] ", `1:12: expected ")", found end of pattern`},
		{"WITHIN without number", "[a:b = 1] WITHIN ]",
			`1:18: expected a number of seconds, found "]"`},
		{"WITHIN without SECONDS", "[a:b = 1] WITHIN 5 HOURS",
			"1:20: expected SECONDS, found identifier HOURS"},
		{"REPEATS without TIMES", "[a:b = 1] REPEATS 2",
			"1:20: expected TIMES, found end of pattern"},
		{"START without STOP", "[a:b = 1] START t'2020-01-01T00:00:00Z'",
			"1:40: expected STOP, found end of pattern"},
		{"STOP without timestamp", "[a:b = 1] START t'2020-01-01T00:00:00Z' STOP ]",
			`1:46: expected a timestamp t'...', found "]"`},
		// Literals.
		{"leading zero", "[a:b = 007]", "1:8: integer 007 has a leading zero"},
		{"integer overflow", "[a:b = 9223372036854775808]",
			"1:8: integer 9223372036854775808 does not fit in 64 bits"},
		{"hyphen in property", "[a-b:c-d = 1]",
			"1:6: property name c-d has a hyphen: quote it as 'c-d'"},
		{"timestamp shape", "[a:b = t'2020-01-01']",
			"1:8: invalid timestamp t'2020-01-01': expected t'YYYY-MM-DDTHH:MM:SS[.fraction]Z' " +
				"in UTC"},
		{"timestamp offset", "[a:b = t'2020-01-01T00:00:00+01:00']",
			"1:8: invalid timestamp t'2020-01-01T00:00:00+01:00': expected " +
				"t'YYYY-MM-DDTHH:MM:SS[.fraction]Z' in UTC"},
		{"month 13", "[a:b = t'2020-13-01T00:00:00Z']",
			"1:15: impossible timestamp t'2020-13-01T00:00:00Z': month 13 is not in 01-12"},
		{"day 32", "[a:b = t'2020-01-32T00:00:00Z']",
			"1:18: impossible timestamp t'2020-01-32T00:00:00Z': day 32 is not in 01-31"},
		{"30 February", "[a:b = t'2024-02-30T00:00:00Z']",
			"1:18: impossible timestamp t'2024-02-30T00:00:00Z': February has 29 days, not 30"},
		{"29 February", "[a:b = t'2023-02-29T00:00:00Z']",
			"1:18: impossible timestamp t'2023-02-29T00:00:00Z': 2023 is not a leap year, so " +
				"February has no day 29"},
		{"31 April", "[a:b = t'2021-04-31T00:00:00Z']",
			"1:18: impossible timestamp t'2021-04-31T00:00:00Z': April has 30 days, not 31"},
		{"hour 24", "[a:b = t'2021-04-01T24:00:00Z']",
			"1:21: impossible timestamp t'2021-04-01T24:00:00Z': hour 24 is not in 00-23"},
		{"minute 60", "[a:b = t'2021-04-01T23:60:00Z']",
			"1:24: impossible timestamp t'2021-04-01T23:60:00Z': minute 60 is not in 00-59"},
		{"second 61", "[a:b = t'2021-04-01T23:59:61Z']",
			"1:27: impossible timestamp t'2021-04-01T23:59:61Z': second 61 is not in 00-60"},
		{"base64 padding", "[a:b = b'AAA']",
			"1:10: invalid base64 in binary literal b'AAA': it needs groups of four characters, " +
				"padded with ="},
		{"base64 only padding", "[a:b = b'====']",
			"1:10: invalid base64 in binary literal b'====': it needs groups of four characters, " +
				"padded with ="},
		{"base64 character", "[a:b = b'AA*A']",
			"1:12: invalid base64 in binary literal: unexpected character '*'"},
		{"empty binary", "[a:b = b'']", "1:8: binary literal b'' is empty: expected base64 text"},
		{"odd hex", "[a:b = h'abc']",
			"1:8: invalid hex literal h'abc': it needs an even number of digits"},
		{"hex character", "[a:b = h'0g']", "1:11: invalid hex literal: 'g' is not a hex digit"},
		// Checks.
		{"LIKE on a number", "[a:b LIKE 5]", "1:11: LIKE needs a string, found an integer"},
		{"MATCHES on a boolean", "[a:b MATCHES true]",
			"1:14: MATCHES needs a string, found a boolean"},
		{"bad regular expression", "[a:b MATCHES '(a']",
			"1:14: MATCHES needs a regular expression in RE2 syntax: missing closing ): `(a`"},
		{"lookahead", "[a:b MATCHES 'a(?=b)']",
			"1:14: MATCHES needs a regular expression in RE2 syntax: RE2 has no lookahead (?=...)"},
		{"backreference", `[a:b MATCHES '(a)\\1']`,
			`1:14: MATCHES needs a regular expression in RE2 syntax: RE2 has no backreferences ` +
				`(\1)`},
		{"ISSUBSET on a word", "[a:b ISSUBSET 'foo']",
			"1:15: ISSUBSET needs an IPv4 or IPv6 address or CIDR block, found 'foo'"},
		{"ISSUPERSET bad prefix", "[a:b ISSUPERSET '10.0.0.0/33']",
			"1:17: ISSUPERSET needs an IPv4 or IPv6 address or CIDR block, found '10.0.0.0/33'"},
		{"IN without a set", "[a:b IN 5]",
			"1:9: IN needs a set of values in parentheses, found an integer"},
		{"set mixes kinds", "[a:b IN ('a', 1)]",
			"1:15: set members must be of one kind: found an integer among strings"},
		{"equal to a set", "[a:b = (1, 2)]",
			"1:8: = needs a single value, found a set (IN takes a set)"},
		{"order on a boolean", "[a:b > true]",
			"1:8: > needs an orderable value (a number, string, timestamp, binary or hex " +
				"literal), found a boolean"},
		{"START with a string", "[a:b = 1] START '2020' STOP t'2021-01-01T00:00:00Z'",
			"1:17: START needs a timestamp t'...', found a string"},
		{"START not before STOP",
			"[a:b = 1] START t'2021-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'",
			"1:11: START t'2021-01-01T00:00:00Z' is not before STOP t'2021-01-01T00:00:00Z'"},
		{"WITHIN a string", "[a:b = 1] WITHIN '5' SECONDS",
			"1:18: WITHIN needs a number of seconds, found a string"},
		{"WITHIN zero", "[a:b = 1] WITHIN 0 SECONDS",
			"1:11: WITHIN needs a positive number of seconds, found 0"},
		{"WITHIN negative", "[a:b = 1] WITHIN -1.5 SECONDS",
			"1:11: WITHIN needs a positive number of seconds, found -1.5"},
		{"REPEATS zero", "[a:b = 1] REPEATS 0 TIMES",
			"1:11: REPEATS needs a positive number of times, found 0"},
		{"REPEATS a float", "[a:b = 1] REPEATS 2.5 TIMES",
			"1:19: REPEATS needs a whole number of times, found a float"},
		// Positions on later lines and after wide characters.
		{"second line", "[a:b = 'ü']\nAND [c:d = ]", `2:12: expected a value, found "]"`},
		{"after a multi-line string", "[a:b = 'x\ny' AND c:d = t'2020-02-30T00:00:00Z']",
			"2:24: impossible timestamp t'2020-02-30T00:00:00Z': February has 29 days, not 30"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ast.Parse(c.src, ast.ParseOptions{})
			want := "pattern:" + c.want
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want %q", c.src, want)
			}
			if got := err.Error(); got != want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", c.src, got, want)
			}
		})
	}
}

// TestParseErrorsAll: checks report every comparison and qualifier they refuse.
func TestParseErrorsAll(t *testing.T) {
	src := "[a:b LIKE 1 AND c:d IN 2] WITHIN 0 SECONDS"
	_, err := ast.Parse(src, ast.ParseOptions{})
	var list ast.ErrorList
	if !errorsAs(err, &list) || len(list) != 3 {
		t.Fatalf("got %v, want three errors", err)
	}
	want := []string{
		"pattern:1:11: LIKE needs a string, found an integer",
		"pattern:1:24: IN needs a set of values in parentheses, found an integer",
		"pattern:1:27: WITHIN needs a positive number of seconds, found 0",
	}
	if got := strings.Split(err.Error(), "\n"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got\n%s\nwant\n%s", err, strings.Join(want, "\n"))
	}
}

// TestParseVersion: EXISTS is STIX 2.1 only.
func TestParseVersion(t *testing.T) {
	src := "[EXISTS file:name]"
	if _, err := ast.Parse(src, ast.ParseOptions{Version: ast.V21}); err != nil {
		t.Errorf("2.1: %v", err)
	}
	_, err := ast.Parse(src, ast.ParseOptions{Version: ast.V20})
	want := "pattern:1:2: EXISTS is not part of STIX 2.0 patterns (it is new in 2.1)"
	if err == nil || err.Error() != want {
		t.Errorf("2.0: got %v, want %q", err, want)
	}
}
