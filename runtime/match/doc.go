// Package match evaluates a STIX pattern over STIX observed-data with the semantics of the
// STIX specification, taking the OASIS cti-pattern-matcher as the reference for behaviour.
//
// A [Matcher] is built once from an *ast.Pattern and applied to a set of [Observation]
// values. It reports whether the whole pattern matches and which observations take part in
// some match, so that a caller can keep exactly the observed-data that a pattern describes.
// [Comparison] exposes the evaluation of one bracketed comparison expression on one
// observation, for differential tests.
//
// Comparisons hold per object: a comparison expression holds for an observation when some
// object of the path's type satisfies it, and comparisons joined by AND inside one pair of
// brackets must hold for the same object. Negation (NOT and !=) applies to each value of
// each object. Observation operators relate distinct observations; an observation with a
// Count (number_observed) of n counts as n distinct observations with the same times.
//
// # Cost
//
// Matching first evaluates every bracket on every observation: O(observations x brackets
// x objects x path length). A pattern whose matches bind one observation each (brackets
// joined by OR, with START/STOP or WITHIN) stops there, and [Matcher.MatchesOne] can
// evaluate it one observation at a time. For a correlation (AND, FOLLOWEDBY, REPEATS) the
// matcher holds, besides the caller's observations, one list of candidate indices per
// bracket, three integers per observation (times and instances left) and the set of
// observations found to take part in a match. It then searches for one binding, and for
// each candidate not yet known to take part, for a binding that includes it; START/STOP
// windows are applied to the candidates beforehand, and FOLLOWEDBY and WITHIN bound each
// search to a time window found by binary search. The search takes at most the budget of
// steps given by [WithBudget] and fails with [ErrBudget] beyond it.
package match
