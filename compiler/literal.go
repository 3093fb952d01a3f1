package compiler

import (
	"math"
	"strconv"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

// timeLayout is how HunQ writes a time: UTC with exactly three fractional digits.
const timeLayout = "2006-01-02T15:04:05.000Z"

// FormatTime returns t as HunQ writes times: UTC with millisecond precision, truncated,
// as in 2022-04-06T00:05:00.000Z.
func FormatTime(t time.Time) string {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.Format(timeLayout)
	}
	hour, minute, sec := t.Clock()
	var b [24]byte
	digits(b[0:4], year)
	digits(b[5:7], int(month))
	digits(b[8:10], day)
	digits(b[11:13], hour)
	digits(b[14:16], minute)
	digits(b[17:19], sec)
	digits(b[20:23], t.Nanosecond()/int(time.Millisecond))
	b[4], b[7], b[10], b[13], b[16], b[19], b[23] = '-', '-', 'T', ':', ':', '.', 'Z'
	return string(b[:])
}

// digits writes n in decimal into b, zero-padded to len(b).
func digits(b []byte, n int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
}

// quote writes s in double quotes with Go escapes; only explain output uses it.
func quote(s string) string { return strconv.Quote(s) }

// searchValue returns the HunQ literal that a TERM or PREFIX field is searched with for
// a scalar literal: strings as they are, integers (and floats with an integer value) as
// their decimal text, in quotes as the connector sends them, booleans as true and false.
// Otherwise why says what the literal lacks.
//
// Limitation: timestamps, binary and hex literals and fractional floats have no agreed text
// form in the events (times are ISO text in some places and epoch milliseconds in
// others), so comparisons with them widen.
func searchValue(l ast.Literal) (v hunq.Value, why string) {
	switch l := l.(type) {
	case *ast.StringLit:
		return hunq.Str(l.Value), ""
	case *ast.IntLit:
		return hunq.Str(strconv.FormatInt(l.Value, 10)), ""
	case *ast.FloatLit:
		if l.Value == math.Trunc(l.Value) && math.Abs(l.Value) < 1<<53 {
			return hunq.Str(strconv.FormatInt(int64(l.Value), 10)), ""
		}
		return v, "a fractional number has no agreed text form"
	case *ast.BoolLit:
		return hunq.Boolean(l.Value), ""
	case *ast.TimestampLit:
		return v, "a timestamp has no agreed text form in the events"
	case *ast.BinaryLit, *ast.HexLit:
		return v, "a binary value has no agreed text form in the events"
	}
	return v, "the value has no text form"
}
