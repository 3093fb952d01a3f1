package fuzz

import (
	"fmt"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

// maxAtoms bounds the distinct atoms of a formula whose every assignment is tried.
const maxAtoms = 10

// FuzzNormalize checks the compiler's formula passes (NNF, Flatten, Simplify, and the
// three in the compiler's order) on formulas read from the input bytes, over six HunQ
// terms with NOT, AND, OR and constants, and on the bracketed comparison expressions of
// the pattern text, lowered and put under NOTs the bytes choose: each pass keeps the
// formula's meaning under every assignment of truth values to its atoms, is idempotent,
// and establishes its normal form.
func FuzzNormalize(f *testing.F) {
	f.Add([]byte{4, 2, 0, 1, 3, 5, 2, 0, 9}, "[file:name = 'a' OR NOT file:size < 3]")
	f.Add([]byte{5, 5, 2, 4, 0, 0, 3, 1, 1, 2}, "")
	for _, s := range patternSeeds(f) {
		f.Add([]byte(s), s)
	}
	f.Fuzz(func(t *testing.T, data []byte, src string) {
		r := &reader{data: data}
		checkPasses(t, r.formula(6))
		p, err := ast.Parse(src, ast.ParseOptions{})
		if err != nil {
			return
		}
		ast.Inspect(p, func(n ast.Node) bool {
			if b, ok := n.(*ast.BracketExpr); ok {
				checkPasses(t, r.negate(compiler.Lower(b.Comparison)))
			}
			return true
		})
	})
}

// formulaPasses are the exported passes, alone and composed as the compiler runs them.
var formulaPasses = []struct {
	name string
	run  func(compiler.Expr) compiler.Expr
	post func(compiler.Expr) bool
}{
	{"NNF", compiler.NNF, isNNF},
	{"Flatten", compiler.Flatten, isFlat},
	{"Simplify", compiler.Simplify, simple},
	{"NNF+Flatten+Simplify", func(e compiler.Expr) compiler.Expr {
		return compiler.Simplify(compiler.Flatten(compiler.NNF(e)))
	}, func(e compiler.Expr) bool { return isNNF(e) && isFlat(e) && simple(e) }},
}

func checkPasses(t *testing.T, e compiler.Expr) {
	atoms := atomsOf(e, nil)
	if len(atoms) > maxAtoms {
		return
	}
	for _, p := range formulaPasses {
		got := p.run(e)
		for bits := 0; bits < 1<<len(atoms); bits++ {
			val := assignment(atoms, bits)
			if eval(e, val) != eval(got, val) {
				t.Fatalf("%s changes the meaning of %s: %s, under %v", p.name, e, got, val)
			}
		}
		if again := p.run(got); again.String() != got.String() {
			t.Fatalf("%s is not idempotent: %s, then %s", p.name, got, again)
		}
		if !p.post(got) {
			t.Fatalf("%s of %s gives %s, which is not in its normal form", p.name, e, got)
		}
	}
}

// atomKey names an atom as the passes tell atoms apart: a term by field, kind and text,
// a STIX comparison by its text.
func atomKey(e compiler.Expr) string {
	if t, ok := e.(*compiler.Term); ok {
		return fmt.Sprintf("%s\x00%d\x00%s", t.Field, t.Value.Kind, t.Value.Text)
	}
	return e.String()
}

func atomsOf(e compiler.Expr, seen []string) []string {
	switch e := e.(type) {
	case *compiler.Not:
		return atomsOf(e.X, seen)
	case *compiler.And:
		for _, x := range e.Xs {
			seen = atomsOf(x, seen)
		}
	case *compiler.Or:
		for _, x := range e.Xs {
			seen = atomsOf(x, seen)
		}
	case *compiler.Term, *compiler.Cmp:
		k := atomKey(e)
		for _, s := range seen {
			if s == k {
				return seen
			}
		}
		seen = append(seen, k)
	}
	return seen
}

func assignment(atoms []string, bits int) map[string]bool {
	val := make(map[string]bool, len(atoms))
	for i, a := range atoms {
		val[a] = bits&(1<<i) != 0
	}
	return val
}

func eval(e compiler.Expr, val map[string]bool) bool {
	switch e := e.(type) {
	case *compiler.Const:
		return e.Value
	case *compiler.Not:
		return !eval(e.X, val)
	case *compiler.And:
		for _, x := range e.Xs {
			if !eval(x, val) {
				return false
			}
		}
		return true
	case *compiler.Or:
		for _, x := range e.Xs {
			if eval(x, val) {
				return true
			}
		}
		return false
	}
	return val[atomKey(e)]
}

func isNNF(e compiler.Expr) bool {
	switch e := e.(type) {
	case *compiler.Not:
		switch e.X.(type) {
		case *compiler.Term, *compiler.Cmp:
			return true
		}
		return false
	case *compiler.And:
		return allOf(e.Xs, isNNF)
	case *compiler.Or:
		return allOf(e.Xs, isNNF)
	}
	return true
}

func isFlat(e compiler.Expr) bool {
	switch e := e.(type) {
	case *compiler.Not:
		return isFlat(e.X)
	case *compiler.And:
		for _, x := range e.Xs {
			if _, ok := x.(*compiler.And); ok {
				return false
			}
		}
		return allOf(e.Xs, isFlat)
	case *compiler.Or:
		for _, x := range e.Xs {
			if _, ok := x.(*compiler.Or); ok {
				return false
			}
		}
		return allOf(e.Xs, isFlat)
	}
	return true
}

// simple holds when a constant is the whole formula or nowhere, and every group has two
// operands or more.
func simple(e compiler.Expr) bool {
	if _, ok := e.(*compiler.Const); ok {
		return true
	}
	var inner func(compiler.Expr) bool
	inner = func(e compiler.Expr) bool {
		switch e := e.(type) {
		case *compiler.Const:
			return false
		case *compiler.Not:
			return inner(e.X)
		case *compiler.And:
			return len(e.Xs) >= 2 && allOf(e.Xs, inner)
		case *compiler.Or:
			return len(e.Xs) >= 2 && allOf(e.Xs, inner)
		}
		return true
	}
	return inner(e)
}

func allOf(xs []compiler.Expr, f func(compiler.Expr) bool) bool {
	for _, x := range xs {
		if !f(x) {
			return false
		}
	}
	return true
}

// reader turns fuzz bytes into formulas; past the end it reads zeros.
type reader struct {
	data []byte
	pos  int
}

func (r *reader) next() int {
	if r.pos >= len(r.data) {
		return 0
	}
	r.pos++
	return int(r.data[r.pos-1])
}

// terms are the atoms of read formulas: two of them print alike but differ in kind.
var terms = []*compiler.Term{
	{Field: "a", Value: hunq.Str("1")}, {Field: "a", Value: hunq.Int(1)},
	{Field: "b", Value: hunq.Str("1")}, {Field: "b", Value: hunq.Str("2")},
	{Field: "c", Value: hunq.Boolean(true)}, {Field: "c", Value: hunq.Str("true")},
}

// formula reads a formula at most depth deep.
func (r *reader) formula(depth int) compiler.Expr {
	op := r.next()
	if depth == 0 {
		op %= 2
	}
	switch op % 6 {
	case 0:
		return terms[r.next()%len(terms)]
	case 1:
		if r.next()%5 == 0 {
			return &compiler.Const{Value: r.next()%2 == 0}
		}
		return terms[r.next()%len(terms)]
	case 2:
		return &compiler.Not{X: r.formula(depth - 1)}
	}
	xs := make([]compiler.Expr, r.next()%5)
	for i := range xs {
		xs[i] = r.formula(depth - 1)
	}
	if op%6 == 3 {
		return &compiler.And{Xs: xs}
	}
	return &compiler.Or{Xs: xs}
}

// negate puts NOTs, as the bytes choose, over e and its groups.
func (r *reader) negate(e compiler.Expr) compiler.Expr {
	switch x := e.(type) {
	case *compiler.And:
		e = &compiler.And{Xs: r.negateAll(x.Xs)}
	case *compiler.Or:
		e = &compiler.Or{Xs: r.negateAll(x.Xs)}
	}
	for range r.next() % 3 {
		e = &compiler.Not{X: e}
	}
	return e
}

func (r *reader) negateAll(xs []compiler.Expr) []compiler.Expr {
	out := make([]compiler.Expr, len(xs))
	for i, x := range xs {
		out[i] = r.negate(x)
	}
	return out
}
