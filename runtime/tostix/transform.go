package tostix

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"
)

// transformer turns the raw JSON value found at a source path (never null or empty) into
// the raw JSON value of the property. It returns nil to skip the value: silently when msg
// is empty (a string that is not an address, a path without a directory), with a warning
// otherwise (a wrong type, an unknown code).
type transformer func(x *xctx, raw []byte) (val []byte, msg string)

// xctx is the per-mapper scratch that transformers append their output to.
type xctx struct {
	arena   []byte
	scratch []byte // the text of the string being transformed, when it has escapes
	codes   map[string]map[string]string
}

// view returns the text of a raw JSON string without allocating: it shares raw's memory,
// or the scratch's when raw has escapes, so it is valid until the next view.
func (x *xctx) view(raw []byte) string {
	s := raw[1 : len(raw)-1]
	if !hasEscapeOrBadUTF8(s) {
		return unsafe.String(unsafe.SliceData(s), len(s))
	}
	x.scratch = appendUnquoted(x.scratch[:0], s)
	return unsafe.String(unsafe.SliceData(x.scratch), len(x.scratch))
}

// Transformers documents the names a table may use in "as", with what each accepts.
var Transformers = map[string]string{
	"str":            "a string, kept (the default)",
	"text":           "a string, number or boolean, as a string",
	"scalar":         "a string, number or boolean, kept",
	"json":           "any value, kept",
	"int":            "an integer, or a string of one, as an integer (no fraction)",
	"hexint":         "a hexadecimal string (0x optional) or a number, as an integer",
	"bool":           "a boolean, or the string true or false",
	"timestamp":      "an RFC 3339 string, or epoch milliseconds, as a STIX timestamp",
	"dirpath":        "a Windows or POSIX path, as the directory that holds it",
	"basename":       "a Windows or POSIX path, as its last element",
	"protocols":      "a protocol code or names (\"TCP, UDP\") as a list of lower-case names",
	"address_family": "an address family code (0, 1) as its name; a name is kept",
	"event_name":     "an eventType code, as the event name",
	"tactic_name":    "a MITRE ATT&CK tactic number, as the tactic name (\"Unknown\" if unknown)",
	"ipv4":           "an IPv4 address string (anything else is skipped silently)",
	"ipv6":           "an IPv6 address string (anything else is skipped silently)",
}

var transformers map[string]transformer

func init() {
	transformers = map[string]transformer{
		"": xfStr, "str": xfStr, "text": xfText, "scalar": xfScalar, "json": xfJSON,
		"int": xfInt, "hexint": xfHexInt, "bool": xfBool, "timestamp": xfTimestamp,
		"dirpath": xfDirPath, "basename": xfBaseName, "protocols": xfProtocols,
		"address_family": codeXF("address_family", true),
		"event_name":     codeXF("event_name", false),
		"tactic_name":    xfTactic, "ipv4": ipXF(true), "ipv6": ipXF(false),
	}
}

// kindOf names the JSON kind of a raw value for messages.
func kindOf(raw []byte) string {
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func want(what string, raw []byte) string { return "want " + what + ", got " + kindOf(raw) }

// keep returns a raw string value as output, re-encoded if it holds invalid UTF-8.
func (x *xctx) keep(raw []byte) []byte {
	if utf8.Valid(raw) {
		return raw
	}
	return x.str(unquote(raw))
}

// str appends s as a JSON string to the arena and returns it.
func (x *xctx) str(s string) []byte {
	n := len(x.arena)
	x.arena = appendString(x.arena, s)
	return x.arena[n:len(x.arena):len(x.arena)]
}

func (x *xctx) int(i int64) []byte {
	n := len(x.arena)
	x.arena = strconv.AppendInt(x.arena, i, 10)
	return x.arena[n:len(x.arena):len(x.arena)]
}

func (x *xctx) bytes(b []byte) []byte {
	n := len(x.arena)
	x.arena = append(x.arena, b...)
	return x.arena[n:len(x.arena):len(x.arena)]
}

func xfStr(x *xctx, raw []byte) ([]byte, string) {
	if raw[0] != '"' {
		return nil, want("a string", raw)
	}
	return x.keep(raw), ""
}

func xfText(x *xctx, raw []byte) ([]byte, string) {
	switch raw[0] {
	case '"':
		return x.keep(raw), ""
	case '{', '[':
		return nil, want("a string, number or boolean", raw)
	}
	return x.str(string(raw)), ""
}

func xfScalar(x *xctx, raw []byte) ([]byte, string) {
	switch raw[0] {
	case '"':
		return x.keep(raw), ""
	case '{', '[':
		return nil, want("a string, number or boolean", raw)
	}
	return raw, ""
}

// xfJSON keeps any value; a list or dictionary is compacted, and re-encoded when it holds
// invalid UTF-8.
func xfJSON(x *xctx, raw []byte) ([]byte, string) {
	if raw[0] != '{' && raw[0] != '[' {
		return x.keep(raw), ""
	}
	if !utf8.Valid(raw) {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, err.Error()
		}
		b, _ := json.Marshal(v) // a decoded value always encodes
		return x.bytes(b), ""
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return nil, err.Error()
	}
	return x.bytes(buf.Bytes()), ""
}

// xfInt keeps an integer: a JSON number or a string of one, with no fraction. A value
// with a fraction, or a string with spaces around the number, is skipped: the HunQ fields
// that search the property compare the event's value, which would not equal the integer.
func xfInt(x *xctx, raw []byte) ([]byte, string) {
	switch {
	case raw[0] == '"':
		i, ok := parseWhole(x.view(raw))
		if !ok {
			return nil, "want an integer, got the string " + string(raw)
		}
		return x.int(i), ""
	case isNumber(raw):
		if !bytes.ContainsAny(raw, ".eE") {
			return raw, ""
		}
		i, ok := parseWhole(string(raw))
		if !ok {
			return nil, "want an integer, got " + string(raw)
		}
		return x.int(i), ""
	}
	return nil, want("an integer", raw)
}

// parseWhole reads a decimal integer, or a number without a fraction (443.0, 1e3).
func parseWhole(s string) (int64, bool) {
	if i, err := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64); err == nil {
		return i, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) >= 1<<63 {
		return 0, false
	}
	return int64(f), true
}

// parseInt reads a decimal integer, truncating a fraction toward zero.
func parseInt(s string) (int64, bool) {
	s = strings.TrimPrefix(s, "+")
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) >= 1<<63 {
		return 0, false
	}
	return int64(f), true
}

func xfHexInt(x *xctx, raw []byte) ([]byte, string) {
	if raw[0] != '"' {
		return xfInt(x, raw)
	}
	s := strings.TrimSpace(x.view(raw))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	i, err := strconv.ParseInt(s, 16, 64)
	if err != nil {
		return nil, "want a hexadecimal integer, got the string " + string(raw)
	}
	if neg {
		i = -i
	}
	return x.int(i), ""
}

var jsonTrue, jsonFalse = []byte("true"), []byte("false")

func xfBool(x *xctx, raw []byte) ([]byte, string) {
	switch string(raw) {
	case "true", `"true"`:
		return jsonTrue, ""
	case "false", `"false"`:
		return jsonFalse, ""
	}
	return nil, want("a boolean", raw)
}

// stixTime is the layout of STIX timestamps written by the mapper (milliseconds, UTC).
const stixTime = "2006-01-02T15:04:05.000Z"

// xfTimestamp accepts RFC 3339 (a space may replace the T) or epoch milliseconds, as a
// number or a numeric string. A UTC timestamp with at least millisecond precision is kept
// as written; any other is rewritten in UTC with milliseconds.
func xfTimestamp(x *xctx, raw []byte) ([]byte, string) {
	if raw[0] != '"' {
		if !isNumber(raw) {
			return nil, want("a timestamp", raw)
		}
		ms, ok := parseInt(string(raw))
		if !ok {
			return nil, "timestamp out of range: " + string(raw)
		}
		return epochMillis(x, ms, raw)
	}
	s := x.view(raw)
	if !strings.ContainsAny(s, "-:T ") {
		if ms, ok := parseInt(s); ok {
			return epochMillis(x, ms, raw)
		}
	}
	t, ok := parseTime(s)
	if !ok {
		return nil, "want an RFC 3339 timestamp, got the string " + string(raw)
	}
	if strings.HasSuffix(s, "Z") && len(s) >= len(stixTime) && s[10] == 'T' && s[19] == '.' {
		return x.keep(raw), ""
	}
	return x.str(t.UTC().Format(stixTime)), ""
}

func parseTime(s string) (time.Time, bool) {
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return t, false
	}
	return t, t.Year() <= 9999
}

func epochMillis(x *xctx, ms int64, raw []byte) ([]byte, string) {
	t := time.UnixMilli(ms).UTC()
	if t.Year() < 1 || t.Year() > 9999 {
		return nil, "timestamp out of range: " + string(raw)
	}
	return x.str(t.Format(stixTime)), ""
}
