package compiler

import "github.com/stix2hunq/stix2hunq/ast"

// pass is one named stage of the compiler.
type pass struct {
	name string
	run  func(u *unit) error
}

// passes is the compiler, in order. Each pass is idempotent and keeps the meaning of the
// formulas it rewrites (map and unmapped keep it up to recorded widenings).
var passes = []pass{
	// check: literal kinds, set types and qualifiers, before anything reads them.
	{"check", checkPass},
	// unmapped: comparisons on properties no field searches become false.
	{"unmapped", unmappedPass},
	// map: STIX comparisons become HunQ terms by field kind; needs unmapped first, so that
	// every remaining comparison has fields. It writes a negated comparison as NOT over
	// its positive formula (NOT IN as NOT over an OR), which nnf then distributes.
	{"map", mapPass},
	// nnf: negation only on single terms (De Morgan); after map, which introduces NOT.
	{"nnf", nnfPass},
	// flatten: AND in AND and OR in OR merge; after nnf, which nests groups.
	{"flatten", flattenPass},
	// simplify: constants, duplicates and absorbed terms go; after flatten, whose flat
	// operand lists it compares.
	{"simplify", simplifyPass},
	// windows: each observation's time window from its qualifiers and the clock.
	{"windows", windowsPass},
}

// PassNames returns the names of the compiler's passes, in the order they run.
func PassNames() []string {
	names := make([]string, len(passes))
	for i, p := range passes {
		names[i] = p.name
	}
	return names
}

// unit is the state that the passes share while compiling one pattern.
type unit struct {
	opts     *Options
	pattern  *ast.Pattern
	obs      []*obsState
	resolve  *resolver
	plan     *Plan                     // widenings, unmapped, decisions and trace accumulate here
	complete map[string][]Gap          // property -> unsearched event paths, in complete mode
	used     map[string]bool           // the properties the pattern compares, with sources
	sourced  map[string]bool           // those of used that Options.Sources yields, or nil
	stops    []*ast.StartStopQualifier // the qualifiers whose widenings are recorded
	terms    termBlock                 // where the map pass allocates terms
}

// obsState is one observation while it is compiled.
type obsState struct {
	bracket *ast.BracketExpr
	expr    Expr
	windows []*ast.StartStopQualifier // enclosing START/STOP, outermost first
	window  Window
	exact   bool
}

// rewrite applies f to every observation's formula.
func (u *unit) rewrite(f func(Expr) Expr) {
	for _, o := range u.obs {
		o.expr = f(o.expr)
	}
}

// widen records a widening of the comparison src in observation i.
func (u *unit) widen(i int, src *ast.CompareExpr, dropped bool, reason string) {
	u.obs[i].exact = false
	u.plan.Widenings = append(u.plan.Widenings, Widening{Observation: i, Pos: src.Pos,
		What: cmpText(src), Reason: reason, Dropped: dropped})
}

// cmpText writes a comparison as pattern text.
func cmpText(src *ast.CompareExpr) string {
	return (&Cmp{Src: src}).String()
}
