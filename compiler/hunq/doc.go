// Package hunq is the HunQ target language: the query nodes, one printer that owns quoting,
// escaping and parentheses, a parser for the same language, the HunQ field catalogue, and an
// evaluator of a query over one raw event.
//
// IBM publishes no grammar for HunQ. What is known is collected from working queries, and
// the choices that remain unverified (string escaping, keyword case, the negation form, NOT
// over a group) live in one place, the [Dialect]. The printer and the parser of one dialect
// agree: for every tree x that the dialect can print, Parse(Print(x)) equals x.
//
// The evaluator is the model of the Hunt API that the emulator serves and that differential
// tests use as their oracle. Its semantics per match kind are documented on [Compile].
package hunq
