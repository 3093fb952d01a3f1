package compiler

import "strings"

// regexMeta holds the characters with a meaning in a regular expression.
const regexMeta = `\.+*?()|[]{}^$`

// literalAlternation returns the strings that the regular expression re matches in
// whole when it is ^lit$, ^(a|b|...)$ or ^(?:a|b|...)$ with literal alternatives only.
func literalAlternation(re string) ([]string, bool) {
	if !strings.HasPrefix(re, "^") || !strings.HasSuffix(re, "$") || strings.HasSuffix(re, `\$`) {
		return nil, false
	}
	body := re[1 : len(re)-1]
	if lit, rest := readLiteral(body); rest == "" {
		return []string{lit}, true
	}
	switch {
	case strings.HasPrefix(body, "(?:") && strings.HasSuffix(body, ")"):
		body = body[3 : len(body)-1]
	case strings.HasPrefix(body, "(") && strings.HasSuffix(body, ")"):
		body = body[1 : len(body)-1]
	default:
		return nil, false
	}
	var alts []string
	for {
		lit, rest := readLiteral(body)
		alts = append(alts, lit)
		if rest == "" {
			return alts, true
		}
		if rest[0] != '|' {
			return nil, false
		}
		body = rest[1:]
	}
}

// literalPrefix returns the literal text that every string the regular expression re
// matches starts with, when re is anchored with ^; ok is false when there is none.
func literalPrefix(re string) (string, bool) {
	if !strings.HasPrefix(re, "^") {
		return "", false
	}
	lit, rest := readLiteral(re[1:])
	if rest != "" && strings.ContainsRune("?*{", rune(rest[0])) && lit != "" {
		// The last character is optional: drop it.
		r := []rune(lit)
		lit = string(r[:len(r)-1])
	}
	if strings.ContainsRune(rest, '|') {
		return "", false // an alternative may start otherwise
	}
	return lit, lit != ""
}

// readLiteral reads literal characters (and backslash-escaped punctuation) from the
// start of s and returns them and the rest of s.
func readLiteral(s string) (lit, rest string) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && strings.IndexByte(regexMeta+"/-", s[i+1]) >= 0 {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		if strings.IndexByte(regexMeta, c) >= 0 {
			return b.String(), s[i:]
		}
		b.WriteByte(c)
	}
	return b.String(), ""
}
