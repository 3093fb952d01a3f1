package compiler

import (
	"regexp/syntax"
	"strings"
)

// maxStrings bounds the literal strings a regular expression or a network may expand to.
const maxStrings = 16

// wholeMatches returns the strings that the regular expression re matches, when re is
// anchored at both ends (^...$) around a finite set of at most maxStrings literal strings,
// such as ^(cmd|powershell)\.exe$. Expressions are read as the runtime's matcher reads
// them: RE2 syntax with Perl's flags, where $ is the end of the text. Case-insensitive
// parts and multi-line anchors are refused.
func wholeMatches(re string) ([]string, bool) {
	subs, ok := anchoredConcat(re)
	if !ok || len(subs) < 2 || subs[len(subs)-1].Op != syntax.OpEndText {
		return nil, false
	}
	set := []string{""}
	for _, s := range subs[1 : len(subs)-1] {
		if set, ok = product(set, s); !ok {
			return nil, false
		}
	}
	return dedupe(set), true
}

// regexPrefixes returns literal strings such that every string re matches starts with one
// of them, when re is anchored with ^ and every such string is non-empty.
func regexPrefixes(re string) ([]string, bool) {
	subs, ok := anchoredConcat(re)
	if !ok {
		return nil, false
	}
	set := []string{""}
	for _, s := range subs[1:] {
		next, ok := product(set, s)
		if !ok {
			break
		}
		set = next
	}
	var out []string
	for _, p := range dedupe(set) {
		if p == "" {
			return nil, false
		}
		if !hasPrefixIn(p, set) {
			out = append(out, p)
		}
	}
	return out, true
}

// anchoredConcat parses re and returns its top-level sequence when it starts with ^.
func anchoredConcat(re string) ([]*syntax.Regexp, bool) {
	r, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return nil, false
	}
	r = r.Simplify()
	subs := []*syntax.Regexp{r}
	if r.Op == syntax.OpConcat {
		subs = r.Sub
	}
	if len(subs) == 0 || subs[0].Op != syntax.OpBeginText {
		return nil, false
	}
	return subs, true
}

// product appends each string r matches to each member of set, within maxStrings.
func product(set []string, r *syntax.Regexp) ([]string, bool) {
	tails, ok := finite(r)
	if !ok || len(set)*len(tails) > maxStrings {
		return nil, false
	}
	out := make([]string, 0, len(set)*len(tails))
	for _, head := range set {
		for _, tail := range tails {
			out = append(out, head+tail)
		}
	}
	return out, true
}

// finite returns every string r matches when they are at most maxStrings literal strings.
func finite(r *syntax.Regexp) ([]string, bool) {
	switch r.Op {
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpLiteral:
		if r.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		return []string{string(r.Rune)}, true
	case syntax.OpCharClass:
		return classRunes(r.Rune)
	case syntax.OpCapture:
		return finite(r.Sub[0])
	case syntax.OpQuest:
		sub, ok := finite(r.Sub[0])
		return append([]string{""}, sub...), ok && len(sub) < maxStrings
	case syntax.OpConcat:
		set := []string{""}
		for _, s := range r.Sub {
			var ok bool
			if set, ok = product(set, s); !ok {
				return nil, false
			}
		}
		return set, true
	case syntax.OpAlternate:
		var set []string
		for _, s := range r.Sub {
			sub, ok := finite(s)
			if !ok || len(set)+len(sub) > maxStrings {
				return nil, false
			}
			set = append(set, sub...)
		}
		return set, true
	}
	return nil, false
}

// classRunes lists the runes of a character class given as ranges.
func classRunes(ranges []rune) ([]string, bool) {
	var set []string
	for i := 0; i+1 < len(ranges); i += 2 {
		if int(ranges[i+1]-ranges[i])+1+len(set) > maxStrings {
			return nil, false
		}
		for c := ranges[i]; c <= ranges[i+1]; c++ {
			set = append(set, string(c))
		}
	}
	return set, len(set) > 0
}

// dedupe removes repeated strings, keeping the first of each.
func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// hasPrefixIn reports whether s starts with one of ps other than itself.
func hasPrefixIn(s string, ps []string) bool {
	for _, p := range ps {
		if p != s && strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
