// Package tostix maps QRadar EDR (ReaQta) Hunt API events to STIX observed-data: a STIX 2.0
// bundle whose observed-data carry their objects keyed "0", "1", ..., or STIX 2.1 objects
// with deterministic ids for the cyber-observable objects.
//
// # The table
//
// The mapping is data: a [Table] (the embedded one, [DefaultTable], or a file read with
// [ParseTable] that replaces it or, with "base": "reaqta", extends it). Its objects are
// object groups: each names a STIX type and lists its properties and references.
//
//   - A property ("prop") is a dotted name inside the object, such as
//     "extensions.x-reaqta-process.logon_id"; a "values[]" step writes a list holding one
//     dictionary. Its sources ("from") are event paths tried in order: the first that
//     yields a value wins. A source may name a transformer ("as", see [Transformers]), a
//     condition ("when", "unless", see [Conditions]) and a constant ("value").
//   - A reference ("refs") points at the first object among its targets ("to") that
//     exists in the event; a list reference ("list", a name ending in _refs) points at all
//     of them. A reference is written only when its target exists, so every *_ref of the
//     output resolves.
//   - An object with "each" is built once per element of the first of its lists that is
//     present; its paths are relative to the element ("" is the element itself) unless
//     they start with "$.".
//   - "templates" are lists of objects instantiated by an object with "use", replacing
//     "{at}" and "{name}"; the nested processes of an event (target, child, accessor,
//     allocator, engine, service) are one template.
//   - "stix": "2.0" or "2.1" restricts a property or reference to one version;
//     "extensions_2_1" renames extensions for 2.1.
//
// An object is written when at least one of its properties has a value. Null, "", []
// and {} count as absent, unknown fields are ignored, and a value of the wrong type is
// skipped with a [Warning] naming the event and the path.
//
// Enrichment that the stix-shifter connector performs while fetching results lives in
// the transformers and conditions, so that raw Hunt API events and events the connector
// already rewrote map alike: event names from eventType, protocol and address family
// names from codes, tactic names from numbers, local and remote addresses split by
// family, and local/remote swapped into src/dst for inbound connections of raw events.
//
// Limitation: the table keeps values as QRadar EDR writes them where STIX prefers another
// spelling: registry keys stay in the kernel form ("\registry\machine\..."), not the hive
// form ("HKEY_LOCAL_MACHINE\..."), and the "-" that ETW writes for an empty field is kept as
// a value (a user "-", for instance), as the connector does; the STIX -> HunQ map searches
// the same spellings.
//
// # Use
//
// [Mapper.Map] maps one event to an [ObservedData], whose [ObservedData.Objects] gives
// the objects as generic JSON values for the STIX pattern matcher. [Writer] writes
// observed-data one at a time as a bundle or as JSON lines, and [Mapper.Translate] maps a
// stream (a JSON array or JSON lines) into a Writer while reading it, so memory stays
// flat. [Mapper.Provenance] lists, for every STIX property the table can produce, the
// event paths it comes from.
package tostix
