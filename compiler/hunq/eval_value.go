package hunq

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// anyLeaf reports whether test holds for a value at segs under v. Arrays met on the way
// or at the end fan out: one element is enough.
func anyLeaf(v any, segs []string, test func(any) bool) bool {
	for i, s := range segs {
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[s]
			if !ok {
				return false
			}
			v = next
		case []any:
			for _, el := range x {
				if anyLeaf(el, segs[i:], test) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	if arr, ok := v.([]any); ok {
		for _, el := range arr {
			if anyLeaf(el, nil, test) {
				return true
			}
		}
		return false
	}
	return test(v)
}

// lookup returns the value at segs under v, without fanning out over arrays.
func lookup(v any, segs []string) (any, bool) {
	for _, s := range segs {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[s]; !ok {
			return nil, false
		}
	}
	return v, true
}

// termTest compares an event value with v: numerically when both are numbers (integers
// digit by digit, so 64-bit ids keep their precision), by text otherwise.
func termTest(v Value) func(any) bool {
	text := v.Text
	intText, isInt := canonInt(text)
	num, numErr := strconv.ParseFloat(text, 64)
	isNum := numErr == nil && v.Kind != Bool && !math.IsInf(num, 0) && !math.IsNaN(num)
	return func(x any) bool {
		s, ok := scalarText(x)
		if !ok {
			return false
		}
		if s == text || !isNum {
			return s == text
		}
		if xi, ok := canonInt(s); ok && isInt {
			return xi == intText
		}
		f, ok := number(x)
		return ok && f == num
	}
}

// canonInt returns the canonical text of an integer literal: no leading zeros, no "-0".
func canonInt(s string) (string, bool) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	if s == "" || digits(s, 0) != len(s) {
		return "", false
	}
	s = strings.TrimLeft(s, "0")
	if s == "" {
		return "0", true
	}
	if neg {
		s = "-" + s
	}
	return s, true
}

// prefixTest reports whether an event value contains v, ignoring case.
func prefixTest(v Value) func(any) bool {
	if v.Text == "*" {
		return func(x any) bool { return x != nil }
	}
	needle := strings.ToLower(v.Text)
	return func(x any) bool {
		s, ok := scalarText(x)
		return ok && containsFold(s, needle)
	}
}

// containsFold reports whether lower-case needle occurs in hay once hay is lower-cased.
func containsFold(hay, needle string) bool {
	for i := 0; i < len(hay); i++ {
		if hay[i] >= utf8.RuneSelf {
			return strings.Contains(strings.ToLower(hay), needle)
		}
	}
	n := len(needle)
	for i := 0; i+n <= len(hay); i++ {
		j := 0
		for j < n && lowerASCII(hay[i+j]) == needle[j] {
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// rangeTest returns the bound test of an event value against v.
func rangeTest(field string, gte bool, v Value) (func(any) bool, error) {
	cmp := func(d int) bool {
		if gte {
			return d >= 0
		}
		return d <= 0
	}
	if v.Kind != Bool {
		if bound, err := strconv.ParseFloat(v.Text, 64); err == nil && !math.IsNaN(bound) {
			return func(x any) bool {
				f, ok := number(x)
				return ok && cmp(compareFloat(f, bound))
			}, nil
		}
		if bound, err := time.Parse(time.RFC3339Nano, v.Text); err == nil {
			return func(x any) bool {
				t, ok := timeOf(x)
				return ok && cmp(t.Compare(bound))
			}, nil
		}
	}
	return nil, fmt.Errorf("hunq: %s takes a number or an RFC 3339 timestamp, not %s",
		field, v)
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// number returns the numeric value of an event value: a JSON number or a numeric string.
func number(x any) (float64, bool) {
	switch x := x.(type) {
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil && !math.IsNaN(f)
	}
	return 0, false
}

// timeOf returns the time of an event value as the event to STIX mapping reads
// timestamps: an RFC 3339 string (a space may replace the T), or epoch milliseconds as a
// number or a string of digits.
func timeOf(x any) (time.Time, bool) {
	if s, ok := x.(string); ok {
		if !strings.ContainsAny(s, "-:T ") {
			ms, err := strconv.ParseFloat(s, 64)
			return time.UnixMilli(int64(ms)), err == nil && !math.IsNaN(ms)
		}
		if len(s) > 10 && s[10] == ' ' {
			s = s[:10] + "T" + s[11:]
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		return t, err == nil
	}
	if ms, ok := number(x); ok {
		return time.UnixMilli(int64(ms)), true
	}
	return time.Time{}, false
}

// scalarText returns the text of a string, number or boolean event value.
func scalarText(x any) (string, bool) {
	switch x.(type) {
	case string, float64, json.Number, int, int64, bool:
		return leafText(x), true
	}
	return "", false
}

func leafText(x any) string {
	switch x := x.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}
