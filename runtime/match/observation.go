package match

import (
	"fmt"
	"time"
)

// Observation is one observed-data object in a plain form. Objects maps each object's
// reference name to the object: the index ("0", "1", ...) for STIX 2.0, or the object's id
// for STIX 2.1 (gather the objects named by object_refs under their ids). Reference
// properties ("*_ref" holding a name, "*_refs" holding a list of names) resolve against the
// keys of Objects. Values are those encoding/json decodes into an any (strings, float64 or
// json.Number, bool, []any, map[string]any), plus Go integers, []string and []byte.
type Observation struct {
	ID      string
	First   time.Time // first_observed
	Last    time.Time // last_observed
	Count   int       // number_observed; 0 stands for 1
	Objects map[string]map[string]any
}

// instances returns how many observations o stands for.
func (o *Observation) instances() int {
	if o.Count == 0 {
		return 1
	}
	return o.Count
}

// check reports a problem that makes o unusable.
func (o *Observation) check(i int) error {
	if o.Count < 0 {
		return fmt.Errorf("observation %d (%s): number_observed %d is negative", i, o.ID, o.Count)
	}
	if o.Last.Before(o.First) {
		return fmt.Errorf("observation %d (%s): last_observed %s is before first_observed %s",
			i, o.ID, o.Last.Format(time.RFC3339Nano), o.First.Format(time.RFC3339Nano))
	}
	return nil
}
