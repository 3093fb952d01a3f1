package tostix

import (
	"encoding/json"
	"net/netip"
	"strconv"
	"strings"
)

// The transformers that name codes, split paths and check addresses. They are the
// enrichment the stix-shifter connector performs while fetching results, written so that
// a value it already rewrote (a name instead of a code) maps the same.

func xfDirPath(x *xctx, raw []byte) ([]byte, string) {
	if raw[0] != '"' {
		return nil, want("a path string", raw)
	}
	head, _ := splitPath(x.view(raw))
	if head == "" {
		return nil, ""
	}
	return x.str(head), ""
}

func xfBaseName(x *xctx, raw []byte) ([]byte, string) {
	if raw[0] != '"' {
		return nil, want("a path string", raw)
	}
	_, tail := splitPath(x.view(raw))
	if tail == "" {
		return nil, ""
	}
	return x.str(tail), ""
}

func isSep(c byte) bool { return c == '\\' || c == '/' }

// splitPath splits a Windows or POSIX path into its directory and last element, as
// Python's ntpath.split does: the drive ("C:") or UNC share ("\\host\share") stays with
// the directory, and trailing separators are trimmed from it unless it is a root.
func splitPath(p string) (string, string) {
	drive, rest := splitDrive(p)
	i := len(rest)
	for i > 0 && !isSep(rest[i-1]) {
		i--
	}
	head, tail := rest[:i], rest[i:]
	if h := strings.TrimRight(head, `\/`); h != "" {
		head = h
	}
	return p[:len(drive)+len(head)], tail // the drive and head are p's prefix
}

func splitDrive(p string) (string, string) {
	if len(p) >= 2 && p[1] == ':' {
		return p[:2], p[2:]
	}
	if len(p) >= 3 && isSep(p[0]) && isSep(p[1]) && !isSep(p[2]) {
		i := strings.IndexAny(p[2:], `\/`)
		if i < 0 {
			return p, ""
		}
		j := strings.IndexAny(p[2+i+1:], `\/`)
		if j < 0 {
			return p, ""
		}
		return p[:2+i+1+j], p[2+i+1+j:]
	}
	return "", p
}

// codeOf reads a numeric code from a number or a numeric string.
func codeOf(x *xctx, raw []byte) (string, bool) {
	if isNumber(raw) {
		if i, ok := parseInt(string(raw)); ok {
			return strconv.FormatInt(i, 10), true
		}
		return "", false
	}
	if raw[0] == '"' {
		s := strings.TrimSpace(x.view(raw))
		if _, err := strconv.ParseInt(s, 10, 64); err == nil {
			return s, true
		}
	}
	return "", false
}

// codeXF names a code from one of the table's code lists; with keepNames a string that
// is not a code is kept (the name the connector already wrote).
func codeXF(list string, keepNames bool) transformer {
	what := strings.ReplaceAll(list, "_", " ")
	return func(x *xctx, raw []byte) ([]byte, string) {
		if code, ok := codeOf(x, raw); ok {
			name, ok := x.codes[list][code]
			if !ok {
				return nil, "unknown " + what + " code " + code
			}
			return x.str(name), ""
		}
		if raw[0] == '"' && keepNames {
			return x.keep(raw), ""
		}
		return nil, want(article(what)+" code", raw)
	}
}

// article prefixes a noun phrase with "a" or "an".
func article(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

func xfTactic(x *xctx, raw []byte) ([]byte, string) {
	code, ok := codeOf(x, raw)
	if !ok {
		return nil, want("a tactic number", raw)
	}
	name, ok := x.codes["tactic_name"][code]
	if !ok {
		name = "Unknown"
	}
	return x.str(name), ""
}

// xfProtocols accepts a protocol code, a string of names separated by commas, or a list
// of names, and writes a list of lower-case names.
func xfProtocols(x *xctx, raw []byte) ([]byte, string) {
	if code, ok := codeOf(x, raw); ok {
		name, ok := x.codes["protocol"][code]
		if !ok {
			return nil, "unknown protocol code " + code
		}
		return x.strList([]string{name}), ""
	}
	var names []string
	switch raw[0] {
	case '"':
		for _, n := range strings.Split(x.view(raw), ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	case '[':
		if err := json.Unmarshal(raw, &names); err != nil {
			return nil, "want a list of protocol names"
		}
	default:
		return nil, want("a protocol", raw)
	}
	for i := range names {
		names[i] = strings.ToLower(names[i])
	}
	if len(names) == 0 {
		return nil, ""
	}
	return x.strList(names), ""
}

func (x *xctx) strList(l []string) []byte {
	n := len(x.arena)
	x.arena = append(x.arena, '[')
	for i, s := range l {
		if i > 0 {
			x.arena = append(x.arena, ',')
		}
		x.arena = appendString(x.arena, s)
	}
	x.arena = append(x.arena, ']')
	return x.arena[n:len(x.arena):len(x.arena)]
}

// ipXF keeps an address of one family; a string that is not such an address (another
// family, "-") is skipped silently, since one field feeds both families.
func ipXF(v4 bool) transformer {
	return func(x *xctx, raw []byte) ([]byte, string) {
		if raw[0] != '"' {
			return nil, want("an address string", raw)
		}
		a, err := netip.ParseAddr(x.view(raw))
		if err != nil || a.Is4() != v4 {
			return nil, ""
		}
		return x.keep(raw), ""
	}
}
