package hunq

import "strings"

// noteFor returns the known oddity of a field of the embedded catalogue, or "".
func noteFor(name string) string {
	last := name[strings.LastIndexByte(name, '.')+1:]
	switch {
	case last == "hasGui":
		return "reads noGui: the catalogue gives no inversion, so the evaluator matches " +
			"the value against noGui as it is, and the sense on a real Hive is unverified"
	case name == "ip.src" || name == "ip.dst":
		return "reads remoteAddr and localAddr chosen by outbound; the evaluator takes " +
			"localAddr as the source unless outbound is present and false"
	case last == "fsname":
		return "spelt fsname, reading program.fsName (the on-disk name); fsName is not a " +
			"field, and originalFilename is the PE original name"
	case last == "isSigned" && name != "isSigned" && name != "accessor.isSigned":
		return "lists the process (or data) object before its certInfo; the evaluator " +
			"takes the object as a guard: true when certInfo is present, false when the " +
			"object is present without it"
	}
	return ""
}
