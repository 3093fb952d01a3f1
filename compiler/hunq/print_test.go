package hunq

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stix2hunq/stix2hunq/internal/golden"
)

func eq(f string, v Value) *CompareExpr   { return &CompareExpr{Field: f, Op: Eq, Value: v} }
func ne(f string, v Value) *CompareExpr   { return &CompareExpr{Field: f, Op: Ne, Value: v} }
func and(terms ...Node) *AndExpr          { return &AndExpr{Terms: terms} }
func or(terms ...Node) *OrExpr            { return &OrExpr{Terms: terms} }
func not(x Node) *NotExpr                 { return &NotExpr{X: x} }
func num(t *testing.T, text string) Value { v, err := Num(text); must(t, err); return v }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// printCases are the trees of the printer's golden file, in order.
func printCases(t *testing.T) []Node {
	readme := and(
		or(eq("eventdata.localPort", Str("443")),
			or(eq("login.ip", Str("192.168.1.2")), eq("$ip", Str("192.168.1.2")))),
		eq("happenedAfter", Str("2022-04-06T00:00:00.000Z")),
		eq("happenedBefore", Str("2022-04-06T00:05:00.000Z")))
	return []Node{
		eq("eventType", Int(8)),
		eq("hasAlert", Boolean(true)),
		eq("eventdata.size.gte", num(t, "-1.5")),
		ne("$md5", Str("d41d8cd98f00b204e9800998ecf8427e")),
		not(eq("$ip", Str("1.2.3.4"))),
		not(not(eq("pid", Int(4)))),
		readme,
		and(eq("a", Int(1)), and(eq("b", Int(2)), eq("c", Int(3)))),
		or(and(eq("a", Int(1)), eq("b", Int(2))), and(eq("c", Int(3)), or(eq("d", Int(4)),
			eq("e", Int(5))))),
		eq("$path", Str(`c:\program files\a "b" (c)`)),
		eq("cmdline", Str("line1\nline2\t\u00e9\u4e2d\U0001F600")),
		eq("cmdline", Str(`") OR $ip = "1`)),
		eq("cmdline", Str(`trailing\`)),
	}
}

func TestPrintGolden(t *testing.T) {
	var b strings.Builder
	for _, n := range printCases(t) {
		for _, d := range []Dialect{DefaultDialect, {Keywords: Lower, NotGroup: true}} {
			s, err := d.Print(n)
			if err != nil {
				s = "error: " + err.Error()
			}
			b.WriteString(s + "\n")
		}
		b.WriteString("\n")
	}
	golden.Check(t, filepath.Join("testdata", "print.golden"), b.String())
}

func TestPrintRefuses(t *testing.T) {
	tests := []struct {
		name string
		d    Dialect
		n    Node
		want string
	}{
		{"const", DefaultDialect, and(eq("a", Int(1)), True), ErrConst.Error()},
		{"one term", DefaultDialect, &AndExpr{Terms: []Node{eq("a", Int(1))}},
			"hunq: AND with 1 terms"},
		{"no terms", DefaultDialect, &OrExpr{}, "hunq: OR with 0 terms"},
		{"keyword field", DefaultDialect, eq("Not", Int(1)), `hunq: "Not" is not a field name`},
		{"bad field", DefaultDialect, eq("a b", Int(1)), `hunq: "a b" is not a field name`},
		{"empty field", DefaultDialect, eq("", Int(1)), `hunq: "" is not a field name`},
		{"not group", DefaultDialect, not(or(eq("a", Int(1)), eq("b", Int(2)))),
			"hunq: the dialect does not allow NOT over a group"},
		{"bad number", DefaultDialect, eq("a", Value{Kind: Number, Text: "1e5"}),
			`hunq: cannot express number "1e5": not a decimal number`},
		{"bad bool", DefaultDialect, eq("a", Value{Kind: Bool, Text: "t"}),
			`hunq: cannot express boolean "t": not true or false`},
		{"bad utf8", DefaultDialect, eq("a", Str("\xff")),
			`hunq: cannot express string "\xff": not valid UTF-8`},
		{"quote unescaped", Dialect{Escaping: EscapeNone}, eq("a", Str(`x"y`)),
			`hunq: cannot express string "x\"y": a double quote needs escaping`},
		{"nil", DefaultDialect, nil, "hunq: nil node"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.d.Print(tt.n)
			if err == nil {
				t.Fatalf("got %q, want error %q", got, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("got error %q, want %q", err, tt.want)
			}
		})
	}
}

func TestPrintConstIsErrConst(t *testing.T) {
	if _, err := Print(False); !errors.Is(err, ErrConst) {
		t.Errorf("got %v, want ErrConst", err)
	}
}

func TestCanExpress(t *testing.T) {
	var ie *InexpressibleError
	if err := (Dialect{Escaping: EscapeNone}).CanExpress(Str(`a"b`)); !errors.As(err, &ie) {
		t.Errorf("got %v, want *InexpressibleError", err)
	}
	if err := DefaultDialect.CanExpress(Str(`a"b\`)); err != nil {
		t.Errorf("got %v, want nil", err)
	}
	if err := (Dialect{Escaping: EscapeNone}).CanExpress(Str(`a\b`)); err != nil {
		t.Errorf("got %v, want nil", err)
	}
}

func TestNegate(t *testing.T) {
	c := eq("pid", Int(4))
	tests := []struct {
		d    Dialect
		c    *CompareExpr
		want Node
	}{
		{DefaultDialect, c, not(c)},
		{Dialect{Negation: NotEqual}, c, ne("pid", Int(4))},
		{DefaultDialect, ne("pid", Int(4)), c},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.d.Negate(tt.c)); diff != "" {
			t.Errorf("Negate(%v): got - want +:\n%s", tt.c, diff)
		}
	}
}
