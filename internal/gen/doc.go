// Package gen draws random hunt events and STIX patterns for property-based tests
// (pgregory.net/rapid), so that differential tests can compare the two sides of the
// translation on inputs nobody wrote by hand.
//
// A [Universe] holds what the generators draw from for one STIX version: the event paths
// that the HunQ catalogue's fields and the event to STIX table read, the properties the
// table writes and those the STIX -> HunQ field map names. [Universe.Event] draws a raw
// Hunt API event: half of the time a realistic one from package sample, reshaped, the rest
// built path by path, with values of the kind each path holds (integers for process ids and
// ports, addresses, hashes, Windows paths, command lines, booleans, timestamps) taken from
// small pools, so that values collide across paths and events. [Universe.Pattern] draws a
// pattern whose comparisons name those properties and whose literals are, most of the
// time, values the given STIX objects hold, so that matches happen.
package gen
