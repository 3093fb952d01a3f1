package grammar

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

// show writes tokens as TYPE@LINE:COL:VALUE, one a line.
func show(toks []lexer.Token) string {
	names := lexer.SymbolsByRune(definition{symbols})
	var b strings.Builder
	for _, t := range toks {
		fmt.Fprintf(&b, "%s@%d:%d:%s\n", names[t.Type], t.Pos.Line, t.Pos.Column, t.Value)
	}
	return b.String()
}

// TestScan: tokens, their types and their positions, with every kind of white space and
// comment between them; an observation's brackets come as one BracketText token.
func TestScan(t *testing.T) {
	src := "( [a:b.'ü'[*]\u00a0!=\t-1.5]\n/* c\nd */ AND\u3000" +
		"[x:y IN (t'2020-01-01T00:00:00Z',h'0a')]) // end\nWITHIN +2 SECONDS"
	toks, err := scan(src, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := "Punct@1:1:(\n" +
		"BracketText@1:3:[a:b.'ü'[*]\u00a0!=\t-1.5]\n" +
		"Keyword@3:6:AND\n" +
		"BracketText@3:10:[x:y IN (t'2020-01-01T00:00:00Z',h'0a')]\n" +
		"Punct@3:50:)\n" +
		"Keyword@4:1:WITHIN\nInt@4:8:+2\nKeyword@4:11:SECONDS\nEOF@4:18:\n"
	if got := show(toks); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	inner := &scanner{src: "a:b.'ü'[*]\u00a0!=\t-1.5", base: 3, line: 1, col: 4}
	var in []lexer.Token
	for {
		tok, err := inner.Next()
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, tok)
		if tok.EOF() {
			break
		}
	}
	want = "Ident@1:4:a\nPunct@1:5::\nIdent@1:6:b\nPunct@1:7:.\nString@1:8:'ü'\n" +
		"Punct@1:11:[\nPunct@1:12:*\nPunct@1:13:]\nOperator@1:15:!=\nFloat@1:18:-1.5\nEOF@1:22:\n"
	if got := show(in); got != want {
		t.Errorf("inside the brackets: got\n%s\nwant\n%s", got, want)
	}
}

// TestScanOperators: every operator spelling is one token.
func TestScanOperators(t *testing.T) {
	toks, err := scan("= == != <> < <= > >=", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tok := range toks[:len(toks)-1] {
		if tok.Type != Operator {
			t.Errorf("%q is not an operator token", tok.Value)
		}
		got = append(got, tok.Value)
	}
	if strings.Join(got, " ") != "= == != <> < <= > >=" {
		t.Errorf("got %q", got)
	}
}

// TestParseCST: the concrete syntax keeps chains flat, operands and operators in order.
func TestParseCST(t *testing.T) {
	p, err := Parse("[a:b = 1 AND c:d = 2 OR EXISTS e:f] FOLLOWEDBY ([g:h = 'x']) "+
		"WITHIN 5 SECONDS", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	o := p.Expr
	if len(o.Rest) != 1 || o.Ops[0] != "FOLLOWEDBY" {
		t.Fatalf("observations: %+v", o)
	}
	c := o.First.Bracket.Comparisons
	if len(c.Rest) != 2 || c.Ops[0] != "AND" || c.Ops[1] != "OR" || !c.Rest[1].Exists ||
		c.First.Path.Type != "a" || c.First.Op != "=" || c.First.Value.Literal.Value != "1" {
		t.Errorf("comparisons: %+v", c)
	}
	g := o.Rest[0]
	if g.Group == nil || len(g.Qualifiers) != 1 || g.Qualifiers[0].Within.Token.Value != "5" {
		t.Errorf("qualified group: %+v", g)
	}
}
