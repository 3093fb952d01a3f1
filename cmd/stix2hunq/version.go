package main

import (
	"fmt"
	"runtime/debug"
)

// version is set at link time with -ldflags "-X main.version=v1.2.3".
var version = ""

func init() {
	register("version", "Print the version of stix2hunq.", func() any { return &versionCmd{} })
}

type versionCmd struct{}

func (versionCmd) Run(io stdio) error {
	v := version
	if v == "" {
		v = "(devel)"
		if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
			v = info.Main.Version
		}
	}
	_, err := fmt.Fprintf(io.out, "stix2hunq %s\n", v)
	return err
}
