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
package match
