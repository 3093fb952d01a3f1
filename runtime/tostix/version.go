package tostix

import "fmt"

// Version is a STIX output version.
type Version int

// The STIX versions a Mapper writes.
const (
	STIX20 Version = iota
	STIX21
)

// String returns "2.0" or "2.1".
func (v Version) String() string {
	if v == STIX21 {
		return "2.1"
	}
	return "2.0"
}

// ParseVersion accepts "2.0", "2.1" or "" (2.0).
func ParseVersion(s string) (Version, error) {
	switch s {
	case "2.0", "":
		return STIX20, nil
	case "2.1":
		return STIX21, nil
	}
	return STIX20, fmt.Errorf("unknown STIX version %q (want 2.0 or 2.1)", s)
}
