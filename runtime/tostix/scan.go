package tostix

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// errShort reports that the input ended inside a value; a streaming reader then reads more.
var errShort = errors.New("unexpected end of input")

// maxDepth bounds the nesting of arrays and objects in one event.
const maxDepth = 1000

// SyntaxError is a document that is not JSON, with the byte offset of the problem
// counted from the start of the input stream.
type SyntaxError struct {
	Offset int64
	Msg    string
}

// Error spells the error as "invalid JSON at byte offset N: MSG".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at byte offset %d: %s", e.Offset, e.Msg)
}

// scanErr is a syntax error at an offset inside the scanned buffer.
type scanErr struct {
	off int
	msg string
}

func (e *scanErr) Error() string { return fmt.Sprintf("offset %d: %s", e.off, e.msg) }

func bad(b []byte, i int, what string) error {
	if i >= len(b) {
		return errShort
	}
	return &scanErr{i, fmt.Sprintf("%s, found %s", what, quoteByte(b[i]))}
}

func quoteByte(c byte) string {
	if c < utf8.RuneSelf {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// skipValue validates the value starting at b[i] and returns the offset just after it.
func skipValue(b []byte, i, depth int) (int, error) {
	if i >= len(b) {
		return i, errShort
	}
	switch c := b[i]; {
	case c == '"':
		end, _, err := scanString(b, i)
		return end, err
	case c == '{':
		return skipObject(b, i, depth)
	case c == '[':
		return skipArray(b, i, depth)
	case c == '-' || (c >= '0' && c <= '9'):
		return scanNumber(b, i)
	case c == 't':
		return scanLiteral(b, i, "true")
	case c == 'f':
		return scanLiteral(b, i, "false")
	case c == 'n':
		return scanLiteral(b, i, "null")
	}
	return i, bad(b, i, "expected a value")
}

func skipObject(b []byte, i, depth int) (int, error) {
	if depth >= maxDepth {
		return i, &scanErr{i, "nesting too deep"}
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, nil
	}
	for {
		var err error
		if i, err = expectKey(b, i); err != nil {
			return i, err
		}
		if i, err = skipValue(b, skipSpace(b, i), depth+1); err != nil {
			return i, err
		}
		var done bool
		if i, done, err = nextMember(b, i, '}'); err != nil || done {
			return i, err
		}
	}
}

func skipArray(b []byte, i, depth int) (int, error) {
	if depth >= maxDepth {
		return i, &scanErr{i, "nesting too deep"}
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return i + 1, nil
	}
	for {
		var err error
		if i, err = skipValue(b, i, depth+1); err != nil {
			return i, err
		}
		var done bool
		if i, done, err = nextMember(b, i, ']'); err != nil || done {
			return i, err
		}
	}
}

// expectKey scans `"key" :` at b[i] and returns the offset after the colon.
func expectKey(b []byte, i int) (int, error) {
	if i >= len(b) || b[i] != '"' {
		return i, bad(b, i, "expected a string key")
	}
	end, _, err := scanString(b, i)
	if err != nil {
		return end, err
	}
	end = skipSpace(b, end)
	if end >= len(b) || b[end] != ':' {
		return end, bad(b, end, "expected ':' after a key")
	}
	return end + 1, nil
}

// nextMember skips a ',' (and the space after it) or the closing byte.
func nextMember(b []byte, i int, closing byte) (int, bool, error) {
	i = skipSpace(b, i)
	if i >= len(b) {
		return i, false, errShort
	}
	switch b[i] {
	case ',':
		return skipSpace(b, i+1), false, nil
	case closing:
		return i + 1, true, nil
	}
	return i, false, bad(b, i, fmt.Sprintf("expected ',' or '%c'", closing))
}

// scanString scans the string at b[i] (a '"'); it reports whether it holds escapes.
func scanString(b []byte, i int) (int, bool, error) {
	esc := false
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			return j + 1, esc, nil
		case c == '\\':
			esc = true
			n, err := scanEscape(b, j)
			if err != nil {
				return n, esc, err
			}
			j = n - 1
		case c < 0x20:
			return j, esc, &scanErr{j, "control character in a string"}
		}
	}
	return len(b), esc, errShort
}

func scanEscape(b []byte, j int) (int, error) {
	if j+1 >= len(b) {
		return j, errShort
	}
	switch b[j+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return j + 2, nil
	case 'u':
		for k := j + 2; k < j+6; k++ {
			if k >= len(b) {
				return k, errShort
			}
			if !isHex(b[k]) {
				return k, &scanErr{k, "invalid \\u escape"}
			}
		}
		return j + 6, nil
	}
	return j + 1, &scanErr{j + 1, "invalid escape in a string"}
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func scanNumber(b []byte, i int) (int, error) {
	j := i
	if b[j] == '-' {
		j++
	}
	digits := func(k int) int {
		for k < len(b) && b[k] >= '0' && b[k] <= '9' {
			k++
		}
		return k
	}
	switch {
	case j >= len(b):
		return j, errShort
	case b[j] == '0':
		j++
	case b[j] >= '1' && b[j] <= '9':
		j = digits(j)
	default:
		return j, bad(b, j, "expected a digit")
	}
	if j < len(b) && b[j] == '.' {
		k := digits(j + 1)
		if k == j+1 {
			return k, bad(b, k, "expected a digit after '.'")
		}
		j = k
	}
	if j < len(b) && (b[j] == 'e' || b[j] == 'E') {
		j++
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		k := digits(j)
		if k == j {
			return k, bad(b, k, "expected a digit in the exponent")
		}
		j = k
	}
	if j == len(b) {
		// A number may continue in the next buffer.
		return j, errShort
	}
	return j, nil
}

func scanLiteral(b []byte, i int, lit string) (int, error) {
	for k := 0; k < len(lit); k++ {
		if i+k >= len(b) {
			return i + k, errShort
		}
		if b[i+k] != lit[k] {
			return i + k, bad(b, i+k, "invalid literal")
		}
	}
	return i + len(lit), nil
}

// unquote decodes a scanned JSON string token (quotes included). Invalid UTF-8 becomes
// U+FFFD, as encoding/json does.
func unquote(raw []byte) string {
	s := raw[1 : len(raw)-1]
	if !hasEscapeOrBadUTF8(s) {
		return string(s)
	}
	return string(appendUnquoted(make([]byte, 0, len(s)), s))
}

// appendUnquoted appends the decoded text of the inside s of a scanned JSON string.
func appendUnquoted(out, s []byte) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			r, n := utf8.DecodeRune(s[i:])
			out = utf8.AppendRune(out, r)
			i += n
			continue
		}
		i++
		switch s[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n := decodeU(s, i)
			out = utf8.AppendRune(out, r)
			i += n - 1
		default:
			out = append(out, s[i])
		}
		i++
	}
	return out
}

// peek returns the text of a scanned JSON string token like unquote, without copying it
// when it has no escapes and is valid UTF-8. The result shares raw's memory: it is for
// parsing and comparing only, and must not outlive raw.
func peek(raw []byte) string {
	s := raw[1 : len(raw)-1]
	if len(s) == 0 || hasEscapeOrBadUTF8(s) {
		return unquote(raw)
	}
	return unsafe.String(unsafe.SliceData(s), len(s))
}

func hasEscapeOrBadUTF8(s []byte) bool {
	return bytes.IndexByte(s, '\\') >= 0 || !utf8.Valid(s)
}

// decodeU decodes \uXXXX at s[i] ('u'), joining a surrogate pair; it returns the rune and
// how many bytes it used from s[i].
func decodeU(s []byte, i int) (rune, int) {
	r := hex4(s[i+1 : i+5])
	if utf16.IsSurrogate(r) && i+11 <= len(s) && s[i+5] == '\\' && s[i+6] == 'u' {
		if r2 := utf16.DecodeRune(r, hex4(s[i+7:i+11])); r2 != utf8.RuneError {
			return r2, 11
		}
	}
	if utf16.IsSurrogate(r) {
		return utf8.RuneError, 5
	}
	return r, 5
}

func hex4(h []byte) rune {
	var r rune
	for _, c := range h {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		default:
			r |= rune(c - 'A' + 10)
		}
	}
	return r
}
