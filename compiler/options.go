package compiler

import (
	"time"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
)

// DefaultTimeRange is the window searched when a pattern has no START/STOP qualifier.
const DefaultTimeRange = 5 * time.Minute

// Options control a compilation. The zero value compiles with the default field map and
// catalogue, the default dialect and the last five minutes before time.Now.
type Options struct {
	// Fields maps STIX properties to HunQ fields; nil means mapping.Default().
	Fields *mapping.Map
	// Catalog describes the HunQ fields; nil means hunq.DefaultCatalog().
	Catalog *hunq.Catalog
	// Dialect is the HunQ dialect queries are printed in.
	Dialect hunq.Dialect
	// Now is the clock of the default window; nil means time.Now.
	Now func() time.Time
	// TimeRange is the length of the default window; 0 means DefaultTimeRange.
	TimeRange time.Duration
	// Sources is the provenance of STIX properties in events (see package
	// runtime/coverage): it gives the coverage gaps, and a comparison on a property that
	// no source yields is false, as the events never have it, even where the field map
	// names fields for it. Without sources, every property of the field map is taken to
	// be present.
	//
	// Limitation: without sources, a comparison on a property that the event mapping
	// never writes in the pattern's STIX version (process:name in 2.1, binary_ref in 2.1,
	// image_ref in 2.0) is translated as the field map says and may be called exact, yet
	// the events' STIX never matches it.
	Sources []Source
	// Complete widens every comparison whose property also comes from an event path that
	// no mapped field reads, so that no event is missed because of a coverage gap.
	Complete bool
	// Trace records each observation's formula after each pass in Plan.Trace.
	Trace bool
	// Parsed says that the pattern comes from ast.Parse, which has checked it: the check
	// pass does not check it again.
	Parsed bool
}

func (o *Options) now() time.Time {
	if o.Now == nil {
		return time.Now()
	}
	return o.Now()
}

func (o *Options) timeRange() time.Duration {
	if o.TimeRange <= 0 {
		return DefaultTimeRange
	}
	return o.TimeRange
}

func (o *Options) catalog() *hunq.Catalog {
	if o.Catalog == nil {
		return hunq.DefaultCatalog()
	}
	return o.Catalog
}

func (o *Options) fields() *mapping.Map {
	if o.Fields == nil {
		return mapping.Default()
	}
	return o.Fields
}
