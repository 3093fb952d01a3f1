package compiler

import (
	"testing"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"pgregory.net/rapid"
)

// genFormula draws a formula over a few HunQ terms, so that duplicates, complements and
// absorbed operands are common.
func genFormula(t *rapid.T, depth int) Expr {
	kind := rapid.IntRange(0, 5).Draw(t, "kind")
	if depth == 0 {
		kind %= 2
	}
	switch kind {
	case 0:
		f := rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "field")
		v := rapid.SampledFrom([]string{"1", "2"}).Draw(t, "value")
		return &Term{Field: f, Value: hunq.Str(v)}
	case 1:
		if rapid.IntRange(0, 4).Draw(t, "const") == 0 {
			return constOf(rapid.Bool().Draw(t, "value"))
		}
		return genFormula(t, 0)
	case 2:
		return &Not{X: genFormula(t, depth-1)}
	}
	n := rapid.IntRange(0, 4).Draw(t, "n")
	xs := make([]Expr, n)
	for i := range xs {
		xs[i] = genFormula(t, depth-1)
	}
	if kind == 3 {
		return &And{Xs: xs}
	}
	return &Or{Xs: xs}
}

// eval evaluates a formula of *Term atoms under an assignment of truth values.
func eval(e Expr, val func(*Term) bool) bool {
	switch e := e.(type) {
	case *Const:
		return e.Value
	case *Term:
		return val(e)
	case *Not:
		return !eval(e.X, val)
	case *And:
		for _, x := range e.Xs {
			if !eval(x, val) {
				return false
			}
		}
		return true
	case *Or:
		for _, x := range e.Xs {
			if eval(x, val) {
				return true
			}
		}
		return false
	}
	panic("eval: unexpected node")
}

// formulaPasses are the passes that rewrite one formula without looking elsewhere.
var formulaPasses = []struct {
	name string
	f    func(Expr) Expr
	post func(Expr) bool // the property the pass establishes
}{
	{"nnf", NNF, isNNF},
	{"flatten", Flatten, isFlat},
	{"simplify", Simplify, noInnerConst},
}

func TestFormulaPassesKeepMeaningAndAreIdempotent(t *testing.T) {
	for _, p := range formulaPasses {
		t.Run(p.name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				e := genFormula(t, 4)
				got := p.f(e)
				bits := rapid.SliceOfN(rapid.Bool(), 6, 6).Draw(t, "assignment")
				val := func(x *Term) bool {
					return bits[int(x.Field[0]-'a')*2+int(x.Value.Text[0]-'1')]
				}
				if eval(e, val) != eval(got, val) {
					t.Fatalf("meaning changed: got %s, want the meaning of %s", got, e)
				}
				if again := p.f(got); again.String() != got.String() {
					t.Fatalf("not idempotent: got %s, then %s", got, again)
				}
				if !p.post(got) {
					t.Fatalf("%s does not hold the pass's property", got)
				}
			})
		})
	}
}

func TestNormalisationKeepsMeaning(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := genFormula(t, 5)
		got := Simplify(Flatten(NNF(e)))
		bits := rapid.SliceOfN(rapid.Bool(), 6, 6).Draw(t, "assignment")
		val := func(x *Term) bool { return bits[int(x.Field[0]-'a')*2+int(x.Value.Text[0]-'1')] }
		if eval(e, val) != eval(got, val) {
			t.Fatalf("meaning changed: got %s from %s", got, e)
		}
		if !isNNF(got) || !isFlat(got) || !noInnerConst(got) {
			t.Fatalf("%s is not normal", got)
		}
	})
}

func isNNF(e Expr) bool {
	switch e := e.(type) {
	case *Not:
		_, atom := e.X.(*Term)
		return atom
	case *And:
		return all(e.Xs, isNNF)
	case *Or:
		return all(e.Xs, isNNF)
	}
	return true
}

func isFlat(e Expr) bool {
	switch e := e.(type) {
	case *Not:
		return isFlat(e.X)
	case *And:
		for _, x := range e.Xs {
			if _, ok := x.(*And); ok {
				return false
			}
		}
		return all(e.Xs, isFlat)
	case *Or:
		for _, x := range e.Xs {
			if _, ok := x.(*Or); ok {
				return false
			}
		}
		return all(e.Xs, isFlat)
	}
	return true
}

// noInnerConst holds when a constant appears only as the whole formula and no group has
// fewer than two operands.
func noInnerConst(e Expr) bool {
	var inner func(Expr) bool
	inner = func(e Expr) bool {
		switch e := e.(type) {
		case *Const:
			return false
		case *Not:
			return inner(e.X)
		case *And:
			return len(e.Xs) >= 2 && all(e.Xs, inner)
		case *Or:
			return len(e.Xs) >= 2 && all(e.Xs, inner)
		}
		return true
	}
	if _, ok := e.(*Const); ok {
		return true
	}
	return inner(e)
}

func all(xs []Expr, f func(Expr) bool) bool {
	for _, x := range xs {
		if !f(x) {
			return false
		}
	}
	return true
}

func TestSimplifyRules(t *testing.T) {
	a := &Term{Field: "a", Value: hunq.Str("1")}
	b := &Term{Field: "b", Value: hunq.Str("1")}
	a2 := &Term{Field: "a", Value: hunq.Str("1")}
	tests := []struct {
		in   Expr
		want string
	}{
		{&Or{Xs: []Expr{a, &And{Xs: []Expr{a2, b}}}}, `a = "1"`},
		{&And{Xs: []Expr{a, &Or{Xs: []Expr{b, a2}}}}, `a = "1"`},
		{&And{Xs: []Expr{a, &Not{X: a2}}}, "false"},
		{&Or{Xs: []Expr{&Not{X: a}, a2, b}}, "true"},
		{&Or{Xs: []Expr{a, b, a2}}, `a = "1" OR b = "1"`},
		{&Or{Xs: []Expr{False(), &And{Xs: []Expr{True(), b}}}}, `b = "1"`},
		{&And{Xs: []Expr{b, False()}}, "false"},
		{&Or{}, "false"},
		{&Not{X: &Not{X: b}}, `b = "1"`},
	}
	for _, tt := range tests {
		if got := Simplify(tt.in).String(); got != tt.want {
			t.Errorf("Simplify(%s): got %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestNNFDeMorgan(t *testing.T) {
	a := &Term{Field: "a", Value: hunq.Str("1")}
	b := &Term{Field: "b", Value: hunq.Str("1")}
	tests := []struct {
		in   Expr
		want string
	}{
		{&Not{X: &Or{Xs: []Expr{a, b}}}, `NOT a = "1" AND NOT b = "1"`},
		{&Not{X: &And{Xs: []Expr{a, b}}}, `NOT a = "1" OR NOT b = "1"`},
		{&Not{X: &Not{X: a}}, `a = "1"`},
		{&Not{X: True()}, "false"},
	}
	for _, tt := range tests {
		if got := NNF(tt.in).String(); got != tt.want {
			t.Errorf("NNF(%s): got %s, want %s", tt.in, got, tt.want)
		}
	}
}
