package hunq

import (
	"errors"
	"fmt"
	"strings"
)

// Query is a query compiled against a catalogue, ready to match events. It is safe for
// concurrent use.
type Query struct {
	match matcher
}

// matcher reports whether an event satisfies part of a query.
type matcher func(event map[string]any) bool

// Eval compiles n against c and matches one event: a convenience for single use.
func Eval(n Node, c *Catalog, event map[string]any) (bool, error) {
	q, err := Compile(n, c)
	if err != nil {
		return false, err
	}
	return q.Match(event), nil
}

// Match reports whether the event, a decoded hunt event (the JSON object with eventId,
// happenedAt and payload), satisfies the query.
func (q *Query) Match(event map[string]any) bool { return q.match(event) }

// Compile resolves every field of n in c and returns a matcher of events. This is the
// emulator's model of the Hunt API:
//
//   - A comparison holds if it holds on one of the field's paths; an array at or on the way
//     to a path holds if one element does. `f != v` is `NOT f = v`: it holds on an event
//     that lacks f.
//   - TERM: the value equals the event's value. Numbers compare by value (443 = 443.0);
//     otherwise by text, case-sensitive, so "443" matches the number 443 and true matches
//     the string "true".
//   - PREFIX: the event's text contains the value, ignoring case (Unicode lower case). This
//     model is wider than a prefix or a token match, so a query that assumes "= v matches
//     any value starting with v" never loses an event here. The value "*" matches any value.
//   - EXISTS: `f = true` holds when a path is present (not null, false, "" or []);
//     `f = false` holds when none is. A path that is a prefix of another path of the field
//     is a guard: `f = false` also needs a guard present (isSigned fields).
//   - RANGE_GTE / RANGE_LTE: inclusive bounds on numbers, or on RFC 3339 timestamps when
//     the value is one (happenedAfter and happenedBefore read happenedAt); an event's time
//     is read as the event to STIX mapping reads it: RFC 3339, with a space for the T or
//     not, or epoch milliseconds as a number or a string of digits.
//   - ip.src and ip.dst read localAddr or remoteAddr according to outbound (see Direction).
//
// Limitation: the real server's matching rules are unpublished. PREFIX is modelled as
// case-insensitive substring (the widest reading of the evidence), TERM as case-sensitive,
// hasGui fields as a plain TERM on noGui, and `!=` as `NOT =`; each is an assumption to
// check against a live Hive.
//
// Errors: a field c lacks gives an *UnknownFieldError with the Hunt API's text; a value
// that an EXISTS or range field cannot take gives an error naming the field.
func Compile(n Node, c *Catalog) (*Query, error) {
	m, err := compileNode(n, c)
	if err != nil {
		return nil, err
	}
	return &Query{match: m}, nil
}

func compileNode(n Node, c *Catalog) (matcher, error) {
	switch n := n.(type) {
	case *CompareExpr:
		return compileCompare(n, c)
	case *AndExpr:
		return compileTerms(n.Terms, c, true)
	case *OrExpr:
		return compileTerms(n.Terms, c, false)
	case *NotExpr:
		x, err := compileNode(n.X, c)
		if err != nil {
			return nil, err
		}
		return func(e map[string]any) bool { return !x(e) }, nil
	case ConstExpr:
		b := bool(n)
		return func(map[string]any) bool { return b }, nil
	case nil:
		return nil, errors.New("hunq: nil node")
	}
	return nil, fmt.Errorf("hunq: unknown node %T", n)
}

func compileTerms(terms []Node, c *Catalog, and bool) (matcher, error) {
	ms := make([]matcher, len(terms))
	for i, t := range terms {
		m, err := compileNode(t, c)
		if err != nil {
			return nil, err
		}
		ms[i] = m
	}
	if and {
		return func(e map[string]any) bool {
			for _, m := range ms {
				if !m(e) {
					return false
				}
			}
			return true
		}, nil
	}
	return func(e map[string]any) bool {
		for _, m := range ms {
			if m(e) {
				return true
			}
		}
		return false
	}, nil
}

func compileCompare(n *CompareExpr, c *Catalog) (matcher, error) {
	f, ok := c.Lookup(n.Field)
	if !ok {
		return nil, &UnknownFieldError{Field: n.Field}
	}
	m, err := compileField(f, n.Value)
	if err != nil {
		return nil, err
	}
	if n.Op == Ne {
		return func(e map[string]any) bool { return !m(e) }, nil
	}
	return m, nil
}

func compileField(f Field, v Value) (matcher, error) {
	if f.Direction != NoDirection {
		return compileDirection(f, v)
	}
	if f.Kind == Exists {
		return compileExists(f, v)
	}
	ms := make([]matcher, len(f.Paths))
	for i, p := range f.Paths {
		test, err := leafTest(f.Name, p.Kind, v)
		if err != nil {
			return nil, err
		}
		ms[i] = pathMatcher(splitPath(p.Path), test)
	}
	if len(ms) == 1 {
		return ms[0], nil
	}
	return func(e map[string]any) bool {
		for _, m := range ms {
			if m(e) {
				return true
			}
		}
		return false
	}, nil
}

// leafTest returns the test of one event value against v for a path of kind k.
func leafTest(field string, k MatchKind, v Value) (func(any) bool, error) {
	switch k {
	case Term:
		return termTest(v), nil
	case Prefix:
		return prefixTest(v), nil
	case RangeGTE, RangeLTE:
		return rangeTest(field, k == RangeGTE, v)
	case Exists:
		want, err := existsValue(field, v)
		if err != nil {
			return nil, err
		}
		return func(x any) bool { return present(x) == want }, nil
	}
	return nil, fmt.Errorf("hunq: field %s: unknown match kind %v", field, k)
}

func pathMatcher(segs []string, test func(any) bool) matcher {
	return func(e map[string]any) bool { return anyLeaf(e, segs, test) }
}

func splitPath(p string) []string { return strings.Split(p, ".") }
