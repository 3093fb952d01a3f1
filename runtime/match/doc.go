// Package match evaluates a STIX pattern over STIX observed-data with the semantics of the
// STIX specification, taking the OASIS cti-pattern-matcher as the reference for behaviour.
//
// A [Matcher] is built once from an *ast.Pattern and applied to a set of [Observation]
// values. It reports whether the whole pattern matches and which observations take part in
// some match, so that a caller can keep exactly the observed-data that a pattern describes.
// [Comparison] exposes the evaluation of one bracketed comparison expression on one
// observation, for differential tests.
//
// # Semantics
//
// A comparison holds for an observation when some object of the path's type satisfies it
// with some value the path selects; NOT and != apply to each value of each object.
// Comparisons joined by AND inside one pair of brackets hold for one object of their type,
// and comparisons on different types for objects of the same observation. LIKE and
// MATCHES compare in Unicode normal form C; MATCHES is an unanchored search in RE2 syntax.
// Observation operators relate distinct observations: an observation with a Count
// (number_observed) of n counts as n distinct observations with the same times.
// FOLLOWEDBY requires the latest first_observed of its earlier operand to be at most the
// earliest last_observed of its later one; WITHIN requires the same of all observations of
// a match, allowing the duration; START/STOP requires each observation's interval to meet
// [start, stop). The notes in this package name each place where it departs from the
// reference, and why.
//
// # Cost
//
// Matching first evaluates every bracket on every observation: O(observations x brackets
// x objects x path length). A pattern whose matches bind one observation each (brackets
// joined by OR, with START/STOP or WITHIN) stops there, and [Matcher.MatchesOne] evaluates
// it one observation at a time, holding nothing between calls. For a correlation (AND,
// FOLLOWEDBY, REPEATS) the matcher holds, besides the caller's observations, one list of
// candidate indices per bracket, three integers per observation (times and instances
// left), two integers per leaf and per node of the pattern (REPEATS n counting n leaves),
// and the set of observations found to take part in a match. It then searches for one
// binding, and for each candidate not yet known to take part, for a binding that includes
// it; START/STOP windows are applied to the candidates beforehand, and FOLLOWEDBY and
// WITHIN bound each search to a time window found by binary search. The search takes at
// most the budget of steps given by [WithBudget] and fails with [ErrBudget] beyond it.
package match
