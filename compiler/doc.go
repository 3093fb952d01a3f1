// Package compiler turns a checked STIX pattern AST into a [Plan]: HunQ queries for the
// Hunt API of IBM QRadar EDR, whether they select exactly the events that match, why they
// are wider where they are not, and what the runtime must still check.
//
// Each bracketed comparison expression of the pattern is lowered into a small boolean
// formula ([Expr]) whose atoms are STIX comparisons ([Cmp]). A fixed, ordered table of
// named passes ([PassNames]: check, unmapped, map, nnf, flatten, simplify, windows) then
// checks it, makes comparisons on properties no field searches false, maps every other
// comparison to HunQ terms ([Term]) by the match kind of its fields, pushes negation down
// to single terms, flattens, simplifies and finally gives each observation its time
// window. The plan ORs the observations that share a window into one query and prints it
// through package hunq, the one place that quotes and escapes values.
//
// Soundness comes first: a query never loses a match. Where HunQ cannot say what STIX
// says, the comparison is widened (replaced by true) and the plan records a [Widening] with
// its reason and position; the runtime then applies the exact STIX semantics to the events
// the query returns. A plan is exact only when no comparison, window or observation
// operator needed that. In particular a negated comparison holds per STIX object, where
// HunQ's NOT holds per event, so it is only translated for a property held once per
// event, and widens otherwise.
package compiler
