// Package execute runs a compiled plan: it sends every query of the plan to the Hunt API,
// maps each event it returns to STIX observed-data, and writes only the observed-data that
// take part in a match of the whole pattern.
//
// How much it must hold depends on the plan:
//
//   - An exact plan (its queries select exactly the events of its one observation) is
//     streamed: each event is mapped and written as it arrives.
//   - A pattern whose every match binds one observation (brackets joined by OR, with
//     START/STOP or WITHIN) is streamed too, each observed-data checked against the pattern
//     on its own before it is written.
//   - A correlation (observations joined by AND or FOLLOWEDBY, or REPEATS) is only decided
//     once every event is in: the mapped observed-data of every query are held in memory,
//     the pattern is matched over all of them, and those that take part in some match are
//     written, in the order they arrived.
//
// When a plan has several queries (observations with different time windows), an event
// that more than one of them returns is kept once, by its eventId.
package execute
