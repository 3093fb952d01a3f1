package tostix

import (
	"strconv"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string: '"' and '\\' escaped, control characters as
// \b \f \n \r \t or \u00xx, everything else (U+2028 and U+2029 too) as UTF-8. This is
// also the string form of RFC 8785 canonical JSON. Invalid UTF-8 becomes U+FFFD.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				dst = append(dst, s[start:i]...)
				dst = append(dst, "\uFFFD"...)
				i++
				start = i
				continue
			}
			i += n
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = appendEscape(dst, c)
		i++
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

func appendEscape(dst []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(dst, '\\', c)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}

func appendKey(dst []byte, k string) []byte {
	dst = appendString(append(dst, ','), k)
	return append(dst, ':')
}

// encoder writes the objects of one mapped event.
type encoder struct {
	c    *compiled
	r    *result
	ids  []string // STIX 2.1 ids, one per built object; nil for 2.0
	refs []int32
}

// appendObject writes built object i; in 2.1 it carries its id and spec_version.
func (e *encoder) appendObject(dst []byte, i int) []byte {
	d := e.c.objs[e.r.objs[i].def]
	dst = append(dst, `{"type":`...)
	dst = appendString(dst, d.typ)
	if e.ids != nil {
		dst = append(dst, `,"spec_version":"2.1","id":`...)
		dst = appendString(dst, e.ids[i])
	}
	dst = appendProps(dst, d.emit, e.r.values(e.c, i))
	for ri := range d.refs {
		dst = e.appendRef(dst, &d.refs[ri])
	}
	return append(dst, '}')
}

// appendProps writes the members of a property tree, leaving out empty dictionaries.
func appendProps(dst []byte, nodes []*emitNode, vals [][]byte) []byte {
	for _, n := range nodes {
		if n.prop >= 0 {
			if v := vals[n.prop]; v != nil {
				dst = append(appendKey(dst, n.key), v...)
			}
			continue
		}
		mark := len(dst)
		dst = appendKey(dst, n.key)
		if n.list {
			dst = append(dst, '[')
		}
		dst = append(dst, '{')
		inner := len(dst)
		dst = appendProps(dst, n.kids, vals)
		if len(dst) == inner {
			dst = dst[:mark]
			continue
		}
		dst = append(dst[:inner], dst[inner+1:]...) // the first member's comma
		dst = append(dst, '}')
		if n.list {
			dst = append(dst, ']')
		}
	}
	return dst
}

func (e *encoder) appendRef(dst []byte, rd *refDef) []byte {
	e.refs = e.r.targets(e.refs[:0], rd)
	if len(e.refs) == 0 {
		return dst
	}
	dst = appendKey(dst, rd.name)
	if !rd.list {
		return e.appendRefValue(dst, e.refs[0])
	}
	dst = append(dst, '[')
	for k, t := range e.refs {
		if e.ids != nil && e.seenID(k) {
			continue // another object of the list has the same 2.1 id
		}
		if k > 0 {
			dst = append(dst, ',')
		}
		dst = e.appendRefValue(dst, t)
	}
	return append(dst, ']')
}

// seenID reports whether refs[k] has the id of an earlier entry of refs.
func (e *encoder) seenID(k int) bool {
	for _, t := range e.refs[:k] {
		if e.ids[t] == e.ids[e.refs[k]] {
			return true
		}
	}
	return false
}

func (e *encoder) appendRefValue(dst []byte, t int32) []byte {
	if e.ids != nil {
		return appendString(dst, e.ids[t])
	}
	dst = append(dst, '"')
	dst = strconv.AppendInt(dst, int64(t), 10)
	return append(dst, '"')
}

// appendObjects20 writes the 2.0 "objects" member value: {"0":{...},"1":{...}}.
func (e *encoder) appendObjects20(dst []byte) []byte {
	dst = append(dst, '{')
	for i := range e.r.objs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		dst = strconv.AppendInt(dst, int64(i), 10)
		dst = append(dst, `":`...)
		dst = e.appendObject(dst, i)
	}
	return append(dst, '}')
}
