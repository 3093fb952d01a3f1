// Package compiler turns a checked STIX pattern AST into a [Plan]: HunQ queries for the
// Hunt API of IBM QRadar EDR, whether they select exactly the events that match, why they
// are wider where they are not, and what the runtime must still check.
//
// Each bracketed comparison expression of the pattern is lowered into a small boolean
// formula ([Expr]) whose atoms are STIX comparisons ([Cmp]). A fixed, ordered table of
// named passes ([Passes]) then checks it, maps every comparison to HunQ fields by their
// match kind ([Term]), pushes negation down to single comparisons, flattens, simplifies
// and finally gives each observation its time window. The plan ORs the observations that
// share a window into one query and prints it through package hunq.
//
// Soundness comes first: a query never loses a match. Where HunQ cannot say what STIX
// says, the comparison is widened (replaced by true) and the plan records a [Widening] with
// its reason and position; the runtime then applies the exact STIX semantics to the events
// the query returns.
package compiler
