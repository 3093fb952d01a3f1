package ast_test

import (
	"fmt"

	"github.com/stix2hunq/stix2hunq/ast"
)

func ExampleParse() {
	p, err := ast.Parse("[file:hashes.'SHA-256' = 'ab' OR file:name LIKE '%.exe'] "+
		"REPEATS 2 TIMES", ast.ParseOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	q := p.Expr.(*ast.QualifiedExpr)
	fmt.Println(q.Qualifier.(*ast.RepeatsQualifier).Times.Value)
	or := q.Expr.(*ast.BracketExpr).Comparison.(*ast.ComparisonBinaryExpr)
	fmt.Println(or.Op, len(or.Operands))
	// Output:
	// 2
	// OR 2
}

func ExampleParse_error() {
	_, err := ast.Parse("[file:name = 'a'] WITHIN 5 MINUTES", ast.ParseOptions{})
	fmt.Println(err)
	// Output:
	// pattern:1:28: expected SECONDS, found identifier MINUTES
}

func ExamplePrint() {
	p, _ := ast.Parse("[ file:size>=10 AND(file:name=='a'OR file:name<>'b')]", ast.ParseOptions{})
	fmt.Println(ast.Print(p))
	// Output:
	// [file:size >= 10 AND (file:name = 'a' OR file:name != 'b')]
}

func ExampleInspect() {
	p, _ := ast.Parse("[a:b = 1] AND [c:d.e[*] = 2]", ast.ParseOptions{})
	ast.Inspect(p, func(n ast.Node) bool {
		if path, ok := n.(*ast.ObjectPath); ok {
			fmt.Println(ast.Print(path))
		}
		return true
	})
	// Output:
	// a:b
	// c:d.e[*]
}

func ExampleCheck() {
	p := &ast.Pattern{Expr: &ast.BracketExpr{Comparison: &ast.CompareExpr{
		Op: ast.OpMatches, Path: &ast.ObjectPath{ObjectType: "file",
			Steps: []ast.PathStep{{Key: "name"}}},
		Value: &ast.StringLit{Pos: ast.Pos{Offset: 21, Line: 1, Column: 22}, Value: "(a"}}}}
	fmt.Println(ast.Check(p))
	// Output:
	// pattern:1:22: MATCHES needs a regular expression in RE2 syntax: missing closing ): `(a`
}
