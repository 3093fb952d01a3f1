package compiler

import (
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
)

// renamed21 maps properties of STIX 2.0 that STIX 2.1 renamed or replaced to their 2.1
// names. A pattern written for one version and read under the other compares properties
// that its events never have; the names let the error say which property was meant.
var renamed21 = map[string]string{
	"process:name":                       "process:image_ref.name",
	"process:binary_ref":                 "process:image_ref",
	"process:arguments":                  "process:command_line",
	"file:created":                       "file:ctime",
	"file:modified":                      "file:mtime",
	"file:accessed":                      "file:atime",
	"user-account:password_last_changed": "user-account:credential_last_changed",
	"windows-registry-key:modified":      "windows-registry-key:modified_time",
}

// renamed20 is renamed21 the other way, for the 2.1 names that have a 2.0 one.
var renamed20 = map[string]string{
	"process:image_ref":                    "process:binary_ref",
	"file:ctime":                           "file:created",
	"file:mtime":                           "file:modified",
	"file:atime":                           "file:accessed",
	"user-account:credential_last_changed": "user-account:password_last_changed",
	"windows-registry-key:modified_time":   "windows-registry-key:modified",
}

// versionHint returns, for a property that the STIX version v names otherwise, a note
// giving the property v has instead, or "".
func versionHint(prop string, v ast.Version) string {
	table, other := renamed21, "STIX 2.1"
	if v == ast.V20 {
		table, other = renamed20, "STIX 2.0"
	}
	colon := strings.IndexByte(prop, ':')
	if colon < 0 {
		return ""
	}
	end := len(prop)
	if i := strings.IndexAny(prop[colon:], ".["); i >= 0 {
		end = colon + i
	}
	to, ok := table[prop[:end]]
	if !ok {
		return ""
	}
	return prop + " is not in " + other + ", which has " + to + prop[end:]
}

// extensionHint returns, for a property that the events never have, a note naming the
// property that they do have when the two differ only in an extension's name by its "-ext"
// suffix (the event mapping names some extensions x-reaqta-process in STIX 2.0 and
// x-reaqta-process-ext in 2.1), or "".
func extensionHint(prop string, sources []Source, v ast.Version) string {
	const step = "extensions.'"
	for from := 0; ; {
		i := strings.Index(prop[from:], step)
		if i < 0 {
			return ""
		}
		start := from + i + len(step)
		end := strings.IndexByte(prop[start:], '\'')
		if end < 0 {
			return ""
		}
		end += start
		name := prop[start:end]
		alt := name + "-ext"
		if trimmed, ok := strings.CutSuffix(name, "-ext"); ok {
			alt = trimmed
		}
		other := prop[:start] + alt + prop[end:]
		for _, s := range sources {
			if key, _, _ := sourceKey(s.Property); key == other {
				return prop + " is named " + other + " in STIX " + v.String()
			}
		}
		from = end
	}
}
