package gen

import (
	"fmt"
	"math"
	"net/netip"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/stix2hunq/stix2hunq/runtime/tostix"
	"golang.org/x/text/unicode/norm"
	"pgregory.net/rapid"
)

// Pattern draws STIX pattern text for u's version over u's properties. Most comparisons
// name a property that the objects of some of obs (each the objects of one observed-data,
// keyed as match.Observation's) hold, with a literal made from one of its values there;
// the others name any property the table writes, one that only the field map names, or
// one that nothing knows.
func (u *Universe) Pattern(t *rapid.T, obs []map[string]map[string]any) string {
	p := &patternGen{u: u, t: t, held: map[string][]any{}}
	keys := make([][]string, len(obs))
	for i, objs := range obs {
		keys[i] = sortedKeys(objs)
	}
	for _, prop := range u.Properties {
		for i, objs := range obs {
			p.held[prop] = append(p.held[prop], values(objs, keys[i], prop)...)
		}
		if len(p.held[prop]) > 0 {
			p.present = append(p.present, prop)
			if u.mapped[prop] {
				p.searched = append(p.searched, prop)
			}
		}
	}
	if len(p.searched) > 0 && rapid.IntRange(0, 2).Draw(t, "focused") == 0 {
		return "[" + p.comparison() + "]"
	}
	return p.observation(2)
}

type patternGen struct {
	u        *Universe
	t        *rapid.T
	held     map[string][]any // property -> the values the objects hold
	present  []string         // the properties with values, in u.Properties order
	searched []string         // those of present that the field map names
}

func (p *patternGen) observation(depth int) string {
	t := p.t
	switch n := rapid.IntRange(0, 9).Draw(t, "observation"); {
	case depth == 0 || n < 5:
		return "[" + p.comparisonExpr(2) + "]"
	case n < 7:
		return p.observation(depth-1) + " OR " + p.observation(depth-1)
	case n == 7:
		op := rapid.SampledFrom([]string{" AND ", " FOLLOWEDBY "}).Draw(t, "correlation")
		return "(" + p.observation(depth-1) + op + p.observation(depth-1) + ")"
	}
	return "(" + p.observation(depth-1) + ")" + p.qualifier()
}

// qualifier draws START/STOP around Now, WITHIN or REPEATS.
func (p *patternGen) qualifier() string {
	t := p.t
	switch rapid.IntRange(0, 3).Draw(t, "qualifier") {
	case 0:
		return fmt.Sprintf(" WITHIN %d SECONDS", rapid.IntRange(1, 600).Draw(t, "within"))
	case 1:
		return fmt.Sprintf(" REPEATS %d TIMES", rapid.IntRange(1, 2).Draw(t, "repeats"))
	}
	start := rapid.Int64Range(-400_000, 0).Draw(t, "start ms")
	stop := start + rapid.Int64Range(1, 400_000).Draw(t, "length ms")
	at := func(ms int64) string {
		return Now.Add(time.Duration(ms) * time.Millisecond).Format(time.RFC3339Nano)
	}
	return " START t'" + at(start) + "' STOP t'" + at(stop) + "'"
}

func (p *patternGen) comparisonExpr(depth int) string {
	t := p.t
	if depth == 0 || rapid.IntRange(0, 2).Draw(t, "leaf") > 0 {
		return p.comparison()
	}
	op := rapid.SampledFrom([]string{" AND ", " OR "}).Draw(t, "bool")
	parts := make([]string, rapid.IntRange(2, 3).Draw(t, "operands"))
	for i := range parts {
		parts[i] = p.comparisonExpr(depth - 1)
	}
	return "(" + strings.Join(parts, op) + ")"
}

// property draws the property a comparison names.
func (p *patternGen) property() string {
	t := p.t
	switch n := rapid.IntRange(0, 19).Draw(t, "property from"); {
	case n < 9 && len(p.searched) > 0:
		return rapid.SampledFrom(p.searched).Draw(t, "held mapped property")
	case n < 13 && len(p.present) > 0:
		return rapid.SampledFrom(p.present).Draw(t, "held property")
	case n < 17:
		return rapid.SampledFrom(p.u.Properties).Draw(t, "table property")
	case n < 19:
		return rapid.SampledFrom(p.u.Mapped).Draw(t, "mapped property")
	}
	return rapid.SampledFrom([]string{"x-unknown:value", "file:x_unknown",
		"process:pid.x"}).Draw(t, "unknown property")
}

// comparison draws one comparison: a property, and an operator and literal that suit one
// of its values.
func (p *patternGen) comparison() string {
	t := p.t
	prop := p.property()
	v := p.pick(prop)
	if l, ok := v.([]any); ok { // a list: compare its members
		prop += rapid.SampledFrom([]string{"[*]", "[0]", "[1]"}).Draw(t, "index")
		v = scalarOf(t, l)
	}
	if p.u.Version == tostix.STIX21 && rapid.IntRange(0, 15).Draw(t, "exists") == 0 {
		return "EXISTS " + prop
	}
	not := ""
	if rapid.IntRange(0, 4).Draw(t, "not") == 0 {
		not = "NOT "
	}
	return prop + " " + not + p.operation(v)
}

// pick draws a value of the property: one the objects hold, or one of a pool.
func (p *patternGen) pick(prop string) any {
	t := p.t
	if held := p.held[prop]; len(held) > 0 && rapid.IntRange(0, 3).Draw(t, "held") > 0 {
		v := rapid.SampledFrom(held).Draw(t, "held value")
		if rapid.IntRange(0, 4).Draw(t, "variant") == 0 {
			return variant(t, v)
		}
		return v
	}
	switch rapid.IntRange(0, 3).Draw(t, "pool") {
	case 0:
		return float64(rapid.SampledFrom(ints).Draw(t, "int"))
	case 1:
		return rapid.Bool().Draw(t, "bool")
	}
	return rapid.SampledFrom(allStrings).Draw(t, "string")
}

// like draws a value of the kind that the literal l of v has, for a set.
func (p *patternGen) like(v any, l string) any {
	t := p.t
	switch {
	case strings.HasPrefix(l, "'"):
		return rapid.SampledFrom(allStrings).Draw(t, "string")
	case l == "true" || l == "false":
		return rapid.Bool().Draw(t, "bool")
	case strings.Contains(l, "."):
		return v
	}
	return float64(rapid.SampledFrom(ints).Draw(t, "int"))
}

// variant returns a value close to v, which a translation could confuse with it: another
// case, the other Unicode normal form, other space or slashes, a number as a fraction or
// its text.
func variant(t *rapid.T, v any) any {
	switch v := v.(type) {
	case string:
		return rapid.SampledFrom([]func(string) string{strings.ToUpper, strings.ToLower,
			norm.NFD.String, norm.NFC.String, strings.TrimSpace,
			func(s string) string { return " " + s },
			func(s string) string { return strings.ReplaceAll(s, `\`, "/") },
			func(s string) string { return strings.ReplaceAll(s, `\`, `\\`) },
		}).Draw(t, "string variant")(v)
	case float64:
		return rapid.SampledFrom([]any{v + 0.5, num(v), fmt.Sprintf("0x%x", int64(v)),
			-v}).Draw(t, "number variant")
	}
	return v
}

var allStrings = func() []string {
	var out []string
	for _, pool := range [][]string{strs, paths, files, addrs, hashes, cmds, users, urls,
		domains, sids} {
		out = append(out, pool...)
	}
	return out
}()

func scalarOf(t *rapid.T, l []any) any {
	if len(l) == 0 {
		return rapid.SampledFrom(strs).Draw(t, "string")
	}
	v := rapid.SampledFrom(l).Draw(t, "member")
	switch v.(type) {
	case string, float64, bool:
		return v
	}
	return rapid.SampledFrom(strs).Draw(t, "string")
}

// operation draws an operator and a literal for the value v.
func (p *patternGen) operation(v any) string {
	t := p.t
	n := rapid.IntRange(0, 9).Draw(t, "operator")
	if s, ok := v.(string); ok && isAddress(s) && n < 3 {
		n = 9 // compare addresses with blocks more often
	}
	switch n {
	case 0, 1, 2:
		return rapid.SampledFrom([]string{"= ", "!= "}).Draw(t, "equality") + p.literal(v)
	case 3:
		l := p.literal(v)
		return "IN (" + l + ", " + plain(p.like(v, l)) + ")"
	case 4:
		op := rapid.SampledFrom([]string{"< ", "<= ", "> ", ">= "}).Draw(t, "order")
		switch x := v.(type) {
		case float64:
			return op + p.literal(x+float64(rapid.IntRange(-1, 1).Draw(t, "offset")))
		case string:
			return op + quote(x)
		}
	case 5, 6:
		if s, ok := v.(string); ok {
			return "LIKE " + quote(likeOf(t, s))
		}
	case 7, 8:
		if s, ok := v.(string); ok {
			return "MATCHES " + quote(regexOf(t, s))
		}
	case 9:
		if s, ok := v.(string); ok {
			op := rapid.SampledFrom([]string{"ISSUBSET ", "ISSUPERSET "}).Draw(t, "set")
			return op + quote(blockOf(t, s))
		}
	}
	return "= " + p.literal(v)
}

// literal writes v as a pattern literal, sometimes of another kind than v's.
func (p *patternGen) literal(v any) string {
	return literalOf(v, rapid.IntRange(0, 7).Draw(p.t, "other kind") == 0)
}

// plain writes v as a pattern literal of v's kind.
func plain(v any) string { return literalOf(v, false) }

// literalOf writes v as a pattern literal, of another kind than v's when other is set
// and v has a text of that kind.
func literalOf(v any, other bool) string {
	switch v := v.(type) {
	case float64:
		switch {
		case other:
			return quote(num(v))
		case v == math.Trunc(v) && math.Abs(v) < 1e15:
			return fmt.Sprintf("%d", int64(v))
		}
		return num(v)
	case bool:
		if other {
			return quote(fmt.Sprint(v))
		}
		return fmt.Sprint(v)
	case string:
		if other {
			if n, ok := numberText(v); ok {
				return n
			}
		}
		return quote(v)
	}
	return quote("x")
}

// plainInteger is the text of an integer literal that a pattern may hold.
var plainInteger = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,14})$`)

// numberText returns s when it is a plain integer.
func numberText(s string) (string, bool) {
	if plainInteger.MatchString(s) {
		return s, true
	}
	return "", false
}

// quote writes s as a STIX string literal.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// likeOf draws a LIKE pattern that s often matches: s itself, a prefix or suffix with %,
// a character replaced by _, or s in another case.
func likeOf(t *rapid.T, s string) string {
	r := []rune(s)
	i := rapid.IntRange(0, len(r)).Draw(t, "cut")
	switch rapid.IntRange(0, 5).Draw(t, "like") {
	case 0:
		return string(r[:i]) + "%"
	case 1:
		return "%" + string(r[i:])
	case 2:
		if i < len(r) {
			return string(r[:i]) + "_" + string(r[i+1:])
		}
	case 3:
		return strings.ToUpper(s)
	case 4:
		return "%" + string(r[i/2:i]) + "%"
	}
	return s
}

// regexOf draws an expression that s often matches.
func regexOf(t *rapid.T, s string) string {
	r := []rune(s)
	i := rapid.IntRange(0, len(r)).Draw(t, "cut")
	q := regexp.QuoteMeta
	switch rapid.IntRange(0, 5).Draw(t, "regex") {
	case 0:
		return "^" + q(string(r[:i]))
	case 1:
		return q(string(r[i:])) + "$"
	case 2:
		return "^(" + q(s) + "|" + q(rapid.SampledFrom(strs).Draw(t, "other")) + ")$"
	case 3:
		return "(?i)^" + q(strings.ToUpper(s)) + "$"
	case 4:
		return "^" + q(string(r[:i])) + ".*" + q(string(r[i:]))
	}
	return q(s)
}

func isAddress(s string) bool {
	_, err := netip.ParseAddr(s)
	return err == nil
}

// blockOf draws an address block that holds s, or s alone, when s is an address; any
// other string becomes a block of the pools.
func blockOf(t *rapid.T, s string) string {
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return rapid.SampledFrom([]string{"10.1.2.0/24", "10.0.0.0/8", "2001:db8::/32",
			"192.168.1.2/32"}).Draw(t, "block")
	}
	bits := []int{32, 24, 8, 0}
	if a.Is6() {
		bits = []int{128, 64, 16}
	}
	n := rapid.SampledFrom(bits).Draw(t, "prefix length")
	return netip.PrefixFrom(a, n).Masked().String()
}

func sortedKeys(m map[string]map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
