// Package mapping is the STIX -> HunQ field map: for a STIX object type and property path,
// the HunQ fields that search it (their match kinds come from the hunq catalogue), whether
// the property holds one value per object, and whether the fields search more than the
// property. The map is data: an embedded file in the format of stix.map, which a user file
// may extend or replace. The package speaks object types and property path strings only,
// never pattern syntax trees.
package mapping
