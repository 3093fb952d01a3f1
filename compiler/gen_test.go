package compiler

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/stix2hunq/stix2hunq/compiler/mapping"
	"pgregory.net/rapid"
)

// genPattern draws STIX pattern text over the mapped properties, with hostile strings,
// nested groups, every comparison operator, observation operators and qualifiers. It
// records in allowed every string that a query may legitimately search for.
type genPattern struct {
	props   []mapping.Entry
	allowed map[string]bool
}

func newGenPattern() *genPattern {
	g := &genPattern{allowed: map[string]bool{}}
	for e := range mapping.Default().All() {
		g.props = append(g.props, e)
	}
	return g
}

// pieces are the parts hostile strings are made of: HunQ's quotes, escapes, parentheses,
// keywords and field syntax, line breaks, wildcards and non-ASCII text.
var pieces = []string{`"`, `\`, `(`, `)`, "\n", "\t", ` OR `, `AND`, `not`, `'`, `%`, `_`,
	`*`, `?`, `$ip = "1"`, `happenedAfter`, `=`, `!=`, `a`, `Z`, `7`, `.`, `é`, `日本`, ` `}

func (g *genPattern) str(t *rapid.T) string {
	n := rapid.IntRange(0, 5).Draw(t, "pieces")
	var b strings.Builder
	for range n {
		b.WriteString(rapid.SampledFrom(pieces).Draw(t, "piece"))
	}
	return b.String()
}

// quote writes s as a STIX string literal.
func quoteSTIX(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func (g *genPattern) allow(ss ...string) {
	for _, s := range ss {
		g.allowed[s] = true
	}
}

// literal draws a scalar literal and records its text.
func (g *genPattern) literal(t *rapid.T) string {
	return g.literalOf(t, rapid.IntRange(0, 5).Draw(t, "literal"))
}

// literalOf draws a literal of one kind: 0 to 2 a string, 3 an integer, 4 a boolean, 5 a
// float.
func (g *genPattern) literalOf(t *rapid.T, kind int) string {
	switch kind {
	case 0, 1, 2:
		s := g.str(t)
		g.allow(s)
		return quoteSTIX(s)
	case 3:
		n := rapid.Int64Range(-5, 70000).Draw(t, "int")
		g.allow(fmt.Sprint(n))
		return fmt.Sprint(n)
	case 4:
		b := rapid.SampledFrom([]string{"true", "false"}).Draw(t, "bool")
		g.allow(b)
		return b
	}
	f := rapid.SampledFrom([]string{"1.5", "443.0", "-2.25"}).Draw(t, "float")
	g.allow("443")
	return f
}

// regex draws an expression whose strings or prefixes are known: ^(a|b)c with optional $.
func (g *genPattern) regex(t *rapid.T) string {
	a, b, c := g.str(t), g.str(t), g.str(t)
	re := "^(" + regexp.QuoteMeta(a) + "|" + regexp.QuoteMeta(b) + ")" + regexp.QuoteMeta(c)
	if rapid.Bool().Draw(t, "anchored") {
		re += "$"
	}
	g.allow(a+c, b+c, a, b)
	if rapid.Bool().Draw(t, "open") {
		re += ".*"
	}
	return re
}

// favourites are properties of each kind of mapping, drawn half the time: TERM fields of
// one path (where negation is exact), ranges, PREFIX and EXISTS fields, several fields.
var favourites = []string{"x-reaqta-event:task_name", "x-reaqta-event:service_name",
	"file:size", "x-reaqta-event:region_size", "domain-name:value", "process:pid",
	"ipv4-addr:value", "x-oca-event:extensions.'x-reaqta-alert'.incidents",
	"network-traffic:extensions.'x-reaqta-network'.outbound", "x-unmapped:prop"}

func (g *genPattern) comparison(t *rapid.T) string {
	var path string
	if rapid.Bool().Draw(t, "favourite") {
		path = rapid.SampledFrom(favourites).Draw(t, "property")
	} else {
		e := rapid.SampledFrom(g.props).Draw(t, "property")
		path = e.Object + ":" + e.Property
	}
	not := ""
	if rapid.IntRange(0, 3).Draw(t, "negate") == 0 {
		not = "NOT "
	}
	switch rapid.IntRange(0, 9).Draw(t, "operator") {
	case 0, 1:
		return path + " " + not + rapid.SampledFrom([]string{"=", "!="}).Draw(t, "eq") + " " +
			g.literal(t)
	case 2:
		op := rapid.SampledFrom([]string{"<", "<=", ">", ">="}).Draw(t, "order")
		n := rapid.Int64Range(-3, 70000).Draw(t, "bound")
		g.allow(fmt.Sprint(n))
		return fmt.Sprintf("%s %s%s %d", path, not, op, n)
	case 3:
		k := rapid.IntRange(0, 5).Draw(t, "set kind")
		return path + " " + not + "IN (" + g.literalOf(t, k) + ", " + g.literalOf(t, k) + ")"
	case 4:
		s := g.str(t) + rapid.SampledFrom([]string{"", "%", "_x", "%y%"}).Draw(t, "like")
		g.allow(s, likePrefix(s))
		return path + " " + not + "LIKE " + quoteSTIX(s)
	case 5, 6:
		return path + " " + not + "MATCHES " + quoteSTIX(g.regex(t))
	case 7:
		op := rapid.SampledFrom([]string{"ISSUBSET", "ISSUPERSET"}).Draw(t, "set")
		net := rapid.SampledFrom([]string{"10.1.2.3", "10.1.2.0/30", "10.0.0.0/8",
			"2001:db8::1", "2001:db8::/126", "192.168.0.1/32"}).Draw(t, "net")
		return path + " " + not + op + " '" + net + "'"
	case 8:
		return "EXISTS " + path
	}
	return path + " = " + g.literal(t)
}

func (g *genPattern) comparisonExpr(t *rapid.T, depth int) string {
	if depth == 0 || rapid.IntRange(0, 2).Draw(t, "leaf") == 0 {
		return g.comparison(t)
	}
	n := rapid.IntRange(2, 3).Draw(t, "operands")
	op := rapid.SampledFrom([]string{" AND ", " OR "}).Draw(t, "bool")
	parts := make([]string, n)
	for i := range parts {
		parts[i] = g.comparisonExpr(t, depth-1)
	}
	return "(" + strings.Join(parts, op) + ")"
}

func (g *genPattern) observation(t *rapid.T, depth int) string {
	if depth == 0 || rapid.IntRange(0, 2).Draw(t, "bracket") == 0 {
		return "[" + g.comparisonExpr(t, 3) + "]"
	}
	var s string
	switch rapid.IntRange(0, 3).Draw(t, "obs") {
	case 0:
		op := rapid.SampledFrom([]string{" AND ", " OR ", " FOLLOWEDBY "}).Draw(t, "obsop")
		s = "(" + g.observation(t, depth-1) + op + g.observation(t, depth-1) + ")"
	case 1:
		day := rapid.IntRange(1, 9).Draw(t, "day")
		s = fmt.Sprintf("%s START t'2024-01-0%dT00:00:00Z' STOP t'2024-01-0%dT12:00:00.5Z'",
			g.observation(t, depth-1), day, day)
	case 2:
		s = fmt.Sprintf("%s WITHIN %d SECONDS", g.observation(t, depth-1),
			rapid.IntRange(1, 86400).Draw(t, "within"))
	default:
		s = fmt.Sprintf("%s REPEATS %d TIMES", g.observation(t, depth-1),
			rapid.IntRange(1, 5).Draw(t, "repeats"))
	}
	return "(" + s + ")"
}

// draw returns a whole pattern.
func (g *genPattern) draw(t *rapid.T) string { return g.observation(t, 2) }
