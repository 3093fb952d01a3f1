package tostix

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// member is one member of a JSON object being written in canonical form.
type member struct {
	key string
	val []byte
}

// writeMembers writes an object with its members sorted by key (RFC 8785, section 3.2.3).
//
// Limitation: keys are sorted by UTF-8 bytes, not UTF-16 code units as RFC 8785 says;
// the two orders differ only for keys mixing characters above U+FFFF with characters in
// U+E000..U+FFFF, which no table key does.
func writeMembers(dst []byte, ms []member) []byte {
	for i := 1; i < len(ms); i++ { // insertion sort: a handful of members
		for j := i; j > 0 && ms[j].key < ms[j-1].key; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
	dst = append(dst, '{')
	for i, m := range ms {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, m.key)
		dst = append(dst, ':')
		dst = append(dst, m.val...)
	}
	return append(dst, '}')
}

// canonicalRaw appends a raw JSON value in RFC 8785 form.
func canonicalRaw(dst []byte, raw []byte) []byte {
	switch {
	case raw[0] == '"' && !hasEscapeOrBadUTF8(raw):
		return append(dst, raw...) // a JSON string without escapes is canonical
	case raw[0] == '"':
		return appendString(dst, peek(raw))
	case isNumber(raw) && !bytes.ContainsAny(raw, ".eE") && len(raw) < 16:
		return append(dst, raw...)
	case raw[0] == 't' || raw[0] == 'f':
		return append(dst, raw...)
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return append(dst, raw...)
	}
	return canonicalAny(dst, v)
}

func canonicalAny(dst []byte, v any) []byte {
	switch v := v.(type) {
	case map[string]any:
		ms := make([]member, 0, len(v))
		for k, x := range v {
			ms = append(ms, member{k, canonicalAny(nil, x)})
		}
		return writeMembers(dst, ms)
	case []any:
		dst = append(dst, '[')
		for i, x := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = canonicalAny(dst, x)
		}
		return append(dst, ']')
	case string:
		return appendString(dst, v)
	case json.Number:
		f, _ := strconv.ParseFloat(string(v), 64)
		return append(dst, es6Number(f)...)
	case bool:
		return strconv.AppendBool(dst, v)
	}
	return append(dst, "null"...)
}

// es6Number formats f as ECMAScript's Number.prototype.toString does (RFC 8785, 3.2.2.3).
func es6Number(f float64) string {
	if f == 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return "0"
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±xx
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	n, k := x+1, len(digits)
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	s := digits[:1]
	if k > 1 {
		s += "." + digits[1:]
	}
	es := "+"
	if n-1 < 0 {
		es = "-"
	}
	return sign + s + "e" + es + strconv.Itoa(max(n-1, 1-n))
}
