package hunq

import "fmt"

// MatchKind is how a HunQ field matches `field = value` against an event path.
type MatchKind uint8

// The match kinds of the catalogue.
const (
	Term     MatchKind = iota // exact value
	Prefix                    // text match; see Compile for the model
	Exists                    // presence, written `field = true` or `field = false`
	RangeGTE                  // the path's number or time is at least the value
	RangeLTE                  // the path's number or time is at most the value
)

var kindNames = [...]string{"TERM", "PREFIX", "EXISTS", "RANGE_GTE", "RANGE_LTE"}

// String returns the catalogue's name of the kind, such as "TERM".
func (k MatchKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("MatchKind(%d)", k)
}

// ParseMatchKind returns the kind named s, as String writes it.
func ParseMatchKind(s string) (MatchKind, error) {
	for i, n := range kindNames {
		if n == s {
			return MatchKind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown match kind %q", s)
}
