package hunq

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		src  string
		want Node
	}{
		{`eventType = 8`, eq("eventType", Int(8))},
		{`$ip="172.16.60.184"`, eq("$ip", Str("172.16.60.184"))},
		{"hasAlert = TRUE", eq("hasAlert", Boolean(true))},
		{"x = False", eq("x", Boolean(false))},
		{`eventdata.localPort = "443"`, eq("eventdata.localPort", Str("443"))},
		{"eventdata.size.gte = -1.25", eq("eventdata.size.gte", Value{Number, "-1.25"})},
		{`a != "x"`, ne("a", Str("x"))},
		{"not a = 1", not(eq("a", Int(1)))},
		{"NOT (a = 1 or b = 2)", not(or(eq("a", Int(1)), eq("b", Int(2))))},
		{"a = 1 or b = 2 AND c = 3",
			or(eq("a", Int(1)), and(eq("b", Int(2)), eq("c", Int(3))))},
		{"a = 1 and (b = 2 and c = 3)",
			and(eq("a", Int(1)), and(eq("b", Int(2)), eq("c", Int(3))))},
		{"((a = 1))", eq("a", Int(1))},
		{"\n\t(a=1)\r\n  AnD\n  b=2 ", and(eq("a", Int(1)), eq("b", Int(2)))},
		{`p = "c:\windows\root\" OR x = 1"`, eq("p", Str(`c:\windows\root" OR x = 1`))},
		{`p = "c:\\inetpub"`, eq("p", Str(`c:\inetpub`))},
		{`p = "a\"b"`, eq("p", Str(`a"b`))},
		{"p = \"é\n中\"", eq("p", Str("é\n中"))},
	}
	for _, tt := range tests {
		got, err := Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Parse(%q): got - want +:\n%s", tt.src, diff)
		}
	}
}

func TestParseEscapeNone(t *testing.T) {
	d := Dialect{Escaping: EscapeNone}
	got, err := d.Parse(`p = "c:\windows\" and q = "\\"`)
	must(t, err)
	want := and(eq("p", Str(`c:\windows\`)), eq("q", Str(`\\`)))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("got - want +:\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"", "hunq:1:1: expected a field name, found end of query"},
		{"   ", "hunq:1:4: expected a field name, found end of query"},
		{"a", "hunq:1:2: expected = or != after a, found end of query"},
		{"a = ", "hunq:1:5: expected a value, found end of query"},
		{"a = b", "hunq:1:5: expected a value, found field b"},
		{"a = t", "hunq:1:5: expected a value, found field t"},
		{`a = "x`, "hunq:1:5: unterminated string"},
		{`a = "x\"`, "hunq:1:5: unterminated string"},
		{"a = 1.", `hunq:1:5: invalid number "1."`},
		{"a = 12abc", `hunq:1:5: invalid number "12abc"`},
		{"a = --1", `hunq:1:5: invalid number "--1"`},
		{"a == 1", "hunq:1:4: expected a value, found \"=\""},
		{"a = 1 b = 2", "hunq:1:7: unexpected field b"},
		{"a = 1 AND", "hunq:1:10: expected a field name, found end of query"},
		{"AND a = 1", "hunq:1:1: expected a field name, found keyword AND"},
		{"true = 1", "hunq:1:1: expected a field name, found keyword TRUE"},
		{"(a = 1", "hunq:1:7: expected ) to close ( at 1:1, found end of query"},
		{"a = 1)", `hunq:1:6: unexpected ")"`},
		{"a = 1 #", `hunq:1:7: unexpected character '#'`},
		{"a ! 1", `hunq:1:3: unexpected character '!'`},
		{"a = 1 AND\n  b = é", `hunq:2:7: unexpected character 'é'`},
		{"é = 1", `hunq:1:1: unexpected character 'é'`},
		{"a = \"x\"\n\n  or ()", "hunq:3:7: expected a field name, found \")\""},
		{`a = "é" c`, "hunq:1:9: unexpected field c"},
		{strings.Repeat("(", MaxDepth+1) + "a = 1",
			"hunq:1:201: nesting deeper than 200"},
		{strings.Repeat("NOT ", MaxDepth+1) + "a = 1",
			"hunq:1:801: nesting deeper than 200"},
	}
	for _, tt := range tests {
		n, err := Parse(tt.src)
		if err == nil {
			t.Errorf("Parse(%q) = %#v, want error %q", tt.src, n, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Parse(%q): got error %q, want %q", tt.src, err, tt.want)
		}
	}
}

func TestParseDepthLimitAccepts(t *testing.T) {
	src := strings.Repeat("(", MaxDepth) + "a = 1" + strings.Repeat(")", MaxDepth)
	if _, err := Parse(src); err != nil {
		t.Errorf("depth %d: %v", MaxDepth, err)
	}
}
