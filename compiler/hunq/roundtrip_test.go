package hunq

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

var genField = rapid.SampledFrom([]string{"pid", "$ip", "eventdata.localPort", "cmdline",
	"__etwLogonGuid", "a.b.c", "_x", "nota", "andy", "ORx", "truee"})

// genValue draws strings rich in the characters that could break quoting.
func genValue(t *rapid.T, esc Escaping) Value {
	switch rapid.IntRange(0, 3).Draw(t, "kind") {
	case 0:
		return Int(rapid.Int64().Draw(t, "int"))
	case 1:
		return Boolean(rapid.Bool().Draw(t, "bool"))
	case 2:
		return Value{Kind: Number, Text: rapid.StringMatching(`-?[0-9]{1,5}\.[0-9]{1,3}`).
			Draw(t, "decimal")}
	}
	pieces := []string{`"`, `\`, `\"`, `\\`, "(", ")", " AND ", " or ", "NOT ", "=", "!=",
		"\n", "\t", "é", "中", "😀", "x", "$ip = ", "*", ""}
	if esc == EscapeNone {
		pieces[0], pieces[2] = "'", `\'`
	}
	var b strings.Builder
	for _, p := range rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 8).Draw(t, "pieces") {
		b.WriteString(p)
	}
	s := b.String() + rapid.String().Draw(t, "tail")
	if esc == EscapeNone {
		s = strings.ReplaceAll(s, `"`, "'")
	}
	return Str(s)
}

func genTree(t *rapid.T, d Dialect, depth int) Node {
	kind := rapid.IntRange(0, 4).Draw(t, "node")
	if depth <= 0 || kind < 2 {
		op := Eq
		if rapid.Bool().Draw(t, "ne") {
			op = Ne
		}
		return &CompareExpr{Field: genField.Draw(t, "field"), Op: op,
			Value: genValue(t, d.Escaping)}
	}
	if kind == 2 {
		x := genTree(t, d, depth-1)
		if _, group := x.(*CompareExpr); !group && !d.NotGroup {
			return x
		}
		return &NotExpr{X: x}
	}
	terms := make([]Node, rapid.IntRange(2, 4).Draw(t, "terms"))
	for i := range terms {
		terms[i] = genTree(t, d, depth-1)
	}
	if kind == 3 {
		return &AndExpr{Terms: terms}
	}
	return &OrExpr{Terms: terms}
}

var dialects = []Dialect{
	DefaultDialect,
	{Keywords: Lower, NotGroup: true},
	{Escaping: EscapeNone, Negation: NotEqual},
}

// TestRoundTrip checks Parse(Print(x)) == x: no value, however quoted, changes the
// structure of the query, and every value comes back unchanged.
func TestRoundTrip(t *testing.T) {
	for _, d := range dialects {
		rapid.Check(t, func(t *rapid.T) {
			x := genTree(t, d, 4)
			text, err := d.Print(x)
			if err != nil {
				t.Fatalf("Print: %v", err)
			}
			got, err := d.Parse(text)
			if err != nil {
				t.Fatalf("Parse(%q): %v", text, err)
			}
			if diff := cmp.Diff(x, got); diff != "" {
				t.Fatalf("Parse(%q): got - want +:\n%s", text, diff)
			}
			again, err := d.Print(got)
			if err != nil || again != text {
				t.Fatalf("not stable: %q then %q (%v)", text, again, err)
			}
		})
	}
}

// TestParseNeverPanics feeds the parser arbitrary text and mutated queries.
func TestParseNeverPanics(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		src := rapid.String().Draw(t, "src")
		if rapid.Bool().Draw(t, "mutate") {
			q, err := Print(genTree(t, DefaultDialect, 3))
			if err != nil {
				t.Fatal(err)
			}
			cut := rapid.IntRange(0, len(q)).Draw(t, "cut")
			src = q[:cut] + src
		}
		n, err := Parse(src)
		if err == nil && n == nil {
			t.Fatalf("Parse(%q): nil node without error", src)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "hunq:") {
			t.Fatalf("Parse(%q): error %q lacks the hunq: prefix", src, err)
		}
	})
}

func TestSimplify(t *testing.T) {
	a, b := eq("a", Int(1)), eq("b", Int(2))
	tests := []struct{ in, want Node }{
		{and(a, True, b), and(a, b)},
		{and(a, False), False},
		{or(a, False), a},
		{or(a, not(False)), True},
		{not(and(True, True)), False},
		{and(or(False, False), a), False},
		{not(or(a, False)), not(a)},
		{and(a, or(b, and(True, a))), and(a, or(b, a))},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Simplify(tt.in)); diff != "" {
			t.Errorf("Simplify(%#v): got - want +:\n%s", tt.in, diff)
		}
	}
}

func TestSimplifyRemovesConstants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := genConstTree(t, 4)
		s := Simplify(x)
		if _, ok := s.(ConstExpr); ok {
			return
		}
		if _, err := Print(s); err != nil {
			t.Fatalf("Print(Simplify(%#v)): %v", x, err)
		}
	})
}

func genConstTree(t *rapid.T, depth int) Node {
	switch k := rapid.IntRange(0, 4).Draw(t, "k"); {
	case depth <= 0 || k == 0:
		if rapid.Bool().Draw(t, "const") {
			return ConstExpr(rapid.Bool().Draw(t, "b"))
		}
		return eq("pid", Int(1))
	case k == 1:
		x := genConstTree(t, depth-1)
		if _, ok := x.(*CompareExpr); ok {
			return not(x)
		}
		if c, ok := x.(ConstExpr); ok {
			return not(c)
		}
		return x
	case k == 2:
		return and(genConstTree(t, depth-1), genConstTree(t, depth-1))
	default:
		return or(genConstTree(t, depth-1), genConstTree(t, depth-1))
	}
}
