package match

import (
	"encoding/json"
	"math"
)

// number is a numeric value: an exact integer when isInt, a float otherwise.
type number struct {
	isInt bool
	i     int64
	f     float64
}

// asNumber converts a decoded JSON number or a Go number. Booleans are not numbers.
func asNumber(v any) (number, bool) {
	switch n := v.(type) {
	case float64:
		return number{f: n}, true
	case float32:
		return number{f: float64(n)}, true
	case int:
		return number{isInt: true, i: int64(n)}, true
	case int64:
		return number{isInt: true, i: n}, true
	case int32:
		return number{isInt: true, i: int64(n)}, true
	case uint32:
		return number{isInt: true, i: int64(n)}, true
	case uint64:
		if n <= math.MaxInt64 {
			return number{isInt: true, i: int64(n)}, true
		}
		return number{f: float64(n)}, true
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return number{isInt: true, i: i}, true
		}
		if f, err := n.Float64(); err == nil {
			return number{f: f}, true
		}
	}
	return number{}, false
}

// cmpNumbers compares two numbers exactly, as Python compares an int with a float: an
// integer is not rounded to a float first. ok is false when either is NaN, which is
// neither equal to nor ordered with anything.
func cmpNumbers(a, b number) (c int, ok bool) {
	switch {
	case a.isInt && b.isInt:
		return cmpOrdered(a.i, b.i), true
	case a.isInt:
		c, ok = cmpIntFloat(a.i, b.f)
		return c, ok
	case b.isInt:
		c, ok = cmpIntFloat(b.i, a.f)
		return -c, ok
	}
	if math.IsNaN(a.f) || math.IsNaN(b.f) {
		return 0, false
	}
	return cmpOrdered(a.f, b.f), true
}

// cmpIntFloat compares an integer with a float without rounding the integer.
func cmpIntFloat(i int64, f float64) (int, bool) {
	switch {
	case math.IsNaN(f):
		return 0, false
	case f >= math.MaxInt64: // 2^63 and above, +Inf
		return -1, true
	case f < math.MinInt64: // below -2^63, -Inf
		return 1, true
	}
	t := math.Trunc(f)
	if c := cmpOrdered(i, int64(t)); c != 0 {
		return c, true
	}
	return cmpOrdered(0, f-t), true
}

func cmpOrdered[T int64 | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
