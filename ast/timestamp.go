package ast

import (
	"fmt"
	"time"
)

// timestampLayout is how messages show the form of a timestamp literal.
const timestampLayout = "t'YYYY-MM-DDTHH:MM:SS[.fraction]Z'"

// parseTimestamp decodes t'YYYY-MM-DDTHH:MM:SS[.fraction]Z', the grammar's timestamp, and
// refuses a date or time that does not exist. A second of 60 (a leap second) is read as
// the first second of the next minute.
func parseTimestamp(pos Pos, raw string) (time.Time, *Error) {
	s := raw[2 : len(raw)-1]
	bad := func() (time.Time, *Error) {
		return time.Time{}, Errorf(pos, "invalid timestamp %s: expected %s in UTC", raw,
			timestampLayout)
	}
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
		s[16] != ':' || s[len(s)-1] != 'Z' {
		return bad()
	}
	num := func(i, n int) (int, bool) {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	var f [6]int
	for i, at := range [6][2]int{{0, 4}, {5, 2}, {8, 2}, {11, 2}, {14, 2}, {17, 2}} {
		v, ok := num(at[0], at[1])
		if !ok {
			return bad()
		}
		f[i] = v
	}
	nanos, ok := fraction(s[19 : len(s)-1])
	if !ok {
		return bad()
	}
	if err := checkClock(pos, raw, f); err != nil {
		return time.Time{}, err
	}
	return time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], nanos, time.UTC), nil
}

// fraction decodes "" or ".digits" into nanoseconds, keeping the first nine digits.
func fraction(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	if s[0] != '.' || len(s) == 1 {
		return 0, false
	}
	n, scale := 0, 100000000
	for _, c := range []byte(s[1:]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n += int(c-'0') * scale
		scale /= 10
	}
	return n, true
}

// checkClock refuses a month, day, hour, minute or second that does not exist. It points
// at the offending field inside the literal.
func checkClock(pos Pos, raw string, f [6]int) *Error {
	at := func(off int, format string, args ...any) *Error {
		return Errorf(inLiteral(pos, 2+off), "impossible timestamp %s: %s", raw,
			fmt.Sprintf(format, args...))
	}
	year, month, day := f[0], f[1], f[2]
	switch {
	case month < 1 || month > 12:
		return at(5, "month %02d is not in 01-12", month)
	case day < 1 || day > 31:
		return at(8, "day %02d is not in 01-31", day)
	case day > daysIn(year, month):
		if month == 2 && day == 29 {
			return at(8, "%04d is not a leap year, so February has no day 29", year)
		}
		return at(8, "%s has %d days, not %d", time.Month(month), daysIn(year, month), day)
	case f[3] > 23:
		return at(11, "hour %02d is not in 00-23", f[3])
	case f[4] > 59:
		return at(14, "minute %02d is not in 00-59", f[4])
	case f[5] > 60:
		return at(17, "second %02d is not in 00-60", f[5])
	}
	return nil
}

// daysIn is the number of days in a month of the proleptic Gregorian calendar.
func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
