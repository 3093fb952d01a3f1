package mapping

import (
	"fmt"
	"strings"
)

// CanonicalPath returns the canonical text of a STIX property path: keys joined by dots,
// a key quoted in single quotes only when it holds characters other than letters, digits
// and underscores, and every list index written [*]. So `hashes.'MD5'` becomes
// `hashes.MD5`, `hashes.SHA-256` becomes `hashes.'SHA-256'` and `values[2].name` becomes
// `values[*].name`. Entries are stored and looked up under this form.
func CanonicalPath(p string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(p); {
		switch {
		case p[i] == '[':
			j := strings.IndexByte(p[i:], ']')
			if j < 0 || !isIndex(p[i+1:i+j]) {
				return "", fmt.Errorf("path %q: bad index at byte %d", p, i)
			}
			b.WriteString("[*]")
			i += j + 1
		case p[i] == '.' && i > 0 && i+1 < len(p) && p[i+1] != '.' && p[i+1] != '[':
			b.WriteByte('.')
			i++
		default:
			key, n, err := readKey(p[i:])
			if err != nil {
				return "", fmt.Errorf("path %q: %w at byte %d", p, err, i)
			}
			b.WriteString(quoteKey(key))
			i += n
		}
	}
	if b.Len() == 0 {
		return "", fmt.Errorf("empty path")
	}
	return b.String(), nil
}

// IsCanonical reports whether p is in canonical form, CanonicalPath(p) == p, without
// building the canonical text.
func IsCanonical(p string) bool {
	for i := 0; i < len(p); {
		switch {
		case strings.HasPrefix(p[i:], "[*]"):
			i += 3
		case p[i] == '.' && i > 0 && i+1 < len(p) && p[i+1] != '.' && p[i+1] != '[':
			i++
		case p[i] == '\'':
			j := strings.IndexByte(p[i+1:], '\'')
			if j < 1 || quoteKey(p[i+1:i+1+j]) != p[i:i+2+j] {
				return false
			}
			i += j + 2
		default:
			n := strings.IndexAny(p[i:], ".[")
			if n < 0 {
				n = len(p) - i
			}
			if n == 0 || quoteKey(p[i:i+n]) != p[i:i+n] {
				return false
			}
			i += n
		}
	}
	return p != ""
}

// readKey reads one key, quoted or bare, and returns it and the bytes it took.
func readKey(s string) (string, int, error) {
	if s[0] == '\'' {
		j := strings.IndexByte(s[1:], '\'')
		if j < 1 {
			return "", 0, fmt.Errorf("bad quoted key")
		}
		return s[1 : j+1], j + 2, nil
	}
	n := strings.IndexAny(s, ".[")
	if n < 0 {
		n = len(s)
	}
	if n == 0 {
		return "", 0, fmt.Errorf("empty key")
	}
	return s[:n], n, nil
}

func quoteKey(k string) string {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return "'" + k + "'"
		}
	}
	return k
}

func isIndex(s string) bool {
	if s == "*" {
		return true
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
