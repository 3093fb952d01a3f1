package ast

import (
	"net/netip"
	"regexp/syntax"
	"strings"
)

// Check reports what the grammar accepts but no pattern may hold: a value of a kind its
// operator cannot compare, a set mixing kinds, a MATCHES that is not a regular
// expression, a subset test on something that is not an address, an empty START/STOP
// window, a WITHIN or REPEATS that is not positive, and EXISTS under STIX 2.0. Parse
// runs it; call it on trees built by hand.
//
// Regular expressions are read in RE2 syntax, the syntax of Go's regexp package, with
// Perl's classes and flags: the specification names PCRE, and RE2 lacks PCRE's
// backreferences and lookaround, which Check refuses.
func Check(p *Pattern) ErrorList {
	var errs ErrorList
	Inspect(p, func(n Node) bool {
		var err *Error
		switch n := n.(type) {
		case *CompareExpr:
			err = checkCompare(n, p.Version)
		case *StartStopQualifier:
			if n.Start != nil && n.Stop != nil && !n.Start.Value.Before(n.Stop.Value) {
				err = Errorf(n.Pos, "START %s is not before STOP %s",
					Print(n.Start), Print(n.Stop))
			}
		case *WithinQualifier:
			if n.Duration() <= 0 {
				err = Errorf(n.Pos, "WITHIN needs a positive number of seconds, found %s",
					literalText(n.Seconds))
			}
		case *RepeatsQualifier:
			if n.Times == nil {
				err = Errorf(n.Pos, "REPEATS needs a positive number of times, found none")
			} else if n.Times.Value < 1 {
				err = Errorf(n.Pos, "REPEATS needs a positive number of times, found %d",
					n.Times.Value)
			}
		}
		if err != nil {
			errs = append(errs, err)
		}
		return true
	})
	return errs
}

// literalText prints a literal that may be missing from a tree built by hand.
func literalText(l Literal) string {
	if l == nil {
		return "none"
	}
	return Print(l)
}

// checkCompare checks the value of one comparison against its operator.
func checkCompare(e *CompareExpr, v Version) *Error {
	at := e.Pos
	if e.Value != nil {
		at = e.Value.Position()
	}
	switch e.Op {
	case OpExists:
		if v == V20 {
			return Errorf(e.Pos, "EXISTS is not part of STIX 2.0 patterns (it is new in 2.1)")
		}
		return nil
	case OpIn:
		s, ok := e.Value.(*SetLit)
		if !ok {
			return Errorf(at, "IN needs a set of values in parentheses, found %s",
				kindName(e.Value))
		}
		return checkSet(s)
	case OpEqual, OpNotEqual:
		if _, ok := e.Value.(*SetLit); ok || e.Value == nil {
			return Errorf(at, "%s needs a single value, found %s (IN takes a set)", e.Op,
				kindName(e.Value))
		}
	case OpLess, OpLessEqual, OpGreater, OpGreaterEqual:
		switch e.Value.(type) {
		case *BoolLit, *SetLit, nil:
			return Errorf(at, "%s needs an orderable value (a number, string, timestamp, "+
				"binary or hex literal), found %s", e.Op, kindName(e.Value))
		}
	case OpLike, OpMatches, OpIsSubset, OpIsSuperset:
		s, ok := e.Value.(*StringLit)
		if !ok {
			return Errorf(at, "%s needs a string, found %s", e.Op, kindName(e.Value))
		}
		return checkString(e.Op, s)
	}
	return nil
}

// checkString checks the string operand of MATCHES, ISSUBSET and ISSUPERSET.
func checkString(op CompareOp, s *StringLit) *Error {
	switch op {
	case OpMatches:
		if _, err := syntax.Parse(s.Value, syntax.Perl); err != nil {
			why := strings.TrimPrefix(err.Error(), "error parsing regexp: ")
			if feature := pcreOnly(s.Value); feature != "" {
				why = "RE2 has no " + feature
			}
			return Errorf(s.Pos, "MATCHES needs a regular expression in RE2 syntax: %s", why)
		}
	case OpIsSubset, OpIsSuperset:
		if !isAddressOrPrefix(s.Value) {
			return Errorf(s.Pos, "%s needs an IPv4 or IPv6 address or CIDR block, found %s",
				op, Print(s))
		}
	}
	return nil
}

// pcreFeatures are constructs of PCRE that RE2 lacks, by how they start.
var pcreFeatures = []struct{ start, name string }{
	{"(?=", "lookahead (?=...)"}, {"(?!", "negative lookahead (?!...)"},
	{"(?<=", "lookbehind (?<=...)"}, {"(?<!", "negative lookbehind (?<!...)"},
	{"(?>", "atomic groups (?>...)"}, {"(?(", "conditionals (?(...)...)"},
}

// pcreOnly names the PCRE-only construct in a regular expression that RE2 refuses, or
// returns "" when it finds none.
func pcreOnly(re string) string {
	for i := 0; i < len(re); i++ {
		if re[i] == '\\' && i+1 < len(re) {
			if c := re[i+1]; c >= '1' && c <= '9' {
				return `backreferences (\` + string(c) + ")"
			}
			i++
			continue
		}
		for _, f := range pcreFeatures {
			if strings.HasPrefix(re[i:], f.start) {
				return f.name
			}
		}
	}
	return ""
}

// isAddressOrPrefix reports whether s is an IP address or an address with a prefix length.
func isAddressOrPrefix(s string) bool {
	if strings.Contains(s, "/") {
		_, err := netip.ParsePrefix(s)
		return err == nil
	}
	_, err := netip.ParseAddr(s)
	return err == nil
}

// setKind groups literal kinds that compare with each other.
func setKind(l Literal) string {
	switch l.(type) {
	case *IntLit, *FloatLit:
		return "numbers"
	case *StringLit:
		return "strings"
	case *BoolLit:
		return "booleans"
	case *TimestampLit:
		return "timestamps"
	case *BinaryLit, *HexLit:
		return "binary values"
	}
	return "sets"
}

// checkSet requires the members of a set to be of one kind, and none to be a set.
func checkSet(s *SetLit) *Error {
	for i, el := range s.Elems {
		if _, nested := el.(*SetLit); nested {
			return Errorf(el.Position(), "a set cannot hold a set")
		}
		if i > 0 && setKind(el) != setKind(s.Elems[0]) {
			return Errorf(el.Position(), "set members must be of one kind: found %s "+
				"among %s", kindName(el), setKind(s.Elems[0]))
		}
	}
	return nil
}
